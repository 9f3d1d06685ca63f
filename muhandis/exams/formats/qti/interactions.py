"""Reading QTI interactions (choice, text entry, numeric, match, extended text) into an
item's answers and marking, and the context a reading collects its problems in."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field, replace

from ..items import (
    ItemDraft,
    Option,
    Pair,
    Problem,
    error,
    warning,
)
from .common import (
    ALL_OR_NOTHING,
    BAD_BASE_TYPE,
    BAD_NUMBER,
    CASE_MIXED,
    NO_CORRECT,
    OTHER_NUMBERS_DROPPED,
    PAIR_CREDIT_DROPPED,
    RELATIVE_TOLERANCE,
    UNKNOWN_CHOICE,
    UNMATCHED_DROPPED,
    _child,
    _children,
)
from .markup import _content


@dataclass
class _Context:
    language: str
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        self.problems.append(warning(message))

    def fail(self, message: str) -> None:
        self.problems.append(error(message))


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
