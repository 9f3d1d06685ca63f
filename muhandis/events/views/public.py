"""Public pages of events: the list of upcoming events, an event's page, its iCalendar file
and the feed; registering and withdrawing for a signed-in person."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from muhandis.accounts.selectors import usable_roles

from .. import ical, selectors, services
from ..forms import FilterForm
from ..models import Event
from ..permissions import STAFF

PER_PAGE = 20


def _is_staff(request: HttpRequest) -> bool:
    return request.user.is_authenticated and bool(usable_roles(request.user) & set(STAFF))


def event_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    kind, region_id = "", None
    if form.is_valid():
        kind = form.cleaned_data["kind"] or ""
        region = form.cleaned_data["region"]
        region_id = region.pk if region else None
    events = selectors.upcoming_events(kind=kind, region_id=region_id)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "events/page_list.html", {"form": form, "page": page})


def _event(request: HttpRequest, public_id: UUID) -> Event:
    event = selectors.event_for_page(public_id, staff=_is_staff(request))
    if event is None:
        raise Http404(_("There is no such event."))
    return event


def event_detail(request: HttpRequest, public_id: UUID) -> HttpResponse:
    event = _event(request, public_id)
    registration = selectors.active_registration(event, request.user)
    context = {
        "event": event,
        "registration": registration,
        "position": selectors.waitlist_position(registration) if registration else None,
        "problem": services.registration_problem(event),
        "is_staff": _is_staff(request),
        "can_withdraw": event.status == "published" and event.starts_at > timezone.now(),
    }
    if request.user.is_authenticated:
        context["as_member"], context["price"] = services.price_for(event, request.user)
    return render(request, "events/page_detail.html", context)


@login_required
@require_POST
def register(request: HttpRequest, public_id: UUID) -> HttpResponse:
    event = _event(request, public_id)
    try:
        enrolment = services.register(event=event, person=request.user)
    except services.RegistrationError as exc:
        messages.error(request, str(exc))
    else:
        if enrolment.status == "waitlisted":
            messages.info(
                request, _("The event is full: you are on the waiting list. We will tell you.")
            )
        else:
            messages.success(request, _("You are registered."))
    return redirect("events:detail", public_id=event.public_id)


@login_required
@require_POST
def withdraw(request: HttpRequest, public_id: UUID) -> HttpResponse:
    event = _event(request, public_id)
    try:
        services.cancel_registration(event=event, person=request.user)
    except services.RegistrationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:detail", public_id=event.public_id)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(
        request, "events/page_mine.html", {"rows": selectors.my_registrations(request.user)}
    )


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def event_ics(request: HttpRequest, public_id: UUID) -> HttpResponse:
    event = _event(request, public_id)
    return _ics(ical.calendar([event], name=event.title), f"event-{event.public_id}.ics")


def feed(request: HttpRequest) -> HttpResponse:
    events = selectors.upcoming_events()
    return _ics(ical.calendar(events, name=_("Muhandis events")), "muhandis-events.ics")


urlpatterns = [
    path("", event_list, name="list"),
    path("feed.ics", feed, name="feed"),
    path("mine/", mine, name="mine"),
    path("<uuid:public_id>/", event_detail, name="detail"),
    path("<uuid:public_id>/event.ics", event_ics, name="ics"),
    path("<uuid:public_id>/register/", register, name="register"),
    path("<uuid:public_id>/withdraw/", withdraw, name="withdraw"),
]
