"""Sitting an exam: identity check, start, saving each answer on the server, submission.

The server keeps the time: the deadline is set at the start (the blueprint's time plus any
extra time, never past the sitting's close) and every save is checked against it. A save that
is refused — late, for someone else's attempt, for an item not on the form, or malformed —
changes nothing already saved and is logged as an event of the attempt."""

import datetime
import functools
import math
import random
import re
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.core import audit
from muhandis.core.validators import control_characters_message, has_control_characters
from muhandis.exams.attempts.selectors import check_candidate
from muhandis.exams.blueprints.drawing import draw_form
from muhandis.exams.marking.objective import mark
from muhandis.exams.models import Answer, Attempt, AttemptEvent, ItemVersion, Registration
from muhandis.exams.results.services import compute_if_complete

MAX_TEXT = 20_000


class Refused(ValidationError):
    """A save or action refused for a reason recorded as ``code``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code=code)
        self.reason = code


def check_identity(
    *, registration: Registration, actor: User, request: HttpRequest | None = None
) -> Registration:
    """An invigilator of the sitting confirms the candidate's identity before the start."""
    if not registration.sitting.invigilators.filter(pk=actor.pk).exists():
        raise PermissionDenied(_("Only an invigilator of this sitting checks identities."))
    registration.identity_checked_by = actor
    registration.identity_checked_at = timezone.now()
    registration.save(update_fields=["identity_checked_by", "identity_checked_at"])
    audit.record(
        "exams.identity.checked",
        actor=actor,
        target=registration.candidate,
        after={"sitting": registration.sitting_id},
        request=request,
    )
    return registration


def start(
    *,
    registration: Registration,
    actor: User,
    device: str = "",
    now: datetime.datetime | None = None,
) -> Attempt:
    """The candidate starts (or comes back to) their attempt."""
    now = now or timezone.now()
    if actor.pk != registration.candidate_id:
        raise PermissionDenied(_("This is another candidate's registration."))
    existing = Attempt.objects.filter(registration=registration).first()
    if existing is not None:
        return existing
    sitting = registration.sitting
    if sitting.needs_identity_check and registration.identity_checked_at is None:
        raise Refused("identity", _("An invigilator must check your identity first."))
    if not sitting.opens_at <= now < sitting.closes_at:
        raise Refused("closed", _("The exam window is not open."))
    blueprint = sitting.blueprint
    seed = secrets.randbits(63)
    form = draw_form(blueprint, registration.language, seed)
    minutes = blueprint.time_limit_minutes + registration.extra_minutes
    deadline = min(now + datetime.timedelta(minutes=minutes), sitting.closes_at)
    with transaction.atomic():
        attempt, created = Attempt.objects.get_or_create(
            registration=registration,
            defaults={
                "seed": seed,
                "form": form,
                "started_at": now,
                "deadline": deadline,
                "device": (device or "")[:64],
            },
        )
        if created:
            audit.record(
                "exams.attempt.started",
                actor=actor,
                target=attempt,
                after={"items": len(form), "deadline": deadline.isoformat()},
            )
    return attempt


def seconds_left(attempt: Attempt, now: datetime.datetime | None = None) -> int:
    if attempt.status != Attempt.Status.IN_PROGRESS:
        return 0
    return max(0, math.floor((attempt.deadline - (now or timezone.now())).total_seconds()))


def _log(attempt: Attempt, kind: str, **detail: Any) -> None:
    AttemptEvent.objects.create(attempt=attempt, kind=kind, detail=detail)


def _is_index(value: object, options: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < options


def _valid_response(kind: str, content: dict, response: object) -> bool:
    """Whether ``response`` has the shape the item's kind expects (nothing is marked here)."""
    if not isinstance(response, dict):
        return False
    options = len(content.get("options") or [])
    if kind == "single":
        return _is_index(response.get("choice"), options)
    if kind == "multiple":
        choices = response.get("choices")
        return (
            isinstance(choices, list)
            and all(_is_index(choice, options) for choice in choices)
            and len(set(choices)) == len(choices)
        )
    if kind == "true_false":
        return isinstance(response.get("value"), bool)
    if kind == "numeric":
        value = response.get("value")
        if not isinstance(value, int | float) or isinstance(value, bool):
            return False
        return math.isfinite(value)
    if kind == "matching":
        pairs = response.get("pairs")
        return isinstance(pairs, dict) and all(isinstance(v, str) for v in pairs.values())
    if kind in ("short_text", "essay"):
        text = response.get("text")
        return isinstance(text, str) and len(text) <= (500 if kind == "short_text" else MAX_TEXT)
    return False


_SPACES = re.compile(r"[\s\u00a0\u202f]")


def read_number(text: str) -> float | str:
    """A number as a candidate types it: 5.1 or 5,1 (either decimal separator, whatever the
    page's language), with or without spaces between thousands. Text that is not a finite
    number comes back as it is, to be refused with what to enter."""
    cleaned = _SPACES.sub("", text)
    if "," in cleaned and "." in cleaned:  # 1,234.5 or 1.234,5: the last one is the decimal
        grouping = "." if cleaned.rfind(",") > cleaned.rfind(".") else ","
        cleaned = cleaned.replace(grouping, "")
    try:
        value = float(cleaned.replace(",", "."))
    except ValueError:
        return text
    return value if math.isfinite(value) else text


def shown_number(value: object) -> str:
    """A saved numeric answer as the page's language writes it (5,1 in Uzbek and Russian)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "" if value is None else str(value)
    return number_format(value)


def on_another_device(attempt: Attempt, device: str) -> bool:
    """Whether ``device`` (a browser tab's id) is not the one the attempt was started on."""
    return bool(device and attempt.device and device[:64] != attempt.device)


def _note_device(attempt: Attempt, device: str) -> None:
    """Remember the first device when the start did not know it (a browser without scripts);
    log each other device once, for the invigilator."""
    device = (device or "")[:64]
    if not device:
        return
    if not attempt.device:
        if Attempt.objects.filter(pk=attempt.pk, device="").update(device=device):
            attempt.device = device
            return
        attempt.refresh_from_db(fields=["device"])
    if on_another_device(attempt, device):
        seen = attempt.events.filter(kind="second_device", detail__device=device).exists()
        if not seen:
            _log(attempt, "second_device", device=device)


def save_answer(
    *,
    attempt: Attempt,
    actor: User,
    version_id: int,
    response: dict,
    flagged: bool = False,
    device: str = "",
    now: datetime.datetime | None = None,
) -> Answer:
    """Save one answer as soon as it is given. Saving the same answer again (a retry, or two
    requests at once) leaves one answer, the last one saved."""
    now = now or timezone.now()
    try:
        check_candidate(attempt=attempt, actor=actor)
    except PermissionDenied:
        _log(attempt, "refused_other_candidate", actor=actor.pk, version=version_id)
        raise
    _note_device(attempt, device)
    if attempt.status != Attempt.Status.IN_PROGRESS or now > attempt.deadline:
        _log(attempt, "refused_late", version=version_id)
        if attempt.status == Attempt.Status.IN_PROGRESS:
            submit(attempt=attempt, actor=None, automatically=True, now=now)
        raise Refused("late", _("The time is over: this answer was not saved."))
    if version_id not in attempt.form:
        _log(attempt, "refused_not_on_form", version=version_id)
        raise Refused("not_on_form", _("This question is not on your exam."))
    kind, options = _shape(version_id)
    if not _valid_response(kind, {"options": [None] * options}, response):
        _log(attempt, "refused_malformed", version=version_id)
        if kind == "numeric":  # the one a person can mistype: say what is expected
            raise Refused("malformed", _("Enter a number, for example 2.55; it was not saved."))
        raise Refused("malformed", _("This answer cannot be read; it was not saved."))
    text = response.get("text")
    if isinstance(text, str) and has_control_characters(text, multiline=kind == "essay"):
        _log(attempt, "refused_malformed", version=version_id)
        raise Refused("malformed", control_characters_message(multiline=kind == "essay"))
    answer = Answer(
        attempt=attempt, version_id=version_id, response=response, flagged=flagged, saved_at=now
    )
    with transaction.atomic():
        # Held against a hand-in (which locks the attempt to mark it): a save either lands
        # before the marking or is refused, never stored unmarked after it.
        open_now = Attempt.objects.select_for_update(no_key=True).filter(
            pk=attempt.pk, status=Attempt.Status.IN_PROGRESS, deadline__gte=now
        )
        still_open = bool(list(open_now.values_list("pk", flat=True)[:1]))
        if still_open:
            # One statement: inserted, or the earlier answer replaced (the last save wins).
            Answer.objects.bulk_create(
                [answer],
                update_conflicts=True,
                unique_fields=["attempt", "version"],
                update_fields=["response", "flagged", "saved_at"],
            )
    if not still_open:
        _log(attempt, "refused_late", version=version_id)
        raise Refused("late", _("The time is over: this answer was not saved."))
    return answer


@functools.lru_cache(maxsize=50_000)
def _shape(version_id: int) -> tuple[str, int]:
    """What a save is checked against: the item's kind and its number of options. A version
    on a form is active or retired, and such a version never changes, so it is read once per
    process."""
    kind, content = (
        ItemVersion.objects.filter(pk=version_id).values_list("item__kind", "content").get()
    )
    return kind, len((content or {}).get("options") or [])


def submit(
    *,
    attempt: Attempt,
    actor: User | None,
    automatically: bool = False,
    now: datetime.datetime | None = None,
) -> Attempt:
    """Hand in the attempt with what was saved; at the deadline the server does it."""
    now = now or timezone.now()
    if actor is not None:  # None: the server, at the deadline
        check_candidate(attempt=attempt, actor=actor)
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.status == Attempt.Status.SUBMITTED:
            return attempt
        attempt.status = Attempt.Status.SUBMITTED
        attempt.submitted_at = min(now, attempt.deadline) if automatically else now
        attempt.submitted_automatically = automatically
        _mark(attempt)
        attempt.save(
            update_fields=[
                "status",
                "submitted_at",
                "submitted_automatically",
                "objective_score",
                "objective_items",
                "items_to_mark",
            ]
        )
        if automatically:
            _log(attempt, "submitted_automatically")
        # Nothing for a marker to do: the result is there at once (shown once released).
        compute_if_complete(attempt, actor=actor)
        audit.record(
            "exams.attempt.submitted",
            actor=actor,
            target=attempt,
            after={"answers": attempt.answers.count(), "automatically": automatically},
        )
    return attempt


def _mark(attempt: Attempt) -> None:
    """Mark the objective items; essays wait for their markers."""
    language = attempt.registration.language
    versions = ItemVersion.objects.select_related("item").filter(pk__in=attempt.form)
    answers = {a.version_id: a for a in attempt.answers.all()}
    total, objective, to_mark, marked = 0.0, 0, 0, []
    for version in versions:
        answer = answers.get(version.pk)
        share = mark(
            version.item.kind, version.content, answer.response if answer else None, language
        )
        if share is None:
            to_mark += 1
            continue
        objective += 1
        total += share
        if answer is not None:
            answer.score = share
            marked.append(answer)
    Answer.objects.bulk_update(marked, ["score"])
    attempt.objective_score, attempt.objective_items, attempt.items_to_mark = (
        total,
        objective,
        to_mark,
    )


def submit_overdue(now: datetime.datetime | None = None) -> int:
    """Submit every attempt whose deadline has passed (run every minute)."""
    now = now or timezone.now()
    overdue = Attempt.objects.filter(status=Attempt.Status.IN_PROGRESS, deadline__lt=now)
    count = 0
    for attempt in overdue:
        submit(attempt=attempt, actor=None, automatically=True, now=now)
        count += 1
    return count


def _text(texts: object, language: str) -> str:
    return str((texts or {}).get(language) or "") if isinstance(texts, dict) else str(texts or "")


def question_for_candidate(version: ItemVersion, language: str, seed: int) -> dict:
    """What the candidate's browser gets of an item: its text and choices in their language,
    never which answer is right, the tolerance, the marking or the rubric."""
    content = version.content
    question = {
        "id": version.pk,
        "kind": version.item.kind,
        "text": _text(content.get("texts"), language),
    }
    if version.item.kind in ("single", "multiple"):
        question["options"] = [_text(o.get("texts"), language) for o in content.get("options", [])]
    if version.item.kind == "numeric" and content.get("units"):
        question["units"] = str(content["units"])
    if version.item.kind == "matching":
        pairs = content.get("pairs") or []
        rights = [_text(p.get("right"), language) for p in pairs]
        random.Random(seed + version.pk).shuffle(rights)  # noqa: S311 - display order only
        question["left"] = [_text(p.get("left"), language) for p in pairs]
        question["right"] = rights
    return question


def state_for_candidate(
    attempt: Attempt, actor: User, now: datetime.datetime | None = None
) -> dict:
    """The attempt as its candidate resumes it: the questions, what is saved, the time left
    (by the server's clock)."""
    check_candidate(attempt=attempt, actor=actor)
    language = attempt.registration.language
    versions = {
        v.pk: v for v in ItemVersion.objects.select_related("item").filter(pk__in=attempt.form)
    }
    saved = {a.version_id: a for a in attempt.answers.all()}
    return {
        "status": attempt.status,
        "seconds_left": seconds_left(attempt, now),
        "questions": [
            {
                **question_for_candidate(versions[pk], language, attempt.seed),
                "answer": saved[pk].response if pk in saved else None,
                "flagged": saved[pk].flagged if pk in saved else False,
            }
            for pk in attempt.form
            if pk in versions
        ],
    }
