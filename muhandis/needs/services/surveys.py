"""Building a needs survey over a framework version."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from muhandis.competencies.models import Area, Competency, Framework
from muhandis.core import audit

from ..models import RespondentKind, ScaleKind, Survey, SurveyItem

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
    areas = list(areas)
    if areas:
        if any(area.framework_id != framework.pk for area in areas):
            raise ValidationError(_("Every area must belong to the survey's framework."))
        survey.areas.set(areas)
    competencies = Competency.objects.filter(framework=framework)
    if areas:
        competencies = competencies.filter(area__in=areas)
    competencies = competencies.order_by("area__sort_order", "area__code", "sort_order", "code")
    SurveyItem.objects.bulk_create(
        SurveyItem(survey=survey, competency=competency, sort_order=order)
        for order, competency in enumerate(competencies)
    )
    audit.record(
        "needs.survey.created",
        actor=actor,
        target=survey,
        after={"code": code, "framework": framework.pk, "scale": scale, "kinds": kinds},
    )
    return survey
