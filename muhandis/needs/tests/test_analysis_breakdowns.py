"""Breakdowns by group: small groups suppressed in every table, "not stated" shown but never
tested, and differences flagged only when significant after correction and not tiny."""

import random

import pytest

from muhandis.accounts.models import Region
from muhandis.needs.analysis import GroupTestKind, Moments, Sums, borich, welch_anova, welch_t
from muhandis.needs.selectors.analysis import current_levels
from muhandis.needs.selectors.breakdowns import (
    DIMENSIONS,
    NOT_STATED,
    breakdowns,
    group_key,
    read_group_sums,
)

from .factories import answer, make_survey
from .factories_analysis import answer_many

pytestmark = pytest.mark.django_db

WOMEN = [(4, 1), (4, 1), (4, 2), (4, 1), (4, 2), (4, 1)]  # gaps 3, 3, 2, 3, 2, 3
MEN = [(4, 4), (4, 3), (4, 4), (4, 3), (4, 4), (4, 4)]  # gaps 0, 1, 0, 1, 0, 0


def _gaps(pairs):
    return Moments.of([i - c for i, c in pairs])


def test_a_small_group_and_its_partner_are_hidden_in_every_table_of_the_dimension(
    django_assert_max_num_queries,
):
    survey = make_survey(areas=("FIN",))
    answer_many(survey, [(4, 2)] * 6, gender="female")
    answer_many(survey, [(3, 2)] * 7, gender="male")
    answer_many(survey, [(4, 0)] * 2)  # gender not given: two people
    with django_assert_max_num_queries(6):
        gender = breakdowns(survey)["gender"]

    # "Not stated" (2) is under 5; alone it could be worked out from the total, so the next
    # smallest group (women, 6) is hidden with it.
    groups = {group.key: group for group in gender.groups}
    assert [group.key for group in gender.groups] == ["female", "male", NOT_STATED]
    assert (groups["female"].suppressed, groups["female"].respondents) == (True, None)
    assert (groups["male"].suppressed, groups["male"].respondents) == (False, 7)
    assert groups[NOT_STATED].suppressed
    assert not groups[NOT_STATED].stated
    assert gender.respondents == 15
    for row in [gender.overall, *gender.areas, *gender.rows]:
        assert row.cells["female"].suppressed
        assert row.cells["female"].mwds is None
        assert row.cells[NOT_STATED].suppressed
        assert row.cells[NOT_STATED].n is None
    fin01 = gender.rows[0]
    assert fin01.code == "FIN-01"
    assert fin01.cells["male"].n == 7
    assert fin01.cells["male"].mwds == pytest.approx(borich([(3, 2)] * 7).mwds)
    assert fin01.total.n == 15
    assert fin01.difference is None  # one shown group: nothing to compare
    # A competency nobody rated shows zeros, which reveal nobody.
    assert gender.rows[1].cells["male"].n == 0


def test_a_group_too_small_for_one_competency_is_hidden_in_that_row_with_a_partner():
    survey = make_survey(areas=("FIN",))
    answer_many(survey, [(4, 2)] * 6, gender="female")
    answer_many(survey, [(3, 2)] * 6, gender="male")
    answer_many(survey, [(4, 1)] * 3, code="FIN-02", gender="female")
    answer_many(survey, [(4, 1)] * 9, code="FIN-02", gender="male")
    gender = breakdowns(survey)["gender"]
    by_code = {row.code: row for row in gender.rows}
    assert not any(group.suppressed for group in gender.groups)  # 9 women, 15 men
    fin02 = by_code["FIN-02"]
    assert fin02.cells["female"].suppressed  # 3 answers
    assert fin02.cells["male"].suppressed  # its partner: 12 − 9 would give the women away
    assert fin02.total.n == 12
    assert by_code["FIN-01"].cells["female"].n == 6


def test_a_clear_difference_between_women_and_men_is_flagged_and_not_stated_is_not_tested():
    survey = make_survey(areas=("FIN",))
    answer_many(survey, WOMEN, gender="female")
    answer_many(survey, MEN, gender="male")
    answer_many(survey, [(4, 0), (4, 4), (4, 0), (4, 4), (4, 0)], gender="undisclosed")
    gender = breakdowns(survey)["gender"]

    row = gender.rows[0]
    assert row.cells[NOT_STATED].n == 5  # shown: five people
    expected = welch_t(_gaps(WOMEN), _gaps(MEN))
    difference = row.difference
    assert difference.groups == ("female", "male")
    assert difference.test.kind == GroupTestKind.WELCH_T
    assert difference.test.statistic == pytest.approx(expected.statistic)
    assert difference.test.p == pytest.approx(expected.p)
    assert difference.test.effect == pytest.approx(expected.effect)
    assert difference.p_adjusted == pytest.approx(expected.p)  # the only competency tested
    assert difference.meaningful
    assert row.flagged
    assert gender.flagged == [row]
    assert gender.tested == 1


def test_holm_corrects_over_the_competencies_of_the_dimension():
    survey = make_survey(areas=("FIN",))
    answer_many(survey, WOMEN, gender="female")
    answer_many(survey, MEN, gender="male")
    near = [(3, 2), (3, 1), (3, 2), (3, 2), (3, 1), (3, 2)]
    answer_many(survey, near, code="FIN-02", gender="female")
    answer_many(
        survey, [(3, 1), (3, 2), (3, 1), (3, 2), (3, 1), (3, 2)], code="FIN-02", gender="male"
    )
    rows = {row.code: row for row in breakdowns(survey)["gender"].rows}
    p1, p2 = rows["FIN-01"].difference.test.p, rows["FIN-02"].difference.test.p
    assert p1 < p2
    assert rows["FIN-01"].difference.p_adjusted == pytest.approx(min(1, 2 * p1))
    assert rows["FIN-02"].difference.p_adjusted == pytest.approx(max(min(1, 2 * p1), p2))
    assert not rows["FIN-02"].flagged


def test_three_sectors_are_compared_with_welchs_anova():
    survey = make_survey(areas=("FIN",))
    samples = {
        "construction": [(4, 1), (4, 2), (4, 1), (4, 1), (4, 2)],
        "water": [(4, 3), (4, 2), (4, 3), (4, 3), (4, 2)],
        "design": [(4, 4), (4, 3), (4, 4), (4, 4), (4, 3)],
    }
    for sector, pairs in samples.items():
        answer_many(survey, pairs, sector=sector)
    row = breakdowns(survey)["sector"].rows[0]
    expected = welch_anova([_gaps(pairs) for pairs in samples.values()])
    assert row.difference.groups == ("construction", "water", "design")
    assert row.difference.test.kind == GroupTestKind.WELCH_ANOVA
    assert row.difference.test.statistic == pytest.approx(expected.statistic)
    assert row.difference.test.effect == pytest.approx(expected.effect)
    assert row.flagged


def test_a_suppressed_group_is_never_tested():
    survey = make_survey(areas=("FIN",))
    answer_many(survey, WOMEN[:3], gender="female")
    answer_many(survey, MEN, gender="male")
    answer_many(survey, MEN, sector="water")
    row = breakdowns(survey)["gender"].rows[0]
    assert row.cells["female"].suppressed
    assert row.difference is None


def test_regions_are_named_and_respondent_kinds_compared():
    survey = make_survey(areas=("FIN",))
    tashkent = Region.objects.get(code="UZ-TK")
    answer_many(survey, WOMEN, region=tashkent, kind="self")
    answer_many(survey, MEN, region=tashkent, kind="supervisor")
    tables = breakdowns(survey)
    assert [(g.key, g.label, g.respondents) for g in tables["region"].groups] == [
        (str(tashkent.pk), tashkent.name, 12)
    ]
    kind = tables["kind"]
    assert [g.key for g in kind.groups] == ["self", "supervisor"]
    assert kind.rows[0].difference.groups == ("self", "supervisor")
    assert kind.rows[0].flagged


def test_the_threshold_is_the_surveys_own():
    survey = make_survey(areas=("FIN",), suppression_threshold=7)
    answer_many(survey, WOMEN, gender="female")
    answer_many(survey, [*MEN, (4, 4)], gender="male")
    gender = breakdowns(survey)["gender"]
    assert [g.suppressed for g in gender.groups] == [True, True]
    # Women (6) are under 7; the men are hidden with them. Two hidden cells keep the total.
    assert gender.respondents == 13


def test_the_grouped_reading_equals_the_plain_computation_for_every_dimension():
    chooser = random.Random(15)
    survey = make_survey(areas=("FIN",))
    regions = [*Region.objects.filter(code__in=["UZ-TK", "UZ-SA", "UZ-AN"]), None]
    options = {
        "gender": ["female", "male", "undisclosed", ""],
        "sector": ["construction", "water", "design", ""],
        "job_role": ["design", "site", ""],
        "employer_size": ["micro", "large", ""],
        "experience": ["0-2", "20+", ""],
        "kind": ["self", "supervisor"],
    }
    answers = []
    for _n in range(60):
        background = {field: chooser.choice(values) for field, values in options.items()}
        background["region"] = chooser.choice(regions)
        ratings = {
            code: (chooser.randint(0, 4), chooser.randint(0, 4))
            for code in ("FIN-01", "FIN-02", "FIN-03")
            if chooser.random() < 0.8
        }
        answer(survey, ratings, **background)
        answers.append((background, ratings))

    read = read_group_sums(survey)
    items = {item.competency.code: item.id for item in survey.items.select_related("competency")}
    fields = {d.key: ("region" if d.key == "region" else d.field) for d in DIMENSIONS}
    for dimension in DIMENSIONS:
        expected: dict[tuple[int, str], list[tuple[int, int]]] = {}
        for background, ratings in answers:
            value = background[fields[dimension.key]]
            key = group_key(value.pk if hasattr(value, "pk") else value)
            for code, pair in ratings.items():
                expected.setdefault((items[code], key), []).append(pair)
        found = {
            (item_id, key): sums
            for item_id, groups in read.sums[dimension.key].items()
            for key, sums in groups.items()
        }
        assert set(found) == set(expected), dimension.key
        for slot, pairs in expected.items():
            assert found[slot] == pytest.approx(Sums.of(pairs)), (dimension.key, slot)
    assert read.histogram == current_levels(survey)
