"""Competency frameworks in the REST API: read them (public), import Moodle CSV (staff)."""

import datetime
import uuid

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from muhandis.accounts.permissions import require_roles
from muhandis.accounts.roles import Role
from muhandis.core.apitypes import ErrorOut, Line

from . import moodle_csv, selectors, services
from .forms import MAX_UPLOAD
from .models import Framework

router = Router(tags=["competencies"])


class FrameworkSummary(Schema):
    public_id: uuid.UUID
    code: str
    version: int
    title: str
    status: str
    published_at: datetime.datetime | None


class CompetencyOut(Schema):
    code: str
    title: str
    description: str
    parent: str = Field(description="The code of the competency above, or the area's code")
    depth: int = Field(description="1 directly under the area, 2 under such a competency, …")


class FrameworkAreaOut(Schema):
    code: str
    title: str
    description: str
    competencies: list[CompetencyOut]


class LevelOut(Schema):
    value: int
    name: str
    description: str


class RoleProfileOut(Schema):
    code: str
    title: str
    required_levels: dict[str, int]


class FrameworkOut(FrameworkSummary):
    description: str
    levels: list[LevelOut]
    areas: list[FrameworkAreaOut]
    profiles: list[RoleProfileOut]


class ImportOut(Schema):
    framework: FrameworkSummary
    notices: list[str]


class ImportPreviewOut(Schema):
    code: str
    title: str
    levels: int = Field(description="Levels under the framework, areas included")
    competencies: int = Field(description="Competencies under the areas, at every depth")
    areas: list[FrameworkAreaOut]
    notices: list[str]


def _visible(request: HttpRequest) -> QuerySet[Framework]:
    frameworks = selectors.frameworks()
    if not (request.user.is_authenticated and request.user.is_staff):
        frameworks = frameworks.exclude(status=Framework.Status.DRAFT)
    return frameworks


@router.get(
    "/frameworks", response=list[FrameworkSummary], auth=None, summary="Competency frameworks"
)
def list_frameworks(request: HttpRequest) -> list[Framework]:
    return list(_visible(request))


@router.post(
    "/frameworks/import",
    response={200: ImportPreviewOut, 201: ImportOut, 422: ErrorOut},
    summary="Import a framework from Moodle's competency-framework CSV (creates a draft); "
    "with dry_run, only show the tree it would make",
)
def import_framework(
    request: HttpRequest,
    file: File[UploadedFile],
    language: Form[Line] = "uz",
    dry_run: Form[bool] = False,
) -> Status:
    require_roles(request.user, (Role.REGISTRAR, Role.TRAINING_MANAGER, Role.ADMIN))
    if language not in services.LANGUAGE_FIELDS:
        language = "uz"
    if (file.size or 0) > MAX_UPLOAD:
        problems = [
            moodle_csv.ImportProblem(0, "", translation.gettext("The file is larger than 2 MB."))
        ]
    else:
        try:
            if dry_run:
                return Status(200, _preview(moodle_csv.parse(file.read(), language=language)))
            framework, notices = services.import_moodle_csv(
                content=file.read(), language=language, actor=request.user, request=request
            )
        except moodle_csv.ImportRefused as refused:
            problems = refused.problems
        else:
            return Status(201, {"framework": framework, "notices": notices})
    return Status(
        422,
        {
            "error": {
                "code": "import_refused",
                "message": translation.gettext("Nothing was imported; correct these problems."),
                "problems": [
                    {"row": p.row, "column": p.column, "message": str(p)} for p in problems
                ],
            }
        },
    )


def _preview(parsed: moodle_csv.ParsedFramework) -> dict:
    """The tree a file would make, as the framework itself is shown."""
    areas = []
    for area in parsed.areas:
        below = [
            {
                "code": node.code,
                "title": node.label,
                "description": node.shown_description,
                "parent": node.parent,
                "depth": node.depth,
            }
            for node in area.below()
        ]
        areas.append(
            {
                "code": area.code,
                "title": area.label,
                "description": area.shown_description,
                "competencies": below,
            }
        )
    return {
        "code": parsed.code,
        "title": parsed.label,
        "levels": parsed.depth,
        "competencies": parsed.size,
        "areas": areas,
        "notices": parsed.notices,
    }


@router.get(
    "/frameworks/{public_id}",
    response=FrameworkOut,
    auth=None,
    summary="A framework with its levels, areas, competencies (nested to any depth, listed "
    "parents first) and role profiles",
)
def get_framework(request: HttpRequest, public_id: uuid.UUID) -> dict:
    framework = get_object_or_404(_visible(request), public_id=public_id)
    areas = [
        {
            "code": tree.area.code,
            "title": tree.area.title,
            "description": tree.area.description,
            "competencies": [
                {
                    "code": node.code,
                    "title": node.label,
                    "description": node.description,
                    "parent": node.parent_code,
                    "depth": node.depth,
                }
                for node in tree.nodes()
            ],
        }
        for tree in selectors.tree_of(framework)
    ]
    profiles = [
        {"code": p["profile"].code, "title": p["profile"].title, "required_levels": p["levels"]}
        for p in selectors.framework_profiles(framework)
    ]
    return {
        **FrameworkSummary.from_orm(framework).dict(),
        "description": framework.description,
        "levels": list(framework.scale.levels.all()),
        "areas": areas,
        "profiles": profiles,
    }
