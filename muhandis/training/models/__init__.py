"""Courses the association sells, their sessions, enrolment, attendance and evaluation."""

from .attendance import Attendance, SessionDay
from .catalogue import (
    Course,
    CourseCompetency,
    CourseFormat,
    CourseKind,
    CourseLevel,
    CoursePrice,
    PayerKind,
    Room,
    Venue,
)
from .enrolment import Booking, Enrolment
from .evaluation import (
    EvaluationAnswer,
    EvaluationAudience,
    EvaluationLevel,
    EvaluationQuestion,
    EvaluationRequest,
)
from .sessions import CourseSession, SessionTrainer

__all__ = [
    "Attendance",
    "Booking",
    "Course",
    "CourseCompetency",
    "CourseFormat",
    "CourseKind",
    "CourseLevel",
    "CoursePrice",
    "CourseSession",
    "Enrolment",
    "EvaluationAnswer",
    "EvaluationAudience",
    "EvaluationLevel",
    "EvaluationQuestion",
    "EvaluationRequest",
    "PayerKind",
    "Room",
    "SessionDay",
    "SessionTrainer",
    "Venue",
]
