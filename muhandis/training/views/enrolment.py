"""Enrolment pages: enrol, my courses, offers and cancellation; employer bookings; the
training manager's list of a session's enrolments."""

import csv
import io
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from muhandis.accounts.models import Organisation, User
from muhandis.accounts.permissions import role_required
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import represented_organisations
from muhandis.core import tables

from ..models import CourseSession, Enrolment
from ..selectors import enrolment as selectors
from ..services import bookings, enrolment
from ..services.enrolment import EnrolmentError

STAFF = (Role.TRAINING_MANAGER, Role.ADMIN)


def _session(public_id: uuid.UUID) -> CourseSession:
    return get_object_or_404(
        CourseSession.objects.select_related("course", "room__venue"), public_id=public_id
    )


def _own_enrolment(request: HttpRequest, public_id: uuid.UUID) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.select_related("session__course", "invoice"),
        public_id=public_id,
        person=request.user,
    )


def _terms(session: CourseSession) -> dict:
    return {
        "free_until": enrolment.free_cancellation_until(session),
        "free_now": enrolment.cancellation_is_free(session),
    }


# The participant


@login_required
def enrol(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """GET: what the person is about to buy; POST: enrol."""
    session = _session(public_id)
    mine = selectors.enrolment_of(request.user, session)
    if request.method == "POST" and mine is None:
        try:
            done = enrolment.enrol(session=session, person=request.user, actor=request.user)
        except EnrolmentError as exc:
            messages.error(request, str(exc))
        else:
            if done.status == Enrolment.Status.WAITLISTED:
                messages.info(request, _("The session is full: you are on the waiting list."))
            else:
                messages.success(request, _("Your seat is confirmed."))
            return redirect("training:my_courses")
    price = problem = None
    try:
        price = enrolment.price_for(session, "individual")
    except EnrolmentError as exc:
        problem = str(exc)
    return render(
        request,
        "training/enrolment/enrol.html",
        {
            "session": session,
            "mine": mine,
            "price": price,
            "problem": problem or enrolment.enrolment_problem(session),
            "seats_left": selectors.seats_left(session),
            **_terms(session),
        },
    )


@login_required
def my_courses(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "training/enrolment/my_courses.html",
        {"courses": selectors.my_courses(request.user)},
    )


@login_required
@require_POST
def accept(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    found = _own_enrolment(request, public_id)
    try:
        enrolment.accept_offer(enrolment=found, actor=request.user)
    except EnrolmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The seat is yours."))
    return redirect("training:my_courses")


@login_required
@require_POST
def decline(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    found = _own_enrolment(request, public_id)
    try:
        enrolment.decline_offer(enrolment=found, actor=request.user)
    except EnrolmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You declined the seat; it goes to the next in line."))
    return redirect("training:my_courses")


@login_required
def cancel(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    """GET: the cancellation terms that apply now; POST: cancel."""
    found = _own_enrolment(request, public_id)
    if request.method == "POST":
        try:
            enrolment.cancel_enrolment(
                enrolment=found,
                actor=request.user,
                by=Enrolment.CancelledBy.PERSON,
                reason=request.POST.get("reason", "").strip()[:300],
            )
        except EnrolmentError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your enrolment is cancelled."))
            return redirect("training:my_courses")
    return render(
        request,
        "training/enrolment/cancel.html",
        {"enrolment": found, "session": found.session, **_terms(found.session)},
    )


# The employer


def _organisation(request: HttpRequest) -> tuple[Organisation, list[Organisation]]:
    organisations = list(represented_organisations(request.user))
    if not organisations:
        raise Http404(_("You do not represent an organisation."))
    chosen = request.GET.get("organisation") or request.POST.get("organisation")
    for organisation in organisations:
        if str(organisation.public_id) == chosen:
            return organisation, organisations
    return organisations[0], organisations


@role_required(Role.EMPLOYER)
def book(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    session = _session(public_id)
    organisation, organisations = _organisation(request)
    staff = list(bookings.staff_of(organisation))
    payer_kind = bookings.payer_kind_for(organisation)
    price = problem = None
    try:
        price = enrolment.price_for(session, payer_kind)
    except EnrolmentError as exc:
        problem = str(exc)
    result = None
    if request.method == "POST":
        chosen = set(request.POST.getlist("person"))
        people: list[User] = [p for p in staff if str(p.pk) in chosen]
        try:
            for email in request.POST.get("emails", "").replace(",", " ").split():
                people.append(bookings.colleague_by_email(email))
            result = bookings.book(
                session=session, organisation=organisation, people=people, actor=request.user
            )
        except EnrolmentError as exc:
            messages.error(request, str(exc))
        else:
            if result.booking is None:
                messages.error(request, _("Nobody could be booked."))
    return render(
        request,
        "training/enrolment/book.html",
        {
            "session": session,
            "organisation": organisation,
            "organisations": organisations,
            "staff": staff,
            "price": price,
            "payer_kind": payer_kind,
            "problem": problem or enrolment.enrolment_problem(session),
            "seats_left": selectors.seats_left(session),
            "result": result,
            **_terms(session),
        },
    )


@role_required(Role.EMPLOYER)
def our_bookings(request: HttpRequest) -> HttpResponse:
    organisations = list(represented_organisations(request.user))
    return render(
        request,
        "training/enrolment/bookings.html",
        {"organisations": organisations, "bookings": selectors.bookings_of(organisations)},
    )


# The training manager


@role_required(*STAFF)
def session_enrolments(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    session = _session(public_id)
    found = selectors.enrolments_of_session(session)
    return render(
        request,
        "training/enrolment/session_enrolments.html",
        {
            "session": session,
            "enrolments": found,
            "taken": sum(1 for e in found if e.status in Enrolment.SEAT_HOLDING),
        },
    )


def _staff_enrolment(public_id: uuid.UUID) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.select_related("session", "invoice"), public_id=public_id
    )


@role_required(*STAFF)
@require_POST
def staff_cancel(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    found = _staff_enrolment(public_id)
    try:
        enrolment.cancel_enrolment(
            enrolment=found,
            actor=request.user,
            by=Enrolment.CancelledBy.STAFF,
            reason=request.POST.get("reason", "").strip()[:300],
        )
    except EnrolmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The enrolment is cancelled."))
    return redirect("training:session_enrolments", found.session.public_id)


@role_required(*STAFF)
@require_POST
def staff_seat(request: HttpRequest, public_id: uuid.UUID) -> HttpResponse:
    found = _staff_enrolment(public_id)
    try:
        enrolment.confirm_by_hand(enrolment=found, actor=request.user)
    except EnrolmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The seat is given and invoiced."))
    return redirect("training:session_enrolments", found.session.public_id)


EXPORT_COLUMNS = [
    gettext_lazy("Participant"),
    gettext_lazy("Email"),
    gettext_lazy("Status"),
    gettext_lazy("Place on the waiting list"),
    gettext_lazy("Payer"),
    gettext_lazy("Organisation"),
    gettext_lazy("Price"),
    gettext_lazy("Currency"),
    gettext_lazy("Invoice"),
    gettext_lazy("Requested"),
    gettext_lazy("Seat confirmed"),
    gettext_lazy("Paid"),
    gettext_lazy("Cancelled"),
    gettext_lazy("Cancelled by"),
    gettext_lazy("Reason"),
]


def _export_row(e: Enrolment) -> list:
    def when(value: object) -> str:
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""  # type: ignore[arg-type]

    return [
        e.person.display_name,
        e.person.email,
        e.get_status_display(),
        getattr(e, "position", None) or "",
        e.get_payer_kind_display(),
        e.booking.organisation.name if e.booking else "",
        e.price,
        e.currency,
        e.invoice.number if e.invoice and e.invoice.number else "",
        when(e.requested_at),
        when(e.confirmed_at),
        when(e.paid_at),
        when(e.cancelled_at),
        e.get_cancelled_by_display() if e.cancelled_by else "",
        e.cancel_reason,
    ]


@role_required(*STAFF)
def session_enrolments_export(request: HttpRequest, public_id: uuid.UUID, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    session = _session(public_id)
    header = [str(c) for c in EXPORT_COLUMNS]
    rows = [
        [tables.safe_cell(v) for v in _export_row(e)]
        for e in selectors.enrolments_of_session(session)
    ]
    name = f"enrolments-{session.course.code}-{timezone.localtime(session.starts_at):%Y-%m-%d}"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows([[str(v) for v in row] for row in rows])
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = str(_("Enrolments"))[:31]
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        data = io.BytesIO()
        workbook.save(data)
        response = HttpResponse(
            data.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


urlpatterns: list[URLPattern] = [
    path("sessions/<uuid:public_id>/enrol/", enrol, name="enrol"),
    path("my-courses/", my_courses, name="my_courses"),
    path("enrolments/<uuid:public_id>/accept/", accept, name="offer_accept"),
    path("enrolments/<uuid:public_id>/decline/", decline, name="offer_decline"),
    path("enrolments/<uuid:public_id>/cancel/", cancel, name="enrolment_cancel"),
    path("sessions/<uuid:public_id>/book/", book, name="book"),
    path("bookings/", our_bookings, name="bookings"),
    path(
        "staff/sessions/<uuid:public_id>/enrolments/",
        session_enrolments,
        name="session_enrolments",
    ),
    path(
        "staff/sessions/<uuid:public_id>/enrolments.<str:fmt>",
        session_enrolments_export,
        name="session_enrolments_export",
    ),
    path("staff/enrolments/<uuid:public_id>/cancel/", staff_cancel, name="staff_cancel"),
    path("staff/enrolments/<uuid:public_id>/seat/", staff_seat, name="staff_seat"),
]
