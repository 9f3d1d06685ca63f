"""A report viewer reads a needs survey's report in Russian: the ranked table, the charts as
labelled images with their figures, on a desktop and on a phone."""

import os
import re
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from playwright.sync_api import expect

from muhandis.accounts.tests.factories import make_person
from muhandis.needs.tests.factories_report import varied_survey
from tests.browser.test_application_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Screenshots for a person to look at, when NEEDS_SHOTS names a folder.
SHOTS = Path(os.environ["NEEDS_SHOTS"]) if os.environ.get("NEEDS_SHOTS") else None


def _shot(page, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"report_{name}.png"), full_page=True)


def _open_report(browser, live_server, *, language, width, height):
    context = browser.new_context(
        base_url=live_server.url, locale="ru-RU", viewport={"width": width, "height": height}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_a_report_viewer_reads_the_report_in_russian(browser, live_server, reference_data):
    survey = varied_survey()
    viewer = make_person("report_viewer", preferred_language="ru")
    context, page = _open_report(browser, live_server, language="ru", width=1280, height=900)
    _sign_in(page, viewer.email)
    page.goto(f"/ru/needs/surveys/{survey.code}/report/")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Опрос")
    ranked = page.locator("#ranked-table")
    expect(ranked.get_by_role("row")).to_have_count(survey.items.count() + 1)
    first = ranked.get_by_role("row").nth(1)
    expect(first.get_by_role("cell").first).to_have_text("1")
    with translation.override("ru"):
        ranked_title = _("Competencies ranked by training need (MWDS, %(level)s%% interval)") % {
            "level": 95
        }
        focus_title = _("Locus for focus: importance against discrepancy")
        break_down = _("Break the figures down by")
        suppressed = _("suppressed")
    assert "компетенций" in ranked_title  # the page is read in Russian
    chart = page.get_by_role("img", name=ranked_title)
    expect(chart).to_have_count(1)
    focus = page.get_by_role("img", name=focus_title)
    expect(focus).to_be_visible()
    expect(ranked).to_contain_text(survey.items.first().competency.title_ru)

    page.get_by_role("navigation", name=break_down).get_by_role("link", name="Регион").click()
    expect(page).to_have_url(re.compile(r"\?by=region#breakdowns$"))
    groups = page.locator("#breakdown-groups")
    rare = groups.get_by_role("row").filter(has_text="Республика Каракалпакстан")
    expect(rare).to_contain_text(suppressed)
    expect(page.locator("#suppression-note")).to_contain_text("5")
    _shot(page, "ru_desktop")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(ranked).to_be_visible()
    _shot(page, "ru_phone")
    context.close()


def test_the_report_in_uzbek_on_a_desktop_and_a_phone(browser, live_server, reference_data):
    survey = varied_survey(seed=7)
    viewer = make_person("report_viewer", preferred_language="uz")
    context, page = _open_report(browser, live_server, language="uz", width=1280, height=900)
    _sign_in(page, viewer.email)
    page.goto(f"/uz/needs/surveys/{survey.code}/report/?by=region")
    expect(page.locator("#ranked-table")).to_be_visible()
    _shot(page, "uz_desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("#ranked-table")).to_be_visible()
    _shot(page, "uz_phone")
    context.close()


def test_a_reader_compares_two_waves(browser, live_server, reference_data):
    from muhandis.needs.tests.factories import answer, make_survey

    earlier = make_survey(areas=("FIN",), code="needs-2026")
    later = make_survey(areas=("FIN",), code="needs-2027", previous_wave=earlier)
    for index in range(12):
        answer(earlier, {"FIN-01": (4, index % 2), "FIN-02": (3, 1), "FIN-03": (3, 2)})
        answer(later, {"FIN-01": (4, 3 + index % 2), "FIN-02": (3, 1), "FIN-03": (4, index % 2)})
    viewer = make_person("report_viewer", preferred_language="en")
    context, page = _open_report(browser, live_server, language="en", width=1280, height=900)
    _sign_in(page, viewer.email)
    page.goto(f"/en/needs/surveys/{later.code}/report/")
    page.get_by_role("link", name="See the comparison").click()
    expect(page.get_by_label("Earlier wave", exact=True)).to_have_value(earlier.code)
    row = page.locator("#waves-table").get_by_role("row").filter(has_text="FIN-01")
    expect(row).to_contain_text("closed")
    expect(
        page.locator("#waves-table").get_by_role("row").filter(has_text="FIN-03")
    ).to_contain_text("widened")
    expect(page.get_by_role("img", name="Training need (MWDS) in the two waves")).to_be_visible()
    _shot(page, "waves_en")
    context.close()
