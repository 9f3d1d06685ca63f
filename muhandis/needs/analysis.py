"""The statistics of a training-needs assessment, in plain Python (no Django, no database):
the Borich mean weighted discrepancy score with its confidence interval, the ranked discrepancy
model, priorities, the locus-for-focus quadrants, small-cell suppression that cannot be undone
from the totals, and the tests of differences between groups (Welch's t, Welch's ANOVA) with
their effect sizes and the Holm correction, computed from sufficient statistics.

Borich (1980): for each competency every respondent rates its importance ``I`` (the level the
work requires) and their current level ``C`` on the same scale. The discrepancy of one answer
is ``I − C``; the weighted discrepancy multiplies it by the competency's mean importance ``Ī``;
the mean weighted discrepancy score is ``MWDS = Σ(I − C)·Ī / N``. A competency that matters
more and is mastered less ranks higher.
"""

import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
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
    # Ranked discrepancy model (Narine and Harder 2021), see ``rdm_from_sums``.
    rdm: float = 0.0
    mean_positive_discrepancy: float | None = None

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
    positive_gap: float = 0.0  # the sum of the positive gaps only

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
            positive_gap=sum(g for g in gaps if g > 0),
        )

    def __add__(self, other: "Sums") -> "Sums":
        return Sums(
            n=self.n + other.n,
            importance=self.importance + other.importance,
            current=self.current + other.current,
            gap=self.gap + other.gap,
            gap_squared=self.gap_squared + other.gap_squared,
            positive=self.positive + other.positive,
            positive_gap=self.positive_gap + other.positive_gap,
        )

    @property
    def gaps(self) -> "Moments":
        """The gaps' count, sum and sum of squares, for the tests between groups."""
        return Moments(n=self.n, total=self.gap, squares=self.gap_squared)

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
        rdm=rdm_from_sums(sums),
        mean_positive_discrepancy=sums.positive_gap / sums.positive if sums.positive else None,
    )


def rdm_from_sums(sums: Sums) -> float:
    """The ranked discrepancy model score (Narine and Harder 2021) of one competency:

        RDM = (mean discrepancy of the respondents whose discrepancy I − C is positive)
              × (share of respondents whose discrepancy is positive)
            = (Σ₍I−C>0₎ (I − C) / P) × (P / N) = Σ₍I−C>0₎ (I − C) / N

    with ``P`` the number of respondents with a positive discrepancy and ``N`` all who rated
    the competency. Unlike the MWDS it ignores those who already exceed the level the work
    needs (their negative gaps do not cancel others' needs) and does not weight by importance;
    competencies are ranked by it as an alternative to the Borich ranking. Zero when nobody
    falls short."""
    if sums.n < 1:
        raise ValueError("no answers")
    return sums.positive_gap / sums.n


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


def suppress(
    counts: Mapping[str, int], *, threshold: int = 5, hide: Iterable[str] = ()
) -> Breakdown:
    """Counts of one breakdown and its total, with each cell under ``threshold`` (but above
    zero) hidden as None, and the cells named in ``hide`` too, even at zero (a group already
    hidden in another table of the same breakdown stays hidden in this one). When exactly one
    cell would be hidden, the total would give it away, so the next smallest cell is hidden
    with it (complementary suppression); when there is no other cell to hide, the total is under the
    threshold and is hidden instead — or, when the total is large, it is hidden too. Other
    zeros stay shown (a zero reveals nobody)."""
    if threshold < 1:
        raise ValueError("the threshold is at least 1")
    cells: dict[str, int | None] = dict(counts)
    total = sum(counts.values())
    forced = set(hide)
    small = [key for key, count in counts.items() if key in forced or 0 < count < threshold]
    for key in small:
        cells[key] = None
    hidden_total = 0 < total < threshold
    if len(small) == 1:
        others = sorted(
            (count, key) for key, count in counts.items() if key not in small and count > 0
        )
        if others:
            cells[others[0][1]] = None
        else:
            hidden_total = True
    return Breakdown(cells=cells, total=None if hidden_total else total)


def hidden_keys(breakdown: Breakdown) -> frozenset[str]:
    return frozenset(key for key, value in breakdown.cells.items() if value is None)


# ---------------------------------------------------------------------------------------------
# Distributions: the regularised incomplete beta function gives the tails of t and F.


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function, evaluated by the modified Lentz
    method (Numerical Recipes, 2nd ed., §6.4, ``betacf``)."""
    tiny, epsilon = 1e-300, 1e-15
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 1000):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            step = d * c
            h *= step
        if abs(step - 1.0) < epsilon:
            return h
    raise ArithmeticError("the incomplete beta function did not converge")


def regularized_beta(a: float, b: float, x: float) -> float:
    """I_x(a, b), the regularised incomplete beta function, for a, b > 0 and 0 ≤ x ≤ 1."""
    if a <= 0 or b <= 0:
        raise ValueError("a and b must be positive")
    if not 0.0 <= x <= 1.0:
        raise ValueError("x must lie between 0 and 1")
    if x in (0.0, 1.0):
        return x
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    # The fraction converges fast on this side of the mean; use the symmetry on the other.
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1.0 - x) / b


def t_two_sided_p(t: float, degrees_of_freedom: float) -> float:
    """P(|T| ≥ |t|) for Student's t with (possibly fractional) degrees of freedom."""
    if degrees_of_freedom <= 0:
        raise ValueError("t needs positive degrees of freedom")
    if math.isinf(t):
        return 0.0
    return regularized_beta(
        degrees_of_freedom / 2.0, 0.5, degrees_of_freedom / (degrees_of_freedom + t * t)
    )


def f_upper_p(f: float, df1: float, df2: float) -> float:
    """P(F ≥ f) for Fisher's F with ``df1`` and ``df2`` degrees of freedom."""
    if df1 <= 0 or df2 <= 0:
        raise ValueError("F needs positive degrees of freedom")
    if f <= 0:
        return 1.0
    if math.isinf(f):
        return 0.0
    return regularized_beta(df2 / 2.0, df1 / 2.0, df2 / (df2 + df1 * f))


# ---------------------------------------------------------------------------------------------
# Differences between groups, from each group's n, Σx and Σx² (the database adds them up).

SIGNIFICANCE = 0.05
SMALL_G = 0.2  # Cohen's small effect for a difference of two means
SMALL_ETA_SQUARED = 0.01  # Cohen's small effect for the share of variance between groups


@dataclass(frozen=True)
class Moments:
    """A sample's size, sum and sum of squares."""

    n: int
    total: float
    squares: float

    @classmethod
    def of(cls, values: Sequence[float]) -> "Moments":
        return cls(
            n=len(values),
            total=float(sum(values)),
            squares=float(sum(float(v) * float(v) for v in values)),
        )

    @property
    def mean(self) -> float:
        return self.total / self.n

    @property
    def variance(self) -> float:
        """The sample variance (n − 1 in the denominator); needs n ≥ 2."""
        return max(0.0, (self.squares - self.total * self.total / self.n) / (self.n - 1))


class GroupTestKind(StrEnum):
    WELCH_T = "welch_t"  # two groups
    WELCH_ANOVA = "welch_anova"  # three or more groups, unequal variances
    ANOVA = "anova"  # three or more, when a group's answers are all equal (Welch cannot weigh it)


@dataclass(frozen=True)
class GroupTest:
    """A test of a difference in the mean between groups.

    For two groups (``WELCH_T``): ``statistic`` is Welch's t of the first minus the second,
    ``df1`` the Welch–Satterthwaite degrees of freedom, ``df2`` None, and ``effect`` Hedges' g
    (the difference over the pooled standard deviation, corrected for small samples; signed
    like t). For three or more: ``statistic`` is F on (``df1``, ``df2``) degrees of freedom
    and ``effect`` eta² (the share of the variance lying between groups), with omega² beside
    it (eta² less its expected bias; may fall below zero)."""

    kind: GroupTestKind
    statistic: float
    df1: float
    df2: float | None
    p: float
    effect: float
    omega_squared: float | None = None
    groups: int = 2

    @property
    def effect_is_small_or_more(self) -> bool:
        if self.kind == GroupTestKind.WELCH_T:
            return abs(self.effect) >= SMALL_G
        return self.effect >= SMALL_ETA_SQUARED

    def meaningful(self, p_adjusted: float) -> bool:
        """Whether to flag the difference: significant after correction for the number of
        tests, and at least a small effect (a tiny difference in a large survey is not news)."""
        return p_adjusted < SIGNIFICANCE and self.effect_is_small_or_more


def hedges_g(first: Moments, second: Moments) -> float | None:
    """(mean₁ − mean₂) / pooled sd × J, with J = 1 − 3 / (4(n₁ + n₂) − 9); None when the
    pooled standard deviation is zero or a group has fewer than two values."""
    if first.n < 2 or second.n < 2:
        return None
    freedom = first.n + second.n - 2
    pooled = ((first.n - 1) * first.variance + (second.n - 1) * second.variance) / freedom
    if pooled <= 0:
        return None
    correction = 1.0 - 3.0 / (4.0 * (first.n + second.n) - 9.0)
    return (first.mean - second.mean) / math.sqrt(pooled) * correction


def welch_t(first: Moments, second: Moments) -> GroupTest | None:
    """Welch's t-test of two means. None when a group has fewer than two values or both are
    without variance (there is nothing to test)."""
    if first.n < 2 or second.n < 2:
        return None
    a, b = first.variance / first.n, second.variance / second.n
    if a + b <= 0:
        return None
    t = (first.mean - second.mean) / math.sqrt(a + b)
    freedom = (a + b) ** 2 / (a * a / (first.n - 1) + b * b / (second.n - 1))
    return GroupTest(
        kind=GroupTestKind.WELCH_T,
        statistic=t,
        df1=freedom,
        df2=None,
        p=t_two_sided_p(t, freedom),
        effect=hedges_g(first, second) or 0.0,
    )


def _effect_sizes(groups: Sequence[Moments]) -> tuple[float, float, float]:
    """eta², omega² and the within-groups mean square of a one-way layout."""
    n = sum(g.n for g in groups)
    grand = sum(g.total for g in groups) / n
    between = sum(g.n * (g.mean - grand) ** 2 for g in groups)
    within = sum((g.n - 1) * g.variance for g in groups)
    total = between + within
    mean_within = within / (n - len(groups))
    if total <= 0:
        return 0.0, 0.0, mean_within
    eta = between / total
    omega = (between - (len(groups) - 1) * mean_within) / (total + mean_within)
    return eta, omega, mean_within


def welch_anova(groups: Sequence[Moments]) -> GroupTest | None:
    """Welch's one-way ANOVA of three or more means (unequal variances), with eta² and omega².
    A group without variance cannot be weighed (its weight n/s² is infinite): then the classic
    one-way ANOVA is used. None when fewer than three groups have two values or more, or when
    nothing varies at all."""
    groups = [g for g in groups if g.n >= 2]
    k = len(groups)
    if k < 3:
        return None
    eta, omega, mean_within = _effect_sizes(groups)
    if any(g.variance <= 0 for g in groups):
        return _classic_anova(groups, eta, omega, mean_within)
    weights = [g.n / g.variance for g in groups]
    weight = sum(weights)
    centre = sum(w * g.mean for w, g in zip(weights, groups, strict=True)) / weight
    spread = sum(w * (g.mean - centre) ** 2 for w, g in zip(weights, groups, strict=True))
    lam = sum((1 - w / weight) ** 2 / (g.n - 1) for w, g in zip(weights, groups, strict=True))
    f = (spread / (k - 1)) / (1 + 2 * (k - 2) * lam / (k * k - 1))
    df2 = (k * k - 1) / (3 * lam)
    return GroupTest(
        kind=GroupTestKind.WELCH_ANOVA,
        statistic=f,
        df1=k - 1,
        df2=df2,
        p=f_upper_p(f, k - 1, df2),
        effect=eta,
        omega_squared=omega,
        groups=k,
    )


def _classic_anova(
    groups: Sequence[Moments], eta: float, omega: float, mean_within: float
) -> GroupTest | None:
    k, n = len(groups), sum(g.n for g in groups)
    if mean_within <= 0:
        return None
    grand = sum(g.total for g in groups) / n
    between = sum(g.n * (g.mean - grand) ** 2 for g in groups) / (k - 1)
    f = between / mean_within
    return GroupTest(
        kind=GroupTestKind.ANOVA,
        statistic=f,
        df1=k - 1,
        df2=n - k,
        p=f_upper_p(f, k - 1, n - k),
        effect=eta,
        omega_squared=omega,
        groups=k,
    )


def compare_groups(groups: Sequence[Moments]) -> GroupTest | None:
    """Welch's t for two groups, Welch's ANOVA for three or more (groups with fewer than two
    values are left out first)."""
    usable = [g for g in groups if g.n >= 2]
    if len(usable) == 2:
        return welch_t(usable[0], usable[1])
    return welch_anova(usable)


def holm(p_values: Mapping[str, float]) -> dict[str, float]:
    """Holm's step-down adjusted p-values (controls the family-wise error over the tests)."""
    ordered = sorted(p_values, key=lambda key: (p_values[key], key))
    m = len(ordered)
    adjusted: dict[str, float] = {}
    running = 0.0
    for index, key in enumerate(ordered):
        running = max(running, min(1.0, (m - index) * p_values[key]))
        adjusted[key] = running
    return adjusted
