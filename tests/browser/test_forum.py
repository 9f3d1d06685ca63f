"""The forum in a browser: an engineer asks a question in Uzbek, another engineer answers
it, the asker votes the answer up (in place, htmx) and accepts it; a reader who is not signed
in then sees the accepted answer first, with the answerer's trust level."""

import os
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import expect

from muhandis.forum.models import Topic, TrustLevel
from muhandis.forum.tests.factories_pages import make_category, make_member
from tests.browser.test_application_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK, PHONE = {"width": 1280, "height": 800}, {"width": 375, "height": 740}
# Set to a folder to keep screenshots of the pages (desktop and phone).
SCREENSHOTS = os.environ.get("NEEDS_SHOTS", "")


def _screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"forum_{name}.png"), full_page=True)


def _browser(browser, live_server, viewport=DESK):
    context = browser.new_context(base_url=live_server.url, locale="uz-UZ", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _level(level: int, language: str) -> str:
    with translation.override(language):
        return str(TrustLevel(level).label)


def test_an_engineer_asks_another_answers_and_the_asker_accepts(browser, live_server):
    make_category("Suv taʼminoti")
    asker = make_member(given_name="Dilnoza", family_name="Karimova", preferred_language="uz")
    answerer = make_member(
        level=2, given_name="Aziz", family_name="Nazarov", preferred_language="uz"
    )

    context, page = _browser(browser, live_server)
    _sign_in(page, asker.email)
    page.goto("/uz/forum/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.locator("main a[href$='/forum/ask/']").first.click()
    page.locator("#id_title").fill("Nasos stansiyasi uchun qaysi nasos kerak?")
    page.locator("#id_category").select_option(label="Suv taʼminoti")
    page.locator("#id_body").fill(
        "60 metr koʻtarish, 40 l/s. Ikkita ishchi va bitta zaxira nasos yetarlimi?"
    )
    page.locator("#id_tags").fill("nasos, suv")
    _screenshot(page, "ask_desktop")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Nasos stansiyasi uchun qaysi nasos kerak?"
    )
    topic = Topic.objects.get()

    other_context, other = _browser(browser, live_server, PHONE)
    _sign_in(other, answerer.email)
    other.goto(f"/uz/forum/t/{topic.public_id}/")
    other.locator("#id_body").fill(
        "Ha: ikkita ishchi va bitta zaxira nasos oling, NPSH ni eng past sathda tekshiring."
    )
    other.locator("form[action$='/answer/'] button[type=submit]").click()
    expect(other.locator("#post-2")).to_contain_text("NPSH ni eng past sathda tekshiring")
    _screenshot(other, "topic_phone")
    other_context.close()

    page.reload()
    answer = page.locator("#post-2")
    expect(answer).to_contain_text("Aziz Nazarov")
    answer.locator("button[name=value][value='1']").click()  # swapped in place by htmx
    expect(answer.locator("#votes-2")).to_contain_text("1")
    expect(answer.locator("button[name=value][value='1']")).to_have_attribute(
        "aria-pressed", "true"
    )
    answer.locator("form[action$='/accept/'] button").click()
    expect(page.locator("main")).to_contain_text("✓")
    _screenshot(page, "accepted_desktop")
    topic.refresh_from_db()
    assert topic.accepted_answer.author == answerer
    context.close()

    reader_context, reader = _browser(browser, live_server)
    reader.goto(f"/ru/forum/t/{topic.public_id}/")
    expect(reader.locator("#post-2")).to_contain_text("NPSH ni eng past sathda tekshiring")
    expect(reader.locator("#post-2")).to_contain_text(_level(2, "ru"))
    expect(reader.locator("#post-2 button")).to_have_count(0)
    reader_context.close()
