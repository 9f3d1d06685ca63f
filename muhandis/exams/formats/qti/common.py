"""What reading and writing QTI share: namespaces, messages, tag sets and the safe XML reader."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .. import safexml
from ..items import (
    Problem,
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
