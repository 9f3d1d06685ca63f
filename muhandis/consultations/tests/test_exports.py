import io

import pytest
from openpyxl import load_workbook

from muhandis.consultations.models import Status
from muhandis.core.models import AuditEntry

from .factories import make_comment, make_consultation, make_firm_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def commented(db):
    consultation = make_consultation(status=Status.CLOSED, clauses=2)
    first, second = consultation.clauses.all()
    named, firm = make_firm_member(given_name="Gʻayrat", family_name="Oʻrinov")
    hidden, hidden_firm = make_firm_member(given_name="Yashirin", family_name="Aʼzo")
    make_comment(first, named, "support", text="Quvur oʻlchami toʻgʻri.", organisation=firm)
    make_comment(
        first,
        hidden,
        "suggest",
        text='=HYPERLINK("x") Boshqa taklif.',
        proposed_wording="110 mm dan kam boʻlmasin.",
        anonymous=True,
        organisation=hidden_firm,
    )
    make_comment(second, named, "oppose", text="Обоснование на русском.", organisation=firm)
    first.summary_en = "Mostly supported."
    first.save()
    return consultation, firm, hidden_firm


def test_the_xlsx_export_lists_each_clause_with_counts_and_comments(client, registrar, commented):
    consultation, firm, hidden_firm = commented
    client.force_login(registrar)
    response = client.get(f"/en/consultations/staff/{consultation.public_id}/export.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.worksheets) == 1
    rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    header = rows.index(next(r for r in rows if r and r[0] == "Clause"))
    columns = rows[header]
    body = [dict(zip(columns, r, strict=False)) for r in rows[header + 1 :]]
    clause_row = next(r for r in body if r["Clause"] == "1.1" and r["Heading"])
    assert (clause_row["Support"], clause_row["Suggest a change"], clause_row["Oppose"]) == (
        1,
        1,
        0,
    )
    assert clause_row["Comment"] == "Mostly supported."
    comments = [r for r in body if r["Position"]]
    assert [(r["Clause"], r["Position"]) for r in comments] == [
        ("1.1", "Support"),
        ("1.1", "Suggest a change"),
        ("2.1", "Oppose"),
    ]
    assert comments[0]["Author"] == "Gʻayrat Oʻrinov"
    assert comments[0]["Organisation"] == firm.name
    assert comments[1]["Author"] == "A member (anonymous)"
    assert not comments[1]["Organisation"]
    assert comments[1]["Comment"].startswith("'=HYPERLINK")  # never run as a formula
    assert comments[1]["Proposed wording"] == "110 mm dan kam boʻlmasin."
    assert hidden_firm.name not in str(rows)
    assert AuditEntry.objects.filter(action="consultations.export.xlsx").count() == 1


def test_the_pdf_export_renders_uzbek_and_cyrillic_comments(client, administrator, commented):
    from pypdf import PdfReader

    consultation, _firm, hidden_firm = commented
    client.force_login(administrator)
    response = client.get(f"/uz/consultations/staff/{consultation.public_id}/export.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Quvur oʻlchami toʻgʻri." in text
    assert "Обоснование на русском." in text
    assert "Gʻayrat Oʻrinov" in text
    assert "Yashirin" not in text
    assert hidden_firm.name not in text
    assert AuditEntry.objects.filter(action="consultations.export.pdf").count() == 1
