"""Classical item analysis of one test from its response matrix (pure Python, no database).

Conventions, so that anyone holding the exported matrix can recompute every figure:

- **Missing answers score 0.** A cell given as ``None`` is an omitted answer: it counts as 0
  points in every statistic, and as the option ``OMITTED`` in the distractor table.
- **Population variances (divide by n), everywhere.** The SD of total scores, the item
  variances in alpha and the ``p(1 - p)`` terms of KR-20 all divide by n, so KR-20 equals alpha
  exactly for 0/1 data. Alpha itself does not depend on the choice (it is a ratio of variances);
  only the reported SD and the SEM do, by a factor sqrt((n - 1) / n).
- **Reliability** is Cronbach's alpha; KR-20 is also reported when every item is dichotomous
  (maximum 1 and every score 0 or 1). ``sem = sd * sqrt(1 - alpha)``.
- **Discrimination** is the corrected item-total correlation: Pearson's r between the item
  score and the total of the *other* items, so it also works for partial credit.
- **Upper and lower groups** each hold 0.27 × n candidates, halves rounded up (at least 1; none when
  n < 2). Candidates are ranked by total score, highest first; equal totals keep the row order
  of the matrix. The upper group is the head of that ranking and the lower group its tail, so the
  groups never overlap and the same matrix always gives the same groups. The upper–lower index
  is (mean item score in the upper group − in the lower group) / item maximum: for 0/1 items,
  p(upper) − p(lower).
- **Degenerate input never raises**: a statistic that cannot be computed (no variance, fewer
  than two candidates, fewer than two items) is ``None``. Malformed input (ragged rows, a score
  outside 0..maximum) raises ``ValueError``.

Alpha if an item is deleted uses var(T − x) = var(T) − 2 cov(T, x) + var(x), so the whole
analysis is a few passes over the n × k cells.
"""

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

LOW_DISCRIMINATION = 0.20  # corrected item-total r below this: "low_discrimination"
TOO_EASY = 0.90  # difficulty (proportion of the maximum) above this: "too_easy"
TOO_HARD = 0.20  # difficulty below this: "too_hard"
GROUP_FRACTION = 0.27  # Kelley's upper and lower groups
OMITTED = "(omitted)"  # the distractor-table entry for candidates who chose no option
_EPSILON = 1e-12  # variances below this are treated as zero (floating-point noise)


@dataclass(frozen=True)
class ResponseMatrix:
    """Candidates × items. ``scores[c][i]`` is candidate c's score on item i, ``None`` if
    omitted. ``max_scores`` defaults to 1 for every item. For choice items, ``choices[c][i]`` is
    the option chosen (``None`` if omitted), ``keys[i]`` the correct option (``None`` for items
    that are not choice items) and, optionally, ``options[i]`` every option offered, so that an
    option nobody chose still appears with a count of 0."""

    items: Sequence[str]
    scores: Sequence[Sequence[float | None]]
    max_scores: Sequence[float] | None = None
    choices: Sequence[Sequence[str | None]] | None = None
    keys: Sequence[str | None] | None = None
    options: Sequence[Sequence[str]] | None = None


@dataclass(frozen=True)
class ItemStats:
    """One item. ``distractors`` maps each option (the key included, omissions under
    ``OMITTED``) to its ``count`` and ``proportion`` among all candidates and its counts in the
    ``upper`` and ``lower`` groups; it is empty for items without a key."""

    item: str
    n: int
    omitted: int
    max_score: float
    difficulty: float | None
    point_biserial_corrected: float | None
    upper_lower_index: float | None
    alpha_if_deleted: float | None
    distractors: dict[str, dict[str, float]] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TestStats:
    """The whole test. ``distribution`` is (total score, number of candidates), ascending; when
    every total is a whole number it lists every score from 0 to the maximum, zeros included,
    ready to be drawn as a bar chart."""

    __test__ = False  # not a pytest test class, despite the name

    n_candidates: int
    n_items: int
    max_total: float
    mean: float | None
    sd: float | None
    kr20: float | None
    alpha: float | None
    sem: float | None
    group_size: int
    distribution: list[tuple[float, int]]


def analyse(matrix: ResponseMatrix) -> tuple[TestStats, list[ItemStats]]:
    """Test statistics and one ``ItemStats`` per item, in the order of ``matrix.items``."""
    maxima = _validate(matrix)
    columns = _columns(matrix)
    n, k = len(matrix.scores), len(matrix.items)
    totals = [math.fsum(row) for row in zip(*columns, strict=True)] if k else [0.0] * n
    mean_t = _mean(totals)
    var_t = _variance(totals) if n else None
    variances = [_variance(column) for column in columns]
    covariances = [_covariance(column, totals) for column in columns]
    sum_variances = math.fsum(variances)
    alpha = _alpha(k, n, sum_variances, var_t)
    ranking = sorted(range(n), key=lambda row: (-totals[row], row))
    size = _group_size(n)
    groups = (ranking[:size], ranking[n - size :]) if size else ([], [])
    items = [
        _item_stats(
            matrix,
            index=i,
            column=columns[i],
            maximum=maxima[i],
            rest=_rest(var_t, sum_variances, variances[i], covariances[i], k=k, n=n),
            variance=variances[i],
            groups=groups,
        )
        for i in range(k)
    ]
    test = TestStats(
        n_candidates=n,
        n_items=k,
        max_total=math.fsum(maxima),
        mean=mean_t if n else None,
        sd=None if var_t is None else math.sqrt(var_t),
        kr20=_kr20(columns, maxima, var_t) if alpha is not None else None,
        alpha=alpha,
        sem=None if alpha is None or var_t is None else math.sqrt(var_t * max(0.0, 1 - alpha)),
        group_size=size,
        distribution=_distribution(totals, math.fsum(maxima)),
    )
    return test, items


@dataclass(frozen=True)
class _Rest:
    """What item i contributes to the test: r with the rest score and alpha without it."""

    r: float | None
    alpha_without: float | None


def _rest(
    var_t: float | None, sum_variances: float, var_i: float, cov_i: float, *, k: int, n: int
) -> _Rest:
    """From the item's variance and its covariance with the total T, without recomputing."""
    if var_t is None:
        return _Rest(None, None)
    var_rest = var_t - 2 * cov_i + var_i  # var(T - x)
    cov_rest = cov_i - var_i  # cov(x, T - x)
    r = None
    if var_i > _EPSILON and var_rest > _EPSILON:
        r = _clamp(cov_rest / math.sqrt(var_i * var_rest))
    return _Rest(r, _alpha(k - 1, n, sum_variances - var_i, var_rest))


def _item_stats(
    matrix: ResponseMatrix,
    *,
    index: int,
    column: list[float],
    maximum: float,
    rest: _Rest,
    variance: float,
    groups: tuple[list[int], list[int]],
) -> ItemStats:
    n = len(column)
    upper, lower = groups
    difficulty = math.fsum(column) / (n * maximum) if n else None
    ul_index = None
    if upper:
        gap = math.fsum(column[r] for r in upper) - math.fsum(column[r] for r in lower)
        ul_index = gap / (len(upper) * maximum)
    return ItemStats(
        item=matrix.items[index],
        n=n,
        omitted=sum(row[index] is None for row in matrix.scores),
        max_score=maximum,
        difficulty=difficulty,
        point_biserial_corrected=rest.r,
        upper_lower_index=ul_index,
        alpha_if_deleted=rest.alpha_without,
        distractors=_distractors(matrix, index, upper, lower),
        flags=_flags(difficulty, rest.r, no_variance=n >= 2 and variance <= _EPSILON),
    )


def _flags(difficulty: float | None, r: float | None, *, no_variance: bool) -> list[str]:
    flags = []
    if no_variance:
        flags.append("no_variance")  # every candidate scored the same: the item tells nothing
    if r is not None and r < 0:
        flags.append("negative_discrimination")
    elif r is not None and r < LOW_DISCRIMINATION:
        flags.append("low_discrimination")
    if difficulty is not None and difficulty > TOO_EASY:
        flags.append("too_easy")
    if difficulty is not None and difficulty < TOO_HARD:
        flags.append("too_hard")
    return flags


def _distractors(
    matrix: ResponseMatrix, index: int, upper: list[int], lower: list[int]
) -> dict[str, dict[str, float]]:
    key = None if matrix.keys is None else matrix.keys[index]
    if matrix.choices is None or key is None:
        return {}
    chosen = [row[index] if row[index] is not None else OMITTED for row in matrix.choices]
    offered = list(matrix.options[index]) if matrix.options is not None else []
    others = sorted(set(chosen) - {OMITTED})
    labels = list(dict.fromkeys([*offered, key, *others]))
    if OMITTED in chosen:
        labels.append(OMITTED)
    counts = Counter(chosen)
    in_upper = Counter(chosen[r] for r in upper)
    in_lower = Counter(chosen[r] for r in lower)
    n = len(chosen)
    return {
        label: {
            "count": counts[label],
            "proportion": counts[label] / n if n else 0.0,
            "upper": in_upper[label],
            "lower": in_lower[label],
        }
        for label in labels
    }


def _kr20(columns: list[list[float]], maxima: list[float], var_t: float | None) -> float | None:
    dichotomous = all(m == 1 for m in maxima) and all(
        x in (0.0, 1.0) for column in columns for x in column
    )
    if not dichotomous or var_t is None or var_t <= _EPSILON:
        return None
    k = len(columns)
    pq = math.fsum(p * (1 - p) for p in map(_mean, columns))
    return k / (k - 1) * (1 - pq / var_t)


def _alpha(k: int, n: int, sum_item_variances: float, var_total: float | None) -> float | None:
    if k < 2 or n < 2 or var_total is None or var_total <= _EPSILON:
        return None
    return k / (k - 1) * (1 - sum_item_variances / var_total)


def _distribution(totals: list[float], max_total: float) -> list[tuple[float, int]]:
    if not totals:
        return []
    counts = Counter(round(t, 9) for t in totals)
    if all(float(t).is_integer() for t in counts) and float(max_total).is_integer():
        return [(float(s), counts.get(s, 0)) for s in range(int(max_total) + 1)]
    return sorted(counts.items())


def _group_size(n: int) -> int:
    if n < 2:
        return 0
    return max(1, math.floor(GROUP_FRACTION * n + 0.5))


def _columns(matrix: ResponseMatrix) -> list[list[float]]:
    return [
        [0.0 if row[i] is None else float(row[i]) for row in matrix.scores]
        for i in range(len(matrix.items))
    ]


def _validate(matrix: ResponseMatrix) -> list[float]:
    """The item maxima; raises ValueError when the matrix is not rectangular or out of range."""
    k = len(matrix.items)
    maxima = [1.0] * k if matrix.max_scores is None else [float(m) for m in matrix.max_scores]
    for name, value in (("max_scores", maxima), ("keys", matrix.keys), ("options", matrix.options)):
        if value is not None and len(value) != k:
            raise ValueError(f"{name} has {len(value)} entries for {k} items")
    if any(m <= 0 for m in maxima):
        raise ValueError("every item maximum must be positive")
    for c, row in enumerate(matrix.scores):
        if len(row) != k:
            raise ValueError(f"candidate row {c} has {len(row)} scores for {k} items")
        for i, x in enumerate(row):
            if x is not None and not 0 <= x <= maxima[i]:
                raise ValueError(f"score {x} of row {c} is outside 0..{maxima[i]}")
    if matrix.choices is not None:
        if len(matrix.choices) != len(matrix.scores):
            raise ValueError("choices and scores have different numbers of candidates")
        if any(len(row) != k for row in matrix.choices):
            raise ValueError(f"every row of choices must have {k} entries")
    return maxima


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values) if values else 0.0


def _variance(values: Sequence[float]) -> float:
    """Population variance (divides by n); 0 for no values."""
    mean = _mean(values)
    return math.fsum((x - mean) ** 2 for x in values) / len(values) if values else 0.0


def _covariance(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Population covariance (divides by n); 0 for no values."""
    if not xs:
        return 0.0
    mean_x, mean_y = _mean(xs), _mean(ys)
    products = ((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return math.fsum(products) / len(xs)


def _clamp(r: float) -> float:
    return max(-1.0, min(1.0, r))  # rounding can push |r| a hair past 1
