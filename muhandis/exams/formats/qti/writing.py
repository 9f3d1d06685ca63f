"""Writing ``ItemDraft``s as QTI 2.1 items and content packages (see the package's docstring)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ..items import (
    LANGUAGE_NAMES,
    LANGUAGES,
    ExportResult,
    ItemDraft,
    Problem,
    option_label,
    warning,
)
from .common import (
    ANSWER_FEEDBACK,
    BLOCK_TAGS,
    COMMON_ATTRIBUTES,
    COMPETENCY_TAG,
    CONTENT_TAGS,
    CP_NS,
    DIFFICULTY_TAG,
    IDENTIFIER,
    INLINE_TAGS,
    ITEM_TYPE,
    MANIFEST,
    MD_NS,
    NO_METADATA,
    NO_TEXT_IN_LANGUAGE,
    NOT_WRITTEN_KIND,
    NOT_WRITTEN_NO_TEXT,
    ONE_LANGUAGE,
    OTHER_UNITS,
    QTI_NS,
    QTI_XSD,
    SCHEME_TAG,
    TAG_ATTRIBUTES,
    TRUTH_WORDS,
    WRITTEN_AS_PLAIN_TEXT,
    XSI_NS,
    _read_xml,
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
