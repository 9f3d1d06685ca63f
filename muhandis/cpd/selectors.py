"""Reads of CPD, with related rows fetched up front."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.dashboard import Queue, Section
from muhandis.accounts.models import User
from muhandis.accounts.selectors import colleague_ids
from muhandis.certification.models import Certificate, CpdRequirement

from . import services
from .models import CpdActivity, Renewal, RenewalVote
from .services import CpdProgress, validity_period


def activities_of(person: User) -> QuerySet[CpdActivity]:
    return (
        CpdActivity.objects.filter(person=person)
        .select_related("reviewed_by")
        .prefetch_related("competencies")
    )


def totals_by_category(person: User) -> list[dict]:
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


# Dashboard sections (registered in apps.py; see accounts/dashboard.py) -----------------------


@dataclass(frozen=True)
class HeldCertificate:
    certificate: Certificate
    public_status: str  # valid, expired, suspended (as the register shows it)
    progress: CpdProgress
    renewal_open: bool  # today lies in the renewal window


def held_certificates(person: User) -> list[HeldCertificate]:
    """The person's certificates that are in force or suspended, each with its CPD progress
    (three queries, however many certificates and activities)."""
    certificates = list(
        Certificate.objects.filter(
            holder=person,
            status__in=(Certificate.Status.VALID, Certificate.Status.SUSPENDED),
        )
        .select_related("scheme")
        .prefetch_related("scheme__cpd_minimums")
        .order_by("expiry_date", "pk")
    )
    if not certificates:
        return []
    rows = list(
        CpdActivity.objects.filter(person=person)
        .exclude(status=CpdActivity.Status.REJECTED)
        .annotate(day=Coalesce("end_date", "start_date"))
        .values_list("day", "category", "status", "hours")
    )
    today = timezone.localdate()
    found = []
    for certificate in certificates:
        start, end = services.validity_period(certificate)
        hours: dict[str, dict[str, Decimal]] = {
            CpdActivity.Status.VERIFIED: {},
            CpdActivity.Status.RECORDED: {},
        }
        for day, category, status, amount in rows:
            if start <= day <= end:
                by_category = hours[status]
                by_category[category] = by_category.get(category, Decimal(0)) + amount
        progress = services.progress_from(
            certificate,
            verified=hours[CpdActivity.Status.VERIFIED],
            pending=hours[CpdActivity.Status.RECORDED],
        )
        opens, closes = services.renewal_window(certificate)
        found.append(
            HeldCertificate(
                certificate=certificate,
                public_status=certificate.public_status(today),
                progress=progress,
                renewal_open=certificate.status == Certificate.Status.VALID
                and opens <= today <= closes,
            )
        )
    return found


def dashboard_certificates(person: User) -> Section:
    return Section(
        key="cpd.certificates",
        title=_("Your certificates"),
        template="cpd/dashboard/_certificates.html",
        items=held_certificates(person),
        empty=_("You hold no certificate yet."),
        link_url=reverse("cpd:ledger"),
        link_label=_("My CPD"),
    )


def dashboard_verification(person: User) -> Section:
    """CPD activities for the registrar to verify, those drawn for an audit apart."""
    sampled = Q(audit_year__isnull=False)
    waiting = CpdActivity.objects.filter(status=CpdActivity.Status.RECORDED).aggregate(
        count=Count("pk"),
        oldest=Min("created_at"),
        sampled=Count("pk", filter=sampled),
        sampled_oldest=Min("created_at", filter=sampled),
    )
    url = reverse("cpd:verification_queue")
    return Section(
        key="cpd.verification",
        title=_("Continuing professional development"),
        template="accounts/dashboard/_queues.html",
        items=[
            Queue(
                label=_("CPD activities to verify"),
                count=waiting["count"],
                oldest=waiting["oldest"],
                url=url,
            ),
            Queue(
                label=_("Drawn for the CPD audit, to verify first"),
                count=waiting["sampled"],
                oldest=waiting["sampled_oldest"],
                url=f"{url}?sample=1",
            ),
        ],
    )


def renewals_due(member: User) -> QuerySet[Renewal]:
    """Renewals waiting for the committee on which ``member`` has not voted and may vote
    (``services.renewal_vote_problem``: never the holder or a colleague)."""
    return (
        Renewal.objects.filter(status=Renewal.Status.SUBMITTED)
        .exclude(holder_id__in={member.pk, *colleague_ids(member)})
        .exclude(Exists(RenewalVote.objects.filter(renewal=OuterRef("pk"), member=member)))
        .select_related("holder", "certificate__scheme")
        .order_by("created_at", "pk")
    )


def dashboard_renewals(person: User) -> Section:
    return Section(
        key="cpd.renewals",
        title=_("Renewals waiting for your vote"),
        template="cpd/dashboard/_renewals.html",
        items=list(renewals_due(person)),
        empty=_("No renewal waits for your vote."),
        link_url=reverse("cpd:committee_renewals"),
        link_label=_("All renewals before the committee"),
    )
