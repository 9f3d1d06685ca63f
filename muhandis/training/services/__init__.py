"""Training's writes: enrolment, the waiting list, employer bookings."""

from .bookings import BookingResult, book, payer_kind_for, represents, staff_of
from .enrolment import (
    EnrolmentError,
    accept_offer,
    cancel_enrolment,
    confirm_by_hand,
    decline_offer,
    enrol,
    expire_offers,
    expire_unpaid,
    offer_free_seats,
    price_for,
)
from .enrolment_notices import send_reminders

__all__ = [
    "BookingResult",
    "EnrolmentError",
    "accept_offer",
    "book",
    "cancel_enrolment",
    "confirm_by_hand",
    "decline_offer",
    "enrol",
    "expire_offers",
    "expire_unpaid",
    "offer_free_seats",
    "payer_kind_for",
    "price_for",
    "represents",
    "send_reminders",
    "staff_of",
]
