"""The CPD ledger and renewal of certificates.

Engineers record what they did; a registrar verifies it (every activity, or a reproducible
random sample each year); only verified hours count towards the scheme's CPD rule; a holder
whose verified hours meet the rule applies to renew, and the committee decides under the same
rules of impartiality and majority as for certification.
"""

import datetime
import math
import random
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.certification.models import Certificate, CpdRequirement
from muhandis.certification.services.committee import MajorityRule, tally
from muhandis.certification.services.decisions import impartiality_problem
from muhandis.certification.services.renewals import renew_certificate
from muhandis.competencies.models import Competency
from muhandis.core import audit
from muhandis.core.dates import add_months, add_years
from muhandis.core.mail import send_in_language
from muhandis.core.uploads import check_upload

from .models import MAX_ACTIVITY_HOURS, CpdActivity, Renewal, RenewalVote

Category = CpdRequirement.Category
RENEWAL_GRACE_MONTHS = 6


def hours_text(value: Decimal) -> str:
    """Hours as a reader writes them: 12, 7.5 (with the reader's decimal separator)."""
    whole = value == value.to_integral_value()
    return formats.number_format(value, decimal_pos=0 if whole else 1)


def _require_role(actor, role: str, message: str) -> None:
    if role not in usable_roles(actor):
        raise PermissionDenied(message)


def _notify(person, template: str, context: dict) -> None:
    send_in_language(person.email, f"cpd/email/{template}", person.preferred_language, context)


def _link(person, name: str, **kwargs) -> str:
    with translation.override(person.preferred_language):
        return settings.SITE_URL + reverse(name, kwargs=kwargs)


# The ledger ------------------------------------------------------------------------------


def _checked_evidence(upload: UploadedFile) -> dict[str, Any]:
    """The same checks as for certification evidence: PDF, JPEG or PNG by content, 10 MB."""
    checked = check_upload(upload, field="evidence")
    return {
        "evidence_name": checked.name,
        "evidence_content_type": checked.content_type,
        "evidence_size": checked.size,
        "evidence_sha256": checked.sha256,
    }


def _checked_details(
    *,
    title: str,
    provider: str,
    start_date: datetime.date,
    end_date: datetime.date | None,
    hours: Decimal,
    category: str,
) -> dict[str, Any]:
    if not title.strip():
        raise ValidationError({"title": _("Say what the activity was.")})
    if category not in Category.values:
        raise ValidationError({"category": _("Choose a category.")})
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": _("The last day cannot be before the first.")})
    if (end_date or start_date) > timezone.localdate():
        raise ValidationError(
            {"start_date": _("Record an activity once it has taken place, not before.")}
        )
    hours = Decimal(hours)
    if hours <= 0:
        raise ValidationError({"hours": _("Enter the hours the activity took, more than 0.")})
    days = ((end_date or start_date) - start_date).days + 1
    limit = min(MAX_ACTIVITY_HOURS, Decimal(24 * days))
    if hours > limit:
        raise ValidationError(
            {
                "hours": _(
                    "%(hours)s hours is more than this activity can count for (at most "
                    "%(limit)s hours; record a long programme module by module)."
                )
                % {"hours": hours_text(hours), "limit": hours_text(limit)}
            }
        )
    return {
        "title": title.strip(),
        "provider": provider.strip(),
        "start_date": start_date,
        "end_date": end_date,
        "hours": hours,
        "category": category,
    }


def _snapshot(activity: CpdActivity) -> dict[str, Any]:
    return {
        "title": activity.title,
        "date": activity.start_date.isoformat(),
        "hours": str(activity.hours),
        "category": activity.category,
        "status": activity.status,
        "sha256": activity.evidence_sha256,
    }


def _write_activity(
    activity: CpdActivity,
    *,
    action: str,
    actor: User,
    details: dict[str, Any],
    competencies: Iterable[Competency],
    evidence: UploadedFile | None,
    request: HttpRequest | None,
) -> CpdActivity:
    """The one way an activity is written, new or corrected: checked details and evidence,
    status back to recorded (waiting for the registrar), competencies, and the audit entry."""
    fields = {**_checked_details(**details), **(_checked_evidence(evidence) if evidence else {})}
    before = _snapshot(activity) if activity.pk else None
    with transaction.atomic():
        for name, value in fields.items():
            setattr(activity, name, value)
        if evidence:
            activity.evidence.save("evidence", evidence, save=False)
        activity.status = CpdActivity.Status.RECORDED
        activity.save()
        activity.competencies.set(competencies)
        audit.record(
            action,
            actor=actor,
            target=activity,
            before=before,
            after=_snapshot(activity),
            request=request,
        )
    return activity


def record_activity(
    *,
    person: User,
    title: str,
    start_date: datetime.date,
    hours: Decimal,
    category: str,
    provider: str = "",
    end_date: datetime.date | None = None,
    competencies: Iterable[Competency] = (),
    evidence: UploadedFile | None = None,
    request: HttpRequest | None = None,
) -> CpdActivity:
    """The engineer records an activity; it waits for the registrar's verification."""
    return _write_activity(
        CpdActivity(person=person),
        action="cpd.activity.recorded",
        actor=person,
        details={
            "title": title,
            "provider": provider,
            "start_date": start_date,
            "end_date": end_date,
            "hours": hours,
            "category": category,
        },
        competencies=competencies,
        evidence=evidence,
        request=request,
    )


def _require_own_unverified(activity: CpdActivity, actor: User) -> None:
    if activity.person_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This is not your activity."))
    if not activity.editable:
        raise ValidationError(_("A verified activity can no longer be changed."))


def update_activity(
    *,
    activity: CpdActivity,
    actor: User,
    title: str,
    start_date: datetime.date,
    hours: Decimal,
    category: str,
    provider: str = "",
    end_date: datetime.date | None = None,
    competencies: Iterable[Competency] = (),
    evidence: UploadedFile | None = None,
    request: HttpRequest | None = None,
) -> CpdActivity:
    """Correct an activity not yet verified; a rejected one goes back to the registrar."""
    _require_own_unverified(activity, actor)
    return _write_activity(
        activity,
        action="cpd.activity.updated",
        actor=actor,
        details={
            "title": title,
            "provider": provider,
            "start_date": start_date,
            "end_date": end_date,
            "hours": hours,
            "category": category,
        },
        competencies=competencies,
        evidence=evidence,
        request=request,
    )


def delete_activity(*, activity: CpdActivity, actor, request: HttpRequest | None = None) -> None:
    _require_own_unverified(activity, actor)
    if activity.audit_year:
        raise ValidationError(
            _("This activity was drawn for the %(year)d audit: correct it, but do not delete it.")
            % {"year": activity.audit_year}
        )
    with transaction.atomic():
        audit.record(
            "cpd.activity.deleted",
            actor=actor,
            target=activity,
            before=_snapshot(activity),
            request=request,
        )
        if activity.evidence:
            activity.evidence.delete(save=False)
        activity.delete()


def _review(
    activity: CpdActivity, actor, status: str, note: str, action: str, request
) -> CpdActivity:
    _require_role(actor, Role.REGISTRAR, _("Only a registrar verifies CPD activities."))
    if activity.person_id == actor.pk:
        raise PermissionDenied(_("Nobody verifies their own CPD activities."))
    with transaction.atomic():
        activity = CpdActivity.objects.select_for_update().get(pk=activity.pk)
        if activity.status != CpdActivity.Status.RECORDED:
            raise ValidationError(_("This activity has already been reviewed."))
        activity.status = status
        activity.reviewed_by = actor
        activity.reviewed_at = timezone.now()
        activity.review_note = note.strip()
        activity.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
        audit.record(
            action,
            actor=actor,
            target=activity,
            before={"status": CpdActivity.Status.RECORDED},
            after={"status": status},
            reason=note.strip(),
            request=request,
        )
    return activity


def verify_activity(
    *, activity: CpdActivity, actor, note: str = "", request: HttpRequest | None = None
) -> CpdActivity:
    return _review(
        activity, actor, CpdActivity.Status.VERIFIED, note, "cpd.activity.verified", request
    )


def reject_activity(
    *, activity: CpdActivity, actor, reason: str, request: HttpRequest | None = None
) -> CpdActivity:
    """Not accepted, with a reason the engineer reads (by email, in their language)."""
    if not reason.strip():
        raise ValidationError({"note": _("Say why the activity is not accepted.")})
    activity = _review(
        activity, actor, CpdActivity.Status.REJECTED, reason, "cpd.activity.rejected", request
    )
    person = activity.person
    _notify(
        person,
        "activity_rejected",
        {
            "activity": activity,
            "person": person,
            "reason": activity.review_note,
            "link": _link(person, "cpd:ledger"),
        },
    )
    return activity


# The yearly audit sample -------------------------------------------------------------------


@dataclass(frozen=True)
class AuditSample:
    year: int
    seed: int
    population: list[int]
    chosen: list[int]


def choose_sample(population: list[int], size: int, seed: int) -> list[int]:
    """The same population, size and seed always give the same sample (sorted ids)."""
    # Reproducibility is the point here, not secrecy: the seed is published in the audit trail.
    return sorted(random.Random(seed).sample(sorted(population), size))  # noqa: S311


def _check_sample_request(fraction: float | None, size: int | None) -> None:
    if (fraction is None) == (size is None):
        raise ValidationError(_("Give either a fraction or a number of activities, not both."))
    if size is not None and size < 1:
        raise ValidationError({"size": _("Draw at least one activity.")})
    if fraction is not None and not 0 < fraction <= 1:
        raise ValidationError({"fraction": _("The fraction is more than 0 and at most 1.")})


def _sample_size(population: int, fraction: float | None, size: int | None) -> int:
    if size is not None:
        return min(size, population)
    return min(population, math.ceil(population * fraction))


def draw_audit_sample(
    *,
    year: int,
    actor=None,
    fraction: float | None = None,
    size: int | None = None,
    seed: int | None = None,
    request: HttpRequest | None = None,
) -> AuditSample:
    """Draw a random sample of the year's activities not yet verified and not drawn before.

    The seed and the population are recorded in the audit trail, so anyone can draw the same
    sample again with ``choose_sample``. ``actor`` None is the scheduled command.
    """
    if actor is not None:
        _require_role(actor, Role.REGISTRAR, _("Only a registrar draws the audit sample."))
    _check_sample_request(fraction, size)
    seed = secrets.randbelow(2**31) if seed is None else seed
    with transaction.atomic():
        population = list(
            CpdActivity.objects.select_for_update()
            .annotate(day=Coalesce("end_date", "start_date"))
            .filter(status=CpdActivity.Status.RECORDED, audit_year__isnull=True, day__year=year)
            .values_list("pk", flat=True)
        )
        if not population:
            raise ValidationError(
                _("No activity of %(year)d is waiting for verification.") % {"year": year}
            )
        chosen = choose_sample(population, _sample_size(len(population), fraction, size), seed)
        CpdActivity.objects.filter(pk__in=chosen).update(audit_year=year)
        audit.record(
            "cpd.audit.sample_drawn",
            actor=actor,
            after={
                "year": year,
                "seed": seed,
                "population": sorted(population),
                "chosen": chosen,
            },
            request=request,
        )
    return AuditSample(year=year, seed=seed, population=sorted(population), chosen=chosen)


# Progress towards the scheme's CPD rule ----------------------------------------------------


@dataclass(frozen=True)
class CategoryProgress:
    category: str
    label: str
    required: Decimal
    verified: Decimal
    pending: Decimal

    @property
    def shortfall(self) -> Decimal:
        return max(Decimal(0), self.required - self.verified)

    @property
    def percent(self) -> int:
        if not self.required:
            return 100
        return min(100, int(self.verified * 100 / self.required))


@dataclass(frozen=True)
class CpdProgress:
    """Verified hours of a certificate's current validity period against the scheme's rule;
    hours recorded but not yet verified are shown apart and never count."""

    certificate: Certificate
    period_start: datetime.date
    period_end: datetime.date
    required: Decimal
    verified: Decimal
    pending: Decimal
    categories: list[CategoryProgress]

    @property
    def shortfall(self) -> Decimal:
        return max(Decimal(0), self.required - self.verified)

    @property
    def percent(self) -> int:
        if not self.required:
            return 100
        return min(100, int(self.verified * 100 / self.required))

    @property
    def met(self) -> bool:
        return not self.shortfalls()

    def shortfalls(self) -> list[str]:
        problems = []
        if self.shortfall:
            problems.append(
                _("In all: %(missing)s more verified hours are needed (%(have)s of %(need)s).")
                % {
                    "missing": hours_text(self.shortfall),
                    "have": hours_text(self.verified),
                    "need": hours_text(self.required),
                }
            )
        for row in self.categories:
            if row.shortfall:
                problems.append(
                    _(
                        "%(category)s: %(missing)s more verified hours are needed "
                        "(%(have)s of %(need)s)."
                    )
                    % {
                        "category": row.label,
                        "missing": hours_text(row.shortfall),
                        "have": hours_text(row.verified),
                        "need": hours_text(row.required),
                    }
                )
        return problems


def validity_period(certificate: Certificate) -> tuple[datetime.date, datetime.date]:
    """The current validity period: a renewed certificate's starts at its previous expiry."""
    start = add_years(certificate.expiry_date, -certificate.scheme.validity_years)
    return max(start, certificate.effective_date), certificate.expiry_date


def _hours_by(activities, status: str) -> dict[str, Decimal]:
    rows = (
        activities.filter(status=status).values("category").annotate(total=Sum("hours")).order_by()
    )
    return {row["category"]: row["total"] for row in rows}


def cpd_progress(certificate: Certificate) -> CpdProgress:
    start, end = validity_period(certificate)
    activities = CpdActivity.objects.annotate(day=Coalesce("end_date", "start_date")).filter(
        person_id=certificate.holder_id, day__gte=start, day__lte=end
    )
    verified = _hours_by(activities, CpdActivity.Status.VERIFIED)
    pending = _hours_by(activities, CpdActivity.Status.RECORDED)
    return progress_from(certificate, verified=verified, pending=pending)


def progress_from(
    certificate: Certificate, *, verified: dict[str, Decimal], pending: dict[str, Decimal]
) -> CpdProgress:
    """The progress of ``certificate`` from the hours of its validity period per category,
    verified and waiting (its scheme's minimums may be prefetched)."""
    start, end = validity_period(certificate)
    minimums = {m.category: Decimal(m.hours) for m in certificate.scheme.cpd_minimums.all()}
    categories = [
        CategoryProgress(
            category=value,
            label=str(label),
            required=minimums.get(value, Decimal(0)),
            verified=verified.get(value, Decimal(0)),
            pending=pending.get(value, Decimal(0)),
        )
        for value, label in Category.choices
    ]
    return CpdProgress(
        certificate=certificate,
        period_start=start,
        period_end=end,
        required=Decimal(certificate.scheme.cpd_hours),
        verified=sum(verified.values(), Decimal(0)),
        pending=sum(pending.values(), Decimal(0)),
        categories=categories,
    )


# Renewal ------------------------------------------------------------------------------------


def renewal_window(certificate: Certificate) -> tuple[datetime.date, datetime.date]:
    """A holder may apply to renew from one year before expiry until six months after it."""
    expiry = certificate.expiry_date
    return add_years(expiry, -1), add_months(expiry, RENEWAL_GRACE_MONTHS)


def renewal_problems(certificate: Certificate, *, today: datetime.date | None = None) -> list[str]:
    """Why the holder cannot apply to renew now; empty when they can.

    The rule: the certificate is valid (not suspended, withdrawn or replaced); today lies in
    its last year of validity or within six months after expiry; no renewal is already
    waiting; and the verified CPD hours of the validity period meet the scheme's total and
    every category's minimum.
    """
    today = today or timezone.localdate()
    if certificate.status != Certificate.Status.VALID:
        return [
            _("A %(status)s certificate cannot be renewed.")
            % {"status": certificate.get_status_display().lower()}
        ]
    opens, closes = renewal_window(certificate)
    if today < opens:
        return [
            _("You can apply to renew from %(day)s, a year before the certificate expires.")
            % {"day": formats.date_format(opens)}
        ]
    if today > closes:
        return [
            _(
                "Renewal was possible until %(day)s, six months after expiry. "
                "Apply for certification again."
            )
            % {"day": formats.date_format(closes)}
        ]
    if certificate.renewals.filter(status=Renewal.Status.SUBMITTED).exists():
        return [_("Your renewal is already waiting for the committee.")]
    return cpd_progress(certificate).shortfalls()


def apply_for_renewal(
    *, certificate: Certificate, actor, request: HttpRequest | None = None
) -> Renewal:
    if certificate.holder_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("This is not your certificate."))
    problems = renewal_problems(certificate)
    if problems:
        raise ValidationError(problems)
    progress = cpd_progress(certificate)
    try:
        with transaction.atomic():
            renewal = Renewal.objects.create(
                certificate=certificate,
                holder=actor,
                old_expiry_date=certificate.expiry_date,
                verified_hours=progress.verified,
            )
            audit.record(
                "cpd.renewal.applied",
                actor=actor,
                target=certificate,
                after={"renewal": str(renewal.public_id), "verified_hours": str(progress.verified)},
                request=request,
            )
    except IntegrityError as exc:
        raise ValidationError(_("Your renewal is already waiting for the committee.")) from exc
    return renewal


def renewal_vote_problem(member, renewal: Renewal) -> str | None:
    """Why ``member`` may not vote on ``renewal``: the holder and their colleagues never do."""
    return impartiality_problem(member, renewal)


def cast_renewal_vote(
    *, renewal: Renewal, actor, outcome: str, reasons: str, request: HttpRequest | None = None
) -> RenewalVote:
    """A committee member's vote; at least two votes with a majority decide."""
    _require_role(actor, Role.COMMITTEE, _("Only certification committee members vote."))
    problem = renewal_vote_problem(actor, renewal)
    if problem:
        raise PermissionDenied(problem)
    if outcome not in RenewalVote.Outcome.values:
        raise ValidationError({"outcome": _("Choose grant or refuse.")})
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for your vote.")})
    with transaction.atomic():
        renewal = Renewal.objects.select_for_update().get(pk=renewal.pk)
        if renewal.status != Renewal.Status.SUBMITTED:
            raise ValidationError(_("The committee has already decided on this renewal."))
        if renewal.votes.filter(member=actor).exists():
            raise ValidationError(_("You have already voted on this renewal."))
        vote = RenewalVote.objects.create(
            renewal=renewal, member=actor, outcome=outcome, reasons=reasons.strip()
        )
        audit.record(
            "cpd.renewal.voted",
            actor=actor,
            target=renewal.certificate,
            after={"renewal": str(renewal.public_id), "outcome": outcome},
            reason=reasons.strip(),
            request=request,
        )
        decided = _decide_if_majority(renewal, actor, request)
    if decided:
        _tell_holder(renewal)
    return vote


def _decide_if_majority(renewal: Renewal, actor, request) -> bool:
    votes = list(renewal.votes.all())
    outcome = tally((v.outcome for v in votes), rule=MajorityRule.VOTES_CAST)
    if outcome is None:
        return False  # no majority yet: another member votes
    renewal.reasons = "\n\n".join(v.reasons for v in votes if v.outcome == outcome)
    renewal.decided_at = timezone.now()
    if outcome == RenewalVote.Outcome.GRANT:
        change = renew_certificate(
            certificate=renewal.certificate, actor=actor, reasons=renewal.reasons, request=request
        )
        renewal.status = Renewal.Status.GRANTED
        renewal.new_expiry_date = change.new_expiry_date
    else:
        renewal.status = Renewal.Status.REFUSED
    renewal.save(update_fields=["status", "reasons", "decided_at", "new_expiry_date", "updated_at"])
    audit.record(
        "cpd.renewal.decided",
        target=renewal.certificate,
        after={"renewal": str(renewal.public_id), "outcome": outcome, "votes": len(votes)},
        reason=renewal.reasons,
        request=request,
    )
    return True


def _tell_holder(renewal: Renewal) -> None:
    holder = renewal.holder
    certificate = renewal.certificate
    certificate.refresh_from_db()
    _notify(
        holder,
        "renewal_decision",
        {
            "renewal": renewal,
            "certificate": certificate,
            "holder": holder,
            "link": _link(holder, "cpd:renewal_apply", public_id=certificate.public_id),
        },
    )
