"""The tests between groups, the distributions behind their p-values, the ranked discrepancy
model and suppression, checked on known values, closed forms and plain computation."""

import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from muhandis.needs.analysis import (
    GroupTestKind,
    Moments,
    Sums,
    borich,
    borich_from_sums,
    compare_groups,
    f_upper_p,
    hedges_g,
    hidden_keys,
    holm,
    regularized_beta,
    suppress,
    t_two_sided_p,
    welch_anova,
    welch_t,
)

gaps = st.lists(st.integers(-4, 4), min_size=2, max_size=40)


def test_published_tails_of_t_and_f():
    assert t_two_sided_p(2.0, 10) == pytest.approx(0.0734, abs=1e-4)
    assert t_two_sided_p(2.228, 10) == pytest.approx(0.05, abs=5e-4)
    assert f_upper_p(3.0, 2, 27) == pytest.approx(0.0666, abs=1e-4)
    assert f_upper_p(4.26, 2, 9) == pytest.approx(0.05, abs=5e-4)
    assert t_two_sided_p(0.0, 5) == pytest.approx(1.0)


def test_regularised_beta_on_values_worked_by_hand():
    # I_0.4(2, 3) = Σ_{j=2..4} C(4, j) 0.4^j 0.6^(4−j); I_x(½, ½) = 2/π · asin(√x).
    assert regularized_beta(2, 3, 0.4) == pytest.approx(0.5248, abs=1e-12)
    assert regularized_beta(0.5, 0.5, 0.3) == pytest.approx(2 / math.pi * math.asin(0.3**0.5))
    assert regularized_beta(3, 4, 0.0) == 0.0
    assert regularized_beta(3, 4, 1.0) == 1.0
    with pytest.raises(ValueError, match="between 0 and 1"):
        regularized_beta(1, 1, 1.5)


@given(st.floats(0.0, 60.0))
def test_t_tails_match_their_closed_forms_for_one_and_two_degrees_of_freedom(t):
    assert t_two_sided_p(t, 1) == pytest.approx(1 - 2 / math.pi * math.atan(t), abs=1e-9)
    assert t_two_sided_p(t, 2) == pytest.approx(1 - t / math.sqrt(2 + t * t), abs=1e-9)


@given(st.floats(0.0, 200.0), st.integers(1, 400))
def test_f_tail_with_two_numerator_degrees_matches_its_closed_form(f, df2):
    assert f_upper_p(f, 2, df2) == pytest.approx((1 + 2 * f / df2) ** (-df2 / 2), abs=1e-9)


def test_welch_t_on_two_small_samples_worked_by_hand():
    # Means 3 and 6, variances 2.5 and 10, n = 5 each: se = √(0.5 + 2), df = 6.25 / 1.0625.
    test = welch_t(Moments.of([1, 2, 3, 4, 5]), Moments.of([2, 4, 6, 8, 10]))
    assert test.kind == GroupTestKind.WELCH_T
    assert test.statistic == pytest.approx(-3 / math.sqrt(2.5))
    assert test.df1 == pytest.approx(6.25 / 1.0625)
    assert test.p == pytest.approx(t_two_sided_p(3 / math.sqrt(2.5), 6.25 / 1.0625))
    assert 0.10 < test.p < 0.11
    # Hedges' g: pooled sd √6.25 = 2.5, d = −1.2, J = 1 − 3/31.
    assert test.effect == pytest.approx(-1.2 * (1 - 3 / 31))


def test_welch_anova_on_three_groups_worked_by_hand():
    groups = [Moments.of([1, 2, 3]), Moments.of([2, 3, 4]), Moments.of([5, 6, 7])]
    test = welch_anova(groups)
    # Weights 3, centre 11/3, A = 13, Λ = 2/3, B = 7/6: F = 78/7 on (2, 4).
    assert test.kind == GroupTestKind.WELCH_ANOVA
    assert test.statistic == pytest.approx(78 / 7)
    assert (test.df1, test.df2) == (2, pytest.approx(4.0))
    assert test.p == pytest.approx((1 + 2 * (78 / 7) / 4) ** -2)
    # SSB 26, SSW 6: eta² = 26/32, omega² = (26 − 2·1) / (32 + 1).
    assert test.effect == pytest.approx(26 / 32)
    assert test.omega_squared == pytest.approx(24 / 33)
    assert test.meaningful(p_adjusted=test.p)


def test_a_group_without_variance_falls_back_to_the_classic_anova():
    test = welch_anova([Moments.of([1, 1, 1]), Moments.of([2, 3, 4]), Moments.of([5, 6, 7])])
    # Means 1, 3, 6 (grand 10/3); within-group squares 0, 2, 2 on 6 degrees of freedom.
    between = 3 * ((1 - 10 / 3) ** 2 + (3 - 10 / 3) ** 2 + (6 - 10 / 3) ** 2)
    within = 0 + 2 + 2
    assert test.kind == GroupTestKind.ANOVA
    assert test.statistic == pytest.approx((between / 2) / (within / 6))
    assert (test.df1, test.df2) == (2, 6)


def test_nothing_is_tested_without_two_usable_groups_or_without_any_variance():
    assert compare_groups([Moments.of([1, 2]), Moments.of([3])]) is None
    assert welch_t(Moments.of([2, 2]), Moments.of([2, 2, 2])) is None
    assert welch_anova([Moments.of([1, 1])] * 3) is None
    assert compare_groups([Moments.of([1, 2]), Moments.of([3, 5])]).kind == GroupTestKind.WELCH_T


def test_a_significant_but_tiny_difference_is_not_flagged():
    big = [Moments(n=20000, total=20000 * 1.00, squares=20000 * (1 + 1.00)),
           Moments(n=20000, total=20000 * 1.05, squares=20000 * (1 + 1.05**2))]  # fmt: skip
    test = welch_t(*big)
    assert test.p < 0.001
    assert abs(test.effect) < 0.2
    assert not test.meaningful(p_adjusted=test.p)


@given(gaps, gaps)
def test_welch_from_sums_equals_the_plain_computation(first, second):
    test = welch_t(Moments.of(first), Moments.of(second))
    v1, v2 = statistics.variance(first), statistics.variance(second)
    if v1 == 0 and v2 == 0:
        assert test is None
        return
    se = math.sqrt(v1 / len(first) + v2 / len(second))
    assert test.statistic == pytest.approx(
        (statistics.fmean(first) - statistics.fmean(second)) / se, rel=1e-6, abs=1e-9
    )
    assert 0.0 <= test.p <= 1.0
    g = hedges_g(Moments.of(first), Moments.of(second))
    assert g is None or math.copysign(1, g) == math.copysign(1, test.statistic) or g == 0


@given(st.lists(gaps, min_size=3, max_size=6))
def test_anova_effect_sizes_from_sums_equal_the_plain_computation(samples):
    test = welch_anova([Moments.of(s) for s in samples])
    everything = [x for s in samples for x in s]
    grand = statistics.fmean(everything)
    total = sum((x - grand) ** 2 for x in everything)
    between = sum(len(s) * (statistics.fmean(s) - grand) ** 2 for s in samples)
    if test is None:
        assert total == 0 or all(statistics.variance(s) == 0 for s in samples)
        return
    assert test.effect == pytest.approx(between / total if total else 0.0, abs=1e-9)
    assert 0.0 <= test.p <= 1.0


def test_holm_multiplies_the_smallest_p_by_the_number_of_tests_and_keeps_the_order():
    assert holm({"A": 0.01, "B": 0.04, "C": 0.03}) == {
        "A": pytest.approx(0.03),
        "C": pytest.approx(0.06),
        "B": pytest.approx(0.06),
    }
    assert holm({"A": 0.6, "B": 0.9}) == {"A": 1.0, "B": 1.0}
    assert holm({}) == {}


def test_ranked_discrepancy_counts_only_those_who_fall_short():
    # Gaps 3, 1, 0, −2: positive mean (3 + 1) / 2 = 2, share 2/4: RDM = 1.
    figures = borich([(4, 1), (3, 2), (2, 2), (1, 3)])
    assert figures.mean_positive_discrepancy == 2
    assert figures.rdm == pytest.approx(1.0)
    assert figures.mean_discrepancy == pytest.approx(0.5)
    assert borich([(2, 3), (1, 1)]).rdm == 0
    assert borich([(2, 3), (1, 1)]).mean_positive_discrepancy is None


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4)), min_size=1, max_size=50))
def test_ranked_discrepancy_from_sums_equals_the_definition(pairs):
    gaps_ = [i - c for i, c in pairs]
    positive = [g for g in gaps_ if g > 0]
    expected = statistics.fmean(positive) * len(positive) / len(pairs) if positive else 0.0
    assert borich(pairs).rdm == pytest.approx(expected)
    half = len(pairs) // 2
    if half > 0:
        added = Sums.of(pairs[:half]) + Sums.of(pairs[half:])
        assert borich_from_sums(added).rdm == pytest.approx(expected)


def test_a_group_hidden_elsewhere_stays_hidden_and_takes_a_partner_with_it():
    shown = suppress({"female": 30, "male": 50, "not_stated": 9}, hide={"not_stated"})
    assert shown.cells == {"female": None, "male": 50, "not_stated": None}
    assert shown.total == 89


def test_a_lone_hidden_cell_with_no_partner_hides_the_total():
    shown = suppress({"female": 30, "male": 0}, hide={"female"})
    assert shown.cells == {"female": None, "male": 0}
    assert shown.total is None


@given(
    st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 60), max_size=8),
    st.sets(st.sampled_from("abcdefgh"), max_size=3),
    st.integers(2, 10),
)
def test_no_hidden_cell_equals_the_total_minus_the_shown_cells(counts, hide, threshold):
    shown = suppress(counts, threshold=threshold, hide=hide)
    hidden = hidden_keys(shown)
    assert all(shown.cells[k] == counts[k] for k in counts if k not in hidden)
    assert {k for k in counts if 0 < counts[k] < threshold or k in hide} <= hidden
    if shown.total is not None:
        recovered = shown.total - sum(v for v in shown.cells.values() if v is not None)
        assert len(hidden) != 1, f"{recovered} would give the hidden cell away"
