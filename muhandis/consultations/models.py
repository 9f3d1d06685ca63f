"""Policy consultations: a draft (a regulation, a standard, a position paper) published clause by
clause, members' comments on each clause, the staff's summary per clause and the association's
response sent to the body that asked.

A consultation is ``draft`` (staff prepare it), ``open`` (members comment between ``opens_on``
and ``closes_on``), ``closed`` (the daily ``close_consultations`` command closes it the day after
``closes_on``; commenting is refused from that day whether or not the command has run, since
the dates decide), then ``responded`` (the association's response is published). Nothing is
deleted: a comment replaced by its author keeps its earlier text as a revision.

Personal data: a comment's author and organisation. The public sees the draft, the counts per
clause and the published response; the comments are shown to people who may take part and to
staff, and named in the export unless the author asked to stay anonymous there.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import Organisation
from muhandis.core.models import PublicIdModel, TimeStampedModel


class Kind(models.TextChoices):
    REGULATION = "regulation", _("Draft regulation")
    STANDARD = "standard", _("Draft standard")
    POSITION_PAPER = "position_paper", _("Position paper")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft, not published")
    OPEN = "open", _("Open for comments")
    CLOSED = "closed", _("Closed, response in preparation")
    RESPONDED = "responded", _("Response published")


class Audience(models.TextChoices):
    MEMBERS = "members", _("Members of the association only")
    ENGINEERS = "engineers", _("Every signed-in engineer")


class Position(models.TextChoices):
    SUPPORT = "support", _("Support")
    OPPOSE = "oppose", _("Oppose")
    NEUTRAL = "neutral", _("Neutral")
    SUGGEST = "suggest", _("Suggest a change")


class Consultation(PublicIdModel, TimeStampedModel):
    """A draft put to the members. Title, summary, addressee and response are translated in
    uz, ru and en (translation.py); ``language`` is the language the draft itself is in."""

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    addressee = models.CharField(
        _("sent to"), max_length=300, help_text=_("The body the response goes to, e.g. a ministry.")
    )
    language = models.CharField(
        _("language of the draft"),
        max_length=5,
        choices=settings.LANGUAGES,
        default="uz",
    )
    opens_on = models.DateField(_("open for comments from"))
    closes_on = models.DateField(_("open for comments until"))
    audience = models.CharField(
        _("who may comment"), max_length=12, choices=Audience.choices, default=Audience.MEMBERS
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    response = models.TextField(_("the association's response"), blank=True)
    responded_at = models.DateTimeField(_("response published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-opens_on", "-id"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_on__lte=models.F("closes_on")), name="consultation_dates_ordered"
            )
        ]
        indexes = [models.Index(fields=["status", "closes_on"], name="consultation_status_close")]

    def __str__(self) -> str:
        return self.title

    def accepts_comments(self, today: datetime.date) -> bool:
        """Open, and today within its dates (the dates decide, not the daily run)."""
        return self.status == Status.OPEN and self.opens_on <= today <= self.closes_on

    def phase(self, today: datetime.date) -> str:
        """What a reader is told: ``upcoming``, ``open``, ``closed``, ``responded`` or
        ``draft``; an open consultation past its date reads as closed."""
        if self.status == Status.OPEN:
            if today < self.opens_on:
                return "upcoming"
            return "open" if today <= self.closes_on else "closed"
        return str(self.status)

    @property
    def is_public(self) -> bool:
        return self.status != Status.DRAFT


class Clause(models.Model):
    """One clause of the draft, in order. ``heading`` and ``text`` are in the draft's language
    with optional translations (translation.py); ``summary`` is the staff's summary of the
    comments on it, also translated."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="clauses")
    number = models.CharField(_("number"), max_length=20, help_text=_("As in the draft: 3.2"))
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    text = models.TextField(_("text"))
    order = models.PositiveIntegerField(_("order"), default=0)
    summary = models.TextField(_("summary of the comments"), blank=True)

    class Meta:
        ordering = ["consultation", "order", "id"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="clause_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.heading}".strip()


class Comment(TimeStampedModel):
    """A person's one position on one clause; a second comment replaces the first, whose
    earlier wording is kept as a ``CommentRevision``."""

    clause = models.ForeignKey(Clause, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="consultation_comments",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the author worked when commenting, for the export."),
    )
    position = models.CharField(_("position"), max_length=10, choices=Position.choices)
    text = models.TextField(_("comment"))
    proposed_wording = models.TextField(_("proposed wording"), blank=True)
    anonymous = models.BooleanField(
        _("do not name me or my organisation in the export sent to the ministry"), default=False
    )
    revisions = models.PositiveIntegerField(_("times changed"), default=0)

    class Meta:
        ordering = ["clause", "created_at", "id"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.UniqueConstraint(fields=["clause", "author"], name="comment_once_per_clause")
        ]

    def __str__(self) -> str:
        return f"{self.clause} — {self.get_position_display()}"


class CommentRevision(models.Model):
    """What a comment said before its author changed it."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="history")
    position = models.CharField(_("position"), max_length=10, choices=Position.choices)
    text = models.TextField(_("comment"))
    proposed_wording = models.TextField(_("proposed wording"), blank=True)
    written_at = models.DateTimeField(_("written"))

    class Meta:
        ordering = ["comment", "written_at", "id"]
        verbose_name = _("earlier version of a comment")
        verbose_name_plural = _("earlier versions of comments")

    def __str__(self) -> str:
        return f"{self.comment_id}: {self.written_at:%Y-%m-%d %H:%M}"
