"""A survey's analysis, read from the database in a fixed number of queries whatever the number
of respondents: the database adds up the sufficient statistics (``analysis.Sums``) per
competency, and the figures are computed from them.

Only submitted responses count. A rating counts when both its importance and its current level
are given."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Count, F, IntegerField, QuerySet, Sum, When

from ..analysis import Borich, Priority, Quadrant, Sums, borich_from_sums, locus_for_focus
from ..analysis import priorities as rank_priorities
from ..models import Rating, Survey, SurveyItem


@dataclass(frozen=True)
class CompetencyResult:
    """One competency of the survey, ranked by MWDS (1 = greatest need)."""

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


@dataclass(frozen=True)
class AreaResult:
    """An area rolled up from its competencies' answers (every pair of the area counts once)."""

    code: str
    title: str
    figures: Borich
    rank: int


@dataclass(frozen=True)
class SurveyAnalysis:
    survey: Survey
    respondents: int  # submitted responses
    competencies: list[CompetencyResult]  # ranked
    areas: list[AreaResult]  # ranked
    extra: dict[str, Any] = field(default_factory=dict)

    def by_code(self) -> dict[str, CompetencyResult]:
        return {result.code: result for result in self.competencies}


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
    }


def sums_of(row: dict[str, Any]) -> Sums:
    return Sums(
        n=row["n"],
        importance=float(row["s_importance"] or 0),
        current=float(row["s_current"] or 0),
        gap=float(row["s_gap"] or 0),
        gap_squared=float(row["s_gap_squared"] or 0),
        positive=int(row["s_positive"] or 0),
    )


def add_sums(parts: list[Sums]) -> Sums:
    return Sums(
        n=sum(p.n for p in parts),
        importance=sum(p.importance for p in parts),
        current=sum(p.current for p in parts),
        gap=sum(p.gap for p in parts),
        gap_squared=sum(p.gap_squared for p in parts),
        positive=sum(p.positive for p in parts),
    )


def analyse(survey: Survey) -> SurveyAnalysis:
    """The overall figures of every competency and area, ranked. Three queries."""
    items = list(
        SurveyItem.objects.filter(survey=survey)
        .select_related("competency__area")
        .order_by("sort_order", "id")
    )
    rows = submitted_ratings(survey).values("item_id").annotate(**sums_aggregates())
    by_item = {row["item_id"]: sums_of(row) for row in rows}
    respondents = survey.responses.filter(submitted_at__isnull=False).count()

    figures = {
        item.competency.code: borich_from_sums(by_item[item.id])
        for item in items
        if item.id in by_item
    }
    ranking = rank_priorities({code: f.mwds for code, f in figures.items()})
    quadrants = locus_for_focus(figures)
    ordered = sorted(figures, key=lambda code: (-figures[code].mwds, code))
    rank_of = {code: index + 1 for index, code in enumerate(ordered)}
    item_of = {item.competency.code: item for item in items}
    competencies = [
        CompetencyResult(
            item_id=item_of[code].id,
            competency_id=item_of[code].competency_id,
            code=code,
            title=item_of[code].competency.title,
            area_code=item_of[code].competency.area.code,
            area_title=item_of[code].competency.area.title,
            figures=figures[code],
            rank=rank_of[code],
            priority=ranking[code],
            quadrant=quadrants[code],
        )
        for code in ordered
    ]

    area_parts: dict[str, list[Sums]] = {}
    area_titles: dict[str, str] = {}
    for item in items:
        if item.id in by_item:
            area = item.competency.area
            area_parts.setdefault(area.code, []).append(by_item[item.id])
            area_titles[area.code] = area.title
    area_figures = {code: borich_from_sums(add_sums(parts)) for code, parts in area_parts.items()}
    area_order = sorted(area_figures, key=lambda code: (-area_figures[code].mwds, code))
    areas = [
        AreaResult(code=code, title=area_titles[code], figures=area_figures[code], rank=index + 1)
        for index, code in enumerate(area_order)
    ]
    return SurveyAnalysis(
        survey=survey, respondents=respondents, competencies=competencies, areas=areas
    )
