"""Continuing professional development: the engineer's ledger of activities, and renewals.

Personal data: every activity (what a person studied, when, and the evidence) and every
renewal application belongs to its person. Nothing here is shown in the public register; the
register shows a renewal only as the certificate's new expiry date.
"""

import datetime
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from muhandis.certification.models import Certificate, CpdRequirement
from muhandis.competencies.models import Competency
from muhandis.core.models import PublicIdModel, TimeStampedModel

if TYPE_CHECKING:
    from muhandis.accounts.models import User

# One activity never counts for more than this (a long course is recorded per module).
MAX_ACTIVITY_HOURS = Decimal(100)


def evidence_path(instance: "CpdActivity", filename: str) -> str:
    # The stored name is random: the original name is personal data and is kept in the row.
    return f"cpd/{instance.person_id}/{uuid.uuid4().hex}"


class CpdActivity(TimeStampedModel):
    """One thing an engineer did to keep their competence up to date."""

    class Status(models.TextChoices):
        RECORDED = "recorded", _("Recorded, not yet verified")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Not accepted")

    person = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="cpd_activities"
    )
    title = models.CharField(_("title"), max_length=200)
    provider = models.CharField(
        _("provider"),
        max_length=200,
        blank=True,
        help_text=_("Who ran the course, conference or event."),
    )
    start_date = models.DateField(_("date"))
    end_date = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("Empty if it took one day.")
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(MAX_ACTIVITY_HOURS)],
    )
    category = models.CharField(
        _("category"), max_length=20, choices=CpdRequirement.Category.choices
    )
    competencies = models.ManyToManyField(
        Competency, verbose_name=_("competencies"), blank=True, related_name="+"
    )
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    evidence_content_type = models.CharField(_("file type"), max_length=50, blank=True)
    evidence_size = models.PositiveIntegerField(_("file size"), null=True, blank=True)
    evidence_sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECORDED
    )
    reviewed_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("registrar's note"), blank=True)
    audit_year = models.PositiveSmallIntegerField(
        _("drawn for the audit of"),
        null=True,
        blank=True,
        help_text=_("The year whose random audit sample included this activity."),
    )
    # Where an activity recorded by the platform itself comes from, e.g.
    # "training:<enrolment public id>" for a course completed with the association; empty for
    # what the engineer records. Unique where set: a source is credited once.
    source = models.CharField(_("source"), max_length=80, blank=True, editable=False)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("CPD activity")
        verbose_name_plural = _("CPD activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="cpd_activity_dates_in_order",
            ),
            models.CheckConstraint(condition=Q(hours__gt=0), name="cpd_activity_hours_positive"),
            models.UniqueConstraint(
                fields=["source"], condition=~Q(source=""), name="cpd_activity_source_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def completed_on(self) -> datetime.date:
        """The day the activity counts on: its last day."""
        return self.end_date or self.start_date

    @property
    def editable(self) -> bool:
        return self.status != self.Status.VERIFIED


class Renewal(PublicIdModel, TimeStampedModel):
    """A holder's application to recertify: the same certificate number, a new validity period."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for the committee")
        GRANTED = "granted", _("Renewed")
        REFUSED = "refused", _("Renewal refused")

    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="renewals",
    )
    holder = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    old_expiry_date = models.DateField(_("valid until before renewal"))
    new_expiry_date = models.DateField(_("valid until after renewal"), null=True, blank=True)
    verified_hours = models.DecimalField(
        _("verified CPD hours when applying"), max_digits=7, decimal_places=1
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reasons = models.TextField(_("reasons"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("renewal")
        verbose_name_plural = _("renewals")
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"],
                condition=Q(status="submitted"),
                name="cpd_one_open_renewal",
            )
        ]

    def __str__(self) -> str:
        return f"{self.certificate} – {self.get_status_display()}"

    # The certification rules of impartiality speak of the candidate.
    @property
    def candidate(self) -> "User":
        return self.holder

    @property
    def candidate_id(self) -> int:
        return self.holder_id


class RenewalVote(models.Model):
    class Outcome(models.TextChoices):
        GRANT = "grant", pgettext_lazy("certification decision", "Grant")
        REFUSE = "refuse", _("Refuse")

    renewal = models.ForeignKey(Renewal, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("vote"), max_length=10, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"))
    cast_at = models.DateTimeField(_("cast"), auto_now_add=True)

    class Meta:
        ordering = ["cast_at", "pk"]
        verbose_name = _("renewal vote")
        verbose_name_plural = _("renewal votes")
        constraints = [models.UniqueConstraint(fields=["renewal", "member"], name="cpd_vote_once")]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_outcome_display()}"
