"""Answers collected with the survey's XLSForm in KoboToolbox or ODK Collect, imported back
from the file KoboToolbox or ODK Central exports, previewed then confirmed.

The file is CSV (UTF-8, with or without a BOM, commas or semicolons) or XLSX, with "XML values
and headers": the columns are the form's question names, alone (``TEC_01_imp``) or after their
groups (``grp_TEC/TEC_01_imp``; KoboToolbox separates with ``/`` or ``.``, ODK Central with
``-``). The collectors' own columns (``_uuid``, ``_submission_time``, ``meta/instanceID``,
``start``...) are read for the submission's id and time, the others left aside.

Each row becomes a submitted response (channel "imported") keyed by the collector's id, so that
importing the same file again adds nothing. A value that cannot be used (a rating outside the
survey's scale, a code that is not one of the question's choices) is listed as a problem by
row and column and left out; the rest of the row is imported. A row is refused whole only when
it repeats an id of an earlier row or rates no competency at all. A file whose columns name no
competency of the survey is refused, naming the columns expected."""

import datetime
import hashlib
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import EducationLevel, Gender, Region, SizeBand
from muhandis.accounts.selectors import usable_roles
from muhandis.core import audit
from muhandis.core.import_problems import ImportRefused, Problem, read_rows, refused

from .. import xlsform
from ..models import (
    AgeBand,
    Barrier,
    Channel,
    ExperienceBand,
    JobRole,
    Rating,
    RespondentKind,
    Response,
    Sector,
    Survey,
    SurveyItem,
)
from ..permissions import MANAGERS

MAX_ROWS = 20_000
SEPARATORS = re.compile(r"[/.\-]")
# The collectors' ids of a submission, by preference.
KEY_COLUMNS = ("_uuid", "instanceID", "KEY")
TIME_COLUMNS = ("_submission_time", "SubmissionDate", "end")
CHOICES: dict[str, Any] = {
    "gender": Gender,
    "age_band": AgeBand,
    "sector": Sector,
    "job_role": JobRole,
    "employer_size": SizeBand,
    "experience": ExperienceBand,
    "education": EducationLevel,
}
# What the collectors add to every submission, left aside without a word.
META = {
    "start", "end", "today", "deviceid", "username", "simserial", "subscriberid",
    "phonenumber", "audit", "instanceName", "SubmitterID", "SubmitterName",
    "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits",
    "FormVersion", "UpdatedAt",
}  # fmt: skip
TEXT_LIMIT = 5_000
BATCH = 2_000
TRUE = {"1", "true", "yes"}


@dataclass
class PlannedResponse:
    row: int
    source_key: str
    kind: str
    submitted_at: datetime.datetime
    ratings: dict[int, dict[str, int]]  # item id → {"importance": 3, "current": 1}
    background: dict[str, Any]
    barriers: list[str]
    texts: dict[str, str]

    def get_kind_display(self) -> str:
        return str(RespondentKind(self.kind).label)


@dataclass
class AnswerPlan:
    """What a file would import, and every problem found. Nothing is written for it."""

    survey: Survey
    filename: str
    sha256: str
    rows: int = 0
    responses: list[PlannedResponse] = field(default_factory=list)
    already: list[int] = field(default_factory=list)  # rows imported before
    refused_rows: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)  # file column → question name
    ignored: list[str] = field(default_factory=list)  # file columns left aside
    file_refused: bool = False

    @property
    def importable(self) -> bool:
        return not self.file_refused and bool(self.responses)

    @property
    def ratings(self) -> int:
        return sum(
            len([v for v in r.values() if v is not None])
            for p in self.responses
            for r in p.ratings.values()
        )

    @property
    def left_out(self) -> int:
        """Values the problems leave out of the rows that are imported."""
        refused = set(self.refused_rows)
        return len([p for p in self.problems if p.row > 1 and p.row not in refused])


@dataclass
class AnswerResult:
    plan: AnswerPlan
    created: int


def may_import(person: Any) -> bool:
    return bool(usable_roles(person) & set(MANAGERS))


def _require_manager(actor: Any) -> None:
    if not may_import(actor):
        raise PermissionDenied(_("Only survey staff import answers."))


# Columns ------------------------------------------------------------------------------------


def expected_names(survey: Survey) -> list[str]:
    return xlsform.question_map(survey).names()


def match_columns(
    header: list[str], known: set[str], multiple: set[str]
) -> tuple[dict[int, str], dict[int, tuple[str, str]], list[str]]:
    """(column position → question name, position → (select_multiple name, choice) of a split
    column, the columns left aside)."""
    columns: dict[int, str] = {}
    split: dict[int, tuple[str, str]] = {}
    ignored = []
    for position, raw in enumerate(header):
        text = raw.strip()
        if not text:
            continue
        parts = [p for p in SEPARATORS.split(text) if p]
        if text in known:
            columns[position] = text
        elif parts and parts[-1] in known:
            columns[position] = parts[-1]
        elif text in KEY_COLUMNS + TIME_COLUMNS or (parts and parts[-1] in KEY_COLUMNS):
            columns[position] = parts[-1] if parts[-1] in KEY_COLUMNS else text
        elif len(parts) >= 2 and parts[-2] in multiple:
            split[position] = (parts[-2], parts[-1])
        elif not (parts and (parts[-1] in META or parts[-1].startswith("_"))):
            ignored.append(text)
    return columns, split, ignored


# Checking -----------------------------------------------------------------------------------


@dataclass
class _Context:
    survey: Survey
    questions: dict[str, tuple[SurveyItem, str]]
    regions: dict[str, Region]
    seen: dict[str, int] = field(default_factory=dict)
    existing: set[str] = field(default_factory=set)


def _key(cells: dict[str, str], raw: list[str]) -> str:
    for column in KEY_COLUMNS:
        value = cells.get(column, "").strip()
        if value:
            return value[:100]
    # No id from the collector: the row's content is its id, so the same file adds nothing.
    digest = hashlib.sha256("\x1f".join(raw).encode()).hexdigest()
    return f"row:{digest[:40]}"


def _time(cells: dict[str, str]) -> datetime.datetime:
    for column in TIME_COLUMNS:
        value = cells.get(column, "").strip()
        if not value:
            continue
        try:
            moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            continue
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, datetime.UTC)
        return moment
    return timezone.now()


def _check_row(
    number: int,
    raw: list[str],
    cells: dict[str, str],
    multiple: dict[str, list[str]],
    ctx: _Context,
    plan: AnswerPlan,
) -> PlannedResponse | None:
    survey = ctx.survey
    columns = {name: column for column, name in plan.columns.items()}

    def problem(name: str, message: str) -> None:
        plan.problems.append(Problem(number, columns.get(name, name), message))

    key = _key(cells, raw)
    if key in ctx.seen:
        plan.problems.append(
            Problem(
                number,
                "",
                _("repeats the submission of row %d (same id); the row is not imported.")
                % ctx.seen[key],
            )
        )
        plan.refused_rows.append(number)
        return None
    ctx.seen[key] = number
    if key in ctx.existing:
        plan.already.append(number)
        return None

    ratings: dict[int, dict[str, int]] = {}
    for name, (item, part) in ctx.questions.items():
        value = cells.get(name, "").strip()
        if not value:
            continue
        try:
            rating = int(float(value))
            whole = float(value) == rating
        except ValueError:
            rating, whole = None, False
        if rating is None or not whole or not survey.scale_min <= rating <= survey.scale_max:
            problem(
                name,
                _("“%(value)s” is not a rating from %(low)d to %(high)d; it is left out.")
                % {"value": value, "low": survey.scale_min, "high": survey.scale_max},
            )
            continue
        ratings.setdefault(item.pk, {})[part] = rating

    if not ratings:
        plan.problems.append(
            Problem(number, "", _("the row rates no competency; it is not imported."))
        )
        plan.refused_rows.append(number)
        return None

    background: dict[str, Any] = {}
    for name, choices in CHOICES.items():
        value = cells.get(name, "").strip()
        if not value:
            continue
        if value in choices.values:
            background[name] = value
        else:
            problem(
                name,
                _("“%(value)s” is not one of the choices (%(choices)s); it is left out.")
                % {"value": value, "choices": ", ".join(choices.values)},
            )
    region_code = cells.get("region", "").strip()
    if region_code:
        region = ctx.regions.get(region_code.upper())
        if region is None:
            problem("region", _("“%s” is not a region code; it is left out.") % region_code)
        else:
            background["region"] = region

    kind = survey.kinds[0] if survey.kinds else RespondentKind.SELF
    given_kind = cells.get(xlsform.KIND_QUESTION, "").strip()
    if given_kind:
        if given_kind in survey.kinds:
            kind = given_kind
        else:
            problem(
                xlsform.KIND_QUESTION,
                _("“%(value)s” is not who answers this survey (%(kinds)s); taken as “%(kind)s”.")
                % {"value": given_kind, "kinds": ", ".join(survey.kinds), "kind": kind},
            )

    barriers = []
    chosen = cells.get(xlsform.MULTIPLE, "").split() or multiple.get(xlsform.MULTIPLE, [])
    for value in chosen:
        if value in Barrier.values:
            if value not in barriers:
                barriers.append(value)
        else:
            problem(
                xlsform.MULTIPLE,
                _("“%(value)s” is not one of the choices (%(choices)s); it is left out.")
                % {"value": value, "choices": ", ".join(Barrier.values)},
            )
    texts = {}
    for name in xlsform.TEXTS:
        value = cells.get(name, "").strip()
        if len(value) > TEXT_LIMIT:
            problem(name, _("longer than %d characters; it is cut there.") % TEXT_LIMIT)
            value = value[:TEXT_LIMIT]
        if value:
            texts[name] = value
    return PlannedResponse(
        row=number,
        source_key=key,
        kind=kind,
        submitted_at=_time(cells),
        ratings=ratings,
        background=background,
        barriers=barriers,
        texts=texts,
    )


def plan_answer_import(*, survey: Survey, content: bytes, filename: str, actor: Any) -> AnswerPlan:
    """The dry run: what the file would import and every problem in it. Writes nothing."""
    _require_manager(actor)
    plan = AnswerPlan(survey=survey, filename=filename, sha256=hashlib.sha256(content).hexdigest())
    try:
        rows = read_rows(content, filename)
        if not rows or not any(rows[0]):
            raise refused(_("The file is empty: it needs a header row and one row per answer."))
    except ImportRefused as exc:
        plan.problems, plan.file_refused = exc.problems, True
        return plan
    questions = xlsform.question_map(survey).by_name
    known = set(questions) | set(xlsform.BACKGROUND_NAMES) | {xlsform.MULTIPLE, *xlsform.TEXTS}
    known.add(xlsform.KIND_QUESTION)
    positions, split, plan.ignored = match_columns(rows[0], known, {xlsform.MULTIPLE})
    plan.columns = {rows[0][p].strip(): name for p, name in positions.items()}
    for column in plan.ignored:
        parts = [p for p in SEPARATORS.split(column) if p]
        if parts and xlsform.QUESTION_SUFFIX.match(parts[-1]):
            plan.problems.append(
                Problem(
                    1,
                    column,
                    _(
                        "the column looks like a competency question, but the survey does not "
                        "ask about that competency; it is left aside."
                    ),
                )
            )
    if not any(name in questions for name in positions.values()):
        plan.file_refused = True
        plan.problems = [
            Problem(
                1,
                "",
                _(
                    "no column names a competency question of this survey. Export the answers "
                    "from KoboToolbox or ODK with XML values and headers; the columns expected "
                    "are: %s."
                )
                % ", ".join(list(questions)[:40] + (["…"] if len(questions) > 40 else [])),
            )
        ]
        return plan
    first: dict[str, str] = {}
    duplicates = []
    for position, name in positions.items():
        column = rows[0][position].strip()
        if name in first:
            duplicates.append(
                Problem(
                    1,
                    column,
                    _("this column holds “%(name)s”, as the column “%(other)s” does.")
                    % {"name": name, "other": first[name]},
                )
            )
        first.setdefault(name, column)
    if duplicates:
        plan.problems, plan.file_refused = duplicates, True
        return plan
    data = [(number, raw) for number, raw in enumerate(rows[1:], start=2) if any(raw)]
    if not data:
        plan.file_refused = True
        plan.problems = [Problem(0, "", _("The file has a header row but no answers."))]
        return plan
    if len(data) > MAX_ROWS:
        plan.file_refused = True
        plan.problems = [Problem(0, "", _("The file has more than %d rows.") % MAX_ROWS)]
        return plan
    plan.rows = len(data)
    ctx = _Context(
        survey=survey,
        questions=questions,
        regions={r.code.upper(): r for r in Region.objects.all()},
    )
    cells_of = []
    for number, raw in data:
        cells = {name: (raw[p] if p < len(raw) else "") for p, name in positions.items()}
        multiple: dict[str, list[str]] = {}
        for p, (name, choice) in split.items():
            if p < len(raw) and raw[p].strip().lower() in TRUE:
                multiple.setdefault(name, []).append(choice)
        cells_of.append((number, raw, cells, multiple))
    keys = [_key(cells, raw) for _n, raw, cells, _m in cells_of]
    ctx.existing = set(
        Response.objects.filter(survey=survey, source_key__in=keys).values_list(
            "source_key", flat=True
        )
    )
    for number, raw, cells, multiple in cells_of:
        planned = _check_row(number, raw, cells, multiple, ctx, plan)
        if planned is not None:
            plan.responses.append(planned)
    return plan


# Writing --------------------------------------------------------------------------------------


def _pseudonym() -> str:
    return "K" + secrets.token_hex(6).upper()


def import_answers(
    *,
    survey: Survey,
    content: bytes,
    filename: str,
    actor: Any,
    request: HttpRequest | None = None,
) -> AnswerResult:
    """Import every usable row of the file (values listed as problems left out); raise
    ImportRefused when the file itself cannot be imported."""
    _require_manager(actor)
    try:
        with transaction.atomic():
            plan = plan_answer_import(
                survey=survey, content=content, filename=filename, actor=actor
            )
            if plan.file_refused:
                raise ImportRefused(plan.problems)
            responses = Response.objects.bulk_create(
                [
                    Response(
                        survey=survey,
                        channel=Channel.IMPORTED,
                        kind=planned.kind,
                        pseudonym=_pseudonym(),
                        language="uz",
                        submitted_at=planned.submitted_at,
                        source_key=planned.source_key,
                        barriers=planned.barriers,
                        **planned.background,
                        **planned.texts,
                    )
                    for planned in plan.responses
                ],
                batch_size=BATCH,
            )
            Rating.objects.bulk_create(
                [
                    Rating(
                        response=response,
                        item_id=item_id,
                        importance=values.get("importance"),
                        current=values.get("current"),
                    )
                    for response, planned in zip(responses, plan.responses, strict=True)
                    for item_id, values in planned.ratings.items()
                ],
                batch_size=BATCH,
            )
            audit.record(
                "needs.answers.imported",
                actor=actor,
                target=survey,
                after={
                    "file": filename,
                    "sha256": plan.sha256,
                    "rows": plan.rows,
                    "responses": len(responses),
                    "already_imported": len(plan.already),
                    "rows_refused": len(plan.refused_rows),
                    "values_left_out": plan.left_out,
                },
                request=request,
            )
    except IntegrityError as exc:
        # Another import of the same submissions was confirmed at the same moment.
        raise refused(
            _(
                "Some of these answers were imported at the same moment by another upload. "
                "Check the file again."
            )
        ) from exc
    return AnswerResult(plan=plan, created=len(responses))
