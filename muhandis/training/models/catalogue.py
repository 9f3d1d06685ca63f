from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from muhandis.billing.models import Currency
from muhandis.competencies.models import Competency, CpdCategory, ProficiencyLevel
from muhandis.core.models import PublicIdModel, TimeStampedModel
from muhandis.core.transliteration import search_key


class CourseFormat(models.TextChoices):
    CLASSROOM = "classroom", _("Classroom")
    ONLINE_LIVE = "online_live", _("Online, live")
    BLENDED = "blended", _("Blended")
    SELF_PACED = "self_paced", _("Self-paced online")


class CourseLevel(models.TextChoices):
    FOUNDATION = "foundation", _("Foundation")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CourseKind(models.TextChoices):
    """A course of the catalogue, or the course behind an event (decision 0014): an event's
    course is never in the catalogue, its notices are the events app's, and a seat freed on its
    session goes straight to the first person waiting."""

    COURSE = "course", _("Course")
    EVENT = "event", _("Event")


class PayerKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    # A person who is a member in good standing, or covered by a member firm (decision 0014).
    MEMBER = "member", _("Member")
    MEMBER_FIRM = "member_firm", _("Member firm")
    NON_MEMBER_FIRM = "non_member_firm", _("Non-member firm")


class Course(PublicIdModel, TimeStampedModel):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=CourseKind.choices, default=CourseKind.COURSE
    )
    # Translated in uz, ru, en (translation.py).
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    outline = models.TextField(_("outline"), blank=True)
    prerequisites = models.TextField(_("prerequisites"), blank=True)
    target_roles = models.TextField(_("for whom"), blank=True)
    trainer_profile = models.TextField(_("trainers"), blank=True)
    level = models.CharField(_("level"), max_length=15, choices=CourseLevel.choices)
    format = models.CharField(_("format"), max_length=15, choices=CourseFormat.choices)
    # Language codes the course is taught in, e.g. ["uz", "ru"].
    languages = models.JSONField(_("languages"), default=list)
    duration_hours = models.DecimalField(
        _("duration, hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    cpd_hours = models.DecimalField(
        _("CPD hours"),
        max_digits=5,
        decimal_places=1,
        default=Decimal(0),
        validators=[MinValueValidator(Decimal(0))],
    )
    cpd_category = models.CharField(
        _("CPD category"), max_length=20, choices=CpdCategory.choices, blank=True
    )
    competencies = models.ManyToManyField(
        Competency, through="CourseCompetency", verbose_name=_("competencies"), related_name="+"
    )
    # Completion rule.
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("attendance needed to complete, %"),
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    post_test_required = models.BooleanField(_("a passed post-test is needed"), default=False)
    # Fiscal receipt details (Uzbekistan).
    ikpu_code = models.CharField(_("tax classifier code (MXIK/IKPU)"), max_length=17, blank=True)
    package_code = models.CharField(_("package code"), max_length=20, blank=True)
    vat_rate = models.DecimalField(
        _("VAT rate, %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty to use the association's rate."),
    )
    is_published = models.BooleanField(_("shown in the catalogue"), default=False)
    # The code and the titles in every language, reduced to one Latin key (search_text_for):
    # what the catalogue's text search matches, whichever script the visitor types.
    search_text = models.CharField(max_length=1000, blank=True, editable=False)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"

    @staticmethod
    def search_text_for(code: str, titles: list[str]) -> str:
        """The ``search_text`` of a course: made the same way wherever a course is saved, and
        matched by the catalogue's search with ``search_key`` of what was typed."""
        return search_key(" ".join([code, *titles]))[:1000]


class CourseCompetency(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="course_competencies")
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.ForeignKey(
        ProficiencyLevel,
        verbose_name=_("to level"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["course", "competency"], name="training_competency_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.course_id}: {self.competency_id}"


class CoursePrice(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="prices")
    payer_kind = models.CharField(_("payer"), max_length=20, choices=PayerKind.choices)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    amount = models.DecimalField(
        _("price"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )

    class Meta:
        verbose_name = _("price")
        verbose_name_plural = _("prices")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "payer_kind", "currency"], name="training_price_once"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="training_price_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payer_kind} {self.amount} {self.currency}"


class Venue(models.Model):
    name = models.CharField(_("name"), max_length=200)  # translated
    address = models.CharField(_("address"), max_length=300)  # translated
    city = models.CharField(_("city"), max_length=100)  # translated
    region = models.ForeignKey(
        "accounts.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["city", "name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.city}"


class Room(models.Model):
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("room"), max_length=100)
    capacity = models.PositiveSmallIntegerField(_("capacity"))

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self) -> str:
        return f"{self.venue} — {self.name}"
