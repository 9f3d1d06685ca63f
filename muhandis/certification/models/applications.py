"""Applications for certification and what a candidate brings: education, experience,
referees and evidence. Personal data throughout."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import EducationLevel
from muhandis.core.models import PublicIdModel, TimeStampedModel

from . import evidence_path
from .schemes import CertificateLanguage, Scheme


class Application(PublicIdModel, TimeStampedModel):
    """A candidate's application for certification under one scheme version.

    Personal data: everything in the application, its entries, referees and evidence.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted, waiting for the registrar")
        INFO_REQUESTED = "info_requested", _("More information requested")
        ACCEPTED = "accepted", _("Accepted for assessment")
        REJECTED = "rejected", _("Not eligible")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        GRANTED = "granted", _("Certified")
        REFUSED = "refused", _("Certification refused")

    OPEN = (Status.DRAFT, Status.SUBMITTED, Status.INFO_REQUESTED, Status.ACCEPTED)
    EDITABLE = (Status.DRAFT, Status.INFO_REQUESTED)

    candidate = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="applications"
    )
    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="applications")
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    code_of_conduct_accepted_at = models.DateTimeField(null=True, blank=True)
    data_processing_accepted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    info_request = models.TextField(_("information requested"), blank=True)
    candidate_answer = models.TextField(_("your answer"), blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    certificate_language = models.CharField(
        _("language of the certificate"),
        max_length=5,
        choices=CertificateLanguage.choices,
        blank=True,
        help_text=_("Empty: the language you chose for this site."),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "scheme"],
                condition=Q(status__in=["draft", "submitted", "info_requested", "accepted"]),
                name="certification_one_open_application",
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate} – {self.scheme.code}"

    @property
    def editable(self) -> bool:
        return self.status in self.EDITABLE


class EducationEntry(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="education")
    level = models.CharField(_("level"), max_length=30, choices=EducationLevel.choices)
    institution = models.CharField(_("institution"), max_length=200)
    field = models.CharField(_("field of study"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year of graduation"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("education")
        verbose_name_plural = _("education")

    def __str__(self) -> str:
        return f"{self.get_level_display()}, {self.institution}"


class ExperienceEntry(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="experience"
    )
    employer = models.CharField(_("employer"), max_length=200)
    position = models.CharField(_("position"), max_length=200)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty if current."))
    duties = models.TextField(_("main duties"), blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("experience")
        verbose_name_plural = _("experience")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="certification_experience_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}, {self.employer}"


class Referee(models.Model):
    """Someone who confirms the candidate's experience through a single-use link."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="referees")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    relation = models.CharField(
        _("how they know your work"),
        max_length=200,
        help_text=_("For example: my manager at Suvloyiha, 2019–2024."),
    )
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    confirmed = models.BooleanField(_("confirmed"), null=True, blank=True)
    confirmed_years = models.PositiveSmallIntegerField(_("years confirmed"), null=True, blank=True)
    statement = models.TextField(_("statement"), blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("referee")
        verbose_name_plural = _("referees")

    def __str__(self) -> str:
        return self.name


class Evidence(models.Model):
    class Kind(models.TextChoices):
        DIPLOMA = "diploma", _("Diploma")
        EMPLOYMENT = "employment", _("Employment record")
        TRAINING = "training", _("Training certificate")
        OTHER = "other", _("Other")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name
