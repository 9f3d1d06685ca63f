"""The needs-assessment statistics, checked on figures worked out by hand."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from muhandis.needs.analysis import (
    Priority,
    Quadrant,
    borich,
    locus_for_focus,
    priorities,
    suppress,
    t_critical,
)


def test_borich_on_three_answers_worked_by_hand():
    # Importance 4, 5, 3 against current 2, 3, 3: gaps 2, 2, 0; Ī = 4.
    figures = borich([(4, 2), (5, 3), (3, 3)])
    assert figures.respondents == 3
    assert figures.mean_importance == 4
    assert figures.mean_current == pytest.approx(8 / 3)
    assert figures.mean_discrepancy == pytest.approx(4 / 3)
    assert figures.mwds == pytest.approx(16 / 3)  # (2·4 + 2·4 + 0·4) / 3
    # t(2) = 4.303, sd of the gaps = √(4/3), n = 3: margin 4.303 · √(4/3) / √3 · 4.
    margin = 4.303 * math.sqrt(4 / 3) / math.sqrt(3) * 4
    assert figures.low == pytest.approx(16 / 3 - margin)
    assert figures.high == pytest.approx(16 / 3 + margin)
    assert figures.share_below == pytest.approx(2 / 3)


def test_one_answer_has_a_score_but_no_interval():
    figures = borich([(5, 1)])
    assert figures.mwds == 20
    assert not figures.has_interval


def test_no_answers_is_refused():
    with pytest.raises(ValueError, match="no answers"):
        borich([])


def test_a_competency_mastered_beyond_its_importance_scores_below_zero():
    assert borich([(2, 4), (3, 4)]).mwds < 0


@given(st.lists(st.tuples(st.integers(1, 5), st.integers(1, 5)), min_size=2, max_size=60))
def test_mwds_is_mean_importance_times_mean_gap_and_lies_in_its_interval(pairs):
    figures = borich(pairs)
    assert figures.mwds == pytest.approx(figures.mean_importance * figures.mean_discrepancy)
    assert figures.low <= figures.mwds <= figures.high


def test_t_falls_to_the_normal_value_for_large_samples():
    assert t_critical(1) == 12.706
    assert t_critical(30) == 2.042
    assert t_critical(500) == pytest.approx(1.96, abs=0.001)
    with pytest.raises(ValueError, match="degree of freedom"):
        t_critical(0)


def test_priorities_cut_the_ranking_in_thirds():
    scores = {"A": 9.0, "B": 7.5, "C": 7.5, "D": 3.0, "E": 1.0, "F": -2.0}
    assert priorities(scores) == {
        "A": Priority.TOP,
        "B": Priority.TOP,
        "C": Priority.MIDDLE,
        "D": Priority.MIDDLE,
        "E": Priority.LOW,
        "F": Priority.LOW,
    }
    assert priorities({"A": 1.0, "B": 2.0}) == {"B": Priority.TOP, "A": Priority.MIDDLE}


def test_locus_for_focus_puts_important_and_lacking_competencies_first():
    figures = {
        "HYD": borich([(5, 2), (5, 3)]),  # important, lacking
        "ETH": borich([(5, 5), (5, 4)]),  # important, mastered
        "BIM": borich([(2, 1), (3, 0)]),  # less important, lacking
        "OHS": borich([(2, 2), (3, 3)]),  # less important, mastered
    }
    assert locus_for_focus(figures) == {
        "HYD": Quadrant.HQ,
        "ETH": Quadrant.HL,
        "BIM": Quadrant.LH,
        "OHS": Quadrant.LL,
    }
    assert locus_for_focus({}) == {}


def test_small_cells_are_hidden_and_a_lone_one_cannot_be_recovered_from_the_total():
    # Women 3 of 60: hiding only "female" would let 60 − 50 − 7 give it back.
    shown = suppress({"male": 50, "female": 3, "not_said": 7})
    assert shown.cells == {"male": 50, "female": None, "not_said": None}
    assert shown.total == 60


def test_two_small_cells_protect_each_other_and_zeros_are_shown():
    shown = suppress({"Tashkent": 40, "Bukhara": 2, "Khorezm": 4, "Navoi": 0})
    assert shown.cells == {"Tashkent": 40, "Bukhara": None, "Khorezm": None, "Navoi": 0}


def test_a_group_too_small_in_all_hides_its_total_too():
    shown = suppress({"female": 3, "male": 0})
    assert shown.cells == {"female": None, "male": 0}
    assert shown.total is None


def test_the_threshold_is_configurable():
    assert suppress({"a": 6, "b": 9}, threshold=10).cells == {"a": None, "b": None}
    assert suppress({"a": 6, "b": 9}).cells == {"a": 6, "b": 9}
    with pytest.raises(ValueError, match="threshold"):
        suppress({"a": 1}, threshold=0)


@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 40), max_size=8))
def test_no_hidden_cell_can_be_worked_out_from_the_total(counts):
    shown = suppress(counts)
    hidden = [key for key, value in shown.cells.items() if value is None]
    assert all(shown.cells[k] == counts[k] for k in counts if k not in hidden)
    assert all(counts[k] > 0 for k in hidden)
    # A single hidden cell would equal the shown total minus the shown cells.
    assert len(hidden) != 1 or shown.total is None
    assert shown.total is None or shown.total == 0 or shown.total >= 5
