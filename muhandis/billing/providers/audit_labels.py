"""What the audit trail's payment-provider actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "billing.payme.transaction_created": _("Payme payment started"),
    "billing.payme.transaction_cancelled": _("Payme payment cancelled"),
    "billing.click.transaction_prepared": _("Click payment started"),
    "billing.click.transaction_cancelled": _("Click payment cancelled"),
    "billing.click.receipt_sent": _("Fiscal receipt sent to Click"),
    "billing.click.receipt_refused": _("Fiscal receipt refused by Click"),
}

SENTENCES = {
    "billing.payme.transaction_created": _("Payme started a payment of invoice %(target)s"),
    "billing.payme.transaction_cancelled": _("Payme cancelled a payment of invoice %(target)s"),
    "billing.click.transaction_prepared": _("Click started a payment of invoice %(target)s"),
    "billing.click.transaction_cancelled": _("Click cancelled a payment of invoice %(target)s"),
    "billing.click.receipt_sent": _("The fiscal receipt of invoice %(target)s went to Click"),
    "billing.click.receipt_refused": _(
        "Click did not accept the fiscal receipt of invoice %(target)s"
    ),
}

FIELDS = {
    "transaction": _("provider's transaction"),
    "reason": _("reason"),
    "error": _("provider's error code"),
    "note": _("provider's note"),
}
