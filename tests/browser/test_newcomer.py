import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "a-long-and-unusual-passphrase"


def test_newcomer_signs_up_confirms_signs_in_and_fixes_a_wrong_pinfl_in_russian(
    page, mailoutbox, live_server
):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/uz/$"))
    page.get_by_role("link", name=re.compile("Roʻyxatdan")).first.click()
    page.locator("input[name=email]").fill("dilnoza@example.uz")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/account/confirm-email/"))

    link = re.search(r"https?://\S+/account/confirm-email/\S+/", mailoutbox[-1].body).group(0)
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.locator("main form button[type=submit]").click()

    # Sign out, then sign in with the keyboard only.
    page.goto("/uz/")
    page.locator("form[action$='/account/logout/'] button").evaluate("b => b.form.submit()")
    expect(page.get_by_role("link", name="Kirish").first).to_be_visible()
    page.goto("/uz/account/login/")
    page.locator("input[name=login]").focus()
    page.keyboard.type("dilnoza@example.uz")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/uz/dashboard/$"))

    # Switch to Russian with the language menu.
    page.locator("#language-menu").click()
    page.get_by_role("button", name="Русский").click()
    expect(page).to_have_url(re.compile(r"/ru/dashboard/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Добро пожаловать")

    page.goto("/ru/profile/")
    page.get_by_label("ПИНФЛ").fill("41532900123456")
    page.get_by_label("Дата рождения").fill("1990-05-15")
    page.get_by_role("button", name="Сохранить").click()
    error = page.locator("#id_pinfl_errors")
    expect(error).to_contain_text("ПИНФЛ")
    expect(page.get_by_label("ПИНФЛ")).to_have_value("41532900123456")
    expect(page.get_by_label("ПИНФЛ")).to_have_attribute("aria-invalid", "true")

    page.get_by_label("ПИНФЛ").fill("41505900123456")
    page.get_by_role("button", name="Сохранить").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.get_by_label("ПИНФЛ")).to_have_value("41505900123456")
    page.screenshot(path=str(live_server_screenshot_path("profile-ru.png")), full_page=True)


def live_server_screenshot_path(name):
    from pathlib import Path

    folder = Path("var/screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def test_registrar_without_two_factor_is_sent_to_set_it_up(page, registrar_without_two_factor):
    from muhandis.accounts.tests.factories import totp_code

    page.goto("/en/account/login/")
    page.locator("input[name=login]").fill(registrar_without_two_factor.email)
    page.locator("input[name=password]").fill("correct-horse-battery-staple")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/en/dashboard/$"))

    page.goto("/en/dashboard/registrar/")
    # Changing two-factor settings asks for the password again first.
    expect(page).to_have_url(re.compile(r"/account/reauthenticate/\?next=.*totp.*activate"))
    expect(page.locator(".alert-warning").first).to_contain_text("two-factor")
    page.locator("input[name=password]").fill("correct-horse-battery-staple")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/account/2fa/totp/activate/"))
    page.screenshot(path=str(live_server_screenshot_path("two-factor-en.png")), full_page=True)

    secret = page.locator("#authenticator_secret").input_value()
    page.locator("input[name=code]").fill(totp_code(secret))
    page.locator("main form button[type=submit]").first.click()
    page.goto("/en/dashboard/registrar/")
    expect(page).to_have_url(re.compile(r"/en/dashboard/registrar/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrar")


def test_wrong_phone_is_explained_as_it_is_typed(page, engineer):
    page.goto("/en/account/login/")
    page.locator("input[name=login]").fill(engineer.email)
    page.locator("input[name=password]").fill("correct-horse-battery-staple")
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/en/dashboard/$"))
    page.goto("/en/profile/")
    page.get_by_label("Phone", exact=True).fill("+1 202 555 0100")
    page.get_by_label("Phone", exact=True).press("Tab")
    expect(page.locator("#id_phone_feedback")).to_contain_text("+998")
    page.get_by_label("Phone", exact=True).fill("+998 90 123 45 67")
    page.get_by_label("Phone", exact=True).press("Tab")
    expect(page.locator("#id_phone_feedback")).to_be_empty()
