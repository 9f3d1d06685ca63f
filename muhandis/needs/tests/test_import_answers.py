"""Answers collected in KoboToolbox or ODK are imported back: previewed, then confirmed; every
value that cannot be used is named by row and column."""

import io

import pytest

from muhandis.core.import_problems import ImportRefused
from muhandis.core.models import AuditEntry
from muhandis.needs.models import Channel, Rating, Response
from muhandis.needs.selectors.analysis import analyse
from muhandis.needs.services import imports

from .factories import make_survey
from .factories_xlsform import kobo_csv, odk_central_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return make_survey(code="field-2026", areas=("TEC", "LEG"))


def plan(survey, content, actor, filename="kobo.csv"):
    return imports.plan_answer_import(
        survey=survey, content=content, filename=filename, actor=actor
    )


def run(survey, content, actor, filename="kobo.csv"):
    return imports.import_answers(survey=survey, content=content, filename=filename, actor=actor)


def test_answers_exported_from_kobo_reach_the_analysis(survey, training_manager):
    rows = [
        {
            "TEC_01_imp": 4,
            "TEC_01_cur": 1,
            "TEC_02_imp": 3,
            "TEC_02_cur": 3,
            "respondent_kind": "self",
            "gender": "female",
            "region": "UZ-TK",
            "sector": "water",
            "barriers": "cost travel",
            "comments": "Kurslar kechqurun boʻlsin",
        },
        {"TEC_01_imp": 4, "TEC_01_cur": 2, "respondent_kind": "supervisor", "gender": "male"},
        {"TEC_01_imp": 3, "TEC_01_cur": 2, "respondent_kind": "self"},
    ]
    result = run(survey, kobo_csv(survey, rows), training_manager)
    assert result.created == 3
    analysis = analyse(survey)
    assert analysis.respondents == 3
    tec01 = analysis.by_code()["TEC-01"]
    assert tec01.figures.respondents == 3
    assert tec01.figures.mean_importance == pytest.approx(11 / 3)
    assert tec01.figures.mean_current == pytest.approx(5 / 3)
    first = Response.objects.get(source_key=result.plan.responses[0].source_key)
    assert first.channel == Channel.IMPORTED
    assert first.submitted_at is not None
    assert first.gender == "female"
    assert first.region.code == "UZ-TK"
    assert first.barriers == ["cost", "travel"]
    assert first.comments == "Kurslar kechqurun boʻlsin"
    assert Response.objects.filter(survey=survey, kind="supervisor").count() == 1


def test_importing_the_same_file_twice_adds_nothing(survey, training_manager):
    content = kobo_csv(survey, [{"TEC_01_imp": 2, "TEC_01_cur": 1}] * 2)
    assert run(survey, content, training_manager).created == 2
    again = run(survey, content, training_manager)
    assert again.created == 0
    assert again.plan.already == [2, 3]
    assert Response.objects.filter(survey=survey).count() == 2


def test_a_rating_outside_the_scale_is_named_and_left_out(survey, training_manager):
    content = kobo_csv(survey, [{"TEC_01_imp": 9, "TEC_01_cur": 1, "TEC_02_imp": 3}])
    found = plan(survey, content, training_manager)
    assert [(p.row, p.column) for p in found.problems] == [(2, "grp_TEC/TEC_01_imp")]
    assert "0 to 4" in found.problems[0].message
    result = run(survey, content, training_manager)
    assert result.created == 1
    ratings = {r.item.competency.code: (r.importance, r.current) for r in Rating.objects.all()}
    assert ratings == {"TEC-01": (None, 1), "TEC-02": (3, None)}


def test_unknown_background_codes_are_named_and_left_out(survey, training_manager):
    content = kobo_csv(
        survey,
        [{"TEC_01_imp": 2, "gender": "f", "region": "UZ-XX", "barriers": "cost weather"}],
    )
    found = plan(survey, content, training_manager)
    assert {(p.row, p.column) for p in found.problems} == {
        (2, "grp_background/gender"),
        (2, "grp_background/region"),
        (2, "grp_open/barriers"),
    }
    run(survey, content, training_manager)
    response = Response.objects.get(survey=survey)
    assert (response.gender, response.region, response.barriers) == ("", None, ["cost"])


def test_a_row_repeating_a_submission_is_refused(survey, training_manager):
    content = kobo_csv(
        survey, [{"_uuid": "same", "TEC_01_imp": 2}, {"_uuid": "same", "TEC_01_imp": 3}]
    )
    found = plan(survey, content, training_manager)
    assert found.refused_rows == [3]
    assert "row 2" in found.problems[0].message
    assert run(survey, content, training_manager).created == 1


def test_a_file_of_another_survey_is_refused_naming_the_expected_columns(survey, training_manager):
    content = "\ufeff_uuid;name;q1\nabc;Ali;3\n".encode()
    found = plan(survey, content, training_manager)
    assert found.file_refused
    assert "TEC_01_imp" in found.problems[0].message
    with pytest.raises(ImportRefused):
        run(survey, content, training_manager)
    assert not Response.objects.exists()


def test_odk_central_xlsx_with_dashes_and_numbers_is_read(survey, training_manager):
    content = odk_central_xlsx(
        survey,
        [
            {"instanceID": "uuid:1", "TEC_01_imp": 4, "TEC_01_cur": 0, "experience": "3-9"},
            {"instanceID": "uuid:2", "TEC_01_imp": 3.0, "TEC_01_cur": 2.5},
        ],
    )
    found = plan(survey, content, training_manager, "central.xlsx")
    assert [(p.row, p.column) for p in found.problems] == [(3, "grp_TEC-TEC_01_cur")]
    assert [r.source_key for r in found.responses] == ["uuid:1", "uuid:2"]
    run(survey, content, training_manager, "central.xlsx")
    assert Response.objects.get(source_key="uuid:1").experience == "3-9"


def test_plain_column_names_and_split_choices_are_read(survey, training_manager):
    content = (
        b"TEC_01_imp,TEC_01_cur,barriers/cost,barriers/language,meta/instanceID\n3,1,1,0,uuid:a\n"
    )
    found = plan(survey, content, training_manager)
    assert found.problems == []
    assert found.responses[0].barriers == ["cost"]
    assert found.responses[0].source_key == "uuid:a"


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        (b"\x00\x01garbage\xff" * 20, "kobo.xlsx"),
        (b"", "kobo.csv"),
        ("Ф;И;О\n".encode("cp1251"), "kobo.csv"),
        (b"PK\x03\x04broken", "kobo.xlsx"),
    ],
)
def test_bad_files_are_refused_with_a_message(survey, training_manager, content, filename):
    found = plan(survey, content, training_manager, filename)
    assert found.file_refused
    assert found.problems


def test_only_survey_staff_import(survey, engineer, report_viewer):
    from django.core.exceptions import PermissionDenied

    for person in (engineer, report_viewer):
        with pytest.raises(PermissionDenied):
            plan(survey, b"", person)


def test_the_pages_preview_then_confirm_and_audit(client, survey, training_manager):
    client.force_login(training_manager)
    content = kobo_csv(
        survey, [{"TEC_01_imp": 3, "TEC_01_cur": 1}, {"TEC_01_imp": 7, "TEC_01_cur": 2}]
    )
    upload = io.BytesIO(content)
    upload.name = "kobo.csv"
    response = client.post("/en/needs/surveys/field-2026/xlsform/answers/", {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 answers would be imported" in html
    assert "<code>grp_TEC/TEC_01_imp</code>" in html
    assert "is left out and the rest of its row is imported" in html
    token = response.context["confirm"].initial["token"]
    done = client.post(
        "/en/needs/surveys/field-2026/xlsform/answers/confirm/", {"token": token}, follow=True
    )
    assert "2 answers were imported" in done.content.decode()
    assert "2 answers have been imported from KoboToolbox or ODK so far" in done.content.decode()
    assert Response.objects.filter(survey=survey).count() == 2
    entry = AuditEntry.objects.get(action="needs.answers.imported")
    assert entry.after["file"] == "kobo.csv"
    assert entry.after["responses"] == 2


def test_a_token_for_another_survey_is_refused(client, survey, training_manager):
    other = make_survey(code="other-2026", areas=("TEC",))
    client.force_login(training_manager)
    upload = io.BytesIO(kobo_csv(survey, [{"TEC_01_imp": 3}]))
    upload.name = "kobo.csv"
    response = client.post("/en/needs/surveys/field-2026/xlsform/answers/", {"file": upload})
    token = response.context["confirm"].initial["token"]
    client.post(f"/en/needs/surveys/{other.code}/xlsform/answers/confirm/", {"token": token})
    assert not Response.objects.exists()


def test_a_refused_file_shows_its_problems_without_a_confirm_button(
    client, survey, training_manager
):
    client.force_login(training_manager)
    upload = io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00")
    upload.name = "answers.csv"
    response = client.post("/en/needs/surveys/field-2026/xlsform/answers/", {"file": upload})
    assert response.status_code == 400
    assert response.context["confirm"] is None
    assert 'id="problems"' in response.content.decode()


def test_the_preview_speaks_russian(client, survey, training_manager):
    training_manager.preferred_language = "ru"
    training_manager.save()
    client.force_login(training_manager)
    upload = io.BytesIO(kobo_csv(survey, [{"TEC_01_imp": 3}]))
    upload.name = "kobo.csv"
    response = client.post("/ru/needs/surveys/field-2026/xlsform/answers/", {"file": upload})
    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == "ru"


@pytest.mark.parametrize(
    "url",
    [
        "/en/needs/surveys/field-2026/xlsform/",
        "/en/needs/surveys/field-2026/xlsform/form.xlsx",
        "/en/needs/xlsform/import/",
    ],
)
def test_strangers_and_visitors_are_refused_the_pages(client, survey, url, stranger, report_viewer):
    assert client.get(url).status_code == 302
    for person in (stranger, report_viewer):
        client.force_login(person)
        assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/en/needs/surveys/field-2026/xlsform/answers/",
        "/en/needs/surveys/field-2026/xlsform/answers/confirm/",
    ],
)
def test_strangers_cannot_upload_or_confirm(client, survey, url, stranger):
    assert client.post(url, {"token": "x"}).status_code == 302
    client.force_login(stranger)
    assert client.post(url, {"token": "x"}).status_code == 403


def test_the_page_offers_the_download_within_the_query_budget(
    client, survey, training_manager, django_assert_max_num_queries
):
    client.force_login(training_manager)
    client.get("/en/needs/surveys/field-2026/xlsform/")  # the session's first page writes it
    with django_assert_max_num_queries(10):
        response = client.get("/en/needs/surveys/field-2026/xlsform/")
    assert response.status_code == 200
    assert "/needs/surveys/field-2026/xlsform/form.xlsx" in response.content.decode()
    download = client.get("/en/needs/surveys/field-2026/xlsform/form.xlsx")
    assert download.status_code == 200
    assert download["Content-Disposition"].endswith('field-2026-xlsform.xlsx"')


def test_a_row_rating_nothing_is_refused_and_kobo_meta_is_left_aside_quietly(
    survey, training_manager
):
    content = kobo_csv(survey, [{"TEC_01_imp": 3}, {"gender": "male"}])
    found = plan(survey, content, training_manager)
    assert found.refused_rows == [3]
    assert [(p.row, p.column) for p in found.problems] == [(3, "")]
    assert found.ignored == []


def test_a_competency_the_survey_does_not_ask_about_is_named(survey, training_manager):
    content = b"_uuid,TEC_01_imp,ENV_01_imp,name_of_enumerator\nu1,3,2,Ali\n"
    found = plan(survey, content, training_manager)
    assert [(p.row, p.column) for p in found.problems] == [(1, "ENV_01_imp")]
    assert found.ignored == ["ENV_01_imp", "name_of_enumerator"]
    assert found.importable


def test_two_columns_for_one_question_refuse_the_file(survey, training_manager):
    content = b"TEC_01_imp,grp_TEC/TEC_01_imp\n3,2\n"
    found = plan(survey, content, training_manager)
    assert found.file_refused
    assert [(p.row, p.column) for p in found.problems] == [(1, "grp_TEC/TEC_01_imp")]


@pytest.mark.parametrize("count", [3, 60])
def test_the_preview_reads_the_database_a_fixed_number_of_times(
    client, survey, training_manager, django_assert_max_num_queries, count
):
    client.force_login(training_manager)
    client.get("/en/needs/surveys/field-2026/xlsform/")  # the session's first page writes it
    rows = [{"TEC_01_imp": 3, "TEC_01_cur": 1, "region": "UZ-TK"} for _ in range(count)]
    upload = io.BytesIO(kobo_csv(survey, rows))
    upload.name = "kobo.csv"
    with django_assert_max_num_queries(10):
        response = client.post("/en/needs/surveys/field-2026/xlsform/answers/", {"file": upload})
    assert len(response.context["plan"].responses) == count


def test_answers_imported_by_another_upload_meanwhile_are_refused_cleanly(
    survey, training_manager, monkeypatch
):
    content = kobo_csv(survey, [{"_uuid": "u-1", "TEC_01_imp": 3}])
    found = plan(survey, content, training_manager)
    run(survey, content, training_manager)
    # The other upload committed after this one's check: the check no longer sees it.
    monkeypatch.setattr(imports, "plan_answer_import", lambda **kwargs: found)
    with pytest.raises(ImportRefused, match="same moment"):
        run(survey, content, training_manager)
    assert Response.objects.filter(survey=survey).count() == 1
