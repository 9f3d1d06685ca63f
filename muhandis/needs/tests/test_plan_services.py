"""Training plans: created from a survey's priorities, lines checked field by field, only
managers change them, every change audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from muhandis.accounts.models import Region
from muhandis.competencies.models import Competency
from muhandis.core.models import AuditEntry
from muhandis.needs.models import PlanLine
from muhandis.needs.services import plans

from .factories_plan import answered_survey, course_for

pytestmark = pytest.mark.django_db

TITLES = {"uz": "Oʻquv rejasi 2027", "ru": "План обучения 2027", "en": "Training plan 2027"}


def competency(code):
    return Competency.objects.get(framework__code="MUHANDIS-CORE", code=code)


@pytest.fixture
def survey():
    return answered_survey(status="closed")


@pytest.fixture
def plan(survey, training_manager):
    return plans.create_plan(actor=training_manager, survey=survey, titles=TITLES, year=2027)


def test_a_plan_starts_with_a_line_per_top_priority_and_its_first_course(survey, training_manager):
    norms_b = course_for("REG-01", code="NORMS-B")
    course_for("REG-01", code="NORMS-A")
    course_for("REG-01", code="HIDDEN", is_published=False)
    plan = plans.create_plan(actor=training_manager, survey=survey, titles=TITLES, year=2027)
    assert (plan.title_uz, plan.title_ru, plan.title_en) == tuple(TITLES.values())
    lines = {line.competency.code: line for line in plan.lines.select_related("competency")}
    assert set(lines) == {"REG-01", "REG-02", "LEG-01"}
    assert lines["REG-01"].course.code == "NORMS-A"
    assert norms_b.code != lines["REG-01"].course.code
    assert lines["REG-02"].course is None  # a course is needed
    assert lines["REG-01"].target == 6  # everyone who answered lacks it
    assert all(line.region is None and 1 <= line.quarter <= 4 for line in lines.values())
    entry = AuditEntry.objects.get(action="needs.plan.created")
    assert entry.actor == training_manager
    assert entry.after["survey"] == survey.code


def test_middle_priorities_are_added_on_request(survey, administrator):
    plan = plans.create_plan(
        actor=administrator, survey=survey, titles=TITLES, year=2027, include_middle=True
    )
    assert plan.lines.count() == 6


def test_the_plan_needs_an_uzbek_title_and_a_year(survey, training_manager):
    with pytest.raises(ValidationError) as refused:
        plans.create_plan(
            actor=training_manager, survey=survey, titles={"uz": " ", "en": "x"}, year=27
        )
    assert set(refused.value.message_dict) == {"title_uz", "year"}


@pytest.mark.parametrize("who", ["report_viewer", "stranger", "engineer", "trainer"])
def test_only_managers_create_or_change_plans(request, survey, plan, who):
    person = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        plans.create_plan(actor=person, survey=survey, titles=TITLES, year=2027)
    line = plan.lines.first()
    with pytest.raises(PermissionDenied):
        plans.remove_line(actor=person, line=line)
    with pytest.raises(PermissionDenied):
        plans.add_line(
            actor=person,
            plan=plan,
            competency=competency("REG-01"),
            course=None,
            region=None,
            quarter=1,
            target=5,
        )
    assert PlanLine.objects.filter(pk=line.pk).exists()


def test_a_line_names_each_wrong_field(plan, training_manager):
    with pytest.raises(ValidationError) as refused:
        plans.add_line(
            actor=training_manager,
            plan=plan,
            competency=competency("REG-01"),
            course=None,
            region=None,
            quarter=5,
            target=0,
            note="x" * 301,
        )
    errors = refused.value.message_dict
    assert errors["quarter"] == ["The quarter must be 1, 2, 3 or 4."]
    assert errors["target"] == ["Give the number of people to train: at least 1."]
    assert "301" in errors["note"][0]
    assert set(errors) == {"quarter", "target", "note"}


def test_a_competency_the_survey_did_not_ask_about_is_refused(plan, training_manager):
    with pytest.raises(ValidationError) as refused:
        plans.add_line(
            actor=training_manager,
            plan=plan,
            competency=competency("TEC-01"),
            course=None,
            region=None,
            quarter=1,
            target=5,
        )
    assert "TEC-01 was not asked about" in refused.value.message_dict["competency"][0]


def test_a_course_must_develop_the_competency_and_the_message_names_both(plan, training_manager):
    hydraulics = course_for("TEC-01", code="HYDRO")
    with pytest.raises(ValidationError) as refused:
        plans.add_line(
            actor=training_manager,
            plan=plan,
            competency=competency("REG-02"),
            course=hydraulics,
            region=None,
            quarter=2,
            target=10,
        )
    message = refused.value.message_dict["course"][0]
    assert "HYDRO does not develop REG-02" in message
    assert "leave the course empty" in message


def test_a_course_for_a_competency_above_or_below_counts():
    parent = competency("REG-02")
    child = Competency.objects.create(
        framework=parent.framework, area=parent.area, parent=parent, code="REG-02-1", title="Sub"
    )
    from muhandis.needs.selectors.plans import course_develops

    assert course_develops(course_for("REG-02-1", code="CHILD"), parent)
    assert course_develops(course_for("REG-02", code="PARENT"), child)
    assert not course_develops(course_for("REG-01", code="OTHER"), child)


def test_lines_are_added_changed_and_removed_with_an_audit_trail(plan, training_manager):
    ohs = course_for("REG-03", code="OHS")
    tashkent = Region.objects.get(code="UZ-TK")
    line = plans.add_line(
        actor=training_manager,
        plan=plan,
        competency=competency("REG-03"),
        course=ohs,
        region=tashkent,
        quarter=3,
        target=20,
        note="Toshkent",
    )
    assert AuditEntry.objects.get(action="needs.plan.line_added").after["course"] == "OHS"
    plans.change_line(
        actor=training_manager,
        line=line,
        competency=line.competency,
        course=None,
        region=None,
        quarter=4,
        target=25,
    )
    line.refresh_from_db()
    assert (line.course, line.region, line.quarter, line.target) == (None, None, 4, 25)
    changed = AuditEntry.objects.get(action="needs.plan.line_changed")
    assert changed.before["course"] == "OHS"
    assert changed.after["course"] is None
    plans.remove_line(actor=training_manager, line=line, reason="Merged with Q3")
    assert not PlanLine.objects.filter(pk=line.pk).exists()
    removed = AuditEntry.objects.get(action="needs.plan.line_removed")
    assert removed.before["quarter"] == 4
    assert removed.reason == "Merged with Q3"


def test_a_plan_is_renamed_with_an_audit_trail(plan, training_manager):
    plans.change_plan(
        actor=training_manager, plan=plan, titles=TITLES | {"en": "Plan 2028"}, year=2028
    )
    plan.refresh_from_db()
    assert (plan.title_en, plan.year) == ("Plan 2028", 2028)
    entry = AuditEntry.objects.get(action="needs.plan.changed")
    assert entry.before["year"] == 2027
