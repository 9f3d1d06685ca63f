"""The navigation, as a person with several roles and as the public sees it, at desk and phone
widths in the three languages: the top bar stays one line, nothing runs off the side, and every
menu item can be reached with the keyboard alone."""

import datetime
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from muhandis.certification.tests.conftest import level_two, schemes  # noqa: F401 - fixtures
from tests.browser.test_application_journey import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ("uz", "ru", "en")
DESK, PHONE = {"width": 1280, "height": 800}, {"width": 375, "height": 740}
# Set to a folder to write the screenshots kept in docs/screenshots/.
WORK_MENU = {"uz": "Sizning vazifalaringiz", "ru": "Ваши задачи", "en": "Your work"}
MAIN_MENU = {"uz": "Asosiy menyu", "ru": "Главное меню"}
VERIFY = {"uz": "Sertifikatni tekshirish", "ru": "Проверить сертификат"}
AUDIT_TRAIL = "/staff/audit/"
SCREENSHOTS = os.environ.get("MUHANDIS_SCREENSHOTS", "")

LAYOUT_JS = """() => {
  const width = document.documentElement.clientWidth;
  const bar = document.querySelector("nav.navbar");
  const visible = (el) => el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== "hidden";
  const items = [...bar.querySelectorAll(".navbar-brand, .navbar-toggler, .navbar-nav > li")]
    .filter(visible).map((el) => el.getBoundingClientRect());
  const offside = [...document.querySelectorAll("body *")].filter(visible).filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && (box.right > width + 1 || box.left < -1);
  }).filter((el) => !el.closest(".visually-hidden, .visually-hidden-focusable"))
    .map((el) => `${el.tagName}.${el.className} ${el.textContent.trim().slice(0, 30)}`);
  return {
    pageWidth: document.documentElement.scrollWidth,
    width,
    barHeight: bar.getBoundingClientRect().height,
    tops: items.map((box) => Math.round(box.top + box.height / 2)),
    offside,
  };
}"""


@pytest.fixture
def many_roles(db):
    """A staff member with four roles and a long name in Latin and Cyrillic script."""
    from muhandis.accounts import services
    from muhandis.accounts.tests.factories import make_person

    person = make_person(
        "registrar",
        two_factor=True,
        given_name="Aleksandra-Mariya",
        family_name="Konstantinovna-Shcherbakova",
    )
    for role in ("examiner", "committee", "admin"):
        services.grant_role(user=person, role=role, actor=None, reason="test persona")
    return person


def _sign_in(page, person) -> None:
    from muhandis.accounts.tests.factories import totp_code

    page.goto("/en/account/login/")
    page.locator("input[name=login]").fill(person.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.locator("input[name=code]").fill(totp_code())
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def _assert_fits(page, where: str) -> None:
    layout = page.evaluate(LAYOUT_JS)
    assert layout["pageWidth"] <= layout["width"], f"{where}: the page scrolls sideways"
    assert layout["offside"] == [], f"{where}: runs off the side: {layout['offside']}"
    assert max(layout["tops"]) - min(layout["tops"]) <= 4, f"{where}: the top bar wraps"
    assert layout["barHeight"] <= 72, f"{where}: the top bar is {layout['barHeight']} px high"


def _screenshot(page, name: str) -> None:
    if SCREENSHOTS and "-en-" not in name:  # the README shows Uzbek and Russian
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))


def _tab_through(page, limit: int = 120) -> list[str]:
    """The links and buttons focused by pressing Tab from the top of the page to the end."""
    page.locator("body").focus()
    page.evaluate("document.activeElement.blur()")
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const el = document.activeElement;"
            " return el && el !== document.body ? (el.getAttribute('href') || el.id"
            " || el.textContent.trim()) : null; }"
        )
        if focused is None or (seen and focused == seen[0]):
            break
        seen.append(focused)
    return seen


def test_staff_with_four_roles_find_every_page_in_one_line_and_by_keyboard(
    browser, live_server, many_roles
):
    context = browser.new_context(base_url=live_server.url, locale="uz-UZ", viewport=DESK)
    page = context.new_page()
    _sign_in(page, many_roles)
    for language in LANGUAGES:
        page.set_viewport_size(DESK)
        page.goto(f"/{language}/dashboard/")
        _assert_fits(page, f"{language} at 1280 px")
        expect(page.locator(".site-user-name")).to_be_visible()
        menu = page.get_by_role("navigation", name=WORK_MENU[language])
        expect(menu).to_be_visible()
        _screenshot(page, f"nav-staff-{language}-1280")
        links = menu.get_by_role("link")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert len(hrefs) >= 20
        for expected in ("/staff/audit/", "/exams/staff/marking/", "/certification/committee/"):
            assert any(expected in href for href in hrefs), expected

        # Every top-bar link and every sidebar link is reached with Tab alone.
        reached = _tab_through(page)
        for href in hrefs:
            assert href in reached, f"{language}: {href} is not reached with Tab"
        for name in ("language-menu", "account-menu"):
            assert name in reached
        _assert_focus_ring_shows(page)
        _assert_dropdown_by_keyboard(page, "#account-menu")
        _assert_dropdown_by_keyboard(page, "#language-menu")

        page.set_viewport_size(PHONE)
        page.goto(f"/{language}/dashboard/")
        _assert_fits(page, f"{language} at 375 px")
        _screenshot(page, f"nav-staff-{language}-375")
        expect(menu).to_be_hidden()
        toggler = page.locator(".navbar-toggler")
        toggler.focus()
        page.keyboard.press("Enter")
        expect(menu).to_be_visible()
        expect(toggler).to_have_attribute("aria-expanded", "true")
        expect(page.locator(".collapsing")).to_have_count(0)
        _screenshot(page, f"nav-staff-{language}-375-menu")
        layout = page.evaluate(LAYOUT_JS)
        assert layout["pageWidth"] <= layout["width"], f"{language}: open menu: {layout}"
        reached = _tab_through(page, limit=160)
        for href in hrefs:
            assert href in reached, f"{language} at 375 px: {href} is not reached with Tab"
    context.close()


def _assert_focus_ring_shows(page) -> None:
    """A link focused with the keyboard, in the blue bar and on the white page, is ringed in a
    colour that stands out from what is behind it (WCAG 2.4.7 and 1.4.11)."""
    for selector, ring in (
        (".site-topbar .nav-link", "rgb(255, 255, 255)"),
        ("#work-menu a", "rgb(26, 26, 26)"),
    ):
        page.locator(selector).first.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        style = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
        )
        assert style == ["solid", "3px", ring], selector


def _assert_dropdown_by_keyboard(page, toggle: str) -> None:
    """Enter opens the menu; Tab then walks through each of its items."""
    button = page.locator(toggle)
    items = page.locator(f"{toggle} + .dropdown-menu .dropdown-item")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    for i in range(items.count()):
        page.keyboard.press("Tab")
        expect(items.nth(i)).to_be_focused()
    page.keyboard.press("Escape")


@pytest.fixture
def certificate(engineer, level_two):  # noqa: F811
    from django.db import transaction

    from muhandis.certification.models import Certificate
    from muhandis.certification.services.decisions import next_certificate_number

    # The number is drawn under a row lock, which PostgreSQL takes only inside a transaction.
    with transaction.atomic():
        return Certificate.objects.create(
            number=next_certificate_number(datetime.date(2026, 3, 2)),
            holder=engineer,
            scheme=level_two,
            source=Certificate.Source.IMPORT,
            holder_name_latin=engineer.display_name,
            effective_date=datetime.date(2026, 3, 2),
            expiry_date=datetime.date(2099, 3, 1),
        )


def test_the_public_verifies_a_number_from_the_top_bar_in_their_language(page, certificate):
    from muhandis.certification.numbers import damm

    number = certificate.number
    body = number[:-1]
    wrong_check = body + str((damm(re.sub(r"\D", "", body)) + 1) % 10)
    page.set_viewport_size(PHONE)
    for language, menu in (("uz", "Menyu"), ("ru", "Меню")):
        page.goto(f"/{language}/")
        _assert_fits(page, f"home in {language} at 375 px")
        _screenshot(page, f"nav-public-{language}-375")
        page.get_by_role("button", name=menu).click()
        expect(page.locator(".collapsing")).to_have_count(0)
        top_bar = page.get_by_role("navigation", name=MAIN_MENU[language])
        expect(top_bar.get_by_role("link", name=VERIFY[language])).to_be_visible()
        _screenshot(page, f"nav-public-{language}-375-menu")
        layout = page.evaluate(LAYOUT_JS)
        assert layout["pageWidth"] <= layout["width"], f"{language}: open menu: {layout}"
    top_bar.get_by_role("link", name="Проверить сертификат").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Проверить сертификат")
    field = page.get_by_label("Номер сертификата")
    field.fill(wrong_check)
    field.press("Enter")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main")).to_contain_text("опечатка")
    field.fill("MHD-2026-99999-" + str(damm("202699999")))
    field.press("Enter")
    expect(page.locator("main")).to_contain_text("Сертификата с таким номером нет")
    field.fill(number.lower().replace("-", " "))
    field.press("Enter")
    expect(page).to_have_url(re.compile(rf"/verify/{number}$"))
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("main")).to_contain_text(certificate.holder_name_latin)
    _assert_fits(page, "verification at 375 px")

    page.set_viewport_size(DESK)
    for language in LANGUAGES:
        page.goto(f"/{language}/")
        _assert_fits(page, f"public {language} at 1280 px")
        _screenshot(page, f"nav-public-{language}-1280")
        page.locator("#home-number").fill(number)
        page.locator("#home-number").press("Enter")
        expect(page).to_have_url(re.compile(rf"/verify/{number}$"))
        expect(page.locator("html")).to_have_attribute("lang", language)


def test_the_register_is_read_on_a_phone_without_scrolling_sideways(page, certificate):
    page.set_viewport_size(PHONE)
    page.goto("/uz/certification/register/?q=")
    expect(page.locator("#register")).to_contain_text(certificate.number)
    _assert_fits(page, "register at 375 px")


def test_every_page_in_the_menu_opens_for_a_person_with_four_roles(
    browser, live_server, many_roles
):
    """Each page of the menu is opened (and so checked by the accessibility audit of every
    browser test: axe-core, unique ids, references that resolve)."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=DESK)
    page = context.new_page()
    _sign_in(page, many_roles)
    links = page.locator("#work-menu a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    for href in hrefs:
        if "/admin/" in href or href.endswith(AUDIT_TRAIL):
            continue  # Django's own admin pages; the audit trail is opened below
        response = page.goto(href)
        assert response.status == 200, href
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    for public in ("/en/", "/en/certification/register/?q=", "/en/certification/verify/"):
        page.goto(public)
    context.close()


def test_the_audit_trail_page_passes_the_accessibility_audit(browser, live_server, many_roles):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", viewport=DESK)
    page = context.new_page()
    _sign_in(page, many_roles)
    page.goto(f"/en{AUDIT_TRAIL}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    context.close()


# A phone's camera and built-in QR reader, stood in for: the camera shows a blank canvas and
# the reader "sees" the code printed on the certificate (the verification address).
FAKE_SCANNER_JS = """(() => {
  window.__scanned = "";
  window.BarcodeDetector = class {
    static getSupportedFormats() { return Promise.resolve(["qr_code"]); }
    detect() { return Promise.resolve(window.__scanned ? [{ rawValue: window.__scanned }] : []); }
  };
  navigator.mediaDevices.getUserMedia = () => {
    const canvas = document.createElement("canvas");
    canvas.getContext("2d").fillRect(0, 0, 10, 10);
    return Promise.resolve(canvas.captureStream());
  };
})();"""


def test_a_phone_scans_the_qr_code_and_opens_the_certificate(browser, live_server, certificate):
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", viewport=PHONE)
    context.add_init_script(FAKE_SCANNER_JS)
    page = context.new_page()
    page.goto("/ru/certification/verify/")
    page.get_by_role("button", name="Отсканировать QR-код камерой").click()
    expect(page.get_by_role("status")).to_have_text("Наведите камеру на QR-код сертификата.")
    expect(page.get_by_role("button", name="Выключить камеру")).to_be_focused()
    page.evaluate(f"window.__scanned = 'https://muhandis.uz/verify/{certificate.number}'")
    expect(page).to_have_url(re.compile(rf"/verify/{certificate.number}$"))
    expect(page.locator("main")).to_contain_text(certificate.holder_name_latin)
    context.close()


def test_without_a_qr_reader_the_form_is_typed_into_and_offers_no_camera(page):
    page.goto("/en/certification/verify/")
    expect(page.get_by_label("Certificate number")).to_be_visible()
    expect(page.get_by_role("button", name="Scan the QR code with the camera")).to_be_hidden()
