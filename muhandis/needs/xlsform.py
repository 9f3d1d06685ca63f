"""A needs survey as an XLSForm, to be fielded in KoboToolbox or ODK Collect, and an XLSForm
built from that template read back as a new draft survey.

The form has one group per competency area and two ``select_one`` questions per competency,
named from the competency's code (``TEC-01`` asks ``TEC_01_imp`` and ``TEC_01_cur``), the
background questions named as the fields of ``Response`` they fill, and the open questions.
Labels and hints are in three languages (``label::Uzbek (uz)``...), as KoboToolbox and pyxform
read them. The same names come back as the columns of the answers KoboToolbox and ODK Central
export (``services.imports``).
"""

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from muhandis.accounts.models import EducationLevel, Gender, Region, SizeBand
from muhandis.competencies.models import Competency, Framework
from muhandis.core import audit

from .models import (
    AgeBand,
    Barrier,
    ExperienceBand,
    JobRole,
    RespondentKind,
    ScaleKind,
    Sector,
    Survey,
    SurveyItem,
)
from .services.surveys import FIXED_SCALES, create_survey

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSX_MAGIC = b"PK\x03\x04"
OLD_EXCEL_MAGIC = b"\xd0\xcf\x11\xe0"
# The languages of the form, as KoboToolbox names them: "Name (code)".
LANGUAGES = [("uz", "Uzbek (uz)"), ("ru", "Russian (ru)"), ("en", "English (en)")]
DEFAULT_LANGUAGE = "Uzbek (uz)"
IMPORTANCE, CURRENT = "imp", "cur"
SCALE_LIST = "scale"
KIND_QUESTION = "respondent_kind"
# Background questions: (name = the Response field, its choices, the question's label).
BACKGROUND: list[tuple[str, Any, Any]] = [
    ("gender", Gender, gettext_lazy("Gender")),
    ("age_band", AgeBand, gettext_lazy("Age")),
    ("region", None, gettext_lazy("Region where you work")),
    ("sector", Sector, gettext_lazy("Sector")),
    ("job_role", JobRole, gettext_lazy("Your role")),
    ("employer_size", SizeBand, gettext_lazy("Size of your employer")),
    ("experience", ExperienceBand, gettext_lazy("Years of experience as an engineer")),
    ("education", EducationLevel, gettext_lazy("Highest education")),
]
BACKGROUND_NAMES = [name for name, _choices, _label in BACKGROUND]
MULTIPLE = "barriers"
TEXTS = ["barriers_other", "comments"]
QUESTION_SUFFIX = re.compile(r"^(?P<base>.+)_(?P<part>imp|cur)$")
XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


# Names -------------------------------------------------------------------------------------


def xml_name(code: str) -> str:
    """A competency or area code as the stem of an XML name: ``TEC-01`` → ``TEC_01``."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", code)
    return name if re.match(r"[A-Za-z_]", name) else f"c_{name}"


def stems(codes: Iterable[str]) -> dict[str, str]:
    """Each code's stem, distinct even when two codes differ only in punctuation
    (``A-1`` and ``A.1``: the second becomes ``A_1_2``). Codes are taken in sorted order, so
    the mapping is the same for the same codes wherever it is computed."""
    taken: set[str] = set()
    result = {}
    for code in sorted(codes):
        stem = xml_name(code)
        name, number = stem, 2
        while name in taken:
            name, number = f"{stem}_{number}", number + 1
        taken.add(name)
        result[code] = name
    return result


@dataclass(frozen=True)
class QuestionMap:
    """Both ways between the form's question names and a survey's items: ``TEC_01_imp`` →
    (item, "importance")."""

    by_name: dict[str, tuple[SurveyItem, str]]

    def names(self) -> list[str]:
        return list(self.by_name)


def question_map(survey: Survey) -> QuestionMap:
    items = list(survey.items.select_related("competency__area").order_by("sort_order", "id"))
    stem_of = stems(
        Competency.objects.filter(framework=survey.framework_id).values_list("code", flat=True)
    )
    by_name: dict[str, tuple[SurveyItem, str]] = {}
    for item in items:
        stem = stem_of[item.competency.code]
        by_name[f"{stem}_{IMPORTANCE}"] = (item, "importance")
        by_name[f"{stem}_{CURRENT}"] = (item, "current")
    return QuestionMap(by_name)


# Export ------------------------------------------------------------------------------------


def _in_languages(text: "str | Promise") -> list[str]:
    """A lazy translation as it reads in each form language."""
    values = []
    for code, _name in LANGUAGES:
        with translation.override(code):
            values.append(str(text))
    return values


def _field_in_languages(obj: Any, name: str) -> list[str]:
    """A translated model field in each form language; a missing translation shows the Uzbek
    text (a form with an empty label is refused by some collectors)."""
    fallback = getattr(obj, f"{name}_uz", "") or getattr(obj, name, "")
    return [getattr(obj, f"{name}_{code}", "") or fallback for code, _name in LANGUAGES]


def scale_choices(survey: Survey) -> list[tuple[str, list[str]]]:
    """The scale's choices: (name, labels in each language)."""
    if survey.scale == ScaleKind.FRAMEWORK and survey.framework.scale_id:
        levels = survey.framework.scale.levels.filter(
            value__gte=survey.scale_min, value__lte=survey.scale_max
        ).order_by("value")
        return [
            (str(level.value), [f"{level.value} – {n}" for n in _field_in_languages(level, "name")])
            for level in levels
        ]
    if survey.scale == ScaleKind.HENNESSY_HICKS:
        ends = (gettext_lazy("not at all"), gettext_lazy("very"))
    else:
        ends = (gettext_lazy("none"), gettext_lazy("very high"))
    choices = []
    for value in range(survey.scale_min, survey.scale_max + 1):
        if value == survey.scale_min:
            labels = _in_languages(format_lazy("{} – {}", value, ends[0]))
        elif value == survey.scale_max:
            labels = _in_languages(format_lazy("{} – {}", value, ends[1]))
        else:
            labels = [str(value)] * len(LANGUAGES)
        choices.append((str(value), labels))
    return choices


def _text_choices(choices: Any) -> list[tuple[str, list[str]]]:
    return [(value, _in_languages(label)) for value, label in choices.choices]


def form_rows(survey: Survey) -> dict[str, list[list[Any]]]:
    """The three sheets of the survey's XLSForm, header row first."""
    languages = [name for _code, name in LANGUAGES]
    survey_header = (
        ["type", "name"]
        + [f"label::{n}" for n in languages]
        + [f"hint::{n}" for n in languages]
        + ["required", "relevant", "appearance"]
    )
    rows: list[list[Any]] = [survey_header]

    def question(
        kind: str,
        name: str,
        labels: list[str],
        hints: list[str] | None = None,
        required: bool = False,
        relevant: str = "",
        appearance: str = "",
    ) -> None:
        hints = hints or [""] * len(LANGUAGES)
        rows.append([kind, name, *labels, *hints, "yes" if required else "", relevant, appearance])

    choices: list[list[Any]] = [["list_name", "name"] + [f"label::{n}" for n in languages]]

    def choice_list(name: str, options: list[tuple[str, list[str]]]) -> None:
        choices.extend([name, value, *labels] for value, labels in options)

    question("start", "start", [""] * 3)
    question("end", "end", [""] * 3)
    if getattr(survey, "introduction_uz", "") or survey.introduction:
        question("note", "introduction", _field_in_languages(survey, "introduction"))
    if len(survey.kinds) > 1:
        question(
            f"select_one {KIND_QUESTION}",
            KIND_QUESTION,
            _in_languages(gettext_lazy("You answer")),
            required=True,
        )
        choice_list(
            KIND_QUESTION,
            [(kind, _in_languages(RespondentKind(kind).label)) for kind in survey.kinds],
        )

    question_names = question_map(survey)
    items_by_area: dict[int, list[tuple[str, SurveyItem]]] = {}
    areas = {}
    for name, (item, part) in question_names.by_name.items():
        if part == "importance":
            area = item.competency.area
            areas[area.pk] = area
            items_by_area.setdefault(area.pk, []).append((name.removesuffix("_imp"), item))
    area_stems = stems(area.code for area in areas.values())
    importance_hint = _in_languages(gettext_lazy("The level the work requires."))
    current_hint = _in_languages(
        gettext_lazy("The current level (your staff's, if you answer as a supervisor).")
    )
    for area_id, entries in items_by_area.items():
        area = areas[area_id]
        group = f"grp_{area_stems[area.code]}"
        question("begin_group", group, _field_in_languages(area, "title"))
        for stem, item in entries:
            titles = _field_in_languages(item.competency, "title")
            importance = _in_languages(gettext_lazy("importance"))
            current = _in_languages(gettext_lazy("current level"))
            question(
                f"select_one {SCALE_LIST}",
                f"{stem}_{IMPORTANCE}",
                [f"{t}: {w}" for t, w in zip(titles, importance, strict=True)],
                importance_hint,
                appearance="horizontal-compact",
            )
            question(
                f"select_one {SCALE_LIST}",
                f"{stem}_{CURRENT}",
                [f"{t}: {w}" for t, w in zip(titles, current, strict=True)],
                current_hint,
                appearance="horizontal-compact",
            )
        question("end_group", group, [""] * 3)
    choice_list(SCALE_LIST, scale_choices(survey))

    question("begin_group", "grp_background", _in_languages(gettext_lazy("About you")))
    for name, options, label in BACKGROUND:
        hint = None
        if name == "gender":
            hint = _in_languages(
                gettext_lazy(
                    "Asked so that the findings can show whether women and men need different "
                    "training; you may choose not to say."
                )
            )
        question(f"select_one {name}", name, _in_languages(label), hint)
        if options is None:
            regions = Region.objects.order_by("country", "sort_order", "code")
            choice_list(name, [(r.code, _field_in_languages(r, "name")) for r in regions])
        else:
            choice_list(name, _text_choices(options))
    question("end_group", "grp_background", [""] * 3)

    question("begin_group", "grp_open", _in_languages(gettext_lazy("Training")))
    question(
        f"select_multiple {MULTIPLE}",
        MULTIPLE,
        _in_languages(gettext_lazy("What keeps you from training?")),
        _in_languages(gettext_lazy("Choose all that apply.")),
    )
    choice_list(MULTIPLE, _text_choices(Barrier))
    other_relevant = f"selected(${{{MULTIPLE}}}, 'other')" if "other" in Barrier.values else ""
    question(
        "text",
        "barriers_other",
        _in_languages(gettext_lazy("Anything else that keeps you from training?")),
        relevant=other_relevant,
        appearance="multiline",
    )
    question(
        "text",
        "comments",
        _in_languages(gettext_lazy("Comments")),
        appearance="multiline",
    )
    question("end_group", "grp_open", [""] * 3)

    settings_rows = [
        ["form_title", "form_id", "version", "default_language"],
        [
            getattr(survey, "title_uz", "") or survey.title,
            survey.code,
            survey.updated_at.strftime("%Y%m%d%H%M") if survey.updated_at else "1",
            DEFAULT_LANGUAGE,
        ],
    ]
    return {"survey": rows, "choices": choices, "settings": settings_rows}


def export_workbook(survey: Survey) -> bytes:
    """The survey as an XLSForm (XLSX)."""
    from openpyxl import Workbook

    from muhandis.core.tables import safe_cell

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in form_rows(survey).items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append([safe_cell(value) if value != "" else None for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormProblem:
    """One thing wrong in an XLSForm: row 0 is the whole sheet (or the whole file)."""

    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        where = [self.sheet] if self.sheet else []
        if self.row:
            where.append(_("row %d") % self.row)
        if self.column:
            where.append(_("column “%s”") % self.column)
        return f"{', '.join(where)}: {self.message}" if where else str(self.message)


class FormRefused(ValidationError):
    def __init__(self, problems: list[FormProblem]) -> None:
        super().__init__([str(p) for p in problems])
        self.problems = problems


@dataclass
class Sheet:
    """A sheet's header (names in lower case) and its rows, each with its row number."""

    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


HEADER_ALIASES = {"list name": "list_name", "caption": "label", "value": "name"}


def _read_sheets(content: bytes) -> dict[str, Sheet]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheets = {}
        for worksheet in workbook.worksheets:
            raw = [[_cell(v) for v in row] for row in worksheet.iter_rows(values_only=True)]
            if not raw:
                sheets[worksheet.title.strip().lower()] = Sheet(worksheet.title, [], [])
                continue
            header = [re.sub(r"\s*::\s*", "::", c.lower()) for c in raw[0]]
            header = [HEADER_ALIASES.get(c, c) for c in header]
            rows = [
                (number, {h: (r[i] if i < len(r) else "") for i, h in enumerate(header) if h})
                for number, r in enumerate(raw[1:], start=2)
                if any(r)
            ]
            sheets[worksheet.title.strip().lower()] = Sheet(worksheet.title, header, rows)
        return sheets
    finally:
        workbook.close()


CONTROL_TYPES = {
    "begin group", "end group", "begin repeat", "end repeat",
    "begin_group", "end_group", "begin_repeat", "end_repeat",
}  # fmt: skip
SELECT_TYPE = re.compile(
    r"^(select_one|select_multiple|select one|select multiple|select all that apply|rank)"
    r"\s+(?P<list>\S+)(\s+or_other)?$"
)
EXPRESSION_COLUMNS = ("relevant", "constraint", "calculation", "required", "choice_filter")
REF = re.compile(r"\$\{([^}]*)\}")


def _known_type(kind: str) -> bool:
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

    return kind in QUESTION_TYPE_DICT or kind in CONTROL_TYPES


def expression_problem(text: str, names: set[str]) -> str | None:
    """Why an XLSForm expression is broken, or None: unbalanced brackets or quotes, a
    reference to a name the form does not have, two operators in a row, or an operator with
    nothing on one side. Written with pyxform's own lexer."""
    from pyxform.parsing.expression import parse_expression

    if text.strip().lower() in ("yes", "no", "true", "false", "true()", "false()"):
        return None
    for reference in REF.findall(text):
        if reference.split("#")[-1] not in names:
            return _("it refers to ${%s}, which is not a question of the form.") % reference
    try:
        tokens = [t for t in parse_expression(text) if t.type != "WHITESPACE"]
    except Exception:  # the lexer's own errors all mean the same here
        return _("it cannot be read as an expression.")
    depth = 0
    binary = {"OPS_MATH", "OPS_COMP", "OPS_BOOL", "OPS_UNION"}
    previous = None
    for index, token in enumerate(tokens):
        before = tokens[index - 1] if index else None
        if (
            token.type == "OPS_COMP"
            and str(token) == "="
            and before is not None
            and str(before) in ("<", ">")
            and before.end_pos == token.start_pos
        ):
            continue  # the lexer reads "<=" as "<" then "="
        if token.type in ("OTHER", "PYXFORM_REF_START", "PYXFORM_REF_END"):
            if str(token).strip() in ("'", '"'):
                return _("a quotation mark is not closed.")
            return _("“%s” is out of place.") % str(token).strip()
        if token.type in ("OPEN_PAREN", "FUNC_CALL"):
            depth += 1
        elif token.type == "CLOSE_PAREN":
            depth -= 1
            if depth < 0:
                return _("a closing bracket has no opening bracket.")
            if previous in binary or previous == "COMMA":
                return _("an operator has nothing after it.")
        elif token.type in binary:
            starts = previous is None or previous in ("OPEN_PAREN", "FUNC_CALL", "COMMA")
            if (previous in binary or starts) and str(token).strip() != "-":
                return _("the operator “%s” has nothing before it.") % str(token).strip()
        previous = token.type
    if depth > 0:
        return _("a bracket is not closed.")
    if previous in binary:
        return _("an operator has nothing after it.")
    return None


ROW_IN_MESSAGE = re.compile(r"\[row\s*:\s*(\d+)\]\s*")


def pyxform_problems(content: bytes) -> list[FormProblem]:
    """What pyxform finds wrong when it converts the form to an XForm (its row kept)."""
    from pyxform.errors import PyXFormError
    from pyxform.xls2xform import convert

    try:
        convert(content, warnings=[], file_type=".xlsx")
    except PyXFormError as exc:
        text = str(exc)
    except Exception as exc:  # pyxform fails in many ways on a damaged form; each is a problem
        text = str(exc) or type(exc).__name__
    else:
        return []
    found = ROW_IN_MESSAGE.search(text)
    row = int(found.group(1)) if found else 0
    detail = ROW_IN_MESSAGE.sub("", text).strip()
    sheet = next((s for s in ("choices", "settings") if f"'{s}'" in detail), "survey")
    return [
        FormProblem(
            sheet, row, "", _("the form cannot be turned into an XForm (pyxform: %s)") % detail
        )
    ]


@dataclass
class FormPlan:
    """What an XLSForm would create, or every reason it cannot."""

    filename: str
    framework: Framework
    code: str = ""
    title: str = ""
    scale: str = ""
    kinds: list[str] = field(default_factory=list)
    competencies: list[Competency] = field(default_factory=list)
    problems: list[FormProblem] = field(default_factory=list)


def _check_survey_sheet(
    survey: Sheet, choices: Sheet | None, problems: list[FormProblem]
) -> tuple[dict[str, tuple[int, str]], dict[str, list[str]]]:
    """The questions (name → (row, type)) and choice lists (name → choice names)."""

    def problem(row: int, column: str, message: str, sheet: str = "survey") -> None:
        problems.append(FormProblem(sheet, row, column, message))

    lists: dict[str, list[str]] = {}
    if choices is not None and choices.rows:
        for column in ("list_name", "name"):
            if column not in choices.header:
                problem(1, column, _("the column is missing from the header row."), "choices")
        for number, cells in choices.rows:
            list_name, name = cells.get("list_name", ""), cells.get("name", "")
            if list_name and not name:
                problem(number, "name", _("the choice has no name."), "choices")
            if list_name and name in lists.get(list_name, []):
                problem(
                    number,
                    "name",
                    _("the list “%(list)s” already has a choice named “%(name)s”.")
                    % {"list": list_name, "name": name},
                    "choices",
                )
            if list_name:
                lists.setdefault(list_name, []).append(name)
    missing = [c for c in ("type", "name") if c not in survey.header]
    if not any(h == "label" or h.startswith("label::") for h in survey.header):
        missing.append("label")
    for column in missing:
        problem(1, column, _("the column is missing from the header row."))
    if missing:
        return {}, lists
    questions: dict[str, tuple[int, str]] = {}
    for number, cells in survey.rows:
        kind = re.sub(r"\s+", " ", cells.get("type", "")).strip()
        name = cells.get("name", "")
        if not kind:
            if name:
                problem(number, "type", _("the question “%s” has no type.") % name)
            continue
        select = SELECT_TYPE.match(kind)
        if select:
            if select.group("list") not in lists:
                problem(
                    number,
                    "type",
                    _("the choice list “%s” is not on the choices sheet.") % select.group("list"),
                )
        elif not _known_type(kind):
            problem(number, "type", _("“%s” is not a question type of XLSForm.") % kind)
            continue
        if kind.startswith("end"):
            continue
        if not name:
            problem(number, "name", _("the question has no name."))
            continue
        if not XML_NAME.match(name):
            problem(
                number,
                "name",
                _("“%s” is not a valid name: begin with a letter and use letters, digits and _.")
                % name,
            )
        if name in questions:
            problem(
                number,
                "name",
                _("the name “%(name)s” is already used on row %(row)d.")
                % {"name": name, "row": questions[name][0]},
            )
            continue
        questions[name] = (number, kind)
    names = set(questions)
    for number, cells in survey.rows:
        for column in EXPRESSION_COLUMNS:
            text = cells.get(column, "")
            if text:
                reason = expression_problem(text, names)
                if reason:
                    problem(number, column, reason)
    return questions, lists


def plan_form_import(*, content: bytes, filename: str, framework: Framework) -> FormPlan:
    """Read and check an XLSForm; writes nothing."""
    plan = FormPlan(filename=filename, framework=framework)
    problems = plan.problems
    if content.startswith(OLD_EXCEL_MAGIC):
        problems.append(
            FormProblem(
                "",
                0,
                "",
                _("The file is an old Excel workbook (.xls): open it and save it as .xlsx."),
            )
        )
        return plan
    if not content.startswith(XLSX_MAGIC):
        problems.append(
            FormProblem("", 0, "", _("The file is not an XLSX workbook: save the form as .xlsx."))
        )
        return plan
    try:
        sheets = _read_sheets(content)
    except Exception:  # openpyxl raises many kinds for a damaged file; all mean the same
        problems.append(
            FormProblem("", 0, "", _("The file cannot be read as an XLSX workbook: save it again."))
        )
        return plan
    survey = sheets.get("survey")
    if survey is None or not survey.rows:
        problems.append(
            FormProblem("survey", 0, "", _("The workbook has no “survey” sheet with questions."))
        )
        return plan
    questions, lists = _check_survey_sheet(survey, sheets.get("choices"), problems)
    _read_settings(plan, sheets.get("settings"))
    if not problems:
        problems.extend(pyxform_problems(content))
    if not problems:
        _read_competencies(plan, questions, lists)
    order = {"": 0, "survey": 1, "choices": 2, "settings": 3}
    problems.sort(key=lambda p: (order.get(p.sheet, 4), p.row))
    return plan


def _read_settings(plan: FormPlan, settings: Sheet | None) -> None:
    cells = settings.rows[0][1] if settings and settings.rows else {}
    row = settings.rows[0][0] if settings and settings.rows else 2
    plan.code = cells.get("form_id", "").strip()
    plan.title = cells.get("form_title", "").strip() or plan.code
    if not plan.code:
        plan.problems.append(
            FormProblem("settings", row, "form_id", _("the form has no form_id: it is the code."))
        )
    elif not re.fullmatch(r"[-a-zA-Z0-9_]{1,50}", plan.code):
        plan.problems.append(
            FormProblem(
                "settings",
                row,
                "form_id",
                _("“%s” cannot be a survey code: use Latin letters, digits, - and _ (50 at most).")
                % plan.code,
            )
        )
    elif Survey.objects.filter(code=plan.code).exists():
        plan.problems.append(
            FormProblem(
                "settings",
                row,
                "form_id",
                _("a survey with the code “%s” exists already: change the form_id.") % plan.code,
            )
        )
    if len(plan.title) > 200:
        plan.problems.append(
            FormProblem("settings", row, "form_title", _("longer than 200 characters."))
        )


def _read_competencies(
    plan: FormPlan,
    questions: dict[str, tuple[int, str]],
    lists: dict[str, list[str]],
) -> None:
    by_stem = {
        stem: code
        for code, stem in stems(
            Competency.objects.filter(framework=plan.framework).values_list("code", flat=True)
        ).items()
    }
    competencies = {c.code: c for c in Competency.objects.filter(framework=plan.framework)}
    found: list[str] = []
    scale_lists: set[str] = set()
    for name, (row, kind) in questions.items():
        match = QUESTION_SUFFIX.match(name)
        if not match or not kind.startswith("select_one"):
            continue
        code = by_stem.get(match.group("base"))
        if code is None:
            plan.problems.append(
                FormProblem(
                    "survey",
                    row,
                    "name",
                    _("no competency of the framework “%(framework)s” is named “%(name)s”.")
                    % {"framework": plan.framework, "name": match.group("base")},
                )
            )
            continue
        scale_lists.add(kind.split()[1])
        if code not in found:
            found.append(code)
    if not found:
        plan.problems.append(
            FormProblem(
                "survey",
                0,
                "name",
                _(
                    "no question rates a competency: name them from the competency's code, "
                    "e.g. TEC_01_imp and TEC_01_cur."
                ),
            )
        )
        return
    if len(scale_lists) > 1:
        plan.problems.append(
            FormProblem(
                "survey",
                0,
                "type",
                _("the competency questions use several choice lists (%s): use one scale.")
                % ", ".join(sorted(scale_lists)),
            )
        )
        return
    plan.scale = _scale_kind(plan, lists.get(next(iter(scale_lists)), []))
    plan.competencies = [competencies[code] for code in found]
    kinds = lists.get(KIND_QUESTION, []) if KIND_QUESTION in questions else []
    unknown = [k for k in kinds if k not in RespondentKind.values]
    if unknown:
        plan.problems.append(
            FormProblem(
                "choices",
                0,
                "name",
                _("the list “%(list)s” has unknown choices (%(names)s); use %(known)s.")
                % {
                    "list": KIND_QUESTION,
                    "names": ", ".join(unknown),
                    "known": ", ".join(RespondentKind.values),
                },
            )
        )
    plan.kinds = [k for k in kinds if k in RespondentKind.values] or [RespondentKind.SELF]


def _scale_kind(plan: FormPlan, names: list[str]) -> str:
    try:
        values = sorted(int(n) for n in names)
    except ValueError:
        values = []
    framework_values = sorted(
        plan.framework.scale.levels.values_list("value", flat=True)
        if plan.framework.scale_id
        else []
    )
    if values and values == framework_values:
        return ScaleKind.FRAMEWORK
    for kind, (low, high) in FIXED_SCALES.items():
        if values == list(range(low, high + 1)):
            return kind
    plan.problems.append(
        FormProblem(
            "choices",
            0,
            "name",
            _(
                "the rating choices (%(names)s) are not a known scale: use the framework's "
                "levels (%(levels)s), 1 to 5 or 1 to 7."
            )
            % {
                "names": ", ".join(names) or "—",
                "levels": ", ".join(str(v) for v in framework_values) or "—",
            },
        )
    )
    return ""


def import_form(*, content: bytes, filename: str, framework: Framework, actor: Any) -> Survey:
    """A draft survey from an XLSForm, asking about the form's competencies in its order;
    raises FormRefused listing every problem."""
    plan = plan_form_import(content=content, filename=filename, framework=framework)
    if plan.problems:
        raise FormRefused(plan.problems)
    with transaction.atomic():
        survey = create_survey(
            actor=actor,
            code=plan.code,
            titles={"uz": plan.title},
            framework=framework,
            areas=list({c.area_id: c.area for c in plan.competencies}.values()),
            scale=plan.scale,
            kinds=plan.kinds,
        )
        order = {c.pk: index for index, c in enumerate(plan.competencies)}
        items = list(survey.items.all())
        SurveyItem.objects.filter(
            pk__in=[i.pk for i in items if i.competency_id not in order]
        ).delete()
        kept = [i for i in items if i.competency_id in order]
        for item in kept:
            item.sort_order = order[item.competency_id]
        SurveyItem.objects.bulk_update(kept, ["sort_order"])
        audit.record(
            "needs.xlsform.imported",
            actor=actor,
            target=survey,
            after={"file": filename, "competencies": len(kept), "scale": plan.scale},
        )
    return survey
