"""Amounts in words, as printed on invoices: Uzbek (Latin), Russian and English, for soʻm and
tenge. Plain Python, no Django: the words are grammar, not interface text.

``amount_in_words(Decimal("1120000.50"), "UZS", "ru")`` →
"Один миллион сто двадцать тысяч сумов 50 тийинов".

The major units are written out; the minor units (tiyin, tiyn) are two digits followed by
their name, as accountants write them. Russian agrees in gender (одна тысяча, две тысячи) and
number (1 сум, 2 сума, 5 сумов; 11–14 take the plural of five)."""

from decimal import ROUND_HALF_UP, Decimal

LANGUAGES = ("uz", "ru", "en")
LIMIT = 10**15  # up to 999 trillion and 99 minor units


class WordsError(ValueError):
    """The amount cannot be written: negative, too large, or an unknown language/currency."""


# --- Russian -------------------------------------------------------------------------------

_RU_ONES_M = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]
_RU_ONES_F = ["", "одна", "две", *_RU_ONES_M[3:]]
_RU_TEENS = [
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
]
_RU_TENS = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
]
_RU_HUNDREDS = [
    "",
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
]
# (one, few, many, feminine) for 10^3, 10^6, 10^9, 10^12
_RU_SCALES = [
    ("тысяча", "тысячи", "тысяч", True),
    ("миллион", "миллиона", "миллионов", False),
    ("миллиард", "миллиарда", "миллиардов", False),
    ("триллион", "триллиона", "триллионов", False),
]


def ru_plural(n: int, one: str, few: str, many: str) -> str:
    """The Russian form for ``n``: 1 рубль, 2–4 рубля, 5–20 рублей, 21 рубль, 111 рублей."""
    n = abs(n)
    if 11 <= n % 100 <= 14:
        return many
    if n % 10 == 1:
        return one
    if 2 <= n % 10 <= 4:
        return few
    return many


def _ru_triple(n: int, *, feminine: bool) -> list[str]:
    words = [_RU_HUNDREDS[n // 100]]
    rest = n % 100
    if 10 <= rest <= 19:
        words.append(_RU_TEENS[rest - 10])
    else:
        words.append(_RU_TENS[rest // 10])
        words.append((_RU_ONES_F if feminine else _RU_ONES_M)[rest % 10])
    return [w for w in words if w]


def _ru_number(n: int, *, feminine: bool = False) -> str:
    if n == 0:
        return "ноль"
    words: list[str] = []
    groups = _groups(n)
    for power in range(len(groups) - 1, -1, -1):
        group = groups[power]
        if not group:
            continue
        if power == 0:
            words += _ru_triple(group, feminine=feminine)
        else:
            one, few, many, fem = _RU_SCALES[power - 1]
            words += _ru_triple(group, feminine=fem)
            words.append(ru_plural(group, one, few, many))
    return " ".join(words)


# --- Uzbek (Latin) -------------------------------------------------------------------------

_UZ_ONES = ["", "bir", "ikki", "uch", "toʻrt", "besh", "olti", "yetti", "sakkiz", "toʻqqiz"]
_UZ_TENS = [
    "",
    "oʻn",
    "yigirma",
    "oʻttiz",
    "qirq",
    "ellik",
    "oltmish",
    "yetmish",
    "sakson",
    "toʻqson",
]
_UZ_SCALES = ["ming", "million", "milliard", "trillion"]


def _uz_triple(n: int) -> list[str]:
    words = []
    if n // 100:
        words += [_UZ_ONES[n // 100], "yuz"]
    words += [_UZ_TENS[n % 100 // 10], _UZ_ONES[n % 10]]
    return [w for w in words if w]


def _uz_number(n: int) -> str:
    if n == 0:
        return "nol"
    words: list[str] = []
    groups = _groups(n)
    for power in range(len(groups) - 1, -1, -1):
        if groups[power]:
            words += _uz_triple(groups[power])
            if power:
                words.append(_UZ_SCALES[power - 1])
    return " ".join(words)


# --- English -------------------------------------------------------------------------------

_EN_ONES = [
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_EN_SCALES = ["thousand", "million", "billion", "trillion"]


def _en_triple(n: int) -> list[str]:
    words = []
    if n // 100:
        words += [_EN_ONES[n // 100], "hundred"]
    rest = n % 100
    if rest < 20:
        words.append(_EN_ONES[rest])
    elif rest % 10:
        words.append(f"{_EN_TENS[rest // 10]}-{_EN_ONES[rest % 10]}")
    else:
        words.append(_EN_TENS[rest // 10])
    return [w for w in words if w]


def _en_number(n: int) -> str:
    if n == 0:
        return "zero"
    words: list[str] = []
    groups = _groups(n)
    for power in range(len(groups) - 1, -1, -1):
        if groups[power]:
            words += _en_triple(groups[power])
            if power:
                words.append(_EN_SCALES[power - 1])
    return " ".join(words)


# --- Shared --------------------------------------------------------------------------------


def _groups(n: int) -> list[int]:
    """``n`` in groups of three digits, the lowest first: 1234567 → [567, 234, 1]."""
    groups = []
    while n:
        groups.append(n % 1000)
        n //= 1000
    return groups or [0]


def number_in_words(n: int, language: str, *, feminine: bool = False) -> str:
    """A whole number ≥ 0 in words (``feminine`` matters in Russian only: одна, две)."""
    if n < 0 or n >= LIMIT:
        raise WordsError(f"{n} is out of range")
    if language == "ru":
        return _ru_number(n, feminine=feminine)
    if language == "uz":
        return _uz_number(n)
    if language == "en":
        return _en_number(n)
    raise WordsError(f"unknown language {language!r}")


# Names of the units: (major, minor) per currency and language. Russian gives the three forms.
_RU_UNITS = {
    "UZS": (("сум", "сума", "сумов"), ("тийин", "тийина", "тийинов")),
    "KZT": (("тенге", "тенге", "тенге"), ("тиын", "тиына", "тиынов")),
}
_LATIN_UNITS = {
    "uz": {"UZS": ("soʻm", "tiyin"), "KZT": ("tenge", "tiyn")},
    "en": {"UZS": ("soʻm", "tiyin"), "KZT": ("tenge", "tiyn")},
}


def split_amount(amount: Decimal) -> tuple[int, int]:
    """(major units, minor units) of a non-negative amount rounded to the cent."""
    cents = int(Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) * 100)
    return cents // 100, cents % 100


def amount_in_words(amount: Decimal | int | str, currency: str, language: str) -> str:
    """The amount in words with its currency, the first letter a capital."""
    value = Decimal(str(amount))
    if value < 0:
        raise WordsError("negative amount")
    major, minor = split_amount(value)
    if language not in LANGUAGES:
        raise WordsError(f"unknown language {language!r}")
    if currency not in _RU_UNITS:
        raise WordsError(f"unknown currency {currency!r}")
    words = number_in_words(major, language)
    if language == "ru":
        major_names, minor_names = _RU_UNITS[currency]
        text = (
            f"{words} {ru_plural(major, *major_names)} {minor:02d} {ru_plural(minor, *minor_names)}"
        )
    else:
        major_name, minor_name = _LATIN_UNITS[language][currency]
        text = f"{words} {major_name} {minor:02d} {minor_name}"
    return text[0].upper() + text[1:]
