"""The accounts part of the REST API: the signed-in person, regions, organisations, tokens,
roles and the audit trail."""

import datetime
import uuid
from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from muhandis.core.apitypes import Line, RowId, Text
from muhandis.core.models import AuditEntry

from . import selectors, services
from .models import ApiToken, Organisation, Region, RoleAssignment, User
from .permissions import require_roles
from .roles import Role
from .validators import normalize_phone

router = Router(tags=["accounts"])

GenderValue = Literal["female", "male", "undisclosed", ""]


class RegionOut(Schema):
    code: str
    country: str
    name: str


class ProfileOut(Schema):
    public_id: uuid.UUID
    email: str
    given_name: str
    family_name: str
    patronymic: str
    name_latin: str
    name_cyrillic: str
    gender: str
    date_of_birth: datetime.date | None
    pinfl: str
    phone: str
    region: str | None
    employer_name: str
    education_level: str
    education_institution: str
    education_field: str
    graduation_year: int | None
    preferred_language: str
    roles: list[str]


class ProfileIn(Schema):
    given_name: Line | None = Field(None, max_length=100)
    family_name: Line | None = Field(None, max_length=100)
    patronymic: Line | None = Field(None, max_length=100)
    name_latin: Line | None = Field(None, max_length=200)
    name_cyrillic: Line | None = Field(None, max_length=200)
    gender: GenderValue | None = None
    date_of_birth: datetime.date | None = None
    pinfl: Line | None = Field(None, max_length=20)
    phone: Line | None = Field(None, max_length=30)
    region: Line | None = Field(None, max_length=6, description="ISO 3166-2 code, e.g. UZ-TK")
    employer_name: Line | None = Field(None, max_length=200)
    education_level: Line | None = Field(None, max_length=30)
    education_institution: Line | None = Field(None, max_length=200)
    education_field: Line | None = Field(None, max_length=200)
    graduation_year: int | None = Field(None, ge=1940, le=2100)
    preferred_language: Literal["uz", "ru", "en"] | None = None


class OrganisationOut(Schema):
    public_id: uuid.UUID
    name: str
    kind: str
    country: str
    tax_number: str
    region: str = Field(..., alias="region.code")
    size_band: str


class OrganisationIn(Schema):
    name: Line = Field(..., min_length=1, max_length=200)
    kind: Literal["engineering_firm", "contractor", "utility", "university", "government", "other"]
    country: Literal["UZ", "KZ"]
    tax_number: Line = Field(..., max_length=20)
    region: Line = Field(..., max_length=6)
    size_band: Literal["micro", "small", "medium", "large"]
    link_as: Literal["employee", "representative"] | None = None


class OrganisationFilter(Schema):
    q: Line = Field("", max_length=100)
    country: Literal["UZ", "KZ", ""] = ""


class TokenOut(Schema):
    id: int
    name: str
    scope: str
    created_at: datetime.datetime
    last_used_at: datetime.datetime | None
    revoked_at: datetime.datetime | None


class TokenIn(Schema):
    name: Line = Field(..., min_length=1, max_length=100)
    scope: Literal["read", "write"]


class TokenCreated(TokenOut):
    token: str


class RoleChangeIn(Schema):
    role: Role
    reason: Text = Field(..., min_length=1, max_length=2000)


class RoleAssignmentOut(Schema):
    role: str
    granted_at: datetime.datetime
    revoked_at: datetime.datetime | None


class AuditFilter(Schema):
    person: Line = Field("", max_length=100)
    action: Line = Field("", max_length=100)
    target_type: Line = Field("", max_length=100)
    target_id: Line = Field("", max_length=64)
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


class AuditOut(Schema):
    sequence: int
    occurred_at: datetime.datetime
    actor: uuid.UUID | None = Field(None, alias="actor.public_id")
    action: str
    target_type: str
    target_id: str
    target_label: str
    before: dict | None
    after: dict | None
    reason: str


def _profile(user: User) -> dict:
    data = {name: getattr(user, name) for name in services.PROFILE_FIELDS if name != "region"}
    data.update(
        public_id=user.public_id,
        email=user.email,
        region=user.region.code if user.region is not None else None,
        roles=sorted(selectors.roles_of(user)),
    )
    return data


@router.get(
    "/regions", response=list[RegionOut], auth=None, summary="Regions of Uzbekistan and Kazakhstan"
)
def list_regions(request: HttpRequest) -> list[Region]:
    return list(selectors.regions())


@router.get("/me", response=ProfileOut, summary="The signed-in person's profile")
def get_me(request: HttpRequest) -> dict:
    return _profile(request.user)


@router.patch("/me", response=ProfileOut, summary="Change the signed-in person's profile")
def update_me(request: HttpRequest, payload: ProfileIn) -> dict:
    from django.core.exceptions import ValidationError

    changes = payload.dict(exclude_unset=True)
    if "region" in changes:
        code = changes.pop("region")
        region = Region.objects.filter(code=code).first() if code else None
        if code and region is None:
            raise ValidationError({"region": [translation.gettext("Unknown region code.")]})
        changes["region"] = region
    if changes.get("phone"):
        try:
            changes["phone"] = normalize_phone(changes["phone"])
        except ValidationError as exc:
            raise ValidationError({"phone": exc.messages}) from exc
    changes = {
        k: ("" if v is None and k not in {"date_of_birth", "graduation_year", "region"} else v)
        for k, v in changes.items()
    }
    services.update_profile(
        person=request.user, changes=changes, actor=request.user, request=request
    )
    return _profile(request.user)


@router.get("/me/export", summary="Everything held about the signed-in person")
def export_me(request: HttpRequest) -> dict:
    return services.export_personal_data(person=request.user, request=request)


@router.get("/organisations", response=list[OrganisationOut], summary="Search organisations")
@paginate
def list_organisations(
    request: HttpRequest, filters: Query[OrganisationFilter]
) -> QuerySet[Organisation]:
    return selectors.search_organisations(query=filters.q, country=filters.country)


@router.get("/organisations/{public_id}", response=OrganisationOut)
def get_organisation(request: HttpRequest, public_id: uuid.UUID) -> Organisation:
    return get_object_or_404(Organisation.objects.select_related("region"), public_id=public_id)


@router.post("/organisations", response={201: OrganisationOut}, summary="Register an organisation")
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status:
    from django.core.exceptions import ValidationError

    region = Region.objects.filter(code=payload.region).first()
    if region is None:
        raise ValidationError({"region": [translation.gettext("Unknown region code.")]})
    organisation = services.create_organisation(
        actor=request.user,
        name=payload.name,
        kind=payload.kind,
        country=payload.country,
        tax_number=payload.tax_number,
        region=region,
        size_band=payload.size_band,
        link_as=payload.link_as,
        request=request,
    )
    return Status(201, organisation)


@router.get("/tokens", response=list[TokenOut], summary="Your personal access tokens")
def list_tokens(request: HttpRequest) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=request.user))


@router.post("/tokens", response={201: TokenCreated}, summary="Create a personal access token")
def create_token(request: HttpRequest, payload: TokenIn) -> Status:
    token, plain = services.create_api_token(
        user=request.user, name=payload.name, scope=payload.scope, request=request
    )
    return Status(201, {**TokenOut.from_orm(token).dict(), "token": plain})


@router.delete("/tokens/{token_id}", response={204: None}, summary="Revoke a token")
def revoke_token(request: HttpRequest, token_id: RowId) -> Status:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.revoke_api_token(token=token, actor=request.user, request=request)
    return Status(204, None)


@router.get(
    "/people/{public_id}/roles", response=list[RoleAssignmentOut], summary="A person's roles"
)
def list_roles(request: HttpRequest, public_id: uuid.UUID) -> list[RoleAssignment]:
    require_roles(request.user, (Role.ADMIN,))
    person = get_object_or_404(User, public_id=public_id)
    return list(selectors.role_assignments(person))


@router.post("/people/{public_id}/roles", response={201: RoleAssignmentOut}, summary="Grant a role")
def grant_role(request: HttpRequest, public_id: uuid.UUID, payload: RoleChangeIn) -> Status:
    require_roles(request.user, (Role.ADMIN,))
    person = get_object_or_404(User, public_id=public_id, anonymised_at__isnull=True)
    assignment = services.grant_role(
        user=person, role=payload.role, actor=request.user, reason=payload.reason, request=request
    )
    return Status(201, assignment)


@router.post(
    "/people/{public_id}/roles/revoke", response=RoleAssignmentOut, summary="Take a role away"
)
def revoke_role(
    request: HttpRequest, public_id: uuid.UUID, payload: RoleChangeIn
) -> RoleAssignment:
    require_roles(request.user, (Role.ADMIN,))
    person = get_object_or_404(User, public_id=public_id, anonymised_at__isnull=True)
    return services.revoke_role(
        user=person, role=payload.role, actor=request.user, reason=payload.reason, request=request
    )


@router.get("/audit", response=list[AuditOut], summary="Search the audit trail")
@paginate
def list_audit(request: HttpRequest, filters: Query[AuditFilter]) -> QuerySet[AuditEntry]:
    require_roles(request.user, (Role.REGISTRAR, Role.ADMIN))
    return selectors.search_audit(
        actor_query=filters.person,
        action=filters.action,
        target_type=filters.target_type,
        target_id=filters.target_id,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
