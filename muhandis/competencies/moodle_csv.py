"""Moodle's competency-framework CSV layout (admin tool "Import competency framework").

One header row, then one row for the framework ("Is framework" = 1) and one row per competency;
a competency's parent is named by its ID number. Muhandis frameworks have two levels: a row
without a parent is an area, a row whose parent is an area is a competency. Texts may carry
Moodle's multi-language spans (<span lang="ru" class="multilang">…</span>); each span fills
that language, and text outside spans fills the language the file was declared to be in.
"""

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from muhandis.core.tables import FORMULA_STARTS, safe_cell

if TYPE_CHECKING:
    from .models import Area, Competency, Framework

HEADERS = [
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
]
REQUIRED_HEADERS = ["Parent ID number", "ID number", "Short name", "Is framework"]
IGNORED_WITH_NOTICE = [
    "Rule type (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
]
LANGUAGES = ("uz", "ru", "en")
_MULTILANG = re.compile(
    r'<span\s+lang="(?P<lang>[a-zA-Z_-]+)"\s+class="multilang">(?P<text>.*?)</span>', re.S
)
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
MAX_ROWS = 5000


@dataclass
class Node:
    row: int
    code: str
    parent: str
    title: dict[str, str]
    description: dict[str, str]
    children: list["Node"] = field(default_factory=list)


@dataclass
class ParsedFramework:
    code: str
    title: dict[str, str]
    description: dict[str, str]
    scale: list[str]
    areas: list[Node]
    notices: list[str]


@dataclass
class ImportProblem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:
            return _("Header: %(message)s") % {"message": self.message}
        if not self.column:
            return _("Row %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Row %(row)d, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportRefused(Exception):
    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__(problems)
        self.problems = problems


def split_languages(text: str, language: str) -> dict[str, str]:
    """Texts by language, from Moodle multi-language spans and the surrounding text."""
    found = {
        m["lang"].lower()[:2]: strip_tags(m["text"]).strip() for m in _MULTILANG.finditer(text)
    }
    rest = strip_tags(_MULTILANG.sub("", text)).strip()
    if rest:
        found.setdefault(language, rest)
    return {lang: found[lang] for lang in LANGUAGES if found.get(lang)}


def read_rows(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            [ImportProblem(0, "", _("The file is not UTF-8 text. Save it as “CSV UTF-8”."))]
        ) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        raise ImportRefused([ImportProblem(0, "", _("This is not a CSV file: %s") % exc)]) from exc


def _as_typed(text: str) -> str:
    """A cell as its author typed it: without the apostrophe our export puts before text that a
    spreadsheet would otherwise run as a formula."""
    text = text.strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _column_positions(rows: list[list[str]]) -> dict[str, int]:
    """Where each known column is; raise ImportRefused when the file cannot be read at all
    (empty, required columns missing, too many rows)."""
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ImportRefused([ImportProblem(0, "", _("The file is empty."))])
    header = [cell.strip() for cell in rows[0]]
    missing = [name for name in REQUIRED_HEADERS if name not in header]
    if missing:
        raise ImportRefused(
            [ImportProblem(0, name, _("the column “%s” is missing.") % name) for name in missing]
        )
    if len(rows) > MAX_ROWS + 1:
        raise ImportRefused([ImportProblem(0, "", _("The file has more than %d rows.") % MAX_ROWS)])
    return {name: header.index(name) for name in HEADERS if name in header}


def parse(content: bytes, *, language: str) -> ParsedFramework:
    """Read a whole file; raise ImportRefused listing every row and column at fault."""
    rows = read_rows(content)
    position = _column_positions(rows)
    problems: list[ImportProblem] = []
    notices: set[str] = set()
    framework_row: tuple[int, dict] | None = None
    nodes: dict[str, Node] = {}
    for number, raw in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue
        cell = {name: _as_typed(raw[i] if i < len(raw) else "") for name, i in position.items()}
        for name in IGNORED_WITH_NOTICE:
            if cell.get(name) and cell.get(name) != "null":
                notices.add(name)
        if cell.get("Is framework") in {"1", "true", "yes"}:
            if framework_row is not None:
                problems.append(
                    ImportProblem(
                        number,
                        "Is framework",
                        _("a second framework row; a file holds one framework."),
                    )
                )
            framework_row = (number, cell)
            continue
        node = _competency_node(number, cell, language, nodes, problems)
        if node is not None:
            nodes[node.code] = node
    if framework_row is None:
        problems.append(
            ImportProblem(
                0,
                "Is framework",
                _("no row has “Is framework” set to 1, so the framework itself is missing."),
            )
        )
        raise ImportRefused(problems)
    areas = _build_tree(nodes, problems)
    framework = _framework(*framework_row, language, problems)
    if not areas and not problems:
        problems.append(ImportProblem(0, "", _("The file holds no competencies.")))
    if problems:
        raise ImportRefused(sorted(problems, key=lambda p: p.row))
    return ParsedFramework(
        code=framework["code"],
        title=framework["title"],
        description=framework["description"],
        scale=framework["scale"],
        areas=areas,
        notices=[
            _("The column “%s” is not used by Muhandis and was ignored.") % name
            for name in sorted(notices)
        ],
    )


def _competency_node(
    number: int,
    cell: dict[str, str],
    language: str,
    nodes: dict[str, Node],
    problems: list[ImportProblem],
) -> Node | None:
    code, title = cell.get("ID number", ""), split_languages(cell.get("Short name", ""), language)
    ok = True
    if not code:
        problems.append(ImportProblem(number, "ID number", _("the ID number is empty.")))
        ok = False
    elif not _CODE.match(code) or len(code) > 50:
        problems.append(
            ImportProblem(
                number,
                "ID number",
                _(
                    "“%s” is not a usable code: use up to 50 Latin letters, digits, dots, hyphens "
                    "and underscores."
                )
                % code,
            )
        )
        ok = False
    elif code in nodes:
        problems.append(
            ImportProblem(
                number,
                "ID number",
                _("the ID number “%(code)s” is already used in row %(row)d.")
                % {"code": code, "row": nodes[code].row},
            )
        )
        ok = False
    if not title:
        problems.append(ImportProblem(number, "Short name", _("the short name is empty.")))
        ok = False
    elif any(len(t) > 255 for t in title.values()):
        problems.append(
            ImportProblem(number, "Short name", _("the short name is longer than 255 characters."))
        )
        ok = False
    if not ok:
        return None
    return Node(
        number,
        code,
        cell.get("Parent ID number", ""),
        title,
        split_languages(cell.get("Description", ""), language),
    )


def _build_tree(nodes: dict[str, Node], problems: list[ImportProblem]) -> list[Node]:
    areas = [n for n in nodes.values() if not n.parent]
    for node in nodes.values():
        if not node.parent:
            continue
        parent = nodes.get(node.parent)
        if parent is None:
            problems.append(
                ImportProblem(
                    node.row, "Parent ID number", _("no row has the ID number “%s”.") % node.parent
                )
            )
        elif parent.parent:
            problems.append(
                ImportProblem(
                    node.row,
                    "Parent ID number",
                    _(
                        "this competency is nested three levels deep; Muhandis frameworks have "
                        "areas and competencies only. Attach it to an area."
                    ),
                )
            )
        else:
            parent.children.append(node)
    return areas


def _framework(
    number: int, cell: dict[str, str], language: str, problems: list[ImportProblem]
) -> dict:
    code = cell.get("ID number", "")
    if not code or not _CODE.match(code) or len(code) > 100:
        problems.append(
            ImportProblem(
                number,
                "ID number",
                _(
                    "the framework needs an ID number of Latin letters, digits, dots, hyphens and "
                    "underscores."
                ),
            )
        )
    title = split_languages(cell.get("Short name", ""), language)
    if not title:
        problems.append(ImportProblem(number, "Short name", _("the framework's name is empty.")))
    scale = [v.strip() for v in cell.get("Scale values", "").split(",") if v.strip()]
    if len(scale) < 2:
        problems.append(
            ImportProblem(
                number,
                "Scale values",
                _(
                    "give at least two scale values separated by commas, e.g. "
                    "“None,Aware,Works under supervision,Works independently,Expert”."
                ),
            )
        )
    configuration = cell.get("Scale configuration", "")
    if configuration:
        try:
            json.loads(configuration)
        except ValueError:
            problems.append(
                ImportProblem(number, "Scale configuration", _("this is not valid JSON."))
            )
    return {
        "code": code,
        "title": title,
        "scale": scale,
        "description": split_languages(cell.get("Description", ""), language),
    }


def write(framework: "Framework", areas: Iterable["Area"], *, language: str) -> str:
    """The framework as Moodle CSV, its texts in ``language``."""
    from django.utils import translation

    out = io.StringIO()
    writer = _SafeWriter(csv.writer(out, lineterminator="\n"))
    writer.writerow(HEADERS)
    with translation.override(language):
        levels = list(framework.scale.levels.all())
        scale_values = ",".join(level.name.replace(",", " ") for level in levels)
        configuration = json.dumps(
            [{"scaleid": "1"}]
            + [
                {"id": index, "scaledefault": int(index == 1), "proficient": int(level.value >= 3)}
                for index, level in enumerate(levels, start=1)
            ]
        )
        writer.writerow(
            [
                "",
                framework.code,
                framework.title,
                framework.description,
                "1",
                scale_values,
                configuration,
                "",
                "",
                "",
                "",
                "",
                "1",
                "domain,competency",
            ]
        )
        for area in areas:
            writer.writerow(_row("", area))
            for competency in area.competencies.all():
                writer.writerow(_row(area.code, competency))
    return out.getvalue()


def _row(parent: str, item: "Area | Competency") -> list[str]:
    return [
        parent,
        item.code,
        item.title,
        item.description,
        "1",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]


class _RowWriter(Protocol):
    def writerow(self, row: Iterable[Any], /) -> Any: ...


class _SafeWriter:
    """A CSV writer whose cells never run as a formula when the file is opened in a
    spreadsheet (``core.tables.safe_cell``); ``parse`` reads them back as typed."""

    def __init__(self, writer: "_RowWriter") -> None:
        self.writer = writer

    def writerow(self, row: list) -> None:
        self.writer.writerow([safe_cell(str(value)) for value in row])
