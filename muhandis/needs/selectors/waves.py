"""Two waves of the needs survey compared (e.g. 2026 against 2027): which gaps closed and which
widened.

Competencies are matched by code, so that a later framework version with the same codes still
compares. For each, the MWDS and mean discrepancy of both waves, their change (later minus
earlier), and Welch's t-test of the discrepancy between the waves with Hedges' g. Holm's
correction runs over the competencies compared. The verdict:

- closed: the gap is smaller in the later wave, significantly (adjusted p < 0.05) and by at
  least a small effect (|g| ≥ 0.2);
- widened: the same, larger;
- no clear change: otherwise;
- not comparable: asked in one wave only, fewer answers in a wave than the later survey's
  suppression threshold (or than two), or the two waves rated on different scales.

The two waves are treated as independent samples (most respondents differ from one year to the
next, and an anonymous survey cannot pair those who answered both)."""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from ..analysis import Borich, GroupTest, Sums, borich_from_sums, holm, welch_t
from ..models import Survey, SurveyItem
from .analysis import item_sums, survey_items


class Verdict(StrEnum):
    CLOSED = "closed"
    WIDENED = "widened"
    NO_CLEAR_CHANGE = "no_change"
    NOT_COMPARABLE = "not_comparable"


@dataclass(frozen=True)
class WaveChange:
    """One competency across the two waves. ``earlier``/``later`` are None when it was not
    asked (or nobody answered it) in that wave; the changes and the test are None when the
    verdict is "not comparable". ``test`` compares the later wave with the earlier (a negative
    t and g mean a smaller gap later)."""

    code: str
    title: str
    area_code: str
    earlier: Borich | None
    later: Borich | None
    mwds_change: float | None
    discrepancy_change: float | None
    test: GroupTest | None
    p_adjusted: float | None
    verdict: Verdict
    reason: str = ""


@dataclass(frozen=True)
class WaveComparison:
    earlier: Survey
    later: Survey
    changes: list[WaveChange]  # the later wave's order, then those asked earlier only
    comparable: bool  # False when the waves use different scales
    note: str = ""

    @property
    def closed(self) -> list[WaveChange]:
        return [c for c in self.changes if c.verdict == Verdict.CLOSED]

    @property
    def widened(self) -> list[WaveChange]:
        return [c for c in self.changes if c.verdict == Verdict.WIDENED]


def compare_waves(
    *,
    earlier: Survey,
    later: Survey,
    later_items: list[SurveyItem] | None = None,
    later_sums: Mapping[int, Sums] | None = None,
) -> WaveComparison:
    """Compare ``later`` with ``earlier``. Four queries (two when the later wave's items and
    sums are passed in, as ``full_analysis`` does)."""
    later_items = later_items if later_items is not None else survey_items(later)
    later_sums = later_sums if later_sums is not None else item_sums(later)
    earlier_items, earlier_sums = survey_items(earlier), item_sums(earlier)
    same_scale = (earlier.scale_min, earlier.scale_max) == (later.scale_min, later.scale_max)
    before = _by_code(earlier_items, earlier_sums)
    after = _by_code(later_items, later_sums)
    titles = {
        i.competency.code: (i.competency.title, i.competency.area.code) for i in earlier_items
    }
    titles |= {i.competency.code: (i.competency.title, i.competency.area.code) for i in later_items}
    codes = [i.competency.code for i in later_items]
    codes += [i.competency.code for i in earlier_items if i.competency.code not in after]
    minimum = max(2, later.suppression_threshold)
    tests: dict[str, GroupTest] = {}
    reasons: dict[str, str] = {}
    for code in codes:
        reason = _not_comparable(before.get(code), after.get(code), minimum, same_scale)
        if reason:
            reasons[code] = reason
            continue
        test = welch_t(after[code].gaps, before[code].gaps)
        if test is not None:
            tests[code] = test
    adjusted = holm({code: test.p for code, test in tests.items()})
    changes = [
        _change(code, titles[code], before.get(code), after.get(code), tests.get(code),
                adjusted.get(code), reasons.get(code, ""))
        for code in codes
    ]  # fmt: skip
    note = "" if same_scale else _("The two waves use different rating scales.")
    return WaveComparison(
        earlier=earlier, later=later, changes=changes, comparable=same_scale, note=note
    )


def _by_code(items: list[SurveyItem], sums: Mapping[int, Sums]) -> dict[str, Sums]:
    return {item.competency.code: sums[item.id] for item in items if item.id in sums}


def _not_comparable(before: Sums | None, after: Sums | None, minimum: int, same_scale: bool) -> str:
    if not same_scale:
        return _("The two waves use different rating scales.")
    if before is None or after is None:
        return _("Asked or answered in one wave only.")
    if before.n < minimum or after.n < minimum:
        return _("Too few answers in one of the waves.")
    return ""


def _change(
    code: str,
    title_area: tuple[str, str],
    before: Sums | None,
    after: Sums | None,
    test: GroupTest | None,
    p_adjusted: float | None,
    reason: str,
) -> WaveChange:
    earlier = borich_from_sums(before) if before is not None and before.n else None
    later = borich_from_sums(after) if after is not None and after.n else None
    if reason or earlier is None or later is None:
        verdict = Verdict.NOT_COMPARABLE
    elif test is not None and p_adjusted is not None and test.meaningful(p_adjusted):
        verdict = Verdict.CLOSED if test.statistic < 0 else Verdict.WIDENED
    else:
        verdict = Verdict.NO_CLEAR_CHANGE
    comparable = verdict != Verdict.NOT_COMPARABLE
    return WaveChange(
        code=code,
        title=title_area[0],
        area_code=title_area[1],
        earlier=earlier,
        later=later,
        mwds_change=later.mwds - earlier.mwds if comparable and later and earlier else None,
        discrepancy_change=(
            later.mean_discrepancy - earlier.mean_discrepancy
            if comparable and later and earlier
            else None
        ),
        test=test if comparable else None,
        p_adjusted=p_adjusted if comparable else None,
        verdict=verdict,
        reason=reason,
    )
