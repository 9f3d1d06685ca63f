"""Reads of the training domain; the public names of its modules are available from here."""

from .attendance import (
    attendance_rows,
    can_manage,
    days_to_mark_today,
    listed_enrolments,
    trained,
    trainer_sessions,
)

__all__ = [
    "attendance_rows",
    "can_manage",
    "days_to_mark_today",
    "listed_enrolments",
    "trained",
    "trainer_sessions",
]
