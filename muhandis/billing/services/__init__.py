"""Billing's writes. Sellers call these; nothing here knows what is sold."""

from .invoices import (
    BillingError,
    LineIn,
    Payer,
    cancel_invoice,
    create_invoice,
    issue_invoice,
    issuer_for,
    next_number,
    refund_invoice,
)
from .payments import (
    MANUAL_PROVIDERS,
    record_manual_payment,
    record_payment,
    refund_payment,
    reverse_payment,
)

__all__ = [
    "MANUAL_PROVIDERS",
    "BillingError",
    "LineIn",
    "Payer",
    "cancel_invoice",
    "create_invoice",
    "issue_invoice",
    "issuer_for",
    "next_number",
    "record_manual_payment",
    "record_payment",
    "refund_invoice",
    "refund_payment",
    "reverse_payment",
]
