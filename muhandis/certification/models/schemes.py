"""Certification schemes, in the spirit of ISO/IEC 17024.

A scheme row is one version: a certificate records the version it was granted under, so an
active scheme is never edited; a change makes a new draft version with the same code. Nothing
here is personal data; titles and texts are translated content.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import EducationLevel
from muhandis.competencies.models import Competency, CpdCategory, Framework, code_validator
from muhandis.core.models import PublicIdModel, TimeStampedModel

from . import default_public_fields


class PublicField(models.TextChoices):
    """Optional facts a scheme may publish in the register, beside the number, the holder's
    names, the scheme and the status (always public)."""

    REGION = "region", _("Region")
    SCOPE = "scope", _("Scope")
    LIMITATION = "limitation", _("Limitation of scope")
    VALID_FROM = "valid_from", _("Valid from")
    VALID_UNTIL = "valid_until", _("Valid until")
    EMPLOYER = "employer", _("Employer")


class CertificateLanguage(models.TextChoices):
    """The language of a certificate's PDF."""

    UZ = "uz", "Oʻzbekcha"
    RU = "ru", "Русский"
    EN = "en", "English"
    UZ_RU = "uz-ru", "Oʻzbekcha / Русский"


class Scheme(PublicIdModel, TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ACTIVE = "active", _("Open for applications")
        RETIRED = "retired", _("Retired")

    code = models.CharField(_("code"), max_length=50, validators=[code_validator])
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("title"), max_length=255)
    level = models.CharField(
        _("level"), max_length=10, blank=True, help_text=_("For example I, II or III.")
    )
    scope = models.TextField(_("scope"), help_text=_("What a holder is certified to do."))
    framework = models.ForeignKey(
        Framework, verbose_name=_("competency framework"), on_delete=models.PROTECT
    )
    # Prerequisites
    education_level = models.CharField(
        _("minimum education"), max_length=30, choices=EducationLevel.choices, blank=True
    )
    experience_years = models.PositiveSmallIntegerField(
        _("years of relevant experience"), default=0
    )
    required_training = models.TextField(_("required training"), blank=True)
    referees_required = models.PositiveSmallIntegerField(
        _("referees required"), default=2, validators=[MaxValueValidator(5)]
    )
    # Validity and recertification
    validity_years = models.PositiveSmallIntegerField(
        _("validity (years)"), default=3, validators=[MinValueValidator(1)]
    )
    cpd_hours = models.PositiveSmallIntegerField(
        _("CPD hours to recertify"),
        default=150,
        help_text=_("Continuing professional development hours over the validity period."),
    )
    code_of_conduct = models.TextField(_("code of conduct"))
    fee = models.DecimalField(
        _("fee"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    fee_currency = models.CharField(_("currency"), max_length=3, default="UZS")
    public_fields = models.JSONField(
        _("fields shown in the public register"),
        default=default_public_fields,
        blank=True,
        help_text=_("Besides the number, the holder's name, the scheme and the status."),
    )
    appeal_days = models.PositiveSmallIntegerField(
        _("days to appeal"),
        default=30,
        validators=[MinValueValidator(1)],
        help_text=_("How long after a decision an appeal may be lodged."),
    )
    activated_at = models.DateTimeField(_("opened"), null=True, blank=True)

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("certification scheme")
        verbose_name_plural = _("certification schemes")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"], name="certification_scheme_version"
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(status="active"),
                name="certification_one_active_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class SchemeCompetency(models.Model):
    """A competency the scheme covers, and the proficiency a holder must show in it."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="competencies")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("required level"))

    class Meta:
        ordering = ["scheme", "competency__area__sort_order", "competency__sort_order"]
        verbose_name = _("scheme competency")
        verbose_name_plural = _("scheme competencies")
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "competency"], name="certification_competency_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competency.code}: {self.level}"


class AssessmentMethod(models.Model):
    class Kind(models.TextChoices):
        WRITTEN_EXAM = "written_exam", _("Written examination")
        PORTFOLIO = "portfolio", _("Portfolio review")
        INTERVIEW = "interview", _("Interview")

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="methods")
    kind = models.CharField(_("method"), max_length=20, choices=Kind.choices)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    assessors = models.TextField(
        _("who may assess"),
        blank=True,
        help_text=_("For example: two assessors certified at level III in the same field."),
    )

    class Meta:
        ordering = ["scheme", "id"]
        verbose_name = _("assessment method")
        verbose_name_plural = _("assessment methods")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "kind"], name="certification_method_once")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class CpdRequirement(models.Model):
    """The minimum CPD hours in one category over the validity period."""

    Category = CpdCategory

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="cpd_minimums")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    hours = models.PositiveSmallIntegerField(_("minimum hours"))

    class Meta:
        ordering = ["scheme", "category"]
        verbose_name = _("CPD minimum")
        verbose_name_plural = _("CPD minimums")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "category"], name="certification_cpd_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.hours}"
