"""Writes of the training domain, by concern; the public names are re-exported here."""

from .attendance import apologise, check_in, mark_day
from .completion import assess_completion, record_post_test, session_over
from .course_tests import record_post_test_result
from .evaluation import (
    answer_evaluation,
    request_course_evaluation,
    request_from_token,
    send_evaluation_requests,
)
from .imports import import_participants, plan_participant_import

__all__ = [
    "answer_evaluation",
    "apologise",
    "assess_completion",
    "check_in",
    "import_participants",
    "mark_day",
    "plan_participant_import",
    "record_post_test",
    "record_post_test_result",
    "request_course_evaluation",
    "request_from_token",
    "send_evaluation_requests",
    "session_over",
]
