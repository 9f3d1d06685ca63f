"""The CPD ledger: engineers record what they did, and a registrar verifies it."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.competencies.models import Competency
from muhandis.core import audit
from muhandis.core.uploads import check_upload

from ..models import MAX_ACTIVITY_HOURS, CpdActivity
from .common import link, notify, require_role
from .progress import Category, hours_text


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


def delete_activity(
    *, activity: CpdActivity, actor: User, request: HttpRequest | None = None
) -> None:
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
    activity: CpdActivity,
    actor: User,
    status: str,
    note: str,
    action: str,
    request: HttpRequest | None,
) -> CpdActivity:
    require_role(actor, Role.REGISTRAR, _("Only a registrar verifies CPD activities."))
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
    *, activity: CpdActivity, actor: User, note: str = "", request: HttpRequest | None = None
) -> CpdActivity:
    return _review(
        activity, actor, CpdActivity.Status.VERIFIED, note, "cpd.activity.verified", request
    )


def reject_activity(
    *, activity: CpdActivity, actor: User, reason: str, request: HttpRequest | None = None
) -> CpdActivity:
    """Not accepted, with a reason the engineer reads (by email, in their language)."""
    if not reason.strip():
        raise ValidationError({"note": _("Say why the activity is not accepted.")})
    activity = _review(
        activity, actor, CpdActivity.Status.REJECTED, reason, "cpd.activity.rejected", request
    )
    person = activity.person
    notify(
        person,
        "activity_rejected",
        {
            "activity": activity,
            "person": person,
            "reason": activity.review_note,
            "link": link(person, "cpd:ledger"),
        },
    )
    return activity
