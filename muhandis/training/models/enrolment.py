from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muhandis.core.models import PublicIdModel, TimeStampedModel

from .catalogue import PayerKind
from .sessions import CourseSession

MONEY = {"max_digits": 14, "decimal_places": 2}


class Booking(PublicIdModel, TimeStampedModel):
    """A firm's representative booking several of its staff at once, on one invoice."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="training_bookings",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    invoice = models.ForeignKey(
        "billing.Invoice", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")


class Enrolment(PublicIdModel, TimeStampedModel):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Seat offered")
        CONFIRMED = "confirmed", _("Confirmed, awaiting payment")
        PAID = "paid", _("Paid")
        ATTENDED = "attended", _("Attended")
        COMPLETED = "completed", _("Completed")
        NOT_COMPLETED = "not_completed", _("Not completed")
        CANCELLED = "cancelled", _("Cancelled")

    class CancelledBy(models.TextChoices):
        PERSON = "person", _("by the participant")
        STAFF = "staff", _("by the association")
        SYSTEM = "system", _("automatically, unpaid")

    # Statuses that hold a seat.
    SEAT_HOLDING = (
        "requested",
        "offered",
        "confirmed",
        "paid",
        "attended",
        "completed",
        "not_completed",
    )

    session = models.ForeignKey(
        CourseSession,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    booking = models.ForeignKey(
        Booking, on_delete=models.PROTECT, null=True, blank=True, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=15, choices=Status.choices)
    payer_kind = models.CharField(_("payer"), max_length=20, choices=PayerKind.choices)
    price = models.DecimalField(_("price"), **MONEY)
    currency = models.CharField(_("currency"), max_length=3)
    invoice = models.ForeignKey(
        "billing.Invoice", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Arrival order: the waiting list is served by this, then by id.
    requested_at = models.DateTimeField(_("requested"))
    confirmed_at = models.DateTimeField(_("seat confirmed"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer open until"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.CharField(
        _("cancelled"), max_length=10, choices=CancelledBy.choices, blank=True
    )
    cancel_reason = models.CharField(_("reason"), max_length=300, blank=True)
    post_test_passed = models.BooleanField(_("post-test passed"), null=True, blank=True)
    # When the reminder two days before the start was sent: each person is reminded once.
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=~Q(status="cancelled"),
                name="training_enrolment_once_per_session",
            )
        ]
        indexes = [models.Index(fields=["session", "status"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.session}"
