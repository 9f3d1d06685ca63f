"""Course evaluations: asking participants (and their supervisors) by a personal link, in their
language, and saving their answers once.

Level 1 is asked when a session has ended; level 3 ``TRAINING_FOLLOW_UP_DAYS`` (default 90)
days after it ended, of the participant and of the supervisor the participant named on the
level 1 form. An unanswered request is reminded once, after ``REMIND_AFTER_DAYS``. The daily
command ``send_evaluation_requests`` does all of it; nobody is asked or reminded twice."""

import datetime
from collections.abc import Mapping
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from muhandis.core import audit
from muhandis.core.mail import send_in_language

from ..models import (
    CourseKind,
    CourseSession,
    Enrolment,
    EvaluationAnswer,
    EvaluationAudience,
    EvaluationLevel,
    EvaluationQuestion,
    EvaluationRequest,
)

# Enrolments whose participants are asked: they took part in the session.
EVALUATED_STATUSES = (
    Enrolment.Status.ATTENDED,
    Enrolment.Status.COMPLETED,
    Enrolment.Status.NOT_COMPLETED,
)
REMIND_AFTER_DAYS = 7
# Sessions that ended longer ago than this are not asked at level 1 (e.g. imported ones).
LEVEL_1_WINDOW_DAYS = 30
# The follow-up is sent within this many days after it falls due, never later.
FOLLOW_UP_WINDOW_DAYS = 30
EMAIL_TEMPLATE = "training/evaluation/email/request"
REMINDER_TEMPLATE = "training/evaluation/email/reminder"


def follow_up_days() -> int:
    return int(getattr(settings, "TRAINING_FOLLOW_UP_DAYS", 90))


def answer_link(request: EvaluationRequest) -> str:
    """The personal link, in the addressee's language."""
    with translation.override(request.language):
        path = reverse("training:evaluation_answer", kwargs={"token": request.token})
    return settings.SITE_URL.rstrip("/") + path


def addressee(request: EvaluationRequest) -> str:
    return request.email or request.enrolment.person.email


def _mail(request: EvaluationRequest, template: str) -> None:
    enrolment = request.enrolment
    context = {
        "request": request,
        "person": enrolment.person,
        "session": enrolment.session,
        "course": enrolment.session.course,
        "supervisor": request.audience == EvaluationAudience.SUPERVISOR,
        "follow_up": request.level == EvaluationLevel.BEHAVIOUR,
        "link": answer_link(request),
    }
    send_in_language(addressee(request), template, request.language, context)


def _create(
    enrolment: Enrolment,
    *,
    level: int,
    audience: str = EvaluationAudience.PARTICIPANT,
    email: str = "",
    now: datetime.datetime,
) -> EvaluationRequest | None:
    """Create and send a request unless one exists already (then None)."""
    try:
        with transaction.atomic():
            request = EvaluationRequest.objects.create(
                enrolment=enrolment,
                level=level,
                audience=audience,
                email=email,
                language=enrolment.person.preferred_language or enrolment.session.language,
                sent_at=now,
            )
            audit.record(
                "training.evaluation.requested",
                actor=None,
                target=enrolment,
                after={"level": level, "audience": audience},
            )
            transaction.on_commit(partial(_mail, request, EMAIL_TEMPLATE))
    except IntegrityError:  # another run asked first
        return None
    request.enrolment = enrolment
    return request


def _ended(session: CourseSession, now: datetime.datetime) -> bool:
    return session.ends_at <= now and session.status != CourseSession.Status.CANCELLED


def request_course_evaluation(
    *, enrolment: Enrolment, now: datetime.datetime | None = None
) -> EvaluationRequest | None:
    """Ask a participant for the end-of-course evaluation (once); None if they are not to be
    asked (the session has not ended, they did not take part) or were asked already. Suits a
    receiver of ``enrolment_completed`` as well as the daily command."""
    now = now or timezone.now()
    if enrolment.status not in EVALUATED_STATUSES or not _ended(enrolment.session, now):
        return None
    if enrolment.session.course.kind == CourseKind.EVENT:
        return None  # an event is not a course to evaluate (decision 0014)
    return _create(enrolment, level=EvaluationLevel.REACTION, now=now)


def on_enrolment_completed(sender: object, enrolment: Enrolment, **kwargs: object) -> None:
    """Receiver of ``training.signals.enrolment_completed``: ask for the evaluation at once
    (the daily command catches whoever this misses)."""
    request_course_evaluation(enrolment=enrolment)


def _due_level_1(now: datetime.datetime) -> list[Enrolment]:
    return list(
        Enrolment.objects.filter(
            status__in=EVALUATED_STATUSES,
            session__course__kind=CourseKind.COURSE,
            session__ends_at__lte=now,
            session__ends_at__gt=now - datetime.timedelta(days=LEVEL_1_WINDOW_DAYS),
        )
        .exclude(session__status=CourseSession.Status.CANCELLED)
        .exclude(evaluation_requests__level=EvaluationLevel.REACTION)
        .select_related("person", "session__course")
        .order_by("pk")
    )


def _due_level_3(now: datetime.datetime) -> list[Enrolment]:
    due = now - datetime.timedelta(days=follow_up_days())
    return list(
        Enrolment.objects.filter(
            status__in=EVALUATED_STATUSES,
            session__course__kind=CourseKind.COURSE,
            session__ends_at__lte=due,
            session__ends_at__gt=due - datetime.timedelta(days=FOLLOW_UP_WINDOW_DAYS),
            evaluation_requests__level=EvaluationLevel.REACTION,
        )
        .exclude(session__status=CourseSession.Status.CANCELLED)
        .exclude(evaluation_requests__level=EvaluationLevel.BEHAVIOUR)
        .select_related("person", "session__course")
        .prefetch_related("evaluation_requests")
        .order_by("pk")
        .distinct()
    )


def _remind(now: datetime.datetime) -> int:
    due = EvaluationRequest.objects.filter(
        answered_at__isnull=True,
        reminded_at__isnull=True,
        sent_at__lte=now - datetime.timedelta(days=REMIND_AFTER_DAYS),
    ).select_related("enrolment__person", "enrolment__session__course")
    count = 0
    for request in due.order_by("pk"):
        with transaction.atomic():
            claimed = EvaluationRequest.objects.filter(
                pk=request.pk, reminded_at__isnull=True, answered_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            transaction.on_commit(partial(_mail, request, REMINDER_TEMPLATE))
        count += 1
    return count


def send_evaluation_requests(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """The daily run: level 1 requests for sessions that ended, level 3 follow-ups that fall
    due (with the supervisor's when one was named), and one reminder for each request still
    unanswered after a week. Returns what it sent."""
    now = now or timezone.now()
    sent = {"level_1": 0, "level_3": 0, "supervisors": 0, "reminders": 0}
    for enrolment in _due_level_1(now):
        if _create(enrolment, level=EvaluationLevel.REACTION, now=now):
            sent["level_1"] += 1
    for enrolment in _due_level_3(now):
        first = next(
            (
                r
                for r in enrolment.evaluation_requests.all()
                if r.level == EvaluationLevel.REACTION
                and r.audience == EvaluationAudience.PARTICIPANT
            ),
            None,
        )
        if _create(enrolment, level=EvaluationLevel.BEHAVIOUR, now=now):
            sent["level_3"] += 1
        if first is not None and first.supervisor_email:
            supervisor = _create(
                enrolment,
                level=EvaluationLevel.BEHAVIOUR,
                audience=EvaluationAudience.SUPERVISOR,
                email=first.supervisor_email,
                now=now,
            )
            sent["supervisors"] += supervisor is not None
    sent["reminders"] = _remind(now)
    return sent


# Answering ------------------------------------------------------------------------------------


def request_from_token(token: str) -> EvaluationRequest:
    """The request a link belongs to, or a ValidationError saying the link is not known."""
    request = (
        EvaluationRequest.objects.filter(token=token)
        .select_related("enrolment__person", "enrolment__session__course")
        .first()
    )
    if request is None or not token:
        raise ValidationError(
            _("This link is not valid. Check that you copied all of it from the email."),
            code="invalid",
        )
    return request


def questions_for(request: EvaluationRequest) -> list[EvaluationQuestion]:
    return list(
        EvaluationQuestion.objects.filter(
            active=True, level=request.level, audience=request.audience
        ).order_by("order", "pk")
    )


def _checked(question: EvaluationQuestion, value: object) -> tuple[int | None, str] | None:
    """The stored form of one answer, None if left empty; ValueError if out of range."""
    if value is None or value == "":
        return None
    kind = EvaluationQuestion.Kind
    if question.kind == kind.TEXT:
        text = str(value).strip()
        return (None, text[:4000]) if text else None
    number = int(str(value))  # ValueError for anything else
    ranges: dict[str, tuple[int, int]] = {
        kind.RATING: (1, 5),
        kind.NPS: (0, 10),
        kind.YES_NO: (0, 1),
    }
    low, high = ranges[question.kind]
    if not low <= number <= high:
        raise ValueError(number)
    return number, ""


def answer_evaluation(
    *,
    token: str,
    answers: Mapping[str, object],
    supervisor_email: str = "",
    request: HttpRequest | None = None,
) -> EvaluationRequest:
    """Save the answers to one questionnaire, all in one transaction, once. ``answers`` maps a
    question's key to its value (a number for ratings and yes (1) / no (0), text otherwise).
    A ValidationError names each question that needs an answer, or says the link was used."""
    with transaction.atomic():
        evaluation = request_from_token(token)
        evaluation = EvaluationRequest.objects.select_for_update().get(pk=evaluation.pk)
        if evaluation.answered_at is not None:
            raise ValidationError(
                _("These answers were already sent: each link can be used once."), code="used"
            )
        errors: dict[str, str] = {}
        rows = []
        for question in questions_for(evaluation):
            try:
                value = _checked(question, answers.get(question.key))
            except (TypeError, ValueError):
                errors[question.key] = _("Choose one of the answers offered.")
                continue
            if value is None:
                if question.required:
                    errors[question.key] = _("Answer this question, please.")
                continue
            rows.append(
                EvaluationAnswer(
                    request=evaluation, question=question, number=value[0], text=value[1]
                )
            )
        supervisor_email = supervisor_email.strip().lower()
        if supervisor_email:
            try:
                validate_email(supervisor_email)
            except ValidationError:
                errors["supervisor_email"] = _("Write a whole email address, e.g. name@firm.uz.")
        if errors:
            raise ValidationError(errors)
        EvaluationAnswer.objects.bulk_create(rows)
        evaluation.answered_at = timezone.now()
        can_name_supervisor = (
            evaluation.level == EvaluationLevel.REACTION
            and evaluation.audience == EvaluationAudience.PARTICIPANT
        )
        evaluation.supervisor_email = supervisor_email if can_name_supervisor else ""
        evaluation.save(update_fields=["answered_at", "supervisor_email"])
        # The trail records that the questionnaire was answered, never what was answered.
        audit.record(
            "training.evaluation.answered",
            actor=None,
            target=evaluation.enrolment,
            after={
                "level": evaluation.level,
                "audience": evaluation.audience,
                "answers": len(rows),
                "supervisor_named": bool(evaluation.supervisor_email),
            },
            request=request,
        )
    return evaluation
