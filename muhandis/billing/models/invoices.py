from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muhandis.core.models import PublicIdModel, TimeStampedModel

MONEY = {"max_digits": 14, "decimal_places": 2}


class Currency(models.TextChoices):
    UZS = "UZS", _("Uzbek soʻm (UZS)")
    KZT = "KZT", _("Kazakh tenge (KZT)")


class Issuer(TimeStampedModel):
    """The association's legal details, one set per currency it invoices in."""

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, unique=True)
    name = models.CharField(_("legal name"), max_length=200)
    tax_number = models.CharField(_("tax number (STIR/BIN)"), max_length=20)
    address = models.CharField(_("address"), max_length=300)
    bank_name = models.CharField(_("bank"), max_length=200)
    bank_account = models.CharField(_("bank account"), max_length=34)
    bank_code = models.CharField(_("bank code (MFO/BIC)"), max_length=20)
    vat_rate = models.DecimalField(
        _("VAT rate, %"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(12),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    prices_include_vat = models.BooleanField(_("prices include VAT"), default=True)
    number_prefix = models.CharField(
        _("invoice number prefix"),
        max_length=10,
        default="INV",
        help_text=_("Invoices are numbered PREFIX-YEAR-000001, one series per year."),
    )
    credit_prefix = models.CharField(_("credit note prefix"), max_length=10, default="CN")
    payment_days = models.PositiveSmallIntegerField(_("days to pay"), default=10)

    class Meta:
        verbose_name = _("invoice issuer")
        verbose_name_plural = _("invoice issuers")

    def __str__(self) -> str:
        return f"{self.name} ({self.currency})"


class InvoiceSequence(models.Model):
    """The last number given in one series and year; locked while the next is taken, so that
    numbers have no gaps and no duplicates however many invoices are issued at once."""

    prefix = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="billing_sequence_once")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_number}"


class Invoice(PublicIdModel, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")
        PART_PAID = "part_paid", _("Part paid")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")
        REFUNDED = "refunded", _("Refunded")

    issuer = models.ForeignKey(Issuer, verbose_name=_("issuer"), on_delete=models.PROTECT)
    number = models.CharField(_("number"), max_length=30, unique=True, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    # The payer: a person or an organisation, with the details as they stood when invoiced.
    payer_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("payer (person)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
    )
    payer_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("payer (organisation)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
    )
    payer_name = models.CharField(_("payer"), max_length=200)
    payer_tax_number = models.CharField(_("payer's tax number"), max_length=20, blank=True)
    payer_address = models.CharField(_("payer's address"), max_length=300, blank=True)
    payer_bank_details = models.CharField(_("payer's bank details"), max_length=300, blank=True)
    payer_email = models.EmailField(_("payer's email"), blank=True)
    language = models.CharField(_("language"), max_length=5, default="uz")
    issued_on = models.DateField(_("issued"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    prices_include_vat = models.BooleanField(_("prices include VAT"), default=True)
    net_total = models.DecimalField(_("amount without VAT"), default=Decimal(0), **MONEY)
    vat_total = models.DecimalField(_("VAT"), default=Decimal(0), **MONEY)
    gross_total = models.DecimalField(_("total"), default=Decimal(0), **MONEY)
    paid_total = models.DecimalField(_("paid"), default=Decimal(0), **MONEY)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(payer_person__isnull=False) | Q(payer_organisation__isnull=False),
                name="billing_invoice_has_payer",
            ),
            models.CheckConstraint(
                condition=Q(gross_total__gte=0) & Q(paid_total__gte=0),
                name="billing_invoice_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.number or str(_("draft invoice"))

    @property
    def balance(self) -> Decimal:
        return self.gross_total - self.paid_total

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.ISSUED, self.Status.PART_PAID}


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=1)
    description = models.CharField(_("description"), max_length=300)
    quantity = models.DecimalField(
        _("quantity"),
        max_digits=9,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    unit_price = models.DecimalField(
        _("unit price"), validators=[MinValueValidator(Decimal(0))], **MONEY
    )
    vat_rate = models.DecimalField(_("VAT rate, %"), max_digits=5, decimal_places=2)
    # Fiscal receipt details (Uzbekistan): the tax classifier code (MXIK/IKPU) and package code.
    ikpu_code = models.CharField(_("tax classifier code (MXIK/IKPU)"), max_length=17, blank=True)
    package_code = models.CharField(_("package code"), max_length=20, blank=True)
    net_amount = models.DecimalField(_("amount without VAT"), **MONEY)
    vat_amount = models.DecimalField(_("VAT"), **MONEY)
    gross_amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")

    def __str__(self) -> str:
        return self.description
