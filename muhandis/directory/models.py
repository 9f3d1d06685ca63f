"""The public directory: member firms' profiles and the listings of engineers who opt in.

Not personal data: a firm's profile (what the firm publishes). Personal data, published only
because the person chose to (``EngineerListing.is_listed``): an engineer's bio, languages,
region, competence areas and whether they are open to mentoring; their name and valid
certificates are shown with the listing, nothing else of their account.

``search_key`` columns hold ``muhandis.core.transliteration.search_key`` of the name (the
firm's or the person's, in both scripts), so that a fragment typed in Latin or Cyrillic
finds it; the services recompute them on every save and ``manage.py refresh_directory``
recomputes them all (after names changed elsewhere).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import Organisation, Region, User
from muhandis.competencies.models import Area
from muhandis.core.models import TimeStampedModel
from muhandis.core.phones import format_phone
from muhandis.core.transliteration import search_key
from muhandis.needs.models import Sector

SEARCH_KEY_LENGTH = 400


class Language(models.TextChoices):
    """Languages an engineer may say they speak (those of the region first)."""

    UZ = "uz", _("Uzbek")
    RU = "ru", _("Russian")
    EN = "en", _("English")
    KK = "kk", _("Kazakh")
    KAA = "kaa", _("Karakalpak")
    TG = "tg", _("Tajik")
    KY = "ky", _("Kyrgyz")
    TR = "tr", _("Turkish")
    DE = "de", _("German")
    FR = "fr", _("French")
    ZH = "zh", _("Chinese")
    KO = "ko", _("Korean")
    AR = "ar", _("Arabic")


class FirmProfile(TimeStampedModel):
    """What a firm publishes in the directory. Whether it is shown depends on its membership
    (in good standing, of a type with the directory listing), read when the directory is."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("firm"),
        on_delete=models.CASCADE,
        related_name="directory_profile",
    )
    # Translated in uz, ru, en (translation.py).
    description = models.TextField(_("about the firm"), max_length=3000, blank=True)
    services = models.TextField(_("services"), max_length=3000, blank=True)
    regions_served = models.ManyToManyField(
        Region, verbose_name=_("regions served"), blank=True, related_name="+"
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("competence areas"), blank=True, related_name="+"
    )
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email for enquiries"), blank=True)
    # E.164 (+998712345678), as the service stores it.
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    search_key = models.CharField(max_length=SEARCH_KEY_LENGTH, blank=True, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["search_key", "pk"]
        verbose_name = _("firm's directory profile")
        verbose_name_plural = _("firms' directory profiles")
        indexes = [
            models.Index(fields=["search_key"], name="directory_firm_search"),
            # The last change, read by the cached list of firms (selectors.search).
            models.Index(fields=["updated_at"], name="directory_firm_changed"),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def phone_display(self) -> str:
        return format_phone(self.phone)

    @staticmethod
    def search_key_for(organisation: Organisation) -> str:
        return search_key(organisation.name)[:SEARCH_KEY_LENGTH]


class FirmSector(models.Model):
    """A sector a firm works in: one row each, so that the directory filters in the database."""

    profile = models.ForeignKey(FirmProfile, on_delete=models.CASCADE, related_name="sectors")
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)

    class Meta:
        ordering = ["sector"]
        verbose_name = _("firm's sector")
        verbose_name_plural = _("firms' sectors")
        constraints = [
            models.UniqueConstraint(fields=["profile", "sector"], name="directory_sector_once")
        ]
        indexes = [models.Index(fields=["sector", "profile"], name="directory_sector_profile")]

    def __str__(self) -> str:
        return self.get_sector_display()


class EngineerListing(TimeStampedModel):
    """An engineer's card in the directory, shown only while ``is_listed`` (opting out hides
    it at once; the row stays so that opting in again keeps what they wrote)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("engineer"),
        on_delete=models.CASCADE,
        related_name="directory_listing",
    )
    is_listed = models.BooleanField(_("show me in the directory"), default=True)
    bio = models.TextField(_("about me"), max_length=1000, blank=True)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("competence areas"), blank=True, related_name="+"
    )
    open_to_mentoring = models.BooleanField(_("open to mentoring"), default=False)
    search_key = models.CharField(max_length=SEARCH_KEY_LENGTH, blank=True, editable=False)

    class Meta:
        ordering = ["search_key", "pk"]
        verbose_name = _("engineer's directory listing")
        verbose_name_plural = _("engineers' directory listings")
        indexes = [
            # The directory's order, and its order within a region: a page is read in index
            # order, testing the name on the index, instead of sorting every match.
            models.Index(fields=["is_listed", "search_key"], name="directory_listing_search"),
            models.Index(
                fields=["is_listed", "region", "search_key"], name="directory_listing_region"
            ),
            models.Index(fields=["updated_at"], name="directory_listing_changed"),
        ]

    def __str__(self) -> str:
        return str(self.person)

    @staticmethod
    def search_key_for(person: User) -> str:
        names = (person.given_name, person.family_name, person.name_latin, person.name_cyrillic)
        return search_key(" ".join(n for n in names if n))[:SEARCH_KEY_LENGTH]


class ListingLanguage(models.Model):
    """A language an engineer speaks: one row each, for the directory's filter."""

    listing = models.ForeignKey(EngineerListing, on_delete=models.CASCADE, related_name="languages")
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("language spoken")
        verbose_name_plural = _("languages spoken")
        constraints = [
            models.UniqueConstraint(fields=["listing", "language"], name="directory_language_once")
        ]
        indexes = [models.Index(fields=["language", "listing"], name="directory_language_listing")]

    def __str__(self) -> str:
        return self.get_language_display()
