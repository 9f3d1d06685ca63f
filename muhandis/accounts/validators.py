"""Validators for identifiers used in Uzbekistan and Kazakhstan.

PINFL (Uzbek personal identification number): 14 digits. The first digit encodes the century
of birth and sex (1/2: 1800s, 3/4: 1900s, 5/6: 2000s; odd male, even female), digits 2–7 the
birth date as DDMMYY, then a district code, a serial number and a check digit. The check digit's
algorithm is not published by an official source we could confirm against genuine numbers, so
it is deliberately not checked: a validator that rejects real numbers is worse than none.

STIR (Uzbek taxpayer identification number): 9 digits.
BIN (Kazakh business identification number): 12 digits, the last a check digit computed with
weights 1..11 modulo 11, and if that gives 10, weights 3..11,1,2 (a result of 10 again means
the number cannot be valid). The same algorithm serves the personal IIN.
"""

import datetime
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

_DIGITS = re.compile(r"^\d+$")
_CENTURY = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}
_BIN_WEIGHTS = ((1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2))
PHONE_COUNTRY_CODES = frozenset({998, 7})


def _require_digits(value: str, length: int, name: "str | Promise") -> None:
    if not _DIGITS.match(value):
        raise ValidationError(
            _("%(name)s may contain digits only."), code="digits", params={"name": name}
        )
    if len(value) != length:
        raise ValidationError(
            _("%(name)s must have exactly %(length)d digits; you entered %(count)d."),
            code="length",
            params={"name": name, "length": length, "count": len(value)},
        )


def pinfl_birth_date(value: str) -> datetime.date | None:
    """The birth date a well-formed PINFL encodes, or None when it encodes none."""
    if len(value) != 14 or not _DIGITS.match(value) or value[0] not in _CENTURY:
        return None
    day, month, year = int(value[1:3]), int(value[3:5]), int(value[5:7])
    try:
        return datetime.date(_CENTURY[value[0]] + year, month, day)
    except ValueError:
        return None


def pinfl_sex(value: str) -> str:
    """'male' for an odd first digit, 'female' for an even one."""
    return "male" if int(value[0]) % 2 else "female"


def validate_pinfl(value: str) -> None:
    value = (value or "").strip()
    name = _("A PINFL")
    _require_digits(value, 14, name)
    if value[0] not in _CENTURY:
        raise ValidationError(
            _(
                "The first digit of a PINFL must be from 1 to 6 (it encodes the century of "
                "birth and sex); yours starts with %(digit)s."
            ),
            code="century",
            params={"digit": value[0]},
        )
    born = pinfl_birth_date(value)
    if born is None:
        raise ValidationError(
            _(
                "Digits 2 to 7 of a PINFL are the birth date as DDMMYY; %(digits)s is not a "
                "real date. Check the number on your passport or ID card."
            ),
            code="birth_date",
            params={"digits": value[1:7]},
        )
    if born > datetime.date.today():
        raise ValidationError(
            _("This PINFL gives a birth date in the future (%(date)s). Check the number."),
            code="future",
            params={"date": born.strftime("%d.%m.%Y")},
        )


def validate_stir(value: str) -> None:
    _require_digits((value or "").strip(), 9, _("A STIR (taxpayer number)"))


def bin_check_digit(first_eleven: str) -> int | None:
    """The check digit for the first 11 digits of a BIN or IIN, or None if none can be valid."""
    digits = [int(d) for d in first_eleven]
    for weights in _BIN_WEIGHTS:
        remainder = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if remainder != 10:
            return remainder
    return None


def validate_bin(value: str) -> None:
    value = (value or "").strip()
    _require_digits(value, 12, _("A BIN"))
    if bin_check_digit(value[:11]) != int(value[11]):
        raise ValidationError(
            _("This BIN's check digit (the last digit) does not match: check for a typing error."),
            code="check_digit",
        )


def validate_tax_number(country: str, value: str) -> None:
    if country == "UZ":
        validate_stir(value)
    elif country == "KZ":
        validate_bin(value)
    else:
        raise ValidationError(_("Choose Uzbekistan or Kazakhstan."), code="country")


def normalize_phone(value: str) -> str:
    """Return the number in E.164 form (+998901234567), or raise a ValidationError.

    Numbers without a leading + are read as Uzbek numbers.
    """
    raw = (value or "").strip()
    if not raw:
        raise ValidationError(_("Enter a phone number."), code="required")
    try:
        parsed = phonenumbers.parse(raw, "UZ")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(
            _("This is not a phone number. Write it as +998 90 123 45 67 or +7 701 123 45 67."),
            code="invalid",
        ) from exc
    if parsed.country_code not in PHONE_COUNTRY_CODES:
        raise ValidationError(
            _("Only Uzbek (+998) and Kazakh or Russian (+7) numbers are accepted."),
            code="country",
        )
    if not phonenumbers.is_valid_number(parsed):
        raise ValidationError(
            _(
                "This number does not exist in the numbering plan of +%(code)s. "
                "Check the operator or area code and the number of digits."
            ),
            code="invalid",
            params={"code": parsed.country_code},
        )
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def validate_phone(value: str) -> None:
    normalize_phone(value)
