"""A training manager turns a survey's priorities into a training plan, in Uzbek, and reads
the plan's progress; the home page shows the published findings."""

import re

import pytest
from playwright.sync_api import expect

from muhandis.accounts.tests.factories import make_person, totp_code
from muhandis.needs.services.findings import publish_findings
from muhandis.needs.tests.factories_plan import answered_survey, course_for
from tests.browser.test_application_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_creates_a_plan_from_the_priorities_in_uzbek(page):
    survey = answered_survey(status="closed")
    course_for("REG-01", code="NORMS", title_uz="Shaharsozlik normalari")
    manager = make_person("training_manager", two_factor=True, preferred_language="uz")
    _sign_in(page, manager.email, code=totp_code)

    page.goto("/uz/needs/plans/")
    page.get_by_role("link", name=survey.title_uz).click()
    main = page.locator("main")
    expect(main.get_by_role("heading", level=2, name=re.compile("REG-01"))).to_be_visible()
    expect(main).to_contain_text("Shaharsozlik normalari")
    page.locator("#id_plan-title_uz").fill("Oʻquv rejasi 2027")
    page.locator("#id_plan-year").fill("2027")
    page.locator("form[action$='/plans/new/'] button[type=submit]").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Oʻquv rejasi 2027")
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(4)  # the heading and three lines
    expect(table).to_contain_text("Shaharsozlik normalari")
    expect(table.get_by_role("progressbar").first).to_have_attribute("aria-valuenow", "0")


def test_the_home_page_shows_the_published_findings_on_a_phone(browser, live_server):
    survey = answered_survey(status="closed")
    publish_findings(actor=make_person("training_manager", two_factor=True), survey=survey)
    context = browser.new_context(
        base_url=live_server.url, locale="ru-RU", viewport={"width": 390, "height": 844}
    )
    phone = context.new_page()
    phone.goto("/ru/")
    panel = phone.locator("#home-needs").locator("..")
    expect(panel).to_contain_text("Технические нормы и стандарты")
    panel.get_by_role("link").click()
    expect(phone.locator("main ol li").first).to_contain_text("Технические нормы и стандарты")
    context.close()
