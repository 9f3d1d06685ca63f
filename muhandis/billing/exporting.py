"""Invoices as CSV or XLSX for billing staff, in the reader's language."""

import csv
import io
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muhandis.accounts.models import User
from muhandis.core import audit, tables

from .models import Invoice

COLUMNS = [
    gettext_lazy("Number"),
    gettext_lazy("Status"),
    gettext_lazy("Currency"),
    gettext_lazy("Payer"),
    gettext_lazy("Payer's tax number"),
    gettext_lazy("Payer's email"),
    gettext_lazy("Issued"),
    gettext_lazy("Due"),
    gettext_lazy("Amount without VAT"),
    gettext_lazy("VAT"),
    gettext_lazy("Total"),
    gettext_lazy("Paid"),
    gettext_lazy("Balance"),
]


def _values(invoice: Invoice) -> list:
    return [
        invoice.number or "",
        str(invoice.get_status_display()),
        invoice.currency,
        invoice.payer_name,
        invoice.payer_tax_number,
        invoice.payer_email,
        invoice.issued_on,
        invoice.due_on,
        invoice.net_total,
        invoice.vat_total,
        invoice.gross_total,
        invoice.paid_total,
        invoice.balance,
    ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(found: QuerySet[Invoice], language: str) -> Iterator[str]:
    writer = csv.writer(_Echo())
    with translation.override(language):
        yield "\ufeff" + writer.writerow([str(c) for c in COLUMNS])
        for invoice in found.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    tables.safe_cell(v.isoformat() if hasattr(v, "isoformat") else v)
                    for v in _values(invoice)
                ]
            )


def _xlsx(found: QuerySet[Invoice]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(str(_("Invoices")))
    sheet.append([str(c) for c in COLUMNS])
    for invoice in found.iterator(chunk_size=2000):
        sheet.append([tables.safe_cell(v) for v in _values(invoice)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_invoices(
    *, found: QuerySet[Invoice], fmt: str, filters: dict, actor: User, request: HttpRequest
) -> tuple[Iterator[str] | bytes, str]:
    """The invoices ``found`` as CSV lines or an XLSX file, with a file name; audited."""
    audit.record(
        "billing.invoices.exported",
        actor=actor,
        after={"format": fmt, **{k: str(v) for k, v in filters.items() if v}},
        request=request,
    )
    filename = f"invoices-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        return _csv_lines(found, translation.get_language()), filename
    return _xlsx(found), filename
