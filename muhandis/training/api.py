"""The training catalogue in the REST API: published courses with filters, one course with its
upcoming sessions, and the upcoming sessions with seats left. Public, read-only."""

import datetime
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from muhandis.core.apitypes import DB_BIGINT_MAX, ErrorOut, Line

from . import selectors
from .api_enrolment import router as enrolment_router
from .models import Course, CourseFormat, CourseSession

router = Router(tags=["training"])


class TrainingPriceOut(Schema):
    payer_kind: str = Field(description="individual, member_firm or non_member_firm")
    currency: str
    amount: Decimal


class TrainingCompetencyOut(Schema):
    code: str
    title: str
    area: str
    level: int | None = Field(description="The level of the framework's scale it leads to")


class TrainingPlaceOut(Schema):
    online: bool
    venue: str = ""
    address: str = ""
    city: str = ""
    region: str = ""
    room: str = ""


class TrainingSessionOut(Schema):
    id: uuid.UUID
    course: str = Field(description="The course's code")
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    language: str
    place: TrainingPlaceOut
    max_seats: int
    seats_left: int
    enrolment_deadline: datetime.datetime


class TrainingCourseSummaryOut(Schema):
    code: str
    title: str
    summary: str
    level: str
    format: str
    languages: list[str]
    duration_hours: Decimal
    cpd_hours: Decimal
    cpd_category: str
    prices: list[TrainingPriceOut]
    upcoming_sessions: list[TrainingSessionOut]


class TrainingCourseOut(TrainingCourseSummaryOut):
    outline: str
    prerequisites: str
    target_roles: str
    trainer_profile: str
    min_attendance_percent: int
    post_test_required: bool
    competencies: list[TrainingCompetencyOut]


class TrainingCourseFilters(Schema):
    q: Line = Field("", max_length=100, description="Title in any language or script, or code")
    area: int | None = Field(None, ge=1, le=DB_BIGINT_MAX, description="A competency area's id")
    competency: int | None = Field(
        None,
        ge=1,
        le=DB_BIGINT_MAX,
        description="A competency's id: courses on it or on any under it",
    )
    format: CourseFormat | None = None
    language: Literal["", "uz", "ru", "en"] = ""
    region: int | None = Field(None, ge=1, le=DB_BIGINT_MAX, description="A region's id")
    city: Line = Field("", max_length=100)
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    currency: Literal["UZS", "KZT"] = Field("UZS", description="Of the price filters")
    price_min: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    price_max: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    cpd_min: Decimal | None = Field(None, ge=0, max_digits=5, decimal_places=1)
    sort: Literal["title", "date", "price", "cpd", "code"] = "title"


def _place(session: CourseSession) -> dict[str, Any]:
    if session.room_id is None:
        return {"online": True}
    venue = session.room.venue
    return {
        "online": False,
        "venue": venue.name,
        "address": venue.address,
        "city": venue.city,
        "region": str(venue.region),
        "room": session.room.name,
    }


def _session(session: CourseSession, code: str) -> dict[str, Any]:
    return {
        "id": session.public_id,
        "course": code,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "language": session.language,
        "place": _place(session),
        "max_seats": session.max_seats,
        "seats_left": session.seats_left,
        "enrolment_deadline": session.enrolment_deadline,
    }


def _summary(course: Course) -> dict[str, Any]:
    return {
        "code": course.code,
        "title": course.title,
        "summary": course.summary,
        "level": course.level,
        "format": course.format,
        "languages": list(course.languages),
        "duration_hours": course.duration_hours,
        "cpd_hours": course.cpd_hours,
        "cpd_category": course.cpd_category,
        "prices": [
            {"payer_kind": p.payer_kind, "currency": p.currency, "amount": p.amount}
            for p in course.prices.all()
        ],
        "upcoming_sessions": [_session(s, course.code) for s in course.upcoming],
    }


class _Paged:
    """A query paged by the API's paginator: counted in SQL, and only the page's rows read and
    turned into answers (``convert`` receives that slice)."""

    def __init__(self, rows: Any, convert: Callable[[Any], list[dict[str, Any]]]) -> None:
        self.rows, self.convert = rows, convert

    def __len__(self) -> int:
        return self.rows.count()

    def __getitem__(self, index: slice) -> list[dict[str, Any]]:
        return self.convert(self.rows[index])


@router.get(
    "/training/courses",
    response=list[TrainingCourseSummaryOut],
    auth=None,
    summary="Published training courses, filtered as the catalogue page filters them",
)
@paginate
def list_courses(request: HttpRequest, filters: Query[TrainingCourseFilters]) -> Any:
    values = filters.dict()
    values["format"] = filters.format.value if filters.format else ""
    chosen = selectors.CatalogueFilters(**{k: v for k, v in values.items() if v is not None})

    courses = selectors.with_sessions(selectors.catalogue_courses(chosen), chosen)
    return _Paged(courses, lambda page: [_summary(c) for c in page])


@router.get(
    "/training/courses/{code}",
    response={200: TrainingCourseOut, 404: ErrorOut},
    auth=None,
    summary="A published course with its competencies and upcoming sessions",
)
def get_course(request: HttpRequest, code: Line) -> dict[str, Any]:
    course = selectors.course_for_page(code[:30])
    if course is None:
        raise Http404(_("There is no such course in the catalogue."))
    return _summary(course) | {
        "outline": course.outline,
        "prerequisites": course.prerequisites,
        "target_roles": course.target_roles,
        "trainer_profile": course.trainer_profile,
        "min_attendance_percent": course.min_attendance_percent,
        "post_test_required": course.post_test_required,
        "competencies": [
            {
                "code": link.competency.code,
                "title": link.competency.title,
                "area": link.competency.area.code,
                "level": link.level.value if link.level else None,
            }
            for link in course.course_competencies.all()
        ],
    }


@router.get(
    "/training/sessions",
    response=list[TrainingSessionOut],
    auth=None,
    summary="Upcoming sessions open for enrolment, soonest first, with seats left",
)
@paginate
def list_sessions(request: HttpRequest) -> Any:
    return _Paged(
        selectors.upcoming_sessions(), lambda page: [_session(s, s.course.code) for s in page]
    )


# A person's own enrolments and enrolling, beside the catalogue.
router.add_router("", enrolment_router)
