"""A member firm's matching preferences: what it looks for on the board."""

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import Organisation, Region, User
from muhandis.competencies.models import Area
from muhandis.core import audit
from muhandis.needs.models import Sector

from ..models import MatchingPreference, PreferenceSector
from ..selectors import posting
from .opportunities import OpportunityError


def save_preferences(
    *,
    actor: User,
    organisation: Organisation,
    sectors: list[str],
    regions: list[Region],
    areas: list[Area],
    request: HttpRequest | None = None,
) -> MatchingPreference:
    """A representative of a member firm in good standing says what the firm looks for."""
    if organisation.pk not in {firm.pk for firm in posting.member_firms(actor)}:
        raise OpportunityError(
            _(
                "Only a representative of %(firm)s, while its membership is in good standing, "
                "may choose what it looks for."
            )
            % {"firm": organisation.name}
        )
    if any(sector not in Sector.values for sector in sectors):
        raise OpportunityError(_("Choose the sectors from the list."))
    if not sectors and not regions and not areas:
        raise OpportunityError(_("Choose at least one sector, region or competence area."))
    with transaction.atomic():
        preference, _created = MatchingPreference.objects.get_or_create(organisation=organisation)
        before = {
            "sectors": sorted(preference.sector_rows.values_list("sector", flat=True)),
            "regions": sorted(preference.regions.values_list("code", flat=True)),
            "areas": sorted(preference.areas.values_list("code", flat=True)),
        }
        preference.sector_rows.all().delete()
        PreferenceSector.objects.bulk_create(
            [PreferenceSector(preference=preference, sector=s) for s in sorted(set(sectors))]
        )
        preference.regions.set(regions)
        preference.areas.set(areas)
        preference.updated_by = actor
        preference.save(update_fields=["updated_by", "updated_at"])
        audit.record(
            "opportunities.preferences.saved",
            actor=actor,
            target=organisation,
            before=before,
            after={
                "sectors": sorted(set(sectors)),
                "regions": sorted(r.code for r in regions),
                "areas": sorted(a.code for a in areas),
            },
            request=request,
        )
    return preference
