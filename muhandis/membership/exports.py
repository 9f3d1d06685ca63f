"""The membership register as an XLSX file for staff, in the reader's language; audited."""

import io

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muhandis.accounts.models import User
from muhandis.core import audit, tables

from .models import Membership
from .selectors.register import with_member

COLUMNS = [
    gettext_lazy("Member"),
    gettext_lazy("Members"),
    gettext_lazy("Type"),
    gettext_lazy("Status"),
    gettext_lazy("Region"),
    gettext_lazy("Firm size"),
    gettext_lazy("Gender"),
    gettext_lazy("Email"),
    gettext_lazy("Tax number"),
    gettext_lazy("Currency"),
    gettext_lazy("Member since"),
    gettext_lazy("Period from"),
    gettext_lazy("Period until"),
]


def _values(m: Membership) -> list:
    person, firm = m.person, m.organisation
    region = (person.region if person else firm.region) if (person or firm) else None
    return [
        str(person.get_full_name() if person else firm) if (person or firm) else "",
        str(_("Member firm") if firm else _("Individual member")),
        m.type.name,
        str(m.get_status_display()),
        region.name if region else "",
        str(firm.get_size_band_display()) if firm else "",
        str(person.get_gender_display()) if person and person.gender else "",
        person.email if person else "",
        firm.tax_number if firm else "",
        m.currency,
        m.member_since,
        m.start_date,
        m.end_date,
    ]


def register_xlsx(
    *, found: QuerySet[Membership], filters: dict, actor: User, request: HttpRequest
) -> tuple[bytes, str]:
    """The memberships ``found`` as an XLSX file and its name; the export is audited."""
    import openpyxl

    audit.record(
        "membership.register.exported",
        actor=actor,
        after={k: str(v) for k, v in filters.items() if v},
        request=request,
    )
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(str(_("Members")))
    sheet.append([str(c) for c in COLUMNS])
    for membership in with_member(found).iterator(chunk_size=2000):
        sheet.append([tables.safe_cell(v) for v in _values(membership)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), f"membership-register-{timezone.localdate().isoformat()}.xlsx"
