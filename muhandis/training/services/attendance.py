"""Attendance per session day: the trainer marks it, participants check in with the day's code,
and a participant apologises in advance for a day to come. Every mark is audited."""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.core import audit

from ..models import Attendance, Enrolment, SessionDay
from ..selectors.attendance import LISTED, SEAT_HOLDING, can_manage

Mark = Attendance.Mark


def mark_day(
    *,
    day: SessionDay,
    marks: Mapping[int, str],
    actor: User,
    request: HttpRequest | None = None,
) -> int:
    """Record the marks (enrolment id → present, absent or excused) of one day, by a trainer of
    the session or a training manager; return how many marks changed. Only participants listed
    for the day (confirmed, paid, attended) can be marked, and not before the day."""
    session = day.session
    if not can_manage(actor, session):
        raise PermissionDenied(_("Only a trainer of this session marks its attendance."))
    if day.date > timezone.localdate():
        raise ValidationError(_("Attendance is marked on the day or after it, not before."))
    if any(mark not in Mark.values for mark in marks.values()):
        raise ValidationError(_("Choose present, absent or excused for each participant."))
    listed = {
        e.pk: e
        for e in Enrolment.objects.filter(
            session=session, status__in=LISTED, pk__in=list(marks)
        ).select_related("person")
    }
    if set(marks) - set(listed):
        raise ValidationError(_("Some of these people are not participants of this session."))
    existing = {a.enrolment_id: a for a in Attendance.objects.filter(day=day, enrolment__in=listed)}
    changed = 0
    with transaction.atomic():
        for enrolment_id, mark in marks.items():
            before = existing.get(enrolment_id)
            if before is not None and before.mark == mark:
                continue
            Attendance.objects.update_or_create(
                enrolment_id=enrolment_id,
                day=day,
                defaults={"mark": mark, "marked_by": actor, "self_checked_in": False},
            )
            audit.record(
                "training.attendance.marked",
                actor=actor,
                target=listed[enrolment_id],
                before={"mark": before.mark} if before else None,
                after={"day": day.date.isoformat(), "mark": mark},
                request=request,
            )
            changed += 1
    return changed


def _normalised(code: str) -> str:
    return "".join(code.split()).upper()


def check_in(*, person: User, code: str, request: HttpRequest | None = None) -> Attendance:
    """The participant checks themselves in with the code shown in the room: only on the day,
    and only with a seat (a confirmed or paid enrolment) in that day's session."""
    given = _normalised(code)
    if not given:
        raise ValidationError({"code": _("Type the code shown in the room.")})
    today = timezone.localdate()
    days = [
        d
        for d in SessionDay.objects.filter(date=today).select_related("session__course")
        if _normalised(d.check_in_code) == given
    ]
    enrolment = (
        Enrolment.objects.filter(
            person_id=person.pk, status__in=SEAT_HOLDING, session__in=[d.session for d in days]
        )
        .select_related("session")
        .first()
    )
    if enrolment is None:
        raise ValidationError(
            {
                "code": _(
                    "This code does not open check-in for you today. Check the code, or ask "
                    "the trainer: it works only on the day, for participants with a seat."
                )
            }
        )
    day = next(d for d in days if d.session_id == enrolment.session_id)
    with transaction.atomic():
        attendance, _created = Attendance.objects.update_or_create(
            enrolment=enrolment,
            day=day,
            defaults={"mark": Mark.PRESENT, "marked_by": person, "self_checked_in": True},
        )
        audit.record(
            "training.attendance.checked_in",
            actor=person,
            target=enrolment,
            after={"day": day.date.isoformat(), "mark": Mark.PRESENT},
            request=request,
        )
    return attendance


def apologise(
    *,
    enrolment: Enrolment,
    day: SessionDay,
    note: str,
    actor: User,
    request: HttpRequest | None = None,
) -> Attendance:
    """The participant says in advance that they will miss ``day``: it is marked excused with
    their note. Only for their own seat, and only for a day still to come."""
    if enrolment.person_id != getattr(actor, "pk", None):
        raise PermissionDenied(_("Only the participant apologises for their own absence."))
    if enrolment.status not in SEAT_HOLDING:
        raise ValidationError(_("This enrolment holds no seat."))
    if day.session_id != enrolment.session_id:
        raise ValidationError({"day": _("Choose a day of your session.")})
    if day.date <= timezone.localdate():
        raise ValidationError({"day": _("Apologies are sent before the day, not on or after it.")})
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Say briefly why you will be absent.")})
    with transaction.atomic():
        attendance, _created = Attendance.objects.update_or_create(
            enrolment=enrolment,
            day=day,
            defaults={
                "mark": Mark.EXCUSED,
                "marked_by": actor,
                "self_checked_in": False,
                "note": note[:300],
            },
        )
        audit.record(
            "training.attendance.apologised",
            actor=actor,
            target=enrolment,
            after={"day": day.date.isoformat(), "mark": Mark.EXCUSED, "note": note[:300]},
            request=request,
        )
    return attendance
