"""Training plans drawn from a survey's priorities: what to train, through which course (or a
course still to be written), where, when and for how many people. Only the staff who run
surveys (``permissions.MANAGERS``) change a plan; every change is audited."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muhandis.accounts.models import Region
from muhandis.accounts.selectors import roles_of
from muhandis.competencies.models import Competency
from muhandis.core import audit
from muhandis.training.models import Course

from ..models import PlanLine, Survey, TrainingPlan
from ..permissions import MANAGERS
from ..selectors import plans as selectors

NOTE_LENGTH = 300
TARGET_MAX = 100_000


def require_manager(actor: Any) -> None:
    """Refuse anyone who does not run needs surveys."""
    if not roles_of(actor) & set(MANAGERS):
        raise PermissionDenied(_("Only the training manager or an administrator may do this."))


def _line_values(line: PlanLine) -> dict[str, Any]:
    return {
        "competency": line.competency.code,
        "course": line.course.code if line.course else None,
        "region": line.region.code if line.region else None,
        "quarter": line.quarter,
        "target": line.target,
        "note": line.note,
    }


def _checked_line(
    *,
    plan: TrainingPlan,
    competency: Competency | None,
    course: Course | None,
    quarter: Any,
    target: Any,
    note: str,
) -> dict[str, Any]:
    """The line's values, or a ValidationError naming each field that is wrong."""
    errors: dict[str, str] = {}
    survey = plan.survey
    if competency is None:
        errors["competency"] = _("Choose the competency this line trains.")
    elif not survey.items.filter(competency=competency).exists():
        errors["competency"] = _(
            "%(competency)s was not asked about in the survey %(survey)s: choose one of its "
            "competencies."
        ) % {"competency": competency.code, "survey": survey.code}
    try:
        quarter = int(quarter)
    except (TypeError, ValueError):
        quarter = 0
    if quarter not in (1, 2, 3, 4):
        errors["quarter"] = _("The quarter must be 1, 2, 3 or 4.")
    try:
        target = int(target)
    except (TypeError, ValueError):
        target = 0
    if target < 1:
        errors["target"] = _("Give the number of people to train: at least 1.")
    elif target > TARGET_MAX:
        errors["target"] = _("The number of people to train is at most %(max)s.") % {
            "max": TARGET_MAX
        }
    note = (note or "").strip()
    if len(note) > NOTE_LENGTH:
        errors["note"] = _("The note is at most %(max)s characters long; it has %(n)s.") % {
            "max": NOTE_LENGTH,
            "n": len(note),
        }
    if (
        course is not None
        and competency is not None
        and "competency" not in errors
        and not selectors.course_develops(course, competency)
    ):
        errors["course"] = _(
            "The course %(course)s does not develop %(competency)s (nor a competency above "
            "or below it): choose a course that does, or leave the course empty to say a "
            "course is needed."
        ) % {"course": course.code, "competency": competency.code}
    if errors:
        raise ValidationError(errors)
    return {
        "competency": competency,
        "course": course,
        "quarter": quarter,
        "target": target,
        "note": note,
    }


@transaction.atomic
def create_plan(
    *,
    actor: Any,
    survey: Survey,
    titles: dict[str, str],
    year: int,
    include_middle: bool = False,
) -> TrainingPlan:
    """A plan for ``year`` pre-filled from the survey's priorities: one line per top-priority
    competency (and middle ones when asked) with the first course that develops it, or none
    (a course is needed); in every region; the quarters taken in turn; as many people as the
    survey found in need of it. ``titles`` maps a language code to the title."""
    require_manager(actor)
    titles = {lang: (text or "").strip() for lang, text in titles.items()}
    errors = {}
    if not titles.get("uz"):
        errors["title_uz"] = _("Give the plan a title in Uzbek.")
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    if not 2000 <= year <= 2100:
        errors["year"] = _("Give the plan's year, for example 2027.")
    if errors:
        raise ValidationError(errors)
    plan = TrainingPlan.objects.create(
        survey=survey,
        year=year,
        created_by=actor,
        **{f"title_{lang}": text for lang, text in titles.items()},
    )
    proposals = selectors.priorities(survey, include_middle=include_middle).proposals
    lines = [
        PlanLine(
            plan=plan,
            competency_id=proposal.result.competency_id,
            course_id=proposal.courses[0].pk if proposal.courses else None,
            quarter=index % 4 + 1,
            target=max(1, proposal.need.total or 1),
        )
        for index, proposal in enumerate(proposals)
    ]
    PlanLine.objects.bulk_create(lines)
    audit.record(
        "needs.plan.created",
        actor=actor,
        target=plan,
        after={
            "survey": survey.code,
            "year": year,
            "titles": titles,
            "lines": [
                {"competency": p.result.code, "course": p.courses[0].code if p.courses else None}
                for p in proposals
            ],
        },
    )
    return plan


@transaction.atomic
def change_plan(*, actor: Any, plan: TrainingPlan, titles: dict[str, str], year: int) -> None:
    """Rename a plan or move it to another year."""
    require_manager(actor)
    titles = {lang: (text or "").strip() for lang, text in titles.items()}
    errors = {}
    if not titles.get("uz"):
        errors["title_uz"] = _("Give the plan a title in Uzbek.")
    try:
        year = int(year)
    except (TypeError, ValueError):
        year = 0
    if not 2000 <= year <= 2100:
        errors["year"] = _("Give the plan's year, for example 2027.")
    if errors:
        raise ValidationError(errors)
    fields = [f"title_{lang}" for lang in titles]
    before = {"year": plan.year} | {f: getattr(plan, f) for f in fields}
    for lang, text in titles.items():
        setattr(plan, f"title_{lang}", text)
    plan.year = year
    plan.save(update_fields=[*fields, "year", "updated_at"])
    after = {"year": plan.year} | {f: getattr(plan, f) for f in fields}
    audit.record("needs.plan.changed", actor=actor, target=plan, before=before, after=after)


@transaction.atomic
def add_line(
    *,
    actor: Any,
    plan: TrainingPlan,
    competency: Competency | None,
    course: Course | None,
    region: Region | None,
    quarter: Any,
    target: Any,
    note: str = "",
) -> PlanLine:
    require_manager(actor)
    values = _checked_line(
        plan=plan, competency=competency, course=course, quarter=quarter, target=target, note=note
    )
    line = PlanLine.objects.create(plan=plan, region=region, **values)
    audit.record(
        "needs.plan.line_added",
        actor=actor,
        target=plan,
        after=_line_values(line),
    )
    return line


@transaction.atomic
def change_line(
    *,
    actor: Any,
    line: PlanLine,
    competency: Competency | None,
    course: Course | None,
    region: Region | None,
    quarter: Any,
    target: Any,
    note: str = "",
) -> PlanLine:
    require_manager(actor)
    values = _checked_line(
        plan=line.plan,
        competency=competency,
        course=course,
        quarter=quarter,
        target=target,
        note=note,
    )
    before = _line_values(line)
    for name, value in values.items():
        setattr(line, name, value)
    line.region = region
    line.save()
    audit.record(
        "needs.plan.line_changed",
        actor=actor,
        target=line.plan,
        before=before,
        after=_line_values(line),
    )
    return line


@transaction.atomic
def remove_line(*, actor: Any, line: PlanLine, reason: str = "") -> None:
    """Take a line out of its plan; the audit trail keeps what it said."""
    require_manager(actor)
    plan = line.plan
    before = _line_values(line)
    audit.record(
        "needs.plan.line_removed", actor=actor, target=plan, before=before, reason=reason[:500]
    )
    line.delete()
