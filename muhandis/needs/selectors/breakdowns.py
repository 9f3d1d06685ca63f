"""The analysis broken down by the respondents' background (gender, region, sector, role,
employer size, experience) and by who answered (engineers about themselves, supervisors about
their staff), with small-cell suppression and the tests of differences between groups.

The database adds up the sums of every (dimension, group, competency) in three GROUP BY queries
(see ``READ_TOGETHER``) and counts the respondents of every group in one more (a UNION of one
GROUP BY per dimension); nothing is read per respondent.

Suppression: a group with fewer respondents than the survey's threshold — and, when it is the
only one, the next smallest group with it, so that it cannot be worked out from the total — is
hidden in every table of its dimension: its count, every competency's figures, the overall and
area figures. Within one competency a group whose answers to it are too few is hidden in that
row too, again with a partner when it is alone. A hidden cell is a ``Cell`` with every figure
None and ``suppressed`` True.

"Prefer not to say" and an unanswered question make one group, "not stated": it is shown (and
suppressed like any other), but never tested. The tests compare only shown, stated groups with
two answers or more: Welch's t for two groups, Welch's ANOVA for more, on the discrepancy
(importance − current level); Holm's correction over the competencies of one dimension; a
difference is flagged when the adjusted p is under 0.05 and the effect at least small (Hedges'
|g| ≥ 0.2, eta² ≥ 0.01). The overall and area rows are not tested: one respondent gives many
pairs there, which are not independent (for the same reason their intervals, computed as if
the pairs were, are narrower than they should be; show them as indicative)."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from muhandis.accounts import selectors as accounts
from muhandis.accounts.models import Gender, SizeBand

from ..analysis import GroupTest, Sums, borich_from_sums, compare_groups, hidden_keys, holm
from ..analysis import suppress as suppress_counts
from ..models import ExperienceBand, JobRole, RespondentKind, Response, Sector, Survey, SurveyItem
from .analysis import add_sums, submitted_ratings, sums_aggregates, sums_of

NOT_STATED = "not_stated"
KIND = "kind"
UNSTATED_VALUES = frozenset({"", "None", Gender.UNDISCLOSED.value})


@dataclass(frozen=True)
class Dimension:
    """A background question to break the analysis down by. ``field`` is the response's
    column; ``choices`` its groups in order (empty for the region, whose groups are the
    regions respondents named)."""

    key: str
    field: str
    label: Promise
    choices: tuple[tuple[str, Promise], ...] = ()


DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "gender",
        "gender",
        _("Gender"),
        ((Gender.FEMALE.value, Gender.FEMALE.label), (Gender.MALE.value, Gender.MALE.label)),
    ),
    Dimension("region", "region_id", _("Region")),
    Dimension("sector", "sector", _("Sector"), tuple(Sector.choices)),
    Dimension("job_role", "job_role", _("Role"), tuple(JobRole.choices)),
    Dimension("employer_size", "employer_size", _("Employer size"), tuple(SizeBand.choices)),
    Dimension("experience", "experience", _("Years of experience"), tuple(ExperienceBand.choices)),
    Dimension(KIND, "kind", _("Who answered"), tuple(RespondentKind.choices)),
)


def group_key(raw: object) -> str:
    """The group of a stored value: "prefer not to say" and blanks make "not stated"."""
    text = "" if raw is None else str(raw)
    return NOT_STATED if text in UNSTATED_VALUES else text


# ---------------------------------------------------------------------------------------------
# Tables


@dataclass(frozen=True)
class Cell:
    """One group's figures (for a competency, an area, or all competencies pooled). ``n`` is
    the number of answers (pairs) counted. Every figure is None when the cell is suppressed
    (``suppressed`` True) or when nobody answered (``n`` 0); ``low``/``high`` bound the MWDS's
    95 % interval, None with fewer than two answers."""

    n: int | None = None
    mean_importance: float | None = None
    mean_current: float | None = None
    mean_discrepancy: float | None = None
    mwds: float | None = None
    low: float | None = None
    high: float | None = None
    rdm: float | None = None
    suppressed: bool = False

    @classmethod
    def of(cls, sums: Sums | None) -> "Cell":
        if sums is None or sums.n == 0:
            return cls(n=0)
        f = borich_from_sums(sums)
        return cls(
            n=f.respondents,
            mean_importance=f.mean_importance,
            mean_current=f.mean_current,
            mean_discrepancy=f.mean_discrepancy,
            mwds=f.mwds,
            low=f.low,
            high=f.high,
            rdm=f.rdm,
        )


HIDDEN = Cell(suppressed=True)


@dataclass(frozen=True)
class Group:
    """A group of a dimension. ``respondents`` is None when the group is suppressed."""

    key: str
    label: str
    respondents: int | None
    suppressed: bool
    stated: bool


@dataclass(frozen=True)
class Difference:
    """The test between the groups named in ``groups`` (for two: first minus second), with
    Holm's adjusted p over the dimension's competencies and whether it is worth flagging."""

    test: GroupTest
    groups: tuple[str, ...]
    p_adjusted: float
    meaningful: bool


@dataclass(frozen=True)
class Row:
    """One competency (or area, or all competencies: ``code`` empty) across a dimension's
    groups: ``cells`` by group key, in the order of the dimension's ``groups``, and the
    ``total`` of all groups (suppressed only when it would give a hidden cell away)."""

    code: str
    title: str
    area_code: str
    cells: dict[str, Cell]
    total: Cell
    difference: Difference | None = None

    @property
    def flagged(self) -> bool:
        return self.difference is not None and self.difference.meaningful


@dataclass(frozen=True)
class DimensionBreakdown:
    key: str
    label: str
    groups: list[Group]
    respondents: int | None  # all groups; None only if it would give a hidden group away
    overall: Row  # every competency pooled
    areas: list[Row]  # in the framework's order
    rows: list[Row]  # competencies, in the order asked
    threshold: int = 5
    tested: int = 0  # competencies with a test

    @property
    def flagged(self) -> list[Row]:
        return [row for row in self.rows if row.flagged]

    @property
    def hidden(self) -> frozenset[str]:
        return frozenset(group.key for group in self.groups if group.suppressed)


# ---------------------------------------------------------------------------------------------
# Reading the sums


# Dimensions read together in one GROUP BY. Reading all seven in one pass would return a row
# per combination of answers (about one per respondent); reading them one by one would scan the
# ratings seven times. Grouped like this, the combinations stay few (at most 200, 42 and the
# number of regions × levels per competency, whatever the number of respondents) and the
# ratings are scanned three times. The last set also groups by the current level: the
# histogram of current levels (for the share below a role profile) comes with it.
READ_TOGETHER: tuple[tuple[str, ...], ...] = (
    ("gender", KIND, "employer_size", "experience"),
    ("sector", "job_role"),
    ("region",),
)
_SUMS_COLUMNS = ("n", "s_importance", "s_current", "s_gap", "s_gap_squared", "s_positive",
                 "s_positive_gap")  # fmt: skip
_REGION_RADIX = 1_000_000  # region ids stay below this
_LEVEL_RADIX = 1024  # and rating levels below this


@dataclass(frozen=True)
class _Code:
    """One grouped column as a small integer: 0 for "not stated", else the choice's place
    (or the region's id, or the level)."""

    key: str
    expression: Any
    radix: int
    values: tuple[str, ...] = ()

    def decode(self, code: int) -> str | int:
        if self.key == "current":
            return code
        if code == 0:
            return NOT_STATED
        return self.values[code - 1] if self.values else str(code)


def _code(dimension: Dimension) -> _Code:
    if dimension.key == "region":
        return _Code("region", Coalesce(F("response__region_id"), 0), _REGION_RADIX)
    values = tuple(value for value, _label in dimension.choices)
    field = f"response__{dimension.field}"
    expression = Case(
        *(When(**{field: value}, then=Value(i + 1)) for i, value in enumerate(values)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return _Code(dimension.key, expression, len(values) + 1, values)


def _packed(codes: list[_Code]) -> Any:
    """One integer key for the item and the grouped columns (mixed radix). SQLite groups by
    sorting, and one integer sorts much faster than five text columns (0.35 s against 0.59 s
    of CPU for 400,000 ratings); PostgreSQL hashes it faster too. Values outside the choices
    (none can be saved) would count as "not stated"."""
    key: Any = F("item_id")
    for code in codes:
        key = key * code.radix + code.expression
    return ExpressionWrapper(key, output_field=BigIntegerField())


def _unpack(key: int, codes: list[_Code]) -> tuple[int, list[str | int]]:
    parts: list[str | int] = []
    for code in reversed(codes):
        key, part = divmod(key, code.radix)
        parts.append(code.decode(part))
    return key, parts[::-1]


@dataclass(frozen=True)
class GroupSums:
    """What the breakdown queries read: ``sums`` per dimension key, item id and group key, and
    ``histogram``, the number of counted ratings per item id and current level (the region's
    query groups by the current level too, which costs a few rows and saves a scan)."""

    sums: dict[str, dict[int, dict[str, Sums]]]
    histogram: dict[int, dict[int, int]]


def read_group_sums(survey: Survey) -> GroupSums:
    """Three queries (one per set of ``READ_TOGETHER``), whose rows are added up here."""
    by_key = {dimension.key: dimension for dimension in DIMENSIONS}
    totals: dict[tuple[str, int, str], list[float]] = {}
    histogram: dict[int, dict[int, int]] = {}
    for keys in READ_TOGETHER:
        codes = [_code(by_key[key]) for key in keys]
        with_levels = keys == READ_TOGETHER[-1]
        if with_levels:
            codes.append(_Code("current", F("current"), _LEVEL_RADIX))
        rows = (
            submitted_ratings(survey)
            .annotate(group=_packed(codes))
            .values_list("group")
            .annotate(**sums_aggregates())
            .order_by()
        )
        for row in rows:
            item_id, parts = _unpack(row[0], codes)
            values = row[1:]
            if with_levels:
                levels = histogram.setdefault(item_id, {})
                level = int(parts[-1])
                levels[level] = levels.get(level, 0) + values[0]
            for key, group in zip(keys, parts, strict=False):
                slot = (key, item_id, str(group))
                found = totals.get(slot)
                if found is None:
                    totals[slot] = [v or 0 for v in values]
                else:
                    totals[slot] = [a + (b or 0) for a, b in zip(found, values, strict=True)]
    result: dict[str, dict[int, dict[str, Sums]]] = {d.key: {} for d in DIMENSIONS}
    for (key, item_id, group), summed in totals.items():
        named: dict[str, Any] = dict(zip(_SUMS_COLUMNS, summed, strict=True))
        named["n"] = int(named["n"])
        result[key].setdefault(item_id, {})[group] = sums_of(named)
    return GroupSums(sums=result, histogram=histogram)


def dimension_sums(survey: Survey) -> dict[str, dict[int, dict[str, Sums]]]:
    """Per dimension key, item id and group key: the sums of the counted ratings (three
    queries)."""
    return read_group_sums(survey).sums


def group_counts(survey: Survey) -> dict[str, dict[str, int]]:
    """Per dimension key and group key: the submitted responses. One query."""
    base = Response.objects.filter(survey=survey, submitted_at__isnull=False)
    parts = [
        base.annotate(
            dimension=Value(dimension.key, output_field=CharField()),
            value=Cast(dimension.field, output_field=CharField()),
        )
        .values("dimension", "value")
        .annotate(n=Count("id"))
        .order_by()
        for dimension in DIMENSIONS
    ]
    result: dict[str, dict[str, int]] = {d.key: {} for d in DIMENSIONS}
    for row in parts[0].union(*parts[1:], all=True).order_by():
        counts = result[row["dimension"]]
        key = group_key(row["value"])
        counts[key] = counts.get(key, 0) + row["n"]
    return result


def overall_from(sums: Mapping[str, Mapping[int, Mapping[str, Sums]]]) -> dict[int, Sums]:
    """Every item's overall sums, from the breakdown by who answered (nobody lacks a kind)."""
    return {item_id: add_sums(list(groups.values())) for item_id, groups in sums[KIND].items()}


def region_labels() -> dict[str, str]:
    """Region names by the group key of their id, in the regions' order (one query)."""
    return {str(region.pk): region.name for region in accounts.regions()}


# ---------------------------------------------------------------------------------------------
# Building the tables


def breakdowns(
    survey: Survey, *, items: list[SurveyItem] | None = None
) -> dict[str, DimensionBreakdown]:
    """Every dimension's breakdown of ``survey`` (six queries)."""
    from .analysis import survey_items

    return build_breakdowns(
        survey,
        items=items if items is not None else survey_items(survey),
        sums=dimension_sums(survey),
        counts=group_counts(survey),
        region_names=region_labels(),
    )


def build_breakdowns(
    survey: Survey,
    *,
    items: list[SurveyItem],
    sums: Mapping[str, Mapping[int, Mapping[str, Sums]]],
    counts: Mapping[str, Mapping[str, int]],
    region_names: Mapping[str, str],
) -> dict[str, DimensionBreakdown]:
    return {
        dimension.key: build_dimension(
            dimension,
            items=items,
            sums=sums.get(dimension.key, {}),
            counts=counts.get(dimension.key, {}),
            threshold=survey.suppression_threshold,
            region_names=region_names,
        )
        for dimension in DIMENSIONS
    }


def _groups(
    dimension: Dimension, counts: Mapping[str, int], region_names: Mapping[str, str]
) -> list[tuple[str, str]]:
    """The dimension's groups as (key, label), in order: every choice (even when nobody chose
    it), the regions named, anything else found, and "not stated" last when anyone is in it."""
    if dimension.choices:
        known = [(value, str(label)) for value, label in dimension.choices]
    else:
        known = [(key, name) for key, name in region_names.items() if counts.get(key)]
    seen = {key for key, _label in known}
    others = sorted(key for key in counts if key not in seen and key != NOT_STATED)
    known += [(key, region_names.get(key, key)) for key in others]
    if counts.get(NOT_STATED):
        known.append((NOT_STATED, str(_("Not stated"))))
    return known


def build_dimension(
    dimension: Dimension,
    *,
    items: list[SurveyItem],
    sums: Mapping[int, Mapping[str, Sums]],
    counts: Mapping[str, int],
    threshold: int,
    region_names: Mapping[str, str],
) -> DimensionBreakdown:
    labelled = _groups(dimension, counts, region_names)
    keys = [key for key, _label in labelled]
    shown = suppress_counts({key: counts.get(key, 0) for key in keys}, threshold=threshold)
    hidden = hidden_keys(shown)
    groups = [
        Group(
            key=key,
            label=label,
            respondents=shown.cells[key],
            suppressed=key in hidden,
            stated=key != NOT_STATED,
        )
        for key, label in labelled
    ]
    rows = [
        _row(
            item.competency.code,
            item.competency.title,
            item.competency.area.code,
            keys,
            sums.get(item.id, {}),
            hidden,
            threshold,
        )
        for item in items
    ]
    rows = _with_tests(rows, sums, items, keys, groups)
    return DimensionBreakdown(
        key=dimension.key,
        label=str(dimension.label),
        groups=groups,
        respondents=shown.total,
        overall=_row(
            "", str(_("All competencies")), "", keys, _pooled(sums, items), hidden, threshold
        ),
        areas=_area_rows(items, sums, keys, hidden, threshold),
        rows=rows,
        threshold=threshold,
        tested=sum(1 for row in rows if row.difference is not None),
    )


def _pooled(sums: Mapping[int, Mapping[str, Sums]], items: list[SurveyItem]) -> dict[str, Sums]:
    pooled: dict[str, Sums] = {}
    for item in items:
        for key, part in sums.get(item.id, {}).items():
            pooled[key] = pooled[key] + part if key in pooled else part
    return pooled


def _area_rows(
    items: list[SurveyItem],
    sums: Mapping[int, Mapping[str, Sums]],
    keys: list[str],
    hidden: frozenset[str],
    threshold: int,
) -> list[Row]:
    by_area: dict[str, list[SurveyItem]] = {}
    for item in items:
        by_area.setdefault(item.competency.area.code, []).append(item)
    return [
        _row(
            code,
            area_items[0].competency.area.title,
            code,
            keys,
            _pooled(sums, area_items),
            hidden,
            threshold,
        )
        for code, area_items in by_area.items()
    ]


def _row(
    code: str,
    title: str,
    area_code: str,
    keys: list[str],
    sums: Mapping[str, Sums],
    hidden: frozenset[str],
    threshold: int,
) -> Row:
    counts = {key: sums[key].n if key in sums else 0 for key in keys}
    shown = suppress_counts(counts, threshold=threshold, hide=hidden)
    cells = {key: HIDDEN if shown.cells[key] is None else Cell.of(sums.get(key)) for key in keys}
    present = [sums[key] for key in keys if key in sums]
    total = HIDDEN if shown.total is None else Cell.of(add_sums(present) if present else None)
    return Row(code=code, title=title, area_code=area_code, cells=cells, total=total)


def _with_tests(
    rows: list[Row],
    sums: Mapping[int, Mapping[str, Sums]],
    items: list[SurveyItem],
    keys: list[str],
    groups: list[Group],
) -> list[Row]:
    """The rows with their tests: only shown, stated groups with two answers or more; Holm's
    correction over the competencies tested."""
    stated = {group.key for group in groups if group.stated}
    tests: dict[str, tuple[GroupTest, tuple[str, ...]]] = {}
    for row, item in zip(rows, items, strict=True):
        item_sums = sums.get(item.id, {})
        usable = [
            key
            for key in keys
            if key in stated and not row.cells[key].suppressed and (row.cells[key].n or 0) >= 2
        ]
        test = compare_groups([item_sums[key].gaps for key in usable])
        if test is not None:
            tests[row.code] = (test, tuple(usable))
    adjusted = holm({code: test.p for code, (test, _keys) in tests.items()})
    result = []
    for row in rows:
        if row.code in tests:
            test, tested = tests[row.code]
            difference = Difference(
                test=test,
                groups=tested,
                p_adjusted=adjusted[row.code],
                meaningful=test.meaningful(adjusted[row.code]),
            )
            row = Row(
                code=row.code,
                title=row.title,
                area_code=row.area_code,
                cells=row.cells,
                total=row.total,
                difference=difference,
            )
        result.append(row)
    return result
