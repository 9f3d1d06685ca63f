"""Writes of the training domain, by concern; the public names are re-exported here."""

from .evaluation import (
    answer_evaluation,
    request_course_evaluation,
    request_from_token,
    send_evaluation_requests,
)
from .imports import import_participants, plan_participant_import

__all__ = [
    "answer_evaluation",
    "import_participants",
    "plan_participant_import",
    "request_course_evaluation",
    "request_from_token",
    "send_evaluation_requests",
]
