"""What the survey report shows, gathered once for the page and the downloads: the analysis,
the headline figures, and the charts' marks. Figures come from the analysis selectors; this
module only arranges them for reading."""

import statistics
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .. import charts
from ..analysis import suppress
from ..models import RespondentKind, Survey
from ..selectors import analysis as selectors
from ..selectors.analysis import CompetencyResult, SurveyAnalysis


def priority_labels() -> dict[str, str]:
    return {"top": _("Top"), "middle": _("Middle"), "low": _("Low")}


@dataclass(frozen=True)
class Headline:
    respondents: int
    by_kind: list[tuple[str, int | None]]  # (label, count or None when suppressed)
    invited: int
    answered_invitations: int | None  # None when suppressed
    response_rate: float | None

    @property
    def rate_percent(self) -> str:
        rate = self.response_rate
        return "" if rate is None else number_format(rate * 100, 0)


@dataclass(frozen=True)
class RankedRow:
    """One line of the ranked table: the competency's result with the figures that only some
    analyses give (None when not available)."""

    result: CompetencyResult
    quadrant_name: str
    rdm: float | None = None
    rdm_rank: int | None = None
    share_below: float | None = None
    required_level: int | None = None

    @property
    def share_below_percent(self) -> str:
        return "" if self.share_below is None else number_format(self.share_below * 100, 0)


@dataclass
class Report:
    survey: Survey
    analysis: SurveyAnalysis
    headline: Headline
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def top(self) -> Any:
        return self.analysis.competencies[0] if self.analysis.competencies else None

    @property
    def has_intervals(self) -> bool:
        return any(c.figures.has_interval for c in self.analysis.competencies)


def headline(survey: Survey, rates: Any = None) -> Headline:
    """Respondents by kind (a kind with fewer respondents than the threshold suppressed, as in
    the breakdowns) and the personal links' response rate (the analysis's, suppressed where
    small, when it gives one): one or two queries."""
    counts = dict(
        survey.responses.filter(submitted_at__isnull=False)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
        .order_by()
    )
    labels = dict(RespondentKind.choices)
    kinds = {k: counts.get(k, 0) for k in RespondentKind.values if counts.get(k)}
    shown = suppress(kinds, threshold=survey.suppression_threshold).cells
    by_kind = [(str(labels[k]), shown[k]) for k in kinds]
    if rates is not None:
        invited, answered, rate = rates.invited, rates.answered, rates.rate
    else:
        links = survey.invitations.aggregate(
            invited=Count("id"), answered=Count("id", filter=Q(answered_at__isnull=False))
        )
        cells = suppress({"answered": links["answered"]}, threshold=survey.suppression_threshold)
        invited, answered = links["invited"], cells.total
        rate = answered / invited if invited and answered is not None else None
    return Headline(
        respondents=sum(counts.values()),
        by_kind=by_kind,
        invited=invited,
        answered_invitations=answered,
        response_rate=rate,
    )


def build_report(survey: Survey) -> Report:
    """The report with everything the analysis gives: the breakdowns, rates and the comparison
    with the previous wave where the full analysis is available."""
    full = getattr(selectors, "full_analysis", None)
    analysis = full(survey) if full is not None else selectors.analyse(survey)
    rates = getattr(analysis, "rates", None)
    return Report(survey=survey, analysis=analysis, headline=headline(survey, rates))


def profile_title(report: Report) -> str:
    profile = getattr(report.analysis, "profile", None)
    return profile.title if profile is not None else ""


def ranked_rows(report: Report) -> list[RankedRow]:
    names = charts.quadrant_names()
    with_rdm = any(getattr(c, "rdm_rank", 0) for c in report.analysis.competencies)
    return [
        RankedRow(
            result=c,
            quadrant_name=f"{c.quadrant} — {names[str(c.quadrant)]}",
            rdm=c.figures.rdm if with_rdm else None,
            rdm_rank=getattr(c, "rdm_rank", None) if with_rdm else None,
            share_below=getattr(c, "share_below_profile", None),
            required_level=getattr(c, "required_level", None),
        )
        for c in report.analysis.competencies
    ]


def mwds_chart(report: Report, *, ids: str = "mwds-chart") -> str:
    labels = priority_labels()
    bars = [
        charts.Bar(
            label=f"{c.code} {c.title}",
            value=c.figures.mwds,
            low=c.figures.low,
            high=c.figures.high,
            priority=str(c.priority),
            priority_label=labels[str(c.priority)],
        )
        for c in report.analysis.competencies
    ]
    return charts.mwds_bars_svg(
        bars, title=_("Competencies ranked by training need (MWDS, 95% interval)"), ids=ids
    )


def quadrant_cuts(report: Report) -> tuple[float, float]:
    figures = [c.figures for c in report.analysis.competencies]
    if not figures:
        return 0.0, 0.0
    return (
        statistics.fmean(f.mean_importance for f in figures),
        statistics.fmean(f.mean_discrepancy for f in figures),
    )


def quadrant_chart(report: Report, *, ids: str = "focus-chart") -> str:
    cut_x, cut_y = quadrant_cuts(report)
    points = [
        charts.Point(
            mark=c.code,
            name=f"{c.code} {c.title}",
            x=c.figures.mean_importance,
            y=c.figures.mean_discrepancy,
            quadrant=str(c.quadrant),
        )
        for c in report.analysis.competencies
    ]
    return charts.quadrant_svg(
        points,
        cut_x=cut_x,
        cut_y=cut_y,
        title=_("Locus for focus: importance against discrepancy"),
        ids=ids,
    )
