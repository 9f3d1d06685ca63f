"""Mentoring programmes: staff open a programme (for example for women engineers), mentors and
mentees apply to it, staff pair them (helped by suggestions), and each pair logs its meetings
and marks its goals met.

Personal data: an application's goals, availability, region, languages and preferences (seen
by the applicant and the programme's staff); a meeting's notes (seen by the two people of the
pair only, never by staff, never in the audit trail). Nothing here is public but a programme's
title and description.
"""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import Region
from muhandis.competencies.models import Area
from muhandis.core.models import PublicIdModel, TimeStampedModel


class Audience(models.TextChoices):
    WOMEN = "women", _("Women engineers")
    YOUNG = "young", _("Young professionals")
    ALL = "all", _("All engineers")


class Programme(PublicIdModel, TimeStampedModel):
    """A mentoring programme open for applications between two dates."""

    # Translated in uz, ru, en (translation.py).
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(
        _("for"), max_length=10, choices=Audience.choices, default=Audience.ALL
    )
    opens_on = models.DateField(_("applications open on"))
    closes_on = models.DateField(_("applications close on"))
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("mentoring programme")
        verbose_name_plural = _("mentoring programmes")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_on__lte=models.F("closes_on")),
                name="mentoring_programme_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, today: datetime.date) -> bool:
        return self.is_active and self.opens_on <= today <= self.closes_on


class Side(models.TextChoices):
    """Which side of a pair a person applies for."""

    MENTOR = "mentor", _("Mentor")
    MENTEE = "mentee", _("Mentee")


class Mode(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    EITHER = "either", _("Online or in person")


class Language(models.TextChoices):
    """Languages a mentor and a mentee may speak together."""

    UZBEK = "uz", _("Uzbek")
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")
    KARAKALPAK = "kaa", _("Karakalpak")
    KAZAKH = "kk", _("Kazakh")
    TAJIK = "tg", _("Tajik")


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(PublicIdModel, TimeStampedModel):
    """A person's application to a programme as a mentor or as a mentee; one open application
    per side per programme (a withdrawn one stays, as a status)."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="mentoring_applications",
    )
    side = models.CharField(_("as"), max_length=10, choices=Side.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.APPLIED,
    )
    goals = models.TextField(_("goals"))
    areas = models.ManyToManyField(
        Area, verbose_name=_("competence areas"), related_name="+", blank=True
    )
    hours_per_month = models.PositiveSmallIntegerField(
        _("hours a month"), validators=[MinValueValidator(1), MaxValueValidator(40)]
    )
    mode = models.CharField(_("meetings"), max_length=10, choices=Mode.choices)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT
    )
    languages = models.JSONField(_("languages"), default=list)
    # A mentor's capacity.
    max_mentees = models.PositiveSmallIntegerField(
        _("mentees at most"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    # A mentee's preferences.
    wants_woman_mentor = models.BooleanField(_("I would like a woman mentor"), default=False)
    wants_same_region = models.BooleanField(
        _("I would like a mentor from my region"), default=False
    )
    wants_language = models.CharField(
        _("the language I would like to speak with my mentor"),
        max_length=5,
        choices=Language.choices,
        blank=True,
    )
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("mentoring application")
        verbose_name_plural = _("mentoring applications")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "person", "side"],
                condition=Q(status="applied"),
                name="mentoring_application_one_per_side",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_side_display()})"

    def language_names(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels.get(code, code)) for code in self.languages]


class Pair(PublicIdModel, TimeStampedModel):
    """A mentor and a mentee paired by staff; ended with a reason, never deleted."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="pairs"
    )
    mentor = models.ForeignKey(
        Application, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="as_mentor"
    )
    mentee = models.ForeignKey(
        Application, verbose_name=_("mentee"), on_delete=models.PROTECT, related_name="as_mentee"
    )
    started_on = models.DateField(_("paired on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("why the pair ended"), blank=True)
    paired_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name = _("mentoring pair")
        verbose_name_plural = _("mentoring pairs")
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(ended_on__isnull=True),
                name="mentoring_pair_one_open_per_mentee",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor.person} – {self.mentee.person}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class Meeting(PublicIdModel, TimeStampedModel):
    """A meeting of a pair. ``notes`` are for the pair only: staff see that a meeting
    happened (date, length, mode), never what was said."""

    pair = models.ForeignKey(Pair, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    mode = models.CharField(
        _("how"),
        max_length=10,
        choices=[(Mode.ONLINE, Mode.ONLINE.label), (Mode.IN_PERSON, Mode.IN_PERSON.label)],
    )
    notes = models.TextField(_("notes (for the two of you only)"), blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("mentoring meeting")
        verbose_name_plural = _("mentoring meetings")

    def __str__(self) -> str:
        return f"{self.pair_id}: {self.held_on}"


class Goal(TimeStampedModel):
    """A goal of a pair, marked met by the mentee."""

    pair = models.ForeignKey(Pair, on_delete=models.PROTECT, related_name="goals")
    text = models.CharField(_("goal"), max_length=300)
    met_on = models.DateField(_("met on"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("mentoring goal")
        verbose_name_plural = _("mentoring goals")

    def __str__(self) -> str:
        return self.text
