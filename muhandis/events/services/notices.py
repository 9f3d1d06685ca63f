"""What the events app tells a registrant, through the notification centre, in their
language: registered, waitlisted, moved up, reminded, cancelled."""

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import translation

from muhandis.notifications.services import notify
from muhandis.training.models import Enrolment

from ..models import Event

KINDS = ("registered", "waitlisted", "promoted", "reminder", "cancelled")


def _path(name: str, language: str, *args: Any) -> str:
    with translation.override(language):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            return ""


def tell(what: str, *, event: Event, enrolment: Enrolment, **context: Any) -> None:
    """Notify the registrant of ``enrolment`` with ``events/notices/<what>``."""
    person = enrolment.person
    language = person.preferred_language or "uz"
    invoice = enrolment.invoice
    notify(
        person=person,
        kind=f"events.{what}",
        template=f"events/notices/{what}",
        context={
            "event": event,
            "enrolment": enrolment,
            "invoice": invoice,
            "invoice_path": _path("billing:invoice", language, invoice.public_id)
            if invoice
            else "",
            **context,
        },
        url=_path("events:detail", language, event.public_id),
    )
