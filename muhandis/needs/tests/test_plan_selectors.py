"""Priorities with their courses and people in need, and a plan's progress counted from the
training domain's sessions and completed enrolments."""

import datetime

import pytest
from django.utils import timezone

from muhandis.accounts.models import Region
from muhandis.accounts.tests.factories import UserFactory
from muhandis.competencies.models import Competency
from muhandis.needs.models import PlanLine, TrainingPlan
from muhandis.needs.selectors import plans as selectors
from muhandis.training.tests.factories import (
    CourseSessionFactory,
    EnrolmentFactory,
    RoomFactory,
    VenueFactory,
)

from .factories import answer, make_survey
from .factories_plan import answered_survey, course_for

pytestmark = pytest.mark.django_db


def at(year, month, day):
    return timezone.make_aware(datetime.datetime(year, month, day, 9))


def test_each_top_priority_comes_with_its_courses_or_a_course_needed(
    django_assert_max_num_queries,
):
    survey = answered_survey()
    course_for("REG-01", code="NORMS")
    course_for("LEG-01", "LEG-03", code="FIDIC")
    course_for("LEG-01", code="DRAFT", is_published=False)
    with django_assert_max_num_queries(5):
        found = selectors.priorities(survey)
    assert found.respondents == 6
    by_code = {p.result.code: p for p in found.proposals}
    assert list(by_code) == ["REG-01", "REG-02", "LEG-01"]
    assert [c.code for c in by_code["REG-01"].courses] == ["NORMS"]
    assert [c.code for c in by_code["LEG-01"].courses] == ["FIDIC"]
    assert by_code["REG-02"].course_needed
    middle = selectors.priorities(survey, include_middle=True)
    assert [p.result.priority for p in middle.proposals].count("middle") == 3


def test_people_in_need_by_region_and_gender_are_suppressed_where_small():
    survey = make_survey(areas=("REG",), suppression_threshold=3)
    tashkent, samarkand = Region.objects.get(code="UZ-TK"), Region.objects.get(code="UZ-SA")
    for _ in range(4):
        answer(survey, {"REG-01": (4, 1), "REG-02": (1, 1)}, gender="female", region=tashkent)
    answer(survey, {"REG-01": (4, 2), "REG-02": (3, 1)}, gender="male", region=samarkand)
    answer(survey, {"REG-01": (2, 3)}, gender="male", region=samarkand)  # no gap
    items = {item.competency.code: item.pk for item in survey.items.select_related("competency")}
    needs = selectors.needs_by_item(survey, items.values())
    regulation = needs[items["REG-01"]]
    assert regulation.total == 5
    # One person in Samarkand is hidden, and Tashkent with it so that 5 − 4 gives nothing away.
    assert {c.label: c.count for c in regulation.by_region} == {
        "Tashkent City": None,
        "Samarkand Region": None,
    }
    assert {c.key: c.count for c in regulation.by_gender} == {"female": None, "male": None}
    permits = needs[items["REG-02"]]
    assert permits.total is None  # one person: not even the total is shown
    assert permits.by_region == []
    assert permits.by_gender == []


@pytest.fixture
def progress_setup():
    survey = answered_survey(suppression_threshold=3)
    course = course_for("REG-01", code="NORMS")
    tashkent = Region.objects.get(code="UZ-TK")
    samarkand = Region.objects.get(code="UZ-SA")
    plan = TrainingPlan.objects.create(survey=survey, title="Plan", title_uz="Reja", year=2027)
    competency = Competency.objects.get(framework__code="MUHANDIS-CORE", code="REG-01")
    everywhere = PlanLine.objects.create(
        plan=plan, competency=competency, course=course, quarter=1, target=10
    )
    in_samarkand = PlanLine.objects.create(
        plan=plan, competency=competency, course=course, region=samarkand, quarter=1, target=4
    )
    needed = PlanLine.objects.create(plan=plan, competency=competency, quarter=2, target=30)
    samarkand_room = RoomFactory(venue=VenueFactory(region=samarkand, city="Samarkand"))
    tashkent_room = RoomFactory(venue=VenueFactory(region=tashkent))

    def session(when, room, status="held"):
        return CourseSessionFactory(course=course, starts_at=when, room=room, status=status)

    def completed(session, gender, n, status="completed"):
        for _ in range(n):
            EnrolmentFactory(session=session, person=UserFactory(gender=gender), status=status)

    february = session(at(2027, 2, 10), tashkent_room)
    completed(february, "female", 3)
    completed(february, "male", 4)
    completed(february, "male", 2, status="not_completed")
    march = session(at(2027, 3, 20), samarkand_room)
    completed(march, "male", 1)
    session(at(2027, 1, 25), None, status="open")  # online, not yet held
    completed(session(at(2027, 5, 5), tashkent_room), "female", 5)  # second quarter
    completed(session(at(2027, 2, 1), tashkent_room, status="cancelled"), "female", 5)
    completed(session(at(2026, 2, 1), tashkent_room), "female", 5)  # another year
    return plan, everywhere, in_samarkand, needed


def test_progress_counts_sessions_and_completed_people_per_line(
    progress_setup, django_assert_max_num_queries
):
    plan, everywhere, in_samarkand, needed = progress_setup
    plan = TrainingPlan.objects.select_related("survey").get(pk=plan.pk)
    with django_assert_max_num_queries(3):
        progress = selectors.plan_progress(plan)
    lines = {item.line.pk: item for item in progress.lines}
    first = lines[everywhere.pk]
    assert (first.sessions_held, first.sessions_scheduled, first.trained) == (2, 1, 8)
    assert {c.key: c.count for c in first.by_gender} == {"female": 3, "male": 5}
    assert first.percent == 80
    samarkand = lines[in_samarkand.pk]
    assert (samarkand.sessions_held, samarkand.sessions_scheduled, samarkand.trained) == (1, 0, 1)
    assert samarkand.by_gender == []  # one person: too few to show by gender
    assert samarkand.percent == 25
    course_needed = lines[needed.pk]
    assert (course_needed.sessions_held, course_needed.trained) == (0, 0)
    assert (progress.target, progress.trained, progress.sessions_held) == (44, 9, 3)
    assert progress.percent == 20


def test_progress_stops_at_the_full_bar_when_the_target_is_passed(progress_setup):
    plan, everywhere, _samarkand, _needed = progress_setup
    PlanLine.objects.filter(pk=everywhere.pk).update(target=2)
    progress = selectors.plan_progress(plan)
    assert next(i for i in progress.lines if i.line.pk == everywhere.pk).percent == 100
