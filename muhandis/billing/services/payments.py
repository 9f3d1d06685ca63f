import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.core import audit

from .. import signals
from ..models import Invoice, Payment
from .invoices import BillingError

if TYPE_CHECKING:
    from muhandis.accounts.models import User


def _status_for(invoice: Invoice) -> str:
    if invoice.paid_total <= 0:
        return Invoice.Status.ISSUED
    if invoice.paid_total < invoice.gross_total:
        return Invoice.Status.PART_PAID
    return Invoice.Status.PAID


def record_payment(
    *,
    invoice: Invoice,
    amount: Decimal,
    provider: str,
    external_id: str,
    actor: "User | None" = None,
    received_at: datetime.datetime | None = None,
    details: dict[str, Any] | None = None,
) -> Payment:
    """Record money received on an invoice, once per (provider, external id).

    A repeated call with the same reference returns the payment it made and changes nothing.
    Money for a cancelled or refunded invoice, or more than is due, is kept and marked to be
    refunded. When the invoice becomes paid in full, ``invoice_paid`` is sent after commit."""
    if amount <= 0:
        raise BillingError(_("A payment must be more than zero."))
    if not external_id:
        raise BillingError(_("A payment needs the provider's reference."))
    existing = Payment.objects.filter(provider=provider, external_id=external_id).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
            if invoice.status == Invoice.Status.DRAFT:
                raise BillingError(_("This invoice has not been issued."))
            before = {"status": invoice.status, "paid_total": invoice.paid_total}
            payment = Payment(
                invoice=invoice,
                provider=provider,
                external_id=external_id,
                amount=amount,
                currency=invoice.currency,
                received_at=received_at or timezone.now(),
                recorded_by=actor if actor is not None and actor.is_authenticated else None,
                details=details or {},
            )
            became_paid = False
            if not invoice.is_open:
                payment.applied = False
                payment.needs_refund = True
                payment.refund_reason = _(
                    "Received for invoice %(number)s, which is %(status)s."
                ) % {
                    "number": invoice.number,
                    "status": invoice.get_status_display(),
                }
            elif amount > invoice.balance:
                payment.needs_refund = True
                payment.refund_reason = _("More than was due: %(over)s %(currency)s over.") % {
                    "over": amount - invoice.balance,
                    "currency": invoice.currency,
                }
            payment.save(force_insert=True)
            if invoice.is_open:
                invoice.paid_total += amount
                invoice.status = _status_for(invoice)
                became_paid = invoice.status == Invoice.Status.PAID
                invoice.save(update_fields=["paid_total", "status", "updated_at"])
            audit.record(
                "billing.payment.received",
                actor=actor,
                target=invoice,
                before=before,
                after={
                    "status": invoice.status,
                    "paid_total": invoice.paid_total,
                    "provider": provider,
                    "reference": external_id,
                    "amount": amount,
                    "needs_refund": payment.needs_refund,
                },
            )
            if became_paid:
                transaction.on_commit(
                    lambda: signals.invoice_paid.send(sender=Invoice, invoice=invoice)
                )
    except IntegrityError:
        # The same reference was recorded by a concurrent call: that one counts.
        return Payment.objects.get(provider=provider, external_id=external_id)
    return payment


def reverse_payment(*, payment: Payment, reason: str, actor: "User | None" = None) -> Payment:
    """The provider took a received payment back (e.g. Payme's cancel after perform)."""
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if payment.state != Payment.State.RECEIVED:
            return payment
        invoice = Invoice.objects.select_for_update().get(pk=payment.invoice_id)
        before = {"status": invoice.status, "paid_total": invoice.paid_total}
        payment.state = Payment.State.REVERSED
        payment.needs_refund = False
        payment.save(update_fields=["state", "needs_refund", "updated_at"])
        was_paid = invoice.status == Invoice.Status.PAID
        # Money that arrived after the invoice was closed was never counted on it.
        if payment.applied and (invoice.is_open or was_paid):
            invoice.paid_total = max(Decimal(0), invoice.paid_total - payment.amount)
            invoice.status = _status_for(invoice)
            invoice.save(update_fields=["paid_total", "status", "updated_at"])
        audit.record(
            "billing.payment.reversed",
            actor=actor,
            target=invoice,
            before=before,
            after={"status": invoice.status, "paid_total": invoice.paid_total},
            reason=reason,
        )
        if was_paid and invoice.status != Invoice.Status.PAID:
            transaction.on_commit(
                lambda: signals.invoice_refunded.send(
                    sender=Invoice, invoice=invoice, reason=reason
                )
            )
    return payment


def refund_payment(*, payment: Payment, reason: str, actor: "User | None") -> Payment:
    """Record that money flagged to be refunded was paid back to the payer.

    For an invoice that was closed (cancelled, refunded) the whole payment goes back; for an
    open or paid invoice only what was paid over the total. The payment stays on record."""
    if not reason.strip():
        raise BillingError(_("Say why the money is refunded."))
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        if not payment.needs_refund or payment.state != Payment.State.RECEIVED:
            raise BillingError(_("This payment is not waiting for a refund."))
        invoice = Invoice.objects.select_for_update().get(pk=payment.invoice_id)
        before = {"status": invoice.status, "paid_total": invoice.paid_total}
        if invoice.is_open or invoice.status == Invoice.Status.PAID:
            over = max(Decimal(0), invoice.paid_total - invoice.gross_total)
            back = min(payment.amount, over)
            invoice.paid_total -= back
        else:
            back = payment.amount
            if payment.applied:
                invoice.paid_total = max(Decimal(0), invoice.paid_total - payment.amount)
            payment.state = Payment.State.REFUNDED
        invoice.save(update_fields=["paid_total", "updated_at"])
        payment.needs_refund = False
        payment.details = {
            **payment.details,
            "refunded": {"amount": str(back), "on": timezone.localdate().isoformat()},
        }
        payment.save(update_fields=["state", "needs_refund", "details", "updated_at"])
        audit.record(
            "billing.payment.refunded",
            actor=actor,
            target=invoice,
            before=before,
            after={
                "status": invoice.status,
                "paid_total": invoice.paid_total,
                "provider": payment.provider,
                "reference": payment.external_id,
                "amount": back,
            },
            reason=reason,
        )
    return payment


MANUAL_PROVIDERS = ("bank", "cash")


def record_manual_payment(
    *,
    invoice: Invoice,
    provider: str,
    amount: Decimal,
    received_on: datetime.date,
    reference: str,
    actor: "User",
) -> Payment:
    """A payment staff enter by hand (a bank transfer seen on the account, cash at the
    office), through ``record_payment``. A reference already recorded is refused, so that a
    person who types it twice learns that nothing was added."""
    if provider not in MANUAL_PROVIDERS:
        raise BillingError(_("Choose bank transfer or cash."))
    reference = reference.strip()
    if not reference:
        raise BillingError(_("Give the bank document or cash receipt number."))
    if received_on > timezone.localdate():
        raise BillingError(_("The payment date cannot be in the future."))
    existing = (
        Payment.objects.filter(provider=provider, external_id=reference)
        .select_related("invoice")
        .first()
    )
    if existing is not None:
        raise BillingError(
            _("The reference %(reference)s was already recorded on invoice %(number)s.")
            % {"reference": reference, "number": existing.invoice.number}
        )
    received_at = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(12, 0)))
    return record_payment(
        invoice=invoice,
        amount=amount,
        provider=provider,
        external_id=reference,
        actor=actor,
        received_at=received_at,
        details={"entered_by_hand": True},
    )
