"""Certificate numbers: MHD-2026-00042-7, the last digit a Damm check digit over the others.

The Damm algorithm detects every single-digit error and every swap of two adjacent digits,
so a mistyped number is recognised as mistyped rather than reported as "not found".
"""

import re

# The Damm quasigroup of order 10 (H. M. Damm, 2004).
_TABLE = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
PREFIX = "MHD"
_PATTERN = re.compile(r"^MHD-?(\d{4})-?(\d{5,})-?(\d)$")


def damm(digits: str) -> int:
    interim = 0
    for digit in digits:
        interim = _TABLE[interim][int(digit)]
    return interim


def format_number(year: int, serial: int) -> str:
    body = f"{year:04d}{serial:05d}"
    return f"{PREFIX}-{year:04d}-{serial:05d}-{damm(body)}"


def normalise(text: str) -> str:
    """Upper case, without spaces: what people type or read off a QR code."""
    return re.sub(r"\s+", "", (text or "")).upper()


def parse(text: str) -> tuple[str, bool] | None:
    """(the number in standard form, whether its check digit is right), or None if the text
    is not shaped like a certificate number at all."""
    match = _PATTERN.match(normalise(text))
    if match is None:
        return None
    year, serial, check = match.groups()
    standard = f"{PREFIX}-{year}-{serial}-{check}"
    return standard, damm(year + serial) == int(check)
