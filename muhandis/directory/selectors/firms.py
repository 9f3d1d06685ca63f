"""One firm as the directory shows it, and what its representatives and staff edit."""

import uuid
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from muhandis.accounts.models import Organisation, Region, User
from muhandis.certification.models import Certificate
from muhandis.competencies.models import Area

from ..models import EngineerListing, FirmProfile
from .search import listed_firms, listed_membership, valid_certificates


@dataclass(frozen=True)
class FirmPage:
    profile: FirmProfile
    organisation: Organisation
    certificates: list[Certificate]


def firm_page(public_id: uuid.UUID) -> FirmPage | None:
    """The page of a listed firm (None when it is not shown): its profile, and the valid
    certificates of the people who work there now."""
    profile = (
        listed_firms()
        .filter(organisation__public_id=public_id)
        .select_related("organisation__region")
        .prefetch_related(
            "sectors",
            Prefetch("regions_served", queryset=Region.objects.order_by("sort_order", "code")),
            Prefetch("areas", queryset=Area.objects.order_by("code")),
        )
        .first()
    )
    if profile is None:
        return None
    return FirmPage(profile, profile.organisation, staff_certificates(profile.organisation))


def staff_certificates(organisation: Organisation) -> list[Certificate]:
    """Valid certificates of the firm's current staff, by holder's name."""
    return list(
        valid_certificates(timezone.localdate())
        .filter(
            holder__employments__organisation=organisation,
            holder__employments__end_date__isnull=True,
        )
        .select_related("scheme")
        .distinct()
        .order_by("holder_name_latin", "number")
    )


def organisation_by_public_id(public_id: uuid.UUID) -> Organisation | None:
    return Organisation.objects.select_related("region").filter(public_id=public_id).first()


def profile_of(organisation: Organisation) -> FirmProfile | None:
    return (
        FirmProfile.objects.filter(organisation=organisation)
        .prefetch_related("sectors", "regions_served", "areas")
        .first()
    )


def is_listed(organisation: Organisation) -> bool:
    """Whether the firm's membership puts it in the directory."""
    return listed_membership().filter(organisation=organisation).exists()


def listing_of(person: User) -> EngineerListing | None:
    return (
        EngineerListing.objects.filter(person=person).prefetch_related("languages", "areas").first()
    )


def firms_represented(person: User) -> QuerySet[Organisation]:
    """The firms ``person`` represents now (their links to edit the profile)."""
    return Organisation.objects.filter(
        employments__person=person,
        employments__relation="representative",
        employments__end_date__isnull=True,
    ).distinct()
