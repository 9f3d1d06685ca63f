"""Moodle GIFT (https://docs.moodle.org/en/GIFT_format): reading and writing.

Read as Moodle's ``question/format/gift/format.php`` reads it (``readquestion``), in its order
of checks. Questions are separated by blank lines; a question's lines starting with ``//`` are
comments, whose ``[id:…]`` and ``[tag:…]`` (Moodle 3.6+) give the item its ID number and tags.
``$CATEGORY: path`` sets the category, kept as a ``category:path`` tag. A question is
``::title::`` (optional), the stem, and the answers between the first ``{`` and the first ``}``
(text after them makes a missing-word question, shown as ``_____``). A leading ``[html]``,
``[moodle]``, ``[markdown]`` or ``[plain]`` of the stem, an answer or a feedback is its format
and is removed. The type is decided in Moodle's order: ``{}`` essay, ``{#…}`` numeric, any
``~`` multiple choice (single when an answer is marked ``=``), ``=`` with ``->`` matching,
``T``/``TRUE``/``F``/``FALSE`` true/false, anything else short answer. GIFT has no language:
the text is read as the ``language`` the caller names, and written from one language only.

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

TITLE_NOT_CLOSED = (
    "The title starts with :: but has no closing ::; as Moodle does, the question is read "
    "without a title, from after the ::."
)
NO_ANSWERS = (
    "The question has no answers in braces { }. Add them, or write {} for an essay; "
    "GIFT descriptions (text only) are not imported."
)
BRACE_NOT_CLOSED = "The brace “{” is never closed. Add “}”, or write \\{ for a literal brace."
BRACE_NOT_OPENED = "There is a “}” with no “{” before it. Write \\} for a literal brace."
BRACE_NESTED = "A “{” opens inside the answers. Write \\{ for a literal brace."
TWO_ANSWER_BLOCKS = "The question has more than one set of answers in braces; keep one."
MIXED_MATCHING = "In a matching question every answer must be written “=left -> right”."
BAD_WEIGHT = "The credit “{weight}” is not a percentage such as %50%."
NOT_A_NUMBER = "The numeric answer “{text}” is not a number, a number:tolerance or a range a..b."
NO_NUMBER = "A numeric question needs at least one number after the #, such as #3:0.5."
NO_FULL_NUMBER = "No numeric answer gets full credit; mark the correct one with = and no %."
OTHER_NUMBERS_DROPPED = (
    "Only the fully correct number {answer} is kept; the other answers ({others}) and their "
    "partial credit are not."
)
OTHER_NUMBER_FEEDBACK_DROPPED = (
    "The feedback for any other number (after ~) is not kept; only general feedback is."
)
ANSWER_FEEDBACK_DROPPED = "The feedback on the {kind} answer is not kept; only general feedback is."
HTML_KEPT = "The text is marked [html]; it is kept with its tags. Check that it shows correctly."
TRUTH_READ_AS_SHORT_TEXT = (
    "The answer “{text}” is read as an accepted short answer, as Moodle reads it; write T, "
    "TRUE, F or FALSE in capitals for a true/false question."
)
DISTRACTOR_DROPPED = "The extra wrong matching answers ({answers}) are not kept."
ONLY_CATEGORIES = (
    "The file holds only categories ({categories}) and no question. The item bank keeps a "
    "category as a tag of its items, so there is nothing to import."
)

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
# Moodle's answer weight: %, an optional minus, digits with an optional fraction, %.
WEIGHT = re.compile(r"%(-?\d+(?:\.\d*)?)%")
TRUTH = {"T": True, "TRUE": True, "F": False, "FALSE": False}
# Moodle 3.6+: "// [id:…]" and "// [tag:…]" in a question's comment lines (``\]`` escapes "]").
ID_NUMBER = re.compile(r"\[id:((?:\\\]|[^\]\x00-\x1f\x7f])+)\]")
TAG = re.compile(r"\[tag:((?:\\\]|[^\]<>`\x00-\x1f\x7f])+)\]")


@dataclass
class _Block:
    line: int
    text: str
    comments: str = ""


# Reading ---------------------------------------------------------------------------------------
# Moodle's qformat_gift::readquestion, in its order: comments set aside (their [id:] and [tag:]
# kept), $CATEGORY, the ::title::, the first { and first }, general feedback (the last ####),
# format markers, then the type: {} essay, # numerical, any ~ multiple choice, = with ->
# matching, T/TRUE/F/FALSE true/false, anything else short answer.


def parse(text: str | bytes, language: str = "en") -> ImportResult:
    """Read a GIFT file. Never raises: what cannot be read is a problem at its line, and one
    question that cannot be read does not stop the others."""
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig", errors="replace")
    items: list[ItemDraft] = []
    problems: list[Problem] = []
    category = ""
    categories: list[str] = []
    for block in _blocks(text.lstrip("\ufeff")):
        if block.text.startswith("$CATEGORY:"):
            first, _, rest = block.text.partition("\n")
            category = first.removeprefix("$CATEGORY:").strip()  # empty: the default one
            categories.append(category)
            if not rest.strip():
                continue
            block = _Block(block.line + 1, rest, block.comments)
        item, found = _parse_question(block.text, language)
        if any(p.severity == "error" for p in found):
            item = None  # what could not be read is not offered for import
        if item is not None:
            item = _with_comments(item, block.comments, category)
            found += check(item)
            items.append(item)
        label = item.label if item is not None else _title(block.text)
        problems += [replace(p, item=p.item or label) for p in at_line(found, block.line)]
    if not items and not problems and any(categories):
        named = ", ".join(dict.fromkeys(c for c in categories if c))
        problems.append(warning(ONLY_CATEGORIES.format(categories=named), line=1))
    return ImportResult(items=tuple(items), problems=tuple(problems))


def _with_comments(item: ItemDraft, comments: str, category: str) -> ItemDraft:
    found = ID_NUMBER.search(comments)
    idnumber = found.group(1).strip().replace("\\]", "]") if found else ""
    tags = [tag.strip().replace("\\]", "]") for tag in TAG.findall(comments)]
    tags += [CATEGORY_TAG + category] if category else []
    return replace(item, idnumber=idnumber, tags=(*item.tags, *dict.fromkeys(t for t in tags if t)))


def _blocks(text: str) -> list[_Block]:
    """Questions are separated by blank lines; a question's comment lines (``//``) are set
    aside with it, as Moodle reads them."""
    blocks: list[_Block] = []
    start = 0
    lines: list[str] = []
    comments: list[str] = []
    for number, line in enumerate([*text.splitlines(), ""], start=1):
        if not line.strip():
            if lines:
                blocks.append(_Block(start, "\n".join(lines), "\n".join(comments)))
            lines, comments = [], []
        elif line.strip().startswith("//"):
            comments.append(line.strip())
        else:
            start = start if lines else number
            lines.append(line.strip())  # Moodle trims every line
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


def _rfind(text: str, target: str) -> int:
    """The index of the last unescaped ``target``, or -1."""
    found, index = -1, _find(text, target)
    while index >= 0:
        found, index = index, _find(text, target, index + 1)
    return found


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


def _text(raw: str) -> tuple[str, str]:
    """Moodle's parse_text_with_format: a leading [html], [moodle], [markdown] or [plain] is
    the text's format and is removed; the rest is unescaped and trimmed."""
    raw = raw.strip()
    marker = MARKER.match(raw)
    if marker:
        return unescape(raw[marker.end() :]).strip(), marker.group(1)
    return unescape(raw).strip(), ""


def _parse_question(text: str, language: str) -> tuple[ItemDraft | None, list[Problem]]:
    name, rest, problems = "", text, []
    if text.startswith("::"):
        end = _find(text, "::", 2)
        if end < 0:
            problems.append(warning(TITLE_NOT_CLOSED))
            rest = text[2:]
        else:
            name, rest = unescape(text[2:end]).strip(), text[end + 2 :]
    rest = rest.strip()
    found = _answer_span(rest)
    if isinstance(found, Problem):
        return None, [found]
    opening, closing = found
    # Moodle: answers last are removed; answers inside the text are replaced by "_____".
    tail = rest[closing + 1 :]
    stem, marker = _text(rest[:opening] + ("_____" + tail if tail.strip() else ""))
    if marker == "html":
        problems.append(warning(HTML_KEPT))
    section = rest[opening + 1 : closing].strip()
    feedback = ""
    general = _rfind(section, "####")
    if general >= 0:
        feedback, section = _text(section[general + 4 :])[0], section[:general].strip()
    base = ItemDraft(
        kind="essay",
        texts={language: stem},
        name=name,
        feedback={language: feedback} if feedback else {},
    )
    item, more = _answers(base, section, language)
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
    """The question's type, decided in Moodle's order of checks."""
    if not section:
        return base, []
    if section.startswith("#"):
        return _numeric(base, section[1:])
    if _find(section, "~") >= 0:
        return _choices(base, section, language)
    if _find(section, "=") >= 0 and "->" in section:
        return _matching(base, section, language)
    hash_at = _find(section, "#")
    said = section[:hash_at].strip() if hash_at > 0 else section
    if said in TRUTH:
        problems = []
        if hash_at > 0 and section[hash_at + 1 :].replace("#", "").strip():
            problems.append(warning(ANSWER_FEEDBACK_DROPPED.format(kind="true/false")))
        return replace(base, kind="true_false", truth=TRUTH[said]), problems
    return _short_text(base, section, language, said)


def _split(section: str, markers: str) -> list[tuple[str, str]]:
    """Moodle's explode at each unescaped marker: (marker, body) pairs; text before the first
    marker is an answer too (marker ""), as Moodle keeps it."""
    starts = [i for i in range(len(section)) if section[i] in markers and _unescaped(section, i)]
    pieces = [("", section[: starts[0]] if starts else section)]
    bounds = [*starts, len(section)]
    pieces += [(section[a], section[a + 1 : b]) for a, b in itertools.pairwise(bounds)]
    return [(marker, body) for marker, body in pieces if marker or body.strip()]


def _unescaped(text: str, index: int) -> bool:
    backslashes = len(text[:index]) - len(text[:index].rstrip("\\"))
    return backslashes % 2 == 0


def _split_feedback(body: str) -> tuple[str, str]:
    """Moodle's commentparser: the answer, and its feedback after the first #."""
    hash_at = _find(body, "#")
    if hash_at < 0:
        return _text(body)[0], ""
    return _text(body[:hash_at])[0], _text(body[hash_at + 1 :])[0]


def _weight(body: str, default: float) -> tuple[float, str] | Problem:
    body = body.lstrip()
    found = WEIGHT.match(body)
    if found:
        return round(float(found.group(1)) / 100, 7), body[found.end() :]
    if body.startswith("%") and body.count("%") >= 2:
        return error(BAD_WEIGHT.format(weight=body[: body.index("%", 1) + 1]))
    return default, body


def _option(body: str, fraction: float, language: str) -> Option:
    text, feedback = _split_feedback(body)
    return Option(
        texts={language: text},
        fraction=fraction,
        feedback={language: feedback} if feedback else {},
    )


def _choices(base: ItemDraft, section: str, language: str) -> tuple[ItemDraft, list[Problem]]:
    """Any unescaped ~: multiple choice, even with -> in an answer (Moodle checks ~ first)."""
    options = []
    for marker, body in _split(section, "=~"):
        weighed = _weight(body, 1.0 if marker == "=" else 0.0)
        if isinstance(weighed, Problem):
            return base, [weighed]
        options.append(_option(weighed[1], weighed[0], language))
    # Moodle: one answer is chosen when any is marked "=", several when none is.
    kind = "single" if _find(section, "=") >= 0 else "multiple"
    return replace(base, kind=kind, options=tuple(options)), []


def _matching(base: ItemDraft, section: str, language: str) -> tuple[ItemDraft, list[Problem]]:
    pairs, extra = [], []
    for _marker, body in _split(section, "="):
        arrow = body.find("->")
        if arrow < 0:
            return replace(base, kind="matching"), [error(MIXED_MATCHING)]
        left = _text(body[:arrow])[0]
        right = unescape(body[arrow + 2 :]).strip()
        if left:
            pairs.append(Pair(left={language: left}, right={language: right}))
        elif right:
            extra.append(right)  # Moodle: a pair with no prompt is an extra wrong answer
    problems = [warning(DISTRACTOR_DROPPED.format(answers=", ".join(extra)))] if extra else []
    return replace(base, kind="matching", pairs=tuple(pairs)), problems


def _short_text(
    base: ItemDraft, section: str, language: str, said: str
) -> tuple[ItemDraft, list[Problem]]:
    options = []
    for _marker, body in _split(section, "="):
        weighed = _weight(body, 1.0)
        if isinstance(weighed, Problem):
            return base, [weighed]
        options.append(_option(weighed[1], weighed[0], language))
    problems = []
    if said.upper() in TRUTH:
        problems.append(warning(TRUTH_READ_AS_SHORT_TEXT.format(text=said)))
    return replace(base, kind="short_text", options=tuple(options)), problems


def _numeric(base: ItemDraft, section: str) -> tuple[ItemDraft, list[Problem]]:
    """Moodle: after #, everything from the first ~ is feedback for any other number; the rest
    is answers split at =, each a number, number:tolerance or low..high."""
    base = replace(base, kind="numeric")
    problems = []
    wrong = _find(section, "~")
    if wrong >= 0:
        if _split_feedback(section[wrong + 1 :])[1]:
            problems.append(warning(OTHER_NUMBER_FEEDBACK_DROPPED))
        section = section[:wrong]
    answers = []
    for _marker, body in _split(section, "="):
        weighed = _weight(body, 1.0)
        if isinstance(weighed, Problem):
            return base, [weighed]
        fraction, rest = weighed
        text, feedback = _split_feedback(rest)
        number = _number(text)
        if number is None:
            return base, [error(NOT_A_NUMBER.format(text=text))]
        if feedback:
            problems.append(warning(ANSWER_FEEDBACK_DROPPED.format(kind="numeric")))
        answers.append((fraction, *number, text))
    if not answers:
        return base, [error(NO_NUMBER)]
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
    """``a``, ``a:tolerance`` or ``low..high`` as (answer, tolerance), as Moodle reads them."""
    try:
        if text.find("..") > 0:
            low, high = (float(part) for part in text.split("..", 1))
            low, high = min(low, high), max(low, high)
            return (low + high) / 2, (high - low) / 2
        value, _, tolerance = text.partition(":") if text.find(":") > 0 else (text, "", "")
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
        chunks.append(_comment(item) + _question(item, language))
        problems += [replace(p, item=item.label) for p in _lost(item, language)]
    return ExportResult(content="\n\n".join(chunks) + "\n", problems=tuple(problems))


def _bracketed(kind: str, value: str) -> str:
    escaped = value.strip().replace("]", "\\]")
    return f"[{kind}:{escaped}]"


def _tags(item: ItemDraft) -> tuple[list[str], list[str]]:
    """The item's tags (not its category) that a GIFT comment can hold, and the others."""
    tags = [tag for tag in item.tags if not tag.startswith(CATEGORY_TAG) and tag.strip()]
    held = [tag for tag in tags if TAG.fullmatch(_bracketed("tag", tag))]
    return held, [tag for tag in tags if tag not in held]


def _comment(item: ItemDraft) -> str:
    """Moodle 3.6+: the ID number and tags as ``// [id:…] [tag:…]`` before the question."""
    bits = [_bracketed("id", item.idnumber)] if item.idnumber.strip() else []
    bits += [_bracketed("tag", tag) for tag in _tags(item)[0]]
    return f"// {' '.join(bits)}\n" if bits else ""


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
            ("tags", _tags(item)[1]),
            ("units", item.units),
            ("rubric", any(item.rubric.values())),
            ("case-sensitive marking", item.case_sensitive),
            ("images", item.images),  # [image:N] stays in the text; Moodle XML carries them
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
    # Moodle reads any "~" as multiple choice first; without one, "=" and "->" mean matching.
    without_tilde = item.kind == "short_text" or (
        item.kind == "single" and all(option.fraction >= 1 for option in item.options)
    )
    if without_tilde and any("->" in text for text in answers):
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
        body += f"\n  ####{_escaped(feedback)}"
    return (
        f"{head}{escape(stem)} {{{body}\n}}" if "\n" in body else f"{head}{escape(stem)} {{{body}}}"
    )


def _escaped(text: str) -> str:
    """Escaped, with [plain] before a text that starts like a format marker, so that reading
    it (Moodle's parse_text_with_format) does not take the marker away."""
    return ("[plain]" if MARKER.match(text) else "") + escape(text)


def _percent(fraction: float) -> str:
    return f"%{round(fraction * 100, 5):g}%"


def _option_line(marker: str, option: Option, language: str, weighted: bool) -> str:
    text = option.texts.get(language, "").strip()
    # A text that starts with "%" gets an explicit credit so that it is not read as one.
    weight = _percent(option.fraction) if weighted or text.startswith("%") else ""
    line = f"\n  {marker}{weight}{_escaped(text)}"
    feedback = option.feedback.get(language, "").strip()
    return line + (f" #{_escaped(feedback)}" if feedback else "")


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
        f"\n  ={_escaped(pair.left.get(language, '').strip())} -> "
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
