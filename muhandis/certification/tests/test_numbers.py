from hypothesis import given
from hypothesis import strategies as st

from muhandis.certification import numbers


@given(st.integers(2000, 2099), st.integers(1, 99999))
def test_every_issued_number_parses_back_as_correct(year, serial):
    number = numbers.format_number(year, serial)
    assert numbers.parse(number) == (number, True)
    assert numbers.parse(number.lower().replace("-", " ")) == (number, True)


@given(st.integers(2000, 2099), st.integers(1, 99999), st.integers(0, 9), st.integers(1, 9))
def test_any_single_digit_typo_is_detected(year, serial, position, shift):
    number = numbers.format_number(year, serial)
    digits = [i for i, ch in enumerate(number) if ch.isdigit()]
    index = digits[position % len(digits)]
    typo = number[:index] + str((int(number[index]) + shift) % 10) + number[index + 1 :]
    assert numbers.parse(typo)[1] is False


@given(st.integers(2000, 2099), st.integers(1, 99999), st.integers(0, 8))
def test_swapping_two_neighbouring_digits_is_detected(year, serial, position):
    number = numbers.format_number(year, serial)
    body = number.replace("-", "")[3:]  # the digits, check digit included
    if body[position] == body[position + 1]:
        return
    swapped = body[:position] + body[position + 1] + body[position] + body[position + 2 :]
    # A correct number's digits, check digit included, reduce to 0; a swap never does.
    assert numbers.damm(body) == 0
    assert numbers.damm(swapped) != 0


def test_text_that_is_not_a_number_is_recognised():
    assert numbers.parse("hello") is None
    assert numbers.parse("") is None
