"""What the audit trail's billing actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "billing.invoice.created": _("Invoice created"),
    "billing.invoice.issued": _("Invoice issued"),
    "billing.invoice.cancelled": _("Invoice cancelled"),
    "billing.invoice.refunded": _("Invoice refunded"),
    "billing.payment.received": _("Payment received"),
    "billing.payment.reversed": _("Payment reversed by the provider"),
    "billing.payment.refunded": _("Payment refunded"),
    "billing.invoices.exported": _("Invoices exported"),
    "billing.statement.reconciled": _("Bank statement reconciled"),
    "billing.issuer.changed": _("Invoicing details changed"),
}

SENTENCES = {
    "billing.invoice.created": _("%(actor)s created invoice %(target)s"),
    "billing.invoice.issued": _("%(actor)s issued invoice %(target)s"),
    "billing.invoice.cancelled": _("%(actor)s cancelled invoice %(target)s"),
    "billing.invoice.refunded": _("%(actor)s refunded the payments on invoice %(target)s"),
    "billing.payment.received": _("%(actor)s recorded a payment on invoice %(target)s"),
    "billing.payment.reversed": _("The provider reversed a payment on invoice %(target)s"),
    "billing.payment.refunded": _("%(actor)s refunded a payment on invoice %(target)s"),
    "billing.invoices.exported": _("%(actor)s exported invoices"),
    "billing.statement.reconciled": _("%(actor)s reconciled a bank statement"),
    "billing.issuer.changed": _("%(actor)s changed the invoicing details %(target)s"),
}

FIELDS = {
    "gross_total": _("total"),
    "paid_total": _("paid"),
    "currency": _("currency"),
    "provider": _("paid by"),
    "reference": _("reference"),
    "amount": _("amount"),
    "needs_refund": _("to be refunded"),
    "query": _("search"),
    "overdue": _("overdue only"),
    "open_only": _("unpaid only"),
    "issued_from": _("issued from"),
    "issued_to": _("issued until"),
    "recorded": _("payments recorded"),
    "left_for_a_person": _("rows left for a person"),
    "address": _("address"),
    "bank_name": _("bank"),
    "bank_account": _("bank account"),
    "bank_code": _("bank code"),
    "vat_rate": _("VAT rate"),
    "prices_include_vat": _("prices include VAT"),
    "number_prefix": _("invoice number prefix"),
    "credit_prefix": _("credit note prefix"),
    "payment_days": _("days to pay"),
}


def values() -> dict[str, dict]:
    from .models import Invoice, PaymentProvider

    return {
        "billing.invoice/status": dict(Invoice.Status.choices),
        "provider": dict(PaymentProvider.choices),
    }
