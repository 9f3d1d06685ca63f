"""A consultation's life: staff create and edit it, open it (the people who may take part are
told), it closes on its date (``close_due_consultations``, run daily), staff summarise each
clause and publish the association's response (the participants are told). Every change is
audited."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.core import audit
from muhandis.notifications.services import notify

from ..models import Clause, Comment, Consultation, Status
from ..selectors.participation import eligible_people

# The fields of a consultation that staff edit (texts in each language).
FIELDS = (
    "title_uz",
    "title_ru",
    "title_en",
    "summary_uz",
    "summary_ru",
    "summary_en",
    "kind",
    "addressee_uz",
    "addressee_ru",
    "addressee_en",
    "language",
    "opens_on",
    "closes_on",
    "audience",
)
RESPONSE_FIELDS = ("response_uz", "response_ru", "response_en")
SUMMARY_FIELDS = ("summary_uz", "summary_ru", "summary_en")


def _check(values: dict[str, Any], *, today: datetime.date, opening: bool) -> None:
    errors: dict[str, list[str]] = {}
    if not any((values.get(f"title_{lang}") or "").strip() for lang in ("uz", "ru", "en")):
        errors["title_uz"] = [_("Give the consultation a title.")]
    opens, closes = values.get("opens_on"), values.get("closes_on")
    if opens and closes and closes < opens:
        errors["closes_on"] = [_("The consultation cannot close before it opens.")]
    elif opening and closes and closes < today:
        errors["closes_on"] = [_("This date has passed: choose a closing date from today on.")]
    if errors:
        raise ValidationError(errors)


def _snapshot(consultation: Consultation) -> dict[str, Any]:
    return {name: getattr(consultation, name) for name in FIELDS}


def create_consultation(
    *, actor: User, values: dict[str, Any], request: HttpRequest | None = None
) -> Consultation:
    """A new consultation, as a draft."""
    _check(values, today=timezone.localdate(), opening=False)
    consultation = Consultation(created_by=actor, status=Status.DRAFT)
    for name in FIELDS:
        setattr(consultation, name, values.get(name) if values.get(name) is not None else "")
    with transaction.atomic():
        consultation.save()
        audit.record(
            "consultations.consultation.created",
            actor=actor,
            target=consultation,
            after=_snapshot(consultation),
            request=request,
        )
    return consultation


def update_consultation(
    *,
    actor: User,
    consultation: Consultation,
    values: dict[str, Any],
    request: HttpRequest | None = None,
) -> Consultation:
    """Change a consultation's details; once the response is published they stay as sent."""
    if consultation.status == Status.RESPONDED:
        raise ValidationError(_("The response is published: the consultation stays as it was."))
    _check(values, today=timezone.localdate(), opening=consultation.status == Status.OPEN)
    before = _snapshot(consultation)
    for name in FIELDS:
        if name in values:
            setattr(consultation, name, values[name] if values[name] is not None else "")
    with transaction.atomic():
        consultation.save()
        audit.record(
            "consultations.consultation.updated",
            actor=actor,
            target=consultation,
            before=before,
            after=_snapshot(consultation),
            request=request,
        )
    return consultation


def _link(name: str, consultation: Consultation, language: str) -> str:
    with translation.override(language):
        return reverse(name, args=[consultation.public_id])


def open_consultation(
    *,
    actor: User,
    consultation: Consultation,
    today: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> int:
    """Publish a draft for comments and tell everyone who may take part; how many were told."""
    today = today or timezone.localdate()
    if consultation.status != Status.DRAFT:
        raise ValidationError(_("Only a draft can be opened: this consultation is already open."))
    if not consultation.clauses.exists():
        raise ValidationError(_("Add the draft's clauses before you open the consultation."))
    if consultation.closes_on < today:
        raise ValidationError(
            _("Its closing date has passed: set a closing date from today on, then open it.")
        )
    with transaction.atomic():
        consultation.status = Status.OPEN
        consultation.save(update_fields=["status", "updated_at"])
        audit.record(
            "consultations.consultation.opened",
            actor=actor,
            target=consultation,
            before={"status": Status.DRAFT},
            after={"status": Status.OPEN, "closes_on": consultation.closes_on},
            request=request,
        )
        told = 0
        for person in eligible_people(consultation).iterator(chunk_size=500):
            language = person.preferred_language or "uz"
            notify(
                person=person,
                kind="consultations.opened",
                template="consultations/notices/opened",
                context={"consultation": consultation},
                url=_link("consultations:detail", consultation, language),
            )
            told += 1
    return told


def close_due_consultations(*, today: datetime.date | None = None) -> int:
    """Close every open consultation whose closing date has passed (run daily); how many."""
    today = today or timezone.localdate()
    closed = 0
    for consultation in Consultation.objects.filter(status=Status.OPEN, closes_on__lt=today):
        with transaction.atomic():
            updated = Consultation.objects.filter(pk=consultation.pk, status=Status.OPEN).update(
                status=Status.CLOSED, updated_at=timezone.now()
            )
            if updated:
                audit.record(
                    "consultations.consultation.closed",
                    target=consultation,
                    before={"status": Status.OPEN},
                    after={"status": Status.CLOSED, "closes_on": consultation.closes_on},
                    reason="closing date passed",
                )
                closed += 1
    return closed


def _check_after_opening(consultation: Consultation) -> None:
    if consultation.status == Status.DRAFT:
        raise ValidationError(_("Open the consultation first: there are no comments yet."))


def write_clause_summary(
    *,
    actor: User,
    clause: Clause,
    values: dict[str, Any],
    request: HttpRequest | None = None,
) -> Clause:
    """The staff's summary of the comments on one clause, in each language."""
    _check_after_opening(clause.consultation)
    before = {name: getattr(clause, name) for name in SUMMARY_FIELDS}
    for name in SUMMARY_FIELDS:
        setattr(clause, name, (values.get(name) or "").strip())
    with transaction.atomic():
        clause.save(update_fields=list(SUMMARY_FIELDS))
        audit.record(
            "consultations.clause.summarised",
            actor=actor,
            target=clause.consultation,
            before={"clause": clause.number, **before},
            after={"clause": clause.number, **{n: getattr(clause, n) for n in SUMMARY_FIELDS}},
            request=request,
        )
    return clause


def save_response(
    *,
    actor: User,
    consultation: Consultation,
    values: dict[str, Any],
    request: HttpRequest | None = None,
) -> Consultation:
    """Write (or, once published, correct) the association's response."""
    _check_after_opening(consultation)
    before = {name: getattr(consultation, name) for name in RESPONSE_FIELDS}
    for name in RESPONSE_FIELDS:
        setattr(consultation, name, (values.get(name) or "").strip())
    with transaction.atomic():
        consultation.save(update_fields=[*RESPONSE_FIELDS, "updated_at"])
        audit.record(
            "consultations.response.saved",
            actor=actor,
            target=consultation,
            before=before,
            after={name: getattr(consultation, name) for name in RESPONSE_FIELDS},
            request=request,
        )
    return consultation


def participants(consultation: Consultation) -> list[User]:
    """Everyone who commented on the consultation, once each."""
    ids = Comment.objects.filter(clause__consultation=consultation).values("author_id")
    return list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))


def publish_response(
    *,
    actor: User,
    consultation: Consultation,
    today: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> int:
    """Publish the response (status ``responded``) and tell the participants; how many."""
    today = today or timezone.localdate()
    if consultation.status == Status.RESPONDED:
        raise ValidationError(_("The response is already published."))
    if consultation.status == Status.DRAFT or consultation.accepts_comments(today):
        raise ValidationError(
            _("The consultation is still open for comments: publish the response once it closes.")
        )
    if consultation.phase(today) == "upcoming":
        raise ValidationError(_("The consultation has not opened yet."))
    if not any((getattr(consultation, name) or "").strip() for name in RESPONSE_FIELDS):
        raise ValidationError(_("Write the association's response before you publish it."))
    before = consultation.status
    with transaction.atomic():
        consultation.status = Status.RESPONDED
        consultation.responded_at = timezone.now()
        consultation.save(update_fields=["status", "responded_at", "updated_at"])
        audit.record(
            "consultations.response.published",
            actor=actor,
            target=consultation,
            before={"status": before},
            after={"status": Status.RESPONDED},
            request=request,
        )
        people = participants(consultation)
        for person in people:
            notify(
                person=person,
                kind="consultations.responded",
                template="consultations/notices/responded",
                context={"consultation": consultation},
                url=_link("consultations:detail", consultation, person.preferred_language or "uz"),
            )
    return len(people)
