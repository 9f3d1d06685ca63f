"""The versioned competency framework: areas, competencies, the proficiency scale and role profiles.

Nothing here is personal data. Titles and descriptions are translated content (uz, ru, en).
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from muhandis.core.models import PublicIdModel, TimeStampedModel

code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("Use Latin letters, digits, dots, hyphens and underscores, e.g. TEC-01."),
)


class ProficiencyScale(models.Model):
    """An ordered scale of proficiency levels, such as 0 (none) to 4 (expert who teaches others)."""

    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("proficiency scale")
        verbose_name_plural = _("proficiency scales")

    def __str__(self) -> str:
        return self.title


class ProficiencyLevel(models.Model):
    scale = models.ForeignKey(ProficiencyScale, on_delete=models.CASCADE, related_name="levels")
    value = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["scale", "value"]
        verbose_name = _("proficiency level")
        verbose_name_plural = _("proficiency levels")
        constraints = [
            models.UniqueConstraint(fields=["scale", "value"], name="competencies_level_unique")
        ]

    def __str__(self) -> str:
        return f"{self.value} – {self.name}"


class Framework(PublicIdModel, TimeStampedModel):
    """One version of a competency framework. A published version is never changed again:
    changes make a new draft version with the same code."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    code = models.CharField(_("code"), max_length=100, validators=[code_validator])
    version = models.PositiveIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    scale = models.ForeignKey(
        ProficiencyScale, verbose_name=_("proficiency scale"), on_delete=models.PROTECT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("competency framework")
        verbose_name_plural = _("competency frameworks")
        constraints = [
            models.UniqueConstraint(
                fields=["code", "version"], name="competencies_framework_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class Area(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(_("code"), max_length=50, validators=[code_validator])
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["framework", "sort_order", "code"]
        verbose_name = _("competency area")
        verbose_name_plural = _("competency areas")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="competencies_area_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Competency(models.Model):
    """A competency with a code that stays the same from one framework version to the next."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="competencies")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="competencies")
    code = models.CharField(_("code"), max_length=50, validators=[code_validator])
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["area__sort_order", "sort_order", "code"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="competencies_competency_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class RoleProfile(models.Model):
    """A job profile (e.g. design engineer) and the level it needs in each competency."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="profiles")
    code = models.CharField(_("code"), max_length=50, validators=[code_validator])
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["framework", "code"]
        verbose_name = _("role profile")
        verbose_name_plural = _("role profiles")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="competencies_profile_code")
        ]

    def __str__(self) -> str:
        return self.title


class RequiredLevel(models.Model):
    profile = models.ForeignKey(RoleProfile, on_delete=models.CASCADE, related_name="requirements")
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE, related_name="+")
    level = models.PositiveSmallIntegerField(_("required level"))

    class Meta:
        ordering = ["profile", "competency__code"]
        verbose_name = _("required level")
        verbose_name_plural = _("required levels")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "competency"], name="competencies_one_level_per_competency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile} – {self.competency.code}: {self.level}"
