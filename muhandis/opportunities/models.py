"""The business-opportunities board: tenders, subcontracting offers, jobs and partnerships
posted by member firms and staff or imported from public tender lists; each member firm's
matching preferences; and which opportunities a firm's digest has already carried.

Nothing here is personal data except the free-text ``contact`` an opportunity gives (a name,
a phone number, an email address the poster chose to publish); the public board shows it only
to signed-in people. Statuses, not deletions: an opportunity is closed, expires or is
withdrawn (with the reason kept).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import Organisation, Region
from muhandis.competencies.models import Area
from muhandis.core.models import PublicIdModel, TimeStampedModel
from muhandis.needs.models import Sector


class Kind(models.TextChoices):
    TENDER = "tender", _("Tender")
    SUBCONTRACTING = "subcontracting", _("Subcontracting")
    JOB = "job", _("Job")
    PARTNERSHIP = "partnership", _("Partnership")


class ValueBand(models.TextChoices):
    NOT_STATED = "", _("Not stated")
    UNDER_100M = "under_100m", _("Under 100 million soʻm")
    UP_TO_1BN = "100m_1bn", _("100 million – 1 billion soʻm")
    UP_TO_10BN = "1bn_10bn", _("1 – 10 billion soʻm")
    OVER_10BN = "over_10bn", _("Over 10 billion soʻm")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Source(models.TextChoices):
    POSTED = "posted", _("Posted on Muhandis")
    IMPORTED = "imported", _("Imported from a tender list")


class Opportunity(PublicIdModel, TimeStampedModel):
    """One opportunity. ``title`` and ``description`` are translated (translation.py): a firm
    writes them in one language, staff may give all three; readers see their language or, when
    it is missing, another one. ``search_key`` holds the titles, the firm's and the customer's
    names and the source reference as one Latin key (core.transliteration)."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("posted by the firm"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    customer = models.CharField(
        _("customer"),
        max_length=200,
        blank=True,
        help_text=_("For an imported tender: the body that buys."),
    )
    regions = models.ManyToManyField(
        Region,
        verbose_name=_("regions"),
        blank=True,
        related_name="+",
        help_text=_("None: anywhere in the country."),
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("competence areas required"), blank=True, related_name="+"
    )
    value_band = models.CharField(
        _("value"), max_length=12, choices=ValueBand.choices, blank=True, default=""
    )
    deadline = models.DateField(_("deadline"))
    contact = models.CharField(_("contact"), max_length=500, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.POSTED
    )
    source_reference = models.CharField(
        _("source reference"),
        max_length=100,
        blank=True,
        help_text=_("The tender's number in the list it was imported from."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    status_reason = models.TextField(_("reason"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    search_key = models.CharField(max_length=600, blank=True, db_index=True, editable=False)

    class Meta:
        ordering = ["deadline", "-id"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        constraints = [
            models.UniqueConstraint(
                fields=["source_reference"],
                condition=Q(source="imported"),
                name="opportunity_imported_once",
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="opportunity_status_deadline")]

    def __str__(self) -> str:
        return self.title or self.source_reference or str(self.public_id)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("opportunities:detail", args=[self.public_id])

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN


class OpportunitySector(models.Model):
    """A sector an opportunity belongs to (one row each, so the board filters in the
    database)."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="sector_rows"
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, db_index=True)

    class Meta:
        ordering = ["opportunity", "sector"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "sector"], name="opportunity_sector_once"
            )
        ]

    def __str__(self) -> str:
        return self.get_sector_display()


class MatchingPreference(TimeStampedModel):
    """What a member firm looks for: its representatives choose sectors, regions and
    competence areas; the board's matches and the weekly digest follow them."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="+", verbose_name=_("firm")
    )
    regions = models.ManyToManyField(
        Region, verbose_name=_("regions"), blank=True, related_name="+"
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("competence areas"), blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("matching preference")
        verbose_name_plural = _("matching preferences")

    def __str__(self) -> str:
        return str(self.organisation)


class PreferenceSector(models.Model):
    preference = models.ForeignKey(
        MatchingPreference, on_delete=models.CASCADE, related_name="sector_rows"
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)

    class Meta:
        ordering = ["preference", "sector"]
        constraints = [
            models.UniqueConstraint(fields=["preference", "sector"], name="preference_sector_once")
        ]

    def __str__(self) -> str:
        return self.get_sector_display()


class DigestEntry(models.Model):
    """An opportunity carried in a firm's weekly digest: each goes to a firm once."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "opportunity"], name="opportunity_digest_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}: {self.opportunity_id}"
