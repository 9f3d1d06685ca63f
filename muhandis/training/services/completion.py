"""Completion of a course: the course's rule applied to each participant once the session is
over, and the news sent to the apps that credit CPD hours and issue certificates.

The rule: present on at least ``Course.min_attendance_percent`` of the session's days and, when
``Course.post_test_required``, a passed post-test (``Enrolment.post_test_passed``).

An excused day (apologised in advance) counts as absent for the rule. An apology is a courtesy
that lets the trainer plan; it does not teach what was taught that day. The certificate and the
CPD hours that completion brings say that the person followed the course, so only days present
count towards the share; ``min_attendance_percent`` is the allowance for days missed for any
reason, excused or not."""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.core import audit

from ..models import CourseSession, Enrolment
from ..selectors.attendance import ASSESSABLE, attendance_rows, can_manage
from ..signals import enrolment_completed

Status = Enrolment.Status


def session_over(session: CourseSession) -> bool:
    """Whether the session has ended: marked held, or its end has passed."""
    return session.status == CourseSession.Status.HELD or session.ends_at <= timezone.now()


def meets_rule(
    *, present: int, days: int, min_percent: int, post_test: bool | None, post_test_required: bool
) -> bool:
    """Whether a participant present on ``present`` of ``days`` days completes the course."""
    attended = days > 0 and present * 100 >= min_percent * days
    return attended and (post_test is True or not post_test_required)


def record_post_test(
    *,
    enrolment: Enrolment,
    passed: bool | None,
    actor: User,
    request: HttpRequest | None = None,
) -> Enrolment:
    """A trainer of the session (or a training manager) records by hand whether the
    participant passed the post-test (None: not taken)."""
    if not can_manage(actor, enrolment.session):
        raise PermissionDenied(_("Only a trainer of this session records its post-test results."))
    if enrolment.status not in ASSESSABLE:
        raise ValidationError(_("This enrolment is not assessed."))
    before = enrolment.post_test_passed
    if before == passed:
        return enrolment
    with transaction.atomic():
        enrolment.post_test_passed = passed
        enrolment.save(update_fields=["post_test_passed", "updated_at"])
        audit.record(
            "training.enrolment.post_test_recorded",
            actor=actor,
            target=enrolment,
            before={"post_test_passed": before},
            after={"post_test_passed": passed},
            request=request,
        )
    return enrolment


def _announce(enrolment: Enrolment) -> None:
    enrolment_completed.send(sender=Enrolment, enrolment=enrolment)


def assess_completion(
    *, session: CourseSession, actor: User, request: HttpRequest | None = None
) -> list[Enrolment]:
    """Apply the course's completion rule to every participant of the ended session (confirmed,
    paid, attended, and not completed before): each becomes ``completed`` or ``not_completed``,
    with ``completed_at`` the moment of the assessment. Return the enrolments assessed.

    Idempotent: run again (after a corrected mark or a post-test recorded later), it changes
    only those whose result changes. A completed enrolment stays completed: its CPD hours and
    certificate are already given. ``enrolment_completed`` is sent on commit for each newly
    completed enrolment."""
    if not can_manage(actor, session):
        raise PermissionDenied(
            _("Only a trainer of this session or a training manager assesses it.")
        )
    if not session_over(session):
        raise ValidationError(_("Completion is assessed once the session has ended."))
    if session.status == CourseSession.Status.CANCELLED:
        raise ValidationError(_("This session was cancelled."))
    course = session.course
    days, rows = attendance_rows(session)
    if not days:
        raise ValidationError(_("This session has no days: there is no attendance to assess."))
    now = timezone.now()
    newly_completed: list[Enrolment] = []
    assessed: list[Enrolment] = []
    with transaction.atomic():
        for row in rows:
            enrolment = row.enrolment
            if enrolment.status == Status.COMPLETED:
                continue
            completes = meets_rule(
                present=row.present,
                days=row.days,
                min_percent=course.min_attendance_percent,
                post_test=enrolment.post_test_passed,
                post_test_required=course.post_test_required,
            )
            status = Status.COMPLETED if completes else Status.NOT_COMPLETED
            assessed.append(enrolment)
            if enrolment.status == status:
                continue
            before = enrolment.status
            enrolment.status = status
            enrolment.completed_at = now
            enrolment.save(update_fields=["status", "completed_at", "updated_at"])
            audit.record(
                "training.enrolment.assessed",
                actor=actor,
                target=enrolment,
                before={"status": before},
                after={
                    "status": status,
                    "attendance_percent": row.percent,
                    "post_test_passed": enrolment.post_test_passed,
                },
                request=request,
            )
            if completes:
                newly_completed.append(enrolment)
        if session.status != CourseSession.Status.HELD:
            session.status = CourseSession.Status.HELD
            session.save(update_fields=["status", "updated_at"])
        for enrolment in newly_completed:
            transaction.on_commit(partial(_announce, enrolment))
    return assessed
