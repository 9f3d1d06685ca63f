"""What the audit trail's training actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "training.enrolment.confirmed": _("Seat confirmed"),
    "training.enrolment.waitlisted": _("Put on the waiting list"),
    "training.enrolment.offered": _("Seat offered from the waiting list"),
    "training.enrolment.offer_accepted": _("Offered seat accepted"),
    "training.enrolment.moved_from_waitlist": _("Given a seat from the waiting list"),
    "training.enrolment.paid": _("Seat paid"),
    "training.enrolment.cancelled": _("Enrolment cancelled"),
    "training.booking.created": _("Staff booked by their employer"),
}

SENTENCES = {
    "training.enrolment.confirmed": _("%(actor)s took a seat: %(target)s"),
    "training.enrolment.waitlisted": _("%(actor)s joined the waiting list: %(target)s"),
    "training.enrolment.offered": _("A seat was offered from the waiting list: %(target)s"),
    "training.enrolment.offer_accepted": _("%(actor)s accepted the seat offered: %(target)s"),
    "training.enrolment.moved_from_waitlist": _(
        "%(actor)s gave a seat from the waiting list: %(target)s"
    ),
    "training.enrolment.paid": _("The seat was paid: %(target)s"),
    "training.enrolment.cancelled": _("%(actor)s cancelled the enrolment %(target)s"),
    "training.booking.created": _("%(actor)s booked staff on a course (booking %(target)s)"),
}

FIELDS = {
    "session": _("session"),
    "person": _("participant"),
    "price": _("price"),
    "currency": _("currency"),
    "booking": _("booking"),
    "offer_expires_at": _("offer open until"),
    "cancelled_by": _("cancelled"),
    "invoice": _("invoice"),
    "organisation": _("organisation"),
    "confirmed": _("with a seat"),
    "waitlisted": _("on the waiting list"),
}


def values() -> dict[str, dict]:
    from .models import Enrolment

    return {
        "training.enrolment/status": dict(Enrolment.Status.choices),
        "cancelled_by": dict(Enrolment.CancelledBy.choices),
    }
