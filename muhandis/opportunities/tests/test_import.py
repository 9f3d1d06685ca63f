"""Importing public tenders from a spreadsheet: each bad cell named by row and column, the
same file twice adds nothing, and no file makes a server error."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from muhandis.opportunities.models import Opportunity, Source
from muhandis.opportunities.services import imports
from tests.visible import read

from . import factories as f

pytestmark = pytest.mark.django_db

HEADER = ["reference", "title", "kind", "sectors", "regions", "areas", "value", "deadline"]


def _xlsx(rows, header=HEADER) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _soon(days=30):
    return timezone.localdate() + datetime.timedelta(days=days)


TWO_REGIONS = "UZ-TK, Samarqand viloyati"
GOOD = [
    ["XT-1", "Suv quvurlari", "tender", "water", TWO_REGIONS, "TCH", "850000000", _soon()],
    [
        "XT-2",
        "Maktab qurilishi",
        "",
        "construction",
        "",
        "",
        "12e9",
        _soon(40).strftime("%d.%m.%Y"),
    ],
]


def _upload(client, content, name="tenders.xlsx"):
    return client.post(
        "/en/opportunities/staff/import/", {"file": SimpleUploadedFile(name, content)}
    )


def test_preview_then_confirm_adds_the_tenders_and_the_same_file_again_adds_nothing(client):
    client.force_login(f.moderator())
    content = _xlsx(GOOD)
    response = _upload(client, content)
    assert response.status_code == 200
    assert "2 tenders would be added" in read(response.content.decode())[0]
    assert not Opportunity.objects.exists()
    token = response.context["confirm"].initial["token"]
    response = client.post("/en/opportunities/staff/import/confirm/", {"token": token})
    assert response.status_code == 302
    found = {o.source_reference: o for o in Opportunity.objects.all()}
    assert set(found) == {"XT-1", "XT-2"}
    first = found["XT-1"]
    assert first.source == Source.IMPORTED
    assert first.title_uz == "Suv quvurlari"
    assert sorted(first.regions.values_list("code", flat=True)) == ["UZ-SA", "UZ-TK"]
    assert first.value_band == "100m_1bn"
    assert found["XT-2"].value_band == "over_10bn"
    assert list(first.areas.values_list("code", flat=True)) == ["TCH"]
    response = _upload(client, content)
    assert "2 rows were imported before" in read(response.content.decode())[0]
    assert response.context["confirm"] is None
    assert Opportunity.objects.count() == 2


def test_each_bad_cell_is_named_by_row_and_column(client):
    client.force_login(f.moderator())
    rows = [
        ["XT-1", "Yaxshi", "tender", "water", "UZ-TK", "", "", _soon()],
        ["XT-2", "", "auction", "mining", "Atlantis", "ZZZ", "a lot", "31.02.2027"],
        ["XT-1", "Takror", "", "water", "", "", "", _soon(-2).isoformat()],
    ]
    response = _upload(client, _xlsx(rows))
    assert response.status_code == 400
    text = read(response.content.decode())[0]
    problems = [str(p) for p in response.context["plan"].problems]
    assert "Row 3, column “title (column B)”: this cell must not be empty." in problems
    assert any(
        p.startswith("Row 3, column “kind (column C)”: “auction” is not one of") for p in problems
    )
    assert any(
        p.startswith("Row 3, column “sectors (column D)”: “mining” is not a sector")
        for p in problems
    )
    assert any(
        p.startswith("Row 3, column “regions (column E)”: “Atlantis” is not a region")
        for p in problems
    )
    assert any("column “competence areas (column F)”" in p for p in problems)
    assert any("column “value (column G)”" in p for p in problems)
    assert (
        "Row 3, column “deadline (column H)”: “31.02.2027” is not a date: "
        "write YYYY-MM-DD or DD.MM.YYYY." in problems
    )
    assert "Row 4, column “reference (column A)”: the same reference as row 2." in problems
    assert any(p.startswith("Row 4, column “deadline (column H)”: the deadline") for p in problems)
    assert "Nothing can be imported" in text
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x00\x01garbage" * 50, "tenders.xlsx", "not a readable XLSX"),
        (b"PK\x03\x04not really a zip", "x.xlsx", "not a readable XLSX"),
        (b"title\n", "t.csv", "column is missing"),
        (b"\xff\xfe\x00bad", "t.csv", "not a spreadsheet"),
        (b"", "empty.csv", ""),
    ],
)
def test_garbage_is_refused_with_a_message_never_a_server_error(client, content, name, message):
    client.force_login(f.moderator())
    response = _upload(client, content, name)
    assert response.status_code == 400
    assert message in read(response.content.decode())[0]
    assert not Opportunity.objects.exists()


def test_a_plan_of_another_persons_file_cannot_be_confirmed_by_a_forged_token(client):
    client.force_login(f.moderator())
    response = client.post("/en/opportunities/staff/import/confirm/", {"token": "forged"})
    assert response.status_code == 302
    assert not Opportunity.objects.exists()


def test_template_download_is_a_workbook_with_the_columns(client):
    client.force_login(f.moderator())
    response = client.get("/en/opportunities/staff/import/template/")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in book["tenders"][1]] == imports.COLUMN_NAMES


def test_firm_representative_may_not_import(client):
    _firm, person = f.member_firm()
    client.force_login(person)
    assert client.get("/en/opportunities/staff/import/").status_code == 403


def test_problems_are_told_in_the_readers_language(client):
    client.force_login(f.moderator())
    rows = [["XT-9", "", "tender", "water", "", "", "", _soon()]]
    response = client.post(
        "/ru/opportunities/staff/import/",
        {"file": SimpleUploadedFile("tenders.xlsx", _xlsx(rows))},
    )
    assert response.status_code == 400
    problem = response.context["plan"].problems[0]
    with translation.override("ru"):
        assert str(problem).startswith("Строка 2, столбец")
    assert problem.row == 2
    assert problem.column.startswith("название")  # the column named in Russian
