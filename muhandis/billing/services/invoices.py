import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.core import audit

from .. import signals
from ..models import CreditNote, Invoice, InvoiceLine, InvoiceSequence, Issuer

if TYPE_CHECKING:
    from muhandis.accounts.models import Organisation, User

CENT = Decimal("0.01")


class BillingError(Exception):
    """A billing request that cannot be done; the message is for the person who asked."""


@dataclass(frozen=True)
class Payer:
    """Who pays, with the details printed on the invoice."""

    name: str
    person: "User | None" = None
    organisation: "Organisation | None" = None
    tax_number: str = ""
    address: str = ""
    bank_details: str = ""
    email: str = ""
    language: str = "uz"

    @classmethod
    def for_person(cls, person: "User") -> "Payer":
        return cls(
            name=person.get_full_name() or person.email,
            person=person,
            email=person.email,
            language=person.preferred_language or "uz",
        )

    @classmethod
    def for_organisation(
        cls, organisation: "Organisation", *, contact: "User | None" = None
    ) -> "Payer":
        return cls(
            name=organisation.name,
            organisation=organisation,
            tax_number=organisation.tax_number,
            address=str(organisation.region),
            email=contact.email if contact else "",
            language=(contact.preferred_language if contact else "") or "uz",
        )


@dataclass(frozen=True)
class LineIn:
    """One line to invoice. ``vat_rate`` None takes the issuer's rate."""

    description: str
    unit_price: Decimal
    quantity: Decimal = Decimal(1)
    vat_rate: Decimal | None = None
    ikpu_code: str = ""
    package_code: str = ""


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line_amounts(
    *, unit_price: Decimal, quantity: Decimal, vat_rate: Decimal, prices_include_vat: bool
) -> tuple[Decimal, Decimal, Decimal]:
    """(net, VAT, gross) of one line, each rounded to the cent, net + VAT = gross exactly."""
    amount = _money(unit_price * quantity)
    if prices_include_vat:
        gross = amount
        vat = _money(gross * vat_rate / (Decimal(100) + vat_rate))
        return gross - vat, vat, gross
    vat = _money(amount * vat_rate / Decimal(100))
    return amount, vat, amount + vat


def issuer_for(currency: str) -> Issuer:
    issuer = Issuer.objects.filter(currency=currency).first()
    if issuer is None:
        raise BillingError(
            _("The association has no invoicing details for %(currency)s yet.")
            % {"currency": currency}
        )
    return issuer


def _lock_series(*, prefix: str, year: int) -> InvoiceSequence:
    """The series' row, locked until the transaction ends.

    The audit trail's lock is taken first: every writer audits, often before it asks for a
    number in the same transaction (a seller audits its own change, then invoices), so taking
    the trail's lock first everywhere means no two writers wait for each other's lock."""
    audit.hold_lock()
    sequence, _created = InvoiceSequence.objects.get_or_create(prefix=prefix, year=year)
    return InvoiceSequence.objects.select_for_update().get(pk=sequence.pk)


def next_number(*, prefix: str, year: int) -> str:
    """The next number of the series, under a row lock: no gaps, no duplicates.

    Call inside the transaction that saves the numbered document, so that a rollback gives
    the number back."""
    with transaction.atomic():
        sequence = _lock_series(prefix=prefix, year=year)
        sequence.last_number += 1
        sequence.save(update_fields=["last_number"])
    return f"{prefix}-{year}-{sequence.last_number:06d}"


def _snapshot(invoice: Invoice) -> dict[str, Any]:
    return {
        "number": invoice.number,
        "status": invoice.status,
        "gross_total": invoice.gross_total,
        "paid_total": invoice.paid_total,
        "currency": invoice.currency,
    }


def create_invoice(
    *,
    payer: Payer,
    lines: Sequence[LineIn],
    currency: str,
    actor: "User | None",
    issue: bool = True,
    due_on: datetime.date | None = None,
    note: str = "",
) -> Invoice:
    """Write an invoice with its lines and totals; issue it (give it its number) unless
    ``issue`` is False."""
    if not lines:
        raise BillingError(_("An invoice needs at least one line."))
    if payer.person is None and payer.organisation is None:
        raise BillingError(_("An invoice needs a payer."))
    for line in lines:
        if line.unit_price < 0:
            raise BillingError(_("A price cannot be negative."))
        if line.quantity <= 0:
            raise BillingError(_("A quantity must be more than zero."))
    issuer = issuer_for(currency)
    with transaction.atomic():
        invoice = Invoice.objects.create(
            issuer=issuer,
            currency=currency,
            payer_person=payer.person,
            payer_organisation=payer.organisation,
            payer_name=payer.name[:200],
            payer_tax_number=payer.tax_number,
            payer_address=payer.address[:300],
            payer_bank_details=payer.bank_details[:300],
            payer_email=payer.email,
            language=payer.language,
            prices_include_vat=issuer.prices_include_vat,
            note=note,
            created_by=actor,
        )
        net_total = vat_total = gross_total = Decimal(0)
        for position, line in enumerate(lines, start=1):
            rate = issuer.vat_rate if line.vat_rate is None else line.vat_rate
            net, vat, gross = line_amounts(
                unit_price=line.unit_price,
                quantity=line.quantity,
                vat_rate=rate,
                prices_include_vat=issuer.prices_include_vat,
            )
            InvoiceLine.objects.create(
                invoice=invoice,
                position=position,
                description=line.description[:300],
                quantity=line.quantity,
                unit_price=line.unit_price,
                vat_rate=rate,
                ikpu_code=line.ikpu_code,
                package_code=line.package_code,
                net_amount=net,
                vat_amount=vat,
                gross_amount=gross,
            )
            net_total += net
            vat_total += vat
            gross_total += gross
        invoice.net_total, invoice.vat_total, invoice.gross_total = (
            net_total,
            vat_total,
            gross_total,
        )
        invoice.save(update_fields=["net_total", "vat_total", "gross_total"])
        audit.record(
            "billing.invoice.created", actor=actor, target=invoice, after=_snapshot(invoice)
        )
        if issue:
            invoice = issue_invoice(invoice=invoice, actor=actor, due_on=due_on)
    return invoice


def issue_invoice(
    *, invoice: Invoice, actor: "User | None", due_on: datetime.date | None = None
) -> Invoice:
    """Give a draft its number and dates."""
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().select_related("issuer").get(pk=invoice.pk)
        if invoice.status != Invoice.Status.DRAFT:
            raise BillingError(_("Only a draft invoice can be issued."))
        today = timezone.localdate()
        before = _snapshot(invoice)
        invoice.number = next_number(prefix=invoice.issuer.number_prefix, year=today.year)
        invoice.issued_on = today
        invoice.due_on = due_on or today + datetime.timedelta(days=invoice.issuer.payment_days)
        invoice.status = Invoice.Status.PAID if invoice.gross_total == 0 else Invoice.Status.ISSUED
        invoice.save(update_fields=["number", "issued_on", "due_on", "status", "updated_at"])
        audit.record(
            "billing.invoice.issued",
            actor=actor,
            target=invoice,
            before=before,
            after=_snapshot(invoice),
        )
        if invoice.status == Invoice.Status.PAID:
            transaction.on_commit(
                lambda: signals.invoice_paid.send(sender=Invoice, invoice=invoice)
            )
    return invoice


def _credit_note(
    *, invoice: Invoice, amount: Decimal, reason: str, actor: "User | None", payment: Any = None
) -> CreditNote:
    today = timezone.localdate()
    return CreditNote.objects.create(
        invoice=invoice,
        number=next_number(prefix=invoice.issuer.credit_prefix, year=today.year),
        issued_on=today,
        amount=amount,
        reason=reason[:300],
        payment=payment,
        created_by=actor,
    )


def cancel_invoice(*, invoice: Invoice, reason: str, actor: "User | None") -> Invoice:
    """Cancel an unpaid or part-paid invoice with a credit note for what is unpaid. Money
    already received stays recorded and is marked to be refunded."""
    if not reason.strip():
        raise BillingError(_("Say why the invoice is cancelled."))
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().select_related("issuer").get(pk=invoice.pk)
        if invoice.status in {Invoice.Status.CANCELLED, Invoice.Status.REFUNDED}:
            return invoice
        if invoice.status == Invoice.Status.PAID:
            raise BillingError(_("A paid invoice is refunded, not cancelled."))
        before = _snapshot(invoice)
        if invoice.number:
            _credit_note(invoice=invoice, amount=invoice.gross_total, reason=reason, actor=actor)
        invoice.payments.filter(state="received").update(
            needs_refund=True, refund_reason=reason[:300]
        )
        invoice.status = Invoice.Status.CANCELLED
        invoice.save(update_fields=["status", "updated_at"])
        audit.record(
            "billing.invoice.cancelled",
            actor=actor,
            target=invoice,
            before=before,
            after=_snapshot(invoice),
            reason=reason,
        )
        transaction.on_commit(
            lambda: signals.invoice_cancelled.send(sender=Invoice, invoice=invoice, reason=reason)
        )
    return invoice


def refund_invoice(*, invoice: Invoice, reason: str, actor: "User | None") -> Invoice:
    """Refund what was paid on the invoice: a credit note, the payments marked refunded."""
    if not reason.strip():
        raise BillingError(_("Say why the money is refunded."))
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().select_related("issuer").get(pk=invoice.pk)
        received = list(invoice.payments.filter(state="received"))
        if not received:
            raise BillingError(_("Nothing has been paid on this invoice."))
        before = _snapshot(invoice)
        for payment in received:
            _credit_note(
                invoice=invoice, amount=payment.amount, reason=reason, actor=actor, payment=payment
            )
            payment.state = "refunded"
            payment.needs_refund = False
            payment.save(update_fields=["state", "needs_refund", "updated_at"])
        invoice.paid_total = Decimal(0)
        invoice.status = Invoice.Status.REFUNDED
        invoice.save(update_fields=["status", "paid_total", "updated_at"])
        audit.record(
            "billing.invoice.refunded",
            actor=actor,
            target=invoice,
            before=before,
            after=_snapshot(invoice),
            reason=reason,
        )
        transaction.on_commit(
            lambda: signals.invoice_refunded.send(sender=Invoice, invoice=invoice, reason=reason)
        )
    return invoice
