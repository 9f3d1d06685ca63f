"""Reads of the events domain: the public list and page, a person's registration, the staff
list and an event's registrants. Seats are counted from training's enrolments."""

import datetime
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.dashboard import Section
from muhandis.accounts.models import User
from muhandis.training.models import Enrolment, SessionDay

from ..models import Event, EventKind

Status = Enrolment.Status
# A registration that still stands: a seat held, or a place on the waiting list.
ACTIVE = (*Enrolment.SEAT_HOLDING, Status.WAITLISTED)
# Registrants whose attendance is marked.
LISTED = ("confirmed", "paid", "attended", "completed", "not_completed")


def with_seats(events: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate ``taken`` (seats held) and ``waiting`` (on the waiting list)."""
    return events.annotate(
        taken=Count(
            "session__enrolments",
            filter=Q(session__enrolments__status__in=Enrolment.SEAT_HOLDING),
        ),
        waiting=Count(
            "session__enrolments", filter=Q(session__enrolments__status=Status.WAITLISTED)
        ),
    )


def upcoming_events(
    *, kind: str = "", region_id: int | None = None, now: datetime.datetime | None = None
) -> QuerySet[Event]:
    """Published events not yet over, soonest first, with their region and seats."""
    now = now or timezone.now()
    events = Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__gte=now)
    if kind in EventKind.values:
        events = events.filter(kind=kind)
    if region_id:
        events = events.filter(region_id=region_id)
    return with_seats(events.select_related("region")).order_by("starts_at", "pk")


def event_for_page(public_id: UUID | str, *, staff: bool = False) -> Event | None:
    """The event (published or cancelled; any for staff) with its region and seats."""
    events = Event.objects.filter(public_id=public_id)
    if not staff:
        events = events.exclude(status=Event.Status.DRAFT)
    return with_seats(events.select_related("region", "session")).first()


def active_registration(event: Event, person: User) -> Enrolment | None:
    """The person's registration for the event that still stands, with its invoice."""
    if not getattr(person, "is_authenticated", False):
        return None
    return (
        Enrolment.objects.filter(session_id=event.session_id, person_id=person.pk)
        .filter(status__in=ACTIVE)
        .select_related("invoice")
        .first()
    )


def waitlist_position(enrolment: Enrolment) -> int | None:
    """1 for the first in line; None when the registration is not waiting."""
    if enrolment.status != Status.WAITLISTED:
        return None
    ahead = Enrolment.objects.filter(
        Q(requested_at__lt=enrolment.requested_at)
        | Q(requested_at=enrolment.requested_at, pk__lt=enrolment.pk),
        session_id=enrolment.session_id,
        status=Status.WAITLISTED,
    )
    return ahead.count() + 1


def my_registrations(person: User) -> list[tuple[Event, Enrolment]]:
    """The person's standing registrations for events not yet over, soonest first."""
    enrolments = {
        e.session_id: e
        for e in Enrolment.objects.filter(
            person_id=person.pk, status__in=ACTIVE, session__ends_at__gte=timezone.now()
        ).select_related("invoice")
    }
    events = with_seats(
        Event.objects.filter(session_id__in=list(enrolments)).select_related("region")
    )
    return [(event, enrolments[event.session_id]) for event in events.order_by("starts_at")]


def staff_events() -> QuerySet[Event]:
    """Every event, the latest first, with seats."""
    return with_seats(Event.objects.select_related("region")).order_by("-starts_at", "-pk")


def registrants(event: Event) -> list[Enrolment]:
    """Everyone registered or waiting (cancelled ones left out), by status then name."""
    return list(
        Enrolment.objects.filter(session_id=event.session_id)
        .exclude(status=Status.CANCELLED)
        .select_related("person", "invoice")
        .order_by("requested_at", "pk")
    )


def event_days(event: Event) -> list[SessionDay]:
    return list(SessionDay.objects.filter(session_id=event.session_id).order_by("date"))


def attendance_of(event: Event, day: SessionDay) -> list[tuple[Enrolment, str]]:
    """The registrants with a seat and their mark on ``day`` ("" when not marked)."""
    listed = (
        Enrolment.objects.filter(session_id=event.session_id, status__in=LISTED)
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    marks = dict(day.attendance.values_list("enrolment_id", "mark"))
    return [(enrolment, marks.get(enrolment.pk, "")) for enrolment in listed]


def dashboard_my_events(person: User) -> Section:
    """The engineer's dashboard section: their upcoming events (registered or waiting)."""
    return Section(
        key="events.mine",
        title=_("My events"),
        template="events/_dashboard_mine.html",
        items=my_registrations(person)[:5],
        empty=_("You are not registered for any upcoming event."),
        link_url=reverse("events:list"),
        link_label=_("All events"),
    )
