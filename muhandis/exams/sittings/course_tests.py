"""A training course session's pre-test and post-test: sittings of the course's test
blueprint, opened by the training manager, with the session's participants registered
automatically in the session's language (no application: nothing goes to certification).

Who may do what is decided here: the training manager (or an administrator) opens tests and
registers participants; the report of the learning gain is also open to the session's
trainers (``can_see_gain``)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.core import audit
from muhandis.core.mail import send_in_language
from muhandis.exams.blueprints.course_tests import is_training_manager
from muhandis.exams.models import Blueprint, Registration, Sitting
from muhandis.exams.sittings.services import my_exams_link
from muhandis.training.models import Course, CourseSession, Enrolment, SessionTrainer

# Enrolments whose participants sit the session's tests: those holding a seat that the
# association has confirmed (paid or not), and those who attended.
SITTING_STATUSES = (
    Enrolment.Status.CONFIRMED,
    Enrolment.Status.PAID,
    Enrolment.Status.ATTENDED,
)
PURPOSES = (Sitting.Purpose.PRE_TEST, Sitting.Purpose.POST_TEST)


def _require_manager(actor: User) -> None:
    if not is_training_manager(actor):
        raise PermissionDenied(_("Only the training manager opens a course's tests."))


def trains(person: User, session: CourseSession) -> bool:
    """Whether the person is one of the session's trainers."""
    return SessionTrainer.objects.filter(session=session, trainer_id=person.pk).exists()


def can_see_gain(person: User, *, session: CourseSession | None = None, course: Course) -> bool:
    """Who reads the learning gain: the training manager and administrators; for one session
    its trainers; for a whole course the trainers of any of its sessions."""
    if not person.is_authenticated:
        return False
    if is_training_manager(person):
        return True
    trainers = SessionTrainer.objects.filter(trainer_id=person.pk)
    if session is not None:
        return trainers.filter(session=session).exists()
    return trainers.filter(session__course=course).exists()


def course_tests(session: CourseSession) -> dict[str, Sitting]:
    """The session's tests that are open, by purpose."""
    return {
        s.purpose: s
        for s in Sitting.objects.filter(course_session=session).select_related("blueprint")
    }


def open_course_test(
    *,
    session: CourseSession,
    purpose: str,
    actor: User,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    request: HttpRequest | None = None,
) -> Sitting:
    """Open the session's pre-test or post-test from the course's test blueprint and register
    the session's participants at once."""
    _require_manager(actor)
    if purpose not in PURPOSES:
        raise ValidationError({"purpose": _("Choose the pre-test or the post-test.")})
    blueprint = Blueprint.objects.filter(course_id=session.course_id).first()
    if blueprint is None:
        raise ValidationError(_("Write the course's test first: which competencies it covers."))
    if session.status == CourseSession.Status.CANCELLED:
        raise ValidationError(_("The session is cancelled."))
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The window must close after it opens.")})
    if (closes_at - opens_at).total_seconds() / 60 < blueprint.time_limit_minutes:
        raise ValidationError(
            {
                "closes_at": _(
                    "The window is shorter than the time the test allows (%(minutes)d minutes)."
                )
                % {"minutes": blueprint.time_limit_minutes}
            }
        )
    if Sitting.objects.filter(course_session=session, purpose=purpose).exists():
        raise ValidationError({"purpose": _already_open(purpose)})
    _check_language(blueprint, session.language)
    room = session.room.name if session.room is not None else ""
    try:
        with transaction.atomic():
            sitting = Sitting.objects.create(
                blueprint=blueprint,
                course_session=session,
                purpose=purpose,
                opens_at=opens_at,
                closes_at=closes_at,
                room=room[:200],
            )
            audit.record(
                "exams.course_test.opened",
                actor=actor,
                target=sitting,
                after={
                    "course": session.course.code,
                    "session": session.pk,
                    "purpose": purpose,
                    "opens_at": opens_at.isoformat(),
                    "closes_at": closes_at.isoformat(),
                },
                request=request,
            )
            register_participants(sitting=sitting, actor=actor, request=request)
    except IntegrityError:  # opened by someone else a moment ago
        raise ValidationError({"purpose": _already_open(purpose)}) from None
    return sitting


def _already_open(purpose: str) -> str:
    if purpose == Sitting.Purpose.PRE_TEST:
        return _("The session's pre-test is open already.")
    return _("The session's post-test is open already.")


def _check_language(blueprint: Blueprint, language: str) -> None:
    """The bank must be able to make the test in the session's language."""
    from muhandis.exams.blueprints.services import coverage

    for found in coverage(blueprint):
        if found.language == language and found.problem:
            raise ValidationError(
                _("The test cannot be made in the session's language: %(problem)s")
                % {"problem": found.problem}
            )


def waiting_participants(sitting: Sitting) -> list[Enrolment]:
    """The session's participants who sit its tests and are not registered for this one."""
    if sitting.course_session_id is None:
        return []
    registered = Registration.objects.filter(sitting=sitting).values("candidate_id")
    return list(
        Enrolment.objects.filter(session_id=sitting.course_session_id, status__in=SITTING_STATUSES)
        .exclude(person_id__in=registered)
        .select_related("person", "session")
        .order_by("requested_at", "pk")
    )


def register_participants(
    *, sitting: Sitting, actor: User, request: HttpRequest | None = None
) -> list[Registration]:
    """Register every participant of the session who sits its tests and is not registered
    yet, in the session's language, and tell each in their own language. Run again to add
    those who joined the session later."""
    _require_manager(actor)
    if sitting.course_session_id is None:
        raise ValidationError(_("This sitting is not a course's test."))
    created = []
    with transaction.atomic():
        for enrolment in waiting_participants(sitting):
            person = enrolment.person
            registration = Registration.objects.create(
                sitting=sitting,
                candidate=person,
                application=None,
                language=enrolment.session.language,
            )

            def tell(r: Registration = registration, p: User = person) -> None:
                send_in_language(
                    p.email,
                    "exams/course_tests/email/registered",
                    p.preferred_language,
                    {"person": p, "registration": r, "sitting": sitting, "link": my_exams_link(p)},
                )

            transaction.on_commit(tell)
            audit.record(
                "exams.registration.created",
                actor=actor,
                target=person,
                after={
                    "sitting": sitting.pk,
                    "language": registration.language,
                    "enrolment": str(enrolment.public_id),
                },
                request=request,
            )
            created.append(registration)
    return created
