"""Bank statements in the encodings and layouts banks export, matched to invoices."""

import codecs
import io
from decimal import Decimal
from pathlib import Path

import pytest

from muhandis.billing import services, statements
from muhandis.billing.models import Invoice, Payment
from muhandis.billing.statements import Outcome, parse_amount, plan_statement, reconcile_statement

from .factories import make_invoice

pytestmark = pytest.mark.django_db

FILES = Path(__file__).parent / "statements"
CSV_FILES = [
    "statement-utf8-bom.csv",
    "statement-utf8.csv",
    "statement-cp1251.csv",
    "statement-utf16.csv",
]


@pytest.fixture
def invoices():
    """Three invoices numbered as the statements name them; the third is cancelled."""
    found = []
    for serial in (1, 2, 3):
        invoice = make_invoice(price="1120000")
        Invoice.objects.filter(pk=invoice.pk).update(number=f"INV-2026-{serial:06d}")
        invoice.refresh_from_db()
        found.append(invoice)
    services.cancel_invoice(invoice=found[2], reason="Session cancelled", actor=None)
    return found


def _xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Bank statement"])
    sheet.append(["Дата", "№ документа", "Плательщик", "Назначение платежа", "Сумма", "Валюта"])
    rows = [
        (101, "Оплата по счёту INV-2026-000001", 1120000, "UZS"),
        (102, "оплата INV-2026-000002", 500000, "UZS"),
        (103, "Оплата по счёту INV-2026-000099", 1120000, "UZS"),
        (104, "Оплата за курс", 1120000, "UZS"),
        (105, "Оплата INV-2026-000003", 1120000, "UZS"),
        (106, "Комиссия банка", -15000, "UZS"),
    ]
    import datetime

    for day, (ref, purpose, amount, currency) in enumerate(rows, start=1):
        sheet.append([datetime.date(2026, 12, day), ref, "Payer", purpose, amount, currency])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _contents():
    for name in CSV_FILES:
        yield name, (FILES / name).read_bytes()
    # UTF-16 as some banks write it: no byte-order mark.
    with_bom = (FILES / "statement-utf16.csv").read_bytes()
    yield "statement-utf16-no-bom.csv", with_bom[len(codecs.BOM_UTF16_LE) :]
    yield "statement.xlsx", _xlsx()


CONTENTS = list(_contents())


@pytest.mark.parametrize(("name", "content"), CONTENTS, ids=[n for n, _ in CONTENTS])
def test_each_row_of_the_statement_is_sorted_by_what_it_pays(invoices, name, content):
    plan = plan_statement(content=content)
    outcomes = [row.outcome for row in plan.rows]
    assert outcomes == [
        Outcome.MATCHED,
        Outcome.WRONG_AMOUNT,
        Outcome.UNKNOWN_INVOICE,
        Outcome.NO_NUMBER,
        Outcome.CLOSED_INVOICE,
        Outcome.OUTGOING,
    ]
    matched = plan.matched[0]
    assert matched.invoice == invoices[0]
    assert matched.amount == Decimal("1120000.00")
    assert plan.rows[1].invoice == invoices[1]
    assert plan.rows[1].expected == Decimal("1120000.00")
    assert len(plan.for_a_person) == 4


@pytest.mark.parametrize(("name", "content"), CONTENTS, ids=[n for n, _ in CONTENTS])
def test_the_same_statement_twice_pays_once(invoices, registrar, name, content):
    first = reconcile_statement(content=content, filename=name, actor=registrar)
    second = reconcile_statement(content=content, filename=name, actor=registrar)
    assert first.recorded == 1
    assert second.recorded == 0
    invoices[0].refresh_from_db()
    assert invoices[0].status == Invoice.Status.PAID
    payment = Payment.objects.get()
    assert payment.provider == "bank"
    assert payment.recorded_by == registrar
    assert payment.received_at.date().isoformat() == "2026-12-01"
    again = plan_statement(content=content)
    assert again.rows[0].outcome == Outcome.ALREADY_RECORDED


def test_a_statement_paying_in_another_currency_is_left_for_a_person(invoices):
    content = b"Date;Reference;Purpose;Amount;Currency\n01.12.2026;1;INV-2026-000001;1120000;KZT\n"
    assert plan_statement(content=content).rows[0].outcome == Outcome.WRONG_CURRENCY


def test_two_rows_for_one_invoice_pay_it_once(invoices):
    content = (
        b"Date;Reference;Purpose;Amount\n"
        b"01.12.2026;1;INV-2026-000001;1120000\n"
        b"02.12.2026;2;INV-2026-000001 again;1120000\n"
        b"03.12.2026;3;INV-2026-000001 INV-2026-000002;2240000\n"
    )
    outcomes = [row.outcome for row in plan_statement(content=content).rows]
    assert outcomes == [Outcome.MATCHED, Outcome.CLOSED_INVOICE, Outcome.SEVERAL_NUMBERS]


def test_rows_without_a_reference_are_told_apart_by_their_content(invoices, registrar):
    content = "Дата;Назначение платежа;Сумма\n01.12.2026;INV-2026-000001;1 120 000\n".encode()
    first = reconcile_statement(content=content, filename="a.csv", actor=registrar)
    assert first.recorded == 1
    assert Payment.objects.get().external_id.startswith("stmt-row:")
    assert reconcile_statement(content=content, filename="a.csv", actor=registrar).recorded == 0


@pytest.mark.parametrize(
    "content",
    [b"", b"just some words\nand more\n", b"\x89PNG\r\n\x1a\n\x00\x00\x00", b"PK\x03\x04broken"],
)
def test_a_file_that_is_not_a_statement_is_refused_with_a_reason(content):
    with pytest.raises(statements.StatementError):
        plan_statement(content=content)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("1 234 567,89", "1234567.89"),
        ("1\u00a0234\u00a0567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("1.234.567,89", "1234567.89"),
        ("1234567.89", "1234567.89"),
        ("1 120 000", "1120000"),
        ("1,120,000", "1120000"),
        ("12,5", "12.5"),
        ("1'120'000.00", "1120000"),
        ("-15 000,00", "-15000"),
        ("1 120 000,00 сум", "1120000"),
    ],
)
def test_amounts_are_read_whatever_the_separators(text, amount):
    assert parse_amount(text) == Decimal(amount)


def test_an_unreadable_amount_is_listed(invoices):
    content = b"Date;Purpose;Amount\n01.12.2026;INV-2026-000001;n/a\n"
    assert plan_statement(content=content).rows[0].outcome == Outcome.BAD_AMOUNT


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("UZS", "UZS"),
        ("860", "UZS"),
        ("сум", "UZS"),
        ("Soʻm", "UZS"),
        ("398", "KZT"),
        ("тенге", "KZT"),
        ("USD", "USD"),
    ],
)
def test_currencies_are_read_as_banks_write_them(written, code):
    assert statements.parse_currency(written) == code


def test_a_currency_written_as_its_number_matches_the_invoice(invoices):
    content = "Дата;Назначение платежа;Сумма;Валюта\n01.12.2026;INV-2026-000001;1 120 000,00;860\n"
    assert plan_statement(content=content.encode()).rows[0].outcome == Outcome.MATCHED
