import re

import pytest
from django.urls import reverse

from .factories_report import crafted_survey

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    """The page's visible text, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def survey():
    return crafted_survey()


def test_anonymous_visitor_is_sent_to_sign_in(client, survey):
    for name in ("report", "report_xlsx", "report_pdf", "report_codebook", "report_microdata"):
        response = client.get(reverse(f"needs:{name}", kwargs={"code": survey.code}))
        assert response.status_code == 302
        assert "/account/login/" in response["Location"]
    assert client.get(reverse("needs:report_index")).status_code == 302


def test_a_person_without_a_reporting_role_is_refused(client, survey, stranger, engineer):
    for person in (stranger, engineer):
        client.force_login(person)
        for name in ("report", "report_xlsx", "report_pdf", "report_codebook", "report_microdata"):
            response = client.get(reverse(f"needs:{name}", kwargs={"code": survey.code}))
            assert response.status_code == 403
        assert client.get(reverse("needs:report_index")).status_code == 403


def test_a_report_viewer_reads_the_report_but_not_the_microdata(client, survey, report_viewer):
    client.force_login(report_viewer)
    page = client.get(reverse("needs:report", kwargs={"code": survey.code}))
    assert page.status_code == 200
    assert "microdata.csv" not in page.content.decode()
    for name in ("report_xlsx", "report_pdf", "report_codebook"):
        assert client.get(reverse(f"needs:{name}", kwargs={"code": survey.code})).status_code == 200
    microdata = client.get(reverse("needs:report_microdata", kwargs={"code": survey.code}))
    assert microdata.status_code == 403


def test_the_report_shows_the_crafted_figures_ranked(client, survey, training_manager):
    training_manager.preferred_language = "en"
    training_manager.save()
    client.force_login(training_manager)
    page = client.get(f"/en/needs/surveys/{survey.code}/report/")
    text = _text(page)
    kinds = "Engineer about themselves: suppressed * — too few respondents to show without "
    assert f"Respondents 9 ({kinds}" in text
    assert "60 % (6 of 10 invited answered)" in text
    rows = re.findall(
        r"<tr>\s*<td>(\d)</td>\s*<td>[^<]*</td>\s*<th scope=\"row\"[^>]*><code>([A-Z]+-\d+)</code>",
        page.content.decode(),
    )
    assert rows == [("1", "FIN-01"), ("2", "FIN-02")]
    assert "12.00" in text
    assert "4.00" in text
    assert "Greatest need FIN-01" in text
    assert "microdata.csv" in page.content.decode()


def test_the_charts_are_labelled_images_with_their_figures_in_a_table(
    client, survey, report_viewer
):
    client.force_login(report_viewer)
    html = client.get(f"/en/needs/surveys/{survey.code}/report/").content.decode()
    assert html.count('role="img"') == 2
    assert '<title id="mwds-chart-title">Competencies ranked by training need' in html
    assert '<title id="focus-chart-title">Locus for focus' in html
    assert "Train first: important and lacking" in html
    assert html.count("<details") == 2


def test_the_page_needs_few_queries_whatever_the_number_of_respondents(
    client, report_viewer, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from muhandis.needs.views.report_data import build_report

    from .factories import answer

    survey = crafted_survey()
    for _index in range(30):
        answer(survey, {"FIN-01": (3, 2), "FIN-02": (2, 2), "FIN-03": (4, 0)}, gender="female")
    with CaptureQueriesContext(connection) as analysis:
        build_report(survey)
    analysis_queries = len(analysis)  # read now: each request empties the query log
    client.force_login(report_viewer)
    client.get(f"/en/needs/surveys/{survey.code}/report/")  # warm the per-process caches
    with django_assert_max_num_queries(10 + analysis_queries):
        response = client.get(f"/en/needs/surveys/{survey.code}/report/?by=gender")
    assert response.status_code == 200


def test_the_ranked_table_gives_the_rdm_and_the_share_below_the_role_profiles_level(
    client, report_viewer
):
    from muhandis.competencies.models import RoleProfile

    profile = RoleProfile.objects.get(framework__code="MUHANDIS-CORE", code="DESIGN")
    survey = crafted_survey(role_profile=profile)
    client.force_login(report_viewer)
    page = client.get(f"/en/needs/surveys/{survey.code}/report/")
    text = _text(page)
    assert f"Below the level required of {profile.title}" in text
    # FIN-01: everyone at level 1 against the 3 required; the RDM is the mean shortfall, 3.
    fin_01 = r"FIN-01 Cost estimating and budgeting 9 4.00 1.00 3.00 12.00 [\d.]+ – [\d.]+ "
    assert re.search(fin_01 + r"3.00 \(rank 1\) 100 % \(level 3\) Top", text)
    # FIN-02 is not in the profile.
    assert re.search(r"FIN-02 [A-Za-z ]+ 9 4.00 3.00 1.00 4.00 .*? 1.00 \(rank 2\) — ", text)


def test_a_survey_without_answers_says_so_and_its_downloads_still_open(client, report_viewer):
    from .factories import make_survey

    survey = make_survey(code="empty-wave")
    client.force_login(report_viewer)
    page = client.get(f"/en/needs/surveys/{survey.code}/report/")
    assert page.status_code == 200
    assert "No submitted answers yet" in _text(page)
    for name in ("report.xlsx", "report.pdf", "codebook.md"):
        assert client.get(f"/en/needs/surveys/{survey.code}/report/{name}").status_code == 200


def test_the_index_lists_the_opened_surveys_for_report_readers(client, report_viewer):
    from .factories import make_survey

    opened = make_survey(code="needs-2026")
    draft = make_survey(code="needs-draft", status="draft")
    client.force_login(report_viewer)
    html = client.get(reverse("needs:report_index")).content.decode()
    assert reverse("needs:report", kwargs={"code": opened.code}) in html
    assert reverse("needs:report", kwargs={"code": draft.code}) not in html


def test_a_reader_chooses_the_role_profile_whose_level_the_share_below_is_measured_against(
    client, report_viewer
):
    from muhandis.competencies.models import RoleProfile

    site = RoleProfile.objects.get(framework__code="MUHANDIS-CORE", code="SITE")
    survey = crafted_survey()
    client.force_login(report_viewer)
    page = client.get(f"/en/needs/surveys/{survey.code}/report/")
    assert "Below the level required of" not in _text(page)
    assert '<label class="form-label" for="id_profile">' in page.content.decode()
    page = client.get(f"/en/needs/surveys/{survey.code}/report/?profile=SITE")
    text = _text(page)
    assert f"Below the level required of {site.title}" in text
    assert re.search(r"100 % \(level 2\) Top", text)  # FIN-01: everyone at 1, SITE needs 2
    assert "report.xlsx?profile=SITE" in page.content.decode()


def test_no_figure_is_shown_while_fewer_than_the_threshold_have_answered(client, report_viewer):
    from .factories import answer, make_survey

    survey = make_survey(areas=("FIN",))
    for _index in range(3):
        answer(survey, {"FIN-01": (4, 1)})
    client.force_login(report_viewer)
    page = client.get(f"/en/needs/surveys/{survey.code}/report/")
    text = _text(page)
    assert "Fewer than 5 respondents have answered" in text
    assert 'id="ranked-table"' not in page.content.decode()
    assert "FIN-01" not in text
    pdf = client.get(f"/en/needs/surveys/{survey.code}/report/report.pdf")
    assert b"FIN-01" not in pdf.content


def test_a_competency_answered_by_too_few_is_left_out_and_counted(client, report_viewer):
    survey = crafted_survey()
    from .factories import answer

    for _index in range(3):
        answer(survey, {"FIN-03": (4, 0)})
    client.force_login(report_viewer)
    page = client.get(f"/en/needs/surveys/{survey.code}/report/")
    text = _text(page)
    assert "1 not shown: answered by fewer people than the smallest group shown" in text
    assert "FIN-03" not in text
