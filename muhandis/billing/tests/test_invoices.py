from decimal import Decimal

import pytest

from muhandis.accounts.tests.factories import UserFactory
from muhandis.billing import services, signals
from muhandis.billing.models import Invoice, Payment
from muhandis.core.models import AuditEntry

from .factories import IssuerFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _invoice(payer=None, price="1120000"):
    IssuerFactory()
    person = payer or UserFactory()
    return services.create_invoice(
        payer=services.Payer.for_person(person),
        lines=[services.LineIn(description="Course", unit_price=Decimal(price))],
        currency="UZS",
        actor=None,
    )


def test_invoice_numbers_follow_each_other_and_vat_is_taken_out_of_the_price():
    first, second = _invoice(), _invoice()
    year = first.issued_on.year
    assert first.number == f"INV-{year}-000001"
    assert second.number == f"INV-{year}-000002"
    assert first.gross_total == Decimal("1120000.00")
    assert first.vat_total == Decimal("120000.00")
    assert first.net_total == Decimal("1000000.00")
    assert first.status == Invoice.Status.ISSUED


def test_a_replayed_payment_pays_once_and_announces_once():
    invoice = _invoice()
    heard = []
    signals.invoice_paid.connect(
        lambda **kw: heard.append(kw["invoice"].pk), weak=False, dispatch_uid="t1"
    )
    try:
        for _ in range(3):
            services.record_payment(
                invoice=invoice, amount=invoice.gross_total, provider="payme", external_id="tx-1"
            )
    finally:
        signals.invoice_paid.disconnect(dispatch_uid="t1")
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID
    assert invoice.paid_total == invoice.gross_total
    assert Payment.objects.count() == 1
    assert heard == [invoice.pk]
    assert AuditEntry.objects.filter(action="billing.payment.received").count() == 1


def test_money_for_a_cancelled_invoice_is_kept_and_marked_for_refund():
    invoice = _invoice()
    services.cancel_invoice(invoice=invoice, reason="Session cancelled", actor=None)
    payment = services.record_payment(
        invoice=invoice, amount=invoice.gross_total, provider="click", external_id="c-9"
    )
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.CANCELLED
    assert payment.needs_refund
    assert invoice.credit_notes.count() == 1


def test_reversing_money_that_came_after_the_invoice_was_paid_leaves_the_invoice_paid():
    invoice = _invoice()
    services.record_payment(
        invoice=invoice, amount=invoice.gross_total, provider="payme", external_id="tx-a"
    )
    late = services.record_payment(
        invoice=invoice, amount=invoice.gross_total, provider="click", external_id="c-b"
    )
    assert late.needs_refund
    heard = []
    signals.invoice_refunded.connect(
        lambda **kw: heard.append(kw["invoice"].pk), weak=False, dispatch_uid="t2"
    )
    try:
        services.reverse_payment(payment=late, reason="Click cancelled it")
    finally:
        signals.invoice_refunded.disconnect(dispatch_uid="t2")
    invoice.refresh_from_db()
    assert invoice.status == Invoice.Status.PAID
    assert invoice.paid_total == invoice.gross_total
    assert heard == []


def test_refunding_money_that_came_after_cancellation_leaves_the_paid_total_alone():
    invoice = _invoice()
    services.record_payment(
        invoice=invoice, amount=Decimal("100000"), provider="bank", external_id="b-1"
    )
    services.cancel_invoice(invoice=invoice, reason="Session cancelled", actor=None)
    late = services.record_payment(
        invoice=invoice, amount=Decimal("50000"), provider="bank", external_id="b-2"
    )
    services.refund_payment(payment=late, reason="Returned", actor=None)
    invoice.refresh_from_db()
    assert invoice.paid_total == Decimal("100000")
    first = Payment.objects.get(external_id="b-1")
    services.refund_payment(payment=first, reason="Returned", actor=None)
    invoice.refresh_from_db()
    assert invoice.paid_total == Decimal("0")
    assert AuditEntry.objects.filter(action="billing.payment.refunded").count() == 2
