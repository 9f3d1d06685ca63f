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
import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language

from muhandis.accounts.models import Region
from muhandis.certification.models import Certificate
from muhandis.competencies.models import Area, Framework
from muhandis.core.transliteration import search_key
from muhandis.membership.models import IN_GOOD_STANDING, Membership

from ..models import EngineerListing, FirmProfile, FirmSector, ListingLanguage

# What a card shows of an area and of a certificate's scheme (not their long texts).
AREA_FIELDS = ("id", "code", "title", "sort_order", "framework_id")
SCHEME_FIELDS = tuple(
    f"scheme__{name}" for name in ("code", "title", "title_uz", "title_ru", "title_en")
)
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
    """A firms' search: a name fragment, a sector code, a region code (based or served), a
    size band and an area's id."""

    q: str = ""
    sector: str = ""
    region: str = ""
    size_band: str = ""
    area: int | None = None


@dataclass(frozen=True)
class EngineerFilters:
    """An engineers' search: a name fragment, a region code, a language code, an area's id,
    open to mentoring, holding a valid certificate."""

    q: str = ""
    region: str = ""
    language: str = ""
    area: int | None = None
    mentoring: bool = False
    certified: bool = False


def published_areas() -> QuerySet[Area]:
    """The competence areas a profile or listing may name: those of published frameworks."""
    return (
        Area.objects.filter(framework__status=Framework.Status.PUBLISHED)
        .select_related("framework")
        .order_by("framework__code", "sort_order", "code")
    )


CHOICES_SECONDS = 600
# How long a page of cards is kept. A change to a profile or a listing (saving, opting out)
# shows at once: the key holds the table's last change (one indexed read). A change elsewhere
# (a membership lapsing, a person renamed or anonymised) shows within this time.
CARDS_SECONDS = 60


def last_change(kind: str) -> str:
    """When a firm's profile (``kind`` "firms") or an engineer's listing last changed."""
    model = FirmProfile if kind == "firms" else EngineerListing
    changed = model.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    return changed.isoformat() if changed else "-"


def cached_body(kind: str, query: list[tuple[str, str]], build: Callable[[], str]) -> str:
    """The rendered form and cards of a search (``build`` makes them), kept for
    ``CARDS_SECONDS`` per language, question and last change."""
    text = "&".join(f"{name}={value}" for name, value in sorted(query))
    digest = hashlib.sha256(text.encode()).hexdigest()[:32]
    key = f"directory:{kind}:{last_change(kind)}:{get_language()}:{digest}"
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, CARDS_SECONDS)
    return html


def region_choices() -> list[tuple[str, str]]:
    """(code, name) of every region in the reader's language, cached for ten minutes."""
    key = f"directory:regions:{get_language()}"
    found = cache.get(key)
    if found is None:
        found = [(r.code, r.name) for r in Region.objects.order_by("country", "sort_order", "code")]
        cache.set(key, found, CHOICES_SECONDS)
    return found


def area_choices() -> list[tuple[int, str]]:
    """(id, title) of the areas of published frameworks in the reader's language, cached for
    ten minutes."""
    key = f"directory:areas:{get_language()}"
    found = cache.get(key)
    if found is None:
        found = [(a.pk, a.title) for a in published_areas()]
        cache.set(key, found, CHOICES_SECONDS)
    return found


def region_id(code: str) -> int | None:
    """The id of the region ``code`` (so that a listing's search reads the index on its
    region rather than joining the regions)."""
    key = "directory:region_ids"
    ids = cache.get(key)
    if ids is None:
        ids = dict(Region.objects.values_list("code", "id"))
        cache.set(key, ids, CHOICES_SECONDS)
    return ids.get(code)


def _named(found: QuerySet, text: str) -> QuerySet:
    """Rows whose search key holds every word of ``text`` (either script, any order)."""
    for word in search_key(text).split()[:6]:
        found = found.filter(search_key__contains=word)
    return found


def _order(text: str) -> tuple:
    """The directory's order: by search key. With a name typed, by the same key through
    ``Lower`` (the keys are lower case already): PostgreSQL then finds the few matches through
    the trigram index and sorts them, instead of walking the whole ordered index testing each
    row; without a name, walking the ordered index stops after one page."""
    if search_key(text):
        return (Lower("search_key"), "pk")
    return ("search_key", "pk")


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
    if filters.region:
        served = FirmProfile.regions_served.through.objects.filter(
            firmprofile=OuterRef("pk"), region__code=filters.region
        )
        found = found.filter(Q(organisation__region__code=filters.region) | Q(Exists(served)))
    if filters.size_band:
        found = found.filter(organisation__size_band=filters.size_band)
    if filters.area is not None:
        # One row per profile and area at most: the join cannot repeat a profile.
        found = found.filter(areas__id=filters.area)
    return (
        found.select_related("organisation__region")
        .prefetch_related(
            Prefetch("sectors", to_attr="sector_list"),
            Prefetch(
                "areas",
                queryset=Area.objects.only(*AREA_FIELDS).order_by("code"),
                to_attr="area_list",
            ),
        )
        .order_by(*_order(filters.q))
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
    if filters.region:
        found = found.filter(region_id=region_id(filters.region))
    if filters.language:
        found = found.filter(
            Exists(
                ListingLanguage.objects.filter(listing=OuterRef("pk"), language=filters.language)
            )
        )
    if filters.area is not None:
        found = found.filter(areas__id=filters.area)
    if filters.mentoring:
        found = found.filter(open_to_mentoring=True)
    today = timezone.localdate()
    if filters.certified:
        found = found.filter(Exists(valid_certificates(today).filter(holder=OuterRef("person"))))
    return (
        found.select_related("person", "region")
        .prefetch_related(
            Prefetch("languages", to_attr="language_list"),
            Prefetch(
                "areas",
                queryset=Area.objects.only(*AREA_FIELDS).order_by("code"),
                to_attr="area_list",
            ),
            Prefetch(
                "person__certificates",
                queryset=valid_certificates(today)
                .select_related("scheme")
                .only("number", "holder_id", *SCHEME_FIELDS)
                .order_by("number"),
                to_attr="valid_certificates",
            ),
        )
        .order_by(*_order(filters.q))
    )
