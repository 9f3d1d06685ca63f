"""Reading a file as Moodle's ``framework_importer`` does: the header, the rows, the tree."""

import html
import json
import re
from typing import Any

import nh3
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from muhandis.core.tables import FORMULA_STARTS, TableError, csv_rows

from ..models import DescriptionFormat
from .layout import (
    ALIASES,
    CODE_PATTERN,
    COLUMNS,
    FORMAT_MARKDOWN,
    FORMAT_MOODLE,
    FORMAT_PLAIN,
    LABELS,
    LANGUAGES,
    MAX_ROWS,
    MULTILANG,
    REQUIRED,
    RULE_CLASSES,
    TAG_PATTERN,
    TAXONOMY_TERMS,
    ImportProblem,
    ImportRefused,
    Node,
    ParsedFramework,
    Reading,
)
from .links import resolve_links


def split_languages(text: str, language: str, *, keep_html: bool = False) -> dict[str, str]:
    """Texts by language, from Moodle multi-language spans (``<span lang="ru"
    class="multilang">`` and ``{mlang ru}``) and the text around them."""

    def clean(value: str) -> str:
        return value.strip() if keep_html else html.unescape(strip_tags(value)).strip()

    found: dict[str, str] = {}
    for match in MULTILANG.finditer(text):
        lang = (match["l1"] or match["l2"] or match["l3"]).lower()[:2]
        found.setdefault(
            lang, clean(match["text"] if match["text"] is not None else match["text3"])
        )
    rest = clean(MULTILANG.sub("", text))
    if rest:
        found.setdefault(language, rest)
    return {lang: found[lang] for lang in LANGUAGES if found.get(lang)}


def _as_typed(text: str) -> str:
    """A cell as its author typed it: without the apostrophe our export puts before text that a
    spreadsheet would otherwise run as a formula."""
    text = text.strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def _normalised(header: str) -> str:
    text = header.strip().lower().replace("(optional)", "")
    return re.sub(r"[\s_-]+", " ", text).strip()


def read_rows(content: bytes) -> list[list[str]]:
    try:
        return csv_rows(content)
    except TableError as exc:
        if exc.reason == "not_utf8":
            message = _("The file is not UTF-8 text. Save it as “CSV UTF-8”.")
        else:
            message = _("This is not a CSV file: %s") % exc.detail
        raise ImportRefused([ImportProblem(0, "", message)]) from exc


def _column_positions(
    rows: list[list[str]], notices: list[str]
) -> tuple[dict[str, int], dict[str, str]]:
    """Where each column is and how the file spells its header; raise ImportRefused when the
    file cannot be read at all (empty, required columns missing, too many rows)."""
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ImportRefused([ImportProblem(0, "", _("The file is empty."))])
    if len(rows) > MAX_ROWS + 1:
        raise ImportRefused([ImportProblem(0, "", _("The file has more than %d rows.") % MAX_ROWS)])
    header = rows[0]
    position: dict[str, int] = {}
    spelled: dict[str, str] = {}
    for index, name in enumerate(header):
        key = ALIASES.get(_normalised(name))
        if key and key not in position:
            position[key], spelled[key] = index, name.strip()
    missing = [key for key in REQUIRED if key not in position]
    if missing and len(header) == len(COLUMNS):
        # Moodle itself reads by position; a Moodle in another language writes other headers.
        notices.append(
            _("The header row is not in English; the columns were read in Moodle's order.")
        )
        return {key: i for i, (key, _label) in enumerate(COLUMNS)}, dict(COLUMNS)
    if missing:
        raise ImportRefused(
            [
                ImportProblem(0, LABELS[key], _("the column “%s” is missing.") % LABELS[key])
                for key in missing
            ]
        )
    return position, {**LABELS, **spelled}


def parse(content: bytes, *, language: str) -> ParsedFramework:
    """Read a whole file; raise ImportRefused listing every row and column at fault."""
    rows = read_rows(content)
    notices: list[str] = []
    position, spelled = _column_positions(rows, notices)
    reading = Reading(language, spelled, notices=notices)
    for number, raw in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in raw):
            continue
        cell = {key: _as_typed(raw[i] if i < len(raw) else "") for key, i in position.items()}
        if cell.get("isframework", "") not in {"", "0"}:  # PHP's truth, as Moodle tests it
            if reading.framework is not None:
                reading.problem(
                    number, "isframework", _("a second framework row; a file holds one framework.")
                )
            reading.framework = (number, cell)
            continue
        node = _competency_node(number, cell, reading)
        if node is not None:
            reading.nodes[node.code] = node
    if reading.framework is None:
        reading.problem(
            0,
            "isframework",
            _("no row has “Is framework” set to 1, so the framework itself is missing."),
        )
        raise ImportRefused(reading.problems)
    framework = _framework(*reading.framework, reading)
    areas = _build_tree(reading)
    if not reading.problems:
        resolve_links(areas, reading)
    if not areas and not reading.problems:
        reading.problem(0, "", _("The file holds no competencies."))
    if reading.problems:
        raise ImportRefused(sorted(reading.problems, key=lambda p: p.row))
    return ParsedFramework(
        code=framework["code"],
        title=framework["title"],
        description=framework["description"],
        description_format=framework["description_format"],
        scale=framework["scale"],
        taxonomies=framework["taxonomies"],
        scale_configuration=framework["scale_configuration"],
        areas=areas,
        notices=reading.notices,
    )


def _description(number: int, cell: dict[str, str], reading: Reading) -> tuple[dict[str, str], str]:
    """The description by language and its format. Moodle's "Description format" is
    FORMAT_MOODLE (0, also an empty cell), FORMAT_HTML (1), FORMAT_PLAIN (2) or
    FORMAT_MARKDOWN (4); HTML is kept as HTML, sanitised when a sanitiser is installed."""
    text, given = cell.get("description", ""), cell.get("descriptionformat", "").strip()
    if given not in {"", "0", "1", "2", "4"}:
        reading.problem(
            number,
            "descriptionformat",
            _("use 0 (Moodle auto-format), 1 (HTML), 2 (plain text) or 4 (Markdown)."),
        )
        return {}, DescriptionFormat.PLAIN
    moodle_format = int(given or FORMAT_MOODLE)
    if moodle_format == FORMAT_MARKDOWN and text:
        reading.notice(
            number,
            "descriptionformat",
            _("Markdown is not rendered by Muhandis; the description is kept as plain text."),
        )
    if moodle_format in {FORMAT_PLAIN, FORMAT_MARKDOWN}:  # shown as written, tags and all
        return split_languages(text, reading.language, keep_html=True), DescriptionFormat.PLAIN
    if not TAG_PATTERN.search(text):  # HTML without tags: plain text once entities are read
        return split_languages(text, reading.language), DescriptionFormat.PLAIN
    texts = split_languages(text, reading.language, keep_html=True)
    texts = {lang: nh3.clean(value) for lang, value in texts.items()}
    return texts, DescriptionFormat.HTML


def _competency_node(number: int, cell: dict[str, str], reading: Reading) -> Node | None:
    """The row as a node; None only when its ID number cannot name it (its other problems are
    listed, and its children still find it)."""
    code = cell.get("idnumber", "")
    title = split_languages(cell.get("shortname", ""), reading.language)
    ok = _check_code(number, code, reading)
    if not title:
        reading.problem(number, "shortname", _("the short name is empty."))
    elif any(len(t) > 255 for t in title.values()):
        reading.problem(number, "shortname", _("the short name is longer than 255 characters."))
    description, description_format = _description(number, cell, reading)
    rule = _rule(number, cell, reading) or ("", 0, "")
    if not ok:
        return None
    if cell.get("scalevalues"):
        reading.notice(
            number,
            "scalevalues",
            _(
                "a competency's own scale is not used by Muhandis; the framework's scale "
                "applies to every competency."
            ),
        )
    return Node(
        number,
        code,
        cell.get("parent", ""),
        title,
        description,
        description_format=description_format,
        export_id=cell.get("exportid", ""),
        related=[
            part.replace("%2C", ",").strip()
            for part in cell.get("relatedidnumbers", "").split(",")
            if part.strip()
        ],
        rule_type=rule[0],
        rule_outcome=rule[1],
        raw_rule_config=rule[2],
    )


def _check_code(number: int, code: str, reading: Reading) -> bool:
    if not code:
        reading.problem(number, "idnumber", _("the ID number is empty."))
    elif not CODE_PATTERN.match(code) or len(code) > 50:
        reading.problem(
            number,
            "idnumber",
            _(
                "“%s” is not a usable code: use up to 50 Latin letters, digits, dots, hyphens "
                "and underscores."
            )
            % code,
        )
    elif code in reading.nodes:
        reading.problem(
            number,
            "idnumber",
            _("the ID number “%(code)s” is already used in row %(row)d.")
            % {"code": code, "row": reading.nodes[code].row},
        )
    else:
        return True
    return False


def _rule(number: int, cell: dict[str, str], reading: Reading) -> tuple[str, int, str] | None:
    """The completion rule as written: Moodle's rule class, outcome and configuration
    (``framework_importer::set_rules``). An unknown class is ignored, as Moodle does."""
    outcome_text = cell.get("ruleoutcome", "").strip() or "0"
    if outcome_text not in {"0", "1", "2", "3"}:
        reading.problem(
            number,
            "ruleoutcome",
            _("use 0 (nothing), 1 (attach evidence), 2 (send for review) or 3 (complete)."),
        )
        return None
    name = cell.get("ruletype", "").strip().lstrip("\\")
    kind = RULE_CLASSES.get(name, "")
    if name and not kind:
        reading.notice(
            number,
            "ruletype",
            _("the rule “%s” is not one of Moodle's rules; it was ignored.") % name,
        )
    config = cell.get("ruleconfig", "").strip()
    return kind, int(outcome_text), "" if config == "null" else config


def _framework(number: int, cell: dict[str, str], reading: Reading) -> dict[str, Any]:
    code = cell.get("idnumber", "")
    if not code or not CODE_PATTERN.match(code) or len(code) > 100:
        reading.problem(
            number,
            "idnumber",
            _(
                "the framework needs an ID number of Latin letters, digits, dots, hyphens and "
                "underscores."
            ),
        )
    title = split_languages(cell.get("shortname", ""), reading.language)
    if not title:
        reading.problem(number, "shortname", _("the framework's name is empty."))
    scale = [v.strip() for v in cell.get("scalevalues", "").split(",") if v.strip()]
    if len(scale) < 2:
        reading.problem(
            number,
            "scalevalues",
            _(
                "give at least two scale values separated by commas, e.g. "
                "“None,Aware,Works under supervision,Works independently,Expert”."
            ),
        )
    flags = _scale_configuration(number, cell.get("scaleconfiguration", ""), len(scale), reading)
    taxonomies = [t.strip().lower() for t in cell.get("taxonomy", "").split(",") if t.strip()]
    unknown = sorted(set(taxonomies) - TAXONOMY_TERMS)
    if unknown:
        reading.problem(
            number,
            "taxonomy",
            _("“%(terms)s” is not among Moodle's level names (%(known)s).")
            % {"terms": ", ".join(unknown), "known": ", ".join(sorted(TAXONOMY_TERMS))},
        )
    description, description_format = _description(number, cell, reading)
    return {
        "code": code,
        "title": title,
        "scale": scale,
        "description": description,
        "description_format": description_format,
        "taxonomies": ",".join(taxonomies),
        "scale_configuration": flags,
    }


def _scale_configuration(
    number: int, text: str, levels: int, reading: Reading
) -> list[dict[str, int]] | None:
    """Moodle's scale configuration: a JSON list, first ``{"scaleid": …}`` (the scale in that
    Moodle, replaced on import), then per scale item (numbered from 1) whether it is the
    default and whether it is proficient (``framework_importer::get_scale_configuration``).
    The items are kept, to be written back."""
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        reading.problem(number, "scaleconfiguration", _("this is not valid JSON."))
        return None
    items = value[1:] if isinstance(value, list) and value and isinstance(value[0], dict) else None
    if items is None or not all(
        isinstance(i, dict) and isinstance(i.get("id"), int) and 1 <= i["id"] <= levels
        for i in items
    ):
        reading.problem(
            number,
            "scaleconfiguration",
            _(
                'write a list: first {"scaleid": …}, then one '
                '{"id": …, "scaledefault": 0 or 1, "proficient": 0 or 1} per scale value.'
            ),
        )
        return None
    return [
        {
            "id": i["id"],
            "scaledefault": int(bool(i.get("scaledefault"))),
            "proficient": int(bool(i.get("proficient"))),
        }
        for i in items
    ]


def _build_tree(reading: Reading) -> list[Node]:
    """Attach every row to its parent, as ``framework_importer::add_children`` does, and name
    every row that never reaches the framework (an unknown parent, or a loop)."""
    nodes = reading.nodes
    areas = [n for n in nodes.values() if not n.parent]
    for node in nodes.values():
        if node.parent and node.parent not in nodes:
            reading.problem(node.row, "parent", _("no row has the ID number “%s”.") % node.parent)
        elif node.parent:
            nodes[node.parent].children.append(node)
    reached: set[str] = set()
    stack = [(area, 0) for area in areas]
    while stack:
        node, depth = stack.pop()
        node.depth = depth
        reached.add(node.code)
        stack.extend((child, depth + 1) for child in node.children)
    for node in nodes.values():
        if node.code not in reached and node.parent in nodes:
            reading.problem(
                node.row,
                "parent",
                _("this row is its own ancestor: its parents lead back to it."),
            )
    return areas
