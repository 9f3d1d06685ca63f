"""After the exam, in Chromium: a marker marks the essay blind, the exam manager releases the
results, and the candidate reads theirs by competency area, on their exams page and on their
certification application."""

import re

import pytest
from playwright.sync_api import expect

from muhandis.exams.tests.conftest import (  # noqa: F401 - fixtures
    accepted_application,
    complete_application,
    essay_sitting,
    level_two,
    schemes,
    sitting,
)
from muhandis.exams.tests.support import sit
from tests.browser.test_application_journey import _person, _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_marked_blind_released_and_read_by_area(
    browser,
    live_server,
    essay_sitting,  # noqa: F811
    accepted_application,  # noqa: F811
    engineer,
    examiner,
    registrar,
):
    from muhandis.accounts.tests.factories import make_person, totp_code
    from muhandis.certification.models import ExamResult
    from muhandis.exams.models import Result

    engineer.preferred_language = "en"
    engineer.save(update_fields=["preferred_language"])
    attempt = sit(essay_sitting, engineer, examiner, application=accepted_application)
    marker = make_person("examiner", two_factor=True)

    marking = _person(browser, live_server)
    _sign_in(marking, marker.email, code=totp_code)
    marking.goto("/en/exams/staff/marking/")
    expect(marking.get_by_role("heading", level=1)).to_have_text("Essays to mark")
    expect(marking.locator("main")).not_to_contain_text(engineer.display_name)
    marking.get_by_role("link", name=re.compile(r"^[0-9A-F]{8}$")).click()
    expect(marking.locator("main")).to_contain_text("Pumps and tanks.")
    expect(marking.locator("main")).not_to_contain_text(engineer.display_name)
    marking.get_by_label("Mark (percent of the item)").fill("80")
    marking.get_by_label("Mark (percent of the item)").press("Enter")  # no mouse needed
    expect(marking.get_by_text("Your mark has been recorded.")).to_be_visible()
    expect(marking.get_by_text("No script is waiting for you.")).to_be_visible()

    office = _person(browser, live_server)
    _sign_in(office, registrar.email, code=totp_code)
    office.goto(f"/en/exams/staff/sittings/{essay_sitting.pk}/")
    office.get_by_role("button", name="Release the results").click()
    expect(office.get_by_text("1 result released.")).to_be_visible()
    result = Result.objects.get(attempt=attempt)
    assert ExamResult.objects.get(application=accepted_application).score == round(result.percent)

    candidate = _person(browser, live_server)
    _sign_in(candidate, engineer.email)
    candidate.goto("/en/exams/")
    section = candidate.get_by_role("region", name="Your result")
    expect(section).to_contain_text("Feedback by competency area")
    expect(section).to_contain_text(f"{result.percent:.1f} %")
    expect(section).to_contain_text("passed to your certification application")
    candidate.goto(f"/en/certification/applications/{accepted_application.public_id}/")
    expect(candidate.locator("main")).to_contain_text("Written examination")
    expect(candidate.locator("main")).to_contain_text(f"result {result.percent:.1f} %")
