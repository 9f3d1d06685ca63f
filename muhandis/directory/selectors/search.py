"""The directory's two searches: member firms and listed engineers, by a name fragment in
either script and by filters, a page at a time.

Which firms are shown: those with a profile whose membership is in good standing
(``membership.models.IN_GOOD_STANDING``) and of a type with the directory listing benefit.
Which engineers: those who opted in (``is_listed``) and whose account is active and not
anonymised. Both are decided in the database on every read, so a lapsed membership or an
opt-out hides the card at once.

A list page is at most five queries whatever it shows (the page, then its sectors and areas,
or its languages, areas and valid certificates); the number of matches is not counted
(fetching one row more than the page tells whether there is a next page).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from muhandis.accounts.models import Region
from muhandis.certification.models import Certificate
from muhandis.competencies.models import Area, Framework
from muhandis.core.transliteration import search_key
from muhandis.membership.models import IN_GOOD_STANDING, Membership

from ..models import EngineerListing, FirmProfile, FirmSector, ListingLanguage

PAGE_SIZE = 25
LAST_PAGE = 400  # past 10,000 cards, a person narrows the search instead


@dataclass(frozen=True)
class Page:
    """One page of cards, and whether there are more."""

    items: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_of(found: QuerySet, number: str | int | None, *, size: int = PAGE_SIZE) -> Page:
    """The page ``number`` (1 if missing or not a number) of ``found``."""
    try:
        wanted = min(max(int(number or 1), 1), LAST_PAGE)
    except (TypeError, ValueError):
        wanted = 1
    start = (wanted - 1) * size
    items = list(found[start : start + size + 1])
    return Page(items[:size], wanted, len(items) > size and wanted < LAST_PAGE)


@dataclass(frozen=True)
class FirmFilters:
    q: str = ""
    sector: str = ""
    region: Region | None = None
    size_band: str = ""
    area: Area | None = None


@dataclass(frozen=True)
class EngineerFilters:
    q: str = ""
    region: Region | None = None
    language: str = ""
    area: Area | None = None
    mentoring: bool = False
    certified: bool = False


def published_areas() -> QuerySet[Area]:
    """The competence areas a profile or listing may name: those of published frameworks."""
    return (
        Area.objects.filter(framework__status=Framework.Status.PUBLISHED)
        .select_related("framework")
        .order_by("framework__code", "sort_order", "code")
    )


def _named(found: QuerySet, text: str) -> QuerySet:
    """Rows whose search key holds every word of ``text`` (either script, any order)."""
    for word in search_key(text).split()[:6]:
        found = found.filter(search_key__contains=word)
    return found


def listed_membership() -> QuerySet[Membership]:
    """The memberships that put a firm in the directory."""
    return Membership.objects.filter(
        status__in=IN_GOOD_STANDING, type__directory_listing=True, organisation__isnull=False
    )


def listed_firms() -> QuerySet[FirmProfile]:
    """The profiles the public directory shows."""
    return FirmProfile.objects.filter(
        Exists(listed_membership().filter(organisation=OuterRef("organisation")))
    )


def search_firms(filters: FirmFilters) -> QuerySet[FirmProfile]:
    found = _named(listed_firms(), filters.q)
    if filters.sector:
        found = found.filter(
            Exists(FirmSector.objects.filter(profile=OuterRef("pk"), sector=filters.sector))
        )
    if filters.region is not None:
        served = FirmProfile.regions_served.through.objects.filter(
            firmprofile=OuterRef("pk"), region=filters.region
        )
        found = found.filter(Q(organisation__region=filters.region) | Q(Exists(served)))
    if filters.size_band:
        found = found.filter(organisation__size_band=filters.size_band)
    if filters.area is not None:
        # One row per profile and area at most: the join cannot repeat a profile.
        found = found.filter(areas=filters.area)
    return (
        found.select_related("organisation__region")
        .prefetch_related("sectors", Prefetch("areas", queryset=Area.objects.order_by("code")))
        .order_by("search_key", "pk")
    )


def valid_certificates(today: datetime.date | None = None) -> QuerySet[Certificate]:
    return Certificate.objects.showing("valid", today or timezone.localdate())


def listed_engineers() -> QuerySet[EngineerListing]:
    """The listings the public directory shows."""
    return EngineerListing.objects.filter(
        is_listed=True, person__is_active=True, person__anonymised_at__isnull=True
    )


def search_engineers(filters: EngineerFilters) -> QuerySet[EngineerListing]:
    found = _named(listed_engineers(), filters.q)
    if filters.region is not None:
        found = found.filter(region=filters.region)
    if filters.language:
        found = found.filter(
            Exists(
                ListingLanguage.objects.filter(listing=OuterRef("pk"), language=filters.language)
            )
        )
    if filters.area is not None:
        found = found.filter(areas=filters.area)
    if filters.mentoring:
        found = found.filter(open_to_mentoring=True)
    today = timezone.localdate()
    if filters.certified:
        found = found.filter(Exists(valid_certificates(today).filter(holder=OuterRef("person"))))
    return (
        found.select_related("person", "region")
        .prefetch_related(
            "languages",
            Prefetch("areas", queryset=Area.objects.order_by("code")),
            Prefetch(
                "person__certificates",
                queryset=valid_certificates(today).select_related("scheme").order_by("number"),
                to_attr="valid_certificates",
            ),
        )
        .order_by("search_key", "pk")
    )
