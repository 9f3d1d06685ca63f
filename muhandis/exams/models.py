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


class Sitting(TimeStampedModel):
    """An exam window for a blueprint, online or in a room, with its invigilators."""

    blueprint = models.ForeignKey(Blueprint, on_delete=models.PROTECT, related_name="sittings")
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    room = models.CharField(_("room"), max_length=200, blank=True, help_text=_("Empty: online."))
    invigilators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("invigilators")
    )

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("sitting")
        verbose_name_plural = _("sittings")

    def __str__(self) -> str:
        return f"{self.blueprint} {self.opens_at:%Y-%m-%d}"


class Registration(models.Model):
    """A candidate registered for a sitting, in the language they sit the exam in."""

    sitting = models.ForeignKey(Sitting, on_delete=models.PROTECT, related_name="registrations")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="exam_registrations"
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    extra_minutes = models.PositiveSmallIntegerField(
        _("extra time (minutes)"), default=0, help_text=_("An accommodation, e.g. for dyslexia.")
    )
    identity_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    identity_checked_at = models.DateTimeField(_("identity checked"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["sitting", "candidate"], name="exams_registration_once")
        ]

    def __str__(self) -> str:
        return f"{self.candidate} – {self.sitting}"


class Attempt(PublicIdModel):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    registration = models.OneToOneField(
        Registration, on_delete=models.PROTECT, related_name="attempt"
    )
    seed = models.BigIntegerField()
    form = models.JSONField(help_text="The item version ids, in order.")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField(_("started"))
    deadline = models.DateTimeField(_("deadline"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_automatically = models.BooleanField(default=False)
    device = models.CharField(max_length=64, blank=True)
    # Marked at submission: the objective items' marks (each item counts 1) and how many
    # items wait for a marker.
    objective_score = models.FloatField(null=True, blank=True)
    objective_items = models.PositiveSmallIntegerField(default=0)
    items_to_mark = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")

    def __str__(self) -> str:
        return f"{self.registration}"


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    version = models.ForeignKey(ItemVersion, on_delete=models.PROTECT, related_name="+")
    response = models.JSONField()
    flagged = models.BooleanField(default=False)
    saved_at = models.DateTimeField()
    score = models.FloatField(null=True, blank=True, help_text="Share of the item's marks.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "version"], name="exams_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.attempt_id}/{self.version_id}"


class AttemptEvent(models.Model):
    """What happened during an attempt that staff should see: refused saves, a second device,
    an automatic submission."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30)
    detail = models.JSONField(default=dict)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.attempt_id} {self.kind}"
