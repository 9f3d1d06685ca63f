"""Reads about enrolments: a person's courses, a firm's bookings, a session's list, and the
dashboard sections of engineers, employers and the training manager."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.dashboard import Section
from muhandis.accounts.models import Organisation, User
from muhandis.accounts.selectors import represented_organisations

from ..models import Booking, CourseKind, CourseSession, Enrolment

Status = Enrolment.Status
UPCOMING = (Status.REQUESTED, Status.CONFIRMED, Status.PAID)


def invoice_url(invoice: Any) -> str:
    """The invoice's page when billing has one, else ""."""
    if invoice is None:
        return ""
    try:
        return reverse("billing:invoice", args=[invoice.public_id])
    except NoReverseMatch:
        return ""


def _with_related(found: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    return found.select_related(
        "session__course", "session__room__venue", "invoice", "booking__organisation", "person"
    )


def waitlist_positions(enrolments: list[Enrolment]) -> None:
    """Set ``position`` (1 for the first in line) on each waitlisted enrolment, in one query."""
    waiting = [e for e in enrolments if e.status == Status.WAITLISTED]
    if not waiting:
        return
    line: dict[int, list[tuple[datetime.datetime, int]]] = {}
    for session_id, requested_at, pk in (
        Enrolment.objects.filter(
            session_id__in={e.session_id for e in waiting}, status=Status.WAITLISTED
        )
        .order_by("requested_at", "pk")
        .values_list("session_id", "requested_at", "pk")
    ):
        line.setdefault(session_id, []).append((requested_at, pk))
    for enrolment in waiting:
        keys = [pk for _when, pk in line.get(enrolment.session_id, [])]
        enrolment.position = keys.index(enrolment.pk) + 1 if enrolment.pk in keys else None  # type: ignore[attr-defined]


@dataclass
class MyCourses:
    offers: list[Enrolment]
    upcoming: list[Enrolment]
    waiting: list[Enrolment]
    past: list[Enrolment]


def my_courses(person: User, *, now: datetime.datetime | None = None) -> MyCourses:
    """A person's enrolments, sorted for the "My courses" page."""
    now = now or timezone.now()
    found = list(
        _with_related(
            Enrolment.objects.filter(person=person, session__course__kind=CourseKind.COURSE)
        ).order_by("session__starts_at")
    )
    waitlist_positions(found)
    for enrolment in found:
        enrolment.invoice_url = invoice_url(enrolment.invoice)  # type: ignore[attr-defined]
    offers, upcoming, waiting, past = [], [], [], []
    for e in found:
        if e.status == Status.CANCELLED or e.session.ends_at < now:
            past.append(e)
        elif e.status == Status.OFFERED:
            offers.append(e)
        elif e.status == Status.WAITLISTED:
            waiting.append(e)
        else:
            upcoming.append(e)
    return MyCourses(offers=offers, upcoming=upcoming, waiting=waiting, past=past[::-1])


def enrolment_of(person: Any, session: CourseSession) -> Enrolment | None:
    """The person's active enrolment on the session, if any."""
    if not getattr(person, "is_authenticated", False):
        return None
    enrolment = (
        Enrolment.objects.filter(session=session, person=person)
        .exclude(status=Status.CANCELLED)
        .first()
    )
    if enrolment is not None:
        waitlist_positions([enrolment])
    return enrolment


def active_enrolments_by_session(person: Any) -> dict[int, Enrolment]:
    """The person's enrolments that are not cancelled, by session id (with waiting-list
    positions), for pages that show many sessions."""
    if not getattr(person, "is_authenticated", False):
        return {}
    found = list(Enrolment.objects.filter(person=person).exclude(status=Status.CANCELLED))
    waitlist_positions(found)
    return {e.session_id: e for e in found}


def seats_left(session: CourseSession) -> int:
    taken = Enrolment.objects.filter(session=session, status__in=Enrolment.SEAT_HOLDING).count()
    return max(0, session.max_seats - taken)


def enrolments_of_session(session: CourseSession) -> list[Enrolment]:
    """Everyone on a session, in arrival order, with the waiting-list positions."""
    found = list(
        _with_related(Enrolment.objects.filter(session=session)).order_by("requested_at", "pk")
    )
    waitlist_positions(found)
    return found


def bookings_of(organisations: QuerySet[Organisation] | list[Organisation]) -> list[Booking]:
    """The bookings of the organisations, newest first, each with its enrolments."""
    bookings = list(
        Booking.objects.filter(organisation__in=organisations)
        .select_related("organisation", "invoice", "booked_by")
        .prefetch_related("enrolments__person", "enrolments__session__course")
        .order_by("-created_at")
    )
    for booking in bookings:
        booking.invoice_url = invoice_url(booking.invoice)  # type: ignore[attr-defined]
        sessions = {e.session for e in booking.enrolments.all()}
        booking.session = min(sessions, key=lambda s: s.starts_at) if sessions else None  # type: ignore[attr-defined]
    return bookings


# Dashboards


def dashboard_my_courses(person: User) -> Section:
    now = timezone.now()
    found = list(
        _with_related(
            Enrolment.objects.filter(
                person=person,
                status__in=(*UPCOMING, Status.OFFERED, Status.WAITLISTED),
                session__ends_at__gte=now,
                session__course__kind=CourseKind.COURSE,
            )
        ).order_by("session__starts_at")[:10]
    )
    waitlist_positions(found)
    return Section(
        key="training.my_courses",
        title=_("My courses"),
        template="training/dashboard/_my_courses.html",
        items=found,
        empty=_("You are not enrolled on any upcoming course."),
        link_url=reverse("training:my_courses"),
        link_label=_("All my courses"),
        urgent=any(e.status == Status.OFFERED for e in found),
    )


def dashboard_staff_bookings(person: User) -> Section | None:
    organisations = list(represented_organisations(person))
    if not organisations:
        return None
    now = timezone.now()
    rows = (
        Enrolment.objects.filter(booking__organisation__in=organisations, session__ends_at__gte=now)
        .exclude(status=Status.CANCELLED)
        .values("session__course__code", "session__starts_at", "status")
        .annotate(count=Count("pk"))
        .order_by("session__starts_at", "session__course__code", "status")
    )
    return Section(
        key="training.staff_bookings",
        title=_("Your staff's training"),
        template="training/dashboard/_staff_bookings.html",
        items=[{**row, "label": Status(row["status"]).label} for row in rows],
        empty=_("None of your staff is booked on an upcoming course."),
        link_url=reverse("training:bookings"),
        link_label=_("Our bookings"),
    )


def sessions_filling(*, now: datetime.datetime | None = None) -> list[CourseSession]:
    """Upcoming open sessions with seats taken, waiting-list length and unpaid seats."""
    now = now or timezone.now()
    return list(
        CourseSession.objects.filter(
            status=CourseSession.Status.OPEN,
            starts_at__gte=now,
            course__kind=CourseKind.COURSE,
        )
        .select_related("course")
        .annotate(
            taken=Count("enrolments", filter=Q(enrolments__status__in=Enrolment.SEAT_HOLDING)),
            waiting=Count("enrolments", filter=Q(enrolments__status=Status.WAITLISTED)),
            unpaid=Count("enrolments", filter=Q(enrolments__status=Status.CONFIRMED)),
        )
        .order_by("starts_at")[:20]
    )


def dashboard_sessions_filling(person: User) -> Section:
    now = timezone.now()
    month_start = timezone.localtime(now).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    cancelled = Enrolment.objects.filter(
        status=Status.CANCELLED, cancelled_at__gte=month_start
    ).count()
    return Section(
        key="training.sessions_filling",
        title=_("Sessions filling"),
        template="training/dashboard/_sessions_filling.html",
        items=sessions_filling(now=now),
        empty=_("No session is open for enrolment."),
        extra={"cancelled_this_month": cancelled},
        wide=True,
    )
