"""Training's reads."""

from .enrolment import (
    MyCourses,
    bookings_of,
    dashboard_my_courses,
    dashboard_sessions_filling,
    dashboard_staff_bookings,
    enrolment_of,
    enrolments_of_session,
    invoice_url,
    my_courses,
    seats_left,
    sessions_filling,
)

__all__ = [
    "MyCourses",
    "bookings_of",
    "dashboard_my_courses",
    "dashboard_sessions_filling",
    "dashboard_staff_bookings",
    "enrolment_of",
    "enrolments_of_session",
    "invoice_url",
    "my_courses",
    "seats_left",
    "sessions_filling",
]
