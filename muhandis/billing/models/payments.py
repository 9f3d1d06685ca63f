from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muhandis.core.models import PublicIdModel, TimeStampedModel

from .invoices import MONEY, Currency, Invoice


class PaymentProvider(models.TextChoices):
    PAYME = "payme", "Payme"
    CLICK = "click", "Click"
    BANK = "bank", _("Bank transfer")
    CASH = "cash", _("Cash at the office")


class Payment(PublicIdModel, TimeStampedModel):
    """Money received (or reversed by the provider). One row per provider transaction: the
    pair (provider, external id) is unique, so a replayed callback finds the row it made."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        REVERSED = "reversed", _("Reversed by the provider")
        REFUNDED = "refunded", _("Refunded")

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    provider = models.CharField(_("paid by"), max_length=10, choices=PaymentProvider.choices)
    external_id = models.CharField(_("provider's reference"), max_length=100)
    amount = models.DecimalField(_("amount"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.RECEIVED
    )
    received_at = models.DateTimeField(_("received"))
    # A payment for an invoice that was cancelled (or more than was due) is kept, never lost,
    # and waits here for a person to refund it.
    needs_refund = models.BooleanField(_("to be refunded"), default=False)
    refund_reason = models.CharField(_("why a refund is due"), max_length=300, blank=True)
    # Whether the amount counts in the invoice's paid total (False when it arrived after the
    # invoice was closed), so that refunding it later takes back only what was counted.
    applied = models.BooleanField(_("counted on the invoice"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    details = models.JSONField(_("provider's details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "external_id"], name="billing_payment_once_per_reference"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="billing_payment_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_provider_display()} {self.external_id}"


class CreditNote(PublicIdModel, TimeStampedModel):
    """What cancels or refunds (part of) an issued invoice. Invoices are never deleted."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="credit_notes")
    number = models.CharField(_("number"), max_length=30, unique=True)
    issued_on = models.DateField(_("issued"))
    amount = models.DecimalField(_("amount"), **MONEY)
    reason = models.CharField(_("reason"), max_length=300)
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="credit_notes"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("credit note")
        verbose_name_plural = _("credit notes")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=Decimal(0)), name="billing_credit_positive"
            )
        ]

    def __str__(self) -> str:
        return self.number
