"""Writes for events: create, edit, publish and cancel. Each event owns a training course
(of kind ``event``, never in the catalogue) and its one session (decision 0014): the event's
title, hours and CPD hours are the course's, its prices the course's member and individual
prices, its dates, capacity and registration deadline the session's."""

import datetime
import secrets
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.core import audit
from muhandis.training import services as training
from muhandis.training.models import CourseFormat, CourseKind, CourseSession, PayerKind

from ..models import Event, EventKind

LANGUAGES = ("uz", "ru", "en")
TRANSLATED = ("title", "description", "place")
PLAIN = (
    "kind",
    "address",
    "region",
    "online_url",
    "starts_at",
    "ends_at",
    "registration_deadline",
    "capacity",
    "member_price",
    "non_member_price",
    "cpd_hours",
    "cpd_category",
)
FIELDS = PLAIN + tuple(f"{name}_{lang}" for name in TRANSLATED for lang in LANGUAGES)
# Training's names for the session's fields, and the event's.
SESSION_TO_EVENT = {
    "max_seats": "capacity",
    "enrolment_deadline": "registration_deadline",
    "online_url": "online_url",
    "starts_at": "starts_at",
    "ends_at": "ends_at",
}


class EventError(Exception):
    """A request about an event that cannot be done; the message is for the person."""


def _apply(event: Event, values: dict[str, Any]) -> None:
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise ValueError(f"Not event fields: {sorted(unknown)}")
    for name, value in values.items():
        if isinstance(value, datetime.datetime) and timezone.is_naive(value):
            value = timezone.make_aware(value, training.association_zone())
        if name in ("cpd_hours", "member_price", "non_member_price") and value is None:
            value = Decimal(0)
        setattr(event, name, value)


def _check(event: Event) -> None:
    problems: dict[str, list[str]] = {}

    def refuse(field: str, message: str) -> None:
        problems.setdefault(field, []).append(message)

    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        refuse("ends_at", _("The event must end after it starts."))
    if (
        event.registration_deadline
        and event.starts_at
        and event.registration_deadline > event.starts_at
    ):
        refuse("registration_deadline", _("Registration must close before the event starts."))
    if event.kind == EventKind.WEBINAR and not event.online_url:
        refuse("online_url", _("A webinar needs its online link."))
    if event.kind and event.kind != EventKind.WEBINAR:
        if not getattr(event, "place_uz", ""):
            refuse("place_uz", _("Say where the event takes place."))
        if event.region_id is None:
            refuse("region", _("Choose the region where the event takes place."))
    if event.cpd_hours and event.cpd_hours > 0 and not event.cpd_category:
        refuse("cpd_category", _("Choose the CPD category the hours count in."))
    try:
        event.full_clean(exclude=["public_id", "session", "created_by", "status"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                refuse(field, message)
    if problems:
        raise ValidationError(problems)


def _duration(event: Event) -> Decimal:
    hours = Decimal((event.ends_at - event.starts_at).total_seconds()) / 3600
    hours = hours.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return min(max(hours, Decimal("0.5")), Decimal("9999.9"))


def _course_values(event: Event) -> dict[str, Any]:
    values: dict[str, Any] = {
        "format": CourseFormat.ONLINE_LIVE
        if event.kind == EventKind.WEBINAR
        else CourseFormat.CLASSROOM,
        "duration_hours": _duration(event),
        "cpd_hours": event.cpd_hours or Decimal(0),
        "cpd_category": event.cpd_category if event.cpd_hours else "",
    }
    for lang in LANGUAGES:
        values[f"title_{lang}"] = getattr(event, f"title_{lang}") or ""
        values[f"summary_{lang}"] = getattr(event, f"description_{lang}") or ""
    return values


def _prices(event: Event) -> list[training.PriceInput]:
    return [
        training.PriceInput(payer_kind=PayerKind.MEMBER, currency="UZS", amount=event.member_price),
        training.PriceInput(
            payer_kind=PayerKind.INDIVIDUAL, currency="UZS", amount=event.non_member_price
        ),
    ]


def _session_values(event: Event) -> dict[str, Any]:
    return {
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "online_url": event.online_url,
        "max_seats": event.capacity,
        "enrolment_deadline": event.registration_deadline,
    }


def _as_event_error(error: ValidationError) -> ValidationError:
    """Training's refusal about the session, keyed by the event's field names."""
    if not hasattr(error, "error_dict"):
        return error
    items = error.error_dict.items()
    return ValidationError({SESSION_TO_EVENT.get(name, "__all__"): errs for name, errs in items})


def _snapshot(event: Event) -> dict[str, Any]:
    values = {}
    for name in FIELDS:
        value = getattr(event, "region_id" if name == "region" else name)
        if isinstance(value, datetime.datetime):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        values[name] = value
    return values


@transaction.atomic
def create_event(
    *, actor: User, values: dict[str, Any], request: HttpRequest | None = None
) -> Event:
    """A new event, not yet published, with its course, prices and session."""
    event = Event(created_by=actor)
    _apply(event, values)
    _check(event)
    course = training.create_course(
        actor=actor,
        values={
            "code": f"event-{secrets.token_hex(6)}",
            "kind": CourseKind.EVENT,
            "level": "foundation",
            "languages": list(LANGUAGES),
            "min_attendance_percent": 100,
            **_course_values(event),
        },
        prices=_prices(event),
        request=request,
    )
    try:
        event.session = training.create_session(
            course=course,
            values={
                **_session_values(event),
                "language": "uz",
                "min_seats": 1,
                "free_cancellation_days": 1,
                "status": CourseSession.Status.PLANNED,
            },
            trainers=[],
            actor=actor,
            request=request,
        )
    except ValidationError as error:
        raise _as_event_error(error) from None
    event.save()
    audit.record(
        "events.event.created", actor=actor, target=event, after=_snapshot(event), request=request
    )
    return event


@transaction.atomic
def update_event(
    *, event: Event, actor: User, values: dict[str, Any], request: HttpRequest | None = None
) -> Event:
    """Change an event that is not cancelled and has not been held."""
    event = Event.objects.select_for_update().select_related("session__course").get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise ValidationError(_("This event is cancelled: it can no longer be changed."))
    if event.session.status == CourseSession.Status.HELD:
        raise ValidationError(_("This event has been held: it can no longer be changed."))
    before = _snapshot(event)
    _apply(event, values)
    _check(event)
    course = event.session.course
    training.update_course(course=course, actor=actor, values=_course_values(event))
    training.set_prices(course=course, prices=_prices(event), actor=actor)
    try:
        event.session = training.update_session(
            session=event.session,
            values=_session_values(event),
            trainers=[],
            actor=actor,
            request=request,
        )
    except ValidationError as error:
        raise _as_event_error(error) from None
    event.save()
    if event.status == Event.Status.PUBLISHED:
        # More seats than before: the people waiting move up, first come first.
        training.offer_free_seats(session=event.session, actor=actor)
    after = _snapshot(event)
    changed = [k for k in after if before.get(k) != after[k]]
    if changed:
        audit.record(
            "events.event.updated",
            actor=actor,
            target=event,
            before={k: before[k] for k in changed},
            after={k: after[k] for k in changed},
            request=request,
        )
    return event


@transaction.atomic
def publish_event(*, event: Event, actor: User, request: HttpRequest | None = None) -> Event:
    """Show the event on the public list and open registration."""
    event = Event.objects.select_for_update().select_related("session").get(pk=event.pk)
    if event.status != Event.Status.DRAFT:
        raise EventError(_("Only a draft event can be published."))
    if event.ends_at <= timezone.now():
        raise EventError(_("This event is over: it cannot be published."))
    try:
        event.session = training.update_session(
            session=event.session,
            values={"status": CourseSession.Status.OPEN},
            trainers=[],
            actor=actor,
            request=request,
        )
    except ValidationError as error:
        raise EventError(" ".join(error.messages)) from None
    event.status = Event.Status.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    audit.record(
        "events.event.published",
        actor=actor,
        target=event,
        before={"status": Event.Status.DRAFT},
        after={"status": event.status},
        request=request,
    )
    return event


@transaction.atomic
def cancel_event(
    *, event: Event, actor: User, reason: str, request: HttpRequest | None = None
) -> Event:
    """Cancel the event: every registration is cancelled by the association and refunded what
    was paid, and each registrant is told why (``receivers``)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the event is cancelled.")]})
    event = Event.objects.select_for_update().select_related("session").get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise EventError(_("This event is already cancelled."))
    if event.session.status == CourseSession.Status.HELD:
        raise EventError(_("This event has been held: it cannot be cancelled."))
    before = event.status
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status", "updated_at"])
    training.cancel_session(session=event.session, reason=reason, actor=actor, request=request)
    audit.record(
        "events.event.cancelled",
        actor=actor,
        target=event,
        before={"status": before},
        after={"status": event.status},
        reason=reason,
        request=request,
    )
    return event
