"""A registrar reads the audit trail as sentences and opens the stored record from the
keyboard."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_application_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_stored_record_opens_from_the_keyboard(page, registrar, administrator, engineer):
    from muhandis.accounts import services
    from muhandis.accounts.tests.factories import totp_code

    services.grant_role(user=engineer, role="trainer", actor=administrator, reason="courses")
    _sign_in(page, registrar.email, code=totp_code)
    page.goto("/en/staff/audit/?action=accounts.role.granted")
    entry = page.locator("main li").filter(has_text="gave Dilnoza Karimova a role").first
    expect(entry).to_contain_text(f"{administrator.display_name} gave Dilnoza Karimova a role")
    expect(entry.locator("table")).to_contain_text("Trainer")
    stored = entry.locator("details")
    expect(stored.locator("dl")).not_to_be_visible()  # one click (or key) away
    stored.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(stored.locator("dl")).to_be_visible()
    expect(stored.locator("dl")).to_contain_text("accounts.role.granted")
    expect(stored.locator("dl")).to_contain_text(re.compile(r"[0-9a-f]{64}"))
