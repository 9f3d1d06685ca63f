"""Writes of the training domain, one module per concern; the public names are listed here."""

from .catalogue import (
    CompetencyTarget,
    PriceInput,
    create_course,
    publish_course,
    save_room,
    save_venue,
    set_competencies,
    set_prices,
    update_course,
)
from .sessions import (
    association_zone,
    cancel_session,
    create_session,
    session_dates,
    update_session,
)

__all__ = [
    "CompetencyTarget",
    "PriceInput",
    "association_zone",
    "cancel_session",
    "create_course",
    "create_session",
    "publish_course",
    "save_room",
    "save_venue",
    "session_dates",
    "set_competencies",
    "set_prices",
    "update_course",
    "update_session",
]
