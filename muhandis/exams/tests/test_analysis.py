import math
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from muhandis.exams.analysis.statistics import (
    LOW_DISCRIMINATION,
    OMITTED,
    TOO_EASY,
    TOO_HARD,
    ResponseMatrix,
    analyse,
)

# A small test scored by hand. Five candidates, four 0/1 items:
#
#          I1 I2 I3 I4  total
#   C1      1  1  1  1    4
#   C2      1  1  1  0    3
#   C3      1  1  0  0    2
#   C4      1  0  1  0    2
#   C5      0  0  0  1    1
#
# Totals: mean 12/5 = 2.4; deviations 1.6, 0.6, -0.4, -0.4, -1.4; squares sum to 5.2,
# so the population variance is 5.2 / 5 = 1.04.
# Proportions correct p: 0.8, 0.6, 0.6, 0.4; p(1 - p): 0.16, 0.24, 0.24, 0.24, sum 0.88.
# KR-20 = 4/3 * (1 - 0.88 / 1.04) = 0.64 / 3.12 = 8/39; alpha is the same for 0/1 items.
# SEM = sqrt(1.04 * (1 - 8/39)) = sqrt(1.04 * 31/39).
#
# Corrected r of I1: rest score (total - I1) = 3, 2, 1, 1, 1 (mean 1.6, variance 0.64);
# cov(I1, rest) = (0.28 + 0.08 - 0.12 - 0.12 + 0.48) / 5 = 0.12;
# r = 0.12 / sqrt(0.16 * 0.64) = 0.12 / 0.32 = 3/8.
# Corrected r of I2 (and, by the same arithmetic, I3): rest 3, 2, 1, 2, 1 (variance 0.56);
# cov = 0.6 / 5 = 0.12; r = 0.12 / sqrt(0.24 * 0.56).
# Corrected r of I4: rest 3, 3, 2, 2, 0 (mean 2, variance 6/5 = 1.2);
# cov = (0.6 - 0.4 + 0 + 0 - 1.2) / 5 = -0.2; r = -0.2 / sqrt(0.24 * 1.2) = -sqrt(5)/6.
# Alpha without I4: items I1..I3, variances 0.16 + 0.24 + 0.24 = 0.64, total variance 1.2:
# 3/2 * (1 - 0.64 / 1.2) = 0.7. Without I1: 3/2 * (1 - 0.72 / 0.64) = -0.1875.
# Upper and lower groups: round(0.27 * 5) = 1 candidate each, C1 (total 4) and C5 (total 1);
# upper-lower index: I1, I2, I3: 1 - 0 = 1; I4: 1 - 1 = 0.
HAND = ResponseMatrix(
    items=["I1", "I2", "I3", "I4"],
    scores=[
        [1, 1, 1, 1],
        [1, 1, 1, 0],
        [1, 1, 0, 0],
        [1, 0, 1, 0],
        [0, 0, 0, 1],
    ],
)


def test_the_hand_scored_test_gives_the_figures_worked_out_by_hand():
    test, items = analyse(HAND)

    assert (test.n_candidates, test.n_items, test.max_total) == (5, 4, 4.0)
    assert test.mean == pytest.approx(2.4)
    assert test.sd == pytest.approx(math.sqrt(1.04))
    assert test.kr20 == pytest.approx(8 / 39)
    assert test.alpha == pytest.approx(8 / 39)
    assert test.sem == pytest.approx(math.sqrt(1.04 * 31 / 39))
    assert test.group_size == 1
    assert test.distribution == [(0.0, 0), (1.0, 1), (2.0, 2), (3.0, 1), (4.0, 1)]

    assert [i.difficulty for i in items] == pytest.approx([0.8, 0.6, 0.6, 0.4])
    r_middle = 0.12 / math.sqrt(0.24 * 0.56)
    assert [i.point_biserial_corrected for i in items] == pytest.approx(
        [3 / 8, r_middle, r_middle, -math.sqrt(5) / 6]
    )
    assert items[0].alpha_if_deleted == pytest.approx(-0.1875)
    assert items[3].alpha_if_deleted == pytest.approx(0.7)
    assert [i.upper_lower_index for i in items] == pytest.approx([1, 1, 1, 0])
    assert [i.flags for i in items] == [[], [], [], ["negative_discrimination"]]


def test_alpha_if_deleted_equals_alpha_of_the_test_without_the_item():
    _, items = analyse(HAND)

    for dropped, item in enumerate(items):
        shorter = ResponseMatrix(
            items=[name for i, name in enumerate(HAND.items) if i != dropped],
            scores=[[x for i, x in enumerate(row) if i != dropped] for row in HAND.scores],
        )
        assert item.alpha_if_deleted == pytest.approx(analyse(shorter)[0].alpha)


# LSAT section 6 (Bock & Lieberman, 1970): five 0/1 items, 1,000 examinees, given as the 32
# response patterns (item 1 first) with their frequencies, as in R's ltm::LSAT and
# psych::bock.table (column Ob6).
LSAT_PATTERNS = {
    "00000": 3, "00001": 6, "00010": 2, "00011": 11, "00100": 1, "00101": 1, "00110": 3,
    "00111": 4, "01000": 1, "01001": 8, "01010": 0, "01011": 16, "01100": 0, "01101": 3,
    "01110": 2, "01111": 15, "10000": 10, "10001": 29, "10010": 14, "10011": 81, "10100": 3,
    "10101": 28, "10110": 15, "10111": 80, "11000": 16, "11001": 56, "11010": 21, "11011": 173,
    "11100": 11, "11101": 61, "11110": 28, "11111": 298,
}  # fmt: skip
LSAT_ROWS = [
    [float(c) for c in pattern] for pattern, count in LSAT_PATTERNS.items() for _ in range(count)
]
LSAT = ResponseMatrix(items=[f"Item {i}" for i in range(1, 6)], scores=LSAT_ROWS)


def _alpha_from_covariance_matrix(rows: list[list[float]]) -> float:
    """Cronbach's alpha as k/(k-1) * (1 - trace(C) / sum(C)), C the item covariance matrix."""
    columns = list(zip(*rows, strict=True))
    k = len(columns)
    matrix = [[statistics.covariance(a, b) for b in columns] for a in columns]
    trace = sum(matrix[i][i] for i in range(k))
    return k / (k - 1) * (1 - trace / sum(map(sum, matrix)))


def test_lsat_proportions_correct_match_the_published_figures():
    test, items = analyse(LSAT)

    assert test.n_candidates == 1000
    assert [i.difficulty for i in items] == pytest.approx([0.924, 0.709, 0.553, 0.763, 0.870])
    assert test.mean == pytest.approx(0.924 + 0.709 + 0.553 + 0.763 + 0.870)


def test_lsat_statistics_match_an_independent_computation():
    test, items = analyse(LSAT)
    columns = list(zip(*LSAT_ROWS, strict=True))
    totals = [sum(row) for row in LSAT_ROWS]
    alpha = _alpha_from_covariance_matrix(LSAT_ROWS)

    assert test.alpha == pytest.approx(alpha, abs=1e-12)
    assert test.kr20 == pytest.approx(alpha, abs=1e-12)
    assert test.sd == pytest.approx(statistics.pstdev(totals))
    assert test.sem == pytest.approx(statistics.pstdev(totals) * math.sqrt(1 - alpha))
    assert sum(count for _, count in test.distribution) == 1000
    assert dict(test.distribution) == {s: totals.count(s) for s in range(6)}
    for i, item in enumerate(items):
        rest = [t - x for t, x in zip(totals, columns[i], strict=True)]
        others = [[x for j, x in enumerate(row) if j != i] for row in LSAT_ROWS]
        r = statistics.correlation(columns[i], rest)
        assert item.point_biserial_corrected == pytest.approx(r, abs=1e-12)
        assert item.alpha_if_deleted == pytest.approx(_alpha_from_covariance_matrix(others))


def test_lsat_flags_follow_the_thresholds():
    _, items = analyse(LSAT)

    for item in items:
        r, p = item.point_biserial_corrected, item.difficulty
        expected = []
        if r < 0:
            expected.append("negative_discrimination")
        elif r < LOW_DISCRIMINATION:
            expected.append("low_discrimination")
        if p > TOO_EASY:
            expected.append("too_easy")
        if p < TOO_HARD:
            expected.append("too_hard")
        assert item.flags == expected
    assert "too_easy" in items[0].flags  # 0.924 of examinees answer item 1 correctly


def test_lsat_upper_lower_index_uses_the_top_and_bottom_270_examinees():
    test, items = analyse(LSAT)
    # Rank independently: stable sort on total keeps row order among equal totals.
    ranked = sorted(LSAT_ROWS, key=sum, reverse=True)
    upper, lower = ranked[:270], ranked[-270:]

    assert test.group_size == 270
    for i, item in enumerate(items):
        expected = (sum(row[i] for row in upper) - sum(row[i] for row in lower)) / 270
        assert item.upper_lower_index == pytest.approx(expected)


def test_equal_totals_at_the_boundary_are_split_by_row_order():
    # Four candidates with the same total; groups of round(0.27 * 4) = 1.
    matrix = ResponseMatrix(items=["A", "B"], scores=[[1, 0], [0, 1], [1, 0], [0, 1]])
    _, items = analyse(matrix)
    # Upper group: the first row; lower group: the last row.
    assert [i.upper_lower_index for i in items] == [1.0, -1.0]

    reordered = ResponseMatrix(items=["A", "B"], scores=[[0, 1], [1, 0], [0, 1], [1, 0]])
    assert [i.upper_lower_index for i in analyse(reordered)[1]] == [-1.0, 1.0]


def test_partial_credit_uses_the_item_maximum_and_reports_no_kr20():
    # Item A out of 2: 2, 1, 0; item B out of 1: 1, 1, 0. Totals 3, 2, 0, variance 14/9.
    # Item variances 2/3 and 2/9; alpha = 2 * (1 - (8/9) / (14/9)) = 6/7.
    # Corrected r of A is corr(A, B) = (1/3) / sqrt(2/3 * 2/9) = sqrt(3)/2.
    matrix = ResponseMatrix(items=["A", "B"], scores=[[2, 1], [1, 1], [0, 0]], max_scores=[2, 1])
    test, items = analyse(matrix)

    assert test.kr20 is None
    assert test.alpha == pytest.approx(6 / 7)
    assert test.max_total == 3.0
    assert test.distribution == [(0.0, 1), (1.0, 0), (2.0, 1), (3.0, 1)]
    assert [i.difficulty for i in items] == pytest.approx([0.5, 2 / 3])
    assert items[0].point_biserial_corrected == pytest.approx(math.sqrt(3) / 2)
    assert items[0].upper_lower_index == pytest.approx(1.0)  # (2 - 0) / 2


def test_fractional_totals_are_listed_as_observed():
    matrix = ResponseMatrix(items=["A"], scores=[[0.5], [1.5], [0.5]], max_scores=[2])
    assert analyse(matrix)[0].distribution == [(0.5, 2), (1.5, 1)]


def test_a_missing_answer_counts_as_zero():
    with_gap = ResponseMatrix(items=HAND.items, scores=[*HAND.scores[:4], [None, 0, 0, 1]])
    test, items = analyse(with_gap)
    reference, reference_items = analyse(HAND)

    assert test == reference
    assert items[0].omitted == 1
    assert [i.difficulty for i in items] == [i.difficulty for i in reference_items]


def test_distractor_table_counts_each_option_overall_and_in_each_group():
    # Totals 3, 2, 2, 1, 0, 1; groups of round(0.27 * 6) = 2:
    # upper = rows 0 and 1, lower = rows 5 and 4 (row 3 ties row 5 but comes earlier).
    matrix = ResponseMatrix(
        items=["Q1", "Q2", "Q3"],
        scores=[[1, 1, 1], [1, 1, 0], [0, 1, 1], [0, 0, 1], [None, 0, 0], [1, 0, 0]],
        choices=[
            ["B", None, None],
            ["B", None, None],
            ["A", None, None],
            ["C", None, None],
            [None, None, None],
            ["B", None, None],
        ],
        keys=["B", None, None],
        options=[["A", "B", "C", "D"], [], []],
    )
    _, items = analyse(matrix)

    table = items[0].distractors
    sixth = pytest.approx(1 / 6)
    assert list(table) == ["A", "B", "C", "D", OMITTED]
    assert table["A"] == {"count": 1, "proportion": sixth, "upper": 0, "lower": 0}
    assert table["B"] == {"count": 3, "proportion": 0.5, "upper": 2, "lower": 1}
    assert table["C"] == {"count": 1, "proportion": sixth, "upper": 0, "lower": 0}
    assert table["D"] == {"count": 0, "proportion": 0.0, "upper": 0, "lower": 0}
    assert table[OMITTED] == {"count": 1, "proportion": sixth, "upper": 0, "lower": 1}
    assert items[0].omitted == 1
    assert items[1].distractors == {} == items[2].distractors


def test_an_item_everyone_answers_correctly_has_no_correlation_and_is_flagged():
    matrix = ResponseMatrix(items=["easy", "x", "y"], scores=[[1, 1, 0], [1, 0, 1], [1, 1, 1]])
    test, items = analyse(matrix)

    assert items[0].point_biserial_corrected is None
    assert items[0].flags == ["no_variance", "too_easy"]
    assert test.alpha is not None


def test_an_item_nobody_answers_correctly_is_flagged_too_hard():
    matrix = ResponseMatrix(items=["hard", "x"], scores=[[0, 1], [0, 0], [0, 1]])
    assert analyse(matrix)[1][0].flags == ["no_variance", "too_hard"]


def test_equal_totals_give_no_reliability():
    test, items = analyse(ResponseMatrix(items=["A", "B"], scores=[[1, 0], [0, 1]]))

    assert test.sd == 0.0
    assert (test.alpha, test.kr20, test.sem) == (None, None, None)
    assert items[0].point_biserial_corrected == -1.0  # the rest score is the other item


def test_an_empty_matrix_gives_empty_statistics():
    test, items = analyse(ResponseMatrix(items=[], scores=[]))

    assert items == []
    assert (test.n_candidates, test.n_items) == (0, 0)
    assert (test.mean, test.sd, test.alpha, test.kr20, test.sem) == (None,) * 5
    assert test.distribution == []


def test_items_without_candidates_have_no_statistics():
    test, items = analyse(ResponseMatrix(items=["A", "B"], scores=[]))

    assert test.alpha is None
    assert [(i.n, i.difficulty, i.point_biserial_corrected) for i in items] == [(0, None, None)] * 2
    assert [(i.upper_lower_index, i.alpha_if_deleted, i.flags) for i in items] == [
        (None, None, [])
    ] * 2


def test_one_candidate_gives_difficulties_but_no_reliability_or_groups():
    test, items = analyse(ResponseMatrix(items=["A", "B"], scores=[[1, 0]]))

    assert (test.mean, test.sd, test.alpha, test.group_size) == (1.0, 0.0, None, 0)
    assert [i.difficulty for i in items] == [1.0, 0.0]
    assert [i.upper_lower_index for i in items] == [None, None]


def test_one_item_gives_no_reliability_and_no_corrected_correlation():
    test, items = analyse(ResponseMatrix(items=["A"], scores=[[1], [0], [1]]))

    assert (test.alpha, test.kr20, test.sem) == (None, None, None)
    assert items[0].point_biserial_corrected is None
    assert items[0].alpha_if_deleted is None
    assert items[0].difficulty == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        (ResponseMatrix(items=["A", "B"], scores=[[1, 0], [1]]), "row 1 has 1 scores"),
        (ResponseMatrix(items=["A"], scores=[[2]]), "outside 0..1"),
        (ResponseMatrix(items=["A"], scores=[[1]], max_scores=[0]), "must be positive"),
        (ResponseMatrix(items=["A"], scores=[[1]], keys=["A", "B"]), "keys has 2 entries"),
        (ResponseMatrix(items=["A"], scores=[[1]], choices=[["A"], ["B"]]), "numbers of"),
    ],
)
def test_a_malformed_matrix_is_refused(matrix, message):
    with pytest.raises(ValueError, match=message):
        analyse(matrix)


@st.composite
def binary_matrices(draw):
    n = draw(st.integers(min_value=0, max_value=25))
    k = draw(st.integers(min_value=0, max_value=8))
    cell = st.sampled_from([0.0, 1.0, None])
    scores = draw(st.lists(st.lists(cell, min_size=k, max_size=k), min_size=n, max_size=n))
    return ResponseMatrix(items=[f"I{i}" for i in range(k)], scores=scores)


@st.composite
def partial_credit_matrices(draw):
    k = draw(st.integers(min_value=1, max_value=6))
    maxima = draw(st.lists(st.sampled_from([1, 2, 4]), min_size=k, max_size=k))
    row = st.tuples(*(st.integers(0, 4 * m).map(lambda x: x / 4) for m in maxima))
    scores = draw(st.lists(row, min_size=0, max_size=25))
    return ResponseMatrix(items=[f"I{i}" for i in range(k)], scores=scores, max_scores=maxima)


@settings(max_examples=200, deadline=None)
@given(binary_matrices())
def test_for_0_1_items_kr20_equals_alpha_and_no_figure_leaves_its_range(matrix):
    test, items = analyse(matrix)

    assert test.kr20 == pytest.approx(test.alpha)
    if test.alpha is not None:
        assert test.alpha <= 1 + 1e-9
    for item in items:
        assert item.difficulty is None or 0 <= item.difficulty <= 1
        r = item.point_biserial_corrected
        assert r is None or -1 <= r <= 1
        assert item.alpha_if_deleted is None or item.alpha_if_deleted <= 1 + 1e-9
        assert item.upper_lower_index is None or -1 <= item.upper_lower_index <= 1


@settings(max_examples=200, deadline=None)
@given(partial_credit_matrices())
def test_for_partial_credit_alpha_matches_the_covariance_matrix_and_stays_in_range(matrix):
    test, items = analyse(matrix)

    assert all(i.difficulty is None or 0 <= i.difficulty <= 1 for i in items)
    if test.alpha is not None:
        assert test.alpha <= 1 + 1e-9
        assert test.alpha == pytest.approx(
            _alpha_from_covariance_matrix([list(r) for r in matrix.scores]), abs=1e-9
        )
