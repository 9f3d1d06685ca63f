"""Session days and marks, and a session that has ended, for attendance and completion tests."""

import datetime

import factory
from django.utils import timezone

from muhandis.training.models import Attendance, SessionDay, SessionTrainer

from .factories import CourseSessionFactory, EnrolmentFactory


class SessionDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionDay

    session = factory.SubFactory(CourseSessionFactory)
    date = factory.LazyFunction(timezone.localdate)
    check_in_code = factory.Sequence(lambda n: f"K{n:05d}")


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    enrolment = factory.SubFactory(EnrolmentFactory)
    day = factory.SubFactory(SessionDayFactory)
    mark = "present"


def session_with_days(*, trainer=None, days=5, start=None, **fields):
    """A session of ``days`` consecutive days from ``start`` (default: today), with its days
    and (optionally) a trainer."""
    start = start or timezone.localdate()
    begins = timezone.make_aware(datetime.datetime.combine(start, datetime.time(9)))
    session = CourseSessionFactory(
        starts_at=begins,
        ends_at=begins + datetime.timedelta(days=days - 1, hours=8),
        enrolment_deadline=begins - datetime.timedelta(days=2),
        **fields,
    )
    for offset in range(days):
        SessionDayFactory(session=session, date=start + datetime.timedelta(days=offset))
    if trainer is not None:
        SessionTrainer.objects.create(session=session, trainer=trainer)
    return session


def ended_session(*, trainer=None, days=5, **fields):
    """A session whose last day was yesterday."""
    start = timezone.localdate() - datetime.timedelta(days=days)
    return session_with_days(trainer=trainer, days=days, start=start, **fields)
