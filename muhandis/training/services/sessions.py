"""Writes for course sessions: create, change and cancel a run of a course.

A trainer is never on two sessions whose times overlap and a room never hosts two: the check
runs with the room's row and the trainers' rows locked (``select_for_update``), so two managers
saving at the same moment cannot both pass it on PostgreSQL. Times are stored in UTC and shown,
and cut into session days, in the association's time zone (``settings.TIME_ZONE``).
"""

import datetime
import secrets
import zoneinfo
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, When
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.core import audit

from .. import catalogue_cache
from ..models import (
    Attendance,
    Course,
    CourseFormat,
    CourseKind,
    CourseSession,
    Enrolment,
    Room,
    SessionDay,
    SessionTrainer,
)

CHECK_IN_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud in a room
CHECK_IN_LENGTH = 6
SESSION_FIELDS = (
    "starts_at",
    "ends_at",
    "room",
    "online_url",
    "language",
    "min_seats",
    "max_seats",
    "enrolment_deadline",
    "payment_days",
    "offer_days",
    "free_cancellation_days",
    "cancellation_terms_uz",
    "cancellation_terms_ru",
    "cancellation_terms_en",
    "status",
)
EDITABLE_STATUSES = (CourseSession.Status.PLANNED, CourseSession.Status.OPEN)


def association_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def new_check_in_code() -> str:
    return "".join(secrets.choice(CHECK_IN_ALPHABET) for _i in range(CHECK_IN_LENGTH))


def session_dates(starts_at: datetime.datetime, ends_at: datetime.datetime) -> list[datetime.date]:
    """The calendar days, in the association's time zone, on which a session runs: each day
    from its start to its end (an end at midnight does not add the next day)."""
    zone = association_zone()
    first = starts_at.astimezone(zone).date()
    last = (ends_at - datetime.timedelta(microseconds=1)).astimezone(zone).date()
    return [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]


def _when(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment, association_zone()), "DATETIME_FORMAT")


def _snapshot(session: CourseSession) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in SESSION_FIELDS:
        value = getattr(session, "room_id" if name == "room" else name)
        if isinstance(value, datetime.datetime):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        values[name] = value
    values["trainers"] = sorted(session.session_trainers.values_list("trainer_id", flat=True))
    return values


def _check_values(session: CourseSession, trainers: list[User]) -> None:
    problems: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        refuse("ends_at", _("The session must end after it starts."))
    elif (
        session.starts_at
        and session.ends_at
        and len(session_dates(session.starts_at, session.ends_at)) > 366
    ):
        refuse("ends_at", _("A session lasts at most a year."))
    if (
        session.enrolment_deadline
        and session.starts_at
        and session.enrolment_deadline > session.starts_at
    ):
        refuse("enrolment_deadline", _("Enrolment must close before the session starts."))
    seats = (session.min_seats, session.max_seats)
    if None not in seats and seats[0] > seats[1]:
        refuse("min_seats", _("The minimum seats cannot be more than the maximum."))
    if session.course.kind != CourseKind.EVENT:  # an event keeps its own place (0014)
        _check_place(session, refuse)
    if session.room is not None and session.max_seats and session.max_seats > session.room.capacity:
        refuse(
            "max_seats",
            _("Room %(room)s holds %(capacity)s people: give at most %(capacity)s seats.")
            % {"room": session.room, "capacity": session.room.capacity},
        )
    if session.language and session.language not in (session.course.languages or []):
        refuse(
            "language",
            _("The course is not taught in this language: add it to the course first."),
        )
    not_trainers = [t for t in trainers if not _is_trainer(t)]
    if not_trainers:
        refuse(
            "trainers",
            _("%(names)s cannot train: they do not hold the trainer role.")
            % {"names": ", ".join(t.display_name for t in not_trainers)},
        )
    if problems:
        raise ValidationError(problems)


def _check_place(session: CourseSession, refuse: Any) -> None:
    course_format = session.course.format
    if session.room_id is None and not session.online_url:
        refuse("room", _("Choose a room, or give the online link."))
    if session.room_id is None and course_format in (CourseFormat.CLASSROOM, CourseFormat.BLENDED):
        refuse("room", _("A classroom or blended course needs a room."))
    if not session.online_url and course_format == CourseFormat.ONLINE_LIVE:
        refuse("online_url", _("An online course needs its online link."))


def _is_trainer(user: User) -> bool:
    return user.role_assignments.filter(role=Role.TRAINER, revoked_at__isnull=True).exists()


def _check_no_double_booking(session: CourseSession, trainers: list[User]) -> None:
    """Refuse when the room or a trainer is already taken at an overlapping time. Locks the
    room's and the trainers' rows first, so that a concurrent save waits for this one."""
    if session.room_id is not None:
        Room.objects.select_for_update().filter(pk=session.room_id).first()
    trainer_ids = sorted({t.pk for t in trainers})
    if trainer_ids:
        list(User.objects.select_for_update().filter(pk__in=trainer_ids).order_by("pk"))
    overlapping = (
        CourseSession.objects.exclude(status=CourseSession.Status.CANCELLED)
        .filter(starts_at__lt=session.ends_at, ends_at__gt=session.starts_at)
        .select_related("course")
    )
    if session.pk:
        overlapping = overlapping.exclude(pk=session.pk)
    problems: dict[str, list[str]] = {}
    if session.room_id is not None:
        other = overlapping.filter(room_id=session.room_id).order_by("starts_at").first()
        if other is not None:
            problems["room"] = [
                _("The room is taken by %(course)s (%(start)s – %(end)s) at that time.")
                % {
                    "course": f"{other.course.code} {other.course.title}",
                    "start": _when(other.starts_at),
                    "end": _when(other.ends_at),
                }
            ]
    if trainer_ids:
        clashes = (
            SessionTrainer.objects.filter(trainer_id__in=trainer_ids, session__in=overlapping)
            .select_related("session__course")
            .order_by("session__starts_at", "trainer_id")
        )
        by_id = {t.pk: t for t in trainers}
        for clash in clashes:
            other = clash.session
            problems.setdefault("trainers", []).append(
                _("%(trainer)s already trains %(course)s (%(start)s – %(end)s) at that time.")
                % {
                    "trainer": by_id[clash.trainer_id].display_name,
                    "course": f"{other.course.code} {other.course.title}",
                    "start": _when(other.starts_at),
                    "end": _when(other.ends_at),
                }
            )
    if problems:
        raise ValidationError(problems)


def _sync_days(session: CourseSession) -> None:
    """One ``SessionDay`` per calendar day of the session; days kept keep their codes."""
    wanted = set(session_dates(session.starts_at, session.ends_at))
    existing = {day.date: day for day in SessionDay.objects.filter(session=session)}
    dropped = [day for date, day in existing.items() if date not in wanted]
    if dropped and Attendance.objects.filter(day__in=dropped).exists():
        raise ValidationError(
            {
                "starts_at": [
                    _(
                        "Attendance is already marked on a day these dates leave out: keep "
                        "that day in the session."
                    )
                ]
            }
        )
    SessionDay.objects.filter(pk__in=[day.pk for day in dropped]).delete()
    SessionDay.objects.bulk_create(
        SessionDay(session=session, date=date, check_in_code=new_check_in_code())
        for date in sorted(wanted - existing.keys())
    )


def _set_trainers(session: CourseSession, trainers: list[User]) -> None:
    wanted = {t.pk for t in trainers}
    session.session_trainers.exclude(trainer_id__in=wanted).delete()
    have = set(session.session_trainers.values_list("trainer_id", flat=True))
    session.session_trainers.bulk_create(
        session.session_trainers.model(session=session, trainer_id=pk)
        for pk in sorted(wanted - have)
    )


def _apply(session: CourseSession, values: dict[str, Any]) -> None:
    unknown = set(values) - set(SESSION_FIELDS)
    if unknown:
        raise ValueError(f"Not session fields: {sorted(unknown)}")
    for name, value in values.items():
        if isinstance(value, datetime.datetime) and timezone.is_naive(value):
            value = timezone.make_aware(value, association_zone())
        setattr(session, name, value)
    if session.status not in EDITABLE_STATUSES:
        raise ValidationError({"status": _("Choose planned or open.")})


def _save(
    session: CourseSession,
    trainers: list[User],
    *,
    actor: User | None,
    action: str,
    before: dict[str, Any],
    request: HttpRequest | None,
) -> CourseSession:
    _check_values(session, trainers)
    _check_no_double_booking(session, trainers)
    try:
        session.full_clean(exclude=["public_id", "course", "trainers"])
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None
    session.save()
    _set_trainers(session, trainers)
    _sync_days(session)
    after = _snapshot(session)
    changed = [k for k in after if before.get(k) != after[k]]
    if changed:
        catalogue_cache.bump()
        audit.record(
            action,
            actor=actor,
            target=session,
            before={k: before[k] for k in changed if k in before} or None,
            after={k: after[k] for k in changed},
            request=request,
        )
    return session


@transaction.atomic
def create_session(
    *,
    course: Course,
    values: dict[str, Any],
    trainers: list[User],
    actor: User | None,
    request: HttpRequest | None = None,
) -> CourseSession:
    """A new run of ``course`` with its trainers, its room or online link and its days.
    Naive times are read in the association's time zone."""
    session = CourseSession(course=course)
    _apply(session, values)
    return _save(
        session,
        trainers,
        actor=actor,
        action="training.session.created",
        before={},
        request=request,
    )


@transaction.atomic
def update_session(
    *,
    session: CourseSession,
    values: dict[str, Any],
    trainers: list[User],
    actor: User | None,
    request: HttpRequest | None = None,
) -> CourseSession:
    """Change a planned or open session: dates, place, seats, trainers, terms."""
    session = CourseSession.objects.select_for_update().select_related("course").get(pk=session.pk)
    if session.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("This session is %(status)s: it can no longer be changed.")
            % {"status": session.get_status_display().lower()}
        )
    before = _snapshot(session)
    _apply(session, values)
    taken = session.enrolments.filter(status__in=Enrolment.SEAT_HOLDING).count()
    if session.max_seats is not None and session.max_seats < taken:
        raise ValidationError(
            {
                "max_seats": [
                    _("%(count)s people already hold a seat: give at least %(count)s seats.")
                    % {"count": taken}
                ]
            }
        )
    return _save(
        session,
        trainers,
        actor=actor,
        action="training.session.updated",
        before=before,
        request=request,
    )


@transaction.atomic
def cancel_session(
    *,
    session: CourseSession,
    reason: str,
    actor: User | None,
    request: HttpRequest | None = None,
) -> CourseSession:
    """Cancel a planned or open session: it leaves the catalogue and frees its room and
    trainers. The reason is kept in the audit trail."""
    session = CourseSession.objects.select_for_update().get(pk=session.pk)
    if session.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("This session is %(status)s: it cannot be cancelled.")
            % {"status": session.get_status_display().lower()}
        )
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the session is cancelled.")]})
    before = session.status
    session.status = CourseSession.Status.CANCELLED
    session.save(update_fields=["status", "updated_at"])
    catalogue_cache.bump()
    audit.record(
        "training.session.cancelled",
        actor=actor,
        target=session,
        before={"status": before},
        after={"status": session.status},
        reason=reason.strip(),
        request=request,
    )
    _cancel_enrolments(session, reason=reason.strip(), actor=actor)
    return session


def _cancel_enrolments(session: CourseSession, *, reason: str, actor: User | None) -> None:
    """Everyone enrolled or waiting is cancelled by the association, told why, and refunded
    what they paid; the waiting list first, so that no freed seat is offered."""
    from .enrolment import cancel_enrolment

    waiting = ("waitlisted", "offered")
    enrolments = session.enrolments.filter(
        status__in=(*waiting, "requested", "confirmed", "paid")
    ).order_by(Case(When(status__in=waiting, then=0), default=1), "requested_at", "pk")
    for enrolment in enrolments:
        cancel_enrolment(enrolment=enrolment, actor=actor, by="staff", reason=reason)
