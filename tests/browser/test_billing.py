"""A payer finds and opens their invoice; billing staff record a payment and read a bank
statement's preview, on pages checked for accessibility."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from muhandis.accounts.tests.factories import totp_code
from muhandis.billing.tests.factories import make_invoice
from tests.browser.test_application_journey import _sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_payer_opens_their_invoice_with_its_total_and_the_place_to_pay(page, engineer):
    invoice = make_invoice(person=engineer, language="en")
    _sign_in(page, engineer.email)
    page.goto("/en/billing/mine/")
    main = page.locator("main")
    expect(main).to_contain_text(invoice.number)
    main.get_by_role("link", name=invoice.number).click()
    expect(page.locator("h1")).to_contain_text(invoice.number)
    expect(main).to_contain_text("Pay this invoice")
    expect(main).to_contain_text("Yomgʻir suvlarini boshqarish kursi")
    expect(page.locator("[data-total]")).to_contain_text("1,120,000")
    expect(main.get_by_role("link", name="Download PDF")).to_be_visible()


def test_a_training_manager_records_a_bank_transfer_and_previews_a_statement(
    page, training_manager
):
    invoice = make_invoice(price="2000")
    _sign_in(page, training_manager.email, code=totp_code)
    page.goto("/en/billing/staff/invoices/")
    main = page.locator("main")
    main.get_by_label("Payer, tax number, email or invoice number").fill(invoice.number)
    main.get_by_role("button", name="Search").click()
    main.get_by_role("link", name=invoice.number).click()
    form = main.locator("form[action$='/payment/']")
    form.get_by_label("Amount").fill("2000")
    form.get_by_label("Date received").fill("2026-12-01")
    form.get_by_label("Bank document or receipt number").fill("PP-1")
    form.get_by_role("button", name="Record the payment").click()
    expect(main).to_contain_text("The payment was recorded.")
    expect(main.locator("[data-status]")).to_have_text("Paid")

    page.goto("/en/billing/statements/")
    statement = Path(__file__).parents[2] / "muhandis/billing/tests/statements"
    main.get_by_label("Bank statement (CSV or XLSX)").set_input_files(
        statement / "statement-cp1251.csv"
    )
    main.get_by_role("button", name="Preview").click()
    expect(main.locator("[data-outcome='no_number']")).to_contain_text("Петров П.")
