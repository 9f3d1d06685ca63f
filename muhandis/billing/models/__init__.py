"""Invoices, payments and credit notes. Billing knows payers and lines, never what is sold:
the seller holds a foreign key to its invoice and listens to `billing.signals`."""

from .invoices import Currency, Invoice, InvoiceLine, InvoiceSequence, Issuer
from .payments import CreditNote, Payment, PaymentProvider
from .providers import ClickTransaction, PaymeTransaction

__all__ = [
    "ClickTransaction",
    "CreditNote",
    "Currency",
    "Invoice",
    "InvoiceLine",
    "InvoiceSequence",
    "Issuer",
    "PaymeTransaction",
    "Payment",
    "PaymentProvider",
]
