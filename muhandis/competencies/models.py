"""The versioned competency framework: areas, competencies, the proficiency scale and role profiles.

A framework is a tree of any depth: its top level are areas (what blueprints and exam feedback
group by), and under each area competencies nest through ``Competency.parent`` (an adjacency
list read with a recursive query, decision 0008). Every node under an area is a ``Competency``,
so whatever points at a competency (schemes, items, CPD activities) can point at any node.

Nothing here is personal data. Titles and descriptions are translated content (uz, ru, en).
"""

import nh3
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from muhandis.core.models import PublicIdModel, TimeStampedModel

code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    _("Use Latin letters, digits, dots, hyphens and underscores, e.g. TEC-01."),
)


class CpdCategory(models.TextChoices):
    """The categories in which CPD hours are counted: a scheme's minimums, an engineer's
    activities and a course's hours all use these."""

    TECHNICAL = "technical", _("Technical and technological")
    MANAGEMENT = "management", _("Management, finance and economics")
    REGULATORY = "regulatory", _("Regulatory, legal and environmental")
    PROFESSIONAL = "professional", _("Ethics and professional practice")


class DescriptionFormat(models.TextChoices):
    """How a description is written: plain text, or HTML (as Moodle's editor writes it)."""

    PLAIN = "plain", _("plain text")
    HTML = "html", _("HTML")


def description_markup(text: str, text_format: str) -> SafeString:
    """A description ready for a page: HTML sanitised by nh3's allow-list (never flattened);
    plain text escaped, with its line breaks."""
    if text_format == DescriptionFormat.HTML:
        return mark_safe(nh3.clean(text))  # cleaned by nh3's allow-list
    return mark_safe(linebreaks(text, autoescape=True))  # escaped by linebreaks


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
    description_format = models.CharField(
        _("description format"),
        max_length=5,
        choices=DescriptionFormat.choices,
        default=DescriptionFormat.PLAIN,
    )
    scale_configuration = models.JSONField(
        _("default and proficient levels"),
        null=True,
        blank=True,
        help_text=_(
            "As Moodle writes it: per level, numbered from 1, whether it is the default and "
            "whether it is proficient."
        ),
    )
    taxonomies = models.CharField(
        _("names of the levels"),
        max_length=255,
        blank=True,
        help_text=_("Moodle's taxonomy terms, one per level, e.g. “domain,competency,indicator”."),
    )

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

    def description_html(self) -> SafeString:
        return description_markup(self.description, self.description_format)


class Area(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(_("code"), max_length=50, validators=[code_validator])
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    description_format = models.CharField(
        _("description format"),
        max_length=5,
        choices=DescriptionFormat.choices,
        default=DescriptionFormat.PLAIN,
    )

    class Meta:
        ordering = ["framework", "sort_order", "code"]
        verbose_name = _("competency area")
        verbose_name_plural = _("competency areas")
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="competencies_area_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def description_html(self) -> SafeString:
        return description_markup(self.description, self.description_format)


class Competency(models.Model):
    """A competency with a code that stays the same from one framework version to the next.

    A competency sits in an area and, optionally, under another competency of the same area
    (``parent``), to any depth. Completion rules and cross-references are kept as Moodle writes
    them so that an exported framework reads back into Moodle; Muhandis does not apply them."""

    class RuleType(models.TextChoices):
        NONE = "", _("no rule")
        ALL = "all", _("all child competencies are complete")
        POINTS = "points", _("the child competencies give enough points")

    class RuleOutcome(models.IntegerChoices):
        NONE = 0, _("nothing")
        EVIDENCE = 1, _("attach evidence")
        RECOMMEND = 2, _("send for review")
        COMPLETE = 3, _("complete the competency")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="competencies")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="competencies")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent competency"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Empty for a competency directly under its area."),
    )
    code = models.CharField(_("code"), max_length=50, validators=[code_validator])
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    description_format = models.CharField(
        _("description format"),
        max_length=5,
        choices=DescriptionFormat.choices,
        default=DescriptionFormat.PLAIN,
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    related = models.ManyToManyField(
        "self", verbose_name=_("cross-referenced competencies"), blank=True, symmetrical=True
    )
    rule_type = models.CharField(
        _("completion rule"), max_length=10, choices=RuleType.choices, default="", blank=True
    )
    rule_outcome = models.PositiveSmallIntegerField(
        _("when the rule is met"), choices=RuleOutcome.choices, default=RuleOutcome.NONE
    )
    rule_config = models.JSONField(
        _("rule configuration"),
        null=True,
        blank=True,
        help_text=_(
            "For a points rule: the points needed and, per child competency code, its points "
            "and whether it is required."
        ),
    )

    class Meta:
        ordering = ["area__sort_order", "sort_order", "code"]
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "code"], name="competencies_competency_code"
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")),
                name="competencies_competency_not_own_parent",
                violation_error_message=_("A competency cannot be its own parent."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        """The parent is another competency of the same framework and area, never one of this
        competency's own descendants."""
        super().clean()
        parent = self.parent
        if parent is None:
            return
        if parent.framework_id != self.framework_id or parent.area_id != self.area_id:
            raise ValidationError(
                {"parent": _("The parent must be a competency of the same framework and area.")}
            )
        seen = {self.pk} if self.pk else set()
        node: Competency | None = parent
        while node is not None:
            if node.pk in seen:
                raise ValidationError(
                    {"parent": _("A competency cannot be placed under itself or its own children.")}
                )
            seen.add(node.pk)
            node = node.parent

    def description_html(self) -> SafeString:
        return description_markup(self.description, self.description_format)


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
