"""Factories and helpers for course evaluations and past sessions."""

import datetime

from django.utils import timezone

from muhandis.training.models import EvaluationAnswer, EvaluationQuestion, EvaluationRequest

from .factories import CourseSessionFactory, EnrolmentFactory


def past_session(days_ago: int = 3, **fields):
    """A session that ended ``days_ago`` days ago."""
    ends = timezone.now() - datetime.timedelta(days=days_ago)
    return CourseSessionFactory(
        starts_at=ends - datetime.timedelta(hours=8),
        ends_at=ends,
        enrolment_deadline=ends - datetime.timedelta(days=5),
        status="held",
        **fields,
    )


def participant(session, status="completed", **person):
    from muhandis.accounts.tests.factories import UserFactory

    return EnrolmentFactory(session=session, status=status, person=UserFactory(**person))


def answered(enrolment, answers: dict, *, level=1, audience="participant"):
    """A request answered with ``answers`` (question key → number or text)."""
    request = EvaluationRequest.objects.create(
        enrolment=enrolment,
        level=level,
        audience=audience,
        language="en",
        sent_at=timezone.now(),
        answered_at=timezone.now(),
    )
    for key, value in answers.items():
        question = EvaluationQuestion.objects.get(key=key)
        if isinstance(value, str):
            EvaluationAnswer.objects.create(request=request, question=question, text=value)
        else:
            EvaluationAnswer.objects.create(request=request, question=question, number=value)
    return request
