"""Organisations and the people linked to them (employees, employers)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.core import audit

from .. import selectors
from ..models import (
    Employment,
    EmploymentRelation,
    Organisation,
    Region,
    User,
)
from ..roles import Role
from ..validators import validate_tax_number


def create_organisation(
    *,
    actor: User,
    name: str,
    kind: str,
    country: str,
    tax_number: str,
    region: Region,
    size_band: str,
    link_as: str | None = EmploymentRelation.EMPLOYEE,
    request: HttpRequest | None = None,
) -> Organisation:
    tax_number = tax_number.strip()
    try:
        validate_tax_number(country, tax_number)
    except ValidationError as exc:
        raise ValidationError({"tax_number": exc.messages}) from exc
    if region.country != country:
        raise ValidationError({"region": _("This region is not in the chosen country.")})
    organisation = Organisation(
        name=name.strip(),
        kind=kind,
        country=country,
        tax_number=tax_number,
        region=region,
        size_band=size_band,
        created_by=actor,
    )
    organisation.full_clean(exclude=["created_by"], validate_unique=False)
    try:
        with transaction.atomic():
            organisation.save()
            audit.record(
                "accounts.organisation.created",
                actor=actor,
                target=organisation,
                after={"name": organisation.name, "tax_number": tax_number},
                request=request,
            )
            if link_as:
                link_person(
                    person=actor,
                    organisation=organisation,
                    relation=link_as,
                    actor=actor,
                    request=request,
                )
    except IntegrityError as exc:
        raise ValidationError(
            {"tax_number": _("An organisation with this tax number is already registered.")}
        ) from exc
    return organisation


def link_person(
    *,
    person: User,
    organisation: Organisation,
    relation: str,
    actor: User,
    position: str = "",
    start_date: datetime.date | None = None,
    request: HttpRequest | None = None,
) -> Employment:
    if relation == EmploymentRelation.REPRESENTATIVE and person == actor:
        admin_roles = {Role.ADMIN, Role.REGISTRAR}
        created_it = organisation.created_by_id == actor.pk
        if not created_it and not (selectors.usable_roles(actor) & admin_roles):
            raise PermissionDenied(
                _(
                    "Only staff can make you the representative of an organisation "
                    "you did not register."
                )
            )
    if Employment.objects.filter(
        person=person, organisation=organisation, relation=relation, end_date__isnull=True
    ).exists():
        raise ValidationError(_("This link already exists."))
    with transaction.atomic():
        employment = Employment.objects.create(
            person=person,
            organisation=organisation,
            relation=relation,
            position=position,
            start_date=start_date,
        )
        audit.record(
            "accounts.employment.linked",
            actor=actor,
            target=person,
            after={"organisation": organisation.pk, "relation": relation},
            request=request,
        )
    return employment


def end_employment(
    *, employment: Employment, actor: User, request: HttpRequest | None = None
) -> Employment:
    if employment.person_id != actor.pk and Role.REGISTRAR not in selectors.usable_roles(actor):
        raise PermissionDenied(_("You can only change your own employment."))
    with transaction.atomic():
        employment.end_date = timezone.localdate()
        employment.save(update_fields=["end_date"])
        audit.record(
            "accounts.employment.ended",
            actor=actor,
            target=employment.person,
            after={"organisation": employment.organisation_id, "relation": employment.relation},
            request=request,
        )
    return employment
