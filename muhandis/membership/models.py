"""Membership of the association: the types members join as, each member's membership and
the periods it was paid for.

Statuses follow CiviCRM's membership status rules, written here for one association:
``pending`` (applied, waiting for staff), ``awaiting_payment`` (approved, the first invoice not
paid yet), ``new`` (paid, in the first months of the first period), ``current`` (paid, within
the period), ``grace`` (the period has ended, within the type's grace days: benefits kept,
renewal invoiced), ``expired`` (after the grace days), and the final ``refused`` and
``cancelled``. Dates decide new/current/grace/expired, recalculated daily and whenever a
period is paid; nothing is deleted.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from muhandis.accounts.models import Organisation, SizeBand
from muhandis.billing.models import Currency, Invoice
from muhandis.core.models import PublicIdModel, TimeStampedModel


class MemberKind(models.TextChoices):
    FIRM = "firm", _("Member firm")
    INDIVIDUAL = "individual", _("Individual member")


class Grade(models.TextChoices):
    """An individual member's grade."""

    FULL = "full", _("Full member")
    ASSOCIATE = "associate", _("Associate member")
    STUDENT = "student", _("Student member")
    HONORARY = "honorary", _("Honorary member")


class PeriodKind(models.TextChoices):
    CALENDAR_YEAR = "calendar", _("Calendar year")
    ROLLING = "rolling", _("Twelve months from joining")


class MembershipType(PublicIdModel, TimeStampedModel):
    """What a member joins as, with its fees, period, grace and benefits."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    # Translated in uz, ru, en (translation.py).
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("for"), max_length=12, choices=MemberKind.choices)
    grade = models.CharField(
        _("grade"),
        max_length=12,
        choices=Grade.choices,
        blank=True,
        help_text=_("For individual members."),
    )
    size_band = models.CharField(
        _("firm size"),
        max_length=10,
        choices=SizeBand.choices,
        blank=True,
        help_text=_("For member firms: the size band this type is for."),
    )
    period = models.CharField(
        _("period"), max_length=10, choices=PeriodKind.choices, default=PeriodKind.CALENDAR_YEAR
    )
    grace_days = models.PositiveSmallIntegerField(
        _("grace days"), default=30, validators=[MaxValueValidator(366)]
    )
    # Benefits.
    member_prices = models.BooleanField(_("member prices on courses"), default=True)
    directory_listing = models.BooleanField(_("listed in the public directory"), default=True)
    opportunities = models.BooleanField(_("may post business opportunities"), default=False)
    # Fiscal receipt details of the dues (Uzbekistan); an empty rate takes the issuer's.
    ikpu_code = models.CharField(_("tax classifier code (MXIK/IKPU)"), max_length=17, blank=True)
    vat_rate = models.DecimalField(
        _("VAT rate, %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Leave empty to use the association's rate; 0 when dues are exempt."),
    )
    is_active = models.BooleanField(_("open to new members"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["kind", "sort_order", "code"]
        verbose_name = _("membership type")
        verbose_name_plural = _("membership types")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="firm") & Q(grade="")) | (Q(kind="individual") & Q(size_band="")),
                name="membership_type_grade_or_size",
            )
        ]

    def __str__(self) -> str:
        return self.name


class MembershipFee(models.Model):
    """The fee of one period of a type in one currency (zero for honorary members)."""

    type = models.ForeignKey(MembershipType, on_delete=models.CASCADE, related_name="fees")
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    amount = models.DecimalField(
        _("fee per period"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["type", "currency"]
        verbose_name = _("membership fee")
        verbose_name_plural = _("membership fees")
        constraints = [
            models.UniqueConstraint(fields=["type", "currency"], name="membership_fee_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="membership_fee_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.type_id}: {self.amount} {self.currency}"


class Status(models.TextChoices):
    PENDING = "pending", _("Applied, waiting for approval")
    AWAITING_PAYMENT = "awaiting_payment", _("Approved, waiting for payment")
    NEW = "new", _("New")
    CURRENT = "current", _("Current")
    GRACE = "grace", _("In the grace period")
    EXPIRED = "expired", _("Expired")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", pgettext_lazy("membership status", "Cancelled")


# Statuses in which the member enjoys the benefits.
IN_GOOD_STANDING = frozenset({Status.NEW, Status.CURRENT, Status.GRACE})
# Statuses that end a membership for good (a new application starts a new membership).
FINAL = frozenset({Status.REFUSED, Status.CANCELLED})


class Membership(PublicIdModel, TimeStampedModel):
    """One member's membership: a person's or a firm's, never both. A person or a firm holds
    at most one membership that is not refused or cancelled."""

    type = models.ForeignKey(
        MembershipType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="memberships"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("member firm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    member_since = models.DateField(_("member since"), null=True, blank=True)
    start_date = models.DateField(_("period from"), null=True, blank=True)
    end_date = models.DateField(_("period until"), null=True, blank=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    application_note = models.TextField(_("why they apply"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason for refusal or cancellation"), blank=True)
    reminded_for = models.DateField(
        _("renewal reminded for the period ending"), null=True, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(organisation__isnull=True))
                | (Q(person__isnull=True) & Q(organisation__isnull=False)),
                name="membership_person_or_firm",
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(person__isnull=False) & ~Q(status__in=["refused", "cancelled"]),
                name="membership_one_open_per_person",
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(organisation__isnull=False) & ~Q(status__in=["refused", "cancelled"]),
                name="membership_one_open_per_firm",
            ),
        ]
        indexes = [models.Index(fields=["status", "end_date"], name="membership_status_end")]

    def __str__(self) -> str:
        return str(self.person or self.organisation)

    @property
    def in_good_standing(self) -> bool:
        return self.status in IN_GOOD_STANDING


class PeriodKindPaid(models.TextChoices):
    JOINING = "joining", _("Joining")
    RENEWAL = "renewal", _("Renewal")


class MembershipPeriod(models.Model):
    """A period of a membership and the invoice for it; a period counts once its invoice is
    paid (``paid_at``), or at once when the fee is zero."""

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="periods")
    kind = models.CharField(_("kind"), max_length=10, choices=PeriodKindPaid.choices)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    invoice = models.OneToOneField(
        Invoice, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["membership", "start_date"]
        verbose_name = _("membership period")
        verbose_name_plural = _("membership periods")
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "start_date"],
                condition=Q(cancelled_at__isnull=True),
                name="membership_period_once",
            ),
            models.CheckConstraint(
                condition=Q(start_date__lte=models.F("end_date")), name="membership_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership_id}: {self.start_date} – {self.end_date}"

    def covers(self, day: datetime.date) -> bool:
        return self.start_date <= day <= self.end_date
