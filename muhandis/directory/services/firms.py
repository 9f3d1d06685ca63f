"""A firm's directory profile, edited by its current representatives and by staff; a refused
attempt is audited."""

from typing import Any

import phonenumbers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from muhandis.accounts.models import Employment, EmploymentRelation, Organisation, Region, User
from muhandis.accounts.selectors import usable_roles
from muhandis.competencies.models import Area, Framework
from muhandis.core import audit
from muhandis.needs.models import Sector

from ..models import FirmProfile, FirmSector
from ..permissions import STAFF

# The fields a representative or staff member types (texts in each language).
TEXT_FIELDS = (
    "description_uz",
    "description_ru",
    "description_en",
    "services_uz",
    "services_ru",
    "services_en",
    "website",
    "email",
    "phone",
)


class EditRefused(PermissionDenied):
    """The person may not edit this firm's profile; the message says why and who may."""


def _represented(person: User) -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            employments__person=person,
            employments__relation=EmploymentRelation.REPRESENTATIVE,
            employments__end_date__isnull=True,
        ).distinct()
    )


def may_edit(*, person: User, organisation: Organisation) -> bool:
    """Whether ``person`` may edit the firm's profile: staff, or a current representative."""
    if usable_roles(person) & set(STAFF):
        return True
    return Employment.objects.filter(
        person=person,
        organisation=organisation,
        relation=EmploymentRelation.REPRESENTATIVE,
        end_date__isnull=True,
    ).exists()


def check_may_edit(
    *, person: User, organisation: Organisation, request: HttpRequest | None = None
) -> None:
    """Raise ``EditRefused`` (recorded in the audit trail) unless ``person`` may edit."""
    if may_edit(person=person, organisation=organisation):
        return
    theirs = _represented(person)
    audit.record(
        "directory.firm.edit_refused",
        actor=person,
        target=organisation,
        after={"represents": [firm.name for firm in theirs]},
        request=request,
    )
    if theirs:
        raise EditRefused(
            _(
                "You represent %(theirs)s, not %(firm)s: only the representatives of "
                "%(firm)s and the registrar may change its directory profile. Edit your own "
                "firm's profile instead."
            )
            % {"theirs": ", ".join(firm.name for firm in theirs), "firm": organisation.name}
        )
    raise EditRefused(
        _(
            "Only the representatives of %(firm)s and the registrar may change its directory "
            "profile. If you represent the firm, ask the registrar to add you as its "
            "representative."
        )
        % {"firm": organisation.name}
    )


PHONE_COUNTRY_CODES = (998, 7)


def _phone(raw: str) -> str:
    """The number in E.164 form; numbers without a leading + are read as Uzbek ones."""
    refusal = ValidationError(
        {
            "phone": _(
                "This is not a phone number. Write it as +998 71 123 45 67 or +7 701 123 45 67."
            )
        }
    )
    try:
        parsed = phonenumbers.parse(raw.strip(), "UZ")
    except phonenumbers.NumberParseException as exc:
        raise refusal from exc
    if parsed.country_code not in PHONE_COUNTRY_CODES or not phonenumbers.is_valid_number(parsed):
        raise refusal
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def _check(values: dict[str, Any], areas: list[Area], sectors: list[str]) -> None:
    errors: dict[str, list[str]] = {}
    unknown = [s for s in sectors if s not in Sector.values]
    if unknown:
        errors["sectors"] = [_("Choose sectors from the list.")]
    if any(area.framework.status != Framework.Status.PUBLISHED for area in areas):
        errors["areas"] = [_("Choose competence areas of the published framework.")]
    if errors:
        raise ValidationError(errors)


def _snapshot(profile: FirmProfile) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(profile, name) for name in TEXT_FIELDS}
    data["sectors"] = sorted(profile.sectors.values_list("sector", flat=True))
    data["regions_served"] = sorted(profile.regions_served.values_list("code", flat=True))
    data["areas"] = sorted(profile.areas.values_list("code", flat=True))
    return data


def save_firm_profile(
    *,
    actor: User,
    organisation: Organisation,
    values: dict[str, Any],
    sectors: list[str],
    regions_served: list[Region],
    areas: list[Area],
    request: HttpRequest | None = None,
) -> FirmProfile:
    """Create or change the firm's profile; its search key follows the firm's name as it is
    now. Refused (and audited) for anyone but the firm's representatives and staff."""
    check_may_edit(person=actor, organisation=organisation, request=request)
    _check(values, areas, sectors)
    values = dict(values)
    if values.get("phone"):
        values["phone"] = _phone(values["phone"])
    with transaction.atomic():
        profile, created = FirmProfile.objects.select_for_update().get_or_create(
            organisation=organisation
        )
        before = {} if created else _snapshot(profile)
        for name in TEXT_FIELDS:
            if name in values:
                setattr(profile, name, values[name] or "")
        profile.search_key = FirmProfile.search_key_for(organisation)
        profile.updated_by = actor
        profile.full_clean(exclude=["organisation"])
        profile.save()
        profile.sectors.exclude(sector__in=sectors).delete()
        FirmSector.objects.bulk_create(
            [FirmSector(profile=profile, sector=s) for s in sorted(set(sectors))],
            ignore_conflicts=True,
        )
        profile.regions_served.set(regions_served)
        profile.areas.set(areas)
        after = _snapshot(profile)
        changed = {k: v for k, v in before.items() if after.get(k) != v}
        audit.record(
            "directory.firm.profile_saved",
            actor=actor,
            target=organisation,
            before=changed,
            after={k: after[k] for k in changed} if before else after,
            request=request,
        )
    return profile
