"""Writes of the training domain, by concern; the public names are re-exported here."""

from .course_tests import record_post_test

__all__ = ["record_post_test"]
