"""Writes of the training domain; the public names of its modules are available from here."""

from .attendance import apologise, check_in, mark_day
from .completion import assess_completion, record_post_test, session_over

__all__ = [
    "apologise",
    "assess_completion",
    "check_in",
    "mark_day",
    "record_post_test",
    "session_over",
]
