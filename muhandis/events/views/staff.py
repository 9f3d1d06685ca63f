"""Staff pages of events (training manager, administrator): the list, creating and editing
an event, publishing and cancelling it, its registrants and their attendance."""

import datetime
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muhandis.accounts.permissions import role_required
from muhandis.core.formviews import apply_errors
from muhandis.training.models import Attendance, SessionDay

from .. import selectors, services
from ..forms import EventForm, ReasonForm
from ..models import Event
from ..permissions import STAFF
from ..services.events import FIELDS

MARKS = (Attendance.Mark.PRESENT, Attendance.Mark.ABSENT)


@role_required(*STAFF)
def manage(request: HttpRequest) -> HttpResponse:
    return render(request, "events/page_manage.html", {"events": selectors.staff_events()})


def _form_page(request: HttpRequest, form: EventForm, event: Event | None) -> HttpResponse:
    return render(
        request,
        "events/page_form.html",
        {"form": form, "event": event},
        status=400 if form.errors else 200,
    )


@role_required(*STAFF)
def event_new(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(actor=request.user, values=form.values(), request=request)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The event is created as a draft: publish it when ready."))
            return redirect("events:staff_event", public_id=event.public_id)
    return _form_page(request, form, None)


def _initial(event: Event) -> dict[str, Any]:
    initial = {name: getattr(event, name) for name in FIELDS}
    for name in ("starts_at", "ends_at", "registration_deadline"):
        initial[name] = timezone.localtime(initial[name])
    return initial


@role_required(*STAFF)
def event_edit(request: HttpRequest, public_id: UUID) -> HttpResponse:
    event = get_object_or_404(Event, public_id=public_id)
    form = EventForm(request.POST or None, initial=_initial(event))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(
                event=event, actor=request.user, values=form.values(), request=request
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:staff_event", public_id=event.public_id)
    return _form_page(request, form, event)


@role_required(*STAFF)
def staff_event(request: HttpRequest, public_id: UUID) -> HttpResponse:
    event = selectors.event_for_page(public_id, staff=True)
    if event is None:
        raise Http404
    return render(
        request,
        "events/page_staff_event.html",
        {
            "event": event,
            "registrants": selectors.registrants(event),
            "days": selectors.event_days(event),
            "cancel_form": ReasonForm(),
        },
    )


@role_required(*STAFF)
@require_POST
def publish(request: HttpRequest, public_id: UUID) -> HttpResponse:
    event = get_object_or_404(Event, public_id=public_id)
    try:
        services.publish_event(event=event, actor=request.user, request=request)
    except services.EventError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The event is published: registration is open."))
    return redirect("events:staff_event", public_id=event.public_id)


@role_required(*STAFF)
def cancel(request: HttpRequest, public_id: UUID) -> HttpResponse:
    event = get_object_or_404(Event, public_id=public_id)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_event(
                event=event,
                actor=request.user,
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except ValidationError as error:
            apply_errors(form, error)
        except services.EventError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The event is cancelled; everyone registered is told."))
            return redirect("events:staff_event", public_id=event.public_id)
    return render(
        request,
        "events/page_cancel.html",
        {"event": event, "form": form},
        status=400 if form.errors else 200,
    )


def _day(event: Event, value: str | None) -> tuple[list[SessionDay], SessionDay | None]:
    days = selectors.event_days(event)
    if not days:
        return days, None
    if value:
        try:
            wanted = datetime.date.fromisoformat(value)
        except ValueError:
            wanted = None
        found = next((d for d in days if d.date == wanted), None)
        if found is not None:
            return days, found
    today = timezone.localdate()
    return days, next((d for d in days if d.date >= today), days[-1])


@role_required(*STAFF)
def attendance(request: HttpRequest, public_id: UUID) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("session"), public_id=public_id)
    days, day = _day(event, request.POST.get("day") or request.GET.get("day"))
    if day is None:
        raise Http404(_("This event has no days."))
    rows = selectors.attendance_of(event, day)
    status = 200
    if request.method == "POST":
        marks = {}
        for enrolment, _mark in rows:
            value = request.POST.get(f"mark-{enrolment.pk}", "")
            if value in MARKS:
                marks[enrolment.pk] = value
        try:
            changed = services.mark_attendance(
                event=event, day=day, marks=marks, actor=request.user, request=request
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            status = 400
        else:
            saved = _("Attendance saved (%(count)s changed).") % {"count": changed}
            messages.success(request, saved)
            return redirect(f"{request.path}?day={day.date.isoformat()}")
    return render(
        request,
        "events/page_attendance.html",
        {"event": event, "days": days, "day": day, "rows": rows, "marks": MARKS},
        status=status,
    )


urlpatterns = [
    path("manage/", manage, name="manage"),
    path("manage/new/", event_new, name="new"),
    path("manage/<uuid:public_id>/", staff_event, name="staff_event"),
    path("manage/<uuid:public_id>/edit/", event_edit, name="edit"),
    path("manage/<uuid:public_id>/publish/", publish, name="publish"),
    path("manage/<uuid:public_id>/cancel/", cancel, name="cancel"),
    path("manage/<uuid:public_id>/attendance/", attendance, name="attendance"),
]
