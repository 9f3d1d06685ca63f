"""Click's SHOP API against the simulated Click (providers_sim.ClickSimulator), and the fiscal
receipt sent to Click's merchant API through a fake transport."""

import hashlib

import pytest

from muhandis.billing import services
from muhandis.billing.models import ClickTransaction, Invoice, Payment
from muhandis.billing.providers import click_fiscal, tasks
from muhandis.core.models import AuditEntry

from .providers_sim import (
    CLICK_SECRET,
    CLICK_USER,
    IKPU,
    PACKAGE,
    ClickSimulator,
    FakeClickApi,
    configure,
    make_invoice,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def click(settings):
    configure(settings)
    return ClickSimulator()


@pytest.fixture
def click_api(monkeypatch):
    fake = FakeClickApi()
    monkeypatch.setattr(tasks, "TRANSPORT", fake)
    return fake


def _amount(invoice):
    return f"{invoice.balance:.2f}"


def test_prepare_and_complete_pay_once_and_a_replayed_complete_answers_the_same(click, click_api):
    invoice = make_invoice()
    click_trans_id, (prepared, completed) = click.pay(invoice)
    assert prepared["error"] == 0
    assert prepared["click_trans_id"] == click_trans_id
    assert prepared["merchant_trans_id"] == invoice.number
    assert completed["error"] == 0
    assert completed["merchant_confirm_id"] == prepared["merchant_prepare_id"]
    replays = [
        click.complete(
            click_trans_id, prepared["merchant_prepare_id"], invoice.number, _amount(invoice)
        )
        for _ in range(3)
    ]
    assert replays == [completed] * 3
    assert click.prepare(click_trans_id, invoice.number, _amount(invoice)) == prepared
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID
    payment = Payment.objects.get()
    assert (payment.provider, payment.external_id) == ("click", str(click_trans_id))
    assert AuditEntry.objects.filter(action="billing.payment.received").count() == 1
    assert len(click_api.calls) == 1


def test_the_fiscal_receipt_goes_to_click_with_the_invoice_lines(click, click_api, settings):
    invoice = make_invoice(prices=("1120000",))
    _click_trans_id, _answers = click.pay(invoice)
    record = ClickTransaction.objects.get()
    assert record.fiscal_state == ClickTransaction.Fiscal.SENT
    url, headers, body = click_api.calls[0]
    assert url == click_fiscal.SUBMIT_ITEMS_URL
    user, digest, timestamp = headers["Auth"].split(":")
    assert user == CLICK_USER
    assert digest == hashlib.sha1(f"{timestamp}{CLICK_SECRET}".encode()).hexdigest()  # noqa: S324
    assert body["service_id"] == int(settings.CLICK_SERVICE_ID)
    assert body["payment_id"] == record.click_paydoc_id
    assert body["received_card"] == 112_000_000
    assert body["items"] == [
        {
            "Name": "Course 1: rainwater management",
            "SPIC": IKPU,
            "PackageCode": PACKAGE,
            "GoodPrice": 112_000_000,
            "Price": 112_000_000,
            "Amount": 1,
            "VAT": 12_000_000,
            "VATPercent": 12,
            "CommissionInfo": {"TIN": invoice.issuer.tax_number},
        }
    ]
    assert AuditEntry.objects.filter(action="billing.click.receipt_sent").count() == 1


def test_a_refused_or_unsent_receipt_is_marked_and_the_payment_stands(click, click_api):
    click_api.answer = {"error_code": -5017, "error_note": "Неверный ИКПУ"}
    click.pay(make_invoice())
    record = ClickTransaction.objects.get()
    assert record.fiscal_state == ClickTransaction.Fiscal.FAILED
    assert record.fiscal_note == "Неверный ИКПУ"
    click_api.fail = True
    click.pay(make_invoice())
    assert ClickTransaction.objects.filter(fiscal_state="failed").count() == 2
    assert Payment.objects.count() == 2


def test_no_receipt_is_sent_without_the_merchant_api_user(click, click_api, settings):
    settings.CLICK_MERCHANT_USER_ID = ""
    click.pay(make_invoice())
    assert click_api.calls == []
    assert Payment.objects.count() == 1


def test_wrong_signatures_are_refused_and_change_nothing(click, click_api):
    invoice = make_invoice()
    forger = ClickSimulator(secret="guessed")
    answer = forger.prepare(forger.new_id(), invoice.number, _amount(invoice))
    assert answer["error"] == -1
    assert answer["error_note"] == "SIGN CHECK FAILED!"
    assert not ClickTransaction.objects.exists()
    click_trans_id, (prepared, _completed) = click.pay(make_invoice())
    forged = forger.complete(
        click_trans_id + 1, prepared["merchant_prepare_id"], invoice.number, _amount(invoice)
    )
    assert forged["error"] == -1
    other_service = ClickSimulator(service_id="999")
    assert other_service.prepare(5, invoice.number, _amount(invoice))["error"] == -1
    tampered = click.fields(77, invoice.number, _amount(invoice), action="0")
    tampered["amount"] = "1.00"
    assert click.post("prepare", tampered)["error"] == -1
    assert Payment.objects.count() == 1


def test_a_request_without_its_fields_or_with_another_action_is_refused(click):
    invoice = make_invoice()
    assert click.post("prepare", {"click_trans_id": "1"})["error"] == -8
    complete_on_prepare = click.fields(9, invoice.number, _amount(invoice), action="1")
    assert click.post("prepare", complete_on_prepare)["error"] == -3
    response = click.client.get("/pay/click/prepare/")
    assert response.status_code == 200
    assert response.json()["error"] == -8
    assert click.client.post("/pay/click/complete", {}).json()["error"] == -8


def test_wrong_amount_unknown_paid_and_cancelled_invoices(click, click_api):
    invoice = make_invoice()
    assert click.prepare(1, invoice.number, "100.00")["error"] == -2
    assert click.prepare(2, invoice.number, "abc")["error"] == -2
    assert click.prepare(3, "INV-1999-000001", "100.00")["error"] == -5
    kzt = make_invoice(currency="KZT")
    assert click.prepare(4, kzt.number, _amount(kzt))["error"] == -5
    click.pay(invoice)
    assert click.prepare(5, invoice.number, "1120000.00")["error"] == -4
    cancelled = make_invoice()
    services.cancel_invoice(invoice=cancelled, reason="Session cancelled", actor=None)
    assert click.prepare(6, cancelled.number, _amount(cancelled))["error"] == -9
    assert Payment.objects.count() == 1


def test_complete_without_a_prepare_is_transaction_not_found(click):
    invoice = make_invoice()
    answer = click.complete(10, 999, invoice.number, _amount(invoice))
    assert answer["error"] == -6
    assert click.complete(10, 10**30, invoice.number, _amount(invoice))["error"] == -6
    prepared = click.prepare(11, invoice.number, _amount(invoice))
    mismatch = click.complete(11, prepared["merchant_prepare_id"], invoice.number, "5.00")
    assert mismatch["error"] == -2
    assert not Payment.objects.exists()


def test_click_cancelling_a_payment_leaves_the_invoice_unpaid(click):
    invoice = make_invoice()
    prepared = click.prepare(21, invoice.number, _amount(invoice))
    cancelled = click.complete(
        21, prepared["merchant_prepare_id"], invoice.number, _amount(invoice), error=-5017
    )
    assert cancelled["error"] == -9
    retried = click.complete(21, prepared["merchant_prepare_id"], invoice.number, _amount(invoice))
    assert retried["error"] == -9
    assert ClickTransaction.objects.get().state == ClickTransaction.State.CANCELLED
    assert not Payment.objects.exists()
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED


def test_click_cancelling_after_completion_reverses_the_payment(click, click_api):
    invoice = make_invoice()
    click_trans_id, (prepared, _completed) = click.pay(invoice)
    answer = click.complete(
        click_trans_id, prepared["merchant_prepare_id"], invoice.number, _amount(invoice), error=-1
    )
    assert answer["error"] == -9
    assert Payment.objects.get().state == Payment.State.REVERSED
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED


def test_payment_completed_after_the_invoice_was_cancelled_is_kept_and_flagged(click, click_api):
    invoice = make_invoice()
    prepared = click.prepare(31, invoice.number, _amount(invoice))
    services.cancel_invoice(invoice=invoice, reason="Session cancelled", actor=None)
    answer = click.complete(31, prepared["merchant_prepare_id"], invoice.number, _amount(invoice))
    assert answer["error"] == 0
    payment = Payment.objects.get()
    assert payment.needs_refund
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.CANCELLED


def test_our_own_failure_is_answered_as_failed_to_update(click, monkeypatch):
    from muhandis.billing.providers import click_api as api

    def broken(call):
        raise RuntimeError("disk full")

    monkeypatch.setattr(api, "prepare", broken)
    invoice = make_invoice()
    assert click.prepare(41, invoice.number, _amount(invoice))["error"] == -7
