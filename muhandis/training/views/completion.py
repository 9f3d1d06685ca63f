"""Attendance and completion pages: the trainer's phone-friendly marking page with the day's
check-in QR, the participant's check-in and apology pages, and the completion page per session
(attendance summary, post-test results, assessment)."""

import datetime
from uuid import UUID

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from muhandis.core.formviews import apply_errors, form_page

from ..models import Attendance, CourseSession, Enrolment, SessionDay
from ..selectors import attendance as reads
from ..services import attendance, completion


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("the code shown in the room"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "inputmode": "text"}
        ),
    )


class ApologyForm(forms.Form):
    day = forms.TypedChoiceField(label=gettext_lazy("day"), coerce=int)
    note = forms.CharField(
        label=gettext_lazy("why you will be absent"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: object, days: list[SessionDay], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["day"].choices = [(d.pk, f"{d.date:%d.%m.%Y}") for d in days]


class PostTestForm(forms.Form):
    passed = forms.ChoiceField(
        label=gettext_lazy("post-test"),
        choices=[
            ("", gettext_lazy("not taken")),
            ("yes", gettext_lazy("passed")),
            ("no", gettext_lazy("not passed")),
        ],
        required=False,
    )


def _managed_session(request: HttpRequest, public_id: UUID) -> CourseSession:
    """The session, for one of its trainers or a training manager; refused to anyone else."""
    session = get_object_or_404(CourseSession.objects.select_related("course"), public_id=public_id)
    if not reads.can_manage(request.user, session):
        raise PermissionDenied(_("Only a trainer of this session or a training manager sees this."))
    return session


def _qr_svg(url: str) -> SafeString:
    """The check-in link as an inline SVG QR code, with a title for screen readers."""
    svg = segno.make(url, error="m").svg_inline(scale=6, title=_("QR code for check-in"))
    return format_html("{}", SafeString(svg))


def check_in_url(request: HttpRequest, day: SessionDay) -> str:
    return request.build_absolute_uri(reverse("training:check_in") + f"?code={day.check_in_code}")


@login_required
def attendance_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The session's attendance: today's day (or the next, or the last) opens."""
    session = _managed_session(request, public_id)
    day = reads.day_for(session, None)
    if day is None:
        return render(request, "training/attendance/no_days.html", {"session": session})
    return redirect("training:attendance_day", session.public_id, f"{day.date:%Y-%m-%d}")


@login_required
@require_http_methods(["GET", "POST"])
def attendance_day(request: HttpRequest, public_id: UUID, date: str) -> HttpResponse:
    """One form per day: a labelled radio group per participant, large enough for a thumb."""
    session = _managed_session(request, public_id)
    try:
        on = datetime.date.fromisoformat(date)
    except ValueError as exc:
        raise Http404 from exc
    day = reads.day_for(session, on)
    if day is None:
        raise Http404
    enrolments = reads.listed_enrolments(session)
    errors: list[str] = []
    if request.method == "POST":
        marks = {}
        for enrolment in enrolments:
            value = request.POST.get(f"mark-{enrolment.pk}", "")
            if value:
                marks[enrolment.pk] = value
        try:
            changed = attendance.mark_day(day=day, marks=marks, actor=request.user, request=request)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request,
                _("Attendance saved (%(n)d marks changed).") % {"n": changed},
            )
            return redirect("training:attendance_day", session.public_id, date)
    recorded = reads.marks_of_day(day)
    rows = [
        {
            "enrolment": e,
            "mark": request.POST.get(f"mark-{e.pk}")
            if errors
            else getattr(recorded.get(e.pk), "mark", ""),
            "attendance": recorded.get(e.pk),
        }
        for e in enrolments
    ]
    today = timezone.localdate()
    context = {
        "session": session,
        "day": day,
        "days": list(session.days.all()),
        "rows": rows,
        "choices": Attendance.Mark.choices,
        "errors": errors,
        "future": day.date > today,
        "qr": _qr_svg(check_in_url(request, day)) if day.date == today else None,
        "check_in_url": check_in_url(request, day),
    }
    return render(request, "training/attendance/day.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request: HttpRequest) -> HttpResponse:
    """A signed-in participant types (or scans) the day's code to check in."""
    initial = {"code": request.GET.get("code", "")[:20]}
    form = CheckInForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            record = attendance.check_in(
                person=request.user, code=form.cleaned_data["code"], request=request
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request,
                _("You are checked in for %(course)s, %(day)s.")
                % {
                    "course": record.day.session.course.title,
                    "day": f"{record.day.date:%d.%m.%Y}",
                },
            )
            return redirect("training:check_in")
    coming = reads.own_enrolments(request.user).filter(session__ends_at__gte=timezone.now())
    context = {"form": form, "coming": coming}
    return form_page(request, "training/attendance/check_in.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def apologise(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The participant tells the trainer in advance that they will miss a day."""
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("session__course"),
        public_id=public_id,
        person_id=request.user.pk,
        status__in=reads.SEAT_HOLDING,
    )
    days = reads.future_days(enrolment)
    form = ApologyForm(request.POST or None, days=days)
    if request.method == "POST" and form.is_valid():
        day = next(d for d in days if d.pk == form.cleaned_data["day"])
        try:
            attendance.apologise(
                enrolment=enrolment,
                day=day,
                note=form.cleaned_data["note"],
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Your apology has been sent to the trainer."))
            return redirect("training:apologise", enrolment.public_id)
    excused = Attendance.objects.filter(
        enrolment=enrolment, mark=Attendance.Mark.EXCUSED
    ).select_related("day")
    context = {"form": form, "enrolment": enrolment, "days": days, "excused": excused}
    return form_page(request, "training/attendance/apologise.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def completion_page(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """The session's attendance summary, post-test results and completion assessment."""
    session = _managed_session(request, public_id)
    if request.method == "POST":
        try:
            assessed = completion.assess_completion(
                session=session, actor=request.user, request=request
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            done = sum(e.status == Enrolment.Status.COMPLETED for e in assessed)
            messages.success(
                request,
                _("Completion assessed: %(done)d of %(all)d completed the course.")
                % {"done": done, "all": len(assessed)},
            )
        return redirect("training:completion", session.public_id)
    days, rows = reads.attendance_rows(session)
    context = {
        "session": session,
        "course": session.course,
        "days": days,
        "rows": rows,
        "over": completion.session_over(session),
        "post_test_choices": PostTestForm.base_fields["passed"].choices,
    }
    return render(request, "training/completion/session.html", context)


@login_required
@require_POST
def post_test(request: HttpRequest, public_id: UUID) -> HttpResponse:
    """Record by hand whether a participant passed the post-test."""
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("session__course", "person"), public_id=public_id
    )
    if not reads.can_manage(request.user, enrolment.session):
        raise PermissionDenied(_("Only a trainer of this session or a training manager sees this."))
    form = PostTestForm(request.POST)
    if form.is_valid():
        value = {"yes": True, "no": False}.get(form.cleaned_data["passed"])
        try:
            completion.record_post_test(
                enrolment=enrolment, passed=value, actor=request.user, request=request
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Post-test result of %(name)s saved.") % {"name": enrolment.person.display_name},
            )
    return redirect("training:completion", enrolment.session.public_id)


urlpatterns: list[URLPattern] = [
    path("sessions/<uuid:public_id>/attendance/", attendance_page, name="attendance"),
    path(
        "sessions/<uuid:public_id>/attendance/<str:date>/",
        attendance_day,
        name="attendance_day",
    ),
    path("sessions/<uuid:public_id>/completion/", completion_page, name="completion"),
    path("enrolments/<uuid:public_id>/post-test/", post_test, name="post_test"),
    path("enrolments/<uuid:public_id>/apologise/", apologise, name="apologise"),
    path("check-in/", check_in, name="check_in"),
]
