"""Reads of CPD, with related rows fetched up front."""

from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce

from muhandis.certification.models import Certificate, CpdRequirement

from .models import CpdActivity
from .services import validity_period


def activities_of(person) -> QuerySet[CpdActivity]:
    return (
        CpdActivity.objects.filter(person=person)
        .select_related("reviewed_by")
        .prefetch_related("competencies")
    )


def totals_by_category(person) -> list[dict]:
    """Hours per category: verified, and recorded but not yet verified."""
    rows = (
        CpdActivity.objects.filter(person=person)
        .exclude(status=CpdActivity.Status.REJECTED)
        .values("category", "status")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    found = {(row["category"], row["status"]): row["total"] for row in rows}
    return [
        {
            "label": label,
            "verified": found.get((value, CpdActivity.Status.VERIFIED), Decimal(0)),
            "pending": found.get((value, CpdActivity.Status.RECORDED), Decimal(0)),
        }
        for value, label in CpdRequirement.Category.choices
    ]


def waiting_activities(*, sampled_only: bool = False) -> QuerySet[CpdActivity]:
    """Activities for the registrar to verify, those drawn for an audit first."""
    waiting = CpdActivity.objects.filter(status=CpdActivity.Status.RECORDED)
    if sampled_only:
        waiting = waiting.filter(audit_year__isnull=False)
    return waiting.select_related("person").order_by("audit_year", "created_at", "pk")


def period_activities(certificate: Certificate) -> QuerySet[CpdActivity]:
    """The holder's activities in the certificate's current validity period."""
    start, end = validity_period(certificate)
    return (
        CpdActivity.objects.annotate(day=Coalesce("end_date", "start_date"))
        .filter(person_id=certificate.holder_id, day__gte=start, day__lte=end)
        .order_by("-day", "-pk")
    )
