from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from muhandis.core.models import PublicIdModel, TimeStampedModel

from .catalogue import Course, Room


class CourseSession(PublicIdModel, TimeStampedModel):
    """One run of a course: dates, place, trainers and seats."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for enrolment")
        CANCELLED = "cancelled", _("Cancelled")
        HELD = "held", _("Held")

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
    )
    online_url = models.URLField(_("online link"), blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    min_seats = models.PositiveSmallIntegerField(_("minimum seats"), default=1)
    max_seats = models.PositiveSmallIntegerField(
        _("maximum seats"), validators=[MinValueValidator(1)]
    )
    enrolment_deadline = models.DateTimeField(_("enrolment closes"))
    # Days an unpaid confirmed seat is held before the system cancels it.
    payment_days = models.PositiveSmallIntegerField(
        _("days to pay before the seat is freed"), default=7
    )
    # Days the person has to accept a seat offered from the waiting list.
    offer_days = models.PositiveSmallIntegerField(
        _("days to accept a waiting-list offer"), default=2
    )
    free_cancellation_days = models.PositiveSmallIntegerField(
        _("free cancellation until, days before the start"), default=7
    )
    cancellation_terms = models.TextField(_("cancellation terms"), blank=True)  # translated
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="SessionTrainer",
        verbose_name=_("trainers"),
        related_name="training_sessions",
    )

    class Meta:
        verbose_name = _("course session")
        verbose_name_plural = _("course sessions")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="training_session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(max_seats__gte=F("min_seats")), name="training_session_seats"
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.course.code} {self.starts_at:%Y-%m-%d}"


class SessionTrainer(models.Model):
    session = models.ForeignKey(
        CourseSession, on_delete=models.CASCADE, related_name="session_trainers"
    )
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "trainer"], name="training_trainer_once")
        ]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.trainer_id}"
