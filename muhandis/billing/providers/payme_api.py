"""Payme's Merchant API methods (JSON-RPC 2.0), as published by Payme Business.

Every method that changes a transaction locks the invoice and then the transaction row
(always in that order), so that Payme's retries and duplicate calls, however many arrive at
once, see one another's writes: a transaction is paid once, and an answer given once is given
again the same way."""

import time
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from muhandis.core import audit

from ..models import Currency, Invoice, Payment, PaymentProvider, PaymeTransaction
from ..services import record_payment, reverse_payment
from .base import from_tiyin, to_tiyin
from .payme_errors import (
    CANNOT_CANCEL,
    CANNOT_PERFORM,
    INSUFFICIENT_PRIVILEGE,
    INVALID_REQUEST,
    INVOICE_BUSY,
    INVOICE_CLOSED,
    INVOICE_NOT_FOUND,
    INVOICE_PAID,
    TRANSACTION_NOT_FOUND,
    WRONG_AMOUNT,
    PaymeError,
)
from .receipts import payme_detail

ACCOUNT_FIELD = "invoice"
#: A created transaction not performed within 12 hours is cancelled (reason 4).
TIMEOUT_MS = 43_200_000
State = PaymeTransaction.State
Reason = PaymeTransaction.Reason


def now_ms() -> int:
    """Milliseconds since the epoch, the clock of every time Payme reads from us."""
    return int(time.time() * 1000)


# ---------------------------------------------------------------------------------------------
# Parameters


def _integer(params: dict[str, Any], name: str, *, error: int = INVALID_REQUEST) -> int:
    value = params.get(name)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not -(2**63) < value < 2**63
        or value != int(value)
    ):
        raise PaymeError(error, name)
    return int(value)


def _amount(params: dict[str, Any]) -> int:
    amount = _integer(params, "amount", error=WRONG_AMOUNT)
    if amount <= 0:
        raise PaymeError(WRONG_AMOUNT, "amount")
    return amount


def _transaction_id(params: dict[str, Any]) -> str:
    value = params.get("id")
    if not isinstance(value, str) or not 0 < len(value) <= 50:
        raise PaymeError(INVALID_REQUEST, "id")
    return value


def _invoice_number(params: dict[str, Any]) -> str:
    account = params.get("account")
    number = account.get(ACCOUNT_FIELD) if isinstance(account, dict) else None
    if not isinstance(number, str | int) or not str(number).strip():
        raise PaymeError(INVOICE_NOT_FOUND, ACCOUNT_FIELD)
    return str(number).strip()


def _invoice(params: dict[str, Any], *, lock: bool) -> Invoice:
    queryset = Invoice.objects.select_for_update() if lock else Invoice.objects.all()
    invoice = queryset.filter(number=_invoice_number(params), currency=Currency.UZS).first()
    if invoice is None:
        raise PaymeError(INVOICE_NOT_FOUND, ACCOUNT_FIELD)
    return invoice


def _check_payable(invoice: Invoice, amount: int) -> None:
    if invoice.status == Invoice.Status.PAID:
        raise PaymeError(INVOICE_PAID, ACCOUNT_FIELD)
    if not invoice.is_open:
        raise PaymeError(INVOICE_CLOSED, ACCOUNT_FIELD)
    if amount != to_tiyin(invoice.balance):
        raise PaymeError(WRONG_AMOUNT, "amount")


def _expired(record: PaymeTransaction) -> bool:
    return record.state == State.CREATED and now_ms() - record.create_time > TIMEOUT_MS


def _waiting(invoice: Invoice, *, other_than: str) -> list[PaymeTransaction]:
    return list(
        PaymeTransaction.objects.filter(invoice=invoice, state=State.CREATED).exclude(
            payme_id=other_than
        )
    )


def _busy(invoice: Invoice) -> bool:
    """Whether a transaction of the invoice, younger than the timeout, waits for payment."""
    return PaymeTransaction.objects.filter(
        invoice=invoice, state=State.CREATED, create_time__gte=now_ms() - TIMEOUT_MS
    ).exists()


def _cancel(record: PaymeTransaction, reason: int) -> None:
    record.state = State.CANCELLED
    record.cancel_time = now_ms()
    record.reason = reason
    record.save(update_fields=["state", "cancel_time", "reason", "updated_at"])
    audit.record(
        "billing.payme.transaction_cancelled",
        target=record.invoice,
        after={"transaction": record.payme_id, "state": record.state, "reason": record.reason},
    )


def _locked(payme_id: str) -> PaymeTransaction:
    """The transaction, its invoice locked first and then its own row."""
    invoice = (
        Invoice.objects.select_for_update(of=("self",))
        .filter(payme_transactions__payme_id=payme_id)
        .first()
    )
    if invoice is None:
        raise PaymeError(TRANSACTION_NOT_FOUND, "id")
    record = PaymeTransaction.objects.select_for_update().get(payme_id=payme_id)
    record.invoice = invoice
    return record


# ---------------------------------------------------------------------------------------------
# Methods


def check_perform_transaction(params: dict[str, Any]) -> dict[str, Any]:
    amount = _amount(params)
    invoice = _invoice(params, lock=False)
    _check_payable(invoice, amount)
    if _busy(invoice):
        raise PaymeError(INVOICE_BUSY, ACCOUNT_FIELD)
    return {"allow": True, "detail": payme_detail(invoice)}


def _created(record: PaymeTransaction) -> dict[str, Any]:
    return {
        "create_time": record.create_time,
        "transaction": str(record.pk),
        "state": record.state,
    }


def create_transaction(params: dict[str, Any]) -> dict[str, Any]:
    payme_id = _transaction_id(params)
    payme_time = _integer(params, "time")
    amount = _amount(params)
    with transaction.atomic():
        invoice = _invoice(params, lock=True)
        record = PaymeTransaction.objects.select_for_update().filter(payme_id=payme_id).first()
        if record is not None:
            if record.invoice_id != invoice.pk or record.amount != amount:
                raise PaymeError(CANNOT_PERFORM, "id")
            if _expired(record):
                _cancel(record, Reason.TIMEOUT)  # kept: the error below is raised after commit
            elif record.state != State.CREATED:
                raise PaymeError(CANNOT_PERFORM, "id")
            else:
                return _created(record)
        else:
            _check_payable(invoice, amount)
            for other in _waiting(invoice, other_than=payme_id):
                if not _expired(other):
                    raise PaymeError(INVOICE_BUSY, ACCOUNT_FIELD)
                _cancel(other, Reason.TIMEOUT)
            record = PaymeTransaction.objects.create(
                payme_id=payme_id,
                invoice=invoice,
                amount=amount,
                payme_time=payme_time,
                create_time=now_ms(),
            )
            audit.record(
                "billing.payme.transaction_created",
                target=invoice,
                after={"transaction": payme_id, "amount": from_tiyin(amount)},
            )
            return _created(record)
    raise PaymeError(CANNOT_PERFORM, "id")


def _performed(record: PaymeTransaction) -> dict[str, Any]:
    return {
        "transaction": str(record.pk),
        "perform_time": record.perform_time,
        "state": record.state,
    }


def perform_transaction(params: dict[str, Any]) -> dict[str, Any]:
    payme_id = _transaction_id(params)
    with transaction.atomic():
        record = _locked(payme_id)
        if record.state == State.PERFORMED:
            return _performed(record)
        if record.state != State.CREATED:
            raise PaymeError(CANNOT_PERFORM, "id")
        if not _expired(record):
            # A transaction created before the invoice was cancelled is still paid: the
            # money is kept on the invoice and flagged for a refund, never lost.
            payment = record_payment(
                invoice=record.invoice,
                amount=from_tiyin(record.amount),
                provider=PaymentProvider.PAYME,
                external_id=record.payme_id,
                details={"transaction": str(record.pk), "payme_time": record.payme_time},
            )
            record.state = State.PERFORMED
            record.perform_time = now_ms()
            record.payment = payment
            record.save(update_fields=["state", "perform_time", "payment", "updated_at"])
            return _performed(record)
        _cancel(record, Reason.TIMEOUT)
    raise PaymeError(CANNOT_PERFORM, "id")


def _cancelled(record: PaymeTransaction) -> dict[str, Any]:
    return {
        "transaction": str(record.pk),
        "cancel_time": record.cancel_time,
        "state": record.state,
    }


def cancel_transaction(params: dict[str, Any]) -> dict[str, Any]:
    payme_id = _transaction_id(params)
    reason = _integer(params, "reason")
    if reason not in Reason.values:
        raise PaymeError(INVALID_REQUEST, "reason")
    with transaction.atomic():
        record = _locked(payme_id)
        if record.state in {State.CANCELLED, State.CANCELLED_AFTER_PERFORM}:
            return _cancelled(record)
        if record.state == State.CREATED:
            _cancel(record, reason)
            return _cancelled(record)
        payment = Payment.objects.select_for_update().get(pk=record.payment_id)
        if payment.state == Payment.State.REFUNDED:
            raise PaymeError(CANNOT_CANCEL, "id")
        reverse_payment(
            payment=payment,
            reason=_("Payme cancelled the payment (reason %(reason)s: %(label)s).")
            % {"reason": reason, "label": Reason(reason).label},
        )
        record.state = State.CANCELLED_AFTER_PERFORM
        record.cancel_time = now_ms()
        record.reason = reason
        record.save(update_fields=["state", "cancel_time", "reason", "updated_at"])
        return _cancelled(record)


def check_transaction(params: dict[str, Any]) -> dict[str, Any]:
    record = PaymeTransaction.objects.filter(payme_id=_transaction_id(params)).first()
    if record is None:
        raise PaymeError(TRANSACTION_NOT_FOUND, "id")
    return {
        "create_time": record.create_time,
        "perform_time": record.perform_time,
        "cancel_time": record.cancel_time,
        "transaction": str(record.pk),
        "state": record.state,
        "reason": record.reason,
    }


def get_statement(params: dict[str, Any]) -> dict[str, Any]:
    start, end = _integer(params, "from"), _integer(params, "to")
    records = (
        PaymeTransaction.objects.filter(payme_time__gte=start, payme_time__lte=end)
        .select_related("invoice")
        .order_by("payme_time", "pk")
    )
    return {
        "transactions": [
            {
                "id": record.payme_id,
                "time": record.payme_time,
                "amount": record.amount,
                "account": {ACCOUNT_FIELD: record.invoice.number},
                "create_time": record.create_time,
                "perform_time": record.perform_time,
                "cancel_time": record.cancel_time,
                "transaction": str(record.pk),
                "state": record.state,
                "reason": record.reason,
                "receivers": None,
            }
            for record in records
        ]
    }


def set_fiscal_data(params: dict[str, Any]) -> dict[str, Any]:
    """Payme tells us the fiscal receipt it had made for a payment or its cancellation."""
    payme_id = _transaction_id(params)
    kind = params.get("type")
    data = params.get("fiscal_data")
    if kind not in {"PERFORM", "CANCEL"}:
        raise PaymeError(INVALID_REQUEST, "type")
    if not isinstance(data, dict):
        raise PaymeError(INVALID_REQUEST, "fiscal_data")
    with transaction.atomic():
        record = PaymeTransaction.objects.select_for_update().filter(payme_id=payme_id).first()
        if record is None:
            raise PaymeError(TRANSACTION_NOT_FOUND, "id")
        record.fiscal_data = {**record.fiscal_data, kind.lower(): data}
        record.save(update_fields=["fiscal_data", "updated_at"])
    return {"success": True}


def change_password(params: dict[str, Any]) -> dict[str, Any]:
    """The key lives in the deployment's settings, not in the database: a new one is set by
    the people who run the site, so Payme's request to change it is refused."""
    raise PaymeError(INSUFFICIENT_PRIVILEGE, "password")


METHODS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "CheckPerformTransaction": check_perform_transaction,
    "CreateTransaction": create_transaction,
    "PerformTransaction": perform_transaction,
    "CancelTransaction": cancel_transaction,
    "CheckTransaction": check_transaction,
    "GetStatement": get_statement,
    "SetFiscalData": set_fiscal_data,
    "ChangePassword": change_password,
}
