"""Reads of exams for the dashboards: the candidate's open exams, the scripts an examiner may
mark and the items waiting for review, the results waiting for the exam manager, the
trainer's sessions with a post-test."""

from dataclasses import dataclass

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muhandis.accounts.dashboard import Queue, Section
from muhandis.accounts.models import User
from muhandis.exams.marking import services as essays
from muhandis.exams.models import Attempt, ItemVersion, Registration, Result, Sitting
from muhandis.training.models import CourseSession

WAITING = gettext_lazy("Waiting for the identity check")
READY = gettext_lazy("Ready to start")
IN_PROGRESS = gettext_lazy("In progress")
SUBMITTED = gettext_lazy("Handed in")


def candidate_status(
    registration: Registration, attempt: Attempt | None
) -> tuple[str, str | Promise]:
    """A registration's status for its candidate: a code and its label."""
    if attempt is not None:
        if attempt.status == Attempt.Status.SUBMITTED:
            return "submitted", SUBMITTED
        return "in_progress", IN_PROGRESS
    if registration.identity_checked_at is None and registration.sitting.needs_identity_check:
        return "waiting", WAITING
    return "ready", READY


@dataclass(frozen=True)
class OpenExam:
    registration: Registration
    status: str  # waiting, ready, in_progress (as candidate_status)
    label: str
    opened: bool  # the window is open now

    @property
    def attempt(self) -> Attempt | None:
        return getattr(self.registration, "attempt", None)


def open_exams(person: User) -> list[OpenExam]:
    """The person's exams whose window has not closed and which they have not handed in."""
    now = timezone.now()
    registrations = (
        Registration.objects.filter(candidate=person, sitting__closes_at__gte=now)
        .exclude(attempt__status=Attempt.Status.SUBMITTED)
        .select_related("sitting__blueprint__scheme", "attempt")
        .order_by("sitting__opens_at", "pk")
    )
    found = []
    for registration in registrations:
        attempt = getattr(registration, "attempt", None)
        status, label = candidate_status(registration, attempt)
        opened = registration.sitting.opens_at <= now
        found.append(OpenExam(registration, status, str(label), opened))
    return found


def dashboard_exams(person: User) -> Section | None:
    """The candidate's open or coming exams, with the start or the way back in."""
    exams = open_exams(person)
    if not exams:
        return None
    return Section(
        key="exams.candidate",
        title=_("Your exams"),
        template="exams/dashboard/_exams.html",
        items=exams,
        link_url=reverse("exams:my_exams"),
        link_label=_("My exams"),
        urgent=any(e.opened and e.status in ("ready", "in_progress") for e in exams),
    )


def dashboard_examiner(person: User) -> Section:
    """Scripts the examiner may mark now, and item versions by others waiting for review."""
    scripts = essays.queue(person)
    handed_in = (s.answer.attempt.submitted_at for s in scripts)
    oldest = min((at for at in handed_in if at is not None), default=None)
    drafts = (
        ItemVersion.objects.filter(status=ItemVersion.Status.DRAFT)
        .exclude(author=person)
        .aggregate(count=Count("pk"), oldest=Min("updated_at"))
    )
    bank = reverse("exams:bank_list")
    return Section(
        key="exams.examiner",
        title=_("Examination work"),
        template="accounts/dashboard/_queues.html",
        items=[
            Queue(
                label=_("Scripts to mark"),
                count=len(scripts),
                oldest=oldest,
                url=reverse("exams:staff_marking"),
            ),
            Queue(
                label=_("Item versions to review"),
                count=drafts["count"],
                oldest=drafts["oldest"],
                url=f"{bank}?status={ItemVersion.Status.DRAFT}",
            ),
        ],
    )


def dashboard_exam_manager(person: User) -> Section:
    """Complete results the exam manager has not released yet."""
    waiting = Result.objects.filter(released_at__isnull=True).aggregate(
        count=Count("pk"),
        oldest=Min("computed_at"),
    )
    return Section(
        key="exams.manager",
        title=_("Examinations"),
        template="accounts/dashboard/_queues.html",
        items=[
            Queue(
                label=_("Results to release"),
                count=waiting["count"],
                oldest=waiting["oldest"],
                url=reverse("exams:staff_sittings"),
            )
        ],
    )


def dashboard_trainer_tests(person: User) -> Section | None:
    """The trainer's sessions whose post-test is open, with the way to their learning gain
    (one query); nothing for a trainer without one."""
    sessions = list(
        CourseSession.objects.filter(
            session_trainers__trainer=person,
            pk__in=Sitting.objects.filter(purpose=Sitting.Purpose.POST_TEST).values(
                "course_session_id"
            ),
        )
        .select_related("course")
        .order_by("-starts_at")[:10]
    )
    if not sessions:
        return None
    return Section(
        key="exams.trainer_gain",
        title=_("Learning gain of your sessions"),
        template="exams/course_tests/_dashboard_trainer.html",
        items=sessions,
    )
