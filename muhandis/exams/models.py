"""The item bank: items, and their versions as they move from draft to retirement.

An item is the lasting identity of a question (its code, kind, competencies and schemes); its
text, options and answers live in versions. A version is never edited once reviewed: a change
makes a new draft. An attempt records the exact version it showed (the sittings come later)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muhandis.certification.models import Application, Scheme
from muhandis.competencies.models import Competency, code_validator
from muhandis.core.models import PublicIdModel, TimeStampedModel
from muhandis.training.models import Course, CourseSession


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
    """What a scheme's exam, or a training course's pre- and post-test, is made of: how many
    items of which competency area and difficulty, the time allowed and the pass rule. Forms
    are drawn at random for each candidate (reproducibly, from a stored seed) so that each
    meets the blueprint exactly. A blueprint belongs to exactly one scheme or one course."""

    scheme = models.OneToOneField(
        Scheme, on_delete=models.PROTECT, related_name="blueprint", null=True, blank=True
    )
    course = models.OneToOneField(
        Course,
        on_delete=models.PROTECT,
        related_name="test_blueprint",
        null=True,
        blank=True,
        verbose_name=_("training course"),
    )

    class PassRule(models.TextChoices):
        FIXED = "fixed", _("Fixed pass mark")
        ANGOFF = "angoff", _("Set by a modified-Angoff panel")

    class FormMode(models.TextChoices):
        RANDOM = "random", _("Drawn at random for each candidate")
        FIXED = "fixed", _("The same items for every candidate")

    time_limit_minutes = models.PositiveSmallIntegerField(_("time allowed (minutes)"))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), help_text=_("Fixed, or set by a modified-Angoff panel.")
    )
    pass_rule = models.CharField(
        _("pass rule"), max_length=10, choices=PassRule.choices, default=PassRule.FIXED
    )
    form_mode = models.CharField(
        _("forms"), max_length=10, choices=FormMode.choices, default=FormMode.RANDOM
    )
    fixed_items = models.ManyToManyField(
        Item,
        related_name="+",
        blank=True,
        verbose_name=_("items of the fixed form"),
        help_text=_("Used when every candidate sits the same items."),
    )
    double_marking = models.BooleanField(
        _("double marking of essays"),
        default=False,
        help_text=_("Two markers mark every essay independently."),
    )
    marking_threshold = models.PositiveSmallIntegerField(
        _("difference that needs a third marker (%)"),
        default=20,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "When two marks of an essay differ by more than this, a third marker reconciles."
        ),
    )

    class Meta:
        verbose_name = _("exam blueprint")
        verbose_name_plural = _("exam blueprints")
        constraints = [
            models.CheckConstraint(
                condition=Q(scheme__isnull=False, course__isnull=True)
                | Q(scheme__isnull=True, course__isnull=False),
                name="exams_blueprint_scheme_or_course",
            )
        ]

    def __str__(self) -> str:
        if self.scheme_id is None:
            return self.course.code
        return f"{self.scheme.code} v{self.scheme.version}"

    @property
    def is_course_test(self) -> bool:
        return self.course_id is not None

    @property
    def title(self) -> str:
        """What the exam is of, as candidates and staff read it: the scheme or the course."""
        return self.course.title if self.scheme_id is None else self.scheme.title


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
    """An exam window for a blueprint, online or in a room, with its invigilators; or a
    training course session's pre-test or post-test (no invigilators: nothing rests on it but
    the course's completion rule)."""

    class Purpose(models.TextChoices):
        EXAM = "exam", _("Certification exam")
        PRE_TEST = "pre_test", _("Pre-test")
        POST_TEST = "post_test", _("Post-test")

    blueprint = models.ForeignKey(Blueprint, on_delete=models.PROTECT, related_name="sittings")
    course_session = models.ForeignKey(
        CourseSession,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("course session"),
    )
    purpose = models.CharField(
        _("purpose"), max_length=10, choices=Purpose.choices, default=Purpose.EXAM
    )
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
        constraints = [
            models.CheckConstraint(
                condition=Q(course_session__isnull=True, purpose="exam")
                | Q(course_session__isnull=False, purpose__in=["pre_test", "post_test"]),
                name="exams_sitting_exam_or_course_test",
            ),
            models.UniqueConstraint(
                fields=["course_session", "purpose"],
                condition=Q(course_session__isnull=False),
                name="exams_course_test_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blueprint} {self.opens_at:%Y-%m-%d}"

    @property
    def is_course_test(self) -> bool:
        return self.course_session_id is not None

    @property
    def needs_identity_check(self) -> bool:
        """A certification exam starts only after an invigilator checked the candidate's
        identity; a course's pre- or post-test starts when the participant is ready."""
        return self.course_session_id is None


class Registration(models.Model):
    """A candidate registered for a sitting, in the language they sit the exam in."""

    sitting = models.ForeignKey(Sitting, on_delete=models.PROTECT, related_name="registrations")
    candidate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="exam_registrations"
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="exam_registrations",
        null=True,
        blank=True,
        help_text=_("The certification application the result is passed to."),
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    extra_minutes = models.PositiveSmallIntegerField(
        _("extra time (minutes)"), default=0, help_text=_("An accommodation, e.g. for dyslexia.")
    )
    identity_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    identity_checked_at = models.DateTimeField(_("identity checked"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded"), null=True, blank=True)

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


class ItemImage(TimeStampedModel):
    """A diagram or drawing shown with an item. Its text refers to it as ``[image:N]``."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="images")
    number = models.PositiveSmallIntegerField(_("number"))
    file = models.FileField(_("file"), upload_to="exams/images/")
    content_type = models.CharField(max_length=50)
    sha256 = models.CharField(max_length=64)
    alt = models.JSONField(
        _("description for screen readers"), default=dict, help_text="Per language."
    )

    class Meta:
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="exams_image_number")
        ]

    def __str__(self) -> str:
        return f"{self.item.code} image {self.number}"


class Incident(models.Model):
    """Something an invigilator saw during a sitting (a candidate, or the room)."""

    sitting = models.ForeignKey(Sitting, on_delete=models.PROTECT, related_name="incidents")
    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="incidents", null=True, blank=True
    )
    description = models.TextField(_("what happened"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self) -> str:
        return f"{self.sitting_id} {self.at:%Y-%m-%d %H:%M}"


class EssayMark(models.Model):
    """One marker's mark of one essay answer, given blind against the rubric. Round 1 and,
    with double marking, round 2 are independent; round 3 reconciles when they differ by
    more than the blueprint's threshold."""

    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="marks")
    round = models.PositiveSmallIntegerField()
    marker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    percent = models.PositiveSmallIntegerField(
        _("mark (percent of the item)"), validators=[MaxValueValidator(100)]
    )
    comment = models.TextField(_("comment for the record"), blank=True)
    marked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answer", "round"]
        constraints = [
            models.UniqueConstraint(fields=["answer", "round"], name="exams_mark_round_once"),
            models.UniqueConstraint(fields=["answer", "marker"], name="exams_marker_once"),
        ]

    def __str__(self) -> str:
        return f"{self.answer_id} round {self.round}: {self.percent}"


class Result(models.Model):
    """A candidate's result: total, pass or fail against the cut score in force, and the
    sub-score of each competency area. Candidates see it once the exam manager releases it."""

    attempt = models.OneToOneField(Attempt, on_delete=models.PROTECT, related_name="result")
    percent = models.FloatField(_("score (%)"))
    pass_mark = models.FloatField(_("pass mark (%)"))
    passed = models.BooleanField(_("passed"))
    areas = models.JSONField(
        default=dict, help_text='{"<area code>": {"score": float, "items": int}}'
    )
    computed_at = models.DateTimeField()
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        verbose_name = _("exam result")
        verbose_name_plural = _("exam results")

    def __str__(self) -> str:
        return f"{self.attempt_id}: {self.percent:.1f}%"


class AngoffStudy(TimeStampedModel):
    """A modified-Angoff standard setting for a blueprint: each panellist estimates, for each
    item, the chance (%) that a minimally competent candidate answers it correctly; the cut
    score is the mean of the panellists' mean estimates. Ratings are kept with the result."""

    class Status(models.TextChoices):
        OPEN = "open", _("Panellists rating")
        DECIDED = "decided", _("Cut score recorded")

    blueprint = models.ForeignKey(Blueprint, on_delete=models.PROTECT, related_name="angoff")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    round = models.PositiveSmallIntegerField(
        _("round"), default=1, help_text=_("2 once panellists may revise their ratings.")
    )
    panellists = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("panellists")
    )
    versions = models.ManyToManyField(ItemVersion, related_name="+", verbose_name=_("items"))
    cut_score = models.FloatField(_("cut score (%)"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Angoff study")
        verbose_name_plural = _("Angoff studies")

    def __str__(self) -> str:
        return f"{self.blueprint} {self.created_at:%Y-%m-%d}"


class AngoffRating(models.Model):
    study = models.ForeignKey(AngoffStudy, on_delete=models.CASCADE, related_name="ratings")
    panellist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    version = models.ForeignKey(ItemVersion, on_delete=models.PROTECT, related_name="+")
    round = models.PositiveSmallIntegerField(default=1)
    percent = models.PositiveSmallIntegerField(validators=[MaxValueValidator(100)])
    rated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["study", "panellist", "version", "round"], name="exams_rating_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.study_id}/{self.panellist_id}/{self.version_id}: {self.percent}"
