"""The training manager's pages of course tests: a course's test blueprint, a session's
pre-test and post-test with their participants, and the learning gain (also for the
session's trainers). Views are thin: the rules live in ``blueprints.course_tests``,
``sittings.course_tests`` and ``results.learning_gain``."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.core.formviews import apply_errors, form_page
from muhandis.exams.blueprints import course_tests as course_blueprints
from muhandis.exams.blueprints.forms import BlueprintForm, BlueprintRowsForm
from muhandis.exams.blueprints.services import coverage
from muhandis.exams.models import Attempt, Blueprint, Sitting
from muhandis.exams.results.gain_chart import gain_svg
from muhandis.exams.results.learning_gain import course_gain, participant_scores, session_gain
from muhandis.exams.sittings import course_tests
from muhandis.exams.sittings.forms import CourseTestForm
from muhandis.training.models import Course, CourseSession

MANAGERS = (Role.TRAINING_MANAGER, Role.ADMIN)
BLUEPRINT_FIELDS = (
    "time_limit_minutes",
    "pass_mark",
    "form_mode",
    "double_marking",
    "marking_threshold",
)
RECENT_DAYS = 365


@role_required(*MANAGERS)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Every course with its test, and the sessions of the last year and to come."""
    courses = (
        Course.objects.select_related("test_blueprint")
        .annotate(test_rows=Count("test_blueprint__rows"))
        .order_by("code")
    )
    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    sessions = list(
        CourseSession.objects.filter(starts_at__gte=since)
        .select_related("course")
        .order_by("starts_at")[:300]
    )
    opened: dict[int, set[str]] = {}
    for session_id, purpose in Sitting.objects.filter(
        course_session__in=[s.pk for s in sessions]
    ).values_list("course_session_id", "purpose"):
        opened.setdefault(session_id, set()).add(purpose)
    rows = [(s, sorted(opened.get(s.pk, ()))) for s in sessions]
    context = {"courses": courses, "sessions": rows}
    return form_page(request, "exams/course_tests/index.html", context)


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
def blueprint(request: HttpRequest, course_pk: int) -> HttpResponse:
    """The course's test: competencies, numbers of items, time and pass mark."""
    course = get_object_or_404(Course, pk=course_pk)
    found = Blueprint.objects.filter(course=course).first()
    initial = BlueprintForm.initial_for(found)
    if found is None:
        initial["time_limit_minutes"] = 30
    form = BlueprintForm(request.POST or None, initial=initial)
    rows = BlueprintRowsForm(
        request.POST or None,
        nodes=course_blueprints.node_choices(course),
        initial=BlueprintRowsForm.initial_for(found),
    )
    if request.method == "POST" and form.is_valid() and rows.is_valid():
        try:
            course_blueprints.save_course_blueprint(
                course=course,
                actor=request.user,
                request=request,
                rows=rows.rows(),
                fixed_codes=form.fixed_code_list(),
                **{k: form.cleaned_data[k] for k in BLUEPRINT_FIELDS},
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The course's test has been saved."))
            return redirect("exams:course_test_blueprint", course_pk=course.pk)
    context = {
        "course": course,
        "blueprint": found,
        "form": form,
        "rows_form": rows,
        "coverage": coverage(found) if found else [],
    }
    return form_page(request, "exams/course_tests/blueprint.html", context)


def _session(pk: int) -> CourseSession:
    return get_object_or_404(CourseSession.objects.select_related("course", "room"), pk=pk)


def _initial_window(session: CourseSession, purpose: str) -> dict:
    """A window to start from: the pre-test in the three days before the session and its
    first two hours, the post-test from two hours before its end to three days after."""
    if purpose == Sitting.Purpose.PRE_TEST:
        opens = session.starts_at - datetime.timedelta(days=3)
        return {"opens_at": opens, "closes_at": session.starts_at + datetime.timedelta(hours=2)}
    opens = session.ends_at - datetime.timedelta(hours=2)
    return {"opens_at": opens, "closes_at": session.ends_at + datetime.timedelta(days=3)}


def _test_panel(
    session: CourseSession, purpose: str, sitting: Sitting | None, form: CourseTestForm | None
) -> dict:
    if sitting is None:
        return {
            "purpose": purpose,
            "label": Sitting.Purpose(purpose).label,
            "sitting": None,
            "form": form
            or CourseTestForm(initial=_initial_window(session, purpose), prefix=purpose),
        }
    counts = sitting.registrations.aggregate(
        registered=Count("pk"),
        submitted=Count("pk", filter=Q(attempt__status=Attempt.Status.SUBMITTED)),
    )
    return {
        "purpose": purpose,
        "label": Sitting.Purpose(purpose).label,
        "sitting": sitting,
        "waiting": len(course_tests.waiting_participants(sitting)),
        **counts,
    }


def _session_page(
    request: HttpRequest,
    session: CourseSession,
    *,
    failed: tuple[str, CourseTestForm] | None = None,
) -> HttpResponse:
    opened = course_tests.course_tests(session)
    panels = [
        _test_panel(
            session,
            purpose,
            opened.get(purpose),
            failed[1] if failed and failed[0] == purpose else None,
        )
        for purpose in course_tests.PURPOSES
    ]
    context = {
        "session": session,
        "blueprint": Blueprint.objects.filter(course_id=session.course_id).first(),
        "panels": panels,
        "participants": participant_scores(session) if opened else [],
        "form": failed[1] if failed else None,  # a refused window answers 400
    }
    return form_page(request, "exams/course_tests/session.html", context)


@role_required(*MANAGERS)
@require_GET
def session_page(request: HttpRequest, session_pk: int) -> HttpResponse:
    """The session's pre-test and post-test: open each, and see who is registered."""
    return _session_page(request, _session(session_pk))


@role_required(*MANAGERS)
@require_POST
def open_test(request: HttpRequest, session_pk: int, purpose: str) -> HttpResponse:
    session = _session(session_pk)
    if purpose not in course_tests.PURPOSES:
        raise Http404
    form = CourseTestForm(request.POST, prefix=purpose)
    if form.is_valid():
        try:
            sitting = course_tests.open_course_test(
                session=session,
                purpose=purpose,
                actor=request.user,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            count = sitting.registrations.count()
            messages.success(
                request,
                ngettext(
                    "The test is open; %(count)d participant registered.",
                    "The test is open; %(count)d participants registered.",
                    count,
                )
                % {"count": count},
            )
            return redirect("exams:course_test_session", session_pk=session.pk)
    return _session_page(request, session, failed=(purpose, form))


@role_required(*MANAGERS)
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """Register the participants who joined the session since the test was opened."""
    sitting = get_object_or_404(Sitting, pk=pk, course_session__isnull=False)
    created = course_tests.register_participants(
        sitting=sitting, actor=request.user, request=request
    )
    messages.success(
        request,
        ngettext(
            "%(count)d participant registered.", "%(count)d participants registered.", len(created)
        )
        % {"count": len(created)},
    )
    return redirect("exams:course_test_session", session_pk=sitting.course_session_id)


def _gain_page(request: HttpRequest, context: dict, title: str) -> HttpResponse:
    gain = context["gain"]
    chart = gain_svg(gain.rows, title=title) if gain.total.participants else ""
    # gain_svg escapes every text it writes.
    context = {**context, "title": title, "chart": mark_safe(chart)}
    return form_page(request, "exams/course_tests/gain.html", context)


@login_required
@require_GET
def session_gain_page(request: HttpRequest, session_pk: int) -> HttpResponse:
    """The learning gain of one session: training managers and the session's trainers."""
    session = _session(session_pk)
    if not course_tests.can_see_gain(request.user, session=session, course=session.course):
        raise PermissionDenied(_("Only the training manager and the session's trainers see this."))
    title = _("Learning gain: %(course)s, %(day)s") % {
        "course": session.course.title,
        "day": timezone.localtime(session.starts_at).date().isoformat(),
    }
    context = {"session": session, "course": session.course, "gain": session_gain(session)}
    return _gain_page(request, context, title)


@login_required
@require_GET
def course_gain_page(request: HttpRequest, course_pk: int) -> HttpResponse:
    """The learning gain over every session of a course: training managers and its trainers."""
    course = get_object_or_404(Course, pk=course_pk)
    if not course_tests.can_see_gain(request.user, course=course):
        raise PermissionDenied(_("Only the training manager and the course's trainers see this."))
    title = _("Learning gain: %(course)s") % {"course": course.title}
    return _gain_page(
        request, {"session": None, "course": course, "gain": course_gain(course)}, title
    )
