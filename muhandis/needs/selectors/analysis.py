"""A survey's analysis, read from the database in a fixed number of queries whatever the number
of respondents: the database adds up the sufficient statistics (``analysis.Sums``) per
competency, and the figures are computed from them.

Only submitted responses count. A rating counts when both its importance and its current level
are given.

``analyse(survey)`` gives the overall figures (three to six queries); ``full_analysis(survey)``
adds the breakdowns by group with their tests, the response rates and the comparison with the
previous wave, for the report pages (at most twenty queries, see docs/performance.md)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Case, Count, F, FloatField, IntegerField, QuerySet, Sum, When

from muhandis.competencies import selectors as competencies
from muhandis.competencies.models import RoleProfile

from ..analysis import Borich, Priority, Quadrant, Sums, borich_from_sums, locus_for_focus
from ..analysis import priorities as rank_priorities
from ..models import Rating, ScaleKind, Survey, SurveyItem

if TYPE_CHECKING:
    from .breakdowns import DimensionBreakdown
    from .rates import ResponseRates
    from .waves import WaveComparison


@dataclass(frozen=True)
class CompetencyResult:
    """One competency of the survey, ranked by MWDS (1 = greatest need).

    ``rdm_rank`` ranks by the ranked discrepancy model (``figures.rdm``) instead.
    ``required_level`` is the chosen role profile's level for the competency and
    ``share_below_profile`` the share of respondents whose current level is under it; both
    None without a profile, when the profile does not name the competency, or when the survey
    is not rated on the framework's own scale (a Borich 1–5 rating is not a proficiency
    level)."""

    item_id: int
    competency_id: int
    code: str
    title: str
    area_code: str
    area_title: str
    figures: Borich
    rank: int
    priority: Priority
    quadrant: Quadrant
    rdm_rank: int = 0
    rdm_priority: Priority | None = None
    required_level: int | None = None
    share_below_profile: float | None = None


@dataclass(frozen=True)
class AreaResult:
    """An area rolled up from its competencies' answers (every pair of the area counts once)."""

    code: str
    title: str
    figures: Borich
    rank: int
    rdm_rank: int = 0


@dataclass(frozen=True)
class SurveyAnalysis:
    """Everything the report pages show. ``breakdowns`` (by dimension key, in the order of
    ``breakdowns.DIMENSIONS``), ``rates`` and ``waves`` are filled by ``full_analysis`` only;
    ``waves`` stays None when the survey has no previous wave."""

    survey: Survey
    respondents: int  # submitted responses
    competencies: list[CompetencyResult]  # ranked
    areas: list[AreaResult]  # ranked
    extra: dict[str, Any] = field(default_factory=dict)
    profile: RoleProfile | None = None
    threshold: int = 5  # the survey's smallest group shown
    breakdowns: "dict[str, DimensionBreakdown]" = field(default_factory=dict)
    rates: "ResponseRates | None" = None
    waves: "WaveComparison | None" = None

    def by_code(self) -> dict[str, CompetencyResult]:
        return {result.code: result for result in self.competencies}

    def ranked_by_rdm(self) -> list[CompetencyResult]:
        return sorted(self.competencies, key=lambda result: result.rdm_rank)


def submitted_ratings(survey: Survey) -> QuerySet[Rating]:
    """The ratings that count: of submitted responses, with both answers given."""
    return Rating.objects.filter(
        response__survey=survey,
        response__submitted_at__isnull=False,
        importance__isnull=False,
        current__isnull=False,
    )


def sums_aggregates() -> dict[str, Any]:
    """The aggregate expressions of ``Sums``, for ``.values(...).annotate(**sums_aggregates())``."""
    gap = F("importance") - F("current")
    return {
        "n": Count("id"),
        "s_importance": Sum("importance"),
        "s_current": Sum("current"),
        "s_gap": Sum(gap),
        "s_gap_squared": Sum(gap * gap),
        "s_positive": Sum(
            Case(When(importance__gt=F("current"), then=1), default=0, output_field=IntegerField())
        ),
        "s_positive_gap": Sum(
            Case(When(importance__gt=F("current"), then=gap), default=0, output_field=FloatField())
        ),
    }


def sums_of(row: Mapping[str, Any]) -> Sums:
    return Sums(
        n=row["n"],
        importance=float(row["s_importance"] or 0),
        current=float(row["s_current"] or 0),
        gap=float(row["s_gap"] or 0),
        gap_squared=float(row["s_gap_squared"] or 0),
        positive=int(row["s_positive"] or 0),
        positive_gap=float(row.get("s_positive_gap") or 0),
    )


def add_sums(parts: list[Sums]) -> Sums:
    total = Sums(n=0, importance=0, current=0, gap=0, gap_squared=0, positive=0)
    for part in parts:
        total = total + part
    return total


def survey_items(survey: Survey) -> list[SurveyItem]:
    """The survey's competencies in the order asked, with their areas (one query)."""
    return list(
        SurveyItem.objects.filter(survey=survey)
        .select_related("competency__area")
        .order_by("sort_order", "id")
    )


def item_sums(survey: Survey) -> dict[int, Sums]:
    """The sums of every item's counted ratings, by item id (one query)."""
    rows = submitted_ratings(survey).values("item_id").annotate(**sums_aggregates())
    return {row["item_id"]: sums_of(row) for row in rows}


def analyse(survey: Survey, *, profile: RoleProfile | None = None) -> SurveyAnalysis:
    """The overall figures of every competency and area, ranked. Three queries, and up to
    three more for the share below a role profile (``profile``, or the survey's own)."""
    respondents = survey.responses.filter(submitted_at__isnull=False).count()
    return build_analysis(
        survey,
        items=survey_items(survey),
        by_item=item_sums(survey),
        respondents=respondents,
        profile=profile,
    )


def build_analysis(
    survey: Survey,
    *,
    items: list[SurveyItem],
    by_item: Mapping[int, Sums],
    respondents: int,
    profile: RoleProfile | None = None,
    histogram: Mapping[int, Mapping[int, int]] | None = None,
) -> SurveyAnalysis:
    """The analysis from sums already read (``analyse`` and ``full_analysis`` share it)."""
    figures = {
        item.competency.code: borich_from_sums(by_item[item.id])
        for item in items
        if item.id in by_item
    }
    profile = profile if profile is not None else survey.role_profile
    below = (
        share_below_profile(survey, items=items, profile=profile, histogram=histogram)
        if figures
        else {}
    )
    return SurveyAnalysis(
        survey=survey,
        respondents=respondents,
        competencies=_competencies(items, figures, below),
        areas=_areas(items, by_item),
        profile=profile,
        threshold=survey.suppression_threshold,
    )


def _order(scores: Mapping[str, float]) -> dict[str, int]:
    ordered = sorted(scores, key=lambda code: (-scores[code], code))
    return {code: index + 1 for index, code in enumerate(ordered)}


def _competencies(
    items: list[SurveyItem],
    figures: Mapping[str, Borich],
    below: Mapping[int, tuple[int, float]],
) -> list[CompetencyResult]:
    ranking = rank_priorities({code: f.mwds for code, f in figures.items()})
    rdm_ranking = rank_priorities({code: f.rdm for code, f in figures.items()})
    quadrants = locus_for_focus(figures)
    rank_of = _order({code: f.mwds for code, f in figures.items()})
    rdm_rank_of = _order({code: f.rdm for code, f in figures.items()})
    item_of = {item.competency.code: item for item in items}
    results = []
    for code in sorted(figures, key=rank_of.__getitem__):
        item = item_of[code]
        level, share = below.get(item.id, (None, None))
        results.append(
            CompetencyResult(
                item_id=item.id,
                competency_id=item.competency_id,
                code=code,
                title=item.competency.title,
                area_code=item.competency.area.code,
                area_title=item.competency.area.title,
                figures=figures[code],
                rank=rank_of[code],
                priority=ranking[code],
                quadrant=quadrants[code],
                rdm_rank=rdm_rank_of[code],
                rdm_priority=rdm_ranking[code],
                required_level=level,
                share_below_profile=share,
            )
        )
    return results


def _areas(items: list[SurveyItem], by_item: Mapping[int, Sums]) -> list[AreaResult]:
    area_parts: dict[str, list[Sums]] = {}
    area_titles: dict[str, str] = {}
    for item in items:
        if item.id in by_item:
            area = item.competency.area
            area_parts.setdefault(area.code, []).append(by_item[item.id])
            area_titles[area.code] = area.title
    area_figures = {code: borich_from_sums(add_sums(parts)) for code, parts in area_parts.items()}
    rank_of = _order({code: f.mwds for code, f in area_figures.items()})
    rdm_rank_of = _order({code: f.rdm for code, f in area_figures.items()})
    return [
        AreaResult(
            code=code,
            title=area_titles[code],
            figures=area_figures[code],
            rank=rank_of[code],
            rdm_rank=rdm_rank_of[code],
        )
        for code in sorted(area_figures, key=rank_of.__getitem__)
    ]


def share_below_profile(
    survey: Survey,
    *,
    items: list[SurveyItem],
    profile: RoleProfile | None,
    histogram: Mapping[int, Mapping[int, int]] | None = None,
) -> dict[int, tuple[int, float]]:
    """Per item id: the profile's required level and the share of the counted ratings whose
    current level is under it. Read from a histogram of current levels per item (one GROUP
    BY query, unless ``histogram`` — item id → current level → ratings — is passed in) and
    the profile's levels (one query). Empty without a profile or when the survey's scale is
    not the framework's own."""
    if profile is None or survey.scale != ScaleKind.FRAMEWORK:
        return {}
    required = {r.competency_id: r.level for r in competencies.profile_requirements(profile)}
    wanted = {
        item.id: required[item.competency_id] for item in items if item.competency_id in required
    }
    if not wanted:
        return {}
    if histogram is None:
        histogram = current_levels(survey)
    result = {}
    for item_id, level in wanted.items():
        levels = histogram.get(item_id, {})
        answered = sum(levels.values())
        if answered:
            under = sum(n for current, n in levels.items() if current < level)
            result[item_id] = (level, under / answered)
    return result


def current_levels(survey: Survey) -> dict[int, dict[int, int]]:
    """The counted ratings per item id and current level (one query). Every item, even those
    a profile does not name: a filter on the items would lead the database through the
    items' index and cost a lookup per rating."""
    rows = submitted_ratings(survey).values_list("item_id", "current").annotate(n=Count("id"))
    histogram: dict[int, dict[int, int]] = {}
    for item_id, current, n in rows.order_by():
        histogram.setdefault(item_id, {})[current] = n
    return histogram


def full_analysis(
    survey: Survey, *, profile: RoleProfile | None = None, previous: Survey | None = None
) -> SurveyAnalysis:
    """The whole report of a survey: ``analyse`` with every breakdown (suppressed where small,
    with the tests between groups), the response rates and representation, and the comparison
    with ``previous`` (by default the survey's previous wave). At most twenty queries whatever
    the number of respondents: the database adds everything up."""
    from . import breakdowns, rates, waves

    items = survey_items(survey)
    read = breakdowns.read_group_sums(survey)
    group_sums = read.sums
    counts = breakdowns.group_counts(survey)
    by_item = breakdowns.overall_from(group_sums)
    respondents = sum(counts.get(breakdowns.KIND, {}).values())
    base = build_analysis(
        survey,
        items=items,
        by_item=by_item,
        respondents=respondents,
        profile=profile,
        histogram=read.histogram,
    )
    labels = breakdowns.region_labels()
    tables = breakdowns.build_breakdowns(
        survey, items=items, sums=group_sums, counts=counts, region_names=labels
    )
    previous = previous if previous is not None else survey.previous_wave
    return SurveyAnalysis(
        survey=survey,
        respondents=respondents,
        competencies=base.competencies,
        areas=base.areas,
        profile=base.profile,
        threshold=survey.suppression_threshold,
        breakdowns=tables,
        rates=rates.response_rates(survey, region_names=labels),
        waves=(
            waves.compare_waves(
                earlier=previous, later=survey, later_items=items, later_sums=by_item
            )
            if previous is not None
            else None
        ),
    )
