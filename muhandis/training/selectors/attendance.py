"""Reads for attendance and completion: who is listed on a session day, each participant's
attendance, who may manage a session, and who trained whom."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles

from ..models import Attendance, CourseSession, Enrolment, SessionDay, SessionTrainer

# Enrolments the trainer marks attendance for: also after completion was assessed, so that the
# record stays visible and a corrected mark can be assessed again.
LISTED = ("confirmed", "paid", "attended", "completed", "not_completed")
# Enrolments whose participant may check in with the day's code or apologise in advance.
SEAT_HOLDING = ("confirmed", "paid", "attended")
# Enrolments shown on the completion page (those assessed included).
ASSESSABLE = ("confirmed", "paid", "attended", "completed", "not_completed")
# Enrolments through which a trainer counts as having trained the person (ISO/IEC 17024).
TRAINED = ("paid", "attended", "completed", "not_completed")
MANAGERS = frozenset({Role.TRAINING_MANAGER, Role.ADMIN})


def is_trainer(user: User, session: CourseSession) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        SessionTrainer.objects.filter(session=session, trainer_id=user.pk).exists()
    )


def can_manage(user: User, session: CourseSession) -> bool:
    """Whether ``user`` marks attendance and assesses completion of ``session``: one of its
    trainers, or a training manager or administrator (with two-factor on)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(usable_roles(user) & MANAGERS) or is_trainer(user, session)


def listed_enrolments(session: CourseSession, statuses: tuple[str, ...] = LISTED) -> list:
    """The session's enrolments in ``statuses``, by participant's name, people fetched."""
    return list(
        Enrolment.objects.filter(session=session, status__in=statuses)
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "pk")
    )


def marks_of_day(day: SessionDay) -> dict[int, Attendance]:
    """The day's marks by enrolment id."""
    return {a.enrolment_id: a for a in Attendance.objects.filter(day=day)}


def day_for(session: CourseSession, date: datetime.date | None) -> SessionDay | None:
    """The session's day on ``date``; without one, today's, else the next, else the last."""
    days = list(session.days.all())
    if not days:
        return None
    if date is not None:
        return next((d for d in days if d.date == date), None)
    today = timezone.localdate()
    return next((d for d in days if d.date >= today), days[-1])


@dataclass
class Row:
    """One participant's attendance over a session: marks by day id and the share present."""

    enrolment: Enrolment
    marks: dict[int, str] = field(default_factory=dict)
    present: int = 0
    days: int = 0

    @property
    def percent(self) -> int:
        """Days present as a whole percentage (rounded down) of the session's days."""
        return (self.present * 100 // self.days) if self.days else 0


def attendance_rows(
    session: CourseSession, statuses: tuple[str, ...] = ASSESSABLE
) -> tuple[list[SessionDay], list[Row]]:
    """The session's days and one ``Row`` per enrolment in ``statuses`` (three queries)."""
    days = list(session.days.all())
    rows = [Row(enrolment=e, days=len(days)) for e in listed_enrolments(session, statuses)]
    by_id = {row.enrolment.pk: row for row in rows}
    for mark in Attendance.objects.filter(enrolment_id__in=by_id, day__session=session):
        row = by_id[mark.enrolment_id]
        row.marks[mark.day_id] = mark.mark
        row.present += mark.mark == Attendance.Mark.PRESENT
    return days, rows


def trained(*, trainer: User | int | None, person: User | int | None) -> bool:
    """Whether ``trainer`` was a trainer of a session in which ``person`` held a paid,
    attended, completed or not-completed enrolment: who trained whom, for the impartiality
    rules of certification (ISO/IEC 17024). Each is a person or a person's id."""
    trainer_id = trainer.pk if isinstance(trainer, User) else trainer
    person_id = person.pk if isinstance(person, User) else person
    if trainer_id is None or person_id is None or trainer_id == person_id:
        return False
    return Enrolment.objects.filter(
        person_id=person_id,
        status__in=TRAINED,
        session__session_trainers__trainer_id=trainer_id,
    ).exists()


def own_enrolments(person: User | AnonymousUser) -> QuerySet[Enrolment]:
    """The person's enrolments that hold a seat now, with their session and course."""
    return (
        Enrolment.objects.filter(person_id=person.pk, status__in=SEAT_HOLDING)
        .select_related("session__course")
        .order_by("session__starts_at")
    )


def future_days(enrolment: Enrolment) -> list[SessionDay]:
    """Days of the enrolment's session after today: those one can apologise for."""
    return list(enrolment.session.days.filter(date__gt=timezone.localdate()))


def trainer_sessions(person: User, *, limit: int = 10) -> list[CourseSession]:
    """The trainer's sessions not yet over (or ending today), soonest first, course fetched."""
    start_of_today = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time.min)
    )
    return list(
        CourseSession.objects.filter(
            session_trainers__trainer_id=person.pk, ends_at__gte=start_of_today
        )
        .exclude(status=CourseSession.Status.CANCELLED)
        .select_related("course")
        .order_by("starts_at")[:limit]
    )


def days_to_mark_today(person: User) -> list[SessionDay]:
    """Today's days of the trainer's sessions with a listed participant not marked yet."""
    unmarked = Enrolment.objects.filter(session=OuterRef("session"), status__in=LISTED).exclude(
        attendance__day=OuterRef("pk")
    )
    return list(
        SessionDay.objects.filter(
            session__session_trainers__trainer_id=person.pk, date=timezone.localdate()
        )
        .exclude(session__status=CourseSession.Status.CANCELLED)
        .filter(Exists(unmarked))
        .select_related("session__course")
    )
