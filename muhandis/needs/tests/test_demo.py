"""The demo needs assessment: two waves with clear priorities, published findings and a plan."""

import time

import pytest

from muhandis.accounts import demo as accounts_demo
from muhandis.billing import demo as billing_demo
from muhandis.needs import demo
from muhandis.needs.models import Rating, Response, Survey, TrainingPlan
from muhandis.needs.selectors.analysis import analyse
from muhandis.training import demo as training_demo

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(module_db):
    """The demo, loaded once for this module's tests; how long its needs part took."""
    with module_db():
        for load in (accounts_demo.load, billing_demo.load, training_demo.load):
            load(lambda line: None)
        started = time.monotonic()
        demo.load(lambda line: None)
        return time.monotonic() - started


def test_the_demo_shows_clear_priorities_across_two_waves_and_a_plan(loaded):
    counts = (Survey.objects.count(), Response.objects.count(), Rating.objects.count())
    plans = TrainingPlan.objects.count()
    demo.load(lambda line: None)
    assert (Survey.objects.count(), Response.objects.count(), Rating.objects.count()) == counts
    assert TrainingPlan.objects.count() == plans == 1
    assert loaded < 5

    # Regulatory and legal competencies lead, technical ones trail.
    survey = Survey.objects.get(code=demo.CODE_2026)
    assert survey.previous_wave.code == demo.CODE_2025
    analysis = analyse(survey)
    assert 250 <= analysis.respondents <= 350
    top = [r for r in analysis.competencies if r.priority == "top"]
    assert {r.area_code for r in top[:5]} <= {"REG", "LEG"}
    assert all(r.area_code != "TEC" for r in top)
    genders = set(survey.responses.values_list("gender", flat=True))
    assert genders == {"female", "male", "undisclosed"}
    assert survey.responses.filter(region__country="KZ").exists()

    # Between the waves, the gap in hydraulics closed and the gap in permits widened.
    now = analyse(Survey.objects.get(code=demo.CODE_2026)).by_code()
    before = analyse(Survey.objects.get(code=demo.CODE_2025)).by_code()
    assert now["TEC-01"].figures.mwds < before["TEC-01"].figures.mwds - 1
    assert now["REG-02"].figures.mwds > before["REG-02"].figures.mwds + 1

    # The plan has demo courses and a line saying a course is needed.
    plan = TrainingPlan.objects.get()
    assert plan.title_en == "Training plan 2027"
    assert plan.title_ru == "План обучения на 2027 год"
    assert plan.title_uz == "Oʻquv rejasi 2027"
    codes = set(plan.lines.exclude(course=None).values_list("course__code", flat=True))
    assert {"LEG-FIDIC", "REG-NORMS"} <= codes
    assert plan.lines.filter(course=None).exists()


def test_the_home_page_shows_the_findings_in_uzbek_and_russian(loaded, client):
    uzbek = client.get("/uz/").content.decode()
    assert "Ehtiyojlarni baholash soʻrovi 2026" in uzbek
    assert "Texnik meʼyorlar va standartlar" in uzbek
    assert "Technical norms and standards" not in uzbek
    russian = client.get("/ru/").content.decode()
    assert "Опрос потребностей в обучении 2026" in russian
    assert "Технические нормы и стандарты" in russian
    assert "300" in russian
