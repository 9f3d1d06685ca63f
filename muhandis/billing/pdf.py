"""Invoices and credit notes as PDF, in the payer's language, drawn with ReportLab and the
DejaVu fonts (Uzbek Latin oʻ/gʻ with U+02BB, and Cyrillic)."""

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from muhandis.core.money import format_money
from muhandis.core.pdf_fonts import BOLD, FONT, register_fonts

from .models import CreditNote, Invoice, InvoiceLine, Issuer
from .words import amount_in_words

BLUE = colors.HexColor("#0b5e8e")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=12)
    return {
        "base": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10),
        "title": ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=16, leading=20, textColor=BLUE
        ),
        "head": ParagraphStyle("head", parent=base, fontName=BOLD, fontSize=10, leading=13),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "num": ParagraphStyle("num", parent=base, fontSize=8, leading=10, alignment=TA_RIGHT),
        "bold": ParagraphStyle("bold", parent=base, fontName=BOLD),
    }


def _p(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _date(value: object) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else "—"


def _tax_label(currency: str) -> str:
    # Kazakhstan numbers taxpayers by BIN, Uzbekistan by STIR.
    return _("BIN") if currency == "KZT" else _("STIR")


def _party(
    title: str, name: str, tax_number: str, address: str, bank: str, currency: str
) -> list[Paragraph]:
    s = _styles()
    rows = [_p(title, s["head"]), _p(name, s["bold"])]
    if tax_number:
        rows.append(_p(f"{_tax_label(currency)}: {tax_number}", s["base"]))
    if address:
        rows.append(_p(f"{_('Address')}: {address}", s["base"]))
    if bank:
        rows.append(_p(f"{_('Bank details')}: {bank}", s["base"]))
    return rows


def issuer_bank_details(issuer: Issuer) -> str:
    return _("%(bank)s, account %(account)s, bank code %(code)s") % {
        "bank": issuer.bank_name,
        "account": issuer.bank_account,
        "code": issuer.bank_code,
    }


def _parties(issuer: Issuer, payer: Invoice) -> Table:
    left = _party(
        _("Issuer"),
        issuer.name,
        issuer.tax_number,
        issuer.address,
        issuer_bank_details(issuer),
        issuer.currency,
    )
    right = _party(
        _("Payer"),
        payer.payer_name,
        payer.payer_tax_number,
        payer.payer_address,
        payer.payer_bank_details,
        payer.currency,
    )
    table = Table([[left, right]], colWidths=[90 * mm, 90 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def _percent(rate: Decimal) -> str:
    return formats.number_format(rate.normalize(), use_l10n=True) + "%"


def _description(line: InvoiceLine, s: dict[str, ParagraphStyle]) -> list[Paragraph]:
    cell = [_p(line.description, s["cell"])]
    if line.ikpu_code:
        cell.append(_p(f"{_('IKPU code')}: {line.ikpu_code}", s["cell"]))
    if line.package_code:
        cell.append(_p(f"{_('Package code')}: {line.package_code}", s["cell"]))
    return cell


def _lines_table(invoice: Invoice) -> Table:
    s = _styles()

    def money(amount: Decimal) -> Paragraph:
        # The currency is named once at the top: the columns hold the numbers alone.
        text = format_money(amount, invoice.currency).rsplit("\N{NO-BREAK SPACE}", 1)[0]
        return _p(text, s["num"])

    header = [
        _p(text, s["cell"])
        for text in (
            "№",
            _("Description"),
            _("Quantity"),
            _("Unit price"),
            _("Without VAT"),
            _("VAT rate"),
            _("VAT"),
            _("Amount"),
        )
    ]
    rows = [header]
    for line in invoice.lines.all():
        rows.append(
            [
                _p(line.position, s["cell"]),
                _description(line, s),
                _p(formats.number_format(line.quantity.normalize(), use_l10n=True), s["num"]),
                money(line.unit_price),
                money(line.net_amount),
                _p(_percent(line.vat_rate), s["num"]),
                money(line.vat_amount),
                money(line.gross_amount),
            ]
        )
    widths = [8, 62, 13, 21, 21, 12, 19, 24]
    table = Table(rows, colWidths=[w * mm for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8f1f7")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _totals(invoice: Invoice) -> Table:
    s = _styles()
    rows = [
        (_("Total without VAT"), invoice.net_total),
        (_("VAT"), invoice.vat_total),
        (_("Total to pay"), invoice.gross_total),
    ]
    if invoice.paid_total:
        rows += [(_("Paid"), invoice.paid_total), (_("Balance due"), invoice.balance)]
    data = [
        [_p(label, s["num"]), _p(format_money(amount, invoice.currency), s["num"])]
        for label, amount in rows
    ]
    table = Table(data, colWidths=[60 * mm, 40 * mm], hAlign="RIGHT")
    table.setStyle(TableStyle([("LINEABOVE", (0, 2), (-1, 2), 0.6, colors.black)]))
    return table


class _QR(Flowable):
    """A QR code as vector squares (optional: a link to the invoice's page)."""

    def __init__(self, text: str, size: float = 24 * mm) -> None:
        super().__init__()
        self.text, self.size = text, size
        self.width = self.height = size

    def draw(self) -> None:
        import segno

        matrix = list(segno.make(self.text, error="m").matrix)
        cell = self.size / (len(matrix) + 2)
        self.canv.setFillColor(colors.black)
        for r, row in enumerate(matrix):
            for c, dark in enumerate(row):
                if dark:
                    y = self.size - (r + 2) * cell
                    self.canv.rect((c + 1) * cell, y, cell, cell, stroke=0, fill=1)


def _build(story: list[Flowable], title: str) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title,
        author="Muhandis",
    )
    doc.build(story)
    return buffer.getvalue()


def invoice_pdf(invoice: Invoice, *, link: str = "") -> bytes:
    """The invoice in its payer's language; ``link`` (the invoice's page) adds a QR code."""
    register_fonts()
    with translation.override(invoice.language):
        s = _styles()
        title = (
            _("Invoice No. %(number)s") % {"number": invoice.number}
            if invoice.number
            else _("Draft invoice")
        )
        facts = [
            [_p(_("Issued"), s["base"]), _p(_date(invoice.issued_on), s["bold"])],
            [_p(_("Due by"), s["base"]), _p(_date(invoice.due_on), s["bold"])],
            [_p(_("Status"), s["base"]), _p(invoice.get_status_display(), s["bold"])],
            [_p(_("Currency"), s["base"]), _p(invoice.currency, s["bold"])],
        ]
        facts_table = Table(facts, colWidths=[35 * mm, 60 * mm], hAlign="LEFT")
        heading: list[list[Flowable]] = [[_p(title, s["title"]), facts_table]]
        story: list[Flowable] = [
            Table(
                heading, colWidths=[85 * mm, 95 * mm], style=[("VALIGN", (0, 0), (-1, -1), "TOP")]
            ),
            Spacer(1, 6 * mm),
            _parties(invoice.issuer, invoice),
            Spacer(1, 6 * mm),
            _lines_table(invoice),
            Spacer(1, 3 * mm),
            _totals(invoice),
            Spacer(1, 4 * mm),
            _p(
                _("Total in words: %(words)s")
                % {
                    "words": amount_in_words(
                        invoice.gross_total, invoice.currency, invoice.language
                    )
                },
                s["base"],
            ),
        ]
        if invoice.prices_include_vat:
            story.append(_p(_("Prices include VAT."), s["small"]))
        if invoice.number:
            story += [
                Spacer(1, 3 * mm),
                _p(
                    _(
                        "Write the invoice number %(number)s in the purpose of the payment, "
                        "so that we find it."
                    )
                    % {"number": invoice.number},
                    s["base"],
                ),
            ]
        if invoice.note:
            story += [Spacer(1, 3 * mm), _p(invoice.note, s["small"])]
        if link:
            story += [Spacer(1, 4 * mm), _QR(link)]
        return _build(story, title)


def credit_note_pdf(note: CreditNote) -> bytes:
    """The credit note in the language of its invoice's payer."""
    register_fonts()
    invoice = note.invoice
    with translation.override(invoice.language):
        s = _styles()
        title = _("Credit note No. %(number)s") % {"number": note.number}
        facts = [
            [_p(_("Issued"), s["base"]), _p(_date(note.issued_on), s["bold"])],
            [_p(_("For invoice"), s["base"]), _p(invoice.number or "—", s["bold"])],
            [_p(_("Invoice issued"), s["base"]), _p(_date(invoice.issued_on), s["bold"])],
            [_p(_("Invoice status"), s["base"]), _p(invoice.get_status_display(), s["bold"])],
        ]
        amount = [
            [
                _p(_("Amount credited"), s["num"]),
                _p(format_money(note.amount, invoice.currency), s["num"]),
            ],
        ]
        story: list[Flowable] = [
            Table(
                [[_p(title, s["title"]), Table(facts, colWidths=[35 * mm, 60 * mm])]],
                colWidths=[85 * mm, 95 * mm],
                style=[("VALIGN", (0, 0), (-1, -1), "TOP")],
            ),
            Spacer(1, 6 * mm),
            _parties(invoice.issuer, invoice),
            Spacer(1, 6 * mm),
            _p(_("Reason: %(reason)s") % {"reason": note.reason}, s["base"]),
            Spacer(1, 3 * mm),
            Table(amount, colWidths=[60 * mm, 40 * mm], hAlign="RIGHT"),
            Spacer(1, 3 * mm),
            _p(
                _("Amount in words: %(words)s")
                % {"words": amount_in_words(note.amount, invoice.currency, invoice.language)},
                s["base"],
            ),
        ]
        return _build(story, title)
