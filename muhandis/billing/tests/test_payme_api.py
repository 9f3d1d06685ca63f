"""Payme's Merchant API against the simulated Payme (providers_sim.PaymeSimulator)."""

import base64
import json
import threading
from decimal import Decimal

import pytest
from django.db import connection

from muhandis.billing import services, signals
from muhandis.billing.models import Invoice, Payment, PaymeTransaction
from muhandis.billing.providers import payme_api
from muhandis.core.models import AuditEntry

from .providers_sim import IKPU, PACKAGE, PaymeSimulator, configure, make_invoice, tiyin

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def payme(settings):
    configure(settings)
    return PaymeSimulator()


def _heard(signal):
    heard = []

    def listener(**kwargs):
        heard.append(kwargs["invoice"].pk)

    signal.connect(listener, weak=False, dispatch_uid=f"heard-{id(heard)}")
    return heard, lambda: signal.disconnect(dispatch_uid=f"heard-{id(heard)}")


def test_check_create_perform_pays_the_invoice_once_and_replays_answer_the_same(payme):
    invoice = make_invoice()
    heard, stop = _heard(signals.invoice_paid)
    payme_id, amount = payme.new_id(), tiyin(invoice)
    try:
        checked = payme.check_perform(invoice.number, amount)
        assert payme.check_perform(invoice.number, amount)["result"] == checked["result"]
        created = payme.create(payme_id, invoice.number, amount)
        created_again = payme.create(payme_id, invoice.number, amount)
        performed = payme.perform(payme_id)
        performed_again = [payme.perform(payme_id), payme.perform(payme_id)]
        # Once paid, the protocol answers a late CreateTransaction with "cannot perform".
        late_create = payme.create(payme_id, invoice.number, amount)
    finally:
        stop()
    assert checked["result"]["allow"] is True
    assert created["result"]["state"] == 1
    assert created_again == {**created, "id": created_again["id"]}
    assert performed["result"]["state"] == 2
    assert [a["result"] for a in performed_again] == [performed["result"]] * 2
    assert late_create["error"]["code"] == -31008
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID
    assert Payment.objects.get().external_id == payme_id
    assert AuditEntry.objects.filter(action="billing.payment.received").count() == 1
    assert heard == [invoice.pk]
    checked_again = payme.check(payme_id)["result"]
    assert checked_again["state"] == 2
    assert checked_again["perform_time"] == performed["result"]["perform_time"]


def test_check_perform_gives_the_fiscal_receipt_items_from_the_invoice_lines(payme):
    invoice = make_invoice(prices=("560000", "250000"), quantity="2")
    answer = payme.check_perform(invoice.number, tiyin(invoice))
    detail = answer["result"]["detail"]
    assert detail["receipt_type"] == 0
    assert detail["items"] == [
        {
            "title": "Course 1: rainwater management",
            "price": 56_000_000,
            "count": 2,
            "code": IKPU,
            "package_code": PACKAGE,
            "vat_percent": 12,
        },
        {
            "title": "Course 2: rainwater management",
            "price": 25_000_000,
            "count": 2,
            "code": IKPU,
            "package_code": PACKAGE,
            "vat_percent": 12,
        },
    ]
    assert sum(i["price"] * i["count"] for i in detail["items"]) == tiyin(invoice)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Basic " + base64.b64encode(b"Paycom:wrong-key").decode()},
        {"Authorization": "Basic " + base64.b64encode(b"Other:sim-payme-key-&?%@").decode()},
        {"Authorization": "Bearer sim-payme-key-&?%@"},
        {"Authorization": "Basic not-base64!"},
    ],
)
def test_a_call_without_the_key_is_refused_and_changes_nothing(payme, headers):
    invoice = make_invoice()
    body = {
        "jsonrpc": "2.0",
        "id": 7,
        "method": "CreateTransaction",
        "params": {
            "id": payme.new_id(),
            "time": payme.now(),
            "amount": tiyin(invoice),
            "account": {"invoice": invoice.number},
        },
    }
    answer = payme.raw(json.dumps(body), headers=headers)
    assert answer["error"]["code"] == -32504
    assert set(answer["error"]["message"]) == {"ru", "uz", "en"}
    assert answer["id"] == 7
    assert not PaymeTransaction.objects.exists()


def test_the_sandbox_key_replaces_the_real_one_when_set(payme, settings):
    invoice = make_invoice()
    settings.PAYME_TEST_KEY = "sandbox-key"
    assert payme.check_perform(invoice.number, tiyin(invoice))["error"]["code"] == -32504
    payme.key = "sandbox-key"
    assert payme.check_perform(invoice.number, tiyin(invoice))["result"]["allow"] is True


def test_protocol_errors_are_answered_in_json_rpc(payme):
    assert payme.raw("{not json")["error"]["code"] == -32700
    assert payme.raw("[1, 2]")["error"]["code"] == -32600
    assert payme.raw(json.dumps({"id": 1, "method": "X"}))["error"]["code"] == -32600
    unknown = payme.call("DoSomething", {})
    assert unknown["error"]["code"] == -32601
    assert unknown["error"]["data"] == "method"
    assert payme.call("ChangePassword", {"password": "new"})["error"]["code"] == -32504
    response = payme.client.get(payme.path, headers=payme.headers())
    assert response.status_code == 200
    assert response.json()["error"]["code"] == -32300
    without_slash = PaymeSimulator(path="/pay/payme")
    assert without_slash.call("CheckTransaction", {"id": "x"})["error"]["code"] == -31003


def test_wrong_amounts_are_refused_with_the_amount_named(payme):
    invoice = make_invoice()
    for amount in (tiyin(invoice) - 1, tiyin(invoice) + 100, 0, -5, "100", 1.5, 10**30, 1e300):
        answer = payme.check_perform(invoice.number, amount)
        assert answer["error"]["code"] == -31001, amount
        assert answer["error"]["data"] == "amount"
    created = payme.create(payme.new_id(), invoice.number, tiyin(invoice) - 100)
    assert created["error"]["code"] == -31001
    assert not PaymeTransaction.objects.exists()


def test_unknown_foreign_paid_and_cancelled_invoices_are_account_errors(payme):
    kzt = make_invoice(currency="KZT")
    paid = make_invoice()
    payme.pay(paid)
    cancelled = make_invoice()
    services.cancel_invoice(invoice=cancelled, reason="Session cancelled", actor=None)
    cases = [
        ("INV-1999-999999", 100, -31050),
        (kzt.number, tiyin(kzt), -31050),
        (paid.number, 100, -31051),
        (cancelled.number, tiyin(cancelled), -31052),
    ]
    for number, amount, code in cases:
        for answer in (
            payme.check_perform(number, amount),
            payme.create(payme.new_id(), number, amount),
        ):
            assert answer["error"]["code"] == code, number
            assert answer["error"]["data"] == "invoice"
            assert answer["error"]["message"]["ru"] != answer["error"]["message"]["uz"]
    missing = payme.call("CheckPerformTransaction", {"amount": 100, "account": {}})
    assert missing["error"]["code"] == -31050


def test_another_transaction_waiting_for_the_invoice_is_refused(payme):
    invoice = make_invoice()
    first = payme.new_id()
    assert payme.create(first, invoice.number, tiyin(invoice))["result"]["state"] == 1
    assert payme.create(payme.new_id(), invoice.number, tiyin(invoice))["error"]["code"] == -31053
    assert payme.check_perform(invoice.number, tiyin(invoice))["error"]["code"] == -31053
    assert PaymeTransaction.objects.count() == 1


def test_a_transaction_older_than_twelve_hours_is_cancelled_with_reason_4(payme, monkeypatch):
    invoice = make_invoice()
    payme_id = payme.new_id()
    created = payme.create(payme_id, invoice.number, tiyin(invoice))["result"]
    later = created["create_time"] + payme_api.TIMEOUT_MS + 1
    monkeypatch.setattr(payme_api, "now_ms", lambda: later)
    performed = payme.perform(payme_id)
    assert performed["error"]["code"] == -31008
    checked = payme.check(payme_id)["result"]
    assert (checked["state"], checked["reason"], checked["cancel_time"]) == (-1, 4, later)
    assert payme.create(payme_id, invoice.number, tiyin(invoice))["error"]["code"] == -31008
    assert not Payment.objects.exists()
    # The invoice is free again for a new payment.
    assert payme.create(payme.new_id(), invoice.number, tiyin(invoice))["result"]["state"] == 1


def test_a_timed_out_create_repeated_is_cancelled_then_refused(payme, monkeypatch):
    invoice = make_invoice()
    payme_id = payme.new_id()
    created = payme.create(payme_id, invoice.number, tiyin(invoice))["result"]
    monkeypatch.setattr(
        payme_api, "now_ms", lambda: created["create_time"] + payme_api.TIMEOUT_MS + 5
    )
    assert payme.create(payme_id, invoice.number, tiyin(invoice))["error"]["code"] == -31008
    assert payme.check(payme_id)["result"]["reason"] == 4


def test_cancel_before_perform_leaves_the_invoice_unpaid(payme):
    invoice = make_invoice()
    payme_id = payme.new_id()
    payme.create(payme_id, invoice.number, tiyin(invoice))
    first = payme.cancel(payme_id, 3)
    assert first["result"]["state"] == -1
    assert payme.cancel(payme_id, 3)["result"] == first["result"]
    assert payme.perform(payme_id)["error"]["code"] == -31008
    assert payme.check(payme_id)["result"]["reason"] == 3
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED
    assert not Payment.objects.exists()


def test_cancel_after_perform_reverses_the_payment_and_tells_the_seller(payme):
    invoice = make_invoice()
    payme_id, _answers = payme.pay(invoice)
    heard, stop = _heard(signals.invoice_refunded)
    try:
        first = payme.cancel(payme_id, 5)
        again = payme.cancel(payme_id, 5)
    finally:
        stop()
    assert first["result"]["state"] == -2
    assert again["result"] == first["result"]
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.ISSUED
    assert invoice.paid_total == Decimal(0)
    assert Payment.objects.get().state == Payment.State.REVERSED
    assert heard == [invoice.pk]
    assert AuditEntry.objects.filter(action="billing.payment.reversed").count() == 1
    assert payme.perform(payme_id)["error"]["code"] == -31008


def test_cancel_after_a_refund_by_the_association_is_refused(payme):
    invoice = make_invoice()
    payme_id, _answers = payme.pay(invoice)
    services.refund_invoice(invoice=invoice, reason="Course moved", actor=None)
    answer = payme.cancel(payme_id, 5)
    assert answer["error"]["code"] == -31007
    assert payme.check(payme_id)["result"]["state"] == 2


def test_payment_for_an_invoice_cancelled_after_create_is_kept_and_flagged(payme):
    invoice = make_invoice()
    payme_id = payme.new_id()
    payme.create(payme_id, invoice.number, tiyin(invoice))
    services.cancel_invoice(invoice=invoice, reason="Session cancelled", actor=None)
    assert payme.perform(payme_id)["result"]["state"] == 2
    payment = Payment.objects.get()
    assert payment.needs_refund
    assert payment.amount == invoice.gross_total
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.CANCELLED


def test_unknown_transactions_are_not_found(payme):
    for answer in (payme.perform("nope"), payme.check("nope"), payme.cancel("nope", 3)):
        assert answer["error"]["code"] == -31003
        assert answer["error"]["data"] == "id"


def test_get_statement_lists_the_transactions_of_the_period_in_order(payme):
    invoices = [make_invoice() for _ in range(3)]
    ids = []
    for offset, invoice in zip((1000, 2000, 9000), invoices, strict=True):
        payme_id = payme.new_id()
        ids.append(payme_id)
        payme.create(payme_id, invoice.number, tiyin(invoice), when=1_700_000_000_000 + offset)
    payme.perform(ids[0])
    listed = payme.statement(1_700_000_000_000, 1_700_000_005_000)["result"]["transactions"]
    assert [t["id"] for t in listed] == ids[:2]
    assert [t["state"] for t in listed] == [2, 1]
    assert listed[0]["account"] == {"invoice": invoices[0].number}
    assert listed[0]["amount"] == tiyin(invoices[0])
    assert payme.statement(1, 2)["result"]["transactions"] == []


def test_set_fiscal_data_keeps_the_receipt(payme):
    invoice = make_invoice()
    payme_id, _answers = payme.pay(invoice)
    data = {"receipt_id": 17, "qr_code_url": "https://ofd.soliq.uz/check?t=1"}
    answer = payme.call("SetFiscalData", {"id": payme_id, "type": "PERFORM", "fiscal_data": data})
    assert answer["result"] == {"success": True}
    assert PaymeTransaction.objects.get().fiscal_data == {"perform": data}


def test_our_own_failure_is_a_system_error_not_a_500(payme, monkeypatch):
    invoice = make_invoice()

    def broken(params):
        raise RuntimeError("database went away")

    monkeypatch.setitem(payme_api.METHODS, "CheckPerformTransaction", broken)
    answer = payme.check_perform(invoice.number, tiyin(invoice))
    assert answer["error"]["code"] == -32400


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_sixteen_identical_performs_at_once_pay_once(payme):
    invoice = make_invoice()
    payme_id = payme.new_id()
    payme.create(payme_id, invoice.number, tiyin(invoice))
    barrier = threading.Barrier(16)
    answers = []

    def send():
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            answers.append(PaymeSimulator().perform(payme_id))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=send) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(answers) == 16
    assert all(answer["result"] == answers[0]["result"] for answer in answers)
    assert Payment.objects.count() == 1
    invoice.refresh_from_db()
    assert invoice.paid_total == invoice.gross_total


def test_staff_read_the_transactions_in_the_admin_but_cannot_change_them(
    payme, client, administrator
):
    admin_client = client
    admin_client.force_login(administrator)
    invoice = make_invoice()
    payme_id, _answers = payme.pay(invoice)
    listing = admin_client.get("/en/admin/billing/paymetransaction/")
    assert listing.status_code == 200
    assert payme_id in listing.content.decode()
    assert admin_client.get("/en/admin/billing/paymetransaction/add/").status_code == 403
    record = PaymeTransaction.objects.get()
    page = admin_client.get(f"/en/admin/billing/paymetransaction/{record.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
