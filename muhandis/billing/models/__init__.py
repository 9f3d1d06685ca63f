"""Invoices, payments and credit notes. Billing knows payers and lines, never what is sold:
the seller holds a foreign key to its invoice and listens to `billing.signals`."""

from .invoices import Currency, Invoice, InvoiceLine, InvoiceSequence, Issuer
from .payments import CreditNote, Payment, PaymentProvider

__all__ = [
    "CreditNote",
    "Currency",
    "Invoice",
    "InvoiceLine",
    "InvoiceSequence",
    "Issuer",
    "Payment",
    "PaymentProvider",
]
