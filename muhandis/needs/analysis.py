"""The statistics of a training-needs assessment, in plain Python (no Django, no database):
the Borich mean weighted discrepancy score with its confidence interval, priorities, the
locus-for-focus quadrants, and small-cell suppression that cannot be undone from the totals.

Borich (1980): for each competency every respondent rates its importance ``I`` (the level the
work requires) and their current level ``C`` on the same scale. The discrepancy of one answer
is ``I − C``; the weighted discrepancy multiplies it by the competency's mean importance ``Ī``;
the mean weighted discrepancy score is ``MWDS = Σ(I − C)·Ī / N``. A competency that matters
more and is mastered less ranks higher.
"""

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

# Two-sided 95 % critical values of Student's t for 1 to 30 degrees of freedom; beyond 30 the
# normal value is within 0.05 of t and is used.
T_95 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
Z_95 = 1.959964


def t_critical(degrees_of_freedom: int) -> float:
    """The two-sided 95 % critical value of t."""
    if degrees_of_freedom < 1:
        raise ValueError("t needs at least one degree of freedom")
    if degrees_of_freedom <= len(T_95):
        return T_95[degrees_of_freedom - 1]
    return Z_95


@dataclass(frozen=True)
class Borich:
    """One competency's figures. ``low`` and ``high`` bound the 95 % confidence interval of
    the MWDS (None with fewer than two answers)."""

    respondents: int
    mean_importance: float
    mean_current: float
    mean_discrepancy: float
    mwds: float
    low: float | None
    high: float | None
    share_below: float

    @property
    def has_interval(self) -> bool:
        return self.low is not None


@dataclass(frozen=True)
class Sums:
    """The sufficient statistics of one competency (or one group's answers to it), as the
    database adds them up: ``n`` pairs, the sums of importance, current level, gap (I − C) and
    squared gap, and how many had a positive gap. Everything else is computed from these."""

    n: int
    importance: float
    current: float
    gap: float
    gap_squared: float
    positive: int

    @classmethod
    def of(cls, pairs: Sequence[tuple[float, float]]) -> "Sums":
        gaps = [float(i) - float(c) for i, c in pairs]
        return cls(
            n=len(pairs),
            importance=sum(float(i) for i, _c in pairs),
            current=sum(float(c) for _i, c in pairs),
            gap=sum(gaps),
            gap_squared=sum(g * g for g in gaps),
            positive=sum(1 for g in gaps if g > 0),
        )

    @property
    def gap_variance(self) -> float | None:
        """The sample variance of the gaps (None with fewer than two)."""
        if self.n < 2:
            return None
        return max(0.0, (self.gap_squared - self.gap * self.gap / self.n) / (self.n - 1))


def borich_from_sums(sums: Sums) -> Borich:
    """The Borich figures from sums; see ``borich``."""
    if sums.n < 1:
        raise ValueError("no answers")
    n = sums.n
    mean_importance = sums.importance / n
    mean_gap = sums.gap / n
    mwds = mean_gap * mean_importance  # = Σ(I − C)·Ī / N
    low = high = None
    variance = sums.gap_variance
    if variance is not None:
        margin = t_critical(n - 1) * math.sqrt(variance / n) * mean_importance
        low, high = mwds - margin, mwds + margin
    return Borich(
        respondents=n,
        mean_importance=mean_importance,
        mean_current=sums.current / n,
        mean_discrepancy=mean_gap,
        mwds=mwds,
        low=low,
        high=high,
        share_below=sums.positive / n,
    )


def borich(pairs: Sequence[tuple[float, float]]) -> Borich:
    """The Borich figures of one competency from its (importance, current level) pairs; pairs
    with an answer missing are left out before this is called.

    The interval is that of the mean discrepancy (Student's t) scaled by ``Ī``, which is taken
    as known: this is how the MWDS is usually reported, and it understates the uncertainty a
    little when ``Ī`` itself is estimated from few answers."""
    if not pairs:
        raise ValueError("no answers")
    return borich_from_sums(Sums.of(pairs))


class Priority(StrEnum):
    TOP = "top"
    MIDDLE = "middle"
    LOW = "low"


def priorities(scores: Mapping[str, float]) -> dict[str, Priority]:
    """Rank competencies by score (highest first; ties by code) and cut the ranking in thirds:
    the top third is the top priority, the last third low. With fewer than three, the first
    is top and the rest middle."""
    ranked = sorted(scores, key=lambda code: (-scores[code], code))
    n = len(ranked)
    result: dict[str, Priority] = {}
    for index, code in enumerate(ranked):
        if n < 3:
            result[code] = Priority.TOP if index == 0 else Priority.MIDDLE
        elif index < math.ceil(n / 3):
            result[code] = Priority.TOP
        elif index < math.ceil(2 * n / 3):
            result[code] = Priority.MIDDLE
        else:
            result[code] = Priority.LOW
    return result


class Quadrant(StrEnum):
    """Locus for focus (Mink, Shultz and Mink): importance against discrepancy, each cut at
    its mean over the competencies. HQ: important and lacking — train first."""

    HQ = "HQ"  # high importance, high discrepancy
    HL = "HL"  # high importance, low discrepancy
    LH = "LH"  # low importance, high discrepancy
    LL = "LL"  # low importance, low discrepancy


def locus_for_focus(figures: Mapping[str, Borich]) -> dict[str, Quadrant]:
    if not figures:
        return {}
    cut_importance = statistics.fmean(f.mean_importance for f in figures.values())
    cut_gap = statistics.fmean(f.mean_discrepancy for f in figures.values())
    result = {}
    for code, f in figures.items():
        high_i = f.mean_importance >= cut_importance
        high_d = f.mean_discrepancy >= cut_gap
        result[code] = {
            (True, True): Quadrant.HQ,
            (True, False): Quadrant.HL,
            (False, True): Quadrant.LH,
            (False, False): Quadrant.LL,
        }[(high_i, high_d)]
    return result


@dataclass(frozen=True)
class Breakdown:
    """A breakdown ready to show: ``cells`` with the hidden ones as None, and the ``total``
    (None when it is itself too small to show)."""

    cells: dict[str, int | None]
    total: int | None


def suppress(counts: Mapping[str, int], *, threshold: int = 5) -> Breakdown:
    """Counts of one breakdown and its total, with each cell under ``threshold`` (but above
    zero) hidden as None. When exactly one cell would be hidden, the total would give it
    away, so the next smallest cell is hidden with it (complementary suppression); when there
    is no other cell to hide, the total is under the threshold and is hidden instead. Zeros
    stay shown (a zero reveals nobody)."""
    if threshold < 1:
        raise ValueError("the threshold is at least 1")
    cells: dict[str, int | None] = dict(counts)
    total = sum(counts.values())
    small = [key for key, count in counts.items() if 0 < count < threshold]
    for key in small:
        cells[key] = None
    if len(small) == 1:
        others = sorted(
            (count, key) for key, count in counts.items() if key not in small and count > 0
        )
        if others:
            cells[others[0][1]] = None
    return Breakdown(cells=cells, total=None if 0 < total < threshold else total)
