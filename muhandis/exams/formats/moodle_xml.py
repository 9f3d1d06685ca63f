"""Moodle XML (https://docs.moodle.org/en/Moodle_XML_format): reading and writing.

Question types: multichoice (single and multiple), truefalse, shortanswer, numerical (with
tolerance and units), matching, essay (the rubric is Moodle's "information for graders"), and
category questions, kept as a ``category:path`` tag. Each question's ``<idnumber>`` is kept.
Embedded PNG and JPEG files (``<file encoding="base64">``, and Moodle 1.9's ``<image>`` with
``<image_base64>``) become the item's images, and the ``<img src="@@PLUGINFILE@@/…">`` that
show them become ``[image:N]``; on export they are written back the same way. Cloze
(``multianswer``) questions are refused whole, with the reason: an item has one answer.
Competency codes, schemes and difficulty travel as Moodle tags (``competency:TEC-01``,
``scheme:CE-WSS-II``, ``difficulty:2``). Texts in more than one language are written, and read,
as Moodle's multi-language spans (``<span lang="uz" class="multilang">…</span>``, or
``{mlang uz}…{mlang}``).

A file with a DTD or entity declarations is refused before anything in it is expanded (no XML
bombs, no external entities). The file is read in one pass of expat, which also gives the line
on which each question starts.
"""

from __future__ import annotations

import base64
import binascii
import html
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from urllib.parse import quote, unquote

from . import safexml
from .items import (
    CATEGORY_TAG,
    LANGUAGES,
    ExportResult,
    Image,
    ImportResult,
    ItemDraft,
    Option,
    Pair,
    Problem,
    Unit,
    at_line,
    check,
    error,
    map_texts,
    warning,
)

EMPTY_FILE = "The file is empty."
DTD_REFUSED = (
    "The file declares a DTD or entities, which are refused for safety. Export it again from "
    "Moodle, or remove the <!DOCTYPE …> part."
)
NOT_XML = "The file is not well-formed XML: {reason}."
NOT_A_QUIZ = "The file is not a Moodle XML question bank: its root element is <{tag}>, not <quiz>."
NO_QUESTIONS = "The file holds no questions."
TYPE_NOT_SUPPORTED = "Questions of the Moodle type “{type}” are not imported; this one is skipped."
BAD_FRACTION = "The credit “{value}” of an answer is not a number."
BAD_NUMBER = "The numeric answer “{value}” is not a number."
BAD_TOLERANCE = "The tolerance “{value}” is not a number."
BAD_MULTIPLIER = "The multiplier “{value}” of the unit “{unit}” is not a number."
WILDCARD_DROPPED = "The “*” answer (any other number) and its feedback are not kept."
OTHER_NUMBERS_DROPPED = (
    "Only the fully correct number {answer} is kept; the other answers ({others}) and their "
    "partial credit are not."
)
NO_FULL_NUMBER = "No numeric answer gets 100% credit."
FEEDBACK_DROPPED = "The feedback on the {kind} answers is not kept; only general feedback is."
DISTRACTOR_DROPPED = "The extra wrong matching answers ({answers}) are not kept."
FILES_NOT_IMAGES = (
    "The embedded files ({names}) are not PNG or JPEG images and are not imported; add them "
    "again after import."
)
FILE_NOT_BASE64 = "The embedded file “{name}” is not valid base64 and is not imported."
IMAGE_NOT_IN_FILE = (
    "The question refers to the image “{name}” (Moodle 1.9 <image>), which the file does not "
    "hold; add it again after import."
)
CLOZE_REFUSED = (
    "Cloze (embedded answers) questions are not imported: an item here has one answer, not "
    "several answer boxes inside its text. This one is skipped; nothing of it is read."
)
LANGUAGE_DROPPED = "The text in the language “{language}” is not kept (only uz, ru and en are)."
TEMPLATE_DROPPED = "The essay's response template is not kept."
BAD_DIFFICULTY_TAG = "The tag “{tag}” is not a difficulty of 1, 2 or 3; it is kept as a tag."

MULTILANG_NEEDS_FILTER = (
    "The item is written in {count} languages as multi-language spans; Moodle shows one language "
    "at a time only when its Multi-language content filter is on."
)
MATCHING_NEEDS_THREE = (
    "Moodle needs at least three pairs in a matching question; it may refuse this one."
)
FRACTION_NOT_MOODLE = "Moodle may refuse the question on import: it offers no credit of {percent}%."

COMPETENCY_TAG, SCHEME_TAG, DIFFICULTY_TAG = "competency:", "scheme:", "difficulty:"
MOODLE_PERCENTS = {
    100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
    14.28571, 12.5, 11.11111, 10, 5, 0,
}  # fmt: skip
SPAN = re.compile(
    r"<span\s+(?:lang=\"(?P<a>[\w-]+)\"\s+class=\"multilang\"|class=\"multilang\"\s+"
    r"lang=\"(?P<b>[\w-]+)\")\s*>(?P<text>.*?)</span>",
    re.S,
)
MLANG = re.compile(r"\{mlang\s+(?P<a>[\w-]+)\}(?P<text>.*?)\{mlang\}", re.S)
HTML_TAG = re.compile(r"<[a-zA-Z/][^>]*>")
PLUGINFILE_IMG = re.compile(
    r"<img\b[^>]*?\bsrc\s*=\s*([\"'])@@PLUGINFILE@@/(?P<src>[^\"']+)\1[^>]*>", re.I
)
IMAGE_REFERENCE = re.compile(r"\[image:(\d{1,4})\]")
ALT = re.compile(r"\balt\s*=\s*([\"'])(?P<alt>.*?)\1", re.I | re.S)


# Reading ---------------------------------------------------------------------------------------


@dataclass
class _Context:
    language: str
    problems: list[Problem] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.problems.append(warning(message))

    def fail(self, message: str) -> None:
        self.problems.append(error(message))


def parse(data: bytes, language: str = "en") -> ImportResult:
    """Read a Moodle XML file. Never raises: problems carry the line where each question
    starts (or, for a file that is not XML, the line expat stopped at)."""
    if not data.strip():
        return ImportResult(items=(), problems=(error(EMPTY_FILE),))
    read = _read_tree(data)
    if isinstance(read, Problem):
        return ImportResult(items=(), problems=(read,))
    root, lines = read
    if root.tag != "quiz":
        return ImportResult(items=(), problems=(error(NOT_A_QUIZ.format(tag=root.tag), line=1),))
    items: list[ItemDraft] = []
    problems: list[Problem] = []
    category = ""
    questions = root.findall("question")
    for element in questions:
        if element.get("type") == "category":
            category = (element.findtext("category/text") or "").strip()
            continue
        line = lines.get(id(element))
        item, found = _question(element, language, category)
        if item is not None:
            found += check(item)
            items.append(item)
        label = item.label if item is not None else _name(element) or element.get("type", "?")
        problems += [replace(p, item=p.item or label) for p in at_line(found, line)]
    if not items and not problems:
        problems.append(error(NO_QUESTIONS, line=1))
    return ImportResult(items=tuple(items), problems=tuple(problems))


def _read_tree(data: bytes) -> tuple[ET.Element, dict[int, int]] | Problem:
    """Build the tree, refusing any DTD, with each element's line."""
    tree = safexml.read(data, dtd_refused=DTD_REFUSED, not_xml=NOT_XML)
    return tree if isinstance(tree, Problem) else (tree.root, tree.lines)


def _name(element: ET.Element) -> str | None:
    return (element.findtext("name/text") or "").strip() or None


def _question(
    element: ET.Element, language: str, category: str
) -> tuple[ItemDraft | None, list[Problem]]:
    kind = element.get("type", "")
    if kind == "multianswer":
        return None, [warning(CLOZE_REFUSED)]
    reader = _READERS.get(kind)
    if reader is None:
        return None, [warning(TYPE_NOT_SUPPORTED.format(type=kind))]
    context = _Context(language)
    tags = [(tag.findtext("text") or "").strip() for tag in element.findall("tags/tag")]
    base = ItemDraft(
        kind=kind,
        name=_name(element) or "",
        texts=_texts(element.find("questiontext"), context),
        feedback=_texts(element.find("generalfeedback"), context),
        tags=(CATEGORY_TAG + category,) if category else (),
        idnumber=(element.findtext("idnumber") or "").strip(),
    )
    base = _apply_tags(base, [tag for tag in tags if tag], context)
    item = _with_images(reader(element, base, context), element, context)
    problems = list(dict.fromkeys(context.problems))  # one warning per kind of loss
    if any(p.severity == "error" for p in problems):
        return None, problems
    return item, problems


def _embedded(element: ET.Element, context: _Context) -> dict[str, bytes]:
    """The question's files (``<file name path encoding="base64">`` in any of its texts), by
    their path and name as ``@@PLUGINFILE@@/…`` links name them; and Moodle 1.9's
    ``<image>``/``<image_base64>``, stored as Moodle stores it (``/`` made ``_``)."""
    files: dict[str, bytes] = {}
    for file in element.iter("file"):
        name = file.get("name", "")
        key = (file.get("path", "/") + name).lstrip("/")
        data = _base64(file.text or "", name, context)
        if name and data is not None:
            files.setdefault(key, data)
    old_name = (element.findtext("image") or "").strip()
    if old_name:
        data = _base64(element.findtext("image_base64") or "", old_name, context)
        if data:
            files.setdefault(old_name.replace("/", "_"), data)
        elif not (element.findtext("image_base64") or "").strip():
            context.warn(IMAGE_NOT_IN_FILE.format(name=old_name))
    return files


def _base64(text: str, name: str, context: _Context) -> bytes | None:
    try:
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):
        context.warn(FILE_NOT_BASE64.format(name=name))
        return None


def _image_type(data: bytes) -> str | None:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


def _with_images(item: ItemDraft, element: ET.Element, context: _Context) -> ItemDraft:
    """Embedded PNG and JPEG files become the item's images, and each ``<img>`` whose source is
    ``@@PLUGINFILE@@/name`` becomes ``[image:N]``; the old ``<image>`` field is shown after
    the question text, as Moodle does."""
    files = _embedded(element, context)
    images: list[Image] = []
    numbers: dict[str, int] = {}
    for key, data in files.items():
        content_type = _image_type(data)
        if content_type is not None:
            images.append(Image(PurePosixPath(key).name, data, content_type))
            numbers[key] = len(images)
    others = [PurePosixPath(key).name for key in files if key not in numbers]
    if others:
        context.warn(FILES_NOT_IMAGES.format(names=", ".join(others)))
    if not images:
        return item
    alts: dict[int, str] = {}

    def linked(found: re.Match[str]) -> str:
        number = numbers.get(unquote(found.group("src")).lstrip("/"))
        if number is None:
            return found.group(0)
        alt = ALT.search(found.group(0))
        if alt and alt.group("alt").strip():
            alts.setdefault(number, html.unescape(alt.group("alt")).strip())
        return f"[image:{number}]"

    item = map_texts(item, lambda text: PLUGINFILE_IMG.sub(linked, text))
    old_name = (element.findtext("image") or "").strip().replace("/", "_")
    if old_name in numbers:
        marker = f"[image:{numbers[old_name]}]"
        item = replace(item, texts={code: f"{text} {marker}" for code, text in item.texts.items()})
    images = [
        replace(image, alt={context.language: alts[number]}) if number in alts else image
        for number, image in enumerate(images, start=1)
    ]
    return replace(item, images=tuple(images))


def _apply_tags(item: ItemDraft, tags: list[str], context: _Context) -> ItemDraft:
    competencies, schemes, others, difficulty = [], [], [], None
    for tag in tags:
        if tag.startswith(COMPETENCY_TAG):
            competencies.append(tag.removeprefix(COMPETENCY_TAG).strip())
        elif tag.startswith(SCHEME_TAG):
            schemes.append(tag.removeprefix(SCHEME_TAG).strip())
        elif tag.startswith(DIFFICULTY_TAG) and tag.removeprefix(DIFFICULTY_TAG) in ("1", "2", "3"):
            difficulty = int(tag.removeprefix(DIFFICULTY_TAG))
        else:
            if tag.startswith(DIFFICULTY_TAG):
                context.warn(BAD_DIFFICULTY_TAG.format(tag=tag))
            others.append(tag)
    return replace(
        item,
        competencies=tuple(competencies),
        schemes=tuple(schemes),
        difficulty=difficulty,
        tags=(*item.tags, *others),
    )


def _texts(element: ET.Element | None, context: _Context) -> dict[str, str]:
    """A ``<text>`` child, split into languages if it holds multi-language spans."""
    if element is None:
        return {}
    raw = (element.findtext("text") or "").strip()
    found = [(m.group("a") or m.group("b"), m.group("text")) for m in SPAN.finditer(raw)]
    found = found or [(m.group("a"), m.group("text")) for m in MLANG.finditer(raw)]
    if not found:
        return {context.language: raw} if raw else {}
    texts = {}
    for code, text in found:
        short = code.lower().replace("-", "_").split("_")[0]
        if short in LANGUAGES and text.strip():
            texts[short] = text.strip()
        elif text.strip():
            context.warn(LANGUAGE_DROPPED.format(language=code))
    return texts


def _fraction(answer: ET.Element, context: _Context) -> float:
    value = answer.get("fraction", "0")
    try:
        number = float(value)
    except ValueError:
        context.fail(BAD_FRACTION.format(value=value))
        return 0.0
    return round(number / 100, 7)


def _options(element: ET.Element, context: _Context) -> tuple[Option, ...]:
    return tuple(
        Option(
            texts=_texts(answer, context),
            fraction=_fraction(answer, context),
            feedback=_texts(answer.find("feedback"), context),
        )
        for answer in element.findall("answer")
    )


def _flag(element: ET.Element, name: str, default: str) -> bool:
    return (element.findtext(name) or default).strip().lower() in ("true", "1")


def _read_multichoice(element: ET.Element, base: ItemDraft, context: _Context) -> ItemDraft:
    kind = "single" if _flag(element, "single", "true") else "multiple"
    return replace(base, kind=kind, options=_options(element, context))


def _read_truefalse(element: ET.Element, base: ItemDraft, context: _Context) -> ItemDraft:
    truth = None
    for answer in element.findall("answer"):
        said = (answer.findtext("text") or "").strip().lower()
        if _fraction(answer, context) >= 1 and said in ("true", "false"):
            truth = said == "true"
        if _texts(answer.find("feedback"), context):
            context.warn(FEEDBACK_DROPPED.format(kind="true/false"))
    return replace(base, kind="true_false", truth=truth)


def _read_shortanswer(element: ET.Element, base: ItemDraft, context: _Context) -> ItemDraft:
    case_sensitive = _flag(element, "usecase", "0")
    options = _options(element, context)
    return replace(base, kind="short_text", options=options, case_sensitive=case_sensitive)


def _read_numerical(element: ET.Element, base: ItemDraft, context: _Context) -> ItemDraft:
    answers: list[tuple[float, str, float, float]] = []
    for answer in element.findall("answer"):
        text = (answer.findtext("text") or "").strip()
        if text == "*":
            context.warn(WILDCARD_DROPPED)
            continue
        value = _float(text, BAD_NUMBER, context)
        tolerance = _float(answer.findtext("tolerance") or "0", BAD_TOLERANCE, context)
        answers.append((_fraction(answer, context), text, value, tolerance))
    full = [answer for answer in answers if answer[0] >= 1]
    if not full:
        if answers:
            context.fail(NO_FULL_NUMBER)
        return replace(base, kind="numeric")
    others = [answer[1] for answer in answers if answer is not full[0]]
    if others:
        context.warn(OTHER_NUMBERS_DROPPED.format(answer=full[0][1], others=", ".join(others)))
    units = []
    for unit in element.findall("units/unit"):
        name = (unit.findtext("unit_name") or "").strip()
        multiplier = unit.findtext("multiplier") or "1"
        units.append(Unit(name, _float(multiplier, BAD_MULTIPLIER, context, unit=name)))
    _, _, value, tolerance = full[0]
    return replace(base, kind="numeric", answer=value, tolerance=tolerance, units=tuple(units))


def _float(text: str, message: str, context: _Context, **names: str) -> float:
    try:
        number = float(text.strip())
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        context.fail(message.format(value=text.strip(), **names))
    return number


def _read_matching(element: ET.Element, base: ItemDraft, context: _Context) -> ItemDraft:
    pairs, extra = [], []
    for sub in element.findall("subquestion"):
        left = _texts(sub, context)
        right = _texts(sub.find("answer"), context)
        if left:
            pairs.append(Pair(left=left, right=right))
        elif right:
            extra.append(" / ".join(right.values()))
    if extra:
        context.warn(DISTRACTOR_DROPPED.format(answers=", ".join(extra)))
    return replace(base, kind="matching", pairs=tuple(pairs))


def _read_essay(element: ET.Element, base: ItemDraft, context: _Context) -> ItemDraft:
    if (element.findtext("responsetemplate/text") or "").strip():
        context.warn(TEMPLATE_DROPPED)
    return replace(base, kind="essay", rubric=_texts(element.find("graderinfo"), context))


_READERS = {
    "multichoice": _read_multichoice,
    "truefalse": _read_truefalse,
    "shortanswer": _read_shortanswer,
    "numerical": _read_numerical,
    "matching": _read_matching,
    "essay": _read_essay,
}


# Writing ---------------------------------------------------------------------------------------


def write(items: Iterable[ItemDraft], language: str = "en") -> ExportResult:
    """Write items as Moodle XML (UTF-8). An item whose only language is ``language`` is
    written as plain text; any other, as multi-language spans."""
    quiz = ET.Element("quiz")
    problems: list[Problem] = []
    category = ""
    for item in items:
        item_category = next(
            (tag.removeprefix(CATEGORY_TAG) for tag in item.tags if tag.startswith(CATEGORY_TAG)),
            "",
        )
        if item_category != category:  # an empty category: Moodle's default one
            question = ET.SubElement(quiz, "question", type="category")
            _text(ET.SubElement(question, "category"), item_category)
            category = item_category
        _write_question(quiz, item, language)
        problems += [replace(p, item=item.label) for p in _export_warnings(item, language)]
    ET.indent(quiz)
    content = ET.tostring(quiz, encoding="utf-8", xml_declaration=True) + b"\n"
    return ExportResult(content=content, problems=tuple(problems))


def _export_warnings(item: ItemDraft, language: str) -> list[Problem]:
    problems = []
    if item.languages and item.languages != [language]:
        problems.append(warning(MULTILANG_NEEDS_FILTER.format(count=len(item.languages))))
    if item.kind == "matching" and len(item.pairs) < 3:
        problems.append(warning(MATCHING_NEEDS_THREE))
    percents = {round(option.fraction * 100, 5) for option in item.options}
    for percent in sorted(p for p in percents if abs(p) not in MOODLE_PERCENTS):
        problems.append(warning(FRACTION_NOT_MOODLE.format(percent=f"{percent:g}")))
    return problems


def _languages_text(texts: dict[str, str], language: str) -> str:
    present = {code: texts[code] for code in LANGUAGES if texts.get(code, "").strip()}
    if list(present) == [language] or not present:
        return present.get(language, "")
    return "".join(
        f'<span lang="{code}" class="multilang">{text}</span>' for code, text in present.items()
    )


def _text(parent: ET.Element, text: str) -> ET.Element:
    ET.SubElement(parent, "text").text = text
    return parent


def _rich(parent: ET.Element, tag: str, texts: dict[str, str], language: str) -> ET.Element | None:
    text = _languages_text(texts, language)
    if not text and tag in ("generalfeedback", "feedback", "graderinfo"):
        return None
    return _text(ET.SubElement(parent, tag, format=_format(text)), text)


def _format(text: str) -> str:
    return "html" if HTML_TAG.search(text) else "plain_text"


def _linked_images(item: ItemDraft) -> ItemDraft:
    """``[image:N]`` written as Moodle links it: ``<img src="@@PLUGINFILE@@/name">``."""
    if not item.images:
        return item

    def link(found: re.Match[str]) -> str:
        number = int(found.group(1))
        if not 1 <= number <= len(item.images):
            return found.group(0)
        image = item.images[number - 1]
        alt = html.escape(next(iter(image.alt.values()), ""), quote=True)
        return f'<img src="@@PLUGINFILE@@/{quote(image.name)}" alt="{alt}">'

    return map_texts(item, lambda text: IMAGE_REFERENCE.sub(link, text))


def _write_question(quiz: ET.Element, item: ItemDraft, language: str) -> None:
    kind = _MOODLE_TYPES.get(item.kind, item.kind)
    question = ET.SubElement(quiz, "question", type=kind)
    _text(ET.SubElement(question, "name"), item.name or item.label)
    item = _linked_images(item)
    text = _rich(question, "questiontext", item.texts, language)
    if text is not None:  # always, for the question text: its files go with it, as in Moodle
        for image in item.images:
            file = ET.SubElement(text, "file", name=image.name, path="/", encoding="base64")
            file.text = base64.b64encode(image.data).decode("ascii")
    _rich(question, "generalfeedback", item.feedback, language)
    ET.SubElement(question, "defaultgrade").text = "1"
    if item.idnumber:
        ET.SubElement(question, "idnumber").text = item.idnumber
    writer = _WRITERS.get(item.kind)
    if writer is not None:
        writer(question, item, language)
    tags = [
        *(COMPETENCY_TAG + code for code in item.competencies),
        *(SCHEME_TAG + code for code in item.schemes),
        *([f"{DIFFICULTY_TAG}{item.difficulty}"] if item.difficulty is not None else []),
        *(tag for tag in item.tags if not tag.startswith(CATEGORY_TAG)),
    ]
    if tags:
        holder = ET.SubElement(question, "tags")
        for tag in tags:
            _text(ET.SubElement(holder, "tag"), tag)


def _answer(
    question: ET.Element, fraction: float, texts: dict[str, str], language: str
) -> ET.Element:
    text = _languages_text(texts, language)
    answer = ET.SubElement(
        question,
        "answer",
        fraction=f"{round(fraction * 100, 5):g}",
        format=_format(text),
    )
    return _text(answer, text)


def _write_options(question: ET.Element, item: ItemDraft, language: str) -> None:
    for option in item.options:
        answer = _answer(question, option.fraction, option.texts, language)
        _rich(answer, "feedback", option.feedback, language)


def _write_choice(question: ET.Element, item: ItemDraft, language: str) -> None:
    ET.SubElement(question, "single").text = "true" if item.kind == "single" else "false"
    ET.SubElement(question, "shuffleanswers").text = "true"
    ET.SubElement(question, "answernumbering").text = "abc"
    _write_options(question, item, language)


def _write_truefalse(question: ET.Element, item: ItemDraft, language: str) -> None:
    for said in ("true", "false"):
        fraction = 1.0 if item.truth is (said == "true") else 0.0
        _answer(question, fraction, {language: said}, language)


def _write_shortanswer(question: ET.Element, item: ItemDraft, language: str) -> None:
    ET.SubElement(question, "usecase").text = "1" if item.case_sensitive else "0"
    _write_options(question, item, language)


def _write_numerical(question: ET.Element, item: ItemDraft, language: str) -> None:
    value = "" if item.answer is None else repr(float(item.answer))
    answer = _answer(question, 1.0, {language: value}, language)
    ET.SubElement(answer, "tolerance").text = repr(float(item.tolerance))
    if item.units:
        units = ET.SubElement(question, "units")
        for unit in item.units:
            holder = ET.SubElement(units, "unit")
            ET.SubElement(holder, "multiplier").text = repr(float(unit.multiplier))
            ET.SubElement(holder, "unit_name").text = unit.name
    ET.SubElement(question, "unitgradingtype").text = "0"
    ET.SubElement(question, "showunits").text = "0" if item.units else "3"
    ET.SubElement(question, "unitsleft").text = "0"


def _write_matching(question: ET.Element, item: ItemDraft, language: str) -> None:
    ET.SubElement(question, "shuffleanswers").text = "true"
    for pair in item.pairs:
        text = _languages_text(pair.left, language)
        sub = ET.SubElement(question, "subquestion", format=_format(text))
        _text(sub, text)
        _text(ET.SubElement(sub, "answer"), _languages_text(pair.right, language))


def _write_essay(question: ET.Element, item: ItemDraft, language: str) -> None:
    ET.SubElement(question, "responseformat").text = "editor"
    ET.SubElement(question, "responsefieldlines").text = "15"
    _rich(question, "graderinfo", item.rubric, language)


_MOODLE_TYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true_false": "truefalse",
    "short_text": "shortanswer",
    "numeric": "numerical",
    "matching": "matching",
    "essay": "essay",
}
_WRITERS = {
    "single": _write_choice,
    "multiple": _write_choice,
    "true_false": _write_truefalse,
    "short_text": _write_shortanswer,
    "numeric": _write_numerical,
    "matching": _write_matching,
    "essay": _write_essay,
}
