"""Events of the association: conferences, seminars, site visits and webinars.

An event owns one training session (decision 0014): registration, seats, the waiting list,
invoices, attendance and CPD credit are training's ``Enrolment``s of that session. The event
keeps what a visitor reads (kind, title, description, place, region, prices as typed) and
whether it is published. Nothing here is personal data; registrants are training enrolments.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from muhandis.competencies.models import CpdCategory
from muhandis.core.models import PublicIdModel, TimeStampedModel

MONEY = {"max_digits": 14, "decimal_places": 2}


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Conference")
    SEMINAR = "seminar", _("Seminar")
    SITE_VISIT = "site_visit", _("Site visit")
    WEBINAR = "webinar", _("Webinar")


class Event(PublicIdModel, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices)
    # Translated in uz, ru, en (translation.py).
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    region = models.ForeignKey(
        "accounts.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    online_url = models.URLField(_("online link"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    registration_deadline = models.DateTimeField(_("registration closes"))
    capacity = models.PositiveIntegerField(_("capacity"), validators=[MinValueValidator(1)])
    member_price = models.DecimalField(
        _("member price, UZS"), **MONEY, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    non_member_price = models.DecimalField(
        _("non-member price, UZS"), **MONEY, default=Decimal(0), validators=[MinValueValidator(0)]
    )
    cpd_hours = models.DecimalField(
        _("CPD hours"),
        max_digits=5,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    cpd_category = models.CharField(
        _("CPD category"), max_length=20, choices=CpdCategory.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # The training session behind the event: its seats, enrolments and attendance.
    session = models.OneToOneField(
        "training.CourseSession", on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="events_event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(member_price__gte=0) & Q(non_member_price__gte=0),
                name="events_prices_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["status", "ends_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.public_id])

    @property
    def seats_left(self) -> int:
        """Seats still free; needs ``taken`` from ``selectors.with_seats``."""
        return max(self.capacity - getattr(self, "taken", 0), 0)

    @property
    def is_free(self) -> bool:
        return self.member_price == 0 and self.non_member_price == 0


class Reminder(models.Model):
    """The reminder the day before, sent once per registration (training enrolment)."""

    enrolment = models.OneToOneField(
        "training.Enrolment", on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self) -> str:
        return f"{self.enrolment_id} {self.sent_at:%Y-%m-%d}"
