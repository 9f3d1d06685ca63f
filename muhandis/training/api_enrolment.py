"""A person's own enrolments in the REST API, and enrolling on a session.

Refusals (after the deadline, a cancelled session, already enrolled) answer 409 in the one
error shape, with the message in the language of the request."""

import datetime
import uuid
from decimal import Decimal

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from muhandis.core.apitypes import ErrorOut

from .models import CourseSession, Enrolment
from .selectors import enrolment as selectors
from .services import enrolment as service

router = Router(tags=["training"])


class EnrolmentOut(Schema):
    id: uuid.UUID
    session: uuid.UUID
    course_code: str
    course_title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: str
    waitlist_position: int | None
    offer_expires_at: datetime.datetime | None
    price: Decimal
    currency: str
    invoice_number: str | None
    booked_by_organisation: str | None


def _out(e: Enrolment) -> dict:
    return {
        "id": e.public_id,
        "session": e.session.public_id,
        "course_code": e.session.course.code,
        "course_title": e.session.course.title,
        "starts_at": e.session.starts_at,
        "ends_at": e.session.ends_at,
        "status": e.status,
        "waitlist_position": getattr(e, "position", None),
        "offer_expires_at": e.offer_expires_at,
        "price": e.price,
        "currency": e.currency,
        "invoice_number": e.invoice.number if e.invoice else None,
        "booked_by_organisation": e.booking.organisation.name if e.booking else None,
    }


@router.get(
    "/training/enrolments/mine",
    response=list[EnrolmentOut],
    summary="Your enrolments, by session start",
)
@paginate
def my_enrolments(request: HttpRequest) -> list[dict]:
    found = selectors.my_courses(request.user)
    everything = [*found.offers, *found.upcoming, *found.waiting, *reversed(found.past)]
    return [_out(e) for e in sorted(everything, key=lambda e: (e.session.starts_at, e.pk))]


@router.post(
    "/training/sessions/{public_id}/enrol",
    response={201: EnrolmentOut, 409: ErrorOut},
    summary="Enrol on a session: a seat and an invoice, or the waiting list when it is full",
)
def enrol(request: HttpRequest, public_id: uuid.UUID) -> Status:
    session = CourseSession.objects.select_related("course").filter(public_id=public_id).first()
    if session is None:
        raise Http404
    try:
        done = service.enrol(session=session, person=request.user, actor=request.user)
    except service.EnrolmentError as exc:
        return Status(409, {"error": {"code": "enrolment_refused", "message": str(exc)}})
    return Status(201, _out(done))
