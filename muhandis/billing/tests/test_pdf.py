"""The invoice and credit note PDFs, read back as text."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from muhandis.billing import services
from muhandis.billing.pdf import credit_note_pdf, invoice_pdf

from .factories import make_invoice

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_an_uzbek_invoice_names_both_parties_lines_totals_and_words():
    invoice = make_invoice(language="uz")
    text = _text(invoice_pdf(invoice, link="https://muhandis.uz/i/1"))
    assert invoice.number in text
    assert "Oʻzbekiston muhandislik kompaniyalari uyushmasi" in text
    assert "201234567" in text
    assert "20212000900123456001" in text
    assert invoice.payer_name in text
    assert "Yomgʻir suvlarini boshqarish kursi" in text
    assert "10305008001000000" in text
    assert "Bir million bir yuz yigirma ming soʻm 00 tiyin" in text
    assert "120 000" in text  # the VAT of the line and of the invoice


def test_a_russian_invoice_is_in_russian_with_the_total_in_russian_words():
    invoice = make_invoice(language="ru")
    text = _text(invoice_pdf(invoice))
    assert "Один миллион сто двадцать тысяч сумов 00 тийинов" in text
    assert invoice.number in text


def test_a_kazakh_invoice_names_the_bin_and_tenge():
    invoice = make_invoice(language="ru", currency="KZT", price="21000")
    text = _text(invoice_pdf(invoice))
    assert "123456789012" in text
    assert "Двадцать одна тысяча тенге 00 тиынов" in text
    assert invoice.number.startswith("KZ-")


def test_a_credit_note_gives_its_invoice_reason_and_amount_in_words():
    invoice = make_invoice(language="ru", price="2000")
    services.cancel_invoice(invoice=invoice, reason="Курс отменён", actor=None)
    note = invoice.credit_notes.get()
    text = _text(credit_note_pdf(note))
    assert note.number in text
    assert invoice.number in text
    assert "Курс отменён" in text
    assert "Две тысячи сумов 00 тийинов" in text


def test_an_uzbek_credit_note_reads_in_uzbek():
    invoice = make_invoice(language="uz", price="1000001")
    services.record_payment(
        invoice=invoice, amount=Decimal("1000001"), provider="bank", external_id="b-1"
    )
    services.refund_invoice(invoice=invoice, reason="Kurs bekor qilindi", actor=None)
    note = invoice.credit_notes.get()
    text = _text(credit_note_pdf(note))
    assert "Bir million bir soʻm 00 tiyin" in text
    assert "Kurs bekor qilindi" in text
