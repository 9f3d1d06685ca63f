"""The public register: who holds which certificate, searchable by anyone."""

from django.db.models import QuerySet
from django.utils import timezone

from muhandis.core.transliteration import search_key

from . import numbers
from .models import Certificate

STATUSES = ("valid", "expired", "suspended", "withdrawn")


def search(*, query: str = "", scheme: str = "", region: str = "", status: str = "") -> QuerySet:
    """Certificates matching a name (either script) or a number, a scheme code, a region code
    and a public status."""
    found = Certificate.objects.select_related("scheme", "holder__region")
    query = (query or "").strip()
    if query:
        parsed = numbers.parse(query)
        if parsed is not None:
            found = found.filter(number=parsed[0])
        else:
            key = search_key(query)
            found = found.filter(search_name__contains=key) if key else found.none()
    if scheme:
        found = found.filter(scheme__code=scheme)
    if region:
        found = found.filter(holder__region__code=region)
    today = timezone.localdate()
    if status == "valid":
        found = found.filter(status=Certificate.Status.VALID, expiry_date__gte=today)
    elif status == "expired":
        found = found.filter(status=Certificate.Status.VALID, expiry_date__lt=today)
    elif status in ("suspended", "withdrawn"):
        found = found.filter(status=status)
    return found.order_by("holder_name_latin", "number")


def public_row(certificate: Certificate, today) -> dict:
    """What the register shows of a certificate; nothing else about the holder."""
    region = certificate.holder.region
    return {
        "number": certificate.number,
        "holder_name_latin": certificate.holder_name_latin,
        "holder_name_cyrillic": certificate.holder_name_cyrillic,
        "scheme": certificate.scheme.title,
        "scheme_code": certificate.scheme.code,
        "region": region.code if region else "",
        "region_name": region.name if region else "",
        "status": certificate.public_status(today),
        "valid_until": certificate.expiry_date,
        "limitation": certificate.limitation,
    }
