"""Reads of the board: the open opportunities with their filters, one page of them, one
opportunity, and the staff's list of all of them."""

from typing import Any

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from muhandis.accounts.models import Region
from muhandis.competencies.models import Area, Framework
from muhandis.core.transliteration import search_key

from ..models import Opportunity, OpportunitySector, Status

PER_PAGE = 25


def regions() -> list[Region]:
    """The regions (reference data that does not change while the site runs), kept in the
    cache for an hour."""
    found = cache.get("opportunities:regions")
    if found is None:
        found = list(region_choices())
        cache.set("opportunities:regions", found, 3600)
    return found


def current_areas() -> QuerySet[Area]:
    """Competence areas of the published frameworks, to choose from."""
    return (
        Area.objects.filter(framework__status=Framework.Status.PUBLISHED)
        .select_related("framework")
        .order_by("framework__code", "sort_order", "code")
    )


def region_choices() -> QuerySet[Region]:
    """The regions, Uzbekistan's first (most of the board's work is there)."""
    return Region.objects.order_by("-country", "sort_order", "code")


def with_details(found: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    """Everything a list of opportunities shows, in three more queries."""
    return found.select_related("organisation").prefetch_related(
        Prefetch("sector_rows", queryset=OpportunitySector.objects.order_by("sector")),
        Prefetch("regions", queryset=Region.objects.order_by("sort_order", "code")),
    )


def filtered(filters: dict[str, Any], *, statuses: tuple[str, ...] = (Status.OPEN,)) -> Any:
    """Opportunities in ``statuses`` matching ``filters`` (``q``, ``kind``, ``sector``,
    ``region``, ``value_band``); ``q`` in Latin or Cyrillic finds either spelling."""
    found = Opportunity.objects.filter(status__in=statuses)
    if statuses == (Status.OPEN,):
        # Until the daily run expires them, those whose deadline passed are not shown as open.
        found = found.filter(deadline__gte=timezone.localdate())
    if filters.get("kind"):
        found = found.filter(kind=filters["kind"])
    if filters.get("sector"):
        found = found.filter(sector_rows__sector=filters["sector"])
    if filters.get("region"):
        # An opportunity open to every region is shown in each region too.
        found = found.filter(regions=filters["region"]) | found.filter(regions__isnull=True)
    if filters.get("value_band") is not None:  # "" is "not stated"
        found = found.filter(value_band=filters["value_band"])
    key = search_key(filters.get("q") or "")
    if key:
        for word in key.split():
            found = found.filter(search_key__contains=word)
    return found.distinct()


def page_of(found: QuerySet[Opportunity], *, number: Any) -> Page:
    paginator = Paginator(with_details(found).order_by("deadline", "-id"), PER_PAGE)
    return paginator.get_page(number)


def opportunity(public_id: Any) -> Opportunity:
    return get_object_or_404(
        with_details(Opportunity.objects.select_related("created_by")).prefetch_related("areas"),
        public_id=public_id,
    )


def posted_by(organisation_ids: list[int]) -> list[Opportunity]:
    """The opportunities the given firms posted, newest first."""
    return list(
        Opportunity.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation")
        .order_by("-created_at", "-id")[:100]
    )
