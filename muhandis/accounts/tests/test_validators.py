import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from muhandis.accounts.validators import (
    bin_check_digit,
    normalize_phone,
    pinfl_birth_date,
    pinfl_sex,
    validate_bin,
    validate_pinfl,
    validate_stir,
)

_CENTURY_DIGITS = {1800: "12", 1900: "34", 2000: "56"}


@st.composite
def pinfls(draw):
    born = draw(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date.today()))
    sex_digit = draw(st.sampled_from(_CENTURY_DIGITS[born.year // 100 * 100]))
    tail = draw(st.text(alphabet="0123456789", min_size=7, max_size=7))
    return f"{sex_digit}{born:%d%m}{born.year % 100:02d}{tail}", born


@given(pinfls())
def test_any_well_formed_pinfl_is_accepted_and_its_birth_date_read(sample):
    value, born = sample
    validate_pinfl(value)
    assert pinfl_birth_date(value) == born


def test_pinfl_first_digit_gives_sex():
    assert pinfl_sex("31505900123456") == "male"
    assert pinfl_sex("41505900123456") == "female"


@given(st.text(max_size=20))
def test_arbitrary_text_never_crashes_the_pinfl_validator(text):
    try:
        validate_pinfl(text)
    except ValidationError as exc:
        assert exc.messages  # noqa: PT017  (any input: a message, never a crash)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("3150590012345", "length"),
        ("315059001234567", "length"),
        ("3150590012345A", "digits"),
        ("91505900123456", "century"),
        ("33102900123456", "birth_date"),
        ("31513900123456", "birth_date"),
        ("50101990123456", "future"),
    ],
)
def test_malformed_pinfl_gets_a_specific_message(value, code):
    with pytest.raises(ValidationError) as exc:
        validate_pinfl(value)
    assert exc.value.error_list[0].code == code


def test_pinfl_length_message_says_how_many_digits_were_typed():
    with pytest.raises(ValidationError) as exc:
        validate_pinfl("123")
    assert "3" in exc.value.messages[0]
    assert "14" in exc.value.messages[0]


# BINs of registered Kazakh companies, as published in the state business register.
GENUINE_BINS = ["971240001315", "940140000385"]


@pytest.mark.parametrize("value", GENUINE_BINS)
def test_genuine_bins_are_accepted(value):
    validate_bin(value)


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_bin_with_its_computed_check_digit_is_accepted(first_eleven):
    check = bin_check_digit(first_eleven)
    if check is None:
        return
    validate_bin(first_eleven + str(check))


@given(st.text(alphabet="0123456789", min_size=11, max_size=11), st.integers(1, 9))
def test_bin_with_a_wrong_check_digit_is_refused(first_eleven, shift):
    check = bin_check_digit(first_eleven)
    if check is None:
        return
    with pytest.raises(ValidationError):
        validate_bin(first_eleven + str((check + shift) % 10))


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_any_nine_digits_are_a_well_formed_stir(value):
    validate_stir(value)


@pytest.mark.parametrize("value", ["12345678", "1234567890", "12345678a"])
def test_malformed_stir_is_refused(value):
    with pytest.raises(ValidationError):
        validate_stir(value)


UZ_MOBILE_CODES = ["90", "91", "93", "94", "95", "97", "98", "99", "88", "33", "77", "50"]


@given(
    st.sampled_from(UZ_MOBILE_CODES),
    st.text(alphabet="0123456789", min_size=7, max_size=7),
    st.sampled_from(["+998 {c} {n}", "+998{c}{n}", "998{c}{n}", "({c}) {n}", "{c} {n}"]),
)
def test_uzbek_mobile_numbers_in_any_common_writing_are_normalised(code, number, layout):
    written = layout.format(c=code, n=number)
    assert normalize_phone(written) == f"+998{code}{number}"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("+7 701 123 45 67", "+77011234567"),
        ("+7 (495) 123-45-67", "+74951234567"),
        ("+998 71 234 56 78", "+998712345678"),
    ],
)
def test_kazakh_russian_and_landline_numbers_are_accepted(written, expected):
    assert normalize_phone(written) == expected


@pytest.mark.parametrize("written", ["+1 202 555 0100", "+44 20 7946 0958", "+998 12", "hello", ""])
def test_other_countries_and_garbage_are_refused(written):
    with pytest.raises(ValidationError):
        normalize_phone(written)


@given(st.text(max_size=30))
def test_arbitrary_text_never_crashes_the_phone_validator(text):
    try:
        result = normalize_phone(text)
    except ValidationError as exc:
        assert exc.messages  # noqa: PT017  (any input: a message, never a crash)
    else:
        assert result.startswith(("+998", "+7"))
