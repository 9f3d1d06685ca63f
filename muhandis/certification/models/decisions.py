"""Assessment and decision: the assessor's findings, exam results, the committee's votes and
its decision."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from muhandis.competencies.models import Competency
from muhandis.core.models import TimeStampedModel

from .applications import Application
from .schemes import AssessmentMethod


class Outcome(models.TextChoices):
    GRANT = "grant", pgettext_lazy("certification decision", "Grant")
    LIMITED = "limited", _("Grant with limited scope")
    REFUSE = "refuse", _("Refuse")


class Assessment(TimeStampedModel):
    """An assessor's work on one accepted application. The assessor sees the file only after
    declaring that they have no conflict of interest."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Waiting for the conflict-of-interest declaration")
        CONFLICT = "conflict", _("Declined: conflict of interest")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="assessments"
    )
    assessor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    assigned_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ASSIGNED
    )
    conflict_note = models.TextField(_("conflict of interest"), blank=True)
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Outcome.choices, blank=True
    )
    recommendation_note = models.TextField(_("reasons"), blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "assessor"], name="certification_assessor_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} – {self.assessor}"


class Finding(models.Model):
    """What the assessor found for one competency of the scheme, and on what evidence."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="findings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level shown"))
    evidence = models.TextField(pgettext_lazy("finding", "evidence"))
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        ordering = ["competency__area__sort_order", "competency__sort_order"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "competency"], name="certification_finding_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competency.code}: {self.level}"


class ExamResult(models.Model):
    """A written-examination score entered by an examiner (until online exams feed it)."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="exam_results"
    )
    method = models.ForeignKey(AssessmentMethod, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("score (%)"), validators=[MaxValueValidator(100)])
    passed = models.BooleanField(_("passed"))
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("exam result")
        verbose_name_plural = _("exam results")

    def __str__(self) -> str:
        return f"{self.application}: {self.score}%"


class Vote(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(_("vote"), max_length=10, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"))
    limitation = models.TextField(_("limitation of scope"), blank=True)
    cast_at = models.DateTimeField(_("cast"), auto_now_add=True)

    class Meta:
        ordering = ["cast_at"]
        verbose_name = _("committee vote")
        verbose_name_plural = _("committee votes")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "member"], name="certification_vote_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_outcome_display()}"


class Decision(models.Model):
    """The committee's decision on an application, taken by majority of at least two votes."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"))
    limitation = models.TextField(_("limitation of scope"), blank=True)
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("certification decision")
        verbose_name_plural = _("certification decisions")

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"
