"""From a survey's priorities to training: the courses of the catalogue that develop each
priority competency, how many respondents need it by region and gender (suppressed where
small), and a training plan's progress from the sessions held and the people trained.

A course develops a competency when it names that competency, one above it or one below it in
the framework's tree (decision 0008); competencies are matched by code within the framework,
so that a course linked to another version of the framework still counts."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from muhandis.accounts.models import Gender
from muhandis.competencies.models import Competency, Framework
from muhandis.training.models import Course, CourseCompetency, CourseSession, Enrolment

from ..analysis import Priority, suppress
from ..models import PlanLine, Survey, TrainingPlan
from .analysis import CompetencyResult, analyse, submitted_ratings

NOT_GIVEN = "-"


@dataclass(frozen=True)
class Cell:
    """One cell of a breakdown: a label and a count, or None where it is suppressed."""

    key: str
    label: str
    count: int | None

    @property
    def suppressed(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class Need:
    """The respondents whose current level is below the importance they gave a competency."""

    total: int | None
    by_region: list[Cell]
    by_gender: list[Cell]


@dataclass(frozen=True)
class Proposal:
    result: CompetencyResult
    courses: list["CourseRef"]
    need: Need

    @property
    def course_needed(self) -> bool:
        return not self.courses


@dataclass(frozen=True)
class Priorities:
    survey: Survey
    respondents: int
    proposals: list[Proposal]
    include_middle: bool
    threshold: int


# The tree ----------------------------------------------------------------------------------


def _related(rows: list[tuple[int, int | None, str]]) -> dict[str, frozenset[str]]:
    """For each competency code, its own code and the codes of every competency above and
    below it, from (pk, parent pk, code) rows of one framework."""
    code_of = {pk: code for pk, _parent, code in rows}
    parent_of = {pk: parent for pk, parent, _code in rows}
    related: dict[str, set[str]] = {code: {code} for code in code_of.values()}
    for pk, code in code_of.items():
        seen: set[int] = set()
        node = parent_of.get(pk)
        while node is not None and node in code_of and node not in seen:
            seen.add(node)
            related[code].add(code_of[node])
            related[code_of[node]].add(code)
            node = parent_of.get(node)
    return {code: frozenset(codes) for code, codes in related.items()}


@dataclass(frozen=True)
class CourseRef:
    """A course as the priorities page names it."""

    pk: int
    code: str
    title: str


def _title_column() -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    known = {code for code, _name in settings.LANGUAGES}
    return f"title_{language if language in known else settings.LANGUAGE_CODE}"


def _tree_and_links(
    framework: Framework, *, published_only: bool
) -> list[tuple[int | None, int | None, str, int | None, str | None, str | None, str | None]]:
    """The framework's competencies as (pk, parent pk, code, None, None, None, None) and every
    course link of the framework's code (any version) as (None, None, competency code, course
    pk, course code, title in the reader's language, title in Uzbek): one query, plain SQL
    built from the models' table and column names (a union that SQLite and PostgreSQL both
    run)."""
    quote = connection.ops.quote_name
    competency, link, course = Competency._meta, CourseCompetency._meta, Course._meta

    def column(meta: Any, name: str) -> str:
        return quote(str(meta.get_field(name).column))

    names = {
        "competency": quote(competency.db_table),
        "framework": quote(Framework._meta.db_table),
        "link": quote(link.db_table),
        "course": quote(course.db_table),
        "id": quote(str(competency.pk.column)),
        "parent": column(competency, "parent"),
        "code": quote("code"),
        "framework_id": column(competency, "framework"),
        "link_competency": column(link, "competency"),
        "link_course": column(link, "course"),
        "title": column(course, _title_column()),
        "title_uz": column(course, "title_uz"),
        "published": column(course, "is_published"),
    }
    sql = (  # noqa: S608 (the names come from the models, the values are parameters)
        "SELECT c.{id}, c.{parent}, c.{code}, CAST(NULL AS INTEGER), CAST(NULL AS VARCHAR(200)),"
        " CAST(NULL AS VARCHAR(200)), CAST(NULL AS VARCHAR(200))"
        " FROM {competency} c WHERE c.{framework_id} = %s"
        " UNION ALL"
        " SELECT CAST(NULL AS INTEGER), CAST(NULL AS INTEGER), c.{code}, k.{id}, k.{code},"
        " k.{title}, k.{title_uz}"
        " FROM {link} l JOIN {competency} c ON c.{id} = l.{link_competency}"
        " JOIN {framework} f ON f.{id} = c.{framework_id}"
        " JOIN {course} k ON k.{id} = l.{link_course}"
        " WHERE f.{code} = %s"
    ).format(**names)
    params: list[Any] = [framework.pk, framework.code]
    if published_only:
        sql += " AND k.{published} = %s".format(**names)
        params.append(True)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def courses_by_competency(
    framework: Framework, codes: Iterable[str], *, published_only: bool = True
) -> dict[str, list[CourseRef]]:
    """The courses that develop each competency of ``codes``: directly, or through a
    competency above or below it in the framework's tree; in the order of their code, titles
    in the reader's language. One query: the framework's tree and the course links are read
    together (a union), so the priorities page stays within its budget."""
    codes = list(codes)
    rows = _tree_and_links(framework, published_only=published_only)
    related = _related([(pk, parent, code) for pk, parent, code, course, *_ in rows if pk])
    by_code: dict[str, dict[int, CourseRef]] = {}
    for _pk, _parent, code, course, course_code, title_text, title_uz in rows:
        if course:
            ref = CourseRef(course, course_code or "", title_text or title_uz or "")
            by_code.setdefault(code, {})[course] = ref
    result = {}
    for code in codes:
        found: dict[int, CourseRef] = {}
        for other in related.get(code, {code}):
            found.update(by_code.get(other, {}))
        result[code] = sorted(found.values(), key=lambda course: course.code)
    return result


def course_develops(course: Course, competency: Competency) -> bool:
    """Whether ``course`` develops ``competency`` (or a competency above or below it)."""
    found = courses_by_competency(competency.framework, [competency.code], published_only=False)
    return any(c.pk == course.pk for c in found[competency.code])


# Who needs what ----------------------------------------------------------------------------


def gender_labels() -> dict[str, str]:
    labels = {value: str(label) for value, label in Gender.choices}
    labels[NOT_GIVEN] = _("Not given")
    return labels


def needs_by_item(survey: Survey, item_ids: Iterable[int]) -> dict[int, Need]:
    """For each survey item, the respondents with a positive discrepancy, in total, by region
    and by gender; every breakdown suppressed under the survey's threshold. Two queries."""
    item_ids = list(item_ids)
    threshold = survey.suppression_threshold
    name = _title_column().replace("title_", "response__region__name_")
    rows = list(
        submitted_ratings(survey)
        .filter(item_id__in=item_ids, importance__gt=F("current"))
        .values(
            "item_id",
            "response__region_id",
            "response__gender",
            name,
            "response__region__country",
            "response__region__sort_order",
            "response__region__code",
        )
        .annotate(n=Count("id"))
        .order_by()
    )
    regions = {
        row["response__region_id"]: (
            row["response__region__country"] != "UZ",
            row["response__region__country"],
            row["response__region__sort_order"],
            row["response__region__code"],
            row[name],
        )
        for row in rows
        if row["response__region_id"]
    }
    region_order = sorted(regions, key=lambda pk: regions[pk])
    genders = gender_labels()
    by_region: dict[int, dict[str, int]] = {pk: {} for pk in item_ids}
    by_gender: dict[int, dict[str, int]] = {pk: {} for pk in item_ids}
    for row in rows:
        region = str(row["response__region_id"] or NOT_GIVEN)
        gender = row["response__gender"] or NOT_GIVEN
        cells = by_region[row["item_id"]]
        cells[region] = cells.get(region, 0) + row["n"]
        cells = by_gender[row["item_id"]]
        cells[gender] = cells.get(gender, 0) + row["n"]
    region_labels = {str(pk): regions[pk][-1] for pk in region_order} | {NOT_GIVEN: _("Not given")}
    region_keys = [str(pk) for pk in region_order] + [NOT_GIVEN]
    gender_keys = [*(value for value, _label in Gender.choices), NOT_GIVEN]
    result = {}
    for item_id in item_ids:
        regional = suppress(by_region[item_id], threshold=threshold)
        gendered = suppress(by_gender[item_id], threshold=threshold)
        # When the total itself is too small to show, so is every breakdown of it: a lone
        # suppressed cell would still say where those few people are.
        shown = regional.total is not None
        result[item_id] = Need(
            total=regional.total,
            by_region=[
                Cell(key, region_labels[key], regional.cells[key])
                for key in region_keys
                if key in regional.cells and shown
            ],
            by_gender=[
                Cell(key, genders[key], gendered.cells[key])
                for key in gender_keys
                if key in gendered.cells and shown
            ],
        )
    return result


def priorities(survey: Survey, *, include_middle: bool = False) -> Priorities:
    """The survey's top-priority competencies (and the middle ones when asked), ranked, each
    with the courses that develop it and the respondents who need it. Five queries."""
    analysis = analyse(survey)
    wanted = {Priority.TOP, Priority.MIDDLE} if include_middle else {Priority.TOP}
    chosen = [result for result in analysis.competencies if result.priority in wanted]
    courses = courses_by_competency(survey.framework, [r.code for r in chosen])
    needs = needs_by_item(survey, [r.item_id for r in chosen])
    return Priorities(
        survey=survey,
        respondents=analysis.respondents,
        proposals=[Proposal(r, courses[r.code], needs[r.item_id]) for r in chosen],
        include_middle=include_middle,
        threshold=survey.suppression_threshold,
    )


# A plan's progress -------------------------------------------------------------------------


@dataclass
class LineProgress:
    line: PlanLine
    sessions_held: int = 0
    sessions_scheduled: int = 0
    trained: int = 0
    by_gender: list[Cell] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.trained / self.line.target)) if self.line.target else 0


@dataclass(frozen=True)
class PlanProgress:
    plan: TrainingPlan
    lines: list[LineProgress]
    target: int
    trained: int
    sessions_held: int

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.trained / self.target)) if self.target else 0


def quarter_of(moment: datetime.datetime) -> int:
    return (timezone.localtime(moment).month - 1) // 3 + 1


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    return start, timezone.make_aware(datetime.datetime(year + 1, 1, 1))


def plan_lines(plan: TrainingPlan) -> list[PlanLine]:
    return list(
        plan.lines.select_related("competency__area", "course", "region").order_by("quarter", "id")
    )


def plan_progress(plan: TrainingPlan) -> PlanProgress:
    """Each line against the training domain: the sessions of its course that started in the
    plan's year and the line's quarter (at a venue in the line's region, when it names one;
    cancelled sessions left out), how many of them were held, and the people whose enrolment
    in them is completed, by gender (suppressed under the survey's threshold). Three queries
    whatever the number of lines, sessions and people."""
    lines = plan_lines(plan)
    course_ids = {line.course_id for line in lines if line.course_id}
    start, end = year_bounds(plan.year)
    sessions = (
        list(
            CourseSession.objects.filter(
                course_id__in=course_ids, starts_at__gte=start, starts_at__lt=end
            )
            .exclude(status=CourseSession.Status.CANCELLED)
            .values("id", "course_id", "starts_at", "status", "room__venue__region_id")
        )
        if course_ids
        else []
    )
    completed: dict[int, dict[str, int]] = {}
    if sessions:
        rows = (
            Enrolment.objects.filter(
                session_id__in=[s["id"] for s in sessions], status=Enrolment.Status.COMPLETED
            )
            .values("session_id", "person__gender")
            .annotate(n=Count("id"))
            .order_by()
        )
        for row in rows:
            cells = completed.setdefault(row["session_id"], {})
            gender = row["person__gender"] or NOT_GIVEN
            cells[gender] = cells.get(gender, 0) + row["n"]
    threshold = plan.survey.suppression_threshold
    genders = gender_labels()
    gender_keys = [*(value for value, _label in Gender.choices), NOT_GIVEN]
    progress = []
    for line in lines:
        item = LineProgress(line)
        counts: dict[str, int] = {}
        for session in sessions:
            if session["course_id"] != line.course_id:
                continue
            if quarter_of(session["starts_at"]) != line.quarter:
                continue
            if line.region_id and session["room__venue__region_id"] != line.region_id:
                continue
            if session["status"] == CourseSession.Status.HELD:
                item.sessions_held += 1
            else:
                item.sessions_scheduled += 1
            for gender, n in completed.get(session["id"], {}).items():
                counts[gender] = counts.get(gender, 0) + n
        item.trained = sum(counts.values())
        shown = suppress(counts, threshold=threshold)
        item.by_gender = [
            Cell(key, genders[key], shown.cells[key])
            for key in gender_keys
            if key in shown.cells and shown.total is not None
        ]
        progress.append(item)
    return PlanProgress(
        plan=plan,
        lines=progress,
        target=sum(line.target for line in lines),
        trained=sum(item.trained for item in progress),
        sessions_held=sum(item.sessions_held for item in progress),
    )


def plans() -> list[TrainingPlan]:
    """Every plan with its survey and the number of its lines and people to train. One query."""
    return list(
        TrainingPlan.objects.select_related("survey")
        .annotate(line_count=Count("lines"), target=Sum("lines__target"))
        .order_by("-year", "-id")
    )


def surveys_with_answers() -> list[Survey]:
    """The surveys whose priorities can be read (open or closed), newest first. One query."""
    return list(Survey.objects.exclude(status="draft").order_by("-opens_on", "-id"))


# Published findings ------------------------------------------------------------------------


def _published() -> QuerySet[Survey]:
    return Survey.objects.filter(findings_published_at__isnull=False).annotate(
        respondent_count=Count("responses", filter=Q(responses__submitted_at__isnull=False))
    )


def _with_findings(survey: Survey | None) -> Survey | None:
    if survey is not None:
        survey.headline_findings = list(  # type: ignore[attr-defined]
            survey.findings.select_related("competency__area").order_by("rank")
        )
    return survey


def latest_findings() -> Survey | None:
    """The survey whose findings were published last, with ``respondent_count`` and its
    ``headline_findings`` (competency and area), or None. Two queries."""
    return _with_findings(_published().order_by("-findings_published_at", "-id").first())


def published_findings(code: str) -> Survey | None:
    """A survey's published findings by its code (None when not published). Two queries."""
    return _with_findings(_published().filter(code=code).first())


def home_panel(request: Any) -> dict[str, Any] | None:
    """The home page's panel: the latest published findings, or None. Two queries."""
    survey = latest_findings()
    findings = getattr(survey, "headline_findings", None)
    if survey is None or not findings:
        return None
    return {"survey": survey, "findings": findings}
