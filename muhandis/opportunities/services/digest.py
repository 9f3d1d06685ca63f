"""The weekly digest: each member firm's representatives hear of the open opportunities that
match the firm and that no digest has carried to it yet (each opportunity once per firm)."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from muhandis.accounts.models import EmploymentRelation, Organisation, User
from muhandis.membership.models import IN_GOOD_STANDING
from muhandis.notifications.services import notify

from ..models import DigestEntry
from ..selectors import matching

KIND = "opportunities.digest"
TEMPLATE = "opportunities/notices/digest"
SITE = settings.SITE_URL.rstrip("/")


@dataclass
class DigestRun:
    firms: int = 0
    notices: int = 0
    opportunities: int = 0


def member_firms() -> list[Organisation]:
    """Firms whose membership is in good standing and that have a representative."""
    return list(
        Organisation.objects.filter(
            memberships__status__in=IN_GOOD_STANDING,
            employments__relation=EmploymentRelation.REPRESENTATIVE,
            employments__end_date__isnull=True,
        )
        .select_related("region")
        .distinct()
        .order_by("pk")
    )


def _representatives(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(
            employments__organisation=organisation,
            employments__relation=EmploymentRelation.REPRESENTATIVE,
            employments__end_date__isnull=True,
            is_active=True,
        )
        .distinct()
        .order_by("pk")
    )


def send_firm_digest(*, organisation: Organisation) -> tuple[int, int]:
    """Tell the firm's representatives of its new matches; (notices, opportunities)."""
    with transaction.atomic():
        found = matching.unsent_matches(organisation)
        if not found:
            return 0, 0
        now = timezone.now()
        DigestEntry.objects.bulk_create(
            [DigestEntry(organisation=organisation, opportunity=o, sent_at=now) for o in found],
            ignore_conflicts=True,
        )
        notices = 0
        for person in _representatives(organisation):
            with translation.override(person.preferred_language or "uz"):
                url = reverse("opportunities:matches")
                items = [
                    (o, SITE + reverse("opportunities:detail", args=[o.public_id])) for o in found
                ]
                context = {"firm": organisation, "items": items, "count": len(found)}
            if notify(person=person, kind=KIND, template=TEMPLATE, context=context, url=url):
                notices += 1
    return notices, len(found)


def send_digests() -> DigestRun:
    """The weekly run over every member firm."""
    run = DigestRun()
    for organisation in member_firms():
        notices, opportunities = send_firm_digest(organisation=organisation)
        if opportunities:
            run.firms += 1
            run.notices += notices
            run.opportunities += opportunities
    return run
