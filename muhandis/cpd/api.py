"""The signed-in person's CPD activities in the REST API (read-only)."""

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from . import selectors

router = Router(tags=["cpd"])


class ActivityOut(Schema):
    id: int
    title: str
    provider: str
    start_date: datetime.date
    end_date: datetime.date | None
    hours: Decimal
    category: str
    competencies: list[str]
    status: str
    evidence_sha256: str
    audit_year: int | None
    review_note: str


@router.get(
    "/cpd/activities",
    response=list[ActivityOut],
    summary="Your CPD activities, newest first",
)
@paginate
def list_activities(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            **{
                name: getattr(a, name)
                for name in ActivityOut.model_fields
                if name != "competencies"
            },
            "competencies": [c.code for c in a.competencies.all()],
        }
        for a in selectors.activities_of(request.user)
    ]
