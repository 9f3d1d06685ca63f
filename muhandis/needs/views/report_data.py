"""What the survey report shows, gathered once for the page and the downloads: the analysis,
the headline figures, and the charts' marks. Figures come from the analysis selectors; this
module only arranges them for reading."""

import statistics
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from muhandis.competencies.models import RoleProfile

from .. import charts
from ..models import ScaleKind, Survey
from ..selectors.analysis import CompetencyResult, SurveyAnalysis, full_analysis
from ..selectors.breakdowns import KIND


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

    @property
    def too_few(self) -> bool:
        """Fewer respondents than the smallest group shown: no figure is shown at all."""
        return self.analysis.respondents < self.survey.suppression_threshold

    @property
    def competencies(self) -> list[CompetencyResult]:
        """The ranked competencies whose figures may be shown: answered by at least as many
        as the smallest group shown (none when the whole survey has fewer respondents)."""
        if self.too_few:
            return []
        threshold = self.survey.suppression_threshold
        return [c for c in self.analysis.competencies if c.figures.respondents >= threshold]

    @property
    def hidden_competencies(self) -> int:
        return 0 if self.too_few else len(self.analysis.competencies) - len(self.competencies)

    @property
    def areas(self) -> list[Any]:
        if self.too_few:
            return []
        threshold = self.survey.suppression_threshold
        return [a for a in self.analysis.areas if a.figures.respondents >= threshold]

    @property
    def top(self) -> Any:
        return self.competencies[0] if self.competencies else None


def headline(analysis: SurveyAnalysis) -> Headline:
    """Respondents by kind (suppressed as in the breakdown by kind) and the personal links'
    response rate (suppressed where small), from the analysis: no query of its own."""
    kinds = analysis.breakdowns.get(KIND)
    by_kind = [
        (group.label, group.respondents)
        for group in (kinds.groups if kinds else [])
        if group.respondents != 0
    ]
    rates = analysis.rates
    return Headline(
        respondents=analysis.respondents,
        by_kind=by_kind,
        invited=rates.invited if rates else 0,
        answered_invitations=rates.answered if rates else None,
        response_rate=rates.rate if rates else None,
    )


def build_report(survey: Survey, *, profile: RoleProfile | None = None) -> Report:
    """The report with everything the analysis gives: the ranking, the breakdowns, the rates
    and the comparison with the previous wave; the share below the level ``profile`` requires
    (by default the survey's own profile)."""
    analysis = full_analysis(survey, profile=profile)
    return Report(survey=survey, analysis=analysis, headline=headline(analysis))


def profile_choices(survey: Survey) -> list[RoleProfile]:
    """The role profiles of the survey's framework, to measure the share below their level
    (one query). None for a survey not rated on the framework's own scale."""
    if survey.scale != ScaleKind.FRAMEWORK:
        return []
    return list(RoleProfile.objects.filter(framework_id=survey.framework_id).order_by("code"))


def chosen_profile(survey: Survey, code: str, choices: list[RoleProfile]) -> RoleProfile | None:
    return next((profile for profile in choices if profile.code == code), None)


def profile_title(report: Report) -> str:
    profile = report.analysis.profile
    return profile.title if profile is not None else ""


def ranked_rows(report: Report) -> list[RankedRow]:
    names = charts.quadrant_names()
    return [
        RankedRow(
            result=c,
            quadrant_name=f"{c.quadrant} — {names[str(c.quadrant)]}",
            rdm=c.figures.rdm,
            rdm_rank=c.rdm_rank,
            share_below=c.share_below_profile,
            required_level=c.required_level,
        )
        for c in report.competencies
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
        for c in report.competencies
    ]
    return charts.mwds_bars_svg(
        bars,
        title=_("Competencies ranked by training need (MWDS, %(level)s%% interval)")
        % {"level": 95},
        ids=ids,
    )


def quadrant_cuts(report: Report) -> tuple[float, float]:
    figures = [c.figures for c in report.competencies]
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
        for c in report.competencies
    ]
    return charts.quadrant_svg(
        points,
        cut_x=cut_x,
        cut_y=cut_y,
        title=_("Locus for focus: importance against discrepancy"),
        ids=ids,
    )
