"""Writes of the training domain, by concern; the public names are re-exported here."""

from .attendance import apologise, check_in, mark_day
from .bookings import (
    BookingResult,
    book,
    member_payer_kind,
    payer_kind_for,
    represents,
    staff_of,
)
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
from .completion import assess_completion, record_post_test, session_over
from .course_tests import record_post_test_result
from .enrolment import (
    EnrolmentError,
    accept_offer,
    cancel_enrolment,
    confirm_by_hand,
    decline_offer,
    enrol,
    expire_offers,
    expire_unpaid,
    offer_free_seats,
    price_for,
)
from .enrolment_notices import send_reminders
from .evaluation import (
    answer_evaluation,
    request_course_evaluation,
    request_from_token,
    send_evaluation_requests,
)
from .imports import import_participants, plan_participant_import
from .sessions import (
    association_zone,
    cancel_session,
    create_session,
    session_dates,
    update_session,
)

__all__ = [
    "BookingResult",
    "CompetencyTarget",
    "EnrolmentError",
    "PriceInput",
    "accept_offer",
    "answer_evaluation",
    "apologise",
    "assess_completion",
    "association_zone",
    "book",
    "cancel_enrolment",
    "cancel_session",
    "check_in",
    "confirm_by_hand",
    "create_course",
    "create_session",
    "decline_offer",
    "enrol",
    "expire_offers",
    "expire_unpaid",
    "import_participants",
    "mark_day",
    "member_payer_kind",
    "offer_free_seats",
    "payer_kind_for",
    "plan_participant_import",
    "price_for",
    "publish_course",
    "record_post_test",
    "record_post_test_result",
    "represents",
    "request_course_evaluation",
    "request_from_token",
    "save_room",
    "save_venue",
    "send_evaluation_requests",
    "send_reminders",
    "session_dates",
    "session_over",
    "set_competencies",
    "set_prices",
    "staff_of",
    "update_course",
    "update_session",
]
