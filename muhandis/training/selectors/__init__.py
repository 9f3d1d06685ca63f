"""Reads of the training domain, by concern; the public names are re-exported here."""

from .attendance import (
    attendance_rows,
    can_manage,
    days_to_mark_today,
    listed_enrolments,
    trained,
    trainer_sessions,
)
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
from .evaluation import overview as evaluation_overview
from .evaluation import results as evaluation_results
from .exports import attendance_sheet

__all__ = [
    "MyCourses",
    "attendance_rows",
    "attendance_sheet",
    "bookings_of",
    "can_manage",
    "dashboard_my_courses",
    "dashboard_sessions_filling",
    "dashboard_staff_bookings",
    "days_to_mark_today",
    "enrolment_of",
    "enrolments_of_session",
    "evaluation_overview",
    "evaluation_results",
    "invoice_url",
    "listed_enrolments",
    "my_courses",
    "seats_left",
    "sessions_filling",
    "trained",
    "trainer_sessions",
]
