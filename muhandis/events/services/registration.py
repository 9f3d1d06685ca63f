"""Registering for an event and cancelling one's registration. The seat, the waiting list,
the invoice and the promotion of the next person waiting are training's enrolment rules
(decision 0011), applied to the event's session; the price is the member price for a member
in good standing or someone a member firm covers, else the non-member price."""

import datetime
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.training import services as training
from muhandis.training.models import Enrolment, PayerKind

from ..models import Event
from ..selectors import active_registration, waitlist_position
from . import notices


class RegistrationError(Exception):
    """A registration that cannot be done; the message is for the person."""


def registration_problem(event: Event, *, now: datetime.datetime | None = None) -> str:
    """Why nobody may register for the event now, or "" when they may."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return _("This event has been cancelled.")
    if event.status != Event.Status.PUBLISHED:
        return _("Registration for this event has not opened yet.")
    if event.starts_at <= now:
        return _("This event has already started.")
    if event.registration_deadline < now:
        return _("Registration for this event closed on %(day)s.") % {
            "day": formats.date_format(
                timezone.localtime(event.registration_deadline), "DATETIME_FORMAT"
            )
        }
    return ""


def price_for(event: Event, person: User) -> tuple[bool, Decimal]:
    """(whether ``person`` pays as a member, the price they pay)."""
    if training.member_payer_kind(person) == PayerKind.MEMBER:
        return True, event.member_price
    return False, event.non_member_price


def register(*, event: Event, person: User) -> Enrolment:
    """Register ``person``: a seat (with an invoice unless it is free) while one is free,
    else a place on the waiting list. Raises ``RegistrationError`` with a message to show."""
    problem = registration_problem(event)
    if problem:
        raise RegistrationError(problem)
    if active_registration(event, person) is not None:
        raise RegistrationError(
            _("You are already registered for this event or on its waiting list.")
        )
    try:
        enrolment = training.enrol(
            session=event.session,
            person=person,
            actor=person,
            payer_kind=training.member_payer_kind(person),
        )
    except training.EnrolmentError as exc:
        raise RegistrationError(str(exc)) from exc
    if enrolment.status == Enrolment.Status.WAITLISTED:
        position = getattr(enrolment, "position", None) or waitlist_position(enrolment)
        notices.tell("waitlisted", event=event, enrolment=enrolment, position=position)
    else:
        notices.tell("registered", event=event, enrolment=enrolment)
    return enrolment


def cancel_registration(*, event: Event, person: User) -> Enrolment:
    """The person withdraws before the event starts; a freed seat goes to the first person
    waiting. A paid invoice is refunded until the day before the event."""
    enrolment = active_registration(event, person)
    if enrolment is None:
        raise RegistrationError(_("You are not registered for this event."))
    try:
        return training.cancel_enrolment(
            enrolment=enrolment,
            actor=person,
            by=Enrolment.CancelledBy.PERSON,
            reason=_("Cancelled by the registrant."),
        )
    except training.EnrolmentError as exc:
        raise RegistrationError(str(exc)) from exc
