"""Building a needs survey over a framework version, changing it while it is a draft, and
opening and closing it for answers.

A survey that has answers keeps its items: what was asked cannot change under the answers."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.competencies.models import Area, Competency, Framework
from muhandis.core import audit

from ..models import RespondentKind, ScaleKind, Survey, SurveyItem, SurveyStatus

# The fixed scales; the framework's own comes from its proficiency levels.
FIXED_SCALES = {ScaleKind.BORICH: (1, 5), ScaleKind.HENNESSY_HICKS: (1, 7)}


def scale_ends(framework: Framework, scale: str) -> tuple[int, int]:
    """The lowest and highest rating of ``scale`` for ``framework``."""
    if scale in FIXED_SCALES:
        return FIXED_SCALES[ScaleKind(scale)]
    values = list(framework.scale.levels.values_list("value", flat=True)) if framework.scale else []
    if len(values) < 2:
        raise ValidationError(
            _("The framework has no proficiency scale of two levels or more: choose a fixed scale.")
        )
    return min(values), max(values)


@transaction.atomic
def create_survey(
    *,
    actor: Any,
    code: str,
    titles: dict[str, str],
    framework: Framework,
    areas: Iterable[Area] = (),
    scale: str = ScaleKind.FRAMEWORK,
    kinds: Iterable[str] = (RespondentKind.SELF, RespondentKind.SUPERVISOR),
    introductions: dict[str, str] | None = None,
    **fields: Any,
) -> Survey:
    """A draft survey asking about every competency of ``areas`` (all of the framework when
    empty), leaves and inner nodes alike, in the framework's order. ``titles`` and
    ``introductions`` map a language code to the text in that language."""
    low, high = scale_ends(framework, scale)
    kinds = [RespondentKind(kind).value for kind in kinds]
    if not kinds:
        raise ValidationError(_("Choose who answers the survey."))
    if not titles.get("uz"):
        raise ValidationError(_("Give the survey a title in Uzbek."))
    if Survey.objects.filter(code=code).exists():
        raise ValidationError(
            {"code": _("Another survey has the code “%(code)s”: choose another.") % {"code": code}}
        )
    _check_dates(fields.get("opens_on"), fields.get("closes_on"))
    texts = {f"title_{lang}": text for lang, text in titles.items()}
    texts |= {f"introduction_{lang}": text for lang, text in (introductions or {}).items()}
    survey = Survey.objects.create(
        code=code,
        framework=framework,
        scale=scale,
        scale_min=low,
        scale_max=high,
        kinds=kinds,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **texts,
        **fields,
    )
    _set_items(survey, framework, list(areas))
    audit.record(
        "needs.survey.created",
        actor=actor,
        target=survey,
        after={"code": code, "framework": framework.pk, "scale": scale, "kinds": kinds},
    )
    return survey


def _check_dates(opens_on: datetime.date | None, closes_on: datetime.date | None) -> None:
    if opens_on and closes_on and closes_on < opens_on:
        raise ValidationError({"closes_on": _("The survey cannot close before it opens.")})


def _set_items(survey: Survey, framework: Framework, areas: list[Area]) -> None:
    """Ask about every competency of ``areas`` (all of the framework when empty), in the
    framework's order, replacing what the survey asked before."""
    if any(area.framework_id != framework.pk for area in areas):
        raise ValidationError(_("Every area must belong to the survey's framework."))
    survey.areas.set(areas)
    survey.items.all().delete()
    competencies = Competency.objects.filter(framework=framework)
    if areas:
        competencies = competencies.filter(area__in=areas)
    competencies = competencies.order_by("area__sort_order", "area__code", "sort_order", "code")
    SurveyItem.objects.bulk_create(
        SurveyItem(survey=survey, competency=competency, sort_order=order)
        for order, competency in enumerate(competencies)
    )


def has_answers(survey: Survey) -> bool:
    return survey.responses.exists()


# What staff may change on a draft, besides the texts, the framework, areas and scale.
EDITABLE = (
    "role_profile",
    "opens_on",
    "closes_on",
    "public_link",
    "suppression_threshold",
)


def _snapshot(survey: Survey) -> dict[str, Any]:
    return {
        "framework": survey.framework_id,
        "scale": survey.scale,
        "kinds": list(survey.kinds),
        "areas": sorted(area.pk for area in survey.areas.all()),
        **{
            name: getattr(survey, name + ("_id" if name == "role_profile" else ""))
            for name in EDITABLE
        },
    }


@transaction.atomic
def update_survey(
    *,
    actor: Any,
    survey: Survey,
    titles: dict[str, str],
    framework: Framework,
    areas: Iterable[Area] = (),
    scale: str = ScaleKind.FRAMEWORK,
    kinds: Iterable[str] = (RespondentKind.SELF, RespondentKind.SUPERVISOR),
    introductions: dict[str, str] | None = None,
    **fields: Any,
) -> Survey:
    """Change a draft survey. Its competencies are rebuilt from ``areas`` unless it already has
    answers (e.g. imported ones), in which case the framework, areas and scale stay as they are
    and a change to them is refused."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError(
            _("Only a draft survey can be changed: this one is %(status)s.")
            % {"status": survey.get_status_display().lower()}
        )
    kinds = [RespondentKind(kind).value for kind in kinds]
    if not kinds:
        raise ValidationError({"kinds": _("Choose who answers the survey.")})
    if not titles.get("uz"):
        raise ValidationError({"title_uz": _("Give the survey a title in Uzbek.")})
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"update_survey() cannot change {sorted(unknown)}")
    _check_dates(fields.get("opens_on"), fields.get("closes_on"))
    before = _snapshot(survey)
    areas = list(areas)
    questions_change = (
        framework.pk != survey.framework_id
        or scale != survey.scale
        or sorted(area.pk for area in areas) != before["areas"]
    )
    if questions_change and has_answers(survey):
        raise ValidationError(
            _("This survey already has answers: its framework, areas and scale cannot change.")
        )
    if questions_change:
        survey.scale_min, survey.scale_max = scale_ends(framework, scale)
        survey.framework, survey.scale = framework, scale
        _set_items(survey, framework, areas)
    for lang, text in titles.items():
        setattr(survey, f"title_{lang}", text)
    for lang, text in (introductions or {}).items():
        setattr(survey, f"introduction_{lang}", text)
    survey.kinds = kinds
    for name, value in fields.items():
        setattr(survey, name, value)
    survey.save()
    after = _snapshot(survey)
    changed = {key for key in after if after[key] != before[key]}
    audit.record(
        "needs.survey.changed",
        actor=actor,
        target=survey,
        before={key: before[key] for key in changed},
        after={key: after[key] for key in changed} | {"texts": True},
    )
    return survey


def accepting_answers(survey: Survey, today: datetime.date | None = None) -> bool:
    """Whether respondents may answer now: open, and within its dates when it has them."""
    today = today or timezone.localdate()
    if survey.status != SurveyStatus.OPEN:
        return False
    if survey.opens_on and today < survey.opens_on:
        return False
    return not (survey.closes_on and today > survey.closes_on)


@transaction.atomic
def open_survey(*, actor: Any, survey: Survey, reason: str = "") -> Survey:
    """Open a draft (or reopen a closed) survey for answers. It must ask about at least one
    competency, and its closing date must not have passed."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status == SurveyStatus.OPEN:
        raise ValidationError(_("This survey is already open for answers."))
    if not survey.items.exists():
        raise ValidationError(_("This survey asks about no competency: choose its areas first."))
    if survey.closes_on and survey.closes_on < timezone.localdate():
        raise ValidationError(
            {
                "closes_on": _("The closing date %(date)s has passed: change it before opening.")
                % {"date": survey.closes_on.isoformat()}
            }
        )
    before = survey.status
    survey.status = SurveyStatus.OPEN
    survey.save(update_fields=["status", "updated_at"])
    audit.record(
        "needs.survey.opened",
        actor=actor,
        target=survey,
        before={"status": before},
        after={"status": survey.status},
        reason=reason,
    )
    return survey


@transaction.atomic
def close_survey(*, actor: Any, survey: Survey, reason: str = "") -> Survey:
    """Close an open survey: nobody can answer any more (answers in progress stay unsent and
    are not analysed); everything answered is kept."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError(_("Only an open survey can be closed."))
    survey.status = SurveyStatus.CLOSED
    survey.save(update_fields=["status", "updated_at"])
    audit.record(
        "needs.survey.closed",
        actor=actor,
        target=survey,
        before={"status": SurveyStatus.OPEN},
        after={"status": survey.status},
        reason=reason,
    )
    return survey
