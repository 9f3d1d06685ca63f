"""Looking a certificate up by its number: one place for the page and the API."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, prefetch_related_objects
from django.utils.translation import gettext as _

from . import numbers, verification_counts
from .models import Certificate, CertificateStatusChange


@dataclass(frozen=True)
class Lookup:
    number: str
    certificate: Certificate | None = None
    problem_code: str = ""
    problem: str = ""


def look_up(text: str, *, with_history: bool = False) -> Lookup:
    """The certificate a typed or scanned number names, or why there is none."""
    parsed = numbers.parse(text)
    if parsed is None:
        return Lookup(
            numbers.normalise(text),
            problem_code="not_a_number",
            problem=_("This is not a certificate number. Numbers look like MHD-2026-00042-7."),
        )
    number, check_ok = parsed
    if not check_ok:
        return Lookup(
            number,
            problem_code="check_digit",
            problem=_(
                "This number has a typing error: its last digit does not match the others. "
                "Check each digit against the certificate."
            ),
        )
    found = Certificate.objects.select_related("scheme")
    if with_history:
        changes = CertificateStatusChange.objects.filter(certificate=OuterRef("pk"))
        found = found.annotate(has_history=Exists(changes))
    # Unordered, so that no ORDER BY is compiled or run for a unique number.
    certificate = next(iter(found.filter(number=number).order_by()[:1]), None)
    if certificate is None:
        return Lookup(
            number, problem_code="not_found", problem=_("No certificate has this number.")
        )
    if with_history:
        _attach_history(certificate)
    return Lookup(number, certificate)


def _attach_history(certificate: Certificate) -> None:
    """Fetch the status changes only for a certificate that has some. Most have none: they
    are marked as fetched and empty, the way ``prefetch_related`` marks them, so that showing
    the history costs no query and no SQL compilation."""
    if certificate.has_history:
        prefetch_related_objects([certificate], "status_changes")
        return
    empty = CertificateStatusChange.objects.none()
    empty._result_cache = []
    empty._prefetch_done = True
    certificate._prefetched_objects_cache = {"status_changes": empty}


def verify(text: str, *, with_history: bool = False) -> Lookup:
    """A public verification (the page, the API): the look-up, counted when it finds a
    certificate. Still one query: the count is kept in memory and written later."""
    found = look_up(text, with_history=with_history)
    if found.certificate is not None:
        verification_counts.record(found.certificate)
    return found
