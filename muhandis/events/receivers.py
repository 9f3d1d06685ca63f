"""What events does when training announces a change to an event's registration
(``training.signals``, decision 0004): the registrant is told through the notification centre.
A course's enrolments are not ours and are left alone."""

from typing import Any

from muhandis.training.models import Enrolment

from .models import Event
from .services import notices


def _event_of(enrolment: Enrolment) -> Event | None:
    return Event.objects.filter(session_id=enrolment.session_id).select_related("region").first()


def tell_promoted(sender: object, enrolment: Enrolment, **kwargs: Any) -> None:
    """A freed seat went to this person: say so, with the invoice to pay if any."""
    event = _event_of(enrolment)
    if event is not None:
        notices.tell("promoted", event=event, enrolment=enrolment)


def tell_cancelled(sender: object, enrolment: Enrolment, **kwargs: Any) -> None:
    """The registration was cancelled by the association (the event is cancelled, or staff
    cancelled it) or by the system (unpaid): say why. The person who withdrew knows."""
    if enrolment.cancelled_by == Enrolment.CancelledBy.PERSON:
        return
    event = _event_of(enrolment)
    if event is not None:
        notices.tell(
            "cancelled",
            event=event,
            enrolment=enrolment,
            reason=enrolment.cancel_reason,
            event_cancelled=event.status == Event.Status.CANCELLED,
        )
