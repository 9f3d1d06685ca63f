"""A candidate sits an exam in Chromium: answers are saved as they are given, a reload finds
them in place, and when the time runs out the exam is handed in by the server."""

import datetime

import pytest
from playwright.sync_api import expect

from muhandis.exams.tests.conftest import attempt, sitting  # noqa: F401
from muhandis.exams.tests.support import item_of_kind
from tests.browser.test_application_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_answers_survive_a_reload_and_the_time_running_out(page, attempt, engineer):  # noqa: F811
    from muhandis.exams.models import Answer

    single = item_of_kind(attempt, "single")
    numeric = item_of_kind(attempt, "numeric")
    _sign_in(page, engineer.email)
    page.goto(f"/en/exams/attempts/{attempt.public_id}/")
    expect(page.locator("[data-seconds-left]")).to_contain_text(":")
    page.locator(f"#q{single.pk}-1").check()
    expect(page.locator(f"#saved-{single.pk}")).to_contain_text("Saved at")
    page.locator(f"#q{numeric.pk}-value").fill("0,955")
    page.locator(f"#q{numeric.pk}-value").press("Tab")  # leaving the field saves it
    expect(page.locator(f"#saved-{numeric.pk}")).to_contain_text("Saved at")

    page.reload()
    expect(page.locator(f"#q{single.pk}-1")).to_be_checked()
    expect(page.locator(f"#q{numeric.pk}-value")).to_have_value("0.955")

    # The server's deadline comes: the page counts down to it and reloads to the result.
    attempt.deadline = datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=3)
    attempt.save(update_fields=["deadline"])
    page.reload()
    expect(page.get_by_text("The time was over")).to_be_visible(timeout=15_000)
    assert Answer.objects.filter(attempt=attempt).count() == 2
