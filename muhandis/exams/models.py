"""The item bank: items, and their versions as they move from draft to retirement.

An item is the lasting identity of a question (its code, kind, competencies and schemes); its
text, options and answers live in versions. A version is never edited once reviewed: a change
makes a new draft. An attempt records the exact version it showed (the sittings come later)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muhandis.certification.models import Scheme
from muhandis.competencies.models import Competency, code_validator
from muhandis.core.models import PublicIdModel, TimeStampedModel


class ItemKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple response")
    TRUE_FALSE = "true_false", _("True or false")
    NUMERIC = "numeric", _("Numeric, with tolerance and units")
    MATCHING = "matching", _("Matching")
    SHORT_TEXT = "short_text", _("Short text")
    ESSAY = "essay", _("Essay or case study, marked by hand")


class Difficulty(models.IntegerChoices):
    EASY = 1, _("Easy")
    MEDIUM = 2, _("Medium")
    HARD = 3, _("Hard")


class Item(PublicIdModel, TimeStampedModel):
    code = models.CharField(_("code"), max_length=50, unique=True, validators=[code_validator])
    kind = models.CharField(_("type"), max_length=12, choices=ItemKind.choices)
    difficulty = models.PositiveSmallIntegerField(
        _("difficulty"), choices=Difficulty.choices, default=Difficulty.MEDIUM
    )
    competencies = models.ManyToManyField(
        Competency, related_name="+", verbose_name=_("competencies")
    )
    schemes = models.ManyToManyField(
        Scheme, related_name="+", blank=True, verbose_name=_("schemes it serves")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["code"]
        verbose_name = _("item")
        verbose_name_plural = _("items")

    def __str__(self) -> str:
        return self.code


class ItemVersion(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEWED = "reviewed", _("Reviewed")
        ACTIVE = "active", _("Active")
        RETIRED = "retired", _("Retired")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # The question in each language it is written in, its options and answers: the neutral
    # form of muhandis.exams.formats.items.ItemDraft.
    content = models.JSONField(_("content"))
    languages = models.JSONField(_("languages"), default=list)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    activated_at = models.DateTimeField(_("activated"), null=True, blank=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        ordering = ["item", "-number"]
        verbose_name = _("item version")
        verbose_name_plural = _("item versions")
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="exams_version_number"),
            models.UniqueConstraint(
                fields=["item"], condition=Q(status="active"), name="exams_one_active_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} v{self.number}"


class Blueprint(TimeStampedModel):
    """What a scheme's exam is made of: how many items of which competency area and
    difficulty, the time allowed and the pass rule. Forms are drawn at random for each
    candidate (reproducibly, from a stored seed) so that each meets the blueprint exactly."""

    scheme = models.OneToOneField(Scheme, on_delete=models.PROTECT, related_name="blueprint")
    time_limit_minutes = models.PositiveSmallIntegerField(_("time allowed (minutes)"))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), help_text=_("Fixed, or set by a modified-Angoff panel.")
    )

    class Meta:
        verbose_name = _("exam blueprint")
        verbose_name_plural = _("exam blueprints")

    def __str__(self) -> str:
        return f"{self.scheme.code} v{self.scheme.version}"


class BlueprintRow(models.Model):
    blueprint = models.ForeignKey(Blueprint, on_delete=models.CASCADE, related_name="rows")
    area_code = models.CharField(_("competency area"), max_length=50)
    difficulty = models.PositiveSmallIntegerField(
        _("difficulty"), choices=Difficulty.choices, null=True, blank=True
    )
    count = models.PositiveSmallIntegerField(_("number of items"))

    class Meta:
        ordering = ["blueprint", "id"]
        verbose_name = _("blueprint row")
        verbose_name_plural = _("blueprint rows")

    def __str__(self) -> str:
        return f"{self.area_code} × {self.count}"
