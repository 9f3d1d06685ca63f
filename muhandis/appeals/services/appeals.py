"""Appeals: the person concerned appeals against a decision within the scheme's appeal
period; a panel of committee members who took no part in that decision decides by majority.

An upheld appeal records that the original decision is to be reviewed; it never reverses a
decision or a certificate by itself.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.certification.models import (
    Application,
    Certificate,
    CertificateStatusChange,
    Decision,
    Outcome,
)
from muhandis.certification.services import committee_problem
from muhandis.certification.services.committee import MajorityRule, tally
from muhandis.certification.services.decisions import impartiality_problem
from muhandis.core import audit
from muhandis.core.mail import send_in_language
from muhandis.core.models import AuditEntry

from ..models import Appeal, PanelMember
from .evidence import attach, check_evidence

MIN_PANEL = 2
ELIGIBILITY_ACTION = "certification.application.eligibility_decided"
APPEALABLE_CHANGES = (
    CertificateStatusChange.Action.SUSPEND,
    CertificateStatusChange.Action.WITHDRAW,
    CertificateStatusChange.Action.REDUCE_SCOPE,
)


@dataclass(frozen=True)
class AppealableDecision:
    """One decision a person may appeal against, with its appeal period."""

    kind: str
    key: str
    person_id: int
    decided_on: datetime.datetime
    last_day: datetime.date
    reasons: str
    application: Application | None = None
    certificate: Certificate | None = None
    status_change: CertificateStatusChange | None = None

    @property
    def late(self) -> bool:
        return timezone.localdate() > self.last_day

    @property
    def label(self) -> str:
        return str(Appeal.Kind(self.kind).label)

    @property
    def open_appeal(self) -> Appeal | None:
        return Appeal.objects.filter(decision_key=self.key, status__in=Appeal.OPEN).first()


@dataclass(frozen=True)
class CertificateHolder:
    """The holder of a certificate under appeal that was imported without an application,
    as the rules of impartiality see a candidate."""

    candidate_id: int


def _last_day(decided_on: datetime.datetime, days: int) -> datetime.date:
    return timezone.localdate(decided_on) + datetime.timedelta(days=days)


def _eligibility_entries(application: Application) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(
        action=ELIGIBILITY_ACTION,
        target_type="certification.application",
        target_id=str(application.pk),
    )


def decision_on_application(application: Application) -> AppealableDecision | None:
    """The appealable decision on an application: a rejection of eligibility, or the
    committee's refusal or limitation of scope; None if there is none."""
    days = application.scheme.appeal_days
    if application.status == Application.Status.REJECTED:
        entry = _eligibility_entries(application).order_by("-sequence").first()
        decided_on = entry.occurred_at if entry else application.updated_at
        return AppealableDecision(
            kind=Appeal.Kind.ELIGIBILITY,
            key=f"eligibility:{application.pk}",
            person_id=application.candidate_id,
            decided_on=decided_on,
            last_day=_last_day(decided_on, days),
            reasons=application.decision_reason,
            application=application,
        )
    decision = Decision.objects.filter(
        application=application, outcome__in=[Outcome.REFUSE, Outcome.LIMITED]
    ).first()
    if decision is None:
        return None
    return AppealableDecision(
        kind=Appeal.Kind.DECISION,
        key=f"decision:{decision.pk}",
        person_id=application.candidate_id,
        decided_on=decision.decided_at,
        last_day=_last_day(decision.decided_at, days),
        reasons=decision.reasons,
        application=application,
    )


def decision_on_certificate(certificate: Certificate) -> AppealableDecision | None:
    """The latest suspension, withdrawal or reduction of scope of a certificate, or None."""
    change = (
        certificate.status_changes.filter(action__in=APPEALABLE_CHANGES)
        .order_by("-decided_at", "-id")
        .first()
    )
    if change is None:
        return None
    return AppealableDecision(
        kind=Appeal.Kind.STATUS_CHANGE,
        key=f"status_change:{change.pk}",
        person_id=certificate.holder_id,
        decided_on=change.decided_at,
        last_day=_last_day(change.decided_at, certificate.scheme.appeal_days),
        reasons=change.reason,
        certificate=certificate,
        status_change=change,
    )


def appealable_decisions(person: User) -> list[AppealableDecision]:
    """The decisions on a person's applications and certificates they may appeal against."""
    found = [
        decision_on_application(a)
        for a in Application.objects.filter(
            candidate=person,
            status__in=[
                Application.Status.REJECTED,
                Application.Status.REFUSED,
                Application.Status.GRANTED,
            ],
        ).select_related("scheme")
    ]
    found += [
        decision_on_certificate(c)
        for c in Certificate.objects.filter(holder=person).select_related("scheme")
    ]
    return [f for f in found if f is not None]


def _registrar(actor: User, message: str) -> None:
    if Role.REGISTRAR not in usable_roles(actor):
        raise PermissionDenied(message)


def lodge_appeal(
    *,
    found: AppealableDecision,
    appellant: User,
    grounds: str,
    evidence: UploadedFile | None = None,
    request: HttpRequest | None = None,
) -> Appeal:
    """The person concerned appeals, within the appeal period, once per decision."""
    if found.person_id != getattr(appellant, "pk", None):
        raise PermissionDenied(_("Only the person the decision concerns may appeal against it."))
    if found.late:
        raise ValidationError(
            _(
                "The time to appeal against this decision ended on %(day)s. "
                "An appeal can no longer be lodged; contact the registrar if you think "
                "this is wrong."
            )
            % {"day": formats.date_format(found.last_day, "DATE_FORMAT")},
            code="late",
        )
    if not grounds.strip():
        raise ValidationError({"grounds": _("Explain why you think the decision is wrong.")})
    if found.open_appeal is not None:
        raise ValidationError(_("An appeal against this decision is already open."))
    checked = check_evidence(evidence)
    appeal = Appeal(
        appellant=appellant,
        kind=found.kind,
        decision_key=found.key,
        application=found.application,
        certificate=found.certificate,
        status_change=found.status_change,
        decided_on=found.decided_on,
        grounds=grounds.strip(),
        respond_by=timezone.localdate() + datetime.timedelta(days=settings.APPEAL_DECISION_DAYS),
    )
    attach(appeal, checked)
    try:
        with transaction.atomic():
            appeal.save()
            audit.record(
                "appeals.appeal.lodged",
                actor=appellant,
                target=appeal,
                after={"kind": found.kind, "decision": found.key, "status": appeal.status},
                reason=appeal.grounds,
                request=request,
            )
    except IntegrityError as exc:
        raise ValidationError(_("An appeal against this decision is already open.")) from exc
    return appeal


def acknowledge_appeal(
    *, appeal: Appeal, actor: User, request: HttpRequest | None = None
) -> Appeal:
    _registrar(actor, _("Only a registrar acknowledges appeals."))
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if appeal.status != Appeal.Status.LODGED:
            raise ValidationError(_("This appeal has already been acknowledged."))
        appeal.status = Appeal.Status.ACKNOWLEDGED
        appeal.acknowledged_at = timezone.now()
        appeal.acknowledged_by = actor
        appeal.save()
        audit.record(
            "appeals.appeal.acknowledged",
            actor=actor,
            target=appeal,
            before={"status": Appeal.Status.LODGED},
            after={"status": appeal.status},
            request=request,
        )
    return appeal


def _deciders(appeal: Appeal) -> set[int]:
    """Everyone recorded as taking part in the appealed decision."""
    application = appeal.application
    people: set[int] = set()
    if application is not None:
        people |= set(_eligibility_entries(application).values_list("actor_id", flat=True))
    if appeal.kind == Appeal.Kind.DECISION and application is not None:
        people |= set(application.votes.values_list("member_id", flat=True))
        people |= set(application.assessments.values_list("assessor_id", flat=True))
        people |= set(application.exam_results.values_list("recorded_by_id", flat=True))
    if appeal.status_change is not None:
        people.add(appeal.status_change.decided_by_id)
    people.discard(None)
    return people


def _impartiality(member: User, appeal: Appeal) -> str | None:
    if appeal.application is not None:
        return committee_problem(member, appeal.application)
    certificate = appeal.certificate
    if certificate is None:
        raise ValueError("An appeal is against a decision on an application or a certificate.")
    if certificate.decision is not None:
        return committee_problem(member, certificate.decision.application)
    # An imported certificate has no application: the same check against its holder.
    holder = CertificateHolder(candidate_id=certificate.holder_id)
    return impartiality_problem(member, holder)


def panel_problem(member: User, appeal: Appeal) -> str | None:
    """Why ``member`` may not sit on the panel of ``appeal``, or None."""
    name = {"name": member.display_name}
    if Role.COMMITTEE not in usable_roles(member):
        return (
            _(
                "%(name)s is not a certification committee member with two-factor "
                "authentication turned on."
            )
            % name
        )
    if member.pk == appeal.appellant_id:
        return _("Nobody may decide on their own appeal.")
    if member.pk in _deciders(appeal):
        return _("%(name)s took part in the decision under appeal and cannot review it.") % name
    return _impartiality(member, appeal)


def _check_panel(appeal: Appeal, current: set[int], new: list[User]) -> None:
    if appeal.status not in (Appeal.Status.ACKNOWLEDGED, Appeal.Status.UNDER_REVIEW):
        raise ValidationError(_("Acknowledge the appeal first; a decided appeal has no panel."))
    if not new:
        raise ValidationError({"members": _("Choose at least one committee member to appoint.")})
    problems = [p for p in (panel_problem(m, appeal) for m in new) if p]
    if problems:
        raise ValidationError({"members": problems})
    if len(current) + len(new) < MIN_PANEL:
        raise ValidationError(
            {"members": _("A panel has at least %(n)d members.") % {"n": MIN_PANEL}}
        )


def form_panel(
    *, appeal: Appeal, members: list[User], actor: User, request: HttpRequest | None = None
) -> list[PanelMember]:
    """The registrar appoints committee members to the panel (or adds to it, for example to
    break a tie); every member is checked for impartiality."""
    _registrar(actor, _("Only a registrar forms appeal panels."))
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        current = set(appeal.panel.values_list("member_id", flat=True))
        new = [m for m in members if m.pk not in current]
        _check_panel(appeal, current, new)
        made = [
            PanelMember.objects.create(appeal=appeal, member=m, appointed_by=actor) for m in new
        ]
        before = appeal.status
        appeal.status = Appeal.Status.UNDER_REVIEW
        appeal.save(update_fields=["status", "updated_at"])
        audit.record(
            "appeals.appeal.panel_formed",
            actor=actor,
            target=appeal,
            before={"status": before, "members": sorted(current)},
            after={"status": appeal.status, "members": sorted(current | {m.pk for m in new})},
            request=request,
        )
    return made


def cast_panel_vote(
    *, appeal: Appeal, actor: User, vote: str, reasons: str, request: HttpRequest | None = None
) -> PanelMember:
    """A panel member votes to uphold or dismiss; a majority of the whole panel decides."""
    if Role.COMMITTEE not in usable_roles(actor):
        raise PermissionDenied(_("Only certification committee members sit on appeal panels."))
    seat = appeal.panel.filter(member=actor).first()
    if seat is None:
        raise PermissionDenied(_("You are not on the panel of this appeal."))
    if vote not in PanelMember.Vote.values:
        raise ValidationError({"vote": _("Choose to uphold or to dismiss the appeal.")})
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for your vote.")})
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
        if appeal.status != Appeal.Status.UNDER_REVIEW:
            raise ValidationError(_("This appeal is not under review."))
        seat = PanelMember.objects.select_for_update().get(pk=seat.pk)
        if seat.vote:
            raise ValidationError(_("You have already voted on this appeal."))
        seat.vote, seat.reasons, seat.voted_at = vote, reasons.strip(), timezone.now()
        seat.save()
        audit.record(
            "appeals.appeal.voted",
            actor=actor,
            target=appeal,
            after={"vote": vote},
            reason=seat.reasons,
            request=request,
        )
        _decide_if_majority(appeal, request)
    return seat


STATUS_BY_VOTE: dict[str, str] = {
    PanelMember.Vote.UPHOLD: Appeal.Status.UPHELD,
    PanelMember.Vote.DISMISS: Appeal.Status.DISMISSED,
}


def _decide_if_majority(appeal: Appeal, request: HttpRequest | None) -> None:
    seats = list(appeal.panel.all())
    vote = tally((s.vote for s in seats), rule=MajorityRule.WHOLE_PANEL, panel_size=len(seats))
    if vote is None:
        return  # no majority of the panel yet
    status = STATUS_BY_VOTE[vote]
    agreeing = [s for s in seats if s.vote == vote]
    appeal.status = status
    appeal.decided_at = timezone.now()
    appeal.outcome_reasons = "\n\n".join(s.reasons for s in agreeing)
    appeal.save()
    audit.record(
        "appeals.appeal.decided",
        target=appeal,
        before={"status": Appeal.Status.UNDER_REVIEW},
        after={
            "status": status,
            "votes": len([s for s in seats if s.vote]),
            "decision_to_be_reviewed": status == Appeal.Status.UPHELD,
        },
        reason=appeal.outcome_reasons,
        request=request,
    )
    appellant = appeal.appellant
    with translation.override(appellant.preferred_language):
        path = reverse("appeals:appeal", kwargs={"public_id": appeal.public_id})
    send_in_language(
        appellant.email,
        "appeals/email/appeal_decided",
        appellant.preferred_language,
        {"appeal": appeal, "appellant": appellant, "link": settings.SITE_URL.rstrip("/") + path},
    )


def tied(appeal: Appeal) -> bool:
    """Every panel member has voted and there is no majority: the registrar adds a member."""
    seats = list(appeal.panel.all())
    return (
        appeal.status == Appeal.Status.UNDER_REVIEW and bool(seats) and all(s.vote for s in seats)
    )
