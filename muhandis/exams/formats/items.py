"""The neutral form of an item, as every import produces and every export reads it.

An ``ItemDraft`` is what a question bank file says about one question, before anything is
created: its kind, its stem in each language it is written in (uz, ru, en), its options or
answers, feedback, rubric, and the codes of the competencies and schemes it is tagged with.
Parsers never raise on bad input: they return an ``ImportResult`` whose ``problems`` say, for
each question, the line (or row) where it starts and what to change.

Texts are kept as written (plain text, Markdown or HTML with images and TeX formulas); no
format here rewrites them. Messages are plain English sentences with named fields so that the
caller can route them through gettext.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

Language = Literal["uz", "ru", "en"]
Kind = Literal["single", "multiple", "true_false", "numeric", "matching", "short_text", "essay"]
Severity = Literal["error", "warning"]

LANGUAGES: tuple[str, ...] = ("uz", "ru", "en")
LANGUAGE_NAMES = {"uz": "Uzbek", "ru": "Russian", "en": "English"}
KINDS: tuple[str, ...] = (
    "single",
    "multiple",
    "true_false",
    "numeric",
    "matching",
    "short_text",
    "essay",
)
CATEGORY_TAG = "category:"  # a tag holding the category path of GIFT and Moodle XML banks

UNKNOWN_KIND = "The type “{kind}” is not one of: {kinds}."
NO_TEXT = "Write the question in at least one of Uzbek, Russian and English."
UNKNOWN_LANGUAGE = "The language “{language}” is not one of uz, ru and en."
TOO_FEW_OPTIONS = "A choice question needs at least two options."
SINGLE_NEEDS_ONE = (
    "A single-choice question needs at least one fully correct option; it has {count}."
)
SEVERAL_FULL = (
    "Options {labels} all give full credit: a candidate who picks any one of them gets the "
    "mark, as in Moodle; item analysis takes the first as the key."
)
MULTIPLE_NEEDS_ONE = "A multiple-response question needs at least one correct option."
CREDIT_NOT_100 = "The credit of the correct options adds up to {total}%, not 100%."
OPTION_MISSING_LANGUAGE = "Option {label} has no {language} text, but the question has."
TRUTH_MISSING = "Say whether the statement is true or false."
NUMBER_MISSING = "A numeric question needs the correct answer as a number."
NEGATIVE_TOLERANCE = "The tolerance cannot be negative."
TOO_FEW_PAIRS = "A matching question needs at least two pairs."
PAIR_INCOMPLETE = "Pair {number} needs text on both sides in {language}."
NO_ACCEPTED_ANSWER = "A short-text question needs at least one fully correct answer."
NO_ACCEPTED_IN_LANGUAGE = "A short-text question needs an accepted answer in {language}."
NO_RUBRIC = "An essay is marked by hand: add a rubric for the markers."
DIFFICULTY_RANGE = "The difficulty must be 1 (easy), 2 (medium) or 3 (hard), not {value}."


@dataclass(frozen=True)
class Option:
    """A choice, or an accepted short answer. ``fraction`` is Moodle's credit: 1.0 is fully
    correct, 0.5 half credit, 0 wrong, negative a penalty."""

    texts: dict[str, str]
    fraction: float = 0.0
    feedback: dict[str, str] = field(default_factory=dict)

    @property
    def correct(self) -> bool:
        return self.fraction > 0


@dataclass(frozen=True)
class Pair:
    """A matching pair: the prompt on the left, its match on the right, per language."""

    left: dict[str, str]
    right: dict[str, str]


@dataclass(frozen=True)
class Unit:
    """A unit a numeric answer may be given in; the first unit of an item is its base unit
    and ``multiplier`` converts it (Moodle: 1 for m, 1000 for mm if the answer is in m)."""

    name: str
    multiplier: float = 1.0


@dataclass(frozen=True)
class Image:
    """A picture a bank file carries inside a question (Moodle XML's ``<file>``), which the
    item's texts show as ``[image:N]``: N is its place in ``ItemDraft.images``, from 1. Only
    PNG and JPEG are kept, as the item bank's own images."""

    name: str
    data: bytes = field(repr=False)
    content_type: str
    alt: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemDraft:
    kind: str
    texts: dict[str, str]
    name: str = ""
    options: tuple[Option, ...] = ()
    truth: bool | None = None  # true_false
    answer: float | None = None  # numeric
    tolerance: float = 0.0
    units: tuple[Unit, ...] = ()
    pairs: tuple[Pair, ...] = ()  # matching
    case_sensitive: bool = False  # short_text
    rubric: dict[str, str] = field(default_factory=dict)  # essay
    feedback: dict[str, str] = field(default_factory=dict)  # general feedback
    competencies: tuple[str, ...] = ()
    schemes: tuple[str, ...] = ()
    difficulty: int | None = None
    tags: tuple[str, ...] = ()
    idnumber: str = ""  # Moodle's ID number (GIFT ``// [id:…]``, Moodle XML ``<idnumber>``)
    images: tuple[Image, ...] = ()

    @property
    def languages(self) -> list[str]:
        return [code for code in LANGUAGES if self.texts.get(code, "").strip()]

    @property
    def label(self) -> str:
        """How problems name the item: its name, or the start of its first stem."""
        if self.name:
            return self.name
        text = next((self.texts[code] for code in self.languages), "")
        return text if len(text) <= 40 else text[:39] + "…"


@dataclass(frozen=True)
class Problem:
    """Something to fix (``error``) or to know (``warning``) about one question. ``line`` is
    the 1-based line (or spreadsheet row) where the question starts; ``column`` the
    spreadsheet column letter, when there is one."""

    line: int | None
    item: str | None
    message: str
    severity: Severity = "error"
    column: str | None = None


@dataclass(frozen=True)
class ImportResult:
    """What a file holds: the items that could be read, and every problem found. Nothing is
    created from it until a person has seen the problems and confirmed."""

    items: tuple[ItemDraft, ...]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class ExportResult:
    """A written file, and the warnings for what its format could not hold."""

    content: str | bytes
    problems: tuple[Problem, ...]


def error(message: str, *, line: int | None = None, item: str | None = None) -> Problem:
    return Problem(line=line, item=item, message=message, severity="error")


def warning(message: str, *, line: int | None = None, item: str | None = None) -> Problem:
    return Problem(line=line, item=item, message=message, severity="warning")


def map_texts(item: ItemDraft, change: Callable[[str], str]) -> ItemDraft:
    """The item with ``change`` applied to every text it shows: stem, feedback, rubric,
    options and their feedback, and both sides of its pairs."""

    def each(texts: dict[str, str]) -> dict[str, str]:
        return {code: change(text) for code, text in texts.items()}

    return replace(
        item,
        texts=each(item.texts),
        feedback=each(item.feedback),
        rubric=each(item.rubric),
        options=tuple(
            replace(option, texts=each(option.texts), feedback=each(option.feedback))
            for option in item.options
        ),
        pairs=tuple(Pair(left=each(pair.left), right=each(pair.right)) for pair in item.pairs),
    )


def at_line(problems: list[Problem], line: int | None) -> list[Problem]:
    return [replace(p, line=line) for p in problems]


def option_label(index: int) -> str:
    return chr(ord("A") + index) if index < 26 else str(index + 1)


def check(item: ItemDraft) -> list[Problem]:
    """Everything wrong with an item that its kind makes wrong, whatever file it came from."""
    if item.kind not in KINDS:
        return [error(UNKNOWN_KIND.format(kind=item.kind, kinds=", ".join(KINDS)), item=item.label)]
    problems = _check_texts(item)
    problems += _KIND_CHECKS[item.kind](item)
    if item.difficulty is not None and item.difficulty not in (1, 2, 3):
        problems.append(error(DIFFICULTY_RANGE.format(value=item.difficulty)))
    return [replace(p, item=item.label) for p in problems]


def _check_texts(item: ItemDraft) -> list[Problem]:
    problems = [
        error(UNKNOWN_LANGUAGE.format(language=code))
        for code in item.texts
        if code not in LANGUAGES
    ]
    if not item.languages:
        problems.append(error(NO_TEXT))
    return problems


def _check_choices(item: ItemDraft) -> list[Problem]:
    problems = [] if len(item.options) >= 2 else [error(TOO_FEW_OPTIONS)]
    for index, option in enumerate(item.options):
        for code in item.languages:
            if not option.texts.get(code, "").strip():
                name = LANGUAGE_NAMES[code]
                label = option_label(index)
                problems.append(error(OPTION_MISSING_LANGUAGE.format(label=label, language=name)))
    return problems


def _check_single(item: ItemDraft) -> list[Problem]:
    problems = _check_choices(item)
    full = [option_label(i) for i, option in enumerate(item.options) if option.fraction >= 1]
    if not full:
        problems.append(error(SINGLE_NEEDS_ONE.format(count=0)))
    elif len(full) > 1:  # Moodle's single choice allows it: every such option is fully right
        problems.append(warning(SEVERAL_FULL.format(labels=", ".join(full))))
    return problems


def _check_multiple(item: ItemDraft) -> list[Problem]:
    problems = _check_choices(item)
    positive = [option.fraction for option in item.options if option.fraction > 0]
    if not positive:
        problems.append(error(MULTIPLE_NEEDS_ONE))
    elif not math.isclose(sum(positive), 1.0, abs_tol=0.001):
        total = f"{sum(positive) * 100:g}"
        problems.append(warning(CREDIT_NOT_100.format(total=total)))
    return problems


def _check_true_false(item: ItemDraft) -> list[Problem]:
    return [] if item.truth is not None else [error(TRUTH_MISSING)]


def _check_numeric(item: ItemDraft) -> list[Problem]:
    problems = []
    if item.answer is None or not math.isfinite(item.answer):
        problems.append(error(NUMBER_MISSING))
    if item.tolerance < 0:
        problems.append(error(NEGATIVE_TOLERANCE))
    return problems


def _check_matching(item: ItemDraft) -> list[Problem]:
    problems = [] if len(item.pairs) >= 2 else [error(TOO_FEW_PAIRS)]
    for number, pair in enumerate(item.pairs, start=1):
        for code in item.languages:
            if not (pair.left.get(code, "").strip() and pair.right.get(code, "").strip()):
                name = LANGUAGE_NAMES[code]
                problems.append(error(PAIR_INCOMPLETE.format(number=number, language=name)))
    return problems


def _check_short_text(item: ItemDraft) -> list[Problem]:
    if not any(option.fraction >= 1 for option in item.options):
        return [error(NO_ACCEPTED_ANSWER)]
    return [
        error(NO_ACCEPTED_IN_LANGUAGE.format(language=LANGUAGE_NAMES[code]))
        for code in item.languages
        if not any(option.texts.get(code, "").strip() for option in item.options)
    ]


def _check_essay(item: ItemDraft) -> list[Problem]:
    return [] if any(text.strip() for text in item.rubric.values()) else [warning(NO_RUBRIC)]


_KIND_CHECKS = {
    "single": _check_single,
    "multiple": _check_multiple,
    "true_false": _check_true_false,
    "numeric": _check_numeric,
    "matching": _check_matching,
    "short_text": _check_short_text,
    "essay": _check_essay,
}


def to_content(item: ItemDraft) -> dict[str, Any]:
    """The item as ``ItemVersion.content`` stores it (JSON): ``units`` is the base unit's
    name, as the candidate's screen shows it; every unit is kept in ``unit_list``. Images are
    not content: the bank keeps them as the item's images; an ID number is kept when there is
    one."""
    content = asdict(replace(item, images=()))
    del content["images"]
    if not item.idnumber:
        del content["idnumber"]
    content["options"] = list(content["options"])
    content["pairs"] = list(content["pairs"])
    content["unit_list"] = list(content.pop("units"))
    content["units"] = item.units[0].name if item.units else ""
    for key in ("competencies", "schemes", "tags"):
        content[key] = list(content[key])
    return content
