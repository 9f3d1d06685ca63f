"""The signed-in person's invoices in the REST API (read-only): their own and those of the
organisations they represent."""

import datetime
import uuid
from decimal import Decimal

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from . import selectors
from .models import Invoice

router = Router(tags=["billing"])


class InvoiceOut(Schema):
    id: uuid.UUID
    number: str
    status: str
    currency: str
    payer: str
    issued_on: datetime.date | None
    due_on: datetime.date | None
    net_total: Decimal
    vat_total: Decimal
    gross_total: Decimal
    paid_total: Decimal
    balance: Decimal


class InvoiceLineOut(Schema):
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    ikpu_code: str
    package_code: str
    net_amount: Decimal
    vat_amount: Decimal
    gross_amount: Decimal


class InvoicePaymentOut(Schema):
    provider: str
    amount: Decimal
    state: str
    received_at: datetime.datetime
    to_be_refunded: bool


class InvoiceCreditNoteOut(Schema):
    number: str
    issued_on: datetime.date
    amount: Decimal
    reason: str


class InvoiceDetailOut(InvoiceOut):
    lines: list[InvoiceLineOut]
    payments: list[InvoicePaymentOut]
    credit_notes: list[InvoiceCreditNoteOut]


def _summary(invoice: Invoice) -> dict:
    return {
        "id": invoice.public_id,
        "number": invoice.number or "",
        "status": invoice.status,
        "currency": invoice.currency,
        "payer": invoice.payer_name,
        "issued_on": invoice.issued_on,
        "due_on": invoice.due_on,
        "net_total": invoice.net_total,
        "vat_total": invoice.vat_total,
        "gross_total": invoice.gross_total,
        "paid_total": invoice.paid_total,
        "balance": invoice.balance,
    }


@router.get(
    "/invoices/mine",
    response=list[InvoiceOut],
    summary="Your invoices and those of the organisations you represent, newest first",
)
@paginate
def my_invoices(request: HttpRequest) -> list[dict]:
    return [_summary(invoice) for invoice in selectors.invoices_of(request.user)]


@router.get(
    "/invoices/{public_id}",
    response=InvoiceDetailOut,
    summary="One of your invoices with its lines, payments and credit notes",
)
def invoice_detail(request: HttpRequest, public_id: uuid.UUID) -> dict:
    # Only the payer's own invoices: staff use the site's pages, not this endpoint.
    invoice = selectors.invoice_for_payer(request.user, public_id)
    if invoice is None:
        raise Http404
    return {
        **_summary(invoice),
        "lines": [
            {name: getattr(line, name) for name in InvoiceLineOut.model_fields}
            for line in invoice.lines.all()
        ],
        "payments": [
            {
                "provider": p.provider,
                "amount": p.amount,
                "state": p.state,
                "received_at": p.received_at,
                "to_be_refunded": p.needs_refund,
            }
            for p in invoice.payments.all()
        ],
        "credit_notes": [
            {name: getattr(note, name) for name in InvoiceCreditNoteOut.model_fields}
            for note in invoice.credit_notes.all()
        ],
    }
