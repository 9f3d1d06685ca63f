"""Text a person typed: control characters are refused everywhere, in forms and in the API.

A control character (a null byte, a bell, an escape, …) is invisible, cannot be stored by
PostgreSQL when it is a null byte, and breaks exports and printed certificates. Tab, line feed
and carriage return are allowed only in multi-line text (a text area, a reason, an essay).

Forms: `install_form_check` (called by `CoreConfig.ready`) makes every Django form's text
field (`forms.CharField` and its subclasses) run the check, single-line or multi-line by its
widget. API: the annotated types `Line` and `Text` of `muhandis.core.apitypes` run it.
"""

import re
from functools import wraps
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# Unicode category Cc: C0 controls, DEL and C1 controls.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_EXCEPT_LINES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CODE = "control_characters"


def control_characters_message(*, multiline: bool) -> str:
    """What to do about it, in the active language."""
    if multiline:
        return _(
            "This text contains invisible control characters (often copied from another "
            "program). Retype it, or paste it as plain text."
        )
    return _(
        "This text contains invisible control characters, such as a tab or a line break "
        "(often copied from another program). Type it on one line, or paste it as plain text."
    )


def has_control_characters(value: str, *, multiline: bool) -> bool:
    pattern = _CONTROL_EXCEPT_LINES if multiline else _CONTROL
    return pattern.search(value) is not None


def refuse_control_characters(value: object, *, multiline: bool = False) -> None:
    """Raise a translated ValidationError if ``value`` is text holding control characters."""
    if isinstance(value, str) and has_control_characters(value, multiline=multiline):
        raise ValidationError(control_characters_message(multiline=multiline), code=CODE)


def install_form_check() -> None:
    """Every form text field refuses control characters (Django itself refuses only NUL).

    Done once for the `forms.CharField` class so that no form, ours, allauth's or the admin's,
    can forget it; whether line breaks are allowed is read from the widget when the form is
    validated, so a widget changed after the field was made is respected."""
    if getattr(forms.CharField.validate, "_refuses_control_characters", False):
        return
    original = forms.CharField.validate

    @wraps(original)
    def validate(self: forms.CharField, value: Any) -> None:
        original(self, value)
        refuse_control_characters(value, multiline=isinstance(self.widget, forms.Textarea))

    validate._refuses_control_characters = True  # type: ignore[attr-defined]
    forms.CharField.validate = validate  # type: ignore[method-assign,assignment]
