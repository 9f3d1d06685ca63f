"""Which open opportunities match a member firm, and how well.

A firm's preferences (sectors, regions, competence areas) are its own choice on this board;
until its representatives save them, they default to the firm's own region and the sector its
kind of business suggests. An opportunity scores one point for a shared sector, one for a
shared region (an opportunity open to every region counts as shared) and one for a shared
competence area (areas compared by code, so that a new version of a framework still matches);
it matches with at least ``MIN_SCORE`` points. The score is computed in the database, in one
query, whatever the number of opportunities, after one query for the firm's preference."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.utils import timezone

from muhandis.accounts.models import Organisation, OrganisationKind
from muhandis.competencies.models import Area
from muhandis.needs.models import Sector

from ..models import (
    DigestEntry,
    MatchingPreference,
    Opportunity,
    OpportunitySector,
    PreferenceSector,
    Status,
)

MIN_SCORE = 2
# The tables that join opportunities to their regions and areas.
REGION_ROWS: Any = Opportunity.regions.through
AREA_ROWS: Any = Opportunity.areas.through
PREFERENCE_REGIONS: Any = MatchingPreference.regions.through
PREFERENCE_AREAS: Any = MatchingPreference.areas.through

# The sector a firm's kind of business suggests, until its representatives choose.
SECTOR_OF_KIND = {
    OrganisationKind.CONTRACTOR: [Sector.CONSTRUCTION],
    OrganisationKind.UTILITY: [Sector.WATER],
    OrganisationKind.ENGINEERING_FIRM: [Sector.DESIGN, Sector.CONSTRUCTION],
    OrganisationKind.UNIVERSITY: [Sector.EDUCATION],
    OrganisationKind.GOVERNMENT: [Sector.PUBLIC],
}


@dataclass
class Preferences:
    organisation: Organisation
    sectors: list[str] = field(default_factory=list)
    region_ids: list[int] = field(default_factory=list)
    area_ids: list[int] = field(default_factory=list)
    area_codes: list[str] = field(default_factory=list)
    saved: bool = False

    @property
    def sector_labels(self) -> list[str]:
        names = dict(Sector.choices)
        return [str(names.get(s, s)) for s in self.sectors]


def preferences_of(organisation: Organisation) -> Preferences:
    """The firm's saved preferences, or the defaults (its region, its kind's sector)."""
    saved = (
        MatchingPreference.objects.filter(organisation=organisation)
        .prefetch_related("sector_rows", "regions", "areas")
        .first()
    )
    if saved is None:
        return preferences_of_unsaved(organisation)
    return Preferences(
        organisation=organisation,
        sectors=[row.sector for row in saved.sector_rows.all()],
        region_ids=[region.pk for region in saved.regions.all()],
        area_ids=[area.pk for area in saved.areas.all()],
        area_codes=sorted({area.code for area in saved.areas.all()}),
        saved=True,
    )


def preferences_of_unsaved(organisation: Organisation) -> Preferences:
    """The defaults: the firm's own region and the sector its kind of business suggests."""
    return Preferences(
        organisation=organisation,
        sectors=[str(s) for s in SECTOR_OF_KIND.get(OrganisationKind(organisation.kind), [])],
        region_ids=[organisation.region_id],
    )


def _point(condition: Any) -> Combinable:
    return Case(When(condition, then=Value(1)), default=Value(0), output_field=IntegerField())


@dataclass
class Criteria:
    """What the score compares: values, or subqueries over the firm's saved preference (so that
    matching costs two queries whatever the preference holds)."""

    organisation: Organisation
    sectors: Any
    region_ids: Any
    area_codes: Any


def criteria_of(organisation: Organisation) -> Criteria:
    """The firm's saved preference as subqueries, or the defaults (one query)."""
    saved = (
        MatchingPreference.objects.filter(organisation=organisation)
        .values_list("pk", flat=True)
        .first()
    )
    if saved is None:
        defaults = preferences_of_unsaved(organisation)
        return Criteria(organisation, defaults.sectors or ["-"], defaults.region_ids or [0], ["-"])
    return Criteria(
        organisation,
        sectors=PreferenceSector.objects.filter(preference_id=saved).values("sector"),
        region_ids=PREFERENCE_REGIONS.objects.filter(matchingpreference_id=saved).values(
            "region_id"
        ),
        area_codes=Area.objects.filter(
            pk__in=PREFERENCE_AREAS.objects.filter(matchingpreference_id=saved).values("area_id")
        ).values("code"),
    )


def scored(criteria: Criteria) -> QuerySet[Opportunity]:
    """Open opportunities not posted by the firm itself, each with ``score`` and the flags
    ``by_sector``, ``by_region`` and ``by_area``, best first, those below ``MIN_SCORE`` left
    out."""
    found = Opportunity.objects.filter(
        status=Status.OPEN, deadline__gte=timezone.localdate()
    ).exclude(organisation=criteria.organisation)
    sector = Q(
        Exists(
            OpportunitySector.objects.filter(
                opportunity=OuterRef("pk"), sector__in=criteria.sectors
            )
        )
    )
    region_rows = REGION_ROWS.objects.filter(opportunity_id=OuterRef("pk"))
    region = ~Q(Exists(region_rows)) | Q(
        Exists(region_rows.filter(region_id__in=criteria.region_ids))
    )
    area = Q(
        Exists(
            AREA_ROWS.objects.filter(
                opportunity_id=OuterRef("pk"), area__code__in=criteria.area_codes
            )
        )
    )
    return (
        found.annotate(by_sector=_point(sector), by_region=_point(region), by_area=_point(area))
        .annotate(score=F("by_sector") + F("by_region") + F("by_area"))
        .filter(score__gte=MIN_SCORE)
        .select_related("organisation")
        .order_by("-score", "deadline", "-id")
    )


def matches_for(organisation: Organisation, *, limit: int | None = None) -> list[Opportunity]:
    """The firm's matches now, best first."""
    found = scored(criteria_of(organisation))
    return list(found[:limit] if limit else found)


def unsent_matches(organisation: Organisation) -> list[Opportunity]:
    """The firm's matches that no digest has carried to it yet."""
    sent = DigestEntry.objects.filter(organisation=organisation, opportunity=OuterRef("pk"))
    return list(scored(criteria_of(organisation)).exclude(Exists(sent)))
