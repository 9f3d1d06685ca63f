"""Reads of the training domain, by concern; the public names are re-exported here."""

from .attendance import (
    attendance_rows,
    can_manage,
    days_to_mark_today,
    listed_enrolments,
    trained,
    trainer_sessions,
)
from .evaluation import overview as evaluation_overview
from .evaluation import results as evaluation_results
from .exports import attendance_sheet

__all__ = [
    "attendance_rows",
    "attendance_sheet",
    "can_manage",
    "days_to_mark_today",
    "evaluation_overview",
    "evaluation_results",
    "listed_enrolments",
    "trained",
    "trainer_sessions",
]
