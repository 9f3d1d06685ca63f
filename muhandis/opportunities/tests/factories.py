"""Member firms with representatives, staff and opportunities, for the board's tests."""

import datetime

from django.utils import timezone

from muhandis.accounts.models import Employment, Region
from muhandis.accounts.roles import Role
from muhandis.accounts.tests.factories import OrganisationFactory, UserFactory, make_person
from muhandis.membership.models import Membership, MembershipType, Status
from muhandis.opportunities.models import Opportunity, OpportunitySector, Source


def member_type(*, opportunities: bool = True) -> MembershipType:
    code = "firm-posting" if opportunities else "firm-plain"
    found, _ = MembershipType.objects.get_or_create(
        code=code,
        defaults={
            "name_uz": code,
            "name_en": code,
            "kind": "firm",
            "size_band": "small",
            "opportunities": opportunities,
        },
    )
    return found


def member_firm(
    *,
    status: str = Status.CURRENT,
    opportunities: bool = True,
    region: str = "UZ-TK",
    kind: str = "contractor",
    language: str = "en",
    **fields,
):
    """A firm with a membership in ``status`` and one representative; (firm, representative)."""
    firm = OrganisationFactory(region=Region.objects.get(code=region), kind=kind, **fields)
    person = make_person(Role.EMPLOYER, preferred_language=language)
    Employment.objects.create(person=person, organisation=firm, relation="representative")
    Membership.objects.create(
        type=member_type(opportunities=opportunities),
        organisation=firm,
        status=status,
        currency="UZS",
        start_date=timezone.localdate(),
        end_date=timezone.localdate() + datetime.timedelta(days=300),
    )
    return firm, person


def moderator():
    return make_person(Role.MODERATOR, two_factor=True, preferred_language="en")


def opportunity(
    *,
    title: str = "Repair of water mains",
    kind: str = "tender",
    sectors: tuple[str, ...] = ("water",),
    regions: tuple[str, ...] = ("UZ-TK",),
    areas=(),
    organisation=None,
    deadline: datetime.date | None = None,
    status: str = "open",
    source: str = Source.POSTED,
    reference: str = "",
    created_at=None,
    **fields,
) -> Opportunity:
    from muhandis.core.transliteration import search_key

    found = Opportunity.objects.create(
        kind=kind,
        title_en=title,
        organisation=organisation,
        deadline=deadline or timezone.localdate() + datetime.timedelta(days=30),
        status=status,
        source=source,
        source_reference=reference,
        search_key=search_key(title),
        **fields,
    )
    OpportunitySector.objects.bulk_create(
        [OpportunitySector(opportunity=found, sector=s) for s in sectors]
    )
    found.regions.set(Region.objects.filter(code__in=regions))
    found.areas.set(list(areas))
    return found


def stranger():
    return UserFactory(preferred_language="en")
