import pytest

from muhandis.needs.analysis import Priority, borich
from muhandis.needs.selectors.analysis import analyse

from .factories import answer, make_survey

pytestmark = pytest.mark.django_db


def test_a_survey_asks_about_every_competency_of_the_chosen_areas_on_the_framework_scale():
    survey = make_survey(areas=("FIN", "LEG"))
    codes = [item.competency.code for item in survey.items.select_related("competency")]
    assert codes[:3] == ["FIN-01", "FIN-02", "FIN-03"]
    assert {code[:3] for code in codes} == {"FIN", "LEG"}
    assert (survey.scale_min, survey.scale_max) == (0, 4)


def test_the_database_figures_match_the_plain_computation_and_rank_the_greatest_need_first():
    survey = make_survey(areas=("FIN",))
    pairs = {"FIN-01": [(4, 1), (3, 1), (4, 2)], "FIN-02": [(2, 2), (3, 2), (2, 1)]}
    for index in range(3):
        answer(survey, {code: values[index] for code, values in pairs.items()})
    answer(survey, {"FIN-01": (0, 4)}, submitted=False)  # still answering: not counted
    answer(survey, {"FIN-02": (4, None)})  # half a pair: not counted

    result = analyse(survey)

    assert result.respondents == 4
    first, second = result.competencies
    assert (first.code, first.rank, first.priority) == ("FIN-01", 1, Priority.TOP)
    expected = borich(pairs["FIN-01"])
    assert first.figures.mwds == pytest.approx(expected.mwds)
    assert first.figures.low == pytest.approx(expected.low)
    assert second.figures.respondents == 3
    assert [area.code for area in result.areas] == ["FIN"]
    assert result.areas[0].figures.respondents == 6
