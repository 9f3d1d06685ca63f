"""Two waves compared: which gaps closed, which widened, which cannot be compared."""

import pytest

from muhandis.competencies.models import RoleProfile
from muhandis.needs.analysis import Moments, welch_t
from muhandis.needs.models import Survey
from muhandis.needs.selectors.analysis import full_analysis
from muhandis.needs.selectors.waves import Verdict, compare_waves

from .factories import answer, make_survey
from .factories_analysis import answer_many, engineers, invite

pytestmark = pytest.mark.django_db

WIDE = [(4, 1), (4, 1), (4, 2), (4, 1), (4, 2), (4, 1)]  # gaps 3, 3, 2, 3, 2, 3
NARROW = [(4, 4), (4, 3), (4, 4), (4, 3), (4, 4), (4, 4)]  # gaps 0, 1, 0, 1, 0, 0
STEADY = [(3, 2), (3, 1), (3, 2), (3, 1), (3, 2), (3, 1)]


def _gaps(pairs):
    return Moments.of([i - c for i, c in pairs])


@pytest.fixture
def waves():
    earlier = make_survey(areas=("FIN", "LEG"))
    later = make_survey(areas=("FIN", "LEG", "TEC"), previous_wave=earlier)
    for survey, first, second in ((earlier, WIDE, NARROW), (later, NARROW, WIDE)):
        for index in range(6):
            answer(
                survey,
                {"FIN-01": first[index], "FIN-02": second[index], "FIN-03": STEADY[index]},
            )
    answer_many(earlier, WIDE[:3], code="LEG-01")  # three answers: too few
    answer_many(later, WIDE, code="LEG-01")
    answer_many(later, WIDE, code="TEC-01")  # asked in the later wave only
    return earlier, later


def test_gaps_that_closed_widened_or_held_are_told_apart(waves, django_assert_max_num_queries):
    earlier, later = waves
    with django_assert_max_num_queries(4):
        comparison = compare_waves(earlier=earlier, later=later)
    changes = {change.code: change for change in comparison.changes}

    closed = changes["FIN-01"]
    expected = welch_t(_gaps(NARROW), _gaps(WIDE))
    assert closed.verdict == Verdict.CLOSED
    assert closed.test.statistic == pytest.approx(expected.statistic)
    assert closed.test.effect == pytest.approx(expected.effect)
    assert closed.discrepancy_change == pytest.approx(2 / 6 - 16 / 6)
    assert closed.mwds_change == pytest.approx(4 * 2 / 6 - 4 * 16 / 6)
    # Three competencies tested: Holm multiplies the smallest p by three.
    assert closed.p_adjusted == pytest.approx(min(1.0, 3 * expected.p))
    assert changes["FIN-02"].verdict == Verdict.WIDENED
    assert changes["FIN-03"].verdict == Verdict.NO_CLEAR_CHANGE
    assert changes["FIN-03"].discrepancy_change == pytest.approx(0)
    assert changes["LEG-01"].verdict == Verdict.NOT_COMPARABLE
    assert changes["LEG-01"].test is None
    assert changes["LEG-01"].earlier.respondents == 3
    assert changes["TEC-01"].verdict == Verdict.NOT_COMPARABLE
    assert changes["TEC-01"].earlier is None
    assert [c.code for c in comparison.closed] == ["FIN-01"]
    assert [c.code for c in comparison.widened] == ["FIN-02"]


def test_waves_on_different_scales_are_not_compared():
    earlier = make_survey(areas=("FIN",))
    later = make_survey(areas=("FIN",), scale="borich")
    answer_many(earlier, WIDE)
    answer_many(later, [(5, 1)] * 6)
    comparison = compare_waves(earlier=earlier, later=later)
    assert not comparison.comparable
    assert {c.verdict for c in comparison.changes} == {Verdict.NOT_COMPARABLE}


def test_the_full_analysis_stays_within_twenty_queries(waves, django_assert_max_num_queries):
    earlier, later = waves
    later.role_profile = RoleProfile.objects.get(framework__code="MUHANDIS-CORE", code="PM")
    later.save()
    later = Survey.objects.get(pk=later.pk)
    invite(later, 10, answered=6, distribution="Members", gender="female")
    engineers(12, gender="female")
    answer_many(later, WIDE * 2, code="FIN-01", gender="female", sector="water")
    with django_assert_max_num_queries(20):
        result = full_analysis(later)
    assert result.respondents == 6 + 6 + 6 + 12
    assert set(result.breakdowns) == {
        "gender", "region", "sector", "job_role", "employer_size", "experience", "kind",
    }  # fmt: skip
    assert result.rates.invited == 10
    assert result.waves.earlier == earlier
    assert [c.code for c in result.waves.widened] == ["FIN-02"]
    assert result.by_code()["FIN-01"].figures.respondents == 18
    assert result.by_code()["FIN-01"].share_below_profile is not None
