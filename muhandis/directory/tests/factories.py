"""Member firms with profiles, listed engineers and certificates, for the directory's tests."""

import datetime
import itertools

from django.utils import timezone

from muhandis.accounts.models import Employment, Region
from muhandis.accounts.tests.factories import OrganisationFactory, UserFactory
from muhandis.certification.models import Certificate, Scheme
from muhandis.competencies.models import Area, Framework
from muhandis.directory.models import EngineerListing, FirmProfile, FirmSector, ListingLanguage
from muhandis.membership.models import Membership, MembershipFee, MembershipType

_numbers = itertools.count(1)


def published_area(code: str = "") -> Area:
    framework = Framework.objects.filter(status=Framework.Status.PUBLISHED).first()
    assert framework is not None  # the default framework is published by a migration
    found = framework.areas.order_by("sort_order", "code")
    return found.get(code=code) if code else found.first()  # type: ignore[return-value]


def region(code: str = "UZ-TK") -> Region:
    return Region.objects.get(code=code)


def firm_type(code: str = "firm-small", *, listing: bool = True, size_band: str = "small"):
    found = MembershipType.objects.filter(code=code).first()
    if found is not None:
        return found
    kind = MembershipType.objects.create(
        code=code,
        name_uz=code,
        name_en=code,
        kind="firm",
        size_band=size_band,
        directory_listing=listing,
    )
    MembershipFee.objects.create(type=kind, currency="UZS", amount=1000)
    return kind


def member_firm(
    name: str = "",
    *,
    status: str = "current",
    listing: bool = True,
    profile: bool = True,
    sectors: tuple[str, ...] = ("construction",),
    size_band: str = "small",
    region_code: str = "UZ-TK",
    representative=None,
    **profile_fields,
):
    """A firm, its membership (``status``; of a type with or without the listing), its
    representative and, unless ``profile`` is False, its directory profile."""
    firm = OrganisationFactory(
        size_band=size_band, region=region(region_code), **({"name": name} if name else {})
    )
    kind = firm_type(
        f"firm-{size_band}-{'listed' if listing else 'unlisted'}",
        listing=listing,
        size_band=size_band,
    )
    Membership.objects.create(type=kind, organisation=firm, status=status, currency="UZS")
    representative = representative or UserFactory()
    Employment.objects.create(person=representative, organisation=firm, relation="representative")
    firm.representative = representative
    if profile:
        made = FirmProfile.objects.create(
            organisation=firm, search_key=FirmProfile.search_key_for(firm), **profile_fields
        )
        FirmSector.objects.bulk_create(FirmSector(profile=made, sector=s) for s in sectors)
    return firm


def listed_engineer(
    *,
    languages: tuple[str, ...] = ("uz",),
    listed: bool = True,
    mentoring: bool = False,
    region_code: str = "UZ-TK",
    areas: tuple[Area, ...] = (),
    **person_fields,
) -> EngineerListing:
    person = UserFactory(**person_fields)
    listing = EngineerListing.objects.create(
        person=person,
        is_listed=listed,
        region=region(region_code),
        open_to_mentoring=mentoring,
        search_key=EngineerListing.search_key_for(person),
    )
    ListingLanguage.objects.bulk_create(
        ListingLanguage(listing=listing, language=code) for code in languages
    )
    listing.areas.set(areas)
    return listing


def scheme() -> Scheme:
    framework = Framework.objects.filter(status=Framework.Status.PUBLISHED).first()
    found, _ = Scheme.objects.get_or_create(
        code="CE-TEST",
        defaults={
            "title_uz": "Suv muhandisi",
            "title_en": "Certified water engineer",
            "scope_uz": "Suv taʼminoti",
            "framework": framework,
            "code_of_conduct_uz": "Halol boʻling.",
            "status": "active",
        },
    )
    return found


def certificate(holder, *, status: str = "valid", expired: bool = False) -> Certificate:
    today = timezone.localdate()
    n = next(_numbers)
    return Certificate.objects.create(
        number=f"T-{n:06d}",
        holder=holder,
        scheme=scheme(),
        source="import",
        holder_name_latin=holder.display_name,
        holder_name_cyrillic="",
        search_name=holder.display_name.lower(),
        status=status,
        effective_date=today - datetime.timedelta(days=400),
        expiry_date=today + datetime.timedelta(days=-1 if expired else 365),
    )
