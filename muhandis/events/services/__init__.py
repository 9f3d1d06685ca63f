"""Writes of the events domain; the public names are re-exported here."""

from .attendance import credit_cpd_hours, mark_attendance
from .events import EventError, cancel_event, create_event, publish_event, update_event
from .registration import (
    RegistrationError,
    cancel_registration,
    price_for,
    register,
    registration_problem,
)
from .reminders import send_reminders

__all__ = [
    "EventError",
    "RegistrationError",
    "cancel_event",
    "cancel_registration",
    "create_event",
    "credit_cpd_hours",
    "mark_attendance",
    "price_for",
    "publish_event",
    "register",
    "registration_problem",
    "send_reminders",
    "update_event",
]
