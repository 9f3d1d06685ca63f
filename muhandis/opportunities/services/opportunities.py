"""Posting, changing, closing and withdrawing opportunities, and closing those whose deadline
has passed. Every change is audited; a refusal to change another firm's opportunity too."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from muhandis.accounts.models import EmploymentRelation, Organisation, Region, User
from muhandis.competencies.models import Area
from muhandis.core import audit
from muhandis.core.transliteration import search_key
from muhandis.needs.models import Sector
from muhandis.notifications.services import notify

from ..models import Kind, Opportunity, OpportunitySector, Status, ValueBand
from ..selectors import posting

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SEARCH_KEY_LENGTH = 600
WITHDRAWN_KIND = "opportunities.withdrawn"


class OpportunityError(Exception):
    """A request that cannot be done; the message is for the person who asked."""


class NotYours(OpportunityError):
    """Someone who may not change this opportunity tried to."""


@dataclass
class OpportunityIn:
    """What a poster gives. ``texts`` maps a language code to (title, description)."""

    kind: str
    texts: dict[str, tuple[str, str]]
    deadline: datetime.date
    sectors: list[str] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)
    value_band: str = ""
    contact: str = ""
    link: str = ""
    customer: str = ""


def _check(values: OpportunityIn, *, today: datetime.date) -> None:
    if values.kind not in Kind.values:
        raise OpportunityError(_("Choose the kind of opportunity from the list."))
    if values.value_band not in ValueBand.values:
        raise OpportunityError(_("Choose the value from the list."))
    if any(sector not in Sector.values for sector in values.sectors):
        raise OpportunityError(_("Choose the sectors from the list."))
    if not values.sectors:
        raise OpportunityError(_("Choose at least one sector."))
    if unknown := set(values.texts) - set(LANGUAGES):
        raise OpportunityError(_("Unknown language: %s.") % ", ".join(sorted(unknown)))
    if not any(title.strip() for title, _text in values.texts.values()):
        raise OpportunityError(_("Give the opportunity a title."))
    if values.deadline < today:
        raise OpportunityError(_("The deadline has passed: give a date from today on."))


def _key(opportunity: Opportunity) -> str:
    parts = [getattr(opportunity, f"title_{code}", "") or "" for code in LANGUAGES]
    parts += [opportunity.customer, opportunity.source_reference]
    if opportunity.organisation is not None:
        parts.append(opportunity.organisation.name)
    return search_key(" ".join(p for p in parts if p))[:SEARCH_KEY_LENGTH]


def _apply(opportunity: Opportunity, values: OpportunityIn) -> None:
    opportunity.kind = values.kind
    for code, (title, description) in values.texts.items():
        setattr(opportunity, f"title_{code}", title.strip())
        setattr(opportunity, f"description_{code}", description.strip())
    opportunity.deadline = values.deadline
    opportunity.value_band = values.value_band
    opportunity.contact = values.contact.strip()
    opportunity.link = values.link.strip()
    opportunity.customer = values.customer.strip()
    opportunity.search_key = _key(opportunity)


def _relations(opportunity: Opportunity, values: OpportunityIn) -> None:
    OpportunitySector.objects.filter(opportunity=opportunity).exclude(
        sector__in=values.sectors
    ).delete()
    have = set(
        OpportunitySector.objects.filter(opportunity=opportunity).values_list("sector", flat=True)
    )
    OpportunitySector.objects.bulk_create(
        [
            OpportunitySector(opportunity=opportunity, sector=s)
            for s in values.sectors
            if s not in have
        ]
    )
    opportunity.regions.set(values.regions)
    opportunity.areas.set(values.areas)


def state(opportunity: Opportunity) -> dict[str, Any]:
    """What the audit trail keeps of an opportunity."""
    return {
        "kind": opportunity.kind,
        "title": {code: getattr(opportunity, f"title_{code}", "") for code in LANGUAGES},
        "deadline": opportunity.deadline,
        "value_band": opportunity.value_band,
        "status": opportunity.status,
        "organisation": opportunity.organisation_id,
        "sectors": sorted(opportunity.sector_rows.values_list("sector", flat=True)),
        "regions": sorted(r.code for r in opportunity.regions.all()),
        "areas": sorted(a.code for a in opportunity.areas.all()),
    }


def post_opportunity(
    *,
    actor: User,
    values: OpportunityIn,
    organisation: Organisation | None = None,
    request: HttpRequest | None = None,
    today: datetime.date | None = None,
) -> Opportunity:
    """Post an opportunity for ``organisation`` (a firm the actor may post for) or, for
    staff, for a firm or for the association (``organisation`` None)."""
    today = today or timezone.localdate()
    staff = posting.is_staff(actor)
    if organisation is None and not staff:
        raise OpportunityError(
            _(
                "Only a representative of a member firm whose membership includes posting "
                "opportunities, or a community moderator, may post on the board."
            )
        )
    if (
        organisation is not None
        and not staff
        and organisation.pk not in {firm.pk for firm in posting.posting_firms(actor)}
    ):
        raise OpportunityError(
            _(
                "%(firm)s may not post opportunities: you must represent it, its membership "
                "must be in good standing and its membership type must include posting "
                "opportunities."
            )
            % {"firm": organisation.name}
        )
    _check(values, today=today)
    with transaction.atomic():
        opportunity = Opportunity(organisation=organisation, created_by=actor)
        _apply(opportunity, values)
        opportunity.save()
        _relations(opportunity, values)
        audit.record(
            "opportunities.opportunity.posted",
            actor=actor,
            target=opportunity,
            after=state(opportunity),
            request=request,
        )
    return opportunity


def refuse_change(
    *, actor: User, opportunity: Opportunity, action: str, request: HttpRequest | None = None
) -> NotYours:
    """Record that ``actor`` tried to change an opportunity that is not theirs, and give the
    error that tells them why. Called outside any transaction that the refusal rolls back (the
    owning firm of an opportunity never changes, so no lock is needed to decide)."""
    audit.record(
        "opportunities.opportunity.change_refused",
        actor=actor,
        target=opportunity,
        after={"attempted": action},
        request=request,
    )
    owner = opportunity.organisation.name if opportunity.organisation else _("the association")
    return NotYours(
        _(
            "This opportunity was posted by %(owner)s: only its representatives or a "
            "community moderator may change or withdraw it."
        )
        % {"owner": owner}
    )


def _require_change(
    actor: User, opportunity: Opportunity, action: str, request: HttpRequest | None
) -> None:
    if not posting.may_change(actor, opportunity):
        error = refuse_change(actor=actor, opportunity=opportunity, action=action, request=request)
        raise error


def update_opportunity(
    *,
    actor: User,
    opportunity: Opportunity,
    values: OpportunityIn,
    request: HttpRequest | None = None,
    today: datetime.date | None = None,
) -> Opportunity:
    """Change an open opportunity: its firm's representatives or staff."""
    today = today or timezone.localdate()
    _require_change(actor, opportunity, "edit", request)
    with transaction.atomic():
        locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        if not locked.is_open:
            raise OpportunityError(
                _("The opportunity is %(status)s: it can no longer be changed.")
                % {"status": locked.get_status_display().lower()}
            )
        _check(values, today=today)
        before = state(locked)
        _apply(locked, values)
        locked.save()
        _relations(locked, values)
        audit.record(
            "opportunities.opportunity.updated",
            actor=actor,
            target=locked,
            before=before,
            after=state(locked),
            request=request,
        )
    return locked


def _end(
    *,
    actor: User | None,
    opportunity: Opportunity,
    status: str,
    reason: str,
    action: str,
    request: HttpRequest | None,
) -> Opportunity:
    opportunity.status = status
    opportunity.status_reason = reason
    opportunity.status_changed_at = timezone.now()
    opportunity.save(update_fields=["status", "status_reason", "status_changed_at", "updated_at"])
    audit.record(
        action,
        actor=actor,
        target=opportunity,
        before={"status": Status.OPEN},
        after={"status": status},
        reason=reason,
        request=request,
    )
    return opportunity


def withdraw_opportunity(
    *,
    actor: User,
    opportunity: Opportunity,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Opportunity:
    """Take an open opportunity off the board. Staff withdraw anything and give a reason; a
    firm's representatives withdraw their own."""
    reason = reason.strip()
    _require_change(actor, opportunity, "withdraw", request)
    with transaction.atomic():
        locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        if not locked.is_open:
            raise OpportunityError(
                _("The opportunity is already %(status)s.")
                % {"status": locked.get_status_display().lower()}
            )
        mine = posting.represents(actor, locked.organisation_id)
        if not mine and not reason:
            raise OpportunityError(
                _("Say why you withdraw another's opportunity: the poster will read it.")
            )
        _end(
            actor=actor,
            opportunity=locked,
            status=Status.WITHDRAWN,
            reason=reason,
            action="opportunities.opportunity.withdrawn",
            request=request,
        )
        if not mine:
            _tell_poster_of_withdrawal(locked)
        return locked


def _tell_poster_of_withdrawal(opportunity: Opportunity) -> None:
    """The firm's representatives (or the staff member who posted it) hear why."""
    if opportunity.organisation is not None:
        people = list(
            User.objects.filter(
                employments__organisation=opportunity.organisation,
                employments__relation=EmploymentRelation.REPRESENTATIVE,
                employments__end_date__isnull=True,
            ).distinct()
        )
    else:
        people = [opportunity.created_by] if opportunity.created_by else []
    for person in people:
        with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
            url = reverse("opportunities:detail", args=[opportunity.public_id])
        notify(
            person=person,
            kind=WITHDRAWN_KIND,
            template="opportunities/notices/withdrawn",
            context={"opportunity": opportunity, "reason": opportunity.status_reason},
            url=url,
        )


def close_opportunity(
    *, actor: User, opportunity: Opportunity, request: HttpRequest | None = None
) -> Opportunity:
    """The poster closes an open opportunity that is filled or awarded."""
    _require_change(actor, opportunity, "close", request)
    with transaction.atomic():
        locked = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
        if not locked.is_open:
            raise OpportunityError(
                _("The opportunity is already %(status)s.")
                % {"status": locked.get_status_display().lower()}
            )
        return _end(
            actor=actor,
            opportunity=locked,
            status=Status.CLOSED,
            reason="",
            action="opportunities.opportunity.closed",
            request=request,
        )


def close_expired_opportunities(*, today: datetime.date | None = None) -> list[Opportunity]:
    """The daily run: every open opportunity whose deadline is before ``today`` expires, as an
    action of the system (audited without an actor)."""
    today = today or timezone.localdate()
    done = []
    expired: Iterable[int] = Opportunity.objects.filter(
        status=Status.OPEN, deadline__lt=today
    ).values_list("pk", flat=True)
    for pk in list(expired):
        with transaction.atomic():
            locked = Opportunity.objects.select_for_update().get(pk=pk)
            if locked.status != Status.OPEN or locked.deadline >= today:
                continue
            done.append(
                _end(
                    actor=None,
                    opportunity=locked,
                    status=Status.EXPIRED,
                    reason="deadline passed",
                    action="opportunities.opportunity.expired",
                    request=None,
                )
            )
    return done
