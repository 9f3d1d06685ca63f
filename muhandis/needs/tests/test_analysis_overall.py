"""The overall figures of a survey: the ranked discrepancy model beside the Borich ranking, and
the share of respondents below a role profile's required level."""

import pytest

from muhandis.competencies.models import RoleProfile
from muhandis.needs.selectors.analysis import analyse, full_analysis

from .factories import answer, make_survey

pytestmark = pytest.mark.django_db

# The project manager's profile requires FIN-01 at level 3, FIN-02 at 2, FIN-03 at 3.
ANSWERS = {
    "FIN-01": [(4, 1), (3, 3), (4, 2), (2, 4)],  # gaps 3, 0, 2, −2
    "FIN-02": [(4, 2), (4, 2), (4, 4), (4, 4)],  # gaps 2, 2, 0, 0
    "FIN-03": [(4, 2), (4, 2), (4, 2), (4, 2)],  # gaps 2, 2, 2, 2
}


def _answered(**fields):
    survey = make_survey(areas=("FIN",), **fields)
    for index in range(4):
        answer(survey, {code: pairs[index] for code, pairs in ANSWERS.items()})
    return survey


def test_the_ranked_discrepancy_model_ranks_those_who_fall_short_apart_from_the_borich_score():
    result = analyse(_answered()).by_code()
    # MWDS: FIN-03 4·2 = 8, FIN-02 4·1 = 4, FIN-01 3.25·0.75 = 2.4375.
    assert [result[c].rank for c in ("FIN-03", "FIN-02", "FIN-01")] == [1, 2, 3]
    # RDM = Σ positive gaps / N: FIN-03 8/4 = 2, FIN-01 5/4 = 1.25, FIN-02 4/4 = 1.
    assert result["FIN-01"].figures.rdm == pytest.approx(1.25)
    assert result["FIN-02"].figures.rdm == pytest.approx(1.0)
    assert [result[c].rdm_rank for c in ("FIN-03", "FIN-01", "FIN-02")] == [1, 2, 3]
    assert result["FIN-01"].figures.mean_positive_discrepancy == pytest.approx(2.5)


def test_the_share_below_a_role_profile_counts_current_levels_under_the_required_one(
    django_assert_max_num_queries,
):
    profile = RoleProfile.objects.get(framework__code="MUHANDIS-CORE", code="PM")
    survey = _answered(role_profile=profile)
    with django_assert_max_num_queries(6):
        result = analyse(survey)
    by_code = result.by_code()
    assert result.profile == profile
    # FIN-01 needs 3: current 1, 3, 2, 4 → two of four below.
    assert (by_code["FIN-01"].required_level, by_code["FIN-01"].share_below_profile) == (3, 0.5)
    assert by_code["FIN-02"].share_below_profile == 0.0  # needs 2: 2, 2, 4, 4
    assert by_code["FIN-03"].share_below_profile == 1.0  # needs 3: all at 2


def test_a_profile_can_be_chosen_for_the_report_and_none_gives_no_share():
    survey = _answered()
    assert analyse(survey).by_code()["FIN-01"].share_below_profile is None
    design = RoleProfile.objects.get(framework__code="MUHANDIS-CORE", code="OPS")
    assert analyse(survey, profile=design).by_code()["FIN-01"].required_level == 1


def test_a_survey_on_a_borich_scale_has_no_share_below_the_profile():
    profile = RoleProfile.objects.get(framework__code="MUHANDIS-CORE", code="PM")
    survey = make_survey(areas=("FIN",), scale="borich", role_profile=profile)
    answer(survey, {"FIN-01": (5, 1)})
    result = analyse(survey).by_code()["FIN-01"]
    assert result.share_below_profile is None
    assert result.required_level is None


def test_a_survey_nobody_answered_yet_gives_empty_tables_not_an_error():
    survey = make_survey(areas=("FIN",))
    result = full_analysis(survey)
    assert (result.respondents, result.competencies, result.waves) == (0, [], None)
    gender = result.breakdowns["gender"]
    assert gender.respondents == 0
    assert [row.total.n for row in gender.rows] == [0, 0, 0]
    assert gender.flagged == []
    assert (result.rates.invited, result.rates.rate) == (0, None)
