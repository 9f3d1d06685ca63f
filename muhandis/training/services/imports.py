"""Importing the participants of past courses from a spreadsheet, previewed then confirmed.

The file (XLSX, or CSV in UTF-8 with commas or semicolons) has a header row naming the columns
in ``COLUMNS``. Every row is checked before anything is written and every problem is listed by
row and column; the import is all or nothing. A row names a course by its code and a session by
the date it started; when no session of the course started that day, the import makes a past
session (status "held") if the training manager asked for it. People not yet known get an
account without a usable password (as the certificate import makes them: they claim it by
resetting the password with the email of the file). A row whose person is already enrolled in
that session in the same status was imported before and is skipped, so importing the same file
again creates nothing twice."""

import datetime
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muhandis.accounts.models import Gender, RoleAssignment, User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import usable_roles
from muhandis.core import audit
from muhandis.core.import_problems import (
    ImportRefused,
    Problem,
    header_positions,
    read_rows,
)

from ..models import Course, CourseSession, Enrolment

COLUMNS = [
    ("course_code", True, gettext_lazy("The course's code, e.g. ENG-101.")),
    ("session_start", True, gettext_lazy("The day the session started: YYYY-MM-DD or DD.MM.YYYY.")),
    ("email", True, gettext_lazy("The participant's email address; their account is found by it.")),
    ("given_name", True, gettext_lazy("The participant's given name.")),
    ("family_name", True, gettext_lazy("The participant's family name.")),
    ("gender", False, gettext_lazy("female, male, or empty.")),
    ("attended", True, gettext_lazy("yes or no.")),
    ("completed", False, gettext_lazy("yes or no; empty: not decided.")),
    (
        "completion_date",
        False,
        gettext_lazy("When the course was completed; empty: the day it ended."),
    ),
]
COLUMN_NAMES = [name for name, _required, _help in COLUMNS]
REQUIRED = [name for name, required, _help in COLUMNS if required]
MAX_ROWS = 5_000
MAX_LENGTHS = {"given_name": 100, "family_name": 100, "email": 254}
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")
YES = {"yes", "y", "1", "true", "ha", "да", "x"}
NO = {"no", "n", "0", "false", "yo'q", "yoʻq", "нет", ""}
MANAGERS = frozenset({Role.TRAINING_MANAGER, Role.ADMIN})
SESSION_HOUR = 9  # a session made by the import starts at 09:00 on its day


@dataclass
class PlannedEnrolment:
    row: int
    course: Course
    day: datetime.date
    session: CourseSession | None  # None: a past session is made for (course, day)
    email: str
    given_name: str
    family_name: str
    gender: str
    status: str
    completed_at: datetime.datetime | None
    person: User | None  # None: an account is made for this email

    @property
    def new_person(self) -> bool:
        return self.person is None

    @property
    def new_session(self) -> bool:
        return self.session is None

    def get_status_display(self) -> str:
        return str(Enrolment.Status(self.status).label)


@dataclass
class ImportPlan:
    """What a file would create, or why it cannot be imported. Nothing is written for it."""

    filename: str
    sha256: str
    create_sessions: bool
    rows: int = 0
    enrolments: list[PlannedEnrolment] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # rows imported before
    problems: list[Problem] = field(default_factory=list)

    @property
    def new_people(self) -> int:
        return len({e.email for e in self.enrolments if e.new_person})

    @property
    def new_sessions(self) -> int:
        return len({(e.course.pk, e.day) for e in self.enrolments if e.new_session})


@dataclass
class ImportResult:
    plan: ImportPlan
    enrolments: int
    people_created: int
    sessions_created: int


def may_import(person: User) -> bool:
    return bool(usable_roles(person) & MANAGERS)


def _require_manager(actor: User) -> None:
    if not may_import(actor):
        raise PermissionDenied(_("Only a training manager imports course participants."))


# Reading ------------------------------------------------------------------------------------


def _header(rows: list[list[str]]) -> dict[str, int]:
    return header_positions(
        rows,
        required=REQUIRED,
        columns=COLUMN_NAMES,
        empty=_("The file is empty: it needs a header row and one row per participant."),
    )


# Checking -----------------------------------------------------------------------------------


@dataclass
class _Context:
    today: datetime.date
    create_sessions: bool
    courses: dict[str, Course]
    sessions: dict[tuple[int, datetime.date], list[CourseSession]]
    people: dict[str, User]
    enrolled: dict[tuple[int, str], Enrolment]  # (session, email)
    seen: dict[tuple[str, datetime.date, str], int] = field(default_factory=dict)


def _context(data: list[tuple[int, dict[str, str]]], create_sessions: bool) -> _Context:
    codes = {cells.get("course_code", "").upper() for _n, cells in data}
    emails = {cells.get("email", "").lower() for _n, cells in data}
    # Codes are matched whatever their case; a catalogue holds hundreds of courses at most.
    courses = {c.code.upper(): c for c in Course.objects.all() if c.code.upper() in codes}
    sessions: dict[tuple[int, datetime.date], list[CourseSession]] = {}
    found = CourseSession.objects.filter(course__in=courses.values()).exclude(
        status=CourseSession.Status.CANCELLED
    )
    for session in found.order_by("starts_at"):
        day = timezone.localtime(session.starts_at).date()
        sessions.setdefault((session.course_id, day), []).append(session)
    enrolled = {
        (e.session_id, e.person.email): e
        for e in Enrolment.objects.filter(
            session__in=[s for group in sessions.values() for s in group],
            person__email__in=emails,
        )
        .exclude(status=Enrolment.Status.CANCELLED)
        .select_related("person")
    }
    return _Context(
        today=timezone.localdate(),
        create_sessions=create_sessions,
        courses=courses,
        sessions=sessions,
        people={u.email: u for u in User.objects.filter(email__in=emails)},
        enrolled=enrolled,
    )


class _Row:
    def __init__(self, number: int, cells: dict[str, str], problems: list[Problem]) -> None:
        self.number, self.cells, self.problems = number, cells, problems
        self.ok = True

    def fail(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.number, column, message))
        self.ok = False

    def text(self, column: str) -> str:
        value = self.cells.get(column, "")
        if column in REQUIRED and not value:
            self.fail(column, _("this column must not be empty."))
        elif len(value) > MAX_LENGTHS.get(column, 1000):
            self.fail(column, _("longer than %d characters.") % MAX_LENGTHS.get(column, 1000))
        return value

    def date(self, column: str) -> datetime.date | None:
        value = self.text(column)
        if not value:
            return None
        for pattern in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(value, pattern).date()
            except ValueError:
                continue
        self.fail(column, _("“%s” is not a date: write YYYY-MM-DD or DD.MM.YYYY.") % value)
        return None

    def yes_no(self, column: str) -> bool | None:
        value = self.text(column).lower()
        if value in YES:
            return True
        if value in NO:
            return None if not value else False
        self.fail(column, _("“%s” is neither yes nor no.") % value)
        return None


def _session(
    row: _Row, ctx: _Context, course: Course, day: datetime.date
) -> tuple[bool, CourseSession | None]:
    """(found or may be made, the session found)."""
    found = ctx.sessions.get((course.pk, day), [])
    if len(found) > 1:
        row.fail(
            "session_start",
            _("%(code)s has %(count)d sessions that started on that day; import them by hand.")
            % {"code": course.code, "count": len(found)},
        )
        return False, None
    if found:
        return True, found[0]
    if day >= ctx.today:
        row.fail("session_start", _("the day is not in the past: import only past sessions."))
        return False, None
    if not ctx.create_sessions:
        row.fail(
            "session_start",
            _(
                "%(code)s has no session that started on %(day)s. Correct the date, or tick "
                "“create missing past sessions”."
            )
            % {"code": course.code, "day": day.isoformat()},
        )
        return False, None
    return True, None


def _status(row: _Row) -> str:
    attended = row.yes_no("attended")
    completed = row.yes_no("completed")
    if completed and attended is False:
        row.fail("completed", _("a participant who did not attend cannot have completed."))
    if completed:
        return Enrolment.Status.COMPLETED
    if completed is False or not attended:
        return Enrolment.Status.NOT_COMPLETED
    return Enrolment.Status.ATTENDED


def _gender(row: _Row) -> str:
    value = row.cells.get("gender", "").lower()
    aliases = {"f": "female", "m": "male", "ayol": "female", "erkak": "male"}
    value = aliases.get(value, value)
    if value and value not in (Gender.FEMALE, Gender.MALE):
        row.fail("gender", _("write female, male, or leave it empty."))
    return value


def _check_row(
    number: int, cells: dict[str, str], ctx: _Context, plan: ImportPlan
) -> PlannedEnrolment | None:
    row = _Row(number, cells, plan.problems)
    code = row.text("course_code").upper()
    course = ctx.courses.get(code)
    if code and course is None:
        row.fail("course_code", _("there is no course with the code “%s”.") % code)
    day = row.date("session_start")
    email = row.text("email").lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            row.fail("email", _("“%s” is not an email address.") % email)
    given, family = row.text("given_name"), row.text("family_name")
    gender = _gender(row)
    status = _status(row)
    completion = row.date("completion_date")
    if completion and status != Enrolment.Status.COMPLETED:
        row.fail(
            "completion_date", _("a completion date is given but the course was not completed.")
        )
    if completion and day and completion < day:
        row.fail("completion_date", _("the course was completed before the session started."))
    if completion and completion > ctx.today:
        row.fail("completion_date", _("the date is in the future."))
    session, usable = None, False
    if course is not None and day is not None:
        usable, session = _session(row, ctx, course, day)
    if course is not None and day is not None and email:
        key = (code, day, email)
        if key in ctx.seen:
            row.fail("", _("repeats row %d (same course, session and person).") % ctx.seen[key])
        ctx.seen.setdefault(key, number)
    existing = ctx.enrolled.get((session.pk, email)) if session is not None else None
    if existing is not None and row.ok:
        if existing.status == status:
            plan.skipped.append(number)
            return None
        row.fail(
            "",
            _("%(email)s is already enrolled in this session, with the status “%(status)s”.")
            % {"email": email, "status": existing.get_status_display()},
        )
    if not row.ok or not usable or course is None or day is None:
        return None
    completed_at = None
    if status == Enrolment.Status.COMPLETED:
        completed_at = _at(completion) if completion else (session.ends_at if session else None)
    return PlannedEnrolment(
        row=number,
        course=course,
        day=day,
        session=session,
        email=email,
        given_name=given,
        family_name=family,
        gender=gender,
        status=status,
        completed_at=completed_at,
        person=ctx.people.get(email),
    )


def _at(day: datetime.date, hour: int = 18) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def plan_participant_import(
    *, content: bytes, filename: str, actor: User, create_sessions: bool = False
) -> ImportPlan:
    """The dry run: what the file would create and every problem in it. Writes nothing."""
    _require_manager(actor)
    plan = ImportPlan(
        filename=filename,
        sha256=hashlib.sha256(content).hexdigest(),
        create_sessions=create_sessions,
    )
    try:
        rows = read_rows(content, filename)
        position = _header(rows)
    except ImportRefused as refused:
        plan.problems = refused.problems
        return plan
    data = [
        (number, {name: (raw[i] if i < len(raw) else "") for name, i in position.items()})
        for number, raw in enumerate(rows[1:], start=2)
        if any(raw)
    ]
    if not data:
        plan.problems = [Problem(0, "", _("The file has a header row but no participants."))]
        return plan
    if len(data) > MAX_ROWS:
        plan.problems = [Problem(0, "", _("The file has more than %d rows.") % MAX_ROWS)]
        return plan
    plan.rows = len(data)
    ctx = _context(data, create_sessions)
    for number, cells in data:
        planned = _check_row(number, cells, ctx, plan)
        if planned is not None:
            plan.enrolments.append(planned)
    return plan


# Writing --------------------------------------------------------------------------------------


def _create_people(plan: ImportPlan, actor: User) -> dict[str, User]:
    newcomers: dict[str, User] = {}
    for item in plan.enrolments:
        if item.new_person and item.email not in newcomers:
            newcomers[item.email] = User(
                email=item.email,
                given_name=item.given_name,
                family_name=item.family_name,
                name_latin=f"{item.given_name} {item.family_name}".strip(),
                gender=item.gender,
                password=make_password(None),
            )
    people = User.objects.bulk_create(newcomers.values())
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=p, role=Role.ENGINEER, granted_by=actor) for p in people]
    )
    return {p.email: p for p in people}


def _create_sessions(plan: ImportPlan) -> dict[tuple[int, datetime.date], CourseSession]:
    wanted: dict[tuple[int, datetime.date], list[PlannedEnrolment]] = {}
    for item in plan.enrolments:
        if item.new_session:
            wanted.setdefault((item.course.pk, item.day), []).append(item)
    made = {}
    for (course_id, day), items in wanted.items():
        course = items[0].course
        starts = _at(day, SESSION_HOUR)
        hours = max(Decimal(1), course.duration_hours or Decimal(1))
        made[(course_id, day)] = CourseSession.objects.create(
            course=course,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=float(hours)),
            language=(course.languages or ["uz"])[0],
            min_seats=1,
            max_seats=max(1, len(items)),
            enrolment_deadline=starts,
            status=CourseSession.Status.HELD,
        )
    return made


def import_participants(
    *,
    content: bytes,
    filename: str,
    actor: User,
    create_sessions: bool = False,
    request: HttpRequest | None = None,
) -> ImportResult:
    """Import the whole file or nothing; raise ImportRefused listing every problem."""
    _require_manager(actor)
    with transaction.atomic():
        plan = plan_participant_import(
            content=content, filename=filename, actor=actor, create_sessions=create_sessions
        )
        if plan.problems:
            raise ImportRefused(plan.problems)
        people = _create_people(plan, actor)
        sessions = _create_sessions(plan)
        enrolments = []
        for item in plan.enrolments:
            session = item.session or sessions[(item.course.pk, item.day)]
            enrolments.append(
                Enrolment(
                    session=session,
                    person=item.person or people[item.email],
                    status=item.status,
                    payer_kind="individual",
                    price=Decimal(0),
                    currency="UZS",
                    requested_at=session.starts_at,
                    confirmed_at=session.starts_at,
                    completed_at=item.completed_at
                    or (session.ends_at if item.status == Enrolment.Status.COMPLETED else None),
                )
            )
        Enrolment.objects.bulk_create(enrolments)
        for session in sessions.values():
            audit.record(
                "training.session.imported",
                actor=actor,
                target=session,
                after={"course": session.course.code, "starts": session.starts_at.isoformat()},
                request=request,
            )
        audit.record(
            "training.import.completed",
            actor=actor,
            after={
                "file": filename,
                "sha256": plan.sha256,
                "rows": plan.rows,
                "enrolments": len(enrolments),
                "skipped": len(plan.skipped),
                "people_created": len(people),
                "sessions_created": len(sessions),
            },
            request=request,
        )
    return ImportResult(
        plan=plan,
        enrolments=len(enrolments),
        people_created=len(people),
        sessions_created=len(sessions),
    )


def template_workbook() -> bytes:
    """An empty import file: the header row, and a second sheet explaining each column."""
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "participants"
    sheet.append(COLUMN_NAMES)
    notes = workbook.create_sheet("columns")
    notes.append([_("column"), _("required"), _("what it holds")])
    for name, required, help_text in COLUMNS:
        notes.append([name, _("yes") if required else _("no"), str(help_text)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
