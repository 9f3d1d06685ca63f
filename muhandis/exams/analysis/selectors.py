"""The item analysis's input, read from the database: a sitting's response matrix, and each
item's difficulty and discrimination across sittings over time.

What a cell means (the rule of ``results.scores``, applied to many attempts at once):

- an item that was **not on a candidate's form** is *not seen*: it is left out of that
  candidate's statistics, never counted as wrong (``None`` in ``SittingData.scores``);
- an item on the form with **no answer** scores 0 and counts as omitted;
- an **essay still waiting for a marker** is treated as not seen until its mark lands in
  ``Answer.score`` (``SittingData.pending`` counts them); an empty essay scores 0.

``analysis.analyse`` scores a missing cell 0, which is right for an omission and wrong for an
item a candidate never saw. So when every candidate saw every item (a fixed form, all essays
marked) the whole matrix is analysed at once; otherwise each item is analysed over the
candidates who saw it, against their total on the rest of what they sat (the corrected
item-total correlation), and the reliability of the test (KR-20, alpha, alpha if deleted) is
not reported, since no single form was sat by everyone. Only submitted attempts count.

Every item's score is its share of its marks (0 to 1), so every item counts 1 towards a total.
Reads take a fixed number of queries, whatever the number of candidates."""

import datetime
import math
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from muhandis.exams.analysis.statistics import (
    OMITTED,
    ItemStats,
    ResponseMatrix,
    TestStats,
    analyse,
)
from muhandis.exams.models import Answer, Attempt, ItemKind, ItemVersion, Sitting

RARE_DISTRACTOR = 0.05  # a distractor chosen by fewer than this share of candidates does no work
CHOICE_KINDS = (ItemKind.SINGLE, ItemKind.TRUE_FALSE)  # kinds with one chosen option
PERIODS = ("sitting", "quarter")

# What each flag means, in words a reviewer can act on.
FLAG_TEXTS = {
    "no_variance": _(
        "Every candidate scored the same on this item, so it tells nothing about who knows more."
    ),
    "negative_discrimination": _(
        "Candidates who did well on the rest of the exam did worse on this item than those who "
        "did badly: check the key and the wording."
    ),
    "low_discrimination": _(
        "The item separates strong from weak candidates poorly (corrected item-total "
        "correlation below 0.20)."
    ),
    "too_easy": _(
        "Candidates earned more than nine tenths of the marks: the item may be too easy."
    ),
    "too_hard": _(
        "Candidates earned less than a fifth of the marks: the item may be too hard or miskeyed."
    ),
    "rarely_chosen": _(
        "Chosen by fewer than one candidate in twenty: this distractor does little work."
    ),
    "attracts_upper_group": _(
        "Chosen more often by the strongest candidates than by the weakest: check whether it is "
        "also right, or misleading."
    ),
}


@dataclass(frozen=True)
class Column:
    """One item version that appeared in the sitting. ``key`` and ``options`` are set for
    items where the candidate picks one option (single choice, true or false)."""

    version_id: int
    code: str
    number: int
    kind: str
    key: str | None = None
    options: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.code} v{self.number}"

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


@dataclass(frozen=True)
class SittingData:
    """Submitted attempts (rows, named by pseudonym, sorted by it) × item versions (columns).

    ``scores[r][c]`` is the score, ``None`` when not seen (see the module's rules);
    ``choices[r][c]`` the option chosen, ``OMITTED`` when a seen choice item was not answered,
    ``None`` otherwise."""

    columns: list[Column]
    candidates: list[str]
    scores: list[list[float | None]]
    choices: list[list[str | None]]
    answered: list[list[bool]]
    pending: int = 0

    @property
    def complete(self) -> bool:
        return all(cell is not None for row in self.scores for cell in row)


@dataclass(frozen=True)
class DistractorRow:
    option: str
    is_key: bool
    count: int
    proportion: float
    upper: int
    lower: int
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ItemRow:
    column: Column
    stats: ItemStats
    distractors: list[DistractorRow]


@dataclass(frozen=True)
class SittingAnalysis:
    """A sitting's analysis. ``whole_matrix`` is False when candidates sat different items and
    each item was analysed over those who saw it."""

    data: SittingData
    test: TestStats
    items: list[ItemRow]
    whole_matrix: bool


def kind_label(kind: str) -> str:
    return str(ItemKind(kind).label) if kind in ItemKind.values else kind


def pseudonym(public_id: uuid.UUID | str) -> str:
    """A stable name for an attempt that does not reveal who sat it (keyed with the site's
    secret key, so it cannot be recomputed from the attempt's identifier alone)."""
    digest = salted_hmac(
        "muhandis.exams.analysis.pseudonym", str(public_id), algorithm="sha256"
    ).hexdigest()
    return f"C-{digest[:10].upper()}"


def _letter(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else f"O{index + 1}"


def _key_and_options(kind: str, content: dict) -> tuple[str | None, tuple[str, ...]]:
    if kind == ItemKind.TRUE_FALSE:
        truth = content.get("truth")
        return ("true" if truth else "false") if isinstance(truth, bool) else None, (
            "true",
            "false",
        )
    if kind != ItemKind.SINGLE:
        return None, ()
    options = content.get("options") or []
    fractions = []
    for option in options:
        try:
            fractions.append(float(option.get("fraction") or 0))
        except (TypeError, ValueError, AttributeError):
            fractions.append(0.0)
    best = max(range(len(fractions)), key=lambda i: (fractions[i], -i), default=None)
    key = _letter(best) if best is not None and fractions[best] > 0 else None
    return key, tuple(_letter(i) for i in range(len(options)))


def _chosen(kind: str, response: dict | None) -> str | None:
    """The option a response picked, or None when it picked none."""
    if not isinstance(response, dict):
        return None
    if kind == ItemKind.SINGLE:
        choice = response.get("choice")
        if isinstance(choice, int) and not isinstance(choice, bool) and choice >= 0:
            return _letter(choice)
        return None
    if kind == ItemKind.TRUE_FALSE:
        value = response.get("value")
        return ("true" if value else "false") if isinstance(value, bool) else None
    return None


def _is_pending(kind: str, score: float | None, response: dict | None) -> bool:
    text = response.get("text", "") if isinstance(response, dict) else ""
    return score is None and kind == ItemKind.ESSAY and bool(str(text).strip())


def _columns(version_ids: Iterable[int]) -> list[Column]:
    rows = ItemVersion.objects.filter(pk__in=set(version_ids)).values_list(
        "pk", "number", "content", "item__code", "item__kind"
    )
    columns = []
    for pk, number, content, code, kind in rows:
        key, options = _key_and_options(kind, content if isinstance(content, dict) else {})
        columns.append(Column(pk, code, number, kind, key, options))
    return sorted(columns, key=lambda c: (c.code, c.number, c.version_id))


def sitting_data(sitting: Sitting) -> SittingData:
    """The response matrix of a sitting's submitted attempts (three queries)."""
    attempts = list(
        Attempt.objects.filter(
            registration__sitting=sitting, status=Attempt.Status.SUBMITTED
        ).values_list("pk", "public_id", "form")
    )
    answers = Answer.objects.filter(
        attempt__registration__sitting=sitting, attempt__status=Attempt.Status.SUBMITTED
    ).values_list("attempt_id", "version_id", "score", "response")
    given = {(a, v): (score, response) for a, v, score, response in answers}
    columns = _columns(v for _pk, _id, form in attempts for v in form)
    named = sorted((pseudonym(public_id), pk, set(form)) for pk, public_id, form in attempts)
    scores, choices, answered, pending = [], [], [], 0
    for _name, pk, form in named:
        score_row, choice_row, answered_row = [], [], []
        for column in columns:
            score, choice, was_answered, waits = _cell(
                column, form, given.get((pk, column.version_id))
            )
            pending += waits
            score_row.append(score)
            choice_row.append(choice)
            answered_row.append(was_answered)
        scores.append(score_row)
        choices.append(choice_row)
        answered.append(answered_row)
    return SittingData(columns, [n for n, _pk, _f in named], scores, choices, answered, pending)


def _cell(
    column: Column, form: set[int], given: tuple[float | None, dict] | None
) -> tuple[float | None, str | None, bool, bool]:
    """(score, chosen option, answered, waits for a marker) of one candidate and one item."""
    if column.version_id not in form:
        return None, None, False, False
    choice_item = column.kind in CHOICE_KINDS
    if given is None:
        return 0.0, OMITTED if choice_item else None, False, False
    score, response = given
    if _is_pending(column.kind, score, response):
        return None, None, True, True
    chosen = _chosen(column.kind, response) if choice_item else None
    if choice_item and chosen is None:
        chosen = OMITTED
    return (0.0 if score is None else float(score)), chosen, True, False


# The analysis -------------------------------------------------------------------------------


def analyse_sitting(sitting: Sitting) -> SittingAnalysis:
    data = sitting_data(sitting)
    if data.complete:
        test, stats = _analyse_whole(data)
    else:
        test, stats = _analyse_per_item(data)
    items = [
        ItemRow(column, item, _distractor_rows(column, item))
        for column, item in zip(data.columns, stats, strict=True)
    ]
    return SittingAnalysis(data, test, items, whole_matrix=data.complete)


def _analyse_whole(data: SittingData) -> tuple[TestStats, list[ItemStats]]:
    matrix = ResponseMatrix(
        items=[c.label for c in data.columns],
        scores=[
            [score if done else None for score, done in zip(row, done_row, strict=True)]
            for row, done_row in zip(data.scores, data.answered, strict=True)
        ],
        choices=[[None if x == OMITTED else x for x in row] for row in data.choices],
        keys=[c.key for c in data.columns],
        options=[list(c.options) for c in data.columns],
    )
    return analyse(matrix)


def _analyse_per_item(data: SittingData) -> tuple[TestStats, list[ItemStats]]:
    totals = [math.fsum(x for x in row if x is not None) for row in data.scores]
    stats = []
    for index, column in enumerate(data.columns):
        rows = [r for r, row in enumerate(data.scores) if row[index] is not None]
        stats.append(
            item_against_rest(
                column,
                scores=[data.scores[r][index] if data.answered[r][index] else None for r in rows],
                rests=[totals[r] - (data.scores[r][index] or 0.0) for r in rows],  # None filtered
                choices=[data.choices[r][index] for r in rows],
            )
        )
    longest = max((sum(x is not None for x in row) for row in data.scores), default=0)
    test, _ = analyse(
        ResponseMatrix(items=["total"], scores=[[t] for t in totals], max_scores=[max(longest, 1)])
    )
    return replace(test, n_items=len(data.columns), max_total=float(longest)), stats


def item_against_rest(
    column: Column,
    *,
    scores: list[float | None],
    rests: list[float],
    choices: list[str | None] | None = None,
) -> ItemStats:
    """One item over the candidates who saw it: ``scores`` (None = omitted) against each
    candidate's total on the other items they sat. Analysed as a two-column matrix (the item
    and the rest score), which gives exactly the corrected item-total correlation, and groups
    ranked by the candidate's own total; alpha if deleted is None."""
    rest_max = max([1.0, *rests])
    use_choices = choices is not None and column.key is not None
    matrix = ResponseMatrix(
        items=[column.label, "rest"],
        scores=[[x, rest] for x, rest in zip(scores, rests, strict=True)],
        max_scores=[1.0, rest_max],
        choices=(
            [[None if x == OMITTED else x, None] for x in choices or []] if use_choices else None
        ),
        keys=[column.key, None] if use_choices else None,
        options=[list(column.options), []] if use_choices else None,
    )
    _test, (item, _rest) = analyse(matrix)
    return item


def _distractor_rows(column: Column, item: ItemStats) -> list[DistractorRow]:
    rows = []
    for option, figures in item.distractors.items():
        is_key = option == column.key
        notes = []
        if not is_key and option != OMITTED:
            if figures["proportion"] < RARE_DISTRACTOR:
                notes.append("rarely_chosen")
            if figures["upper"] > figures["lower"]:
                notes.append("attracts_upper_group")
        rows.append(
            DistractorRow(
                option=option,
                is_key=is_key,
                count=int(figures["count"]),
                proportion=figures["proportion"],
                upper=int(figures["upper"]),
                lower=int(figures["lower"]),
                notes=notes,
            )
        )
    return rows


# The bank over time -------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendPoint:
    """One item version in one period: candidates who saw it, difficulty, corrected
    item-total correlation and the flags of that period."""

    period: str
    starts: datetime.date
    n: int
    difficulty: float | None
    discrimination: float | None
    flags: list[str]


@dataclass(frozen=True)
class VersionTrend:
    version_id: int
    number: int
    points: list[TrendPoint]

    @property
    def latest(self) -> TrendPoint | None:
        return self.points[-1] if self.points else None


@dataclass(frozen=True)
class ItemTrend:
    code: str
    kind: str
    versions: list[VersionTrend]

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


def _period(
    kind: str, sitting_id: int, opens_at: datetime.datetime, scheme: str
) -> tuple[tuple, str, datetime.date]:
    day = timezone.localtime(opens_at).date()
    if kind == "quarter":
        quarter = (day.month - 1) // 3
        return (
            (day.year, quarter),
            f"{day.year} Q{quarter + 1}",
            datetime.date(day.year, quarter * 3 + 1, 1),
        )
    return (day, sitting_id), f"{day.isoformat()} {scheme}", day


def _submitted(
    scheme_code: str | None, since: datetime.date | None, until: datetime.date | None
) -> QuerySet:
    found = Attempt.objects.filter(status=Attempt.Status.SUBMITTED)
    if scheme_code:
        found = found.filter(registration__sitting__blueprint__scheme__code=scheme_code)
    if since:
        found = found.filter(registration__sitting__opens_at__date__gte=since)
    if until:
        found = found.filter(registration__sitting__opens_at__date__lte=until)
    return found


def bank_trends(
    *,
    scheme_code: str | None = None,
    area_code: str | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    period: str = "sitting",
) -> list[ItemTrend]:
    """Each item's versions with their difficulty and discrimination per sitting (or per
    quarter), oldest first, over the submitted attempts of the sittings chosen (four queries).
    ``area_code`` keeps the items tagged with a competency of that area."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {PERIODS}")
    attempts = _submitted(scheme_code, since, until)
    rows = list(
        attempts.values_list(
            "pk",
            "form",
            "registration__sitting_id",
            "registration__sitting__opens_at",
            "registration__sitting__blueprint__scheme__code",
            "registration__sitting__blueprint__course__code",
        )
    )
    scored = {
        (a, v): s
        for a, v, s in Answer.objects.filter(attempt__in=attempts).values_list(
            "attempt_id", "version_id", "score"
        )
    }
    waiting = set(
        Answer.objects.filter(
            attempt__in=attempts, score__isnull=True, version__item__kind=ItemKind.ESSAY
        )
        .exclude(response__text="")
        .values_list("attempt_id", "version_id")
    )
    versions = ItemVersion.objects.filter(pk__in={v for row in rows for v in row[1]})
    if area_code:
        versions = versions.filter(item__competencies__area__code=area_code)
    info = {
        pk: (code, kind, number)
        for pk, code, kind, number in versions.distinct().values_list(
            "pk", "item__code", "item__kind", "number"
        )
    }
    cells = _trend_cells(rows, scored, waiting, info, period)
    return _trends(cells, info)


def _trend_cells(
    rows: Iterable[tuple], scored: dict, waiting: set, info: dict, period: str
) -> dict:
    """{(version, period key): (label, start, [(score, rest score)])}."""
    cells: dict = {}
    for pk, form, sitting_id, opens_at, scheme, course in rows:
        known = {
            v: float(scored.get((pk, v)) or 0.0)
            for v in form
            if (pk, v) not in waiting  # a script waiting for its marker is not counted yet
        }
        total = math.fsum(known.values())
        key, label, starts = _period(period, sitting_id, opens_at, scheme or course)
        for v, x in known.items():
            if v in info:
                cell = cells.setdefault((v, key), (label, starts, []))
                cell[2].append((x, total - x))
    return cells


def _trends(cells: dict, info: dict) -> list[ItemTrend]:
    by_version: dict[int, list[tuple]] = defaultdict(list)
    for (v, key), (label, starts, pairs) in cells.items():
        code, kind, number = info[v]
        stats = item_against_rest(
            Column(v, code, number, kind),
            scores=[x for x, _r in pairs],
            rests=[r for _x, r in pairs],
        )
        point = TrendPoint(
            label,
            starts,
            stats.n,
            stats.difficulty,
            stats.point_biserial_corrected,
            list(stats.flags),
        )
        by_version[v].append((key, point))
    by_item: dict[str, list[VersionTrend]] = defaultdict(list)
    for v, points in by_version.items():
        code, kind, number = info[v]
        ordered = [p for _k, p in sorted(points, key=lambda kp: kp[0])]
        by_item[code].append(VersionTrend(v, number, ordered))
    kinds = {code: kind for code, kind, _n in info.values()}
    return [
        ItemTrend(code, kinds[code], sorted(by_item[code], key=lambda t: t.number))
        for code in sorted(by_item)
    ]
