"""Looking a certificate up by its number: one place for the page and the API."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from . import numbers
from .models import Certificate


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
        found = found.prefetch_related("status_changes")
    certificate = found.filter(number=number).first()
    if certificate is None:
        return Lookup(
            number, problem_code="not_found", problem=_("No certificate has this number.")
        )
    return Lookup(number, certificate)
