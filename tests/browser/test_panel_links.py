"""What a visitor and a registrar see where other apps add sections to certification's pages:
links and tables, never markup printed as text."""

import re

import pytest
from playwright.sync_api import expect

from muhandis.certification.tests.conftest import (  # noqa: F401
    accepted_application,
    assessed_application,
    complete_application,
    level_two,
    schemes,
    second_member,
)
from muhandis.credentials.tests.conftest import record  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple"
MARKUP = re.compile(r"<|>|&[a-z]+;|&#")


@pytest.fixture
def visitor(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _shows_no_markup(page) -> None:
    text = page.locator("main").inner_text()
    assert not MARKUP.search(text), MARKUP.search(text)


def test_the_verification_page_and_the_register_show_links_not_markup(visitor, record):  # noqa: F811
    number = record.certificate.number
    visitor.goto(f"/verify/{number}")
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Verify a certificate")
    _shows_no_markup(visitor)
    expect(visitor.get_by_role("link", name="JSON-LD", exact=True)).to_be_visible()
    expect(visitor.get_by_role("link", name="VC-JWT", exact=True)).to_be_visible()
    expect(visitor.get_by_role("link", name="Check a credential")).to_be_visible()
    visitor.get_by_role("link", name="Complain about this engineer").click()
    expect(visitor).to_have_url(re.compile(f"/complaints/new/{number}/$"))

    visitor.goto("/en/certification/register/")
    visitor.get_by_label("Name or certificate number").fill(number)
    visitor.get_by_role("button", name="Search").click()
    expect(visitor.locator("#register")).to_contain_text(number)
    _shows_no_markup(visitor)
    row = visitor.locator("#register tbody tr", has_text=number)
    expect(row.get_by_role("link", name="Complain about this engineer")).to_be_visible()
    expect(row.get_by_role("link", name=number)).to_be_visible()


def test_the_registrar_sees_the_credential_and_cpd_sections_of_a_certificate(
    visitor,
    record,  # noqa: F811
    registrar,
):
    from muhandis.accounts.tests.factories import totp_code

    visitor.goto("/en/account/login/")
    visitor.locator("input[name=login]").fill(registrar.email)
    visitor.locator("input[name=password]").fill(PASSWORD)
    visitor.locator("main form button[type=submit]").first.click()
    visitor.locator("input[name=code]").fill(totp_code())
    visitor.locator("main form button[type=submit]").first.click()
    expect(visitor).to_have_url(re.compile(r"/dashboard/$"))

    visitor.goto(f"/en/certification/certificates/{record.certificate.public_id}/")
    expect(visitor.get_by_role("heading", level=2, name="Digital credential")).to_be_visible()
    _shows_no_markup(visitor)
    expect(visitor.get_by_role("link", name="Download (JSON-LD)")).to_be_visible()
    expect(visitor.get_by_role("link", name="Download (VC-JWT)")).to_be_visible()
    cpd = visitor.get_by_role("region", name="Continuing professional development")
    table = cpd.get_by_role("table", name="Hours per category")
    expect(table.get_by_role("columnheader", name="Category")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Minimum")).to_be_visible()
    assert table.get_by_role("row").count() > 1
