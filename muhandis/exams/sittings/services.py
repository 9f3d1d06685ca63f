"""Sittings: exam windows, their candidates (registered from accepted certification
applications), accommodations, and what invigilators record.

The exam manager (a registrar) plans sittings and registers candidates; the invigilators of a
sitting check identities and log incidents. Every change is audited."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.certification.models import Application, AssessmentMethod
from muhandis.core import audit
from muhandis.core.mail import send_in_language
from muhandis.exams.models import Blueprint, Incident, Registration, Sitting

MANAGERS = frozenset({Role.REGISTRAR})


def my_exams_link(person: User) -> str:
    """Where a candidate finds their exams, in their language."""
    return f"{settings.SITE_URL.rstrip('/')}/{person.preferred_language}/exams/"


MAX_EXTRA_MINUTES = 240


def is_manager(person: User) -> bool:
    return bool(usable_roles(person) & MANAGERS)


def _require_manager(actor: User) -> None:
    if not is_manager(actor):
        raise PermissionDenied(_("Only the exam manager plans sittings."))


def is_invigilator(person: User, sitting: Sitting) -> bool:
    return sitting.invigilators.filter(pk=person.pk).exists()


def can_see_sitting(person: User, sitting: Sitting) -> bool:
    return is_manager(person) or (
        Role.EXAMINER in usable_roles(person) and is_invigilator(person, sitting)
    )


def create_sitting(
    *,
    actor: User,
    blueprint: Blueprint,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    room: str = "",
    invigilators: Iterable[User] = (),
    request: HttpRequest | None = None,
) -> Sitting:
    _require_manager(actor)
    if blueprint.is_course_test:
        raise ValidationError(
            {"blueprint": _("A course's test is opened from the course session's tests page.")}
        )
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The window must close after it opens.")})
    minutes = (closes_at - opens_at).total_seconds() / 60
    if minutes < blueprint.time_limit_minutes:
        raise ValidationError(
            {
                "closes_at": _(
                    "The window is shorter than the time the exam allows (%(minutes)d minutes)."
                )
                % {"minutes": blueprint.time_limit_minutes}
            }
        )
    invigilators = list(invigilators)
    for person in invigilators:
        if Role.EXAMINER not in usable_roles(person):
            raise ValidationError(
                {"invigilators": _("%(name)s is not an examiner.") % {"name": person.display_name}}
            )
    with transaction.atomic():
        sitting = Sitting.objects.create(
            blueprint=blueprint, opens_at=opens_at, closes_at=closes_at, room=room.strip()
        )
        sitting.invigilators.set(invigilators)
        audit.record(
            "exams.sitting.created",
            actor=actor,
            target=sitting,
            after={
                "scheme": blueprint.scheme.code if blueprint.scheme else None,
                "opens_at": opens_at.isoformat(),
                "closes_at": closes_at.isoformat(),
                "room": room.strip(),
                "invigilators": [p.pk for p in invigilators],
            },
            request=request,
        )
    return sitting


def waiting_applications(sitting: Sitting) -> QuerySet[Application]:
    """Accepted applications for the sitting's scheme (any version with this code) that have
    a written examination and are not registered for an exam yet."""
    scheme = sitting.blueprint.scheme
    if scheme is None:  # a course's test: its participants come from the course session
        return Application.objects.none()
    return (
        Application.objects.filter(
            status=Application.Status.ACCEPTED,
            scheme__code=scheme.code,
            scheme__methods__kind=AssessmentMethod.Kind.WRITTEN_EXAM,
        )
        .exclude(exam_registrations__isnull=False)
        .exclude(candidate__exam_registrations__sitting=sitting)
        .select_related("candidate")
        .distinct()
        .order_by("submitted_at", "pk")
    )


def register_accepted(
    *, sitting: Sitting, actor: User, request: HttpRequest | None = None
) -> list[Registration]:
    """Register every waiting accepted applicant, in their language for messages."""
    _require_manager(actor)
    created = []
    with transaction.atomic():
        for application in waiting_applications(sitting):
            candidate = application.candidate
            registration = Registration.objects.create(
                sitting=sitting,
                candidate=candidate,
                application=application,
                language=candidate.preferred_language,
            )

            def tell(r: Registration = registration) -> None:
                send_in_language(
                    r.candidate.email,
                    "exams/email/registered",
                    r.candidate.preferred_language,
                    {
                        "person": r.candidate,
                        "registration": r,
                        "sitting": sitting,
                        "link": my_exams_link(r.candidate),
                    },
                )

            transaction.on_commit(tell)
            audit.record(
                "exams.registration.created",
                actor=actor,
                target=application,
                after={"sitting": sitting.pk, "language": registration.language},
                request=request,
            )
            created.append(registration)
    return created


def change_registration(
    *,
    registration: Registration,
    actor: User,
    language: str,
    extra_minutes: int,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Registration:
    """The exam language and accommodations (extra time), before the attempt starts."""
    _require_manager(actor)
    if hasattr(registration, "attempt"):
        raise ValidationError(_("The exam has started: its language and time cannot change."))
    if language not in {"uz", "ru", "en"}:
        raise ValidationError({"language": _("Choose Uzbek, Russian or English.")})
    if not 0 <= extra_minutes <= MAX_EXTRA_MINUTES:
        raise ValidationError(
            {
                "extra_minutes": _("Extra time is from 0 to %(max)d minutes.")
                % {"max": MAX_EXTRA_MINUTES}
            }
        )
    if extra_minutes and not reason.strip():
        raise ValidationError({"reason": _("Say which accommodation the extra time is for.")})
    before = {"language": registration.language, "extra_minutes": registration.extra_minutes}
    registration.language, registration.extra_minutes = language, extra_minutes
    registration.save(update_fields=["language", "extra_minutes"])
    audit.record(
        "exams.registration.changed",
        actor=actor,
        target=registration.candidate,
        before=before,
        after={
            "language": language,
            "extra_minutes": extra_minutes,
            "sitting": registration.sitting_id,
        },
        reason=reason.strip(),
        request=request,
    )
    return registration


def report_incident(
    *,
    sitting: Sitting,
    actor: User,
    description: str,
    registration: Registration | None = None,
    request: HttpRequest | None = None,
) -> Incident:
    if not (is_invigilator(actor, sitting) or is_manager(actor)):
        raise PermissionDenied(
            _("Only the sitting's invigilators and the exam manager log incidents.")
        )
    if not description.strip():
        raise ValidationError({"description": _("Describe what happened.")})
    if registration is not None and registration.sitting_id != sitting.pk:
        raise ValidationError({"registration": _("This candidate is not in this sitting.")})
    incident = Incident.objects.create(
        sitting=sitting,
        registration=registration,
        description=description.strip(),
        reported_by=actor,
    )
    audit.record(
        "exams.incident.reported",
        actor=actor,
        target=sitting,
        after={"incident": incident.pk, "registration": registration.pk if registration else None},
        reason=description.strip(),
        request=request,
    )
    return incident


def languages_available(registration: Registration) -> list[str]:
    """The languages in which the bank can make this registration's exam."""
    from muhandis.exams.blueprints.services import coverage

    return [c.language for c in coverage(registration.sitting.blueprint) if not c.problem]


def choose_language(
    *, registration: Registration, actor: User, language: str, request: HttpRequest | None = None
) -> Registration:
    """The candidate chooses the language they sit the exam in, until they start."""
    if actor.pk != registration.candidate_id:
        raise PermissionDenied(_("This is another candidate's registration."))
    if hasattr(registration, "attempt"):
        raise ValidationError(_("The exam has started: its language cannot change."))
    if language not in languages_available(registration):
        raise ValidationError(
            {"language": _("The exam cannot be made in this language; choose another.")}
        )
    if language == registration.language:
        return registration
    before = {"language": registration.language}
    registration.language = language
    registration.save(update_fields=["language"])
    audit.record(
        "exams.registration.changed",
        actor=actor,
        target=registration.candidate,
        before=before,
        after={"language": language, "sitting": registration.sitting_id},
        request=request,
    )
    return registration


REMIND_HOURS = 48


def send_reminders(*, now: datetime.datetime | None = None) -> int:
    """Remind each candidate once, in their language, in the two days before their sitting
    opens (run daily, or more often: nobody is reminded twice)."""
    now = now or timezone.now()
    due = (
        Registration.objects.filter(
            reminded_at__isnull=True,
            attempt__isnull=True,
            sitting__course_session__isnull=True,  # a course's test is not an examination
            sitting__opens_at__gt=now,
            sitting__opens_at__lte=now + datetime.timedelta(hours=REMIND_HOURS),
        )
        .select_related("candidate", "sitting__blueprint__scheme")
        .order_by("pk")
    )
    count = 0
    for registration in due:
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=registration.pk, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:  # another run got there first
                continue
            candidate = registration.candidate

            def remind(r: Registration = registration, c: User = candidate) -> None:
                send_in_language(
                    c.email,
                    "exams/email/reminder",
                    c.preferred_language,
                    {
                        "person": c,
                        "registration": r,
                        "sitting": r.sitting,
                        "link": my_exams_link(c),
                    },
                )

            transaction.on_commit(remind)
        count += 1
    return count
