"""Marking objective items at submission: the share of an item's marks an answer earns.

Items are stored as ``formats.items.to_content`` makes them (``ItemVersion.content``):
- single / multiple: ``options: [{"texts": {lang: str}, "fraction": float}]`` — a fraction is
  the share of the marks an option earns (Moodle's convention; negative ones penalise wrong
  choices in multiple response). Answer: ``{"choice": i}`` / ``{"choices": [i, ...]}``.
- true_false: ``truth: bool``. Answer: ``{"value": bool}``.
- numeric: ``answer: float``, ``tolerance: float``, ``units``. Answer: ``{"value": float}``.
- matching: ``pairs: [{"left": {lang: str}, "right": {lang: str}}]``. Answer:
  ``{"pairs": {"<left index>": "<right text>"}}``; each right pair earns an equal share.
- short_text: ``options`` are the accepted answers (text per language, with a fraction),
  ``case_sensitive: bool``. Answer: ``{"text": str}``.
- essay: marked by hand against its ``rubric``; ``mark`` returns None.
"""

import math


def _number(value: object) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.0
    return number if math.isfinite(number) else 0.0


def _clamp(share: float) -> float:
    return max(0.0, min(1.0, share))


def _normalise(text: str, case_sensitive: bool) -> str:
    collapsed = " ".join(str(text).split())
    return collapsed if case_sensitive else collapsed.casefold()


def mark(kind: str, content: dict, response: dict | None, language: str) -> float | None:
    """The share (0 to 1) of the item's marks; 0 when unanswered; None for hand-marked items."""
    if kind == "essay":
        return None
    if not isinstance(response, dict):
        return 0.0
    options = content.get("options") or []
    if kind == "single":
        choice = response.get("choice")
        if not isinstance(choice, int) or not 0 <= choice < len(options):
            return 0.0
        return _clamp(_number(options[choice].get("fraction")))
    if kind == "multiple":
        chosen = response.get("choices") or []
        valid = {c for c in chosen if isinstance(c, int) and 0 <= c < len(options)}
        return _clamp(sum(_number(options[c].get("fraction")) for c in valid))
    if kind == "true_false":
        return 1.0 if response.get("value") is content.get("truth") else 0.0
    if kind == "numeric":
        value = response.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float):
            return 0.0
        if content.get("answer") is None:
            return 0.0
        target = _number(content.get("answer"))
        tolerance = abs(_number(content.get("tolerance")))
        return 1.0 if abs(value - target) <= tolerance + 1e-12 else 0.0
    if kind == "matching":
        pairs = content.get("pairs") or []
        given = response.get("pairs") or {}
        if not pairs or not isinstance(given, dict):
            return 0.0
        right = sum(
            1
            for index, pair in enumerate(pairs)
            if given.get(str(index)) == (pair.get("right") or {}).get(language)
        )
        return right / len(pairs)
    if kind == "short_text":
        case_sensitive = bool(content.get("case_sensitive"))
        text = _normalise(response.get("text") or "", case_sensitive)
        if not text:
            return 0.0
        return max(
            (
                _clamp(_number(option.get("fraction", 1)))
                for option in options
                if _normalise((option.get("texts") or {}).get(language) or "", case_sensitive)
                == text
            ),
            default=0.0,
        )
    return 0.0
