"""Reads of the training domain, by concern; the public names are re-exported here."""

from .evaluation import overview as evaluation_overview
from .evaluation import results as evaluation_results
from .exports import attendance_sheet

__all__ = ["attendance_sheet", "evaluation_overview", "evaluation_results"]
