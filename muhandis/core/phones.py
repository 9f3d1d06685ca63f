"""Showing telephone numbers stored in E.164 form."""

import phonenumbers


def format_phone(e164: str) -> str:
    """``+998901234567`` as ``+998 90 123 45 67``; anything unparsable as it was stored."""
    if not e164:
        return ""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
