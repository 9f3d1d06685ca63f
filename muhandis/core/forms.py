"""Form pieces every domain's forms share."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


BLANK_CHOICE = _("— choose —")


class TranslatedBlankChoiceMixin:
    """Label the empty choice of every select in the reader's language."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
                field.empty_label = BLANK_CHOICE
            elif isinstance(field, forms.ChoiceField) and not isinstance(
                field.widget, forms.RadioSelect
            ):
                choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]  # a list here
                field.choices = [
                    ("", BLANK_CHOICE) if value == "" else (value, label)
                    for value, label in choices
                ]
