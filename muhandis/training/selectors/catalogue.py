"""Reads for the catalogue: published courses with filters, their upcoming sessions and seats.

Seats left are counted in SQL (max seats minus the enrolments whose status holds a seat,
``Enrolment.SEAT_HOLDING``), so a page of courses with all their sessions is read in a fixed
number of queries whatever its size.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import OrderBy
from django.db.models.functions import Cast, Coalesce, Greatest, NullIf
from django.utils import timezone
from django.utils.translation import get_language

from muhandis.competencies import selectors as competency_selectors
from muhandis.competencies.models import Area, Competency
from muhandis.core.transliteration import search_key

from ..models import (
    Course,
    CourseCompetency,
    CourseKind,
    CoursePrice,
    CourseSession,
    Enrolment,
    PayerKind,
    Room,
    SessionTrainer,
    Venue,
)

PAGE_SIZE = 20
# Columns the catalogue list and the API's list never show: left unread.
_LIST_DEFERRED = (
    *(
        f"{name}{suffix}"
        for name in ("outline", "prerequisites", "target_roles", "trainer_profile")
        for suffix in ("", "_uz", "_ru", "_en")
    ),
    "search_text",
    "ikpu_code",
    "package_code",
    "vat_rate",
    "min_attendance_percent",
    "post_test_required",
)
SORTS = ("title", "date", "price", "cpd", "code")


@dataclass(frozen=True)
class CatalogueFilters:
    """What a visitor asks of the catalogue; empty values filter nothing."""

    q: str = ""
    area: int | None = None
    competency: int | None = None
    format: str = ""
    language: str = ""
    region: int | None = None
    city: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    currency: str = "UZS"
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    cpd_min: Decimal | None = None
    sort: str = "title"

    def session_filters(self) -> Q:
        """The conditions on a session that the place and date filters ask for."""
        condition = Q()
        if self.region:
            condition &= Q(room__venue__region_id=self.region)
        if self.city:
            condition &= (
                Q(room__venue__city_uz__iexact=self.city)
                | Q(room__venue__city_ru__iexact=self.city)
                | Q(room__venue__city_en__iexact=self.city)
            )
        if self.date_from:
            condition &= Q(starts_at__date__gte=self.date_from)
        if self.date_to:
            condition &= Q(starts_at__date__lte=self.date_to)
        return condition

    @property
    def asks_for_sessions(self) -> bool:
        return bool(self.region or self.city or self.date_from or self.date_to)


@dataclass
class FilterChoices:
    areas: list[Area] = field(default_factory=list)
    competencies: list[tuple[int, str]] = field(default_factory=list)
    regions: list[tuple[int, str]] = field(default_factory=list)
    cities: list[str] = field(default_factory=list)


@dataclass
class CataloguePage:
    page: Page
    courses: list[Course]
    total: int


def seats_left(sessions: QuerySet[CourseSession]) -> QuerySet[CourseSession]:
    """Annotate ``seats_taken`` and ``seats_left`` (never below zero) on each session."""
    taken = (
        Enrolment.objects.filter(session=OuterRef("pk"), status__in=Enrolment.SEAT_HOLDING)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return sessions.annotate(seats_taken=Coalesce(Subquery(taken), Value(0))).annotate(
        seats_left=Greatest(F("max_seats") - F("seats_taken"), Value(0))
    )


def upcoming_sessions(
    *,
    course: Course | None = None,
    related: tuple[str, ...] = ("course", "room__venue__region"),
) -> QuerySet[CourseSession]:
    """Sessions open for enrolment that have not started, soonest first, with seats left and
    the ``related`` rows (by default their course, room, venue and region)."""
    sessions = CourseSession.objects.filter(
        status=CourseSession.Status.OPEN,
        starts_at__gt=timezone.now(),
        course__is_published=True,
    )
    if course is not None:
        sessions = sessions.filter(course=course)
    return seats_left(sessions.select_related(*related).order_by("starts_at", "pk"))


def _competency_ids(competency_id: int) -> list[int]:
    competency = Competency(pk=competency_id)
    return competency_selectors.subtree_ids(competency)


def catalogue_courses(filters: CatalogueFilters) -> QuerySet[Course]:
    """Published courses matching ``filters``, sorted, each annotated with ``list_price`` (the
    individual price in ``filters.currency``) and ``next_start`` (its next matching session)."""
    now = timezone.now()
    matching_sessions = CourseSession.objects.filter(
        Q(course=OuterRef("pk"), status=CourseSession.Status.OPEN, starts_at__gt=now)
        & filters.session_filters()
    ).order_by("starts_at")
    courses = (
        Course.objects.filter(is_published=True)
        .defer(*_LIST_DEFERRED)
        .annotate(
            list_price=Subquery(
                CoursePrice.objects.filter(
                    course=OuterRef("pk"),
                    payer_kind=PayerKind.INDIVIDUAL,
                    currency=filters.currency,
                ).values("amount")[:1]
            ),
            next_start=Subquery(matching_sessions.values("starts_at")[:1]),
        )
    )
    key = search_key(filters.q)
    if key:
        courses = courses.filter(search_text__contains=key)
    if filters.area:
        courses = courses.filter(
            Exists(
                CourseCompetency.objects.filter(
                    course=OuterRef("pk"), competency__area_id=filters.area
                )
            )
        )
    if filters.competency:
        courses = courses.filter(
            Exists(
                CourseCompetency.objects.filter(
                    course=OuterRef("pk"),
                    competency_id__in=_competency_ids(filters.competency),
                )
            )
        )
    if filters.format:
        courses = courses.filter(format=filters.format)
    if filters.language:
        # The list is stored as JSON text on every database: '["uz", "ru"]'.
        courses = courses.annotate(language_text=Cast("languages", CharField())).filter(
            language_text__contains=f'"{filters.language}"'
        )
    if filters.asks_for_sessions:
        courses = courses.filter(Exists(matching_sessions))
    if filters.price_min is not None:
        courses = courses.filter(list_price__gte=filters.price_min)
    if filters.price_max is not None:
        courses = courses.filter(list_price__lte=filters.price_max)
    if filters.cpd_min is not None:
        courses = courses.filter(cpd_hours__gte=filters.cpd_min)
    language = get_language() or "uz"
    language = language[:2] if language[:2] in ("uz", "ru", "en") else "uz"
    # The title a visitor reads: in their language, else the Uzbek one (the fallback).
    title = Coalesce(NullIf(F(f"title_{language}"), Value("")), F("title_uz"))
    orders: dict[str, list[str | OrderBy]] = {
        "title": [title.asc(), "code"],
        "code": ["code"],
        "date": [F("next_start").asc(nulls_last=True), "code"],
        "price": [F("list_price").asc(nulls_last=True), "code"],
        "cpd": ["-cpd_hours", "code"],
    }
    return courses.order_by(*orders[filters.sort if filters.sort in SORTS else "title"])


def catalogue_page(filters: CatalogueFilters, page_number: int | str = 1) -> CataloguePage:
    """One page of the catalogue: the courses with their prices and their upcoming sessions
    (matching the place and date filters) with seats left. Four queries (the count, the page,
    the prices, the sessions), and one more for the subtree when filtered by a competency."""
    paginator = Paginator(with_sessions(catalogue_courses(filters), filters), PAGE_SIZE)
    page = paginator.get_page(page_number)
    return CataloguePage(page=page, courses=list(page.object_list), total=paginator.count)


def with_sessions(courses: QuerySet[Course], filters: CatalogueFilters) -> QuerySet[Course]:
    """``courses`` with their prices and their upcoming sessions matching the place and date
    filters (``upcoming``, with seats left): two more queries, whatever the number."""
    sessions = upcoming_sessions(related=("room__venue__region",)).filter(filters.session_filters())
    return courses.prefetch_related(
        Prefetch("prices", queryset=CoursePrice.objects.order_by("currency", "payer_kind")),
        Prefetch("sessions", queryset=sessions, to_attr="upcoming"),
    )


def filter_choices() -> FilterChoices:
    """What the catalogue's filters offer: the areas and competencies of the published
    frameworks (nested ones indented), and the regions and cities that have venues. Two
    queries."""
    choices = FilterChoices()
    competencies = list(
        Competency.objects.filter(framework__in=competency_selectors.current_frameworks())
        .select_related("area")
        .order_by("framework_id", "area__sort_order", "area__code", "sort_order", "code")
    )
    areas: dict[int, Area] = {}
    by_parent: dict[int | None, list[Competency]] = {}
    for competency in competencies:
        areas.setdefault(competency.area_id, competency.area)
        by_parent.setdefault(competency.parent_id, []).append(competency)
    choices.areas = list(areas.values())
    stack = [(c, 0) for c in reversed(by_parent.get(None, []))]
    while stack:
        competency, level = stack.pop()
        choices.competencies.append(
            (competency.pk, "\u2003" * level + f"{competency.code} {competency.title}")
        )
        stack.extend((child, level + 1) for child in reversed(by_parent.get(competency.pk, [])))
    regions: dict[int, str] = {}
    cities: set[str] = set()
    for venue in Venue.objects.select_related("region"):
        regions[venue.region_id] = str(venue.region)
        cities.add(venue.city)
    choices.regions = sorted(regions.items(), key=lambda item: item[1])
    choices.cities = sorted(cities)
    return choices


def course_for_page(code: str, *, published_only: bool = True) -> Course | None:
    """A course with its prices, competencies (area and level), and upcoming sessions with
    their place, trainers and seats left; five queries. None if there is no such course (or it
    is not published and ``published_only``)."""
    courses = Course.objects.filter(code=code)
    if published_only:
        courses = courses.filter(is_published=True)
    sessions = upcoming_sessions().prefetch_related(
        Prefetch(
            "session_trainers",
            queryset=SessionTrainer.objects.select_related("trainer").order_by("pk"),
        )
    )
    return courses.prefetch_related(
        Prefetch("prices", queryset=CoursePrice.objects.order_by("currency", "payer_kind")),
        Prefetch(
            "course_competencies",
            queryset=CourseCompetency.objects.select_related("competency__area", "level").order_by(
                "competency__area__sort_order", "competency__sort_order", "competency__code"
            ),
        ),
        Prefetch("sessions", queryset=sessions, to_attr="upcoming"),
    ).first()


def staff_courses(*, q: str = "") -> QuerySet[Course]:
    """Every course, published or not, for the training manager's list, with its session
    counts (the courses behind events are the events app's, decision 0014)."""
    courses = (
        Course.objects.filter(kind=CourseKind.COURSE)
        .annotate(
            upcoming_count=Count(
                "sessions",
                filter=Q(
                    sessions__starts_at__gt=timezone.now(),
                    sessions__status__in=(CourseSession.Status.PLANNED, CourseSession.Status.OPEN),
                ),
            )
        )
        .order_by("code")
    )
    key = search_key(q)
    if key:
        courses = courses.filter(search_text__contains=key)
    return courses


def course_sessions(course: Course) -> QuerySet[CourseSession]:
    """All sessions of a course, newest first, with place, trainers and seats left."""
    return seats_left(
        CourseSession.objects.filter(course=course)
        .select_related("room__venue")
        .prefetch_related(
            Prefetch(
                "session_trainers",
                queryset=SessionTrainer.objects.select_related("trainer").order_by("pk"),
            )
        )
        .order_by("-starts_at")
    )


def venues() -> QuerySet[Venue]:
    """Venues with their region and rooms."""
    return Venue.objects.select_related("region").prefetch_related("rooms")


def rooms() -> QuerySet[Room]:
    """Every room, with its venue, for choosing where a session runs."""
    return Room.objects.select_related("venue").order_by("venue__city", "venue__name", "name")
