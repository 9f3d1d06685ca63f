"""The breakdown section of the report: the dimensions to choose from, and the chosen one's
groups and competencies arranged for reading, with each difference between groups put in words
(the test, its corrected p and the size of the effect)."""

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ..analysis import GroupTestKind

# Cohen's conventional cuts: |g| 0.2, 0.5, 0.8; eta² 0.01, 0.06, 0.14.
G_CUTS = (0.2, 0.5, 0.8)
ETA_CUTS = (0.01, 0.06, 0.14)
TOP_ROWS = 10


def effect_words(kind: str, effect: float) -> str:
    cuts = G_CUTS if kind == GroupTestKind.WELCH_T else ETA_CUTS
    size = abs(effect)
    if size < cuts[0]:
        return _("negligible")
    if size < cuts[1]:
        return _("small")
    if size < cuts[2]:
        return _("medium")
    return _("large")


def method_name(kind: str) -> str:
    names: dict[str, str] = {
        GroupTestKind.WELCH_T.value: _("Welch's t-test"),
        GroupTestKind.WELCH_ANOVA.value: _("Welch's analysis of variance"),
        GroupTestKind.ANOVA.value: _("one-way analysis of variance"),
    }
    return names.get(str(kind), str(kind))


def p_text(p: float) -> str:
    if p < 0.001:
        return "p < " + number_format(0.001, 3)
    return "p = " + number_format(p, 3)


@dataclass(frozen=True)
class DifferenceText:
    """A difference between groups in words."""

    flagged: bool
    test: str
    p: str
    effect: str  # "g = 0.84" or "η² = 0.12"
    size: str  # "large"
    direction: str  # "the gap is larger among women" (two groups only)


def describe_difference(difference: Any, labels: dict[str, str]) -> DifferenceText | None:
    if difference is None:
        return None
    test = difference.test
    kind = str(test.kind)
    if kind == GroupTestKind.WELCH_T:
        effect = "g = " + number_format(test.effect, 2)
        first, second = difference.groups[:2]
        larger = first if test.effect > 0 else second
        direction = _("the gap is larger among: %(group)s") % {"group": labels.get(larger, larger)}
    else:
        effect = "η² = " + number_format(test.effect, 3)
        direction = ""
    return DifferenceText(
        flagged=bool(difference.meaningful),
        test=method_name(kind),
        p=p_text(difference.p_adjusted),
        effect=effect,
        size=effect_words(kind, test.effect),
        direction=direction,
    )


@dataclass(frozen=True)
class ShownRow:
    """One competency of the chosen dimension: its cells in the order of the groups."""

    rank: int | None
    code: str
    title: str
    cells: list[Any]
    total: Any
    difference: DifferenceText | None


@dataclass(frozen=True)
class ShownBreakdown:
    key: str
    label: str
    groups: list[Any]
    respondents: int | None
    threshold: int
    overall: ShownRow
    rows: list[ShownRow]
    flagged: list[ShownRow]
    tested: int
    all_rows: bool
    more: int  # competencies not shown


def dimension_links(breakdowns: dict[str, Any]) -> list[tuple[str, str]]:
    return [(key, table.label) for key, table in breakdowns.items()]


def shown_breakdown(
    breakdowns: dict[str, Any], key: str, *, ranks: dict[str, int], all_rows: bool = False
) -> ShownBreakdown | None:
    """The chosen dimension (the first when ``key`` is unknown), its competencies in the order
    of the overall ranking (those in ``ranks`` only), the top ten unless ``all_rows``."""
    if not breakdowns:
        return None
    table = breakdowns.get(key) or next(iter(breakdowns.values()))
    labels = {group.key: group.label for group in table.groups}
    keys = [group.key for group in table.groups]

    def shown(row: Any) -> ShownRow:
        return ShownRow(
            rank=ranks.get(row.code),
            code=row.code,
            title=row.title,
            cells=[row.cells.get(k) for k in keys],
            total=row.total,
            difference=describe_difference(row.difference, labels),
        )

    # Only the competencies the ranking shows (one answered by too few is left out).
    ordered = sorted(
        (row for row in table.rows if row.code in ranks), key=lambda row: ranks[row.code]
    )
    rows = [shown(row) for row in ordered]
    visible = rows if all_rows else rows[:TOP_ROWS]
    return ShownBreakdown(
        key=table.key,
        label=table.label,
        groups=table.groups,
        respondents=table.respondents,
        threshold=table.threshold,
        overall=shown(table.overall),
        rows=visible,
        flagged=[row for row in rows if row.difference and row.difference.flagged],
        tested=table.tested,
        all_rows=all_rows,
        more=len(rows) - len(visible),
    )
