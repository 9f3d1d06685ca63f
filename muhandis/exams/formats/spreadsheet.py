"""The spreadsheet layout for authors who write items in Excel (XLSX, or CSV in UTF-8).

Row 1 names the columns; each further row is one item. Columns are found by name, so they may
be in any order and unused ones may be left out; ``kind`` and at least one ``stem_*`` column
are needed. Names are case-insensitive; spaces count as underscores.

==================  ===========================================================================
kind                single, multiple, true_false, numeric, matching, short_text or essay
name                the item's name or code, e.g. HYD-01-0001
competencies        competency codes, separated by commas or semicolons, e.g. TEC-01, TEC-02
schemes             codes of the schemes the item serves, separated likewise
difficulty          1 (easy), 2 (medium) or 3 (hard); empty if not yet known
tags                free tags, separated likewise
stem_uz/_ru/_en     the question in Uzbek, Russian and English (at least one)
option_a_uz …       options A to F, one column per language. single/multiple: start the
option_f_en         correct options with ``*`` (in any of the languages). short_text: each
                    option is an accepted answer. matching: each option is a pair,
                    ``left -> right``
answer              numeric: the correct number (``0.955`` or ``0,955``);
                    true_false: true or false
tolerance           numeric: how far from the answer still counts as correct
unit                numeric: the unit the answer is in, e.g. m/s
case_sensitive      short_text: yes if capitals must match; empty or no otherwise
rubric_uz/_ru/_en   essay: the rubric the markers use
feedback_uz/_ru/…   general feedback shown after the answer
==================  ===========================================================================

Multiple-response items give each correct option an equal share of the credit. What this
layout cannot hold (partial credit, option feedback, more than six options, a second unit) is
reported when writing.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from muhandis.core import tables

from .examples import EXAMPLES
from .items import (
    KINDS,
    LANGUAGES,
    ExportResult,
    ImportResult,
    ItemDraft,
    Option,
    Pair,
    Problem,
    Unit,
    check,
)

LETTERS = "abcdef"
COLUMNS: tuple[str, ...] = (
    "kind",
    "name",
    "competencies",
    "schemes",
    "difficulty",
    "tags",
    *(f"stem_{code}" for code in LANGUAGES),
    *(f"option_{letter}_{code}" for letter in LETTERS for code in LANGUAGES),
    "answer",
    "tolerance",
    "unit",
    "case_sensitive",
    *(f"rubric_{code}" for code in LANGUAGES),
    *(f"feedback_{code}" for code in LANGUAGES),
)
GUIDE = (
    ("kind", "single, multiple, true_false, numeric, matching, short_text or essay"),
    ("name", "The item's name or code."),
    ("competencies", "Competency codes, separated by commas."),
    ("schemes", "Codes of the schemes the item serves, separated by commas."),
    ("difficulty", "1 (easy), 2 (medium) or 3 (hard)."),
    ("tags", "Free tags, separated by commas."),
    ("stem_uz, stem_ru, stem_en", "The question in each language it is written in."),
    ("option_a_uz … option_f_en", "Options; start correct ones with *. Matching: left -> right."),
    ("answer", "numeric: the correct number; true_false: true or false."),
    ("tolerance, unit", "numeric: the tolerance and the unit of the answer."),
    ("case_sensitive", "short_text: yes if capitals must match."),
    ("rubric_uz, rubric_ru, rubric_en", "essay: the rubric the markers use."),
    ("feedback_uz, feedback_ru, feedback_en", "General feedback shown after the answer."),
)
KIND_ALIASES = {
    "single choice": "single",
    "multiple response": "multiple",
    "multiple choice": "multiple",
    "true/false": "true_false",
    "truefalse": "true_false",
    "true false": "true_false",
    "numerical": "numeric",
    "short text": "short_text",
    "short answer": "short_text",
    "case study": "essay",
}
TRUE_WORDS = {"true", "t", "yes", "1", "ha", "да", "верно"}
FALSE_WORDS = {"false", "f", "no", "0", "yoʻq", "yo'q", "нет", "неверно"}
SEPARATORS = re.compile(r"[,;]")
ARROW = re.compile(r"\s*(?:->|→)\s*")

EMPTY_FILE = "The file is empty."
OLD_EXCEL = "This is an old Excel .xls file. Save it as .xlsx, or as CSV UTF-8."
NOT_XLSX = "The file cannot be read as an Excel workbook (.xlsx): {reason}."
NOT_UTF8 = "The CSV file is not in UTF-8. In Excel, save it as “CSV UTF-8 (comma delimited)”."
BAD_CSV = "The CSV file cannot be read: {reason}."
UNKNOWN_COLUMN = "The column “{name}” is not one of the template's columns; check its spelling."
DUPLICATE_COLUMN = "The column “{name}” appears twice."
NO_KIND_COLUMN = "The header row has no “kind” column. Start from the template's header row."
NO_STEM_COLUMN = "The header row has no stem_uz, stem_ru or stem_en column."
NO_ROWS = "The spreadsheet has a header row but no items."
UNKNOWN_KIND = "The type “{value}” is not one of: {kinds}."
BAD_DIFFICULTY = "The difficulty “{value}” is not 1, 2 or 3."
BAD_NUMBER = "“{value}” is not a number."
BAD_TRUTH = "Write true or false, not “{value}”."
BAD_FLAG = "Write yes or no, not “{value}”."
BAD_PAIR = "Write a matching pair as “left -> right”, not “{value}”."
STAR_DIFFERS = "Option {label} is marked correct (*) in some languages but not in others."
TOO_MANY_OPTIONS = "The layout holds six options (A–F); the other {count} are not written."
CREDIT_NOT_KEPT = "The layout marks options right or wrong: their partial credit is not kept."
FEEDBACK_NOT_KEPT = "The layout has no place for feedback on each option; it is not written."
UNITS_NOT_KEPT = "The layout holds one unit; the others ({units}) are not written."


@dataclass
class _Row:
    number: int
    cells: dict[str, str]
    letters: dict[str, str]
    problems: list[Problem] = field(default_factory=list)

    def get(self, name: str) -> str:
        return self.cells.get(name, "").strip()

    def fail(self, column: str, message: str) -> None:
        self.problems.append(
            Problem(
                line=self.number,
                item=self.get("name") or None,
                message=message,
                column=self.letters.get(column),
            )
        )

    def warn(self, column: str, message: str) -> None:
        self.fail(column, message)
        self.problems[-1] = replace(self.problems[-1], severity="warning")


# Reading ---------------------------------------------------------------------------------------


def parse(data: bytes) -> ImportResult:
    """Read an XLSX or CSV file in the layout above. Problems carry the row (``line``) and
    the column letter; nothing here raises on bad input."""
    if not data.strip():
        return _failed(Problem(line=None, item=None, message=EMPTY_FILE))
    rows = _rows(data)
    if isinstance(rows, Problem):
        return _failed(rows)
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        return _failed(Problem(line=None, item=None, message=EMPTY_FILE))
    header = _header(rows[0])
    if isinstance(header, Problem):
        return _failed(header)
    columns, problems = header
    items: list[ItemDraft] = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(value.strip() for value in values):
            continue
        row = _Row(
            number=number,
            cells={name: values[i] if i < len(values) else "" for i, name in columns.items()},
            letters={name: get_column_letter(i + 1) for i, name in columns.items()},
        )
        item = _item(row)
        if item is not None:
            row.problems += [replace(p, line=number) for p in check(item)]
            items.append(item)
        problems += row.problems
    if len(rows) < 2 or (not items and not problems):
        problems.append(Problem(line=1, item=None, message=NO_ROWS))
    return ImportResult(items=tuple(items), problems=tuple(problems))


def _failed(problem: Problem) -> ImportResult:
    return ImportResult(items=(), problems=(problem,))


def _rows(data: bytes) -> list[list[str]] | Problem:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return Problem(line=None, item=None, message=OLD_EXCEL)
    try:
        if data.startswith(tables.XLSX_MAGIC):
            return tables.xlsx_rows(data, _cell, sheet="Items")
        return tables.csv_rows(data)
    except tables.TableError as exc:
        message = {
            "not_utf8": NOT_UTF8,
            "bad_csv": BAD_CSV.format(reason=exc.detail),
            "not_xlsx": NOT_XLSX.format(reason=exc.detail),
        }[exc.reason]
        return Problem(line=None, item=None, message=message)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if (
        isinstance(value, str)
        and value.startswith("'")
        and value[1:].startswith(tables.FORMULA_STARTS)
    ):
        return value[1:]  # protected by ``write`` from running as a formula
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _normal(name: str) -> str:
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def _header(cells: Sequence[str]) -> tuple[dict[int, str], list[Problem]] | Problem:
    columns: dict[int, str] = {}
    problems: list[Problem] = []
    for index, cell in enumerate(cells):
        name = _normal(cell)
        letter = get_column_letter(index + 1)
        if not name:
            continue
        if name not in COLUMNS:
            message = UNKNOWN_COLUMN.format(name=cell.strip())
            problems.append(Problem(line=1, item=None, message=message, column=letter))
        elif name in columns.values():
            message = DUPLICATE_COLUMN.format(name=cell.strip())
            problems.append(Problem(line=1, item=None, message=message, column=letter))
        else:
            columns[index] = name
    if "kind" not in columns.values():
        return Problem(line=1, item=None, message=NO_KIND_COLUMN, column="A")
    if not any(f"stem_{code}" in columns.values() for code in LANGUAGES):
        return Problem(line=1, item=None, message=NO_STEM_COLUMN)
    return columns, problems


def _languages(row: _Row, prefix: str) -> dict[str, str]:
    return {code: row.get(f"{prefix}_{code}") for code in LANGUAGES if row.get(f"{prefix}_{code}")}


def _codes(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in SEPARATORS.split(value) if part.strip())


def _item(row: _Row) -> ItemDraft | None:
    raw = row.get("kind")
    kind = KIND_ALIASES.get(raw.lower(), raw.lower().replace(" ", "_"))
    if kind not in KINDS:
        row.fail("kind", UNKNOWN_KIND.format(value=raw, kinds=", ".join(KINDS)))
        return None
    errors_before = len(row.problems)
    item = ItemDraft(
        kind=kind,
        name=row.get("name"),
        texts=_languages(row, "stem"),
        competencies=_codes(row.get("competencies")),
        schemes=_codes(row.get("schemes")),
        tags=_codes(row.get("tags")),
        difficulty=_difficulty(row),
        feedback=_languages(row, "feedback"),
    )
    item = _KIND_READERS[kind](row, item)
    if any(p.severity == "error" for p in row.problems[errors_before:]):
        return None
    return item


def _difficulty(row: _Row) -> int | None:
    value = row.get("difficulty")
    if not value:
        return None
    if value not in ("1", "2", "3"):
        row.fail("difficulty", BAD_DIFFICULTY.format(value=value))
        return None
    return int(value)


def _number(row: _Row, column: str) -> float | None:
    value = row.get(column).replace(" ", "").replace("\u00a0", "")
    if not value:
        return None
    if "," in value and "." not in value:
        value = value.replace(",", ".")
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        row.fail(column, BAD_NUMBER.format(value=row.get(column)))
        return None
    return number


def _option_cells(row: _Row) -> list[tuple[str, dict[str, str]]]:
    """(letter, texts) of each option that has text in any language."""
    found = []
    for letter in LETTERS:
        texts = _languages(row, f"option_{letter}")
        if texts:
            found.append((letter, texts))
    return found


def _read_choices(row: _Row, item: ItemDraft) -> ItemDraft:
    options = []
    for letter, texts in _option_cells(row):
        starred = {code: text.startswith("*") for code, text in texts.items()}
        if len(set(starred.values())) > 1:
            row.warn(f"option_{letter}_{LANGUAGES[0]}", STAR_DIFFERS.format(label=letter.upper()))
        clean = {code: text.removeprefix("*").strip() for code, text in texts.items()}
        options.append(Option(texts=clean, fraction=1.0 if any(starred.values()) else 0.0))
    if item.kind == "multiple":
        share = round(1 / max(1, sum(1 for o in options if o.correct)), 7)
        options = [replace(o, fraction=share) if o.correct else o for o in options]
    return replace(item, options=tuple(options))


def _read_short_text(row: _Row, item: ItemDraft) -> ItemDraft:
    options = tuple(
        Option(
            texts={code: text.removeprefix("*").strip() for code, text in texts.items()},
            fraction=1.0,
        )
        for _, texts in _option_cells(row)
    )
    value = row.get("case_sensitive").lower()
    if value and value not in TRUE_WORDS | FALSE_WORDS:
        row.fail("case_sensitive", BAD_FLAG.format(value=row.get("case_sensitive")))
    return replace(item, options=options, case_sensitive=value in TRUE_WORDS)


def _read_true_false(row: _Row, item: ItemDraft) -> ItemDraft:
    value = row.get("answer").lower()
    if value in TRUE_WORDS | FALSE_WORDS:
        return replace(item, truth=value in TRUE_WORDS)
    if value:
        row.fail("answer", BAD_TRUTH.format(value=row.get("answer")))
    return item


def _read_numeric(row: _Row, item: ItemDraft) -> ItemDraft:
    answer = _number(row, "answer")
    tolerance = _number(row, "tolerance") or 0.0
    units = (Unit(row.get("unit")),) if row.get("unit") else ()
    return replace(item, answer=answer, tolerance=tolerance, units=units)


def _read_matching(row: _Row, item: ItemDraft) -> ItemDraft:
    pairs = []
    for letter, texts in _option_cells(row):
        left, right = {}, {}
        for code, text in texts.items():
            parts = ARROW.split(text, maxsplit=1)
            if len(parts) != 2:
                row.fail(f"option_{letter}_{code}", BAD_PAIR.format(value=text))
                continue
            left[code], right[code] = parts[0].strip(), parts[1].strip()
        pairs.append(Pair(left=left, right=right))
    return replace(item, pairs=tuple(pairs))


def _read_essay(row: _Row, item: ItemDraft) -> ItemDraft:
    return replace(item, rubric=_languages(row, "rubric"))


_KIND_READERS = {
    "single": _read_choices,
    "multiple": _read_choices,
    "short_text": _read_short_text,
    "true_false": _read_true_false,
    "numeric": _read_numeric,
    "matching": _read_matching,
    "essay": _read_essay,
}


# Writing ---------------------------------------------------------------------------------------


def write(items: Iterable[ItemDraft]) -> ExportResult:
    """Write items as an XLSX in this layout, with a guide sheet; warnings say what the
    layout could not hold."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Items"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    problems: list[Problem] = []
    for item in items:
        cells, lost = _cells(item)
        sheet.append([tables.safe_cell(cells.get(name, "")) for name in COLUMNS])
        row = sheet.max_row
        problems += [
            Problem(line=row, item=item.label, message=m, severity="warning") for m in lost
        ]
    guide = workbook.create_sheet("Guide")
    guide.append(["column", "what to write"])
    for name, meaning in GUIDE:
        guide.append([name, meaning])
    output = io.BytesIO()
    workbook.save(output)
    return ExportResult(content=output.getvalue(), problems=tuple(problems))


def template() -> bytes:
    """An XLSX with the header row and one example item of each kind."""
    return write(EXAMPLES).content  # type: ignore[return-value]


def _put(cells: dict[str, object], prefix: str, texts: dict[str, str]) -> None:
    for code in LANGUAGES:
        if texts.get(code):
            cells[f"{prefix}_{code}"] = texts[code]


def _cells(item: ItemDraft) -> tuple[dict[str, object], list[str]]:
    cells: dict[str, object] = {
        "kind": item.kind,
        "name": item.name,
        "competencies": ", ".join(item.competencies),
        "schemes": ", ".join(item.schemes),
        "difficulty": item.difficulty if item.difficulty is not None else "",
        "tags": ", ".join(item.tags),
    }
    _put(cells, "stem", item.texts)
    _put(cells, "feedback", item.feedback)
    _put(cells, "rubric", item.rubric)
    lost: list[str] = []
    entries = _entries(item, lost)
    if len(entries) > len(LETTERS):
        lost.append(TOO_MANY_OPTIONS.format(count=len(entries) - len(LETTERS)))
    for letter, texts in zip(LETTERS, entries, strict=False):
        _put(cells, f"option_{letter}", texts)
    if item.kind == "true_false" and item.truth is not None:
        cells["answer"] = "true" if item.truth else "false"
    if item.kind == "numeric":
        cells["answer"] = item.answer if item.answer is not None else ""
        cells["tolerance"] = item.tolerance
        cells["unit"] = item.units[0].name if item.units else ""
        if len(item.units) > 1:
            lost.append(UNITS_NOT_KEPT.format(units=", ".join(u.name for u in item.units[1:])))
    if item.kind == "short_text":
        cells["case_sensitive"] = "yes" if item.case_sensitive else ""
    return cells, lost


def _entries(item: ItemDraft, lost: list[str]) -> list[dict[str, str]]:
    if item.kind == "matching":
        return [
            {
                code: f"{pair.left.get(code, '')} -> {pair.right.get(code, '')}"
                for code in LANGUAGES
                if pair.left.get(code) or pair.right.get(code)
            }
            for pair in item.pairs
        ]
    if any(option.feedback for option in item.options):
        lost.append(FEEDBACK_NOT_KEPT)
    if item.kind == "short_text":
        if any(option.fraction != 1 for option in item.options):
            lost.append(CREDIT_NOT_KEPT)
        return [dict(option.texts) for option in item.options]
    if item.kind in ("single", "multiple") and not _plain_credit(item):
        lost.append(CREDIT_NOT_KEPT)
    return [
        {
            code: ("*" if option.correct else "") + text
            for code, text in option.texts.items()
            if text
        }
        for option in item.options
    ]


def _plain_credit(item: ItemDraft) -> bool:
    correct = [option.fraction for option in item.options if option.correct]
    wrong_is_zero = all(option.fraction == 0 for option in item.options if not option.correct)
    share = 1.0 if item.kind == "single" else round(1 / max(1, len(correct)), 7)
    return wrong_is_zero and all(math.isclose(f, share, abs_tol=1e-6) for f in correct)
