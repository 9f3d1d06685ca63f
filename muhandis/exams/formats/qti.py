"""IMS QTI 2.1 items (``assessmentItem``): reading and writing.

Languages. A QTI item carries one ``xml:lang``, so an item written in several languages is
exported as one ``assessmentItem`` per language, all in one IMS content package (a ZIP whose
``imsmanifest.xml`` lists every file). The files of one item share its name as their ``label``,
and their identifiers end in the language (``HYD-01-uz``, ``HYD-01-ru``); import joins them
back into one item. Competency codes, schemes, difficulty and tags travel as LOM keywords of
each item's resource in the manifest (``competency:TEC-01``, ``scheme:CE-WSS-II``,
``difficulty:2``), since an item file has no place for them; a lone item file loses them.

How each kind is written:

- single choice: ``choiceInteraction`` (one choice), the right choice as ``correctResponse``;
  a ``mapping`` of every choice's credit when an option has partial or negative credit.
- multiple response: ``choiceInteraction`` (any number of choices), the choices with credit as
  ``correctResponse`` and a ``mapping`` of each choice's credit, bounded to 0…1.
- true/false: ``choiceInteraction`` with the two choices ``true`` and ``false``.
- numeric: ``textEntryInteraction`` with a ``float`` response; the response processing compares
  the answer with the correct response by ``equal`` with ``toleranceMode="absolute"`` (or
  ``exact`` when the tolerance is 0). The base unit is written as text after the answer box.
  Import also reads a ``mapping`` of numbers (the best-scored number is kept).
- matching: ``matchInteraction`` with two ``simpleMatchSet``s, the pairs as ``directedPair``
  values in ``correctResponse`` and a ``mapping`` giving each pair an equal share.
- short text: ``textEntryInteraction`` with a ``string`` response and a ``mapping`` of the
  accepted answers, each ``mapEntry`` saying ``caseSensitive``.
- essay: ``extendedTextInteraction``; the rubric is a ``rubricBlock`` for scorers, and no
  response processing is written (essays are marked by hand).

Response processing is written out in full (the rules of IMS's ``match_correct`` and
``map_response`` templates), so that general feedback (a ``modalFeedback``) and feedback on
choices (``feedbackInline``) are shown by any QTI player. Texts that are XHTML QTI accepts are
written as elements; any other text, as plain text.

A file with a DTD or entity declarations is refused before anything in it is expanded, as in
Moodle XML. Problems carry the line where the item starts and, inside a package, the file.
"""

from __future__ import annotations

import io
import math
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from . import safexml
from .items import (
    LANGUAGE_NAMES,
    LANGUAGES,
    ExportResult,
    ImportResult,
    ItemDraft,
    Option,
    Pair,
    Problem,
    Unit,
    check,
    error,
    option_label,
    warning,
)

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1p2.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
MD_NS = "http://www.imsglobal.org/xsd/imsmd_v1p2"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ITEM_TYPE = "imsqti_item_xmlv2p1"
MANIFEST = "imsmanifest.xml"
MAX_MEMBERS, MAX_MEMBER_BYTES, MAX_PACKAGE_BYTES = 5000, 10_000_000, 50_000_000
BLANK = "_____"  # where an answer box stood in the middle of the stem
COMPETENCY_TAG, SCHEME_TAG, DIFFICULTY_TAG = "competency:", "scheme:", "difficulty:"

EMPTY_FILE = "The file is empty."
DTD_REFUSED = (
    "The file declares a DTD or entities, which are refused for safety. Remove the "
    "<!DOCTYPE …> part."
)
NOT_XML = "The file is not well-formed XML: {reason}."
NOT_AN_ITEM = "The file is not a QTI 2.1 item: its root element is <{tag}>, not <assessmentItem>."
A_TEST = (
    "The file is a QTI assessment test, which only refers to items; upload the content "
    "package (ZIP) that holds them."
)
NOT_A_ZIP = "The file is not a ZIP archive that can be read: {reason}."
PACKAGE_TOO_LARGE = "The package is too large to read; keep it under 50 MB and 5000 files."
NO_MANIFEST = "The ZIP holds no imsmanifest.xml, so it is not an IMS content package."
NO_ITEMS = "The package lists no QTI items (resources of type imsqti_item_xmlv2p1)."
MISSING_FILE = "The manifest lists the item file “{href}”, which is not in the package."
IN_FILE = "In {file}: {message}"

NO_INTERACTION = "The item has nothing to answer (no interaction); it is skipped."
MANY_INTERACTIONS = (
    "The item has {count} interactions; only items with one are imported, so it is skipped."
)
NOT_SUPPORTED = "Items with a {interaction} are not imported; this one is skipped."
NO_DECLARATION = "The response “{identifier}” of the interaction is not declared."
NO_CORRECT = "The item gives no correct response."
UNKNOWN_CHOICE = "The correct response names “{value}”, which is not one of the choices."
BAD_NUMBER = "The value “{value}” is not a number."
BAD_BASE_TYPE = "A text entry with the response type “{type}” is not imported; it is skipped."
LANGUAGE_READ_AS = (
    "The item's language “{language}” is not one of uz, ru and en; its text is read as {name}."
)
ALL_OR_NOTHING = (
    "QTI scores this item all or nothing; here each correct option gets an equal share of the "
    "credit."
)
CONDITIONAL_FEEDBACK_DROPPED = (
    "Feedback shown only for some responses is not kept; only general feedback is."
)
RELATIVE_TOLERANCE = "The relative tolerance of {percent}% is kept as the absolute {tolerance}."
OTHER_NUMBERS_DROPPED = (
    "Only the number with the most credit, {answer}, is kept; the other numbers ({others}) are not."
)
PAIR_CREDIT_DROPPED = "The different credit of each pair is not kept; every pair counts the same."
UNMATCHED_DROPPED = "The choices that match nothing ({choices}) are not kept."
CASE_MIXED = (
    "Some accepted answers are case-sensitive and some are not; all are read as case-sensitive."
)
FILES_DROPPED = (
    "The files it refers to ({names}) are not imported; add the images again after import."
)
TEMPLATE_DROPPED = "The item's template variables are not kept; it is read as written."
VERSION_SEPARATE = (
    "The {language} version of this item differs from the others in its answers; it is "
    "imported as a separate item."
)
BAD_DIFFICULTY_TAG = "The keyword “{tag}” is not a difficulty of 1, 2 or 3; it is kept as a tag."

NOT_WRITTEN_NO_TEXT = "The item has no text and is not written."
NOT_WRITTEN_KIND = "Items of the kind “{kind}” are not written to QTI."
NO_TEXT_IN_LANGUAGE = "The item has no {language} text and is not written."
WRITTEN_AS_PLAIN_TEXT = (
    "Part of its HTML is not XHTML that QTI accepts, so that part is written as plain text."
)
OTHER_UNITS = (
    "QTI shows only the base unit after the answer box; the others ({units}) are not written."
)
ANSWER_FEEDBACK = (
    "QTI cannot show feedback on a typed answer; the feedback on answers is not written."
)
ONE_LANGUAGE = "A single QTI item holds one language: the {languages} text is not written."
NO_METADATA = (
    "A single QTI item cannot hold the competency codes, schemes, difficulty and tags; export "
    "a content package to keep them."
)

TRUTH_WORDS = {
    "en": ("True", "False"),
    "uz": ("Toʻgʻri", "Notoʻgʻri"),
    "ru": ("Верно", "Неверно"),
}
INLINE_TAGS = {
    "a", "abbr", "acronym", "b", "big", "br", "cite", "code", "dfn", "em", "i", "img", "kbd",
    "q", "samp", "small", "span", "strong", "sub", "sup", "tt", "var",
}  # fmt: skip
BLOCK_TAGS = {
    "address", "blockquote", "div", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "li", "ol", "p", "pre", "table", "caption", "col", "colgroup", "thead", "tbody", "tfoot",
    "tr", "th", "td", "ul",
}  # fmt: skip
COMMON_ATTRIBUTES = {"id", "class", "label", "xml:lang"}
TAG_ATTRIBUTES = {
    "img": {"src", "alt", "longdesc", "height", "width"},
    "a": {"href", "type"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "table": {"summary"},
    "col": {"span"},
    "colgroup": {"span"},
    "td": {"headers", "scope", "abbr", "axis", "rowspan", "colspan", "align", "valign"},
    "th": {"headers", "scope", "abbr", "axis", "rowspan", "colspan", "align", "valign"},
}
CONTENT_TAGS = INLINE_TAGS | BLOCK_TAGS | {
    "simpleChoice", "simpleAssociableChoice", "feedbackInline", "modalFeedback", "prompt",
}  # fmt: skip
SUPPORTED = {
    "choiceInteraction",
    "textEntryInteraction",
    "extendedTextInteraction",
    "matchInteraction",
}
INLINE_INTERACTIONS = {"textEntryInteraction", "inlineChoiceInteraction", "endAttemptInteraction"}
NOT_STEM = {"rubricBlock", "feedbackInline", "feedbackBlock", "templateBlock", "templateInline"}
IDENTIFIER = re.compile(r"[^\w.-]", re.ASCII)


# Safe XML --------------------------------------------------------------------------------------


def _read_xml(data: bytes) -> safexml.XmlTree | Problem:
    """Build a tree of local names, refusing any DTD, with each element's line."""
    return safexml.read(data, dtd_refused=DTD_REFUSED, not_xml=NOT_XML, local_names=True)


def _children(element: ET.Element | None, tag: str) -> list[ET.Element]:
    return [] if element is None else [child for child in element if child.tag == tag]


def _child(element: ET.Element | None, tag: str) -> ET.Element | None:
    found = _children(element, tag)
    return found[0] if found else None


def _escape(text: str, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;") if quote else text


# Reading ---------------------------------------------------------------------------------------


@dataclass
class _Context:
    language: str
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.problems.append(warning(message))

    def fail(self, message: str) -> None:
        self.problems.append(error(message))


@dataclass
class _Read:
    """One item file as read: its draft (None when it could not be read) and its problems."""

    item: ItemDraft | None
    problems: list[Problem]
    identifier: str
    label: str
    language: str
    line: int | None
    file: str | None = None
    keywords: tuple[str, ...] = ()


def parse(data: bytes | str, language: str = "en") -> ImportResult:
    """Read a QTI 2.1 item file or an IMS content package (ZIP) of items. Never raises:
    problems carry the line where each item starts and, in a package, the file it is in.
    Text of an item without ``xml:lang`` is read as ``language``."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data.strip():
        return ImportResult(items=(), problems=(error(EMPTY_FILE),))
    if data.startswith(b"PK"):
        reads, problems = _read_package(data, language)
    else:
        read = _read_file(data, language, file=None)
        reads, problems = ([read], []) if isinstance(read, _Read) else ([], [read])
    items: list[ItemDraft] = []
    for item, found in _join(reads):
        if item is not None:
            items.append(item)
        problems += found
    return ImportResult(items=tuple(items), problems=tuple(problems))


def is_qti(data: bytes) -> bool:
    """Whether an XML file is a QTI 2.x item or test (rather than, say, Moodle XML)."""
    head = data[:4096]
    return b"imsqti_v2p" in head and (b"assessmentItem" in head or b"assessmentTest" in head)


def _located(problem: Problem, file: str | None, line: int | None) -> Problem:
    message = IN_FILE.format(file=file, message=problem.message) if file else problem.message
    return replace(problem, message=message, line=problem.line or line)


def _read_file(data: bytes, language: str, file: str | None) -> _Read | Problem:
    tree = _read_xml(data)
    if isinstance(tree, Problem):
        return _located(tree, file, None)
    root = tree.root
    if root.tag == "assessmentTest":
        return _located(error(A_TEST, line=1), file, 1)
    if root.tag != "assessmentItem" or not tree.namespace.startswith(QTI_NS[:-1]):
        return _located(error(NOT_AN_ITEM.format(tag=root.tag), line=1), file, 1)
    line = tree.line(root)
    context = _Context(language)
    identifier = root.get("identifier", "").strip()
    label = root.get("label", "").strip()
    name = label or root.get("title", "").strip() or identifier
    item = _read_item(root, replace(ItemDraft(kind="", texts={}), name=name), context)
    problems = list(dict.fromkeys(context.problems))  # one warning per kind of loss
    if any(p.severity == "error" for p in problems):
        item = None
    problems = [replace(_located(p, file, line), item=name or None) for p in problems]
    return _Read(item, problems, identifier, label, context.language, line, file)


def _short_language(code: str) -> str:
    return code.strip().lower().replace("_", "-").split("-")[0]


def _read_item(root: ET.Element, base: ItemDraft, context: _Context) -> ItemDraft | None:
    written = _short_language(root.get("xml:lang", ""))
    if written in LANGUAGES:
        context.language = written
    elif written:
        name = LANGUAGE_NAMES.get(context.language, context.language)
        context.warn(LANGUAGE_READ_AS.format(language=root.get("xml:lang"), name=name))
    if _children(root, "templateDeclaration"):
        context.warn(TEMPLATE_DROPPED)
    body = _child(root, "itemBody")
    interactions = [] if body is None else [e for e in body.iter() if e.tag.endswith("Interaction")]
    if not interactions:
        context.warn(NO_INTERACTION)
        return None
    if len(interactions) > 1:
        context.warn(MANY_INTERACTIONS.format(count=len(interactions)))
        return None
    interaction = interactions[0]
    if interaction.tag not in SUPPORTED:
        context.warn(NOT_SUPPORTED.format(interaction=interaction.tag))
        return None
    identifier = interaction.get("responseIdentifier", "")
    declaration = next(
        (d for d in _children(root, "responseDeclaration") if d.get("identifier") == identifier),
        None,
    )
    if declaration is None:
        context.fail(NO_DECLARATION.format(identifier=identifier))
        return None
    assert body is not None  # an interaction was found in it
    base = _read_texts(root, body, interaction, base, context)
    return _READERS[interaction.tag](interaction, declaration, root, base, context)


def _read_texts(
    root: ET.Element, body: ET.Element, interaction: ET.Element, base: ItemDraft, context: _Context
) -> ItemDraft:
    code = context.language
    stem, unit = _stem(body, interaction)
    rubric = "\n".join(_block_text(block) for block in body.iter("rubricBlock")).strip()
    feedback = ""
    for modal in _children(root, "modalFeedback"):
        if modal.get("identifier") == "GENERAL" and modal.get("showHide", "show") == "show":
            feedback = _block_text(modal)
        else:
            context.warn(CONDITIONAL_FEEDBACK_DROPPED)
    if any(e.tag in ("feedbackBlock",) for e in body.iter()):
        context.warn(CONDITIONAL_FEEDBACK_DROPPED)
    names = [
        e.get("src") or e.get("data") or ""
        for e in body.iter()
        if e.tag in ("img", "object") and ":" not in (e.get("src") or e.get("data") or ":")
    ]
    if names:
        context.warn(FILES_DROPPED.format(names=", ".join(names)))
    return replace(
        base,
        texts={code: stem} if stem else {},
        units=(Unit(unit),) if unit else (),
        rubric={code: rubric} if rubric else {},
        feedback={code: feedback} if feedback else {},
    )


def _stem(body: ET.Element, interaction: ET.Element) -> tuple[str, str]:
    """The question as the bank keeps it, and the unit written after a lone answer box."""
    parts: list[ET.Element | str] = []  # elements of the stem, and plain text between them
    unit = ""
    if (body.text or "").strip():
        parts.append(body.text.strip())
    for child in body:
        if child is interaction:
            prompt = _child(interaction, "prompt")
            if prompt is not None and _content(prompt):
                parts.append(prompt)
        elif _is_answer_box(child, interaction):
            unit = (interaction.tail or "").strip()
        elif child.tag not in NOT_STEM:
            parts.append(child)
        if (child.tail or "").strip():
            parts.append(child.tail.strip())
    return _joined_text(parts, interaction), unit


def _joined_text(parts: list[ET.Element | str], interaction: ET.Element | None = None) -> str:
    """Parts of a text as one string: a lone plain ``div`` (or prompt) gives its content, plain
    text stays plain, and anything else is kept as markup."""
    if len(parts) == 1 and not isinstance(parts[0], str):
        only = parts[0]
        if only.tag == "prompt" or (only.tag == "div" and not only.attrib):
            return _content(only, interaction)
    chunks = []
    for part in parts:
        if isinstance(part, str):
            chunks.append((False, part))
        elif part.tag == "prompt":
            chunks.append((_has_markup(part), _content(part)))
        else:
            chunks.append((True, _outer(part, interaction).strip()))
    chunks = [chunk for chunk in chunks if chunk[1]]
    if not any(markup for markup, _ in chunks):
        return "\n".join(text for _, text in chunks)
    return "\n".join(text if markup else _escape(text) for markup, text in chunks)


def _block_text(element: ET.Element) -> str:
    """The text of a rubric or feedback block, without the ``div`` it is written in."""
    parts: list[ET.Element | str] = (
        [(element.text or "").strip()] if (element.text or "").strip() else []
    )
    for child in element:
        parts.append(child)
        if (child.tail or "").strip():
            parts.append(child.tail.strip())
    return _joined_text(parts)


def _is_answer_box(element: ET.Element, interaction: ET.Element) -> bool:
    return (
        element.tag == "p"
        and list(element) == [interaction]
        and not (element.text or "").strip()
        and interaction.tag == "textEntryInteraction"
    )


def _has_markup(element: ET.Element, interaction: ET.Element | None = None) -> bool:
    return any(child.tag not in NOT_STEM or child is interaction for child in element)


def _content(element: ET.Element, interaction: ET.Element | None = None) -> str:
    """An element's content: plain text when it holds no elements, else its inner markup."""
    if not _has_markup(element, interaction):
        parts = [element.text or ""] + [child.tail or "" for child in element]
        return "".join(parts).strip()
    return _inner(element, interaction).strip()


def _inner(element: ET.Element, interaction: ET.Element | None) -> str:
    parts = [_escape(element.text or "")]
    for child in element:
        parts.append(_outer(child, interaction))
        parts.append(_escape(child.tail or ""))
    return "".join(parts)


def _outer(element: ET.Element, interaction: ET.Element | None) -> str:
    if element is interaction:
        return BLANK if element.tag in INLINE_INTERACTIONS else ""
    if element.tag in NOT_STEM:
        return ""
    attributes = "".join(f' {k}="{_escape(v, quote=True)}"' for k, v in element.attrib.items())
    inner = _inner(element, interaction)
    if not inner:
        return f"<{element.tag}{attributes}/>"
    return f"<{element.tag}{attributes}>{inner}</{element.tag}>"


def _values(element: ET.Element | None) -> list[str]:
    return [(value.text or "").strip() for value in _children(element, "value")]


def _mapping(declaration: ET.Element) -> tuple[list[tuple[str, float, bool]], float] | None:
    """The mapping's entries (key, credit, case-sensitive) and default value, if it has one."""
    mapping = _child(declaration, "mapping")
    if mapping is None:
        return None
    entries = []
    for entry in _children(mapping, "mapEntry"):
        credit = _number(entry.get("mappedValue", ""))
        sensitive = entry.get("caseSensitive", "true").strip().lower() in ("true", "1")
        entries.append((entry.get("mapKey", ""), 0.0 if credit is None else credit, sensitive))
    default = _number(mapping.get("defaultValue", "0")) or 0.0
    return entries, default


def _number(text: str) -> float | None:
    try:
        number = float(text.strip())
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _read_choice(
    interaction: ET.Element,
    declaration: ET.Element,
    _root: ET.Element,
    base: ItemDraft,
    context: _Context,
) -> ItemDraft | None:
    code = context.language
    choices = _children(interaction, "simpleChoice")
    ids = [choice.get("identifier", "") for choice in choices]
    single = declaration.get("cardinality", "single") == "single"
    credits = _choice_credits(declaration, ids, single, context)
    if credits is None:
        return None
    if single and sorted(i.lower() for i in ids) == ["false", "true"]:
        truth = next(i.lower() == "true" for i in ids if credits.get(i, 0) >= 1)
        return replace(base, kind="true_false", truth=truth)
    options = []
    for choice, identifier in zip(choices, ids, strict=True):
        feedback = " ".join(_content(fb) for fb in _children(choice, "feedbackInline")).strip()
        text = _content(choice)
        options.append(
            Option(
                texts={code: text} if text else {},
                fraction=round(credits.get(identifier, 0.0), 7),
                feedback={code: feedback} if feedback else {},
            )
        )
    return replace(base, kind="single" if single else "multiple", options=tuple(options))


def _choice_credits(
    declaration: ET.Element, ids: list[str], single: bool, context: _Context
) -> dict[str, float] | None:
    correct = _values(_child(declaration, "correctResponse"))
    for value in correct:
        if value not in ids:
            context.fail(UNKNOWN_CHOICE.format(value=value))
            return None
    mapped = _mapping(declaration)
    if mapped is not None and mapped[0]:
        entries, default = mapped
        credits = {identifier: default for identifier in ids}
        credits.update({key.strip(): credit for key, credit, _ in entries})
        positive = [c for c in credits.values() if c > 0]
        scale = (max(positive) if single else sum(positive)) if positive else 1.0
        return {key: credit / scale for key, credit in credits.items()}
    if not correct:
        context.fail(NO_CORRECT)
        return None
    if not single and len(correct) > 1:
        context.warn(ALL_OR_NOTHING)
    return {value: 1.0 / len(correct) for value in correct}


def _read_text_entry(
    interaction: ET.Element,
    declaration: ET.Element,
    root: ET.Element,
    base: ItemDraft,
    context: _Context,
) -> ItemDraft | None:
    base_type = declaration.get("baseType", "string")
    if base_type in ("float", "integer"):
        return _read_numeric(declaration, root, base, context)
    if base_type != "string":
        context.warn(BAD_BASE_TYPE.format(type=base_type))
        return None
    code = context.language
    mapped = _mapping(declaration)
    entries = mapped[0] if mapped else []
    if not entries:
        correct = _values(_child(declaration, "correctResponse"))
        entries = [(value, 1.0, True) for value in correct]
    if not entries:
        context.fail(NO_CORRECT)
        return None
    best = max(credit for _, credit, _ in entries)
    scale = best if best > 0 else 1.0
    sensitivity = {sensitive for _, _, sensitive in entries}
    if len(sensitivity) > 1:
        context.warn(CASE_MIXED)
    options = tuple(
        Option(texts={code: key}, fraction=round(credit / scale, 7)) for key, credit, _ in entries
    )
    return replace(base, kind="short_text", options=options, case_sensitive=True in sensitivity)


def _read_numeric(
    declaration: ET.Element, root: ET.Element, base: ItemDraft, context: _Context
) -> ItemDraft | None:
    correct = _values(_child(declaration, "correctResponse"))
    mapped = _mapping(declaration)
    answer_text = correct[0] if correct else ""
    if not answer_text and mapped and mapped[0]:
        entries = sorted(mapped[0], key=lambda entry: -entry[1])
        answer_text = entries[0][0]
        if len(entries) > 1:
            others = ", ".join(key for key, _, _ in entries[1:])
            context.warn(OTHER_NUMBERS_DROPPED.format(answer=answer_text, others=others))
    if not answer_text:
        context.fail(NO_CORRECT)
        return None
    answer = _number(answer_text)
    if answer is None:
        context.fail(BAD_NUMBER.format(value=answer_text))
        return None
    tolerance = _tolerance(_child(root, "responseProcessing"), answer, context)
    if tolerance is None:
        return None
    return replace(base, kind="numeric", answer=answer, tolerance=tolerance)


def _tolerance(processing: ET.Element | None, answer: float, context: _Context) -> float | None:
    equal = next(iter(processing.iter("equal")), None) if processing is not None else None
    if equal is None or equal.get("toleranceMode", "exact") == "exact":
        return 0.0
    text = (equal.get("tolerance") or "0").split()[0]
    value = _number(text)
    if value is None:
        context.fail(BAD_NUMBER.format(value=text))
        return None
    if equal.get("toleranceMode") == "relative":
        absolute = abs(answer) * value / 100
        context.warn(RELATIVE_TOLERANCE.format(percent=f"{value:g}", tolerance=f"{absolute:g}"))
        return absolute
    return value


def _read_match(
    interaction: ET.Element,
    declaration: ET.Element,
    _root: ET.Element,
    base: ItemDraft,
    context: _Context,
) -> ItemDraft | None:
    code = context.language
    sets = _children(interaction, "simpleMatchSet")
    texts = {
        choice.get("identifier", ""): _content(choice)
        for match_set in sets
        for choice in _children(match_set, "simpleAssociableChoice")
    }
    correct = _values(_child(declaration, "correctResponse"))
    mapped = _mapping(declaration)
    if not correct and mapped:
        correct = [key for key, credit, _ in mapped[0] if credit > 0]
    pairs, used = [], set()
    for value in correct:
        left, _, right = value.partition(" ")
        if left not in texts or right.strip() not in texts:
            context.fail(UNKNOWN_CHOICE.format(value=value))
            return None
        right = right.strip()
        used.update((left, right))
        pairs.append(Pair(left={code: texts[left]}, right={code: texts[right]}))
    if not pairs:
        context.fail(NO_CORRECT)
        return None
    if mapped and len({credit for key, credit, _ in mapped[0] if key in correct}) > 1:
        context.warn(PAIR_CREDIT_DROPPED)
    unmatched = [texts[key] for key in texts if key not in used]
    if unmatched:
        context.warn(UNMATCHED_DROPPED.format(choices=", ".join(unmatched)))
    return replace(base, kind="matching", pairs=tuple(pairs))


def _read_extended_text(
    _interaction: ET.Element,
    _declaration: ET.Element,
    _root: ET.Element,
    base: ItemDraft,
    _context: _Context,
) -> ItemDraft:
    return replace(base, kind="essay")


_READERS = {
    "choiceInteraction": _read_choice,
    "textEntryInteraction": _read_text_entry,
    "matchInteraction": _read_match,
    "extendedTextInteraction": _read_extended_text,
}


# Packages --------------------------------------------------------------------------------------


def _read_package(data: bytes, language: str) -> tuple[list[_Read], list[Problem]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        return [], [error(NOT_A_ZIP.format(reason=str(exc).rstrip(".")), line=None)]
    sizes = [info.file_size for info in members.values()]
    if len(sizes) > MAX_MEMBERS or sum(sizes) > MAX_PACKAGE_BYTES:
        return [], [error(PACKAGE_TOO_LARGE)]
    if MANIFEST not in members:
        return [], [error(NO_MANIFEST)]
    manifest = _member(archive, members[MANIFEST])
    tree = _read_xml(manifest) if isinstance(manifest, bytes) else manifest
    if isinstance(tree, Problem):
        return [], [_located(tree, MANIFEST, None)]
    reads: list[_Read] = []
    problems: list[Problem] = []
    resources = [
        r for r in tree.root.iter("resource") if r.get("type", "").startswith(ITEM_TYPE[:-1])
    ]
    for resource in resources:
        read = _read_resource(archive, members, tree, resource, language)
        if isinstance(read, _Read):
            reads.append(read)
        else:
            problems.append(read)
    if not resources:
        problems.append(_located(error(NO_ITEMS), MANIFEST, tree.line(tree.root)))
    return reads, problems


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | Problem:
    if info.file_size > MAX_MEMBER_BYTES:
        return error(PACKAGE_TOO_LARGE)
    try:
        with archive.open(info) as handle:
            return handle.read(MAX_MEMBER_BYTES + 1)[:MAX_MEMBER_BYTES]
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        return error(NOT_A_ZIP.format(reason=str(exc).rstrip(".")))


def _read_resource(
    archive: zipfile.ZipFile,
    members: dict[str, zipfile.ZipInfo],
    tree: safexml.XmlTree,
    resource: ET.Element,
    language: str,
) -> _Read | Problem:
    href = resource.get("href") or next((f.get("href", "") for f in resource.iter("file")), "")
    path = posixpath.normpath(href.split("#")[0]) if href else ""
    if path not in members:
        return _located(error(MISSING_FILE.format(href=href)), MANIFEST, tree.line(resource))
    data = _member(archive, members[path])
    if isinstance(data, Problem):
        return _located(data, path, None)
    read = _read_file(data, language, file=path)
    if isinstance(read, _Read):
        read.keywords = tuple(
            (text.text or "").strip()
            for keyword in resource.iter("keyword")
            for text in keyword
            if (text.text or "").strip()
        )
    return read


def _join(reads: list[_Read]) -> list[tuple[ItemDraft | None, list[Problem]]]:
    """Join the language versions of one item (same base identifier, one language each)."""
    groups: list[tuple[str, list[_Read]]] = []
    for read in reads:
        key = _base_identifier(read)
        group = next((g for k, g in groups if k == key and _fits(g, read)), None)
        if group is not None:
            group.append(read)
            continue
        if read.item is not None and any(k == key for k, _ in groups):
            language = LANGUAGE_NAMES.get(read.language, read.language)
            message = warning(VERSION_SEPARATE.format(language=language))
            read.problems.append(replace(_located(message, read.file, read.line), item=read.label))
        groups.append((key, [read]))
    return [_joined(group) for _, group in groups]


def _joined(group: list[_Read]) -> tuple[ItemDraft | None, list[Problem]]:
    problems = [p for read in group for p in read.problems]
    items = [read.item for read in group if read.item is not None]
    if not items:
        return None, problems
    item = items[0]
    for other in items[1:]:
        item = _merge(item, other)
    first = group[0]
    item = _apply_keywords(item, first.keywords, first, problems)
    problems += [_located(replace(p, item=item.label), first.file, first.line) for p in check(item)]
    return item, problems


def _base_identifier(read: _Read) -> str:
    suffix = "-" + read.language
    if read.identifier.endswith(suffix):
        return read.identifier[: -len(suffix)]
    return read.identifier or f"#{id(read)}"


def _fits(group: list[_Read], read: _Read) -> bool:
    """Whether a file is another language of the item the group holds."""
    first = next((r.item for r in group if r.item is not None), None)
    if first is None or read.item is None:
        return False
    if read.language in {r.language for r in group}:
        return False
    return _shape(first) == _shape(read.item)


def _shape(item: ItemDraft) -> tuple:
    return (
        item.kind,
        tuple(option.fraction for option in item.options),
        len(item.pairs),
        item.truth,
        item.answer,
        item.tolerance,
        item.case_sensitive,
    )


def _merge(item: ItemDraft, other: ItemDraft) -> ItemDraft:
    options = tuple(
        replace(a, texts={**a.texts, **b.texts}, feedback={**a.feedback, **b.feedback})
        for a, b in zip(item.options, other.options, strict=True)
    )
    pairs = tuple(
        Pair(left={**a.left, **b.left}, right={**a.right, **b.right})
        for a, b in zip(item.pairs, other.pairs, strict=True)
    )
    return replace(
        item,
        texts={**item.texts, **other.texts},
        options=options,
        pairs=pairs,
        rubric={**item.rubric, **other.rubric},
        feedback={**item.feedback, **other.feedback},
        units=item.units or other.units,
    )


def _apply_keywords(
    item: ItemDraft, keywords: tuple[str, ...], read: _Read, problems: list[Problem]
) -> ItemDraft:
    competencies, schemes, tags, difficulty = [], [], [], None
    for keyword in keywords:
        if keyword.startswith(COMPETENCY_TAG):
            competencies.append(keyword.removeprefix(COMPETENCY_TAG).strip())
        elif keyword.startswith(SCHEME_TAG):
            schemes.append(keyword.removeprefix(SCHEME_TAG).strip())
        elif keyword.startswith(DIFFICULTY_TAG) and keyword[len(DIFFICULTY_TAG) :] in "123":
            difficulty = int(keyword.removeprefix(DIFFICULTY_TAG))
        else:
            if keyword.startswith(DIFFICULTY_TAG):
                message = warning(BAD_DIFFICULTY_TAG.format(tag=keyword))
                problems.append(replace(_located(message, read.file, read.line), item=item.label))
            tags.append(keyword)
    return replace(
        item,
        competencies=tuple(competencies),
        schemes=tuple(schemes),
        difficulty=difficulty,
        tags=tuple(tags),
    )


# Writing ---------------------------------------------------------------------------------------


def write(items: Iterable[ItemDraft], language: str = "en") -> ExportResult:
    """Write items as an IMS content package (ZIP bytes): one QTI 2.1 item file per item and
    language, ``language`` first, listed in ``imsmanifest.xml`` with the item's competency,
    scheme, difficulty and tag keywords. Warnings say what QTI could not hold."""
    order = [language, *(code for code in LANGUAGES if code != language)]
    resources: list[tuple[str, str, ItemDraft]] = []  # (identifier, file, item)
    files: dict[str, bytes] = {}
    problems: list[Problem] = []
    taken: set[str] = set()
    for number, item in enumerate(items, start=1):
        lost = _unwritable(item)
        if lost is not None:
            problems.append(replace(lost, item=item.label))
            continue
        base = _unique(_identifier(item.name, number), taken)
        found: list[Problem] = []
        for code in (c for c in order if c in item.languages):
            identifier = f"{base}-{code}"
            path = f"items/{identifier}.xml"
            files[path] = _item_bytes(item, code, identifier, found)
            resources.append((identifier, path, item))
        problems += [replace(p, item=item.label) for p in dict.fromkeys(found)]
    manifest = _manifest(resources)
    return ExportResult(content=_zip({MANIFEST: manifest, **files}), problems=tuple(problems))


def write_item(item: ItemDraft, language: str = "en") -> ExportResult:
    """Write one item in one language as a single QTI 2.1 item file (UTF-8 bytes); a lone file
    loses the other languages and the item's codes, which the warnings name."""
    lost = _unwritable(item)
    if lost is None and language not in item.languages:
        lost = warning(NO_TEXT_IN_LANGUAGE.format(language=LANGUAGE_NAMES.get(language, language)))
    if lost is not None:
        return ExportResult(content=b"", problems=(replace(lost, item=item.label),))
    found: list[Problem] = []
    content = _item_bytes(item, language, f"{_identifier(item.name, 1)}-{language}", found)
    others = [LANGUAGE_NAMES[code] for code in item.languages if code != language]
    if others:
        found.append(warning(ONE_LANGUAGE.format(languages=", ".join(others))))
    if item.competencies or item.schemes or item.difficulty is not None or item.tags:
        found.append(warning(NO_METADATA))
    problems = tuple(replace(p, item=item.label) for p in dict.fromkeys(found))
    return ExportResult(content=content, problems=problems)


def _unwritable(item: ItemDraft) -> Problem | None:
    if item.kind not in _WRITERS:
        return warning(NOT_WRITTEN_KIND.format(kind=item.kind))
    if not item.languages:
        return warning(NOT_WRITTEN_NO_TEXT)
    return None


def _identifier(name: str, number: int) -> str:
    """A QTI identifier (an XML name) made from the item's name."""
    identifier = IDENTIFIER.sub("_", name.strip())[:200] or f"item-{number}"
    return identifier if identifier[0].isalpha() or identifier[0] == "_" else "I" + identifier


def _unique(identifier: str, taken: set[str]) -> str:
    candidate, number = identifier, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{identifier}-{number}"
    taken.add(candidate.lower())
    return candidate


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in files.items():
            info = zipfile.ZipInfo(path, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def _el(tag: str, attributes: dict[str, str] | None = None, *children: ET.Element) -> ET.Element:
    element = ET.Element(tag, attributes or {})
    element.extend(children)
    return element


def _text_el(tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.Element(tag, attributes)
    element.text = text
    return element


def _manifest(resources: list[tuple[str, str, ItemDraft]]) -> bytes:
    manifest = _el(
        "manifest",
        {
            "xmlns": CP_NS,
            "xmlns:imsmd": MD_NS,
            "xmlns:xsi": XSI_NS,
            "xsi:schemaLocation": f"{CP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd "
            f"{MD_NS} http://www.imsglobal.org/xsd/imsmd_v1p2p4.xsd",
            "identifier": "MANIFEST-muhandis-items",
        },
        _el(
            "metadata",
            {},
            _text_el("schema", "QTIv2.1 Package"),
            _text_el("schemaversion", "1.0.0"),
        ),
        _el("organizations"),
    )
    holder = ET.SubElement(manifest, "resources")
    for identifier, path, item in resources:
        resource = ET.SubElement(
            holder, "resource", {"identifier": f"RES-{identifier}", "type": ITEM_TYPE, "href": path}
        )
        keywords = _keywords(item)
        if keywords:
            general = _el("imsmd:general")
            for keyword in keywords:
                general.append(
                    _el(
                        "imsmd:keyword",
                        {},
                        _text_el("imsmd:langstring", keyword, **{"xml:lang": "x-none"}),
                    )
                )
            resource.append(_el("metadata", {}, _el("imsmd:lom", {}, general)))
        ET.SubElement(resource, "file", href=path)
    ET.indent(manifest)
    return ET.tostring(manifest, encoding="utf-8", xml_declaration=True) + b"\n"


def _keywords(item: ItemDraft) -> list[str]:
    return [
        *(COMPETENCY_TAG + code for code in item.competencies),
        *(SCHEME_TAG + code for code in item.schemes),
        *([f"{DIFFICULTY_TAG}{item.difficulty}"] if item.difficulty is not None else []),
        *item.tags,
    ]


@dataclass
class _Writer:
    item: ItemDraft
    language: str
    problems: list[Problem]

    def text(self, texts: dict[str, str]) -> str:
        return texts.get(self.language, "").strip()

    def put(self, parent: ET.Element, text: str, *, inline: bool = False) -> ET.Element:
        """Write text into parent: as QTI's XHTML elements when it is markup that QTI accepts,
        else as plain text."""
        fragment = _fragment(text, inline) if "<" in text else None
        if fragment is None:
            if HTML_TAG.search(text):
                self.problems.append(warning(WRITTEN_AS_PLAIN_TEXT))
            parent.text = (parent.text or "") + text
            return parent
        parent.text = (parent.text or "") + (fragment.text or "")
        parent.extend(list(fragment))
        return parent


HTML_TAG = re.compile(r"<[a-zA-Z/][^>]*>")


def _fragment(text: str, inline: bool) -> ET.Element | None:
    tree = _read_xml(f"<fragment>{text}</fragment>".encode())
    if isinstance(tree, Problem):
        return None
    allowed = INLINE_TAGS if inline else INLINE_TAGS | BLOCK_TAGS
    for element in tree.root.iter():
        if element is tree.root:
            continue
        names = COMMON_ATTRIBUTES | TAG_ATTRIBUTES.get(element.tag, set())
        if element.tag not in allowed or not set(element.attrib) <= names:
            return None
        if element.tag == "img" and "alt" not in element.attrib:
            return None
    return tree.root


def _item_bytes(item: ItemDraft, language: str, identifier: str, problems: list[Problem]) -> bytes:
    writer = _Writer(item, language, problems)
    attributes = {
        "xmlns": QTI_NS,
        "xmlns:xsi": XSI_NS,
        "xsi:schemaLocation": f"{QTI_NS} {QTI_XSD}",
        "identifier": identifier,
        "title": (item.name or item.label)[:256] or identifier,
        **({"label": item.name[:256]} if item.name else {}),
        "xml:lang": language,
        "adaptive": "false",
        "timeDependent": "false",
    }
    root = _el("assessmentItem", attributes)
    body = _el("itemBody")
    stem = writer.text(item.texts)
    if stem:
        body.append(writer.put(_el("div"), stem))
    rubric = writer.text(item.rubric)
    if rubric:
        body.append(_el("rubricBlock", {"view": "scorer"}, writer.put(_el("div"), rubric)))
    declaration, interaction, rules = _WRITERS[item.kind](writer)
    body.append(interaction)
    feedback = writer.text(item.feedback)
    choice_feedback = any(element.tag == "feedbackInline" for element in interaction.iter())
    root.append(declaration)
    root.append(_outcome("SCORE", "single", "float", default="0"))
    if feedback or choice_feedback:
        root.append(_outcome("FEEDBACK", "multiple", "identifier"))
        rules.append(_feedback_rule(choice_feedback, bool(feedback)))
    root.append(body)
    if rules:
        root.append(_el("responseProcessing", {}, *rules))
    if feedback:
        modal = _el(
            "modalFeedback",
            {"outcomeIdentifier": "FEEDBACK", "showHide": "show", "identifier": "GENERAL"},
        )
        root.append(writer.put(modal, feedback))
    _indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _indent(element: ET.Element, level: int = 0) -> None:
    """Indent the structure, never the inside of a text (whitespace there would be content)."""
    if element.tag in CONTENT_TAGS or not len(element):
        return
    pad = "\n" + "  " * (level + 1)
    if not (element.text or "").strip():
        element.text = pad
    for child in element:
        _indent(child, level + 1)
        if not (child.tail or "").strip():
            child.tail = pad
    if not (element[-1].tail or "").strip():
        element[-1].tail = "\n" + "  " * level


def _outcome(identifier: str, cardinality: str, base_type: str, default: str = "") -> ET.Element:
    outcome = _el(
        "outcomeDeclaration",
        {"identifier": identifier, "cardinality": cardinality, "baseType": base_type},
    )
    if default:
        outcome.append(_el("defaultValue", {}, _text_el("value", default)))
    return outcome


def _declaration(
    cardinality: str,
    base_type: str,
    correct: list[str],
    entries: list[tuple[str, float]] | None = None,
    *,
    case_sensitive: bool = True,
    bounds: tuple[str, str] | None = None,
) -> ET.Element:
    declaration = _el(
        "responseDeclaration",
        {"identifier": "RESPONSE", "cardinality": cardinality, "baseType": base_type},
    )
    if correct:
        declaration.append(_el("correctResponse", {}, *(_text_el("value", v) for v in correct)))
    if entries:
        limits = {"lowerBound": bounds[0], "upperBound": bounds[1]} if bounds else {}
        mapping = ET.SubElement(declaration, "mapping", {**limits, "defaultValue": "0"})
        for key, credit in entries:
            sensitive = "true" if case_sensitive else "false"
            ET.SubElement(
                mapping,
                "mapEntry",
                {"mapKey": key, "mappedValue": _num(credit), "caseSensitive": sensitive},
            )
    return declaration


def _num(value: float) -> str:
    return (
        repr(float(value)).removesuffix(".0") if float(value).is_integer() else repr(float(value))
    )


def _set_score(expression: ET.Element) -> ET.Element:
    return _el("setOutcomeValue", {"identifier": "SCORE"}, expression)


def _score(value: str) -> ET.Element:
    return _set_score(_text_el("baseValue", value, baseType="float"))


def _variable() -> ET.Element:
    return _el("variable", {"identifier": "RESPONSE"})


def _correct() -> ET.Element:
    return _el("correct", {"identifier": "RESPONSE"})


def _scored_if(condition: ET.Element) -> ET.Element:
    """Full credit when condition holds, none otherwise (IMS's match_correct template)."""
    return _el(
        "responseCondition",
        {},
        _el("responseIf", {}, condition, _score("1")),
        _el("responseElse", {}, _score("0")),
    )


def _map_response_rule() -> ET.Element:
    """The credit the mapping gives the response (IMS's map_response template)."""
    return _el(
        "responseCondition",
        {},
        _el("responseIf", {}, _el("isNull", {}, _variable()), _score("0")),
        _el("responseElse", {}, _set_score(_el("mapResponse", {"identifier": "RESPONSE"}))),
    )


def _feedback_rule(choices: bool, general: bool) -> ET.Element:
    parts = [_variable()] if choices else []
    if general:
        parts.append(_text_el("baseValue", "GENERAL", baseType="identifier"))
    return _el("setOutcomeValue", {"identifier": "FEEDBACK"}, _el("multiple", {}, *parts))


def _choice_id(index: int) -> str:
    label = option_label(index)
    return label if label.isalpha() else f"C{index + 1}"


def _write_choice(writer: _Writer) -> tuple[ET.Element, ET.Element, list[ET.Element]]:
    item = writer.item
    single = item.kind == "single"
    ids = [_choice_id(index) for index in range(len(item.options))]
    interaction = _el(
        "choiceInteraction",
        {
            "responseIdentifier": "RESPONSE",
            "shuffle": "false",
            "maxChoices": "1" if single else "0",
        },
    )
    for identifier, option in zip(ids, item.options, strict=True):
        choice = writer.put(
            _el("simpleChoice", {"identifier": identifier}), writer.text(option.texts)
        )
        feedback = writer.text(option.feedback)
        if feedback:
            inline = {"outcomeIdentifier": "FEEDBACK", "identifier": identifier, "showHide": "show"}
            choice.append(writer.put(_el("feedbackInline", inline), feedback, inline=True))
        interaction.append(choice)
    credits = [(i, o.fraction) for i, o in zip(ids, item.options, strict=True)]
    if single:
        correct = [i for i, fraction in credits if fraction >= 1][:1]
        if all(fraction in (0, 1) for _, fraction in credits):
            rules = [_scored_if(_el("match", {}, _variable(), _correct()))]
            return _declaration("single", "identifier", correct), interaction, rules
        entries = [(i, f) for i, f in credits if f]
        declaration = _declaration("single", "identifier", correct, entries)
        return declaration, interaction, [_map_response_rule()]
    correct = [i for i, fraction in credits if fraction > 0]
    entries = [(i, f) for i, f in credits if f]
    declaration = _declaration("multiple", "identifier", correct, entries, bounds=("0", "1"))
    return declaration, interaction, [_map_response_rule()]


def _write_true_false(writer: _Writer) -> tuple[ET.Element, ET.Element, list[ET.Element]]:
    words = TRUTH_WORDS.get(writer.language, TRUTH_WORDS["en"])
    interaction = _el(
        "choiceInteraction",
        {"responseIdentifier": "RESPONSE", "shuffle": "false", "maxChoices": "1"},
    )
    for identifier, word in zip(("true", "false"), words, strict=True):
        interaction.append(_text_el("simpleChoice", word, identifier=identifier))
    correct = ["true" if writer.item.truth else "false"] if writer.item.truth is not None else []
    rules = [_scored_if(_el("match", {}, _variable(), _correct()))]
    return _declaration("single", "identifier", correct), interaction, rules


def _answer_box(unit: str) -> ET.Element:
    box = _el("textEntryInteraction", {"responseIdentifier": "RESPONSE", "expectedLength": "20"})
    if unit:
        box.tail = " " + unit
    return _el("p", {}, box)


def _write_numeric(writer: _Writer) -> tuple[ET.Element, ET.Element, list[ET.Element]]:
    item = writer.item
    if len(item.units) > 1:
        others = ", ".join(unit.name for unit in item.units[1:])
        writer.problems.append(warning(OTHER_UNITS.format(units=others)))
    answer = "" if item.answer is None else repr(float(item.answer))
    tolerance = {"toleranceMode": "exact"}
    if item.tolerance:
        tolerance = {"toleranceMode": "absolute", "tolerance": repr(float(item.tolerance))}
    rules = [_scored_if(_el("equal", tolerance, _variable(), _correct()))]
    declaration = _declaration("single", "float", [answer] if answer else [])
    return declaration, _answer_box(item.units[0].name if item.units else ""), rules


def _write_short_text(writer: _Writer) -> tuple[ET.Element, ET.Element, list[ET.Element]]:
    item = writer.item
    if any(option.feedback for option in item.options):
        writer.problems.append(warning(ANSWER_FEEDBACK))
    entries = [
        (writer.text(option.texts), option.fraction)
        for option in item.options
        if writer.text(option.texts)
    ]
    correct = [key for key, fraction in entries if fraction >= 1][:1]
    declaration = _declaration(
        "single", "string", correct, entries, case_sensitive=item.case_sensitive
    )
    return declaration, _answer_box(""), [_map_response_rule()]


def _write_matching(writer: _Writer) -> tuple[ET.Element, ET.Element, list[ET.Element]]:
    item = writer.item
    lefts = _el("simpleMatchSet")
    rights = _el("simpleMatchSet")
    right_ids: dict[tuple, str] = {}
    correct = []
    for number, pair in enumerate(item.pairs, start=1):
        left = writer.put(
            _el("simpleAssociableChoice", {"identifier": f"L{number}", "matchMax": "1"}),
            writer.text(pair.left),
        )
        lefts.append(left)
        key = tuple(sorted(pair.right.items()))
        if key not in right_ids:
            right_ids[key] = f"R{len(right_ids) + 1}"
            attributes = {"identifier": right_ids[key], "matchMax": "0"}
            rights.append(
                writer.put(_el("simpleAssociableChoice", attributes), writer.text(pair.right))
            )
        correct.append(f"L{number} {right_ids[key]}")
    share = 1 / len(correct) if correct else 0.0
    entries = [(value, share) for value in correct]
    declaration = _declaration("multiple", "directedPair", correct, entries, bounds=("0", "1"))
    interaction = _el(
        "matchInteraction",
        {
            "responseIdentifier": "RESPONSE",
            "shuffle": "false",
            "maxAssociations": str(len(correct)),
        },
        lefts,
        rights,
    )
    return declaration, interaction, [_map_response_rule()]


def _write_essay(_writer: _Writer) -> tuple[ET.Element, ET.Element, list[ET.Element]]:
    declaration = _declaration("single", "string", [])
    interaction = _el(
        "extendedTextInteraction", {"responseIdentifier": "RESPONSE", "expectedLines": "15"}
    )
    return declaration, interaction, []


_WRITERS = {
    "single": _write_choice,
    "multiple": _write_choice,
    "true_false": _write_true_false,
    "numeric": _write_numeric,
    "short_text": _write_short_text,
    "matching": _write_matching,
    "essay": _write_essay,
}
