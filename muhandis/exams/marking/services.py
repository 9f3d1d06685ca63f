"""Marking essays and case studies by hand: blind, against the rubric, optionally twice.

A marker never sees whose script it is: scripts are shown under a pseudonym. With double
marking (the blueprint's choice) two markers mark each script independently — neither sees
the other's mark — and when their marks differ by more than the blueprint's threshold a third
marker, who sees both, reconciles. The final share of the item's marks is the third mark when
there is one, else the mean of the two (or the single mark). Every mark is audited; a change
after the result is released needs a reason (``results.change_score``)."""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import colleague_ids, usable_roles
from muhandis.core import audit
from muhandis.exams.models import Answer, Attempt, Blueprint, EssayMark, ItemKind, Sitting

MARKERS = frozenset({Role.EXAMINER})


def localised(value: object, language: str) -> str:
    """A text kept per language (or as one string), in ``language`` or else the first one
    written."""
    if isinstance(value, dict):
        return str(value.get(language) or next((v for v in value.values() if v), ""))
    return str(value or "")


def can_mark(person: User) -> bool:
    return bool(usable_roles(person) & MARKERS)


def pseudonym(answer: Answer) -> str:
    """A stable label for a script that does not reveal the candidate."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"script:{answer.pk}".encode(), hashlib.sha256
    ).hexdigest()
    return digest[:8].upper()


def rounds_needed(marks: list[int], *, double: bool, threshold: int) -> int:
    """How many marks a script needs, given the marks it has (in round order)."""
    if not double:
        return 1
    if len(marks) >= 2 and abs(marks[0] - marks[1]) > threshold:
        return 3
    return 2


def final_percent(marks: list[int], *, double: bool, threshold: int) -> float | None:
    """The script's mark once complete (None while marks are missing)."""
    needed = rounds_needed(marks, double=double, threshold=threshold)
    if len(marks) < needed:
        return None
    if needed == 3:
        return float(marks[2])
    return sum(marks[:needed]) / needed


@dataclass(frozen=True)
class Script:
    answer: Answer
    label: str
    round: int
    earlier: list[EssayMark]  # shown only to a reconciling third marker


def _essays() -> QuerySet[Answer]:
    return Answer.objects.filter(
        version__item__kind=ItemKind.ESSAY, attempt__status=Attempt.Status.SUBMITTED
    ).exclude(response__text="")


def _blueprint_of(answer: Answer) -> Blueprint:
    return answer.attempt.registration.sitting.blueprint


def _conflict(marker: User, answer: Answer) -> str | None:
    registration = answer.attempt.registration
    if registration.candidate_id == marker.pk:
        return _("Nobody marks their own exam.")
    if registration.application_id and registration.application is not None:
        from muhandis.certification.services.decisions import impartiality_problem

        return impartiality_problem(marker, registration.application)
    return None


def _conflicts(marker: User, answers: list[Answer]) -> dict[int, bool]:
    """``_conflict`` for every candidate of ``answers`` at once (one query): their own exam,
    or a certification candidate who works with the marker."""
    colleagues = colleague_ids(marker) if answers else frozenset()
    found: dict[int, bool] = {}
    for answer in answers:
        registration = answer.attempt.registration
        candidate = registration.candidate_id
        found.setdefault(
            candidate,
            candidate == marker.pk
            or (registration.application_id is not None and candidate in colleagues),
        )
    return found


def _script(
    marker: User, answer: Answer, earlier: list[EssayMark], conflicts: dict
) -> Script | None:
    """The script as ``marker`` may mark it now (``earlier``: its marks in round order), or
    None. ``conflicts`` remembers each candidate's impartiality check within one call."""
    if any(mark.marker_id == marker.pk for mark in earlier):
        return None
    blueprint = _blueprint_of(answer)
    given = [m.percent for m in earlier]
    needed = rounds_needed(
        given, double=blueprint.double_marking, threshold=blueprint.marking_threshold
    )
    if len(given) >= needed:
        return None
    candidate = answer.attempt.registration.candidate_id
    if candidate not in conflicts:
        conflicts[candidate] = _conflict(marker, answer)
    if conflicts[candidate]:
        return None
    round_ = len(given) + 1
    return Script(
        answer=answer,
        label=pseudonym(answer),
        round=round_,
        earlier=earlier if round_ == 3 else [],
    )


def _require_marker(marker: User) -> None:
    if not can_mark(marker):
        raise PermissionDenied(_("Only examiners mark essays."))


def queue(marker: User, *, sitting: Sitting | None = None) -> list[Script]:
    """Scripts waiting for a mark this marker may give, oldest submission first."""
    _require_marker(marker)
    answers = (
        _essays()
        .exclude(marks__marker=marker)
        .exclude(attempt__registration__candidate=marker)
        .select_related("attempt__registration__sitting__blueprint", "version__item")
        .annotate(given=Count("marks"))
        .filter(given__lt=3)  # a script needs at most three marks
        .order_by("attempt__submitted_at", "pk")
    )
    if sitting is not None:
        answers = answers.filter(attempt__registration__sitting=sitting)
    found_answers: list[Answer] = list(answers)
    marks_by_answer: dict[int, list[EssayMark]] = {}
    for mark in EssayMark.objects.filter(answer__in=found_answers).order_by("round"):
        marks_by_answer.setdefault(mark.answer_id, []).append(mark)
    conflicts = _conflicts(marker, found_answers)
    found = (_script(marker, a, marks_by_answer.get(a.pk, []), conflicts) for a in found_answers)
    return [script for script in found if script is not None]


def script_for(marker: User, answer: Answer) -> Script:
    """One script as this marker may see it now, or PermissionDenied."""
    _require_marker(marker)
    refused = PermissionDenied(_("This script is not waiting for a mark from you."))
    if not _essays().filter(pk=answer.pk).exists():
        raise refused
    script = _script(marker, answer, list(answer.marks.order_by("round")), {})
    if script is None:
        raise refused
    return script


def give_mark(
    *,
    answer: Answer,
    marker: User,
    percent: int,
    comment: str = "",
    request: HttpRequest | None = None,
) -> EssayMark:
    """Record one marker's mark; when the script is complete its final mark is stored on the
    answer and, when the whole attempt is marked, the result is computed."""
    if not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ValidationError({"percent": _("Enter a mark from 0 to 100.")})
    with transaction.atomic():
        answer = (
            Answer.objects.select_for_update().select_related("version__item").get(pk=answer.pk)
        )
        script = script_for(marker, answer)
        blueprint = _blueprint_of(answer)
        if script.round == 3 and not comment.strip():
            raise ValidationError(
                {"comment": _("Say how you reconciled the two marks: it goes on the record.")}
            )
        try:
            with transaction.atomic():
                mark = EssayMark.objects.create(
                    answer=answer,
                    round=script.round,
                    marker=marker,
                    percent=percent,
                    comment=comment.strip(),
                )
        except IntegrityError as exc:
            raise ValidationError(
                _("Another marker has just marked this script; open the queue again.")
            ) from exc
        audit.record(
            "exams.essay.marked",
            actor=marker,
            target=answer.attempt,
            after={"script": script.label, "round": script.round, "percent": percent},
            request=request,
        )
        marks = list(answer.marks.order_by("round").values_list("percent", flat=True))
        final = final_percent(
            marks, double=blueprint.double_marking, threshold=blueprint.marking_threshold
        )
        if final is not None:
            answer.score = final / 100
            answer.save(update_fields=["score"])
            from muhandis.exams.results.services import compute_if_complete

            compute_if_complete(answer.attempt, actor=marker)
    return mark


def waiting(attempt: Attempt) -> int:
    """How many of the attempt's essays still wait for a complete mark."""
    return _essays().filter(attempt=attempt, score__isnull=True).count()
