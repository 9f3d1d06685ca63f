"""Results: the total, pass or fail, and a sub-score per competency area.

A result is computed once every item of the attempt has its mark (objective items at
submission, essays when their marking is complete). The exam manager releases a sitting's
results: candidates then see their total and feedback per competency area (never per item), and
each result is passed to the candidate's certification application. A mark changed after the
release is recorded with who, when and why, and the application receives the new result.

A training course's pre- or post-test has no committee behind it: its result is released as
soon as it is computed, counts per competency the test's rows name, and a post-test result is
passed to the participant's enrolment (``training.services.record_post_test_result``,
decision 0010)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.competencies.models import Area, Competency, Framework
from muhandis.core import audit
from muhandis.core.mail import send_in_language
from muhandis.exams.attempts.selectors import check_candidate
from muhandis.exams.blueprints.drawing import Row, blueprint_rows, course_nodes
from muhandis.exams.models import (
    Answer,
    Attempt,
    Blueprint,
    ItemKind,
    ItemVersion,
    Result,
    Sitting,
)
from muhandis.exams.sittings.services import my_exams_link
from muhandis.training.models import Enrolment
from muhandis.training.services import record_post_test_result

MANAGERS = frozenset({Role.REGISTRAR})


def _require_manager(actor: User) -> None:
    if not usable_roles(actor) & MANAGERS:
        raise PermissionDenied(_("Only the exam manager releases and changes results."))


def _area_of(version: ItemVersion, blueprint_areas: list[str]) -> str:
    """The blueprint area an item counts towards: the first of its competencies' areas that
    the blueprint names, else its first area."""
    areas = sorted({c.area.code for c in version.item.competencies.all()})
    for code in blueprint_areas:
        if code in areas:
            return code
    return areas[0] if areas else ""


def _row_of(version: ItemVersion, rows: list[Row]) -> str:
    """The row of a course's test an item counts towards: the narrowest row whose competency
    covers one of the item's, else (an item of a fixed form outside every row) its first
    competency."""
    mine = {c.pk for c in version.item.competencies.all()}
    fitting = [r for r in rows if r.within and mine & r.within]
    if fitting:
        return min(fitting, key=lambda r: len(r.within or ())).area_code
    codes = sorted(c.code for c in version.item.competencies.all())
    return codes[0] if codes else ""


def _versions(attempt: Attempt) -> list[ItemVersion]:
    """The form's versions with their items and competency areas, in one query and a prefetch."""
    return list(
        ItemVersion.objects.filter(pk__in=attempt.form)
        .select_related("item")
        .prefetch_related("item__competencies__area")
    )


def scores(
    attempt: Attempt, versions: list[ItemVersion] | None = None
) -> tuple[dict[int, float], list[int]]:
    """Each form item's share of its marks (unanswered items 0), and the items still waiting
    for a marker."""
    versions = _versions(attempt) if versions is None else versions
    kinds = {v.pk: v.item.kind for v in versions}
    answers = {a.version_id: a for a in attempt.answers.all()}
    got: dict[int, float] = {}
    waiting = []
    for pk in attempt.form:
        answer = answers.get(pk)
        if answer is None:
            got[pk] = 0.0
        elif answer.score is not None:
            got[pk] = answer.score
        elif kinds.get(pk) == ItemKind.ESSAY and str(answer.response.get("text", "")).strip():
            waiting.append(pk)
        else:
            got[pk] = 0.0
    return got, waiting


def _store(attempt: Attempt, versions: list[ItemVersion], got: dict[int, float]) -> Result:
    blueprint = attempt.registration.sitting.blueprint
    if blueprint.is_course_test:
        rows = blueprint_rows(blueprint)

        def area_of(version: ItemVersion) -> str:
            return _row_of(version, rows)

    else:
        blueprint_areas = list(blueprint.rows.values_list("area_code", flat=True))

        def area_of(version: ItemVersion) -> str:
            return _area_of(version, blueprint_areas)

    areas: dict[str, dict] = {}
    for version in versions:
        entry = areas.setdefault(area_of(version), {"score": 0.0, "items": 0})
        entry["score"] += got.get(version.pk, 0.0)
        entry["items"] += 1
    total = sum(got.values())
    percent = round(100 * total / len(attempt.form), 2) if attempt.form else 0.0
    result, _created = Result.objects.update_or_create(
        attempt=attempt,
        defaults={
            "percent": percent,
            "pass_mark": float(blueprint.pass_mark),
            "passed": percent >= blueprint.pass_mark,
            "areas": areas,
            "computed_at": timezone.now(),
        },
    )
    if attempt.registration.sitting.is_course_test and result.released_at is None:
        # A course's test has no committee: its result is the participant's at once.
        result.released_at = result.computed_at
        result.save(update_fields=["released_at"])
    return result


def compute(attempt: Attempt) -> Result:
    """Compute (or compute again) the attempt's result; every item must be marked."""
    if attempt.status != Attempt.Status.SUBMITTED:
        raise ValidationError(_("The exam has not been handed in."))
    versions = _versions(attempt)
    got, waiting = scores(attempt, versions)
    if waiting:
        raise ValidationError(
            _("%(count)d answers still wait for a marker.") % {"count": len(waiting)}
        )
    return _store(attempt, versions, got)


def compute_if_complete(attempt: Attempt, *, actor: User | None = None) -> Result | None:
    """Compute the result once nothing waits for a marker; a released result that changes is
    passed on again (the change itself was recorded with its reason by the caller)."""
    versions = _versions(attempt)
    got, waiting = scores(attempt, versions)
    if waiting:
        return None
    previous = Result.objects.filter(attempt=attempt).first()
    result = _store(attempt, versions, got)
    if attempt.registration.sitting.is_course_test:
        if previous is None or (previous.percent, previous.passed) != (
            result.percent,
            result.passed,
        ):
            _pass_on(result, actor, reason="" if previous is None else _("Marks changed"))
    elif previous is not None and previous.released_at and actor is not None:
        _pass_on(result, actor, reason=_("Marks changed after release"))
    return result


@dataclass(frozen=True)
class AreaFeedback:
    code: str
    title: str
    percent: float
    band: str


BANDS = (
    (80, gettext_lazy("Strong")),
    (60, gettext_lazy("Adequate")),
    (0, gettext_lazy("Needs development")),
)


def feedback(result: Result, framework: Framework | None = None) -> list[AreaFeedback]:
    """Feedback per competency area, in the reader's language: the share of the area's marks
    and a plain band — never which items were right."""
    blueprint = result.attempt.registration.sitting.blueprint
    titles = _area_titles(blueprint, list(result.areas), framework)
    lines = []
    for code, entry in sorted(result.areas.items()):
        percent = round(100 * entry["score"] / entry["items"], 1) if entry["items"] else 0.0
        band = next(str(label) for floor, label in BANDS if percent >= floor)
        lines.append(AreaFeedback(code, titles.get(code, code), percent, band))
    return lines


def _area_titles(
    blueprint: Blueprint, codes: list[str], framework: Framework | None = None
) -> dict[str, str]:
    """The titles of the areas a result counts, in the reader's language: the scheme
    framework's areas, or the competencies a course's test names."""
    if blueprint.course_id is not None:
        nodes = course_nodes(blueprint.course_id)
        titles = {code: n.competency.title for code, n in nodes.items() if code in codes}
        missing = [c for c in codes if c not in titles]  # an item outside every row
        if missing:
            found = Competency.objects.filter(code__in=missing).values_list("code", "title")
            titles.update({code: title for code, title in found if code not in titles})
        return titles
    if framework is None and blueprint.scheme is not None:
        framework = blueprint.scheme.framework
    return {a.code: a.title for a in Area.objects.filter(framework=framework, code__in=codes)}


def shown(result: Result | None) -> Result | None:
    """A result is shown to its candidate only once released: the one place this is decided."""
    return result if result is not None and result.released_at is not None else None


def released_for(candidate: User, attempt: Attempt) -> Result | None:
    """The candidate's released result, or None (they see nothing before the release)."""
    check_candidate(attempt=attempt, actor=candidate)
    return shown(Result.objects.filter(attempt=attempt).first())


def _pass_on(result: Result, actor: User | None, *, reason: str = "") -> None:
    """Give the result to the candidate's certification application, or a post-test result
    to the participant's enrolment in the course session."""
    registration = result.attempt.registration
    if registration.sitting.purpose == Sitting.Purpose.POST_TEST:
        enrolment = (
            Enrolment.objects.filter(
                session_id=registration.sitting.course_session_id,
                person_id=registration.candidate_id,
            )
            .exclude(status=Enrolment.Status.CANCELLED)
            .first()
        )
        if enrolment is not None:
            record_post_test_result(
                enrolment=enrolment,
                passed=result.passed,
                percent=result.percent,
                actor=actor,
                reason=reason,
            )
        return
    application = registration.application
    if application is None or actor is None:
        return
    from muhandis.certification.services.decisions import record_released_exam_result

    record_released_exam_result(
        application=application,
        score=result.percent,
        passed=result.passed,
        actor=actor,
        source={"exam_attempt": str(result.attempt.public_id)},
        reason=reason,
    )


def release(
    *, sitting: Sitting, actor: User, request: HttpRequest | None = None
) -> tuple[int, int]:
    """Release every complete result of the sitting; returns (released, still marking)."""
    _require_manager(actor)
    attempts = Attempt.objects.filter(
        registration__sitting=sitting, status=Attempt.Status.SUBMITTED
    ).select_related("registration__candidate", "registration__application__scheme")
    results = {r.attempt_id: r for r in Result.objects.filter(attempt__in=attempts)}
    released, pending = 0, 0
    now = timezone.now()
    with transaction.atomic():
        for attempt in attempts:
            result = results.get(attempt.pk)
            if result is None:
                result = compute_if_complete(attempt)
            if result is None:
                pending += 1
                continue
            if result.released_at is not None:
                continue
            result.released_at, result.released_by = now, actor
            result.save(update_fields=["released_at", "released_by"])
            audit.record(
                "exams.result.released",
                actor=actor,
                target=attempt,
                after={"percent": result.percent, "passed": result.passed},
                request=request,
            )
            _pass_on(result, actor)
            candidate = attempt.registration.candidate

            def tell(c: User = candidate) -> None:
                send_in_language(
                    c.email,
                    "exams/email/result_released",
                    c.preferred_language,
                    {"person": c, "sitting": sitting, "link": my_exams_link(c)},
                )

            transaction.on_commit(tell)
            released += 1
    return released, pending


def blank_answer(*, attempt: Attempt, version: str | int | None) -> Answer | None:
    """An item the candidate left blank gets an answer row so its mark can change; None for
    an item not on the form or an attempt not handed in."""
    if version is None:
        return None
    try:
        version_id = int(version)
    except ValueError:
        return None
    submitted_at = attempt.submitted_at
    handed_in = attempt.status == Attempt.Status.SUBMITTED
    if version_id not in attempt.form or not handed_in or submitted_at is None:
        return None
    answer, _created = Answer.objects.get_or_create(
        attempt=attempt,
        version_id=version_id,
        defaults={"response": {}, "saved_at": submitted_at, "score": 0.0},
    )
    return answer


def change_score(
    *, answer: Answer, actor: User, percent: int, reason: str, request: HttpRequest | None = None
) -> Result:
    """The exam manager changes one answer's mark (after a re-mark, an appeal or a faulty
    item). The change is recorded with who, when and why; a released result is passed on
    again."""
    _require_manager(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the mark changes: it goes on the record.")})
    if not isinstance(percent, int) or not 0 <= percent <= 100:
        raise ValidationError({"percent": _("Enter a mark from 0 to 100.")})
    with transaction.atomic():
        answer = Answer.objects.select_for_update().select_related("attempt").get(pk=answer.pk)
        attempt = answer.attempt
        before = answer.score
        answer.score = percent / 100
        answer.save(update_fields=["score"])
        previous = Result.objects.filter(attempt=attempt).first()
        released = previous is not None and previous.released_at is not None
        audit.record(
            "exams.mark.changed_after_release" if released else "exams.mark.changed",
            actor=actor,
            target=attempt,
            before={"version": answer.version_id, "score": before},
            after={"version": answer.version_id, "score": answer.score},
            reason=reason.strip(),
            request=request,
        )
        result = compute(attempt)
        if released and previous is not None:
            audit.record(
                "exams.result.changed_after_release",
                actor=actor,
                target=attempt,
                before={"percent": previous.percent, "passed": previous.passed},
                after={"percent": result.percent, "passed": result.passed},
                reason=reason.strip(),
                request=request,
            )
            _pass_on(result, actor, reason=reason.strip())
    return result
