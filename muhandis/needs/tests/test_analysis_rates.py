"""Response rates per distribution list, region and gender, and the warning for a group the
respondents under-represent against the register of engineers."""

import pytest

from muhandis.accounts.models import Region
from muhandis.needs.selectors.breakdowns import NOT_STATED
from muhandis.needs.selectors.rates import response_rates, under_represented

from .factories import answer, make_survey
from .factories_analysis import answer_many, engineers, invite

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    return Region.objects.get(code="UZ-TK"), Region.objects.get(code="UZ-SA")


def test_rates_per_list_region_and_gender_and_public_answers_counted_apart(
    regions, django_assert_max_num_queries
):
    tashkent, samarkand = regions
    survey = make_survey(areas=("FIN",))
    invite(survey, 10, answered=6, distribution="Members", region=tashkent, gender="female")
    invite(survey, 10, answered=4, distribution="Members", region=tashkent, gender="male")
    invite(survey, 10, answered=5, distribution="Employers", region=samarkand, gender="male")
    invite(survey, 6, answered=0, distribution="Universities")
    invite(survey, 9, distribution="Universities", sent=False)  # not sent yet: not counted
    answer(survey, {"FIN-01": (3, 1)})  # public link
    answer(survey, {"FIN-01": (3, 1)}, channel="imported")
    answer(survey, {"FIN-01": (3, 1)}, submitted=False)  # still answering: not counted
    with django_assert_max_num_queries(5):
        rates = response_rates(survey)

    assert (rates.invited, rates.answered) == (36, 15)
    assert rates.rate == pytest.approx(15 / 36)
    assert rates.other_responses == 2
    lists = {row.key: row for row in rates.tables["distribution"].rows}
    assert (lists["Members"].invited, lists["Members"].answered) == (20, 10)
    assert lists["Members"].rate == pytest.approx(0.5)
    assert (lists["Universities"].answered, lists["Universities"].rate) == (0, 0.0)
    by_region = {row.key: row for row in rates.tables["region"].rows}
    assert by_region[str(tashkent.pk)].label == tashkent.name
    assert by_region[str(samarkand.pk)].rate == pytest.approx(0.5)
    assert by_region[NOT_STATED].invited == 6
    by_gender = {row.key: row for row in rates.tables["gender"].rows}
    assert (by_gender["female"].answered, by_gender["male"].answered) == (6, 9)
    assert rates.tables["gender"].total.answered == 15


def test_a_small_answered_count_is_hidden_with_a_partner():
    survey = make_survey(areas=("FIN",))
    invite(survey, 30, answered=20, distribution="Members")
    invite(survey, 10, answered=8, distribution="Employers")
    invite(survey, 5, answered=2, distribution="Event")
    rows = {row.key: row for row in response_rates(survey).tables["distribution"].rows}
    assert rows["Event"].suppressed
    assert rows["Event"].answered is None
    assert rows["Event"].rate is None
    assert rows["Event"].invited == 5
    assert rows["Employers"].suppressed  # else 30 − 20 − 8 gives the event away
    assert rows["Members"].answered == 20


def test_women_answering_less_than_their_share_of_the_register_raise_a_warning(regions):
    tashkent, samarkand = regions
    survey = make_survey(areas=("FIN",))
    engineers(10, gender="female", region=tashkent)
    engineers(10, gender="male", region=tashkent)
    engineers(20, gender="male", region=samarkand)
    engineers(15, gender="female", region=samarkand, revoked=True)  # no longer engineers
    answer_many(survey, [(3, 1)] * 6, gender="female", region=tashkent)
    answer_many(survey, [(3, 1)] * 24, gender="male", region=tashkent)
    answer_many(survey, [(3, 1)] * 10, gender="male", region=samarkand)
    answer_many(survey, [(3, 1)] * 20, gender="female", kind="supervisor")  # not compared

    representation = response_rates(survey).representation
    gender = {row.key: row for row in representation["gender"].rows}
    # Women: 6 of 40 respondents (15 %) against 10 of 40 engineers (25 %): below 80 % of
    # their share and 10 points lower.
    assert gender["female"].respondent_share == pytest.approx(0.15)
    assert gender["female"].register_share == pytest.approx(0.25)
    assert gender["female"].under_represented
    assert not gender["male"].under_represented
    region = {row.key: row for row in representation["region"].rows}
    # Samarkand: 10 of 40 (25 %) against 20 of 40 (50 %).
    assert region[str(samarkand.pk)].under_represented
    assert region[str(samarkand.pk)].label == samarkand.name
    assert [row.key for _table, row in response_rates(survey).warnings] == [
        "female",
        str(samarkand.pk),
    ]


def test_a_small_group_stays_suppressed_in_the_representation(regions):
    tashkent, _samarkand = regions
    survey = make_survey(areas=("FIN",))
    engineers(10, gender="female", region=tashkent)
    engineers(30, gender="male", region=tashkent)
    answer_many(survey, [(3, 1)] * 2, gender="female")
    answer_many(survey, [(3, 1)] * 38, gender="male")
    female = response_rates(survey).representation["gender"].rows[0]
    assert female.key == "female"
    assert (female.respondents, female.respondent_share) == (None, None)
    assert female.respondents_suppressed
    assert female.under_represented  # 5 % against 25 %: the warning says so, not how many


@pytest.mark.parametrize(
    ("respondents", "register", "warned"),
    [
        (0.14, 0.20, True),  # 70 % of the share, 6 points lower
        (0.16, 0.20, False),  # exactly 80 %: not below it
        (0.10, 0.14, False),  # 71 % of the share but only 4 points lower
        (0.40, 0.50, False),  # 10 points lower but 80 % of the share
        (0.39, 0.50, True),
    ],
)
def test_the_rule_needs_both_a_fifth_less_and_five_points_less(respondents, register, warned):
    assert under_represented(respondents, register) is warned
