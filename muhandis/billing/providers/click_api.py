"""Click's SHOP API: Prepare (action 0) and Complete (action 1), as published by Click.

Click signs every call; a call whose signature does not match changes nothing. Complete locks
the invoice and then the transaction, so a repeated Complete (Click retries when it hears no
answer) finds the first one's result and gives the same answer: the payment is recorded once.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from muhandis.core import audit

from ..models import ClickTransaction, Currency, Invoice, PaymentProvider
from ..services import record_payment, reverse_payment
from .base import parse_soum
from .click import signature_matches

SUCCESS = 0
SIGN_CHECK_FAILED = -1
INCORRECT_AMOUNT = -2
ACTION_NOT_FOUND = -3
ALREADY_PAID = -4
USER_NOT_FOUND = -5
TRANSACTION_NOT_FOUND = -6
FAILED_TO_UPDATE = -7
BAD_REQUEST = -8
TRANSACTION_CANCELLED = -9

#: The notes Click's documentation gives with each code (Click reads the code; the note is
#: for the people who look at its logs, in Click's own wording).
NOTES = {
    SUCCESS: "Success",
    SIGN_CHECK_FAILED: "SIGN CHECK FAILED!",
    INCORRECT_AMOUNT: "Incorrect parameter amount",
    ACTION_NOT_FOUND: "Action not found",
    ALREADY_PAID: "Already paid",
    USER_NOT_FOUND: "User does not exist",
    TRANSACTION_NOT_FOUND: "Transaction does not exist",
    FAILED_TO_UPDATE: "Failed to update user",
    BAD_REQUEST: "Error in request from click",
    TRANSACTION_CANCELLED: "Transaction cancelled",
}

PREPARE_FIELDS = (
    "click_trans_id",
    "service_id",
    "click_paydoc_id",
    "merchant_trans_id",
    "amount",
    "action",
    "error",
    "sign_time",
    "sign_string",
)
COMPLETE_FIELDS = (*PREPARE_FIELDS, "merchant_prepare_id")
State = ClickTransaction.State


class ClickError(Exception):
    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Call:
    fields: dict[str, str]
    click_trans_id: int
    amount: Decimal
    error: int


def _integer(text: str) -> int | None:
    """A whole number that fits the database's 64-bit columns, or None."""
    try:
        value = int(text)
    except (TypeError, ValueError):
        return None
    return value if -(2**63) < value < 2**63 else None


def read_call(data: dict[str, str], *, complete: bool) -> Call:
    """The call's fields, its signature checked; the errors in the order Click lists them."""
    names = COMPLETE_FIELDS if complete else PREPARE_FIELDS
    fields = {name: (data.get(name) or "").strip() for name in names}
    fields["error_note"] = data.get("error_note") or ""
    if not all(fields[name] for name in names):
        raise ClickError(BAD_REQUEST)
    if not signature_matches(fields, complete=complete):
        raise ClickError(SIGN_CHECK_FAILED)
    if fields["action"] != ("1" if complete else "0"):
        raise ClickError(ACTION_NOT_FOUND)
    click_trans_id, error = _integer(fields["click_trans_id"]), _integer(fields["error"])
    if click_trans_id is None or error is None or _integer(fields["click_paydoc_id"]) is None:
        raise ClickError(BAD_REQUEST)
    amount = parse_soum(fields["amount"])
    if amount is None:
        raise ClickError(INCORRECT_AMOUNT)
    return Call(fields=fields, click_trans_id=click_trans_id, amount=amount, error=error)


def answer(fields: dict[str, str], code: int, **ids: int) -> dict[str, Any]:
    body: dict[str, Any] = {
        "click_trans_id": _integer(fields.get("click_trans_id", "")),
        "merchant_trans_id": fields.get("merchant_trans_id", ""),
    }
    body.update(ids)
    body["error"] = code
    body["error_note"] = NOTES[code]
    return body


def _invoice(number: str, *, lock: bool) -> Invoice:
    queryset = Invoice.objects.select_for_update() if lock else Invoice.objects.all()
    invoice = queryset.filter(number=number, currency=Currency.UZS).first()
    if invoice is None:
        raise ClickError(USER_NOT_FOUND)
    return invoice


def prepare(call: Call) -> dict[str, Any]:
    fields = call.fields
    with transaction.atomic():
        invoice = _invoice(fields["merchant_trans_id"], lock=True)
        record = ClickTransaction.objects.filter(click_trans_id=call.click_trans_id).first()
        if record is not None:
            if record.invoice_id != invoice.pk or record.amount != call.amount:
                raise ClickError(BAD_REQUEST)
            if record.state == State.CANCELLED:
                raise ClickError(TRANSACTION_CANCELLED)
            return answer(fields, SUCCESS, merchant_prepare_id=record.pk)
        if invoice.status == Invoice.Status.PAID:
            raise ClickError(ALREADY_PAID)
        if not invoice.is_open:
            raise ClickError(TRANSACTION_CANCELLED)
        if call.amount != invoice.balance:
            raise ClickError(INCORRECT_AMOUNT)
        record = ClickTransaction.objects.create(
            click_trans_id=call.click_trans_id,
            click_paydoc_id=int(fields["click_paydoc_id"]),
            invoice=invoice,
            amount=call.amount,
        )
        audit.record(
            "billing.click.transaction_prepared",
            target=invoice,
            after={"transaction": call.click_trans_id, "amount": call.amount},
        )
    return answer(fields, SUCCESS, merchant_prepare_id=record.pk)


def complete(call: Call) -> dict[str, Any]:
    fields = call.fields
    prepare_id = _integer(fields["merchant_prepare_id"])
    found = (
        ClickTransaction.objects.filter(pk=prepare_id, click_trans_id=call.click_trans_id)
        .values_list("invoice_id", flat=True)
        .first()
    )
    if found is None:
        raise ClickError(TRANSACTION_NOT_FOUND)
    paid = False
    with transaction.atomic():
        invoice = Invoice.objects.select_for_update().get(pk=found)
        if invoice.number != fields["merchant_trans_id"]:
            raise ClickError(USER_NOT_FOUND)
        record = ClickTransaction.objects.select_for_update().get(pk=prepare_id)
        if call.amount != record.amount:
            raise ClickError(INCORRECT_AMOUNT)
        if call.error < 0:
            # Click could not take the money (or took it back): the attempt is cancelled.
            _cancel(record, invoice, call)
            code = TRANSACTION_CANCELLED
        elif record.state == State.CANCELLED:
            code = TRANSACTION_CANCELLED
        elif record.state == State.COMPLETED:
            code = SUCCESS
        else:
            payment = record_payment(
                invoice=invoice,
                amount=record.amount,
                provider=PaymentProvider.CLICK,
                external_id=str(record.click_trans_id),
                details={
                    "click_paydoc_id": record.click_paydoc_id,
                    "sign_time": fields["sign_time"],
                },
            )
            record.state = State.COMPLETED
            record.payment = payment
            record.save(update_fields=["state", "payment", "updated_at"])
            code = SUCCESS
            paid = True
    if paid and settings.CLICK_MERCHANT_USER_ID:
        from .tasks import submit_click_receipt

        transaction.on_commit(lambda: submit_click_receipt.enqueue(record.pk))
    return answer(fields, code, merchant_confirm_id=record.pk)


def _cancel(record: ClickTransaction, invoice: Invoice, call: Call) -> None:
    if record.state == State.CANCELLED:
        return
    if record.state == State.COMPLETED and record.payment is not None:
        reverse_payment(
            payment=record.payment,
            reason=_("Click cancelled the payment (error %(error)s).") % {"error": call.error},
        )
    record.state = State.CANCELLED
    record.error = call.error
    record.error_note = call.fields["error_note"][:200]
    record.save(update_fields=["state", "error", "error_note", "updated_at"])
    audit.record(
        "billing.click.transaction_cancelled",
        target=invoice,
        after={"transaction": record.click_trans_id, "error": call.error},
    )
