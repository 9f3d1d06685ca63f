"""The priorities, plan list, plan and line pages: who may open them, what they show, and
their query budgets."""

import pytest
from django.urls import reverse

from muhandis.accounts.models import Region
from muhandis.competencies.models import Competency
from muhandis.needs.models import PlanLine, TrainingPlan
from muhandis.needs.services import plans

from .factories import answer
from .factories_plan import answered_survey, course_for

pytestmark = pytest.mark.django_db

TITLES = {"uz": "Oʻquv rejasi 2027", "ru": "План обучения 2027", "en": "Training plan 2027"}


@pytest.fixture
def survey():
    return answered_survey(status="closed")


@pytest.fixture
def plan(survey, training_manager):
    course_for("REG-01", code="NORMS")
    return plans.create_plan(actor=training_manager, survey=survey, titles=TITLES, year=2027)


def pages(survey, plan):
    line = plan.lines.first()
    return [
        reverse("needs:priorities", args=[survey.code]),
        reverse("needs:plans"),
        reverse("needs:plan", args=[plan.public_id]),
        reverse("needs:plan_edit", args=[plan.public_id]),
        reverse("needs:plan_line_new", args=[plan.public_id]),
        reverse("needs:plan_line", args=[plan.public_id, line.pk]),
    ]


def posts(survey, plan):
    line = plan.lines.first()
    return [
        reverse("needs:plan_new", args=[survey.code]),
        reverse("needs:plan_line_remove", args=[plan.public_id, line.pk]),
        reverse("needs:findings_publish", args=[survey.code]),
        reverse("needs:findings_withdraw", args=[survey.code]),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, survey, plan):
    for url in pages(survey, plan) + posts(survey, plan):
        response = client.post(url) if url in posts(survey, plan) else client.get(url)
        assert response.status_code == 302, url
        assert "/account/login/" in response["Location"]


def test_a_stranger_is_refused_everywhere(client, stranger, survey, plan):
    client.force_login(stranger)
    for url in pages(survey, plan):
        assert client.get(url).status_code == 403, url
    for url in posts(survey, plan):
        assert client.post(url).status_code == 403, url
    assert plan.lines.count() == 3


def test_a_report_viewer_reads_but_does_not_change(client, report_viewer, survey, plan):
    client.force_login(report_viewer)
    readable = pages(survey, plan)[:3]
    for url in readable:
        assert client.get(url).status_code == 200, url
    page = client.get(readable[0]).content.decode()
    assert "Create the plan" not in page
    for url in pages(survey, plan)[3:]:
        assert client.get(url).status_code == 403, url
    for url in posts(survey, plan):
        assert client.post(url).status_code == 403, url


def test_the_priorities_page_shows_courses_people_in_need_and_course_needed(
    client, training_manager, survey, django_assert_max_num_queries
):
    course_for("REG-01", code="NORMS", title="Norms and rules", title_en="Norms and rules")
    training_manager.preferred_language = "en"
    training_manager.save()
    for region in Region.objects.filter(country="UZ"):  # many regions: no more queries
        answer(survey, {"REG-01": (4, 0)}, region=region, gender="female")
    client.force_login(training_manager)
    url = "/en" + reverse("needs:priorities", args=[survey.code])[3:]
    client.get(url)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    page = response.content.decode()
    assert "Norms and rules" in page
    assert "Course needed: no course in the catalogue develops this competency." in page
    assert "People in need by region" in page
    assert "20 respondents answered." in page
    assert "Tashkent City" in page
    assert "Create a training plan from these priorities" in page
    assert "Publish the findings" in page


def test_a_manager_creates_a_plan_from_the_priorities(client, training_manager, survey):
    client.force_login(training_manager)
    response = client.post(
        reverse("needs:plan_new", args=[survey.code]),
        {
            "plan-title_uz": "Reja 2027",
            "plan-title_ru": "План 2027",
            "plan-title_en": "Plan 2027",
            "plan-year": "2027",
        },
    )
    plan = TrainingPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("needs:plan", args=[plan.public_id])
    assert (plan.title_uz, plan.title_ru, plan.year) == ("Reja 2027", "План 2027", 2027)
    assert plan.lines.count() == 3


def test_a_plan_without_an_uzbek_title_is_refused_on_the_form(client, training_manager, survey):
    client.force_login(training_manager)
    response = client.post(
        "/en" + reverse("needs:plan_new", args=[survey.code])[3:],
        {"plan-title_uz": "", "plan-year": "2027"},
    )
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert not TrainingPlan.objects.exists()


def test_the_plan_page_shows_progress_with_a_text_equivalent(
    client, report_viewer, plan, django_assert_max_num_queries
):
    client.force_login(report_viewer)
    url = "/en" + reverse("needs:plan", args=[plan.public_id])[3:]
    client.get(url)
    with django_assert_max_num_queries(10):
        response = client.get(url)
    page = response.content.decode()
    assert "Training plan 2027" in page
    assert "0 of 6 people trained (0 %)" in page
    assert 'role="progressbar"' in page
    assert "Course needed" in page
    assert "Add a line" not in page  # readers do not change plans


def test_a_line_with_a_course_that_does_not_fit_is_refused_naming_the_course(
    client, training_manager, plan
):
    hydro = course_for("TEC-01", code="HYDRO")
    regulation = Competency.objects.get(framework__code="MUHANDIS-CORE", code="REG-02")
    client.force_login(training_manager)
    url = "/en" + reverse("needs:plan_line_new", args=[plan.public_id])[3:]
    response = client.post(
        url,
        {
            "competency": regulation.pk,
            "course": hydro.pk,
            "region": "",
            "quarter": "2",
            "target": "12",
        },
    )
    assert response.status_code == 400
    assert "The course HYDRO does not develop REG-02" in response.content.decode()
    response = client.post(
        url, {"competency": regulation.pk, "course": "", "quarter": "2", "target": "12"}
    )
    assert response.status_code == 302
    assert plan.lines.filter(competency=regulation, course=None, target=12).count() == 1


def test_a_manager_changes_and_removes_a_line(client, training_manager, plan):
    client.force_login(training_manager)
    line = plan.lines.filter(course__isnull=False).first()
    url = reverse("needs:plan_line", args=[plan.public_id, line.pk])
    response = client.post(
        url,
        {
            "competency": line.competency_id,
            "course": line.course_id,
            "region": "",
            "quarter": "3",
            "target": "40",
            "note": "Two groups",
        },
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.quarter, line.target, line.note) == (3, 40, "Two groups")
    response = client.post(
        reverse("needs:plan_line_remove", args=[plan.public_id, line.pk]),
        {"remove-reason": "Merged"},
    )
    assert response.status_code == 302
    assert not PlanLine.objects.filter(pk=line.pk).exists()


def test_the_plan_list_links_plans_and_priorities(
    client, report_viewer, survey, plan, django_assert_max_num_queries
):
    client.force_login(report_viewer)
    client.get(reverse("needs:plans"))
    with django_assert_max_num_queries(10):
        page = client.get(reverse("needs:plans")).content.decode()
    assert reverse("needs:plan", args=[plan.public_id]) in page
    assert reverse("needs:priorities", args=[survey.code]) in page
