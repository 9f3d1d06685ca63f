"""The public register: who holds which certificate, searchable by anyone.

Always public: the number, the holder's names, the scheme (title, code, version) and the
status. Everything else only if the scheme lists it in ``Scheme.public_fields``, and the
holder's email and phone only if the holder chose ``contact_in_register``.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from muhandis.accounts.models import Employment, EmploymentRelation, User
from muhandis.core.phones import format_phone

from . import numbers
from .models import Certificate, PublicField

PAGE_SIZE = 25
LAST_PAGE = 400  # deeper than 10,000 rows, a person narrows the search instead


@dataclass(frozen=True)
class Page:
    """One page of results, found without counting every match (a count of a broad search
    reads the whole register): one row more than the page is fetched to know if there is
    a next page."""

    items: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_of(found: QuerySet, number: str | int | None, *, size: int = PAGE_SIZE) -> Page:
    """The page ``number`` (1 if it is missing or not a number) of ``found``."""
    try:
        wanted = min(max(int(number or 1), 1), LAST_PAGE)
    except (TypeError, ValueError):
        wanted = 1
    start = (wanted - 1) * size
    items = list(found[start : start + size + 1])
    return Page(items[:size], wanted, len(items) > size and wanted < LAST_PAGE)


def search(*, query: str = "", scheme: str = "", region: str = "", status: str = "") -> QuerySet:
    """Certificates matching a name (either script) or a number, a scheme code, a region code
    and a public status (one of ``PublicStatus``; empty: any)."""
    found = Certificate.objects.select_related("scheme", "holder__region").prefetch_related(
        Prefetch(
            "holder__employments",
            queryset=Employment.objects.filter(
                end_date__isnull=True, relation=EmploymentRelation.EMPLOYEE
            ).select_related("organisation"),
            to_attr="current_employments",
        )
    )
    query = (query or "").strip()
    if query:
        parsed = numbers.parse(query)
        found = found.filter(number=parsed[0]) if parsed is not None else found.named(query)
    if scheme:
        found = found.filter(scheme__code=scheme)
    if region:
        found = found.filter(holder__region__code=region)
    if status:
        found = found.showing(status, timezone.localdate())
    return found.order_by("holder_name_latin", "number")


def public_row(certificate: Certificate, today: datetime.date) -> dict:
    """What the register shows of a certificate: the always-public facts, the fields its
    scheme makes public and, if the holder opted in, how to contact them."""
    scheme = certificate.scheme
    row = {
        "number": certificate.number,
        "holder_name_latin": certificate.holder_name_latin,
        "holder_name_cyrillic": certificate.holder_name_cyrillic,
        "scheme": scheme.title,
        "scheme_code": scheme.code,
        "scheme_version": scheme.version,
        "status": certificate.public_status(today),
    }
    for name in scheme.public_fields or ():
        if name in _OPTIONAL:
            row.update(_OPTIONAL[name](certificate))
    row.update(contacts(certificate.holder))
    return row


def contacts(holder: User) -> dict:
    """The holder's email and phone, only if they chose to show them."""
    if not holder.contact_in_register or holder.anonymised_at is not None:
        return {}
    found = {"email": holder.email}
    if holder.phone:
        found["phone"] = format_phone(holder.phone)
    return found


def current_employer(holder: User) -> str:
    """The organisation the holder works for now, or the employer they typed in."""
    links = getattr(holder, "current_employments", None)
    if links is None:
        links = list(
            holder.employments.filter(
                end_date__isnull=True, relation=EmploymentRelation.EMPLOYEE
            ).select_related("organisation")
        )
    if links:
        return links[0].organisation.name
    return holder.employer_name


def _region(certificate: Certificate) -> dict:
    region = certificate.holder.region
    return {"region": region.code if region else "", "region_name": region.name if region else ""}


_OPTIONAL = {
    PublicField.REGION: _region,
    PublicField.SCOPE: lambda c: {"scope": c.scheme.scope},
    PublicField.LIMITATION: lambda c: {"limitation": c.limitation},
    PublicField.VALID_FROM: lambda c: {"valid_from": c.effective_date},
    PublicField.VALID_UNTIL: lambda c: {"valid_until": c.expiry_date},
    PublicField.EMPLOYER: lambda c: {"employer": current_employer(c.holder)},
}
