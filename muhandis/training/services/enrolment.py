"""Enrolment on a course session: seats that are never oversold, the waiting list and its
offers, cancellation by the person, by staff or by the system.

Seats: every change that takes or frees a seat locks the session row first
(``select_for_update``) and counts the seat-holding enrolments inside the same transaction, so
two people can never take the last seat together. The lock is held only while the enrolment row
is written; the invoice of a confirmed seat is written just after, in its own transaction, so
that a crowd enrolling at once waits for the seat count only.
"""

import datetime
import functools
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from muhandis.billing import services as billing
from muhandis.billing.models import Invoice
from muhandis.core import audit

from .. import signals
from ..models import Booking, CourseKind, CoursePrice, CourseSession, Enrolment, PayerKind
from . import enrolment_notices as notices

if TYPE_CHECKING:
    from muhandis.accounts.models import User

Status = Enrolment.Status
CancelledBy = Enrolment.CancelledBy
# Statuses a person may still cancel (before the start).
CANCELLABLE = (Status.REQUESTED, Status.WAITLISTED, Status.OFFERED, Status.CONFIRMED, Status.PAID)
# Statuses that still wait for money.
UNPAID = (Status.REQUESTED, Status.OFFERED, Status.CONFIRMED)


class EnrolmentError(Exception):
    """A request that cannot be done; the message is for the person who asked."""


def announce_paid(enrolment: Enrolment) -> None:
    """Send ``enrolment_paid`` once the transaction commits."""
    transaction.on_commit(
        functools.partial(signals.enrolment_paid.send, sender=Enrolment, enrolment=enrolment)
    )


# Prices and invoices


def currency_for(session: CourseSession) -> str:
    """The currency a session is sold in: tenge for a venue in Kazakhstan, else soʻm."""
    room = session.room
    if room is not None and room.venue.region.country == "KZ":
        return "KZT"
    return "UZS"


def price_for(session: CourseSession, payer_kind: str) -> tuple[Decimal, str]:
    """(amount, currency) the course costs a payer of this kind, in the session's currency
    when the course has a price in it, else in the one it has."""
    prices = {
        p.currency: p.amount
        for p in CoursePrice.objects.filter(course_id=session.course_id, payer_kind=payer_kind)
    }
    if not prices:
        raise EnrolmentError(
            _("This course has no price for %(payer)s yet: ask the training team.")
            % {"payer": PayerKind(payer_kind).label}
        )
    currency = currency_for(session)
    if currency not in prices:
        currency = sorted(prices)[0]
    return prices[currency], currency


def session_dates(session: CourseSession) -> str:
    """The session's dates in the active language, e.g. "12.01.2027–13.01.2027"."""
    starts = timezone.localtime(session.starts_at).date()
    ends = timezone.localtime(session.ends_at).date()
    first = formats.date_format(starts, "SHORT_DATE_FORMAT")
    if starts == ends:
        return first
    return f"{first}–{formats.date_format(ends, 'SHORT_DATE_FORMAT')}"


def line_description(session: CourseSession, language: str) -> str:
    """The invoice line: "<course code> <title> — <dates>", in ``language``."""
    with translation.override(language):
        course = session.course
        return f"{course.code} {course.title} — {session_dates(session)}"


def invoice_line(session: CourseSession, *, price: Decimal, language: str) -> billing.LineIn:
    course = session.course
    return billing.LineIn(
        description=line_description(session, language),
        unit_price=price,
        vat_rate=course.vat_rate,
        ikpu_code=course.ikpu_code,
        package_code=course.package_code,
    )


def _payer_for(enrolment: Enrolment) -> billing.Payer:
    booking = enrolment.booking
    if booking is not None:
        return billing.Payer.for_organisation(booking.organisation, contact=booking.booked_by)
    return billing.Payer.for_person(enrolment.person)


def _invoice_seat(enrolment: Enrolment, *, actor: "User | None") -> Enrolment:
    """Write the invoice of a confirmed seat (a free course is paid at once, without one)."""
    if enrolment.price == 0:
        with transaction.atomic():
            Enrolment.objects.filter(pk=enrolment.pk, status=Status.CONFIRMED).update(
                status=Status.PAID, paid_at=timezone.now()
            )
            enrolment.refresh_from_db()
            audit.record(
                "training.enrolment.paid",
                actor=actor,
                target=enrolment,
                after={"status": enrolment.status, "price": enrolment.price},
                reason=_("The course is free."),
            )
            announce_paid(enrolment)
        return enrolment
    payer = _payer_for(enrolment)
    try:
        with transaction.atomic():
            invoice = billing.create_invoice(
                payer=payer,
                lines=[
                    invoice_line(enrolment.session, price=enrolment.price, language=payer.language)
                ],
                currency=enrolment.currency,
                actor=actor,
            )
            Enrolment.objects.filter(pk=enrolment.pk).update(invoice=invoice)
            enrolment.invoice = invoice
    except billing.BillingError as exc:
        # The seat cannot be sold without an invoice: give it back, and say why.
        cancel_enrolment(
            enrolment=enrolment, actor=None, by=CancelledBy.SYSTEM, reason=str(exc), notify=False
        )
        raise EnrolmentError(str(exc)) from exc
    return enrolment


# Enrolling


def _lock(session: CourseSession) -> CourseSession:
    return (
        CourseSession.objects.select_for_update(of=("self",))
        .select_related("course")
        .get(pk=session.pk)
    )


def seats_taken(session: CourseSession) -> int:
    return Enrolment.objects.filter(session=session, status__in=Enrolment.SEAT_HOLDING).count()


def enrolment_problem(session: CourseSession, *, now: datetime.datetime | None = None) -> str:
    """Why nobody may enrol on the session now, or "" when they may."""
    now = now or timezone.now()
    if session.status == CourseSession.Status.CANCELLED:
        return _("This session has been cancelled.")
    if session.status == CourseSession.Status.HELD or session.starts_at <= now:
        return _("This session has already taken place.")
    if session.status != CourseSession.Status.OPEN:
        return _("Enrolment on this session has not opened yet.")
    if session.enrolment_deadline < now:
        return _("Enrolment on this session closed on %(day)s.") % {
            "day": formats.date_format(
                timezone.localtime(session.enrolment_deadline), "DATE_FORMAT"
            )
        }
    return ""


def _already(session: CourseSession, person: "User") -> str:
    return _("%(name)s is already enrolled on this session or on its waiting list.") % {
        "name": person.display_name
    }


def take_seat(
    *,
    session: CourseSession,
    person: "User",
    actor: "User | None",
    payer_kind: str,
    price: Decimal,
    currency: str,
    booking: Booking | None = None,
) -> Enrolment:
    """Inside a transaction that holds the session's lock: a seat when one is free and nobody
    waits before, else a place at the end of the waiting list.

    Every path that adds an enrolment holds the session's lock, so one query (what the
    session holds, and whether the person is on it already) decides, while the crowd waits."""
    held = Enrolment.objects.filter(session=session).aggregate(
        taken=Count("pk", filter=Q(status__in=Enrolment.SEAT_HOLDING)),
        waiting=Count("pk", filter=Q(status=Status.WAITLISTED)),
        mine=Count("pk", filter=Q(person=person) & ~Q(status=Status.CANCELLED)),
    )
    if held["mine"]:
        raise EnrolmentError(_already(session, person))
    now = timezone.now()
    seat = held["taken"] < session.max_seats and not held["waiting"]
    enrolment = Enrolment.objects.create(
        session=session,
        person=person,
        booking=booking,
        status=Status.CONFIRMED if seat else Status.WAITLISTED,
        payer_kind=payer_kind,
        price=price,
        currency=currency,
        requested_at=now,
        confirmed_at=now if seat else None,
    )
    # Known from the count above: the end of the line.
    enrolment.position = None if seat else held["waiting"] + 1  # type: ignore[attr-defined]
    audit.record(
        "training.enrolment.confirmed" if seat else "training.enrolment.waitlisted",
        actor=actor,
        target=enrolment,
        after={
            "session": session.pk,
            "person": person.pk,
            "status": enrolment.status,
            "price": price,
            "currency": currency,
            "booking": booking.pk if booking else None,
        },
    )
    return enrolment


def enrol(
    *,
    session: CourseSession,
    person: "User",
    actor: "User | None",
    payer_kind: str = PayerKind.INDIVIDUAL,
) -> Enrolment:
    """Enrol ``person`` on ``session``: a seat and an invoice when one is free, else the
    waiting list, in arrival order. Raises ``EnrolmentError`` with a message to show."""
    problem = enrolment_problem(session)
    if problem:
        raise EnrolmentError(problem)
    price, currency = price_for(session, payer_kind)
    if price > 0:
        try:
            billing.issuer_for(currency)
        except billing.BillingError as exc:
            raise EnrolmentError(str(exc)) from exc
    if (
        Enrolment.objects.filter(session=session, person=person)
        .exclude(status=Status.CANCELLED)
        .exists()
    ):
        raise EnrolmentError(_already(session, person))
    try:
        with transaction.atomic():
            session = _lock(session)
            problem = enrolment_problem(session)
            if problem:
                raise EnrolmentError(problem)
            enrolment = take_seat(
                session=session,
                person=person,
                actor=actor,
                payer_kind=payer_kind,
                price=price,
                currency=currency,
            )
    except IntegrityError as exc:  # the unique constraint, should a writer skip the lock
        raise EnrolmentError(_already(session, person)) from exc
    if enrolment.status == Status.CONFIRMED:
        enrolment = _invoice_seat(enrolment, actor=actor)
        notices.confirmed(enrolment)
    else:
        notices.waitlisted(enrolment)
    return enrolment


def waitlist_position(enrolment: Enrolment) -> int | None:
    """1 for the first in line; None when the enrolment is not waiting."""
    if enrolment.status != Status.WAITLISTED:
        return None
    before = Q(requested_at__lt=enrolment.requested_at) | Q(
        requested_at=enrolment.requested_at, pk__lt=enrolment.pk
    )
    ahead = Enrolment.objects.filter(
        before, session_id=enrolment.session_id, status=Status.WAITLISTED
    )
    return ahead.count() + 1


# The waiting list


def offer_free_seats(*, session: CourseSession, actor: "User | None" = None) -> list[Enrolment]:
    """Offer each free seat to the first on the waiting list, with a deadline to accept.

    Call inside a transaction that holds the session's lock (or let this one take it)."""
    with transaction.atomic():
        session = _lock(session)
        now = timezone.now()
        if session.status != CourseSession.Status.OPEN or session.starts_at <= now:
            return []
        free = session.max_seats - seats_taken(session)
        if free <= 0:
            return []
        if session.course.kind == CourseKind.EVENT:
            return _promote(session, free, actor=actor)
        expires = min(now + datetime.timedelta(days=session.offer_days), session.starts_at)
        offered = list(
            Enrolment.objects.filter(session=session, status=Status.WAITLISTED).order_by(
                "requested_at", "pk"
            )[:free]
        )
        for enrolment in offered:
            enrolment.status = Status.OFFERED
            enrolment.offer_expires_at = expires
            enrolment.save(update_fields=["status", "offer_expires_at", "updated_at"])
            audit.record(
                "training.enrolment.offered",
                actor=actor,
                target=enrolment,
                before={"status": Status.WAITLISTED},
                after={"status": Status.OFFERED, "offer_expires_at": expires},
            )
            notices.offered(enrolment)
    return offered


def _promote(session: CourseSession, free: int, *, actor: "User | None") -> list[Enrolment]:
    """An event's freed seats go straight to the first people waiting: confirmed and invoiced
    (or paid, when the event is free), without an offer to accept (decision 0014). Runs
    inside the transaction that holds the session's lock."""
    now = timezone.now()
    promoted = list(
        Enrolment.objects.filter(session=session, status=Status.WAITLISTED)
        .select_related("person", "booking")
        .order_by("requested_at", "pk")[:free]
    )
    for enrolment in promoted:
        enrolment.status = Status.CONFIRMED
        enrolment.confirmed_at = now
        enrolment.save(update_fields=["status", "confirmed_at", "updated_at"])
        enrolment.session = session
        audit.record(
            "training.enrolment.promoted",
            actor=actor,
            target=enrolment,
            before={"status": Status.WAITLISTED},
            after={"status": Status.CONFIRMED},
        )
    for enrolment in promoted:
        try:
            _invoice_seat(enrolment, actor=actor)
        except EnrolmentError:
            continue  # no invoice could be made: the seat went back, to the next in line
        transaction.on_commit(
            functools.partial(
                signals.enrolment_promoted.send, sender=Enrolment, enrolment=enrolment
            )
        )
    return promoted


def _own(enrolment: Enrolment, person: "User") -> Enrolment:
    if enrolment.person_id != person.pk:
        raise EnrolmentError(_("This enrolment is not yours."))
    return enrolment


def accept_offer(*, enrolment: Enrolment, actor: "User") -> Enrolment:
    """The person takes the seat they were offered: confirmed, with an invoice."""
    _own(enrolment, actor)
    with transaction.atomic():
        _lock(enrolment.session)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status != Status.OFFERED:
            raise EnrolmentError(_("This seat is no longer offered to you."))
        now = timezone.now()
        if enrolment.offer_expires_at and enrolment.offer_expires_at < now:
            raise EnrolmentError(_("The offer has expired; the seat went to the next in line."))
        enrolment.status = Status.CONFIRMED
        enrolment.confirmed_at = now
        enrolment.save(update_fields=["status", "confirmed_at", "updated_at"])
        audit.record(
            "training.enrolment.offer_accepted",
            actor=actor,
            target=enrolment,
            before={"status": Status.OFFERED},
            after={"status": Status.CONFIRMED},
        )
    enrolment = _invoice_seat(
        Enrolment.objects.select_related("session__course", "person", "booking").get(
            pk=enrolment.pk
        ),
        actor=actor,
    )
    notices.confirmed(enrolment)
    return enrolment


def decline_offer(*, enrolment: Enrolment, actor: "User") -> Enrolment:
    """The person does not want the seat: it goes to the next in line."""
    _own(enrolment, actor)
    if enrolment.status != Status.OFFERED:
        raise EnrolmentError(_("This seat is no longer offered to you."))
    return cancel_enrolment(
        enrolment=enrolment,
        actor=actor,
        by=CancelledBy.PERSON,
        reason=_("Declined the seat offered from the waiting list."),
        notify=False,
    )


def confirm_by_hand(*, enrolment: Enrolment, actor: "User") -> Enrolment:
    """Staff give a free seat to someone on the waiting list, whatever their place in line."""
    with transaction.atomic():
        session = _lock(enrolment.session)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status not in (Status.WAITLISTED, Status.OFFERED):
            raise EnrolmentError(_("Only someone on the waiting list can be given a seat."))
        holding = seats_taken(session) - (1 if enrolment.status == Status.OFFERED else 0)
        if holding >= session.max_seats:
            raise EnrolmentError(
                _(
                    "No seat is free: raise the session's maximum seats, or cancel an "
                    "enrolment first."
                )
            )
        before = {"status": enrolment.status}
        enrolment.status = Status.CONFIRMED
        enrolment.confirmed_at = timezone.now()
        enrolment.offer_expires_at = None
        enrolment.save(update_fields=["status", "confirmed_at", "offer_expires_at", "updated_at"])
        audit.record(
            "training.enrolment.moved_from_waitlist",
            actor=actor,
            target=enrolment,
            before=before,
            after={"status": Status.CONFIRMED},
        )
    enrolment = _invoice_seat(
        Enrolment.objects.select_related("session__course", "person", "booking").get(
            pk=enrolment.pk
        ),
        actor=actor,
    )
    notices.confirmed(enrolment)
    return enrolment


# Cancelling


def free_cancellation_until(session: CourseSession) -> datetime.datetime:
    return session.starts_at - datetime.timedelta(days=session.free_cancellation_days)


def cancellation_is_free(session: CourseSession, *, now: datetime.datetime | None = None) -> bool:
    return (now or timezone.now()) <= free_cancellation_until(session)


def _settle_invoice(enrolment: Enrolment, *, by: str, reason: str, actor: "User | None") -> str:
    """Cancel or refund the invoice behind a cancelled seat; return what was done
    ("cancelled", "refunded", "kept" or "")."""
    invoice = enrolment.invoice
    if invoice is None:
        return ""
    if enrolment.booking_id is not None:
        others = (
            Enrolment.objects.filter(invoice=invoice)
            .exclude(pk=enrolment.pk)
            .exclude(status=Status.CANCELLED)
        )
        if others.exists():
            # One line of a firm's invoice: the rest of the booking still stands.
            return "kept"
    invoice = Invoice.objects.get(pk=invoice.pk)
    if invoice.status in {Invoice.Status.ISSUED, Invoice.Status.PART_PAID, Invoice.Status.DRAFT}:
        billing.cancel_invoice(invoice=invoice, reason=reason, actor=actor)
        return "cancelled"
    if invoice.status == Invoice.Status.PAID:
        if by == CancelledBy.STAFF or cancellation_is_free(enrolment.session):
            billing.refund_invoice(invoice=invoice, reason=reason, actor=actor)
            return "refunded"
        return "kept"
    return ""


def cancel_enrolment(
    *,
    enrolment: Enrolment,
    actor: "User | None",
    by: str,
    reason: str = "",
    notify: bool = True,
    settle: bool = True,
) -> Enrolment:
    """Cancel an enrolment (by the person, staff or the system), settle its invoice, and offer
    the freed seat to the first on the waiting list.

    The person may cancel before the start: free until ``free_cancellation_days`` before it
    (a paid invoice is refunded), later the money is kept as the session's terms say. Staff
    give a reason and the money is always refunded. ``settle`` False leaves the invoice to the
    caller (billing told us it was cancelled or refunded)."""
    if by == CancelledBy.PERSON and actor is not None:
        _own(enrolment, actor)
    if by == CancelledBy.STAFF and not reason.strip():
        raise EnrolmentError(_("Say why the enrolment is cancelled."))
    with transaction.atomic():
        session = _lock(enrolment.session)
        enrolment = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("invoice", "booking")
            .get(pk=enrolment.pk)
        )
        if enrolment.status == Status.CANCELLED:
            return enrolment
        if by == CancelledBy.PERSON:
            if enrolment.status not in CANCELLABLE:
                raise EnrolmentError(_("This enrolment can no longer be cancelled."))
            if session.starts_at <= timezone.now():
                raise EnrolmentError(_("The session has started: ask the training team to cancel."))
        held_seat = enrolment.status in Enrolment.SEAT_HOLDING
        before = {"status": enrolment.status}
        enrolment.status = Status.CANCELLED
        enrolment.cancelled_at = timezone.now()
        enrolment.cancelled_by = by
        enrolment.cancel_reason = reason[:300]
        enrolment.offer_expires_at = None
        enrolment.save(
            update_fields=[
                "status",
                "cancelled_at",
                "cancelled_by",
                "cancel_reason",
                "offer_expires_at",
                "updated_at",
            ]
        )
        enrolment.session = session
        settled = ""
        if settle:
            try:
                settled = _settle_invoice(
                    enrolment, by=by, reason=reason or _("Enrolment cancelled."), actor=actor
                )
            except billing.BillingError as exc:
                raise EnrolmentError(str(exc)) from exc
        audit.record(
            "training.enrolment.cancelled",
            actor=actor,
            target=enrolment,
            before=before,
            after={"status": Status.CANCELLED, "cancelled_by": by, "invoice": settled},
            reason=reason,
        )
        if notify:
            notices.cancelled(enrolment, invoice_action=settled)
        transaction.on_commit(
            lambda: signals.enrolment_cancelled.send(sender=Enrolment, enrolment=enrolment)
        )
        if held_seat:
            offer_free_seats(session=session, actor=None)
    return enrolment


def expire_unpaid(*, now: datetime.datetime | None = None) -> int:
    """Cancel the seats confirmed more than ``payment_days`` ago and still unpaid."""
    now = now or timezone.now()
    count = 0
    due = Enrolment.objects.filter(
        status=Status.CONFIRMED, confirmed_at__isnull=False
    ).select_related("session")
    for enrolment in due.iterator():
        confirmed_at = enrolment.confirmed_at or now
        if confirmed_at + datetime.timedelta(days=enrolment.session.payment_days) > now:
            continue
        paid = Invoice.objects.filter(pk=enrolment.invoice_id or 0, status=Invoice.Status.PAID)
        if paid.exists():
            continue  # paid a moment ago: billing's signal marks the seat paid
        try:
            cancel_enrolment(
                enrolment=enrolment,
                actor=None,
                by=CancelledBy.SYSTEM,
                reason=_("Not paid within %(days)s days.")
                % {"days": enrolment.session.payment_days},
            )
        except EnrolmentError:
            continue  # the invoice was paid while the seat was being freed: it stays
        count += 1
    return count


def expire_offers(*, now: datetime.datetime | None = None) -> int:
    """Withdraw the waiting-list offers not accepted in time; each seat goes to the next."""
    now = now or timezone.now()
    count = 0
    for enrolment in Enrolment.objects.filter(status=Status.OFFERED, offer_expires_at__lt=now):
        cancel_enrolment(
            enrolment=enrolment,
            actor=None,
            by=CancelledBy.SYSTEM,
            reason=_("The seat offered was not accepted in time."),
        )
        count += 1
    return count
