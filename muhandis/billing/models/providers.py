"""What Payme and Click tell us about each payment attempt, kept so that a repeated or late
call gets the answer the first one got, and so that a payment is recorded once."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from muhandis.core.models import TimeStampedModel

from .invoices import MONEY, Invoice
from .payments import Payment


class PaymeTransaction(TimeStampedModel):
    """One Payme transaction (Merchant API), its times in milliseconds as Payme counts them."""

    class State(models.IntegerChoices):
        CREATED = 1, _("Created, waiting for payment")
        PERFORMED = 2, _("Paid")
        CANCELLED = -1, _("Cancelled before payment")
        CANCELLED_AFTER_PERFORM = -2, _("Cancelled after payment")

    class Reason(models.IntegerChoices):
        RECEIVER_NOT_FOUND = 1, _("A receiver was not found or is inactive")
        DEBIT_ERROR = 2, _("The card could not be debited")
        EXECUTION_ERROR = 3, _("The transaction failed")
        TIMEOUT = 4, _("Cancelled after waiting too long")
        REFUND = 5, _("Money returned")
        UNKNOWN = 10, _("Unknown error")

    payme_id = models.CharField(_("Payme transaction"), max_length=50, unique=True)
    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="payme_transactions"
    )
    amount = models.BigIntegerField(_("amount in tiyin"))
    state = models.SmallIntegerField(_("state"), choices=State.choices, default=State.CREATED)
    payme_time = models.BigIntegerField(_("Payme's time"))
    create_time = models.BigIntegerField(_("created (ms)"))
    perform_time = models.BigIntegerField(_("paid (ms)"), default=0)
    cancel_time = models.BigIntegerField(_("cancelled (ms)"), default=0)
    reason = models.SmallIntegerField(_("reason"), choices=Reason.choices, null=True, blank=True)
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fiscal_data = models.JSONField(_("fiscal receipt"), default=dict, blank=True)

    class Meta:
        verbose_name = _("Payme transaction")
        verbose_name_plural = _("Payme transactions")
        ordering = ["-create_time"]
        indexes = [
            models.Index(fields=["invoice", "state"], name="billing_payme_invoice_state"),
            models.Index(fields=["payme_time"], name="billing_payme_time"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="billing_payme_positive")
        ]

    def __str__(self) -> str:
        return self.payme_id


class ClickTransaction(TimeStampedModel):
    """One Click payment (SHOP API): prepared, then completed or cancelled."""

    class State(models.TextChoices):
        PREPARED = "prepared", _("Prepared")
        COMPLETED = "completed", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")

    class Fiscal(models.TextChoices):
        NONE = "", _("Not sent")
        SENT = "sent", _("Receipt sent")
        FAILED = "failed", _("Receipt refused")

    click_trans_id = models.BigIntegerField(_("Click transaction"), unique=True)
    click_paydoc_id = models.BigIntegerField(_("Click payment"), null=True, blank=True)
    invoice = models.ForeignKey(
        Invoice, on_delete=models.PROTECT, related_name="click_transactions"
    )
    amount = models.DecimalField(_("amount"), **MONEY)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PREPARED
    )
    error = models.IntegerField(_("Click's error code"), null=True, blank=True)
    error_note = models.CharField(_("Click's error note"), max_length=200, blank=True)
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fiscal_state = models.CharField(
        _("fiscal receipt"), max_length=6, choices=Fiscal.choices, default="", blank=True
    )
    fiscal_note = models.CharField(_("fiscal receipt note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("Click transaction")
        verbose_name_plural = _("Click transactions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return str(self.click_trans_id)
