"""Moodle GIFT (https://docs.moodle.org/en/GIFT_format): reading and writing.

Questions are separated by blank lines; lines starting with ``//`` are comments. A question is
``::title::`` (optional), a format marker (optional), the stem, and the answers in braces, with
text after the braces making it a missing-word question. ``$CATEGORY: path`` lines set the
category, kept as a ``category:path`` tag. GIFT has no language: the text is read as the
``language`` the caller names, and written from one language only.

Escapes: ``\\~ \\= \\# \\{ \\} \\: \\\\`` stand for the character, ``\\n`` for a line break.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .items import (
    CATEGORY_TAG,
    LANGUAGE_NAMES,
    ExportResult,
    ImportResult,
    ItemDraft,
    Option,
    Pair,
    Problem,
    at_line,
    check,
    error,
    warning,
)

TITLE_NOT_CLOSED = "The title starts with :: but has no closing ::."
NO_ANSWERS = (
    "The question has no answers in braces { }. Add them, or write {} for an essay; "
    "GIFT descriptions (text only) are not imported."
)
BRACE_NOT_CLOSED = "The brace “{” is never closed. Add “}”, or write \\{ for a literal brace."
BRACE_NOT_OPENED = "There is a “}” with no “{” before it. Write \\} for a literal brace."
BRACE_NESTED = "A “{” opens inside the answers. Write \\{ for a literal brace."
TWO_ANSWER_BLOCKS = "The question has more than one set of answers in braces; keep one."
TEXT_BEFORE_ANSWER = "Answers must start with = (right) or ~ (wrong); found “{text}”."
MIXED_MATCHING = "In a matching question every answer must be written “=left -> right”."
BAD_WEIGHT = "The credit “{weight}” is not a percentage such as %50%."
NOT_A_NUMBER = "The numeric answer “{text}” is not a number, a number:tolerance or a range a..b."
NO_FULL_NUMBER = "No numeric answer gets full credit; mark the correct one with = and no %."
OTHER_NUMBERS_DROPPED = (
    "Only the fully correct number {answer} is kept; the other answers ({others}) and their "
    "partial credit are not."
)
ANSWER_FEEDBACK_DROPPED = "The feedback on the {kind} answer is not kept; only general feedback is."
HTML_KEPT = "The text is marked [html]; it is kept with its tags. Check that it shows correctly."

NO_TEXT_IN_LANGUAGE = "The item has no {language} text and is not written to the GIFT file."
OTHER_LANGUAGES = "GIFT holds one language: the {languages} text is not written."
NOT_IN_GIFT = "GIFT cannot hold the item's {what}; they are not written."
ARROW_READ_AS_MATCHING = (
    "An answer or its feedback contains “->”, so GIFT readers will take the question for "
    "matching; reword it or use Moodle XML."
)
ARROW_IN_MATCHING = (
    "GIFT cannot hold “->” inside a matching prompt; pair {number} will not read back."
)

SPECIAL = "~=#{}:\\"
MARKER = re.compile(r"\[(html|moodle|markdown|plain)\]")
WEIGHT = re.compile(r"%(-?\d+(?:\.\d+)?)%")
TRUTH = {"T": True, "TRUE": True, "F": False, "FALSE": False}


@dataclass
class _Block:
    line: int
    text: str


# Reading ---------------------------------------------------------------------------------------


def parse(text: str | bytes, language: str = "en") -> ImportResult:
    """Read a GIFT file. Never raises: what cannot be read is a problem at its line."""
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig", errors="replace")
    items: list[ItemDraft] = []
    problems: list[Problem] = []
    category = ""
    for block in _blocks(text.lstrip("\ufeff")):
        if block.text.startswith("$CATEGORY:"):
            first, _, rest = block.text.partition("\n")
            category = first.removeprefix("$CATEGORY:").strip()  # empty: the default one
            if not rest.strip():
                continue
            block = _Block(block.line + 1, rest)
        item, found = _parse_question(block.text, language)
        if any(p.severity == "error" for p in found):
            item = None  # what could not be read is not offered for import
        if item is not None and category:
            item = replace(item, tags=(*item.tags, CATEGORY_TAG + category))
        if item is not None:
            found += check(item)
            items.append(item)
        label = item.label if item is not None else _title(block.text)
        problems += [replace(p, item=p.item or label) for p in at_line(found, block.line)]
    return ImportResult(items=tuple(items), problems=tuple(problems))


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    start, lines = 0, []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith("//"):
            continue
        if not line.strip():
            if lines:
                blocks.append(_Block(start, "\n".join(lines)))
            lines = []
            continue
        if not lines:
            start = number
        lines.append(line)
    if lines:
        blocks.append(_Block(start, "\n".join(lines)))
    return blocks


def _title(text: str) -> str:
    if text.startswith("::"):
        end = _find(text, "::", 2)
        if end > 0:
            return unescape(text[2:end]).strip()
    first = text.split("\n", 1)[0].strip()
    return first if len(first) <= 40 else first[:39] + "…"


def _find(text: str, target: str, start: int = 0) -> int:
    """The index of ``target`` at or after ``start`` that is not escaped, or -1."""
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        if text.startswith(target, index):
            return index
        index += 1
    return -1


def unescape(text: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        following = text[index + 1] if index + 1 < len(text) else ""
        if char == "\\" and following in SPECIAL and following:
            out.append(following)
            index += 2
        elif char == "\\" and following == "n":
            out.append("\n")
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def escape(text: str) -> str:
    out = "".join("\\" + char if char in SPECIAL else char for char in text)
    return out.replace("\r\n", "\n").replace("\n", "\\n")


def _parse_question(text: str, language: str) -> tuple[ItemDraft | None, list[Problem]]:
    name, rest = "", text
    if text.startswith("::"):
        end = _find(text, "::", 2)
        if end < 0:
            return None, [error(TITLE_NOT_CLOSED)]
        name, rest = unescape(text[2:end]).strip(), text[end + 2 :]
    rest = rest.lstrip()
    problems: list[Problem] = []
    marker = MARKER.match(rest)
    if marker:
        rest = rest[marker.end() :]
        if marker.group(1) == "html":
            problems.append(warning(HTML_KEPT))
    found = _answer_span(rest)
    if isinstance(found, Problem):
        return None, [found]
    opening, closing = found
    stem = unescape(rest[:opening]).strip()
    tail = unescape(rest[closing + 1 :]).strip()
    if tail:
        stem = f"{stem} _____ {tail}".strip()
    section = rest[opening + 1 : closing]
    feedback = ""
    general = _find(section, "####")
    if general >= 0:
        feedback, section = unescape(section[general + 4 :]).strip(), section[:general]
    base = ItemDraft(
        kind="essay",
        texts={language: stem},
        name=name,
        feedback={language: feedback} if feedback else {},
    )
    item, more = _answers(base, section.strip(), language)
    return item, problems + more


def _answer_span(text: str) -> tuple[int, int] | Problem:
    opening, closing = _find(text, "{"), _find(text, "}")
    if opening < 0:
        return error(BRACE_NOT_OPENED if closing >= 0 else NO_ANSWERS)
    if 0 <= closing < opening:
        return error(BRACE_NOT_OPENED)
    closing = _find(text, "}", opening + 1)
    if closing < 0:
        return error(BRACE_NOT_CLOSED)
    if 0 <= _find(text, "{", opening + 1) < closing:
        return error(BRACE_NESTED)
    after = text[closing + 1 :]
    if _find(after, "{") >= 0:
        return error(TWO_ANSWER_BLOCKS)
    if _find(after, "}") >= 0:
        return error(BRACE_NOT_OPENED)
    return opening, closing


def _answers(base: ItemDraft, section: str, language: str) -> tuple[ItemDraft, list[Problem]]:
    if not section:
        return base, []
    if section.startswith("#"):
        return _numeric(base, section[1:])
    head = section[: _find(section, "#")] if _find(section, "#") >= 0 else section
    if head.strip().upper() in TRUTH:
        problems = []
        if _find(section, "#") >= 0:
            problems.append(warning(ANSWER_FEEDBACK_DROPPED.format(kind="true/false")))
        return replace(base, kind="true_false", truth=TRUTH[head.strip().upper()]), problems
    tokens = _tokens(section)
    if isinstance(tokens, Problem):
        return base, [tokens]
    return _choices(base, tokens, language)


def _tokens(section: str) -> list[tuple[str, str]] | Problem:
    """Split answers at each unescaped = or ~ into (marker, body)."""
    starts = [i for i in range(len(section)) if section[i] in "=~" and _unescaped(section, i)]
    if not starts or section[: starts[0]].strip():
        shown = section[: starts[0]] if starts else section
        return error(TEXT_BEFORE_ANSWER.format(text=unescape(shown).strip()[:40]))
    bounds = [*starts, len(section)]
    return [(section[a], section[a + 1 : b]) for a, b in itertools.pairwise(bounds)]


def _unescaped(text: str, index: int) -> bool:
    backslashes = len(text[:index]) - len(text[:index].rstrip("\\"))
    return backslashes % 2 == 0


def _split_feedback(body: str) -> tuple[str, str]:
    hash_at = _find(body, "#")
    if hash_at < 0:
        return body, ""
    return body[:hash_at], unescape(body[hash_at + 1 :]).strip()


def _weight(marker: str, body: str) -> tuple[float, str] | Problem:
    body = body.lstrip()
    found = WEIGHT.match(body)
    if found:
        return round(float(found.group(1)) / 100, 7), body[found.end() :]
    if body.startswith("%") and body.count("%") >= 2:
        return error(BAD_WEIGHT.format(weight=body[: body.index("%", 1) + 1]))
    return (1.0 if marker == "=" else 0.0), body


def _choices(
    base: ItemDraft, tokens: list[tuple[str, str]], language: str
) -> tuple[ItemDraft, list[Problem]]:
    # Moodle reads any answers with both "=" and "->" as matching; "->" cannot be escaped.
    if any(marker == "=" for marker, _ in tokens) and any("->" in body for _, body in tokens):
        return _matching(base, tokens, language)
    options = []
    for marker, body in tokens:
        weighed = _weight(marker, body)
        if isinstance(weighed, Problem):
            return base, [weighed]
        fraction, rest = weighed
        text, feedback = _split_feedback(rest)
        options.append(
            Option(
                texts={language: unescape(text).strip()},
                fraction=fraction,
                feedback={language: feedback} if feedback else {},
            )
        )
    markers = {marker for marker, _ in tokens}
    # Moodle: several answers may be chosen when none is marked "=".
    kind = "single" if "=" in markers else "multiple"
    if "~" not in markers:
        kind = "short_text"
    return replace(base, kind=kind, options=tuple(options)), []


def _matching(
    base: ItemDraft, tokens: list[tuple[str, str]], language: str
) -> tuple[ItemDraft, list[Problem]]:
    pairs = []
    for marker, body in tokens:
        arrow = _find(body, "->")
        if marker != "=" or arrow < 0:
            return replace(base, kind="matching"), [error(MIXED_MATCHING)]
        left = unescape(body[:arrow]).strip()
        right = unescape(body[arrow + 2 :]).strip()
        pairs.append(Pair(left={language: left}, right={language: right}))
    return replace(base, kind="matching", pairs=tuple(pairs)), []


def _numeric(base: ItemDraft, section: str) -> tuple[ItemDraft, list[Problem]]:
    base = replace(base, kind="numeric")
    section = section.strip()
    if section.startswith(("=", "~")):
        tokens = _tokens(section)
        if isinstance(tokens, Problem):
            return base, [tokens]
    else:
        tokens = [("=", section)]
    answers, problems = [], []
    for marker, body in tokens:
        weighed = _weight(marker, body)
        if isinstance(weighed, Problem):
            return base, [weighed]
        fraction, rest = weighed
        text, feedback = _split_feedback(rest)
        number = _number(unescape(text).strip())
        if number is None:
            return base, [error(NOT_A_NUMBER.format(text=unescape(text).strip()))]
        if feedback:
            problems.append(warning(ANSWER_FEEDBACK_DROPPED.format(kind="numeric")))
        answers.append((fraction, *number, unescape(text).strip()))
    full = [answer for answer in answers if answer[0] >= 1]
    if not full:
        return base, [error(NO_FULL_NUMBER)]
    _, value, tolerance, shown = full[0]
    others = [answer[3] for answer in answers if answer is not full[0]]
    if others:
        problems.append(
            warning(OTHER_NUMBERS_DROPPED.format(answer=shown, others=", ".join(others)))
        )
    return replace(base, answer=value, tolerance=tolerance), list(dict.fromkeys(problems))


def _number(text: str) -> tuple[float, float] | None:
    """``a``, ``a:tolerance`` or ``low..high`` as (answer, tolerance)."""
    try:
        if ".." in text:
            low, high = (float(part) for part in text.split("..", 1))
            low, high = min(low, high), max(low, high)
            return (low + high) / 2, (high - low) / 2
        value, _, tolerance = text.partition(":")
        result = float(value), abs(float(tolerance)) if tolerance.strip() else 0.0
    except ValueError:
        return None
    return result if all(math.isfinite(part) for part in result) else None


# Writing ---------------------------------------------------------------------------------------


def write(items: Iterable[ItemDraft], language: str = "en") -> ExportResult:
    """Write items as GIFT in one language; warnings say what GIFT could not hold."""
    chunks: list[str] = []
    problems: list[Problem] = []
    category = ""
    for item in items:
        if not item.texts.get(language, "").strip():
            name = LANGUAGE_NAMES.get(language, language)
            problems.append(warning(NO_TEXT_IN_LANGUAGE.format(language=name), item=item.label))
            continue
        item_category = next(
            (tag.removeprefix(CATEGORY_TAG) for tag in item.tags if tag.startswith(CATEGORY_TAG)),
            "",
        )
        if item_category != category:
            chunks.append(f"$CATEGORY: {item_category}".strip())
            category = item_category
        chunks.append(_question(item, language))
        problems += [replace(p, item=item.label) for p in _lost(item, language)]
    return ExportResult(content="\n\n".join(chunks) + "\n", problems=tuple(problems))


def _lost(item: ItemDraft, language: str) -> list[Problem]:
    problems = []
    others = [LANGUAGE_NAMES[code] for code in item.languages if code != language]
    if others:
        problems.append(warning(OTHER_LANGUAGES.format(languages=", ".join(others))))
    what = [
        label
        for label, present in (
            ("competency codes", item.competencies),
            ("schemes", item.schemes),
            ("difficulty", item.difficulty is not None),
            ("tags", [tag for tag in item.tags if not tag.startswith(CATEGORY_TAG)]),
            ("units", item.units),
            ("rubric", any(item.rubric.values())),
            ("case-sensitive marking", item.case_sensitive),
        )
        if present
    ]
    if what:
        problems.append(warning(NOT_IN_GIFT.format(what=", ".join(what))))
    for number, pair in enumerate(item.pairs, start=1):
        if "->" in pair.left.get(language, ""):
            problems.append(warning(ARROW_IN_MATCHING.format(number=number)))
    answers = [
        text
        for option in item.options
        for text in (option.texts.get(language, ""), option.feedback.get(language, ""))
    ]
    if item.kind in ("single", "short_text") and any("->" in text for text in answers):
        problems.append(warning(ARROW_READ_AS_MATCHING))
    return problems


def _question(item: ItemDraft, language: str) -> str:
    stem = item.texts[language].strip()
    head = f"::{escape(item.name)}::" if item.name else ""
    if re.search(r"<[a-zA-Z/][^>]*>", stem):
        head += "[html]"
    elif stem.startswith(("[", "//")):
        head += "[plain]"
    body = _ANSWER_WRITERS[item.kind](item, language)
    feedback = item.feedback.get(language, "").strip()
    if feedback:
        body += f"\n  ####{escape(feedback)}"
    return (
        f"{head}{escape(stem)} {{{body}\n}}" if "\n" in body else f"{head}{escape(stem)} {{{body}}}"
    )


def _percent(fraction: float) -> str:
    return f"%{round(fraction * 100, 5):g}%"


def _option_line(marker: str, option: Option, language: str, weighted: bool) -> str:
    text = option.texts.get(language, "").strip()
    # A text that starts with "%" gets an explicit credit so that it is not read as one.
    weight = _percent(option.fraction) if weighted or text.startswith("%") else ""
    line = f"\n  {marker}{weight}{escape(text)}"
    feedback = option.feedback.get(language, "").strip()
    return line + (f" #{escape(feedback)}" if feedback else "")


def _write_single(item: ItemDraft, language: str) -> str:
    lines = []
    for option in item.options:
        if option.fraction >= 1:
            lines.append(_option_line("=", option, language, option.fraction != 1))
        else:
            lines.append(_option_line("~", option, language, option.fraction != 0))
    return "".join(lines)


def _write_multiple(item: ItemDraft, language: str) -> str:
    return "".join(
        _option_line("~", option, language, option.fraction != 0) for option in item.options
    )


def _write_short_text(item: ItemDraft, language: str) -> str:
    return "".join(
        _option_line("=", option, language, option.fraction != 1)
        for option in item.options
        if option.texts.get(language, "").strip()
    )


def _write_true_false(item: ItemDraft, language: str) -> str:
    return "TRUE" if item.truth else "FALSE"


def _write_numeric(item: ItemDraft, language: str) -> str:
    answer = _num(item.answer if item.answer is not None else math.nan)
    return f"#{answer}:{_num(item.tolerance)}" if item.tolerance else f"#{answer}"


def _num(value: float) -> str:
    text = repr(float(value))
    return text.removesuffix(".0") if "e" not in text else text


def _write_matching(item: ItemDraft, language: str) -> str:
    return "".join(
        f"\n  ={escape(pair.left.get(language, '').strip())} -> "
        f"{escape(pair.right.get(language, '').strip())}"
        for pair in item.pairs
    )


def _write_essay(item: ItemDraft, language: str) -> str:
    return ""


_ANSWER_WRITERS = {
    "single": _write_single,
    "multiple": _write_multiple,
    "short_text": _write_short_text,
    "true_false": _write_true_false,
    "numeric": _write_numeric,
    "matching": _write_matching,
    "essay": _write_essay,
}
