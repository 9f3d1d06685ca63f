"""Attendance at an event is training's attendance of the event's session: marked per day by
the training manager (``training.services.mark_day``). Once the event is over, an event that
carries CPD hours has its attendance assessed (``training.services.assess_completion``): whoever
was present every day completes it, and the cpd app credits the hours (``enrolment_completed``)."""

from collections.abc import Mapping

from django.http import HttpRequest

from muhandis.accounts.models import User
from muhandis.training import services as training
from muhandis.training.models import Enrolment, SessionDay

from ..models import Event


def mark_attendance(
    *,
    event: Event,
    day: SessionDay,
    marks: Mapping[int, str],
    actor: User,
    request: HttpRequest | None = None,
) -> int:
    """Record one day's marks (enrolment id → present or absent); credit the CPD hours when
    the event is over and carries them. Returns how many marks changed."""
    changed = training.mark_day(day=day, marks=marks, actor=actor, request=request)
    credit_cpd_hours(event=event, actor=actor, request=request)
    return changed


def credit_cpd_hours(
    *, event: Event, actor: User, request: HttpRequest | None = None
) -> list[Enrolment]:
    """Assess the ended event's attendance so that those present earn its CPD hours; nothing
    for an event without CPD hours or not yet over. Idempotent."""
    session = event.session
    if not event.cpd_hours or not training.session_over(session):
        return []
    return training.assess_completion(session=session, actor=actor, request=request)
