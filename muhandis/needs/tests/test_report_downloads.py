import csv
import io
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from .factories_report import crafted_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return crafted_survey()


def _get(client, person, url):
    client.force_login(person)
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_the_spreadsheet_has_every_table_on_its_own_sheet_with_the_figures(
    client, survey, report_viewer
):
    response = _get(client, report_viewer, f"/en/needs/surveys/{survey.code}/report/report.xlsx")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content), data_only=True)
    assert workbook.sheetnames[:4] == ["Summary", "Competencies", "Areas", "Locus for focus"]
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(min_row=3, values_only=True)}
    assert summary["Respondents"] == 9
    assert summary["Response rate of personal links"] == 0.6
    assert summary["Personal links answered"] == 6
    assert summary["Supervisor or employer about their staff"] == "suppressed"
    sheet = workbook["Competencies"]
    header = [cell.value for cell in sheet[2]]
    first = dict(zip(header, [cell.value for cell in sheet[3]], strict=False))
    assert first["Code"] == "FIN-01"
    assert first["Rank"] == 1
    assert first["MWDS"] == 12
    assert first["Mean discrepancy"] == 3
    assert first["Priority"] == "Top"
    second = dict(zip(header, [cell.value for cell in sheet[4]], strict=False))
    assert (second["Code"], second["MWDS"]) == ("FIN-02", 4)


def test_the_spreadsheet_is_in_the_readers_language(client, survey, report_viewer):
    response = _get(client, report_viewer, f"/ru/needs/surveys/{survey.code}/report/report.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[1]
    header = [cell.value for cell in sheet[2]]
    assert "Компетенция" in header
    assert "Код" in header
    row = dict(zip(header, [cell.value for cell in sheet[3]], strict=False))
    assert row["Компетенция"] == "Сметное дело и бюджетирование"


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_names_the_top_competency(client, survey, report_viewer):
    response = _get(client, report_viewer, f"/en/needs/surveys/{survey.code}/report/report.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Greatest need: FIN-01" in text
    assert "Competencies ranked by training need" in text


def test_the_pdf_is_in_russian_for_a_russian_reader(client, survey, report_viewer):
    response = _get(client, report_viewer, f"/ru/needs/surveys/{survey.code}/report/report.pdf")
    text = _pdf_text(response.content)
    assert "FIN-01 Сметное дело и бюджетирование" in text
    assert "Опрос" in text  # the survey's Russian title
    assert "Компетенция" in text
    assert "Cost estimating" not in text


def _microdata(client, person, survey):
    response = _get(client, person, f"/en/needs/surveys/{survey.code}/report/microdata.csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_microdata_has_pseudonyms_and_ratings_but_nobody_and_no_free_text(
    client, survey, training_manager
):
    rows = _microdata(client, training_manager, survey)
    assert len(rows) == 9
    pseudonyms = set(survey.responses.values_list("pseudonym", flat=True))
    assert {row["pseudonym"] for row in rows} == pseudonyms
    assert {row["FIN-01_importance"] for row in rows} == {"4"}
    assert {row["FIN-01_current"] for row in rows} == {"1"}
    assert {row["FIN-03_importance"] for row in rows} == {""}
    flat = " ".join(" ".join(row.keys()) + " " + " ".join(row.values()) for row in rows)
    assert "@" not in flat
    assert "Dilnoza" not in flat
    assert "Chilonzor" not in flat
    assert not any(name in rows[0] for name in ("email", "person", "invitation", "comments"))


def test_downloading_the_microdata_is_audited(client, survey, training_manager):
    from muhandis.core.models import AuditEntry

    _microdata(client, training_manager, survey)
    entry = AuditEntry.objects.get(action="needs.microdata.exported")
    assert entry.actor == training_manager
    assert entry.after["rows"] == 9


def test_small_background_groups_are_suppressed_in_the_microdata(client, survey, administrator):
    rows = _microdata(client, administrator, survey)
    # Two women (under 5): hidden, and the men with them so the women cannot be recovered.
    assert {row["gender"] for row in rows} == {"suppressed"}
    # Two supervisors and seven engineers: the same.
    assert {row["kind"] for row in rows} == {"suppressed"}
    # Everyone is in Tashkent and in construction: nothing to hide.
    assert {row["region"] for row in rows} == {"UZ-TK"}
    assert {row["sector"] for row in rows} == {"construction"}


def test_the_codebook_covers_every_column_of_the_microdata(client, survey, administrator):
    columns = list(_microdata(client, administrator, survey)[0].keys())
    codebook = _get(
        client, administrator, f"/en/needs/surveys/{survey.code}/report/codebook.md"
    ).content.decode()
    described = re.findall(r"^\| `([^`]+)` \|", codebook, flags=re.M)
    assert described == columns
    assert "free-text answers" in codebook
    assert "fewer than 5 respondents" in codebook
    assert "`female` = Female" in codebook


def test_the_codebook_is_in_the_readers_language(client, survey, report_viewer):
    codebook = _get(
        client, report_viewer, f"/ru/needs/surveys/{survey.code}/report/codebook.md"
    ).content.decode()
    assert "`pseudonym`" in codebook
    assert "`female` = Женский" in codebook
    assert "Сметное дело и бюджетирование" in codebook


def test_the_spreadsheet_has_the_breakdowns_rates_and_waves_with_small_groups_suppressed(
    client, report_viewer
):
    from .factories import answer, make_survey

    earlier = make_survey(areas=("FIN",))
    for _index in range(6):
        answer(earlier, {"FIN-01": (4, 0), "FIN-02": (4, 3)})
    survey = crafted_survey(previous_wave=earlier)
    response = _get(client, report_viewer, f"/en/needs/surveys/{survey.code}/report/report.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    names = workbook.sheetnames
    assert {"Gender", "Region", "Who answered", "Waves"} <= set(names)
    assert "Rates by Distribution list" in names
    gender = workbook["Gender"]
    header = [cell.value for cell in gender[2]]
    counts = dict(zip(header, [cell.value for cell in gender[3]], strict=False))
    assert counts["Female: answers"] == "suppressed"
    assert counts["All: answers"] == 9
    waves = workbook["Waves"]
    header = [cell.value for cell in waves[2]]
    first = dict(zip(header, [cell.value for cell in waves[3]], strict=False))
    assert first["Code"] == "FIN-01"
    assert first["MWDS, earlier wave"] == 16
    assert first["MWDS, this wave"] == 12
