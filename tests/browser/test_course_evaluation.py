"""A participant answers the course evaluation on a phone with the keyboard only; a training
manager reads the results as charts with their tables."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from playwright.sync_api import expect

from muhandis.accounts.tests.factories import make_person, totp_code
from muhandis.training.models import EvaluationQuestion, EvaluationRequest
from muhandis.training.tests.evaluation_factories import answered, participant, past_session
from tests.browser.test_application_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def questions(reference_data):
    """Transactional tests empty every table: put the default questionnaire back."""
    if not EvaluationQuestion.objects.exists():
        import_module("muhandis.training.migrations.0002_evaluation_questions").add_questions(
            apps, None
        )


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_a_participant_answers_on_a_phone_with_the_keyboard(phone, questions):
    enrolment = participant(past_session(days_ago=1), preferred_language="en")
    request = EvaluationRequest.objects.create(enrolment=enrolment, level=1, language="en")
    phone.goto(f"/en/training/evaluation/answer/{request.token}/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("How was the course?")

    phone.get_by_role("button", name="Send my answers").focus()
    phone.keyboard.press("Enter")
    summary = phone.locator("#error-summary")
    expect(summary).to_contain_text("8 answers need your attention")
    pace = summary.get_by_role("link", name="How right was the pace of the course?")
    expect(pace).to_have_attribute("href", "#id_l1_pace_0")
    expect(phone.locator("#id_l1_pace_0")).to_have_attribute("name", "l1_pace")

    groups = {
        "Overall, how satisfied are you with the course?": "5 — excellent",
        "How relevant was the course to your work?": "4 — good",
        "How well did the trainer know the subject?": "5 — excellent",
        "How clearly and engagingly did the trainer teach?": "4 — good",
        "How useful were the course materials?": "3 — fair",
        "How suitable was the venue or the online platform?": "4 — good",
        "How right was the pace of the course?": "3 — fair",
        "How likely are you to recommend this course to a colleague?": "9",
    }
    for question, answer in groups.items():
        group = phone.get_by_role("group", name=re.compile(re.escape(question)))
        group.get_by_label(answer, exact=True).focus()
        phone.keyboard.press("Space")
    phone.get_by_label("What was most useful to you?").focus()
    phone.keyboard.type("The site visit.")
    phone.get_by_role("button", name="Send my answers").focus()
    phone.keyboard.press("Enter")

    expect(phone.get_by_role("heading", level=1)).to_have_text("Thank you")
    request.refresh_from_db()
    assert request.answered_at is not None
    phone.goto(f"/en/training/evaluation/answer/{request.token}/")
    expect(phone.locator("main")).to_contain_text("This link cannot be used again.")


def test_a_training_manager_reads_charts_with_their_tables(page, questions):
    session = past_session(days_ago=2)
    for overall, comment in ((5, "More site visits."), (4, ""), (2, "")):
        answers = {"l1_overall": overall, "l1_recommend": 9}
        if comment:
            answers["l1_improve"] = comment
        answered(participant(session, family_name="Hidden"), answers)
    manager = make_person("training_manager", two_factor=True)
    _sign_in(page, manager.email, code=totp_code)
    page.get_by_role("link", name="Course evaluations").first.click()
    page.locator("#sessions").get_by_role("link").first.click()

    overall = page.get_by_role("article").filter(
        has=page.get_by_role("heading", name="Overall, how satisfied are you with the course?")
    )
    expect(overall.get_by_role("img")).to_have_count(1)
    expect(overall.locator("svg title").first).to_contain_text("Answers to")
    expect(overall.get_by_role("table")).to_contain_text("5")
    expect(overall).to_contain_text("3.67")
    expect(page.locator("main")).to_contain_text("More site visits.")
    expect(page.locator("main")).not_to_contain_text("Hidden")
