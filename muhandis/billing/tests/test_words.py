"""Amounts in words, checked by reading them back into numbers."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from muhandis.billing.words import (
    WordsError,
    amount_in_words,
    number_in_words,
    ru_plural,
)

# A reader of the words back into a number, independent of how they were written.
RU_VALUES = {
    "ноль": 0,
    "один": 1,
    "одна": 1,
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "пять": 5,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    "девять": 9,
    "десять": 10,
    "одиннадцать": 11,
    "двенадцать": 12,
    "тринадцать": 13,
    "четырнадцать": 14,
    "пятнадцать": 15,
    "шестнадцать": 16,
    "семнадцать": 17,
    "восемнадцать": 18,
    "девятнадцать": 19,
    "двадцать": 20,
    "тридцать": 30,
    "сорок": 40,
    "пятьдесят": 50,
    "шестьдесят": 60,
    "семьдесят": 70,
    "восемьдесят": 80,
    "девяносто": 90,
    "сто": 100,
    "двести": 200,
    "триста": 300,
    "четыреста": 400,
    "пятьсот": 500,
    "шестьсот": 600,
    "семьсот": 700,
    "восемьсот": 800,
    "девятьсот": 900,
}
RU_SCALES = {
    **dict.fromkeys(["тысяча", "тысячи", "тысяч"], 10**3),
    **dict.fromkeys(["миллион", "миллиона", "миллионов"], 10**6),
    **dict.fromkeys(["миллиард", "миллиарда", "миллиардов"], 10**9),
    **dict.fromkeys(["триллион", "триллиона", "триллионов"], 10**12),
}
UZ_VALUES = {
    "nol": 0,
    "bir": 1,
    "ikki": 2,
    "uch": 3,
    "toʻrt": 4,
    "besh": 5,
    "olti": 6,
    "yetti": 7,
    "sakkiz": 8,
    "toʻqqiz": 9,
    "oʻn": 10,
    "yigirma": 20,
    "oʻttiz": 30,
    "qirq": 40,
    "ellik": 50,
    "oltmish": 60,
    "yetmish": 70,
    "sakson": 80,
    "toʻqson": 90,
}
UZ_SCALES = {"ming": 10**3, "million": 10**6, "milliard": 10**9, "trillion": 10**12}
EN_VALUES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def read_back(text: str, language: str) -> int:
    values, scales = {
        "ru": (RU_VALUES, RU_SCALES),
        "uz": (UZ_VALUES, UZ_SCALES),
        "en": (EN_VALUES, EN_SCALES),
    }[language]
    total = group = 0
    for word in text.lower().replace("-", " ").split():
        if word in ("yuz", "hundred"):
            group *= 100
        elif word in scales:
            total += group * scales[word]
            group = 0
        else:
            group += values[word]
    return total + group


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
@given(n=st.integers(0, 10**15 - 1))
def test_any_number_reads_back_as_itself(language, n):
    assert read_back(number_in_words(n, language), language) == n


@pytest.mark.parametrize("language", ["uz", "ru", "en"])
@given(digits=st.integers(1, 999), power=st.integers(0, 4))
def test_round_numbers_read_back_and_name_only_their_scale(language, digits, power):
    n = digits * 1000**power
    words = number_in_words(n, language)
    assert read_back(words, language) == n
    scale_words = {"uz": UZ_SCALES, "ru": RU_SCALES, "en": EN_SCALES}[language]
    assert sum(1 for w in words.split() if w in scale_words) == (1 if power else 0)


@given(n=st.integers(0, 10**6))
def test_russian_plural_follows_the_last_two_digits(n):
    form = ru_plural(n, "сум", "сума", "сумов")
    if n % 100 in (11, 12, 13, 14):
        assert form == "сумов"
    elif n % 10 == 1:
        assert form == "сум"
    elif n % 10 in (2, 3, 4):
        assert form == "сума"
    else:
        assert form == "сумов"


@pytest.mark.parametrize(
    ("amount", "currency", "language", "expected"),
    [
        ("0", "UZS", "ru", "Ноль сумов 00 тийинов"),
        ("0", "UZS", "uz", "Nol soʻm 00 tiyin"),
        ("0", "KZT", "en", "Zero tenge 00 tiyn"),
        ("1", "UZS", "ru", "Один сум 00 тийинов"),
        ("1.01", "UZS", "ru", "Один сум 01 тийин"),
        ("2.02", "UZS", "ru", "Два сума 02 тийина"),
        ("11.11", "UZS", "ru", "Одиннадцать сумов 11 тийинов"),
        ("21.21", "UZS", "ru", "Двадцать один сум 21 тийин"),
        ("11", "UZS", "uz", "Oʻn bir soʻm 00 tiyin"),
        ("21", "KZT", "ru", "Двадцать один тенге 00 тиынов"),
        ("1.01", "KZT", "ru", "Один тенге 01 тиын"),
        ("3.04", "KZT", "ru", "Три тенге 04 тиына"),
        ("1000", "UZS", "ru", "Одна тысяча сумов 00 тийинов"),
        ("2000", "UZS", "ru", "Две тысячи сумов 00 тийинов"),
        ("5000", "UZS", "ru", "Пять тысяч сумов 00 тийинов"),
        ("11000", "UZS", "ru", "Одиннадцать тысяч сумов 00 тийинов"),
        ("21000", "UZS", "ru", "Двадцать одна тысяча сумов 00 тийинов"),
        ("22000", "UZS", "ru", "Двадцать две тысячи сумов 00 тийинов"),
        ("1000001", "UZS", "ru", "Один миллион один сум 00 тийинов"),
        ("1000001", "UZS", "uz", "Bir million bir soʻm 00 tiyin"),
        ("1000001", "KZT", "en", "One million one tenge 00 tiyn"),
        ("2000000", "UZS", "ru", "Два миллиона сумов 00 тийинов"),
        ("5000000000", "UZS", "ru", "Пять миллиардов сумов 00 тийинов"),
        ("1120000", "UZS", "uz", "Bir million bir yuz yigirma ming soʻm 00 tiyin"),
        ("1120000", "UZS", "ru", "Один миллион сто двадцать тысяч сумов 00 тийинов"),
        ("1120000", "UZS", "en", "One million one hundred twenty thousand soʻm 00 tiyin"),
        ("345", "KZT", "uz", "Uch yuz qirq besh tenge 00 tiyn"),
        ("0.005", "UZS", "ru", "Ноль сумов 01 тийин"),  # half a tiyin rounds up
        (
            "999999999999.99",
            "UZS",
            "ru",
            "Девятьсот девяносто девять миллиардов девятьсот девяносто девять миллионов "
            "девятьсот девяносто девять тысяч девятьсот девяносто девять сумов 99 тийинов",
        ),
        (
            "999999999999.99",
            "UZS",
            "uz",
            "Toʻqqiz yuz toʻqson toʻqqiz milliard toʻqqiz yuz toʻqson toʻqqiz million "
            "toʻqqiz yuz toʻqson toʻqqiz ming toʻqqiz yuz toʻqson toʻqqiz soʻm 99 tiyin",
        ),
    ],
)
def test_amounts_as_an_invoice_prints_them(amount, currency, language, expected):
    assert amount_in_words(Decimal(amount), currency, language) == expected


def test_uzbek_uses_the_turned_comma_not_an_apostrophe():
    text = amount_in_words(Decimal("94"), "UZS", "uz")
    assert text == "Toʻqson toʻrt soʻm 00 tiyin"
    assert "'" not in text
    assert "\u02bb" in text


@pytest.mark.parametrize(
    ("amount", "currency", "language"),
    [
        ("-1", "UZS", "ru"),
        ("1000000000000000", "UZS", "ru"),
        ("1", "EUR", "ru"),
        ("1", "UZS", "de"),
    ],
)
def test_what_cannot_be_written_is_refused(amount, currency, language):
    with pytest.raises(WordsError):
        amount_in_words(Decimal(amount), currency, language)
