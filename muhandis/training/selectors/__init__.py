"""Reads of the training domain, one module per concern; the public names are listed here."""

from .catalogue import (
    CatalogueFilters,
    CataloguePage,
    FilterChoices,
    catalogue_courses,
    catalogue_page,
    course_for_page,
    course_sessions,
    filter_choices,
    rooms,
    seats_left,
    staff_courses,
    upcoming_sessions,
    venues,
    with_sessions,
)

__all__ = [
    "CatalogueFilters",
    "CataloguePage",
    "FilterChoices",
    "catalogue_courses",
    "catalogue_page",
    "course_for_page",
    "course_sessions",
    "filter_choices",
    "rooms",
    "seats_left",
    "staff_courses",
    "upcoming_sessions",
    "venues",
    "with_sessions",
]
