"""Needs assessment in the REST API: the published headline findings (public)."""

import datetime

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from muhandis.core.apitypes import ErrorOut, Line

from .models import Survey
from .selectors import plans as selectors

router = Router(tags=["needs"])


class FindingOut(Schema):
    rank: int = Field(description="1 is the competency the industry needs most")
    competency: str = Field(description="The competency's code in its framework")
    title: str
    area: str = Field(description="The code of the competency's area")
    area_title: str
    mwds: float = Field(description="Borich mean weighted discrepancy score")
    share_below: float = Field(description="Share of respondents below the level the work needs")


class FindingsOut(Schema):
    survey: str = Field(description="The survey's code")
    title: str
    respondents: int
    published_at: datetime.datetime
    findings: list[FindingOut]


def _findings(survey: Survey | None) -> dict:
    if survey is None:
        raise Http404(_("No findings of a needs survey are published."))
    return {
        "survey": survey.code,
        "title": survey.title,
        "respondents": survey.respondent_count,
        "published_at": survey.findings_published_at,
        "findings": [
            {
                "rank": finding.rank,
                "competency": finding.competency.code,
                "title": finding.competency.title,
                "area": finding.competency.area.code,
                "area_title": finding.competency.area.title,
                "mwds": round(finding.mwds, 3),
                "share_below": round(finding.share_below, 3),
            }
            for finding in survey.headline_findings
        ],
    }


@router.get(
    "/needs/findings",
    response={200: FindingsOut, 404: ErrorOut},
    auth=None,
    summary="The latest published headline findings: what the industry needs most",
)
def latest_findings(request: HttpRequest) -> dict:
    return _findings(selectors.latest_findings())


@router.get(
    "/needs/findings/{code}",
    response={200: FindingsOut, 404: ErrorOut},
    auth=None,
    summary="A needs survey's published headline findings",
)
def survey_findings(request: HttpRequest, code: Line) -> dict:
    return _findings(selectors.published_findings(code[:50]))
