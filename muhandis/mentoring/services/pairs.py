"""Pairing a mentor with a mentee, ending a pair, and what a pair does: meetings and goals.

A meeting's notes are for the pair only: they are never written to the audit trail nor put
in a notice."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.core import audit
from muhandis.notifications.services import notify

from ..models import Application, ApplicationStatus, Goal, Meeting, Mode, Pair, Side

MAX_GOALS_FROM_APPLICATION = 10


def _pair_url(pair: Pair, person: User) -> str:
    with translation.override(person.preferred_language or "uz"):
        return reverse("mentoring:pair", kwargs={"public_id": pair.public_id})


def _tell_both(pair: Pair, *, kind: str, template: str, context: dict[str, Any]) -> None:
    mentor, mentee = pair.mentor.person, pair.mentee.person
    for person, other in ((mentor, mentee), (mentee, mentor)):
        notify(
            person=person,
            kind=kind,
            template=template,
            context={"pair": pair, "other": other, **context},
            url=_pair_url(pair, person),
        )


def _check_pairing(mentor: Application, mentee: Application) -> None:
    if mentor.side != Side.MENTOR or mentee.side != Side.MENTEE:
        raise ValidationError(_("Choose a mentor's application and a mentee's application."))
    if mentor.programme_id != mentee.programme_id:
        raise ValidationError(_("The mentor and the mentee applied to different programmes."))
    if ApplicationStatus.WITHDRAWN in (mentor.status, mentee.status):
        raise ValidationError(_("A withdrawn application cannot be paired."))
    if mentor.person_id == mentee.person_id:
        raise ValidationError(_("A person cannot be their own mentor."))
    if Pair.objects.filter(mentee=mentee, ended_on__isnull=True).exists():
        raise ValidationError(_("This mentee already has a mentor: end that pair first."))
    taken = Pair.objects.filter(mentor=mentor, ended_on__isnull=True).count()
    if taken >= mentor.max_mentees:
        raise ValidationError(
            _("This mentor already has %(count)s mentees, as many as they offered to take.")
            % {"count": taken}
        )


def _goals_from(mentee: Application) -> list[str]:
    lines = [line.strip(" -•*\t") for line in mentee.goals.splitlines()]
    return [line[:300] for line in lines if line][:MAX_GOALS_FROM_APPLICATION]


def pair(
    *,
    actor: User,
    mentor: Application,
    mentee: Application,
    started_on: datetime.date | None = None,
    request: Any = None,
) -> Pair:
    """Pair ``mentor`` with ``mentee`` (applications to the same programme). The mentor's
    capacity and the mentee's single open pair are checked under a lock; the mentee's goals
    (one a line) become the pair's goals; both are told."""
    today = timezone.localdate()
    started_on = started_on or today
    if started_on > today:
        raise ValidationError(_("A pair cannot start in the future."))
    try:
        with transaction.atomic():
            mentor = (
                Application.objects.select_for_update().select_related("person").get(pk=mentor.pk)
            )
            mentee = (
                Application.objects.select_for_update().select_related("person").get(pk=mentee.pk)
            )
            _check_pairing(mentor, mentee)
            made = Pair.objects.create(
                programme_id=mentor.programme_id,
                mentor=mentor,
                mentee=mentee,
                started_on=started_on,
                paired_by=actor,
            )
            Goal.objects.bulk_create([Goal(pair=made, text=text) for text in _goals_from(mentee)])
            audit.record(
                "mentoring.pair.created",
                actor=actor,
                target=made,
                after={"mentor": mentor.pk, "mentee": mentee.pk, "started_on": started_on},
                request=request,
            )
            _tell_both(
                made, kind="mentoring.paired", template="mentoring/notices/paired", context={}
            )
    except IntegrityError:
        raise ValidationError(_("This mentee already has a mentor: end that pair first.")) from None
    return made


def end_pair(*, actor: User, pair: Pair, reason: str, request: Any = None) -> Pair:
    """Staff end a pair with a reason (the pair, its meetings and goals stay)."""
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the pair ends.")]})
    with transaction.atomic():
        found = (
            Pair.objects.select_for_update()
            .select_related("mentor__person", "mentee__person")
            .get(pk=pair.pk)
        )
        if found.ended_on is not None:
            raise ValidationError(_("This pair has already ended."))
        found.ended_on = timezone.localdate()
        found.end_reason = reason.strip()
        found.ended_by = actor
        found.save(update_fields=["ended_on", "end_reason", "ended_by", "updated_at"])
        audit.record(
            "mentoring.pair.ended",
            actor=actor,
            target=found,
            before={"ended_on": None},
            after={"ended_on": found.ended_on},
            reason=found.end_reason,
            request=request,
        )
        _tell_both(
            found,
            kind="mentoring.ended",
            template="mentoring/notices/ended",
            context={"reason": found.end_reason},
        )
    return found


def _member_of(pair: Pair, person: User) -> None:
    if person.pk not in (pair.mentor.person_id, pair.mentee.person_id):
        raise ValidationError(_("Only the mentor and the mentee of this pair can do this."))


def _open(pair: Pair) -> None:
    if pair.ended_on is not None:
        raise ValidationError(_("This pair has ended: nothing more can be added to it."))


def log_meeting(
    *,
    actor: User,
    pair: Pair,
    held_on: datetime.date,
    minutes: int,
    mode: str,
    notes: str = "",
    request: Any = None,
) -> Meeting:
    """Either member of an open pair logs a meeting held between the pairing and today; the
    other member is told that a meeting was logged (not what the notes say)."""
    _member_of(pair, actor)
    _open(pair)
    errors: dict[str, list[str]] = {}
    if held_on > timezone.localdate():
        errors["held_on"] = [_("A meeting is logged once it has taken place: not a future date.")]
    elif held_on < pair.started_on:
        errors["held_on"] = [
            _("The pair started on %(date)s: give a date from then on.") % {"date": pair.started_on}
        ]
    if not 5 <= minutes <= 600:
        errors["minutes"] = [_("Give the length in minutes, between 5 and 600.")]
    if mode not in (Mode.ONLINE, Mode.IN_PERSON):
        errors["mode"] = [_("Choose whether you met online or in person.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            pair=pair,
            held_on=held_on,
            minutes=minutes,
            mode=mode,
            notes=notes.strip(),
            logged_by=actor,
        )
        audit.record(
            "mentoring.meeting.logged",
            actor=actor,
            target=pair,
            after={"held_on": held_on, "minutes": minutes, "mode": mode},
            request=request,
        )
        other = pair.mentee.person if actor.pk == pair.mentor.person_id else pair.mentor.person
        notify(
            person=other,
            kind="mentoring.meeting",
            template="mentoring/notices/meeting",
            context={"pair": pair, "meeting": meeting, "by": actor},
            url=_pair_url(pair, other),
        )
    return meeting


def add_goal(*, actor: User, pair: Pair, text: str, request: Any = None) -> Goal:
    """Either member of an open pair adds a goal."""
    _member_of(pair, actor)
    _open(pair)
    text = text.strip()
    if not text:
        raise ValidationError({"text": [_("Write the goal.")]})
    if len(text) > 300:
        raise ValidationError({"text": [_("Keep a goal under 300 characters.")]})
    with transaction.atomic():
        goal = Goal.objects.create(pair=pair, text=text)
        audit.record("mentoring.goal.added", actor=actor, target=pair, request=request)
    return goal


def mark_goal(*, actor: User, goal: Goal, met: bool, request: Any = None) -> Goal:
    """The mentee marks a goal met (or not met after all)."""
    pair = goal.pair
    if actor.pk != pair.mentee.person_id:
        raise ValidationError(_("Only the mentee marks a goal met."))
    with transaction.atomic():
        found = Goal.objects.select_for_update().get(pk=goal.pk)
        before = found.met_on
        found.met_on = timezone.localdate() if met else None
        if (before is None) == (found.met_on is None):
            return found
        found.save(update_fields=["met_on", "updated_at"])
        audit.record(
            "mentoring.goal.met",
            actor=actor,
            target=pair,
            before={"met_on": before},
            after={"met_on": found.met_on},
            request=request,
        )
    return found
