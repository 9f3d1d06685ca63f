"""Needs surveys over a competency framework, their answers, and the training plan drawn from
them.

A survey asks, for each chosen competency of one framework version, how important it is (the
level the work requires) and the respondent's current level, on one scale for the whole survey
(the Borich design); with background questions for the breakdowns and a few open questions.
Nothing here is deleted once answered: a survey is closed, never emptied.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import EducationLevel, Gender, Region, SizeBand
from muhandis.competencies.models import Area, Competency, Framework, RoleProfile
from muhandis.core.models import PublicIdModel, TimeStampedModel


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ScaleKind(models.TextChoices):
    """The rating scale of a survey. Both questions of a competency use the same scale."""

    FRAMEWORK = "framework", _("The framework's proficiency levels")
    BORICH = "borich", _("Borich, 1 (none) to 5 (very high)")
    HENNESSY_HICKS = "hennessy_hicks", _("Hennessy-Hicks, 1 (not at all) to 7 (very)")


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


class RespondentKind(models.TextChoices):
    SELF = "self", _("Engineer about themselves")
    SUPERVISOR = "supervisor", _("Supervisor or employer about their staff")


class Channel(models.TextChoices):
    PUBLIC = "public", _("Public link")
    PERSONAL = "personal", _("Personal link")
    IMPORTED = "imported", _("Imported from KoboToolbox or ODK")


class AgeBand(models.TextChoices):
    UNDER_25 = "u25", _("Under 25")
    FROM_25 = "25-34", _("25 to 34")
    FROM_35 = "35-44", _("35 to 44")
    FROM_45 = "45-54", _("45 to 54")
    FROM_55 = "55+", _("55 or older")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class ExperienceBand(models.TextChoices):
    UNDER_3 = "0-2", _("Less than 3 years")
    FROM_3 = "3-9", _("3 to 9 years")
    FROM_10 = "10-19", _("10 to 19 years")
    FROM_20 = "20+", _("20 years or more")


class Sector(models.TextChoices):
    CONSTRUCTION = "construction", _("Construction")
    WATER = "water", _("Water supply and sanitation")
    DESIGN = "design", _("Design and consulting")
    PUBLIC = "public", _("Public administration")
    EDUCATION = "education", _("Education and research")
    OTHER = "other", _("Other")


class JobRole(models.TextChoices):
    DESIGN = "design", _("Design engineer")
    SITE = "site", _("Site or construction engineer")
    OPERATIONS = "operations", _("Operations and maintenance")
    MANAGEMENT = "management", _("Project or firm management")
    SUPERVISION = "supervision", _("Technical supervision or inspection")
    OTHER = "other", _("Other")


class Barrier(models.TextChoices):
    """What keeps the respondent from training (several may apply)."""

    TIMING = "timing", _("Timing or workload")
    COST = "cost", _("Cost")
    LANGUAGE = "language", _("Language of the course")
    TRAVEL = "travel", _("Travel distance")
    CHILDCARE = "childcare", _("Childcare or family duties")
    EMPLOYER = "employer", _("No support from the employer")
    OFFER = "offer", _("No suitable course offered")


class Survey(PublicIdModel, TimeStampedModel):
    """One wave of the needs assessment (e.g. "Needs survey 2026")."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="+"
    )
    areas = models.ManyToManyField(
        Area,
        verbose_name=_("areas"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to ask about the whole framework."),
    )
    scale = models.CharField(
        _("rating scale"), max_length=20, choices=ScaleKind.choices, default=ScaleKind.FRAMEWORK
    )
    # The scale's ends as they stood when the survey was built (a framework's scale may change
    # in a later version; the answers keep their meaning).
    scale_min = models.PositiveSmallIntegerField(_("lowest rating"), default=0)
    scale_max = models.PositiveSmallIntegerField(_("highest rating"), default=4)
    kinds = models.JSONField(
        _("who answers"),
        default=list,
        help_text=_("Engineers about themselves, supervisors about their staff, or both."),
    )
    role_profile = models.ForeignKey(
        RoleProfile,
        verbose_name=_("role profile for the required level"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    public_link = models.BooleanField(_("anonymous public link"), default=True)
    public_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    suppression_threshold = models.PositiveSmallIntegerField(
        _("smallest group shown"),
        default=5,
        validators=[MinValueValidator(2), MaxValueValidator(50)],
        help_text=_("Groups with fewer respondents are shown as suppressed in every breakdown."),
    )
    previous_wave = models.ForeignKey(
        "self",
        verbose_name=_("previous wave"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_waves",
    )
    findings_published_at = models.DateTimeField(_("findings published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("needs survey")
        verbose_name_plural = _("needs surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_min__lt=models.F("scale_max")), name="needs_scale_ends_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.title


class SurveyItem(models.Model):
    """One competency asked about in a survey, in the order asked. Fixed when the survey is
    built, so that a later framework version does not change what was asked."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="items")
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.PROTECT, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["survey", "sort_order", "id"]
        verbose_name = _("survey competency")
        verbose_name_plural = _("survey competencies")
        constraints = [
            models.UniqueConstraint(fields=["survey", "competency"], name="needs_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.competency_id}"


class Invitation(TimeStampedModel):
    """A personal, single-use link to a survey, sent by email in the person's language.
    ``distribution`` names the list it came from (e.g. "Members, Tashkent"), for response rates
    per list."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    distribution = models.CharField(_("distribution list"), max_length=100)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    kind = models.CharField(
        _("answers as"), max_length=12, choices=RespondentKind.choices, default=RespondentKind.SELF
    )
    # Copied from the person (or the list) when invited: response rates per region and gender
    # need them for those who never answer.
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    reminders = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["survey", "distribution", "email"]
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "email", "kind"], name="needs_invitation_once"
            )
        ]

    def __str__(self) -> str:
        return self.email


class Response(TimeStampedModel):
    """One respondent's answers. ``submitted_at`` is empty while they are still answering
    (their ratings are saved as they go); only submitted responses are analysed.

    ``person`` is set only for a personal link; identified answers are visible to authorised
    staff only, and no report shows a person. ``pseudonym`` identifies the response in the
    anonymised microdata."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    kind = models.CharField(
        _("answers as"), max_length=12, choices=RespondentKind.choices, default=RespondentKind.SELF
    )
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.PROTECT, related_name="response"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The secret in a public respondent's resume link (kept in their browser).
    resume_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    pseudonym = models.CharField(_("pseudonym"), max_length=16, unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # Imported answers: the source's own id (KoboToolbox ``_uuid``, ODK ``instanceID``), so
    # that importing the same file twice adds nothing.
    source_key = models.CharField(_("source id"), max_length=100, blank=True)

    # Background (all optional: a respondent may skip any).
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    age_band = models.CharField(_("age"), max_length=12, choices=AgeBand.choices, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    job_role = models.CharField(_("role"), max_length=20, choices=JobRole.choices, blank=True)
    employer_size = models.CharField(
        _("employer size"), max_length=10, choices=SizeBand.choices, blank=True
    )
    experience = models.CharField(
        _("years of experience"), max_length=8, choices=ExperienceBand.choices, blank=True
    )
    education = models.CharField(
        _("education"), max_length=30, choices=EducationLevel.choices, blank=True
    )
    # Open questions.
    barriers = models.JSONField(_("barriers to training"), default=list, blank=True)
    barriers_other = models.TextField(_("other barriers"), blank=True)
    comments = models.TextField(_("comments"), blank=True)

    class Meta:
        ordering = ["survey", "id"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "source_key"],
                condition=~Q(source_key=""),
                name="needs_imported_once",
            )
        ]
        indexes = [models.Index(fields=["survey", "submitted_at"], name="needs_submitted")]

    def __str__(self) -> str:
        return self.pseudonym


class Rating(models.Model):
    """A respondent's two ratings of one competency; either may still be missing while they
    answer. Both lie within the survey's scale (checked by the service that saves them)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="ratings")
    item = models.ForeignKey(SurveyItem, on_delete=models.PROTECT, related_name="ratings")
    importance = models.PositiveSmallIntegerField(_("importance"), null=True, blank=True)
    current = models.PositiveSmallIntegerField(_("current level"), null=True, blank=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="needs_rating_once")
        ]
        indexes = [models.Index(fields=["item", "response"], name="needs_rating_item")]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.item_id}: {self.importance}, {self.current}"


class Finding(models.Model):
    """A headline finding as published: the competencies the industry needs most, ranked, as
    they stood when staff published the survey's findings (the home page shows them)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="findings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"))
    mwds = models.FloatField(_("mean weighted discrepancy"))
    share_below = models.FloatField(_("share below the required level"))
    respondents = models.PositiveIntegerField(_("respondents"))

    class Meta:
        ordering = ["survey", "rank"]
        verbose_name = _("published finding")
        verbose_name_plural = _("published findings")
        constraints = [
            models.UniqueConstraint(fields=["survey", "rank"], name="needs_finding_rank_once")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} #{self.rank}"


class TrainingPlan(PublicIdModel, TimeStampedModel):
    """What the association means to run in answer to a survey's priorities."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="plans"
    )
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")

    def __str__(self) -> str:
        return self.title


class PlanLine(models.Model):
    """One line of a plan: train ``target`` people in a competency through a course (or a
    course still to be written), in a region (or everywhere), in a quarter of the plan's year."""

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="lines")
    competency = models.ForeignKey(
        Competency, verbose_name=_("competency"), on_delete=models.PROTECT, related_name="+"
    )
    course = models.ForeignKey(
        "training.Course",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Leave empty when no course exists yet: the line says a course is needed."),
    )
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    target = models.PositiveIntegerField(_("people to train"), validators=[MinValueValidator(1)])
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["plan", "quarter", "id"]
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="needs_quarter_1_to_4"
            )
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.competency_id} Q{self.quarter}"
