"""Certification schemes in the REST API (public, read-only)."""

import datetime
import uuid
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from . import selectors

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
def list_schemes(request):
    return list(selectors.schemes())


@router.get("/schemes/{public_id}", response=SchemeOut, auth=None, summary="A certification scheme")
def get_scheme(request, public_id: uuid.UUID):
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
