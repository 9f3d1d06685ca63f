"""Exporting the register in bulk (CSV or XLSX), in the reader's language, with each
certificate's public status."""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muhandis.accounts.models import User
from muhandis.core import audit, tables

from .. import register
from ..models import Certificate

EXPORT_COLUMNS = [
    ("number", gettext_lazy("Certificate number")),
    ("holder_name_latin", gettext_lazy("Name (Latin)")),
    ("holder_name_cyrillic", gettext_lazy("Name (Cyrillic)")),
    ("scheme_code", gettext_lazy("Scheme code")),
    ("scheme_version", gettext_lazy("Scheme version")),
    ("scheme", gettext_lazy("Scheme")),
    ("region", gettext_lazy("Region code")),
    ("region_name", gettext_lazy("Region")),
    ("status", gettext_lazy("Status")),
    ("valid_from", gettext_lazy("Valid from")),
    ("valid_until", gettext_lazy("Valid until")),
    ("limitation", gettext_lazy("Limitation of scope")),
    ("source", gettext_lazy("Issued by")),
]


def export_header() -> list[str]:
    return [str(label) for _key, label in EXPORT_COLUMNS]


def export_values(certificate: Certificate, today: datetime.date) -> list:
    region = certificate.holder.region
    return [
        certificate.number,
        certificate.holder_name_latin,
        certificate.holder_name_cyrillic,
        certificate.scheme.code,
        certificate.scheme.version,
        certificate.scheme.title,
        region.code if region else "",
        region.name if region else "",
        str(certificate.public_status(today).label),
        certificate.effective_date,
        certificate.expiry_date,
        certificate.limitation,
        certificate.get_source_display(),
    ]


class _Line:
    def write(self, value: str) -> str:
        return value


def export_csv(found: QuerySet) -> Iterator[str]:
    """The register as CSV lines (with a BOM, so that spreadsheets read it as UTF-8), in the
    language active now, even though the lines are made later, while the response streams."""
    return _csv_lines(found, translation.get_language())


def _csv_lines(found: QuerySet, language: str) -> Iterator[str]:
    writer = csv.writer(_Line())
    today = timezone.localdate()
    with translation.override(language):
        yield "\ufeff" + writer.writerow(export_header())
        for certificate in found.iterator(chunk_size=2000):
            values = export_values(certificate, today)
            yield writer.writerow(
                [tables.safe_cell(v.isoformat() if hasattr(v, "isoformat") else v) for v in values]
            )


def export_xlsx(found: Iterable[Certificate]) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(str(_("Register")))
    sheet.append(export_header())
    today = timezone.localdate()
    for certificate in found:
        sheet.append([tables.safe_cell(v) for v in export_values(certificate, today)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_register(
    *,
    query: str,
    filters: dict[str, object],
    fmt: str,
    actor: User,
    request: HttpRequest | None = None,
) -> tuple[Iterator[str] | bytes, str]:
    """The register as the public search finds it (``query`` and ``filters`` as on the register
    page), as CSV lines or an XLSX file, with its file name; audited as
    ``certification.register.exported``."""
    found = register.search(query=query, **filters)  # type: ignore[arg-type]  # the form's types
    audit.record(
        "certification.register.exported",
        actor=actor,
        after={"format": fmt, "q": query, **filters},
        request=request,
    )
    filename = f"register-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        return export_csv(found), filename
    return export_xlsx(found.iterator(chunk_size=2000)), filename
