"""The question-bank formats' messages, in the reader's language.

The modules in ``formats/`` are plain Python and write their problems as English sentences
built from constants (``UNKNOWN_KIND.format(kind=…)``). Every constant is listed here with
``gettext_noop`` so that ``makemessages`` finds it; ``translate`` recognises a finished
sentence by the constant it was made from and gives it back translated, with the same values
filled in. A message no constant made (e.g. the bank's own, already translated) comes back
as it is."""

import importlib
import re
import string
from functools import cache

from django.utils.translation import gettext, gettext_noop

FORMAT_MODULES = ("items", "gift", "moodle_xml", "spreadsheet", "qti")

MESSAGES = (
    # formats/items.py
    gettext_noop("The type “{kind}” is not one of: {kinds}."),
    gettext_noop("Write the question in at least one of Uzbek, Russian and English."),
    gettext_noop("The language “{language}” is not one of uz, ru and en."),
    gettext_noop("A choice question needs at least two options."),
    gettext_noop(
        "A single-choice question needs at least one fully correct option; it has {count}."
    ),
    gettext_noop(
        "Options {labels} all give full credit: a candidate who picks any one of them gets the "
        "mark, as in Moodle; item analysis takes the first as the key."
    ),
    gettext_noop("A multiple-response question needs at least one correct option."),
    gettext_noop("The credit of the correct options adds up to {total}%, not 100%."),
    gettext_noop("Option {label} has no {language} text, but the question has."),
    gettext_noop("Say whether the statement is true or false."),
    gettext_noop("A numeric question needs the correct answer as a number."),
    gettext_noop("The tolerance cannot be negative."),
    gettext_noop("A matching question needs at least two pairs."),
    gettext_noop("Pair {number} needs text on both sides in {language}."),
    gettext_noop("A short-text question needs at least one fully correct answer."),
    gettext_noop("A short-text question needs an accepted answer in {language}."),
    gettext_noop("An essay is marked by hand: add a rubric for the markers."),
    gettext_noop("The difficulty must be 1 (easy), 2 (medium) or 3 (hard), not {value}."),
    # formats/gift.py
    gettext_noop(
        "The title starts with :: but has no closing ::; as Moodle does, the question is read "
        "without a title, from after the ::."
    ),
    gettext_noop(
        "The question has no answers in braces { }. Add them, or write {} for an essay; "
        "GIFT descriptions (text only) are not imported."
    ),
    gettext_noop("The brace “{” is never closed. Add “}”, or write \\{ for a literal brace."),
    gettext_noop("There is a “}” with no “{” before it. Write \\} for a literal brace."),
    gettext_noop("A “{” opens inside the answers. Write \\{ for a literal brace."),
    gettext_noop("The question has more than one set of answers in braces; keep one."),
    gettext_noop("In a matching question every answer must be written “=left -> right”."),
    gettext_noop("The credit “{weight}” is not a percentage such as %50%."),
    gettext_noop(
        "The numeric answer “{text}” is not a number, a number:tolerance or a range a..b."
    ),
    gettext_noop("A numeric question needs at least one number after the #, such as #3:0.5."),
    gettext_noop("No numeric answer gets full credit; mark the correct one with = and no %."),
    gettext_noop(
        "Only the fully correct number {answer} is kept; the other answers ({others}) and their "
        "partial credit are not."
    ),
    gettext_noop("The feedback on the {kind} answer is not kept; only general feedback is."),
    gettext_noop(
        "The feedback for any other number (after ~) is not kept; only general feedback is."
    ),
    gettext_noop(
        "The answer “{text}” is read as an accepted short answer, as Moodle reads it; write T, "
        "TRUE, F or FALSE in capitals for a true/false question."
    ),
    gettext_noop(
        "The file holds only categories ({categories}) and no question. The item bank keeps a "
        "category as a tag of its items, so there is nothing to import."
    ),
    gettext_noop(
        "The text is marked [html]; it is kept with its tags. Check that it shows correctly."
    ),
    gettext_noop("The item has no {language} text and is not written to the GIFT file."),
    gettext_noop("GIFT holds one language: the {languages} text is not written."),
    gettext_noop("GIFT cannot hold the item's {what}; they are not written."),
    gettext_noop(
        "An answer or its feedback contains “->”, so GIFT readers will take the question for "
        "matching; reword it or use Moodle XML."
    ),
    gettext_noop(
        "GIFT cannot hold “->” inside a matching prompt; pair {number} will not read back."
    ),
    # formats/moodle_xml.py
    gettext_noop("The file is empty."),
    gettext_noop(
        "The file declares a DTD or entities, which are refused for safety. Export it again from "
        "Moodle, or remove the <!DOCTYPE …> part."
    ),
    gettext_noop("The file is not well-formed XML: {reason}."),
    gettext_noop(
        "The file is not a Moodle XML question bank: its root element is <{tag}>, not <quiz>."
    ),
    gettext_noop("The file holds no questions."),
    gettext_noop("Questions of the Moodle type “{type}” are not imported; this one is skipped."),
    gettext_noop("The credit “{value}” of an answer is not a number."),
    gettext_noop("The numeric answer “{value}” is not a number."),
    gettext_noop("The tolerance “{value}” is not a number."),
    gettext_noop("The multiplier “{value}” of the unit “{unit}” is not a number."),
    gettext_noop("The “*” answer (any other number) and its feedback are not kept."),
    # xgettext:no-python-format
    gettext_noop("No numeric answer gets 100% credit."),
    gettext_noop("The feedback on the {kind} answers is not kept; only general feedback is."),
    gettext_noop("The extra wrong matching answers ({answers}) are not kept."),
    gettext_noop(
        "The embedded files ({names}) are not PNG or JPEG images and are not imported; add them "
        "again after import."
    ),
    gettext_noop("The embedded file “{name}” is not valid base64 and is not imported."),
    gettext_noop(
        "The question refers to the image “{name}” (Moodle 1.9 <image>), which the file does not "
        "hold; add it again after import."
    ),
    gettext_noop(
        "Cloze (embedded answers) questions are not imported: an item here has one answer, not "
        "several answer boxes inside its text. This one is skipped; nothing of it is read."
    ),
    gettext_noop("The text in the language “{language}” is not kept (only uz, ru and en are)."),
    gettext_noop("The essay's response template is not kept."),
    gettext_noop("The tag “{tag}” is not a difficulty of 1, 2 or 3; it is kept as a tag."),
    gettext_noop(
        "The item is written in {count} languages as multi-language spans; Moodle shows one "
        "language at a time only when its Multi-language content filter is on."
    ),
    gettext_noop(
        "Moodle needs at least three pairs in a matching question; it may refuse this one."
    ),
    # xgettext:no-python-format
    gettext_noop("Moodle may refuse the question on import: it offers no credit of {percent}%."),
    # formats/spreadsheet.py
    gettext_noop("This is an old Excel .xls file. Save it as .xlsx, or as CSV UTF-8."),
    gettext_noop("The file cannot be read as an Excel workbook (.xlsx): {reason}."),
    gettext_noop(
        "The CSV file is not in UTF-8. In Excel, save it as “CSV UTF-8 (comma delimited)”."
    ),
    gettext_noop("The CSV file cannot be read: {reason}."),
    gettext_noop("The column “{name}” is not one of the template's columns; check its spelling."),
    gettext_noop("The column “{name}” appears twice."),
    gettext_noop("The header row has no “kind” column. Start from the template's header row."),
    gettext_noop("The header row has no stem_uz, stem_ru or stem_en column."),
    gettext_noop("The spreadsheet has a header row but no items."),
    gettext_noop("The type “{value}” is not one of: {kinds}."),
    gettext_noop("The difficulty “{value}” is not 1, 2 or 3."),
    gettext_noop("“{value}” is not a number."),
    gettext_noop("Write true or false, not “{value}”."),
    gettext_noop("Write yes or no, not “{value}”."),
    gettext_noop("Write a matching pair as “left -> right”, not “{value}”."),
    gettext_noop("Option {label} is marked correct (*) in some languages but not in others."),
    gettext_noop("The layout holds six options (A–F); the other {count} are not written."),
    gettext_noop("The layout marks options right or wrong: their partial credit is not kept."),
    gettext_noop("The layout has no place for feedback on each option; it is not written."),
    gettext_noop("The layout holds one unit; the others ({units}) are not written."),
    # formats/qti.py
    gettext_noop(
        "The file declares a DTD or entities, which are refused for safety. Remove the "
        "<!DOCTYPE …> part."
    ),
    gettext_noop(
        "The file is not a QTI 2.1 item: its root element is <{tag}>, not <assessmentItem>."
    ),
    gettext_noop(
        "The file is a QTI assessment test, which only refers to items; upload the content "
        "package (ZIP) that holds them."
    ),
    gettext_noop("The file is not a ZIP archive that can be read: {reason}."),
    gettext_noop("The package is too large to read; keep it under 50 MB and 5000 files."),
    gettext_noop("The ZIP holds no imsmanifest.xml, so it is not an IMS content package."),
    gettext_noop("The package lists no QTI items (resources of type imsqti_item_xmlv2p1)."),
    gettext_noop("The manifest lists the item file “{href}”, which is not in the package."),
    gettext_noop("In {file}: {message}"),
    gettext_noop("The item has nothing to answer (no interaction); it is skipped."),
    gettext_noop(
        "The item has {count} interactions; only items with one are imported, so it is skipped."
    ),
    gettext_noop("Items with a {interaction} are not imported; this one is skipped."),
    gettext_noop("The response “{identifier}” of the interaction is not declared."),
    gettext_noop("The item gives no correct response."),
    gettext_noop("The correct response names “{value}”, which is not one of the choices."),
    gettext_noop("The value “{value}” is not a number."),
    gettext_noop("A text entry with the response type “{type}” is not imported; it is skipped."),
    gettext_noop(
        "The item's language “{language}” is not one of uz, ru and en; its text is read as {name}."
    ),
    gettext_noop(
        "QTI scores this item all or nothing; here each correct option gets an equal share of "
        "the credit."
    ),
    gettext_noop("Feedback shown only for some responses is not kept; only general feedback is."),
    # xgettext:no-python-format
    gettext_noop("The relative tolerance of {percent}% is kept as the absolute {tolerance}."),
    gettext_noop(
        "Only the number with the most credit, {answer}, is kept; the other numbers "
        "({others}) are not."
    ),
    gettext_noop("The different credit of each pair is not kept; every pair counts the same."),
    gettext_noop("The choices that match nothing ({choices}) are not kept."),
    gettext_noop(
        "Some accepted answers are case-sensitive and some are not; all are read as case-sensitive."
    ),
    gettext_noop(
        "The files it refers to ({names}) are not imported; add the images again after import."
    ),
    gettext_noop("The item's template variables are not kept; it is read as written."),
    gettext_noop(
        "The {language} version of this item differs from the others in its answers; it is "
        "imported as a separate item."
    ),
    gettext_noop("The keyword “{tag}” is not a difficulty of 1, 2 or 3; it is kept as a tag."),
    gettext_noop("The item has no text and is not written."),
    gettext_noop("Items of the kind “{kind}” are not written to QTI."),
    gettext_noop("The item has no {language} text and is not written."),
    gettext_noop(
        "Part of its HTML is not XHTML that QTI accepts, so that part is written as plain text."
    ),
    gettext_noop(
        "QTI shows only the base unit after the answer box; the others ({units}) are not written."
    ),
    gettext_noop(
        "QTI cannot show feedback on a typed answer; the feedback on answers is not written."
    ),
    gettext_noop("A single QTI item holds one language: the {languages} text is not written."),
    gettext_noop(
        "A single QTI item cannot hold the competency codes, schemes, difficulty and tags; "
        "export a content package to keep them."
    ),
)

# Values the formats put into their sentences that a reader should see in their language.
VALUES = {
    "Uzbek": gettext_noop("Uzbek"),
    "Russian": gettext_noop("Russian"),
    "English": gettext_noop("English"),
    "competency codes": gettext_noop("competency codes"),
    "schemes": gettext_noop("schemes"),
    "difficulty": gettext_noop("difficulty"),
    "tags": gettext_noop("tags"),
    "units": gettext_noop("units"),
    "rubric": gettext_noop("rubric"),
    "case-sensitive marking": gettext_noop("case-sensitive marking"),
    "true/false": gettext_noop("true/false"),
    "numeric": gettext_noop("numeric"),
}


def module_messages() -> set[str]:
    """Every message constant of the format modules present (a module added later counts)."""
    found: set[str] = set()
    for name in FORMAT_MODULES:
        try:
            module = importlib.import_module(f"muhandis.exams.formats.{name}")
        except ModuleNotFoundError:
            continue
        found |= {
            value
            for key, value in vars(module).items()
            if key.isupper() and isinstance(value, str) and " " in value.strip()
        }
    return found


def _fields(template: str) -> list[str] | None:
    """The named fields of a template, or None when its braces are literal text."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    names = [name for _, name, _, _ in parsed if name is not None]
    if not all(name.isidentifier() for name in names):
        return None
    return names


def _pattern(template: str) -> re.Pattern:
    if _fields(template) is None:
        return re.compile(re.escape(template))
    parts = []
    seen: set[str] = set()
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.*?)")
            seen.add(name)
    return re.compile("".join(parts), re.S)


@cache
def _patterns() -> tuple[tuple[str, re.Pattern], ...]:
    templates = set(MESSAGES) | module_messages()
    # The longest fixed text first, so that a specific sentence wins over a general one.
    ordered = sorted(templates, key=lambda t: -len(re.sub(r"\{\w+\}", "", t)))
    return tuple((template, _pattern(template)) for template in ordered)


def _value(text: str) -> str:
    words = text.split(", ")
    if all(word in VALUES for word in words):
        return ", ".join(gettext(VALUES[word]) for word in words)
    return text


def translate(message: str) -> str:
    """A format's message in the active language; any other message unchanged."""
    for template, pattern in _patterns():
        found = pattern.fullmatch(message)
        if found is None:
            continue
        translated = gettext(template)
        if _fields(template) is None:
            return translated
        values = {
            # A message wrapped in another (QTI's "In {file}: {message}") is translated too.
            name: translate(value) if name == "message" else _value(value)
            for name, value in found.groupdict().items()
        }
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError):
            # A translation whose fields do not match: the English sentence is still right.
            return message
    return message
