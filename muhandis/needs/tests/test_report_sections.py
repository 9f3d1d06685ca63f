"""The report's breakdowns, response rates and wave comparison as a reader sees them."""

import html as entities
import re

import pytest

from muhandis.accounts.models import Region
from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import make_person

from .factories import answer, make_survey
from .factories_report import crafted_survey

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return entities.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def _section(response, ident: str) -> str:
    html = response.content.decode()
    start = html.index(f'id="{ident}"')
    end = html.index("</section>", start)
    return entities.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[start:end])))


@pytest.fixture
def reader(client, report_viewer):
    report_viewer.preferred_language = "en"
    report_viewer.save()
    client.force_login(report_viewer)
    return client


def test_small_groups_are_shown_as_suppressed_with_the_threshold_in_a_footnote(reader):
    survey = crafted_survey()
    page = reader.get(f"/en/needs/surveys/{survey.code}/report/?by=gender")
    section = _section(page, "breakdowns")
    groups = _section(page, "breakdown-groups")
    # The women are too few; the men are hidden with them, or 9 − 7 would give them away.
    assert re.search(r"Female suppressed \* — too few respondents", groups)
    assert re.search(r"Male suppressed \* — too few respondents", groups)
    assert "too few respondents to show without identifying someone" in section
    assert "a group of fewer than 5 respondents is not shown" in section


def test_a_meaningful_difference_between_groups_is_flagged_with_its_test_and_effect(reader):
    survey = make_survey(areas=("FIN",))
    for index in range(12):
        answer(survey, {"FIN-01": (4, index % 2), "FIN-02": (3, 2)}, gender="female")
        answer(survey, {"FIN-01": (4, 3 + index % 2), "FIN-02": (3, 2)}, gender="male")
    page = reader.get(f"/en/needs/surveys/{survey.code}/report/?by=gender")
    section = _section(page, "breakdowns")
    assert "Differences worth attention" in section
    flagged = (
        r"FIN-01 [^:]+: Welch's t-test, p < 0.001 after Holm's correction, "
        r"effect g = [\d.]+ \(large\); the gap is larger among: Female"
    )
    assert re.search(flagged, section)

    assert not re.search(r"FIN-02 [^:]+: Welch", section)


def test_the_dimension_picker_offers_every_breakdown(reader):
    survey = crafted_survey()
    page = reader.get(f"/en/needs/surveys/{survey.code}/report/?by=sector")
    links = re.findall(r'href="\?by=(\w+)#breakdowns"', page.content.decode())
    assert set(links) >= {
        "gender",
        "region",
        "sector",
        "job_role",
        "employer_size",
        "experience",
        "kind",
    }
    assert 'aria-current="true">Sector</a>' in page.content.decode()


def test_response_rates_per_list_and_a_warning_for_an_under_represented_group(reader):
    survey = crafted_survey()
    tashkent = Region.objects.get(code="UZ-TK")
    for index in range(20):
        make_person(Role.ENGINEER, gender="female" if index % 2 else "male", region=tashkent)
    page = reader.get(f"/en/needs/surveys/{survey.code}/report/")
    section = _section(page, "rates")
    assert re.search(r"Members, Tashkent 10 6 60 %", section)
    assert "Under-represented groups" in section
    assert re.search(r"Gender — Female", section)


def test_the_wave_comparison_says_which_gaps_closed(reader):
    earlier = make_survey(areas=("FIN",), code="needs-2026")
    later = make_survey(areas=("FIN",), code="needs-2027", previous_wave=earlier)
    for index in range(12):
        answer(earlier, {"FIN-01": (4, index % 2), "FIN-02": (3, 1 + index % 2)})
        answer(later, {"FIN-01": (4, 3 + index % 2), "FIN-02": (3, 1 + index % 2)})
    page = reader.get(f"/en/needs/surveys/{later.code}/report/waves/")
    text = _text(page)
    assert page.status_code == 200
    assert re.search(r"Gaps that closed: FIN-01 ", text)
    assert "Gaps that widened: none" in text
    assert re.search(r"FIN-02 [^0-9]+[\d.]+ [\d.]+ [+−-]?[\d.]+ no clear change", text)
    assert 'role="img"' in page.content.decode()


def test_the_wave_comparison_is_for_readers_only(client, stranger):
    survey = make_survey()
    url = f"/en/needs/surveys/{survey.code}/report/waves/"
    assert client.get(url).status_code == 302
    client.force_login(stranger)
    assert client.get(url).status_code == 403


def test_the_report_says_how_many_gaps_closed_since_the_previous_wave(
    reader, django_assert_max_num_queries
):
    earlier = make_survey(areas=("FIN",), code="wave-2026")
    later = make_survey(areas=("FIN",), code="wave-2027", previous_wave=earlier)
    for index in range(12):
        answer(earlier, {"FIN-01": (4, index % 2)})
        answer(later, {"FIN-01": (4, 3 + index % 2)})
    text = _text(reader.get(f"/en/needs/surveys/{later.code}/report/"))
    assert f"Compared with {earlier.title} — gaps closed: 1; gaps widened: 0." in text
    reader.get(f"/en/needs/surveys/{later.code}/report/waves/")
    with django_assert_max_num_queries(10):
        reader.get(f"/en/needs/surveys/{later.code}/report/waves/?earlier={earlier.code}")
