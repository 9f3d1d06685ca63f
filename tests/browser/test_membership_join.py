"""An engineer joins the association in Uzbek; the registrar approves the application; the
engineer sees the membership waiting for payment, with the invoice to pay."""

import os
import re
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import expect

from muhandis.accounts.tests.factories import make_person, totp_code
from muhandis.membership.models import Membership, Status
from muhandis.membership.tests.factories_core import issuers
from muhandis.membership.tests.factories_pages import make_type
from tests.browser.test_application_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK, PHONE = {"width": 1280, "height": 800}, {"width": 375, "height": 740}
# Set to a folder to keep screenshots of the pages (Uzbek and Russian, desktop and phone).
SCREENSHOTS = os.environ.get("MUHANDIS_SCREENSHOTS", "")


def _screenshot(page, name: str) -> None:
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"membership_{name}.png"), full_page=True)


def _status(status: Status, language: str) -> str:
    with translation.override(language):
        return str(status.label)


def _context(browser, live_server, viewport):
    context = browser.new_context(base_url=live_server.url, locale="uz-UZ", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_an_engineer_joins_and_is_asked_to_pay_once_approved(browser, live_server):
    issuers()
    full = make_type(name="Toʻliq aʼzo", fees={"UZS": "450000", "KZT": "18000"}, grace_days=30)
    make_type(kind="firm", size_band="small", name="Kichik firma")
    engineer = make_person("engineer", given_name="Dilnoza", family_name="Karimova")
    engineer.preferred_language = "uz"
    engineer.save()
    registrar = make_person("registrar", two_factor=True, given_name="Aziz", family_name="Nazarov")

    context, page = _context(browser, live_server, DESK)
    _sign_in(page, engineer.email)
    page.goto("/uz/membership/join/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    _screenshot(page, "join_uz_desktop")
    page.get_by_label(re.compile("Toʻliq aʼzo")).check()
    page.locator("#id_person-currency").select_option("UZS")
    page.locator("#id_person-note").fill("Nasos stansiyalarini loyihalayman.")
    page.locator("form:has(input[value=person]) button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/uz/membership/mine/$"))
    expect(page.locator("main")).to_contain_text(_status(Status.PENDING, "uz"))
    membership = Membership.objects.get(person=engineer)
    assert (membership.status, membership.type, membership.currency) == (
        Status.PENDING,
        full,
        "UZS",
    )

    # The registrar approves from the application's page.
    staff_context, staff = _context(browser, live_server, DESK)
    _sign_in(staff, registrar.email, totp_code)
    staff.goto("/uz/membership/applications/")
    staff.get_by_role("link", name="Dilnoza Karimova").click()
    expect(staff).to_have_url(re.compile(rf"/membership/staff/{membership.public_id}/$"))
    _screenshot(staff, "application_uz_desktop")
    staff.locator(f"form[action$='/staff/{membership.public_id}/approve/'] button").click()
    expect(staff.locator("main")).to_contain_text(_status(Status.AWAITING_PAYMENT, "uz"))
    staff.goto("/ru/membership/register/")
    _screenshot(staff, "register_ru_desktop")
    staff.set_viewport_size(PHONE)
    _screenshot(staff, "register_ru_phone")
    staff_context.close()

    membership.refresh_from_db()
    assert membership.status == Status.AWAITING_PAYMENT
    invoice = membership.periods.get().invoice

    page.goto("/uz/membership/mine/")
    main = page.locator("main")
    expect(main).to_contain_text(_status(Status.AWAITING_PAYMENT, "uz"))
    expect(main).to_contain_text("Toʻliq aʼzo")
    _screenshot(page, "mine_uz_desktop")
    page.set_viewport_size(PHONE)
    _screenshot(page, "mine_uz_phone")
    page.goto("/ru/membership/mine/")
    expect(page.locator("main")).to_contain_text(_status(Status.AWAITING_PAYMENT, "ru"))
    _screenshot(page, "mine_ru_phone")
    page.goto("/ru/membership/join/")
    _screenshot(page, "join_ru_phone")
    page.set_viewport_size(DESK)
    _screenshot(page, "join_ru_desktop")

    page.goto("/uz/membership/mine/")
    pay = page.locator(f"main .alert a[href$='/billing/invoice/{invoice.public_id}/']")
    expect(pay).to_be_visible()
    pay.click()
    expect(page).to_have_url(re.compile(rf"/billing/invoice/{invoice.public_id}/$"))
    context.close()
