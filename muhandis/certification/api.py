"""Certification schemes in the REST API (public, read-only)."""

import datetime
import uuid
from decimal import Decimal
from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from muhandis.core.apitypes import ErrorOut, Line
from muhandis.core.ratelimit import enforce

from . import selectors
from .models import Certificate, PublicStatus, Scheme
from .selectors import verification

router = Router(tags=["certification"])


class SchemeSummary(Schema):
    public_id: uuid.UUID
    code: str
    version: int
    level: str
    title: str
    status: str
    activated_at: datetime.datetime | None


class RequirementOut(Schema):
    competency: str
    level: int


class MethodOut(Schema):
    kind: str
    pass_mark: int | None
    assessors: str


class CpdOut(Schema):
    category: str
    hours: int


class SchemeOut(SchemeSummary):
    scope: str
    framework: uuid.UUID
    education_level: str
    experience_years: int
    required_training: str
    referees_required: int
    validity_years: int
    cpd_hours: int
    cpd_minimums: list[CpdOut]
    code_of_conduct: str
    fee: Decimal
    fee_currency: str
    competencies: list[RequirementOut]
    methods: list[MethodOut]


@router.get("/schemes", response=list[SchemeSummary], auth=None, summary="Certification schemes")
def list_schemes(request: HttpRequest) -> list[Scheme]:
    return list(selectors.schemes())


@router.get("/schemes/{public_id}", response=SchemeOut, auth=None, summary="A certification scheme")
def get_scheme(request: HttpRequest, public_id: uuid.UUID) -> dict[str, Any]:
    scheme = get_object_or_404(
        selectors.scheme_with_details(selectors.schemes()), public_id=public_id
    )
    return {
        **SchemeSummary.from_orm(scheme).dict(),
        **{
            name: getattr(scheme, name)
            for name in (
                "scope",
                "education_level",
                "experience_years",
                "required_training",
                "referees_required",
                "validity_years",
                "cpd_hours",
                "code_of_conduct",
                "fee",
                "fee_currency",
            )
        },
        "framework": scheme.framework.public_id,
        "cpd_minimums": list(scheme.cpd_minimums.all()),
        "competencies": [
            {"competency": c.competency.code, "level": c.level} for c in scheme.competencies.all()
        ],
        "methods": list(scheme.methods.all()),
    }


class VerificationOut(Schema):
    number: str
    status: PublicStatus = Field(..., description="The status the register shows")
    holder_name_latin: str
    holder_name_cyrillic: str
    scheme: str
    scheme_code: str
    scheme_version: int
    scope: str
    limitation: str
    valid_from: datetime.date
    valid_until: datetime.date
    status_since: datetime.datetime | None


@router.get(
    "/verify/{number}",
    response={200: VerificationOut, 404: ErrorOut, 429: ErrorOut},
    auth=None,
    summary="Verify a certificate by its number",
)
def verify_certificate(request: HttpRequest, number: Line) -> dict[str, Any] | Status:
    from django.utils import timezone

    enforce(request, "verify")
    found = verification.verify(number)
    if found.certificate is None:
        return Status(404, {"error": {"code": found.problem_code, "message": found.problem}})
    certificate = found.certificate
    return {
        "number": certificate.number,
        "status": certificate.public_status(timezone.localdate()),
        "holder_name_latin": certificate.holder_name_latin,
        "holder_name_cyrillic": certificate.holder_name_cyrillic,
        "scheme": certificate.scheme.title,
        "scheme_code": certificate.scheme.code,
        "scheme_version": certificate.scheme.version,
        "scope": certificate.scheme.scope,
        "limitation": certificate.limitation,
        "valid_from": certificate.effective_date,
        "valid_until": certificate.expiry_date,
        "status_since": certificate.status_changed_at,
    }


class RegisterFilter(Schema):
    q: Line = Field("", max_length=100, description="A name in Latin or Cyrillic, or a number")
    scheme: Line = Field("", max_length=50)
    region: Line = Field("", max_length=6)
    status: PublicStatus | Literal[""] = Field("", description="Empty: any status")


class RegisterEntryOut(Schema):
    """Always present: number, names, scheme and status. The other fields appear only when
    the certificate's scheme makes them public; email and phone only when the holder chose
    to show them."""

    number: str
    holder_name_latin: str
    holder_name_cyrillic: str
    scheme: str
    scheme_code: str
    scheme_version: int
    status: PublicStatus = Field(..., description="The status the register shows")
    region: str | None = Field(None, description="Region code")
    region_name: str | None = None
    scope: str | None = None
    limitation: str | None = None
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    employer: str | None = None
    email: str | None = None
    phone: str | None = None


@router.get(
    "/register",
    response={200: list[RegisterEntryOut], 429: ErrorOut},
    auth=None,
    exclude_none=True,
    summary="Search the public register of certified engineers",
)
@paginate
def search_register(request: HttpRequest, filters: Query[RegisterFilter]) -> "_RegisterRows":
    from django.utils import timezone

    enforce(request, "register")
    from . import register

    today = timezone.localdate()
    found = register.search(
        query=filters.q, scheme=filters.scheme, region=filters.region, status=filters.status
    )
    return _RegisterRows(found, today)


class _RegisterRows:
    """A lazy sequence for the paginator: rows are built only for the page returned."""

    def __init__(self, queryset: QuerySet[Certificate], today: datetime.date) -> None:
        self.queryset, self.today = queryset, today

    def __len__(self) -> int:
        return self.queryset.count()

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        from . import register

        if isinstance(index, slice):
            return [register.public_row(c, self.today) for c in self.queryset[index]]
        return register.public_row(self.queryset[index], self.today)
