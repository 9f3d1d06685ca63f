"""The form in which anyone types (or scans) a certificate number."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..selectors import verification


class VerifyNumberForm(forms.Form):
    number = forms.CharField(
        label=_("Certificate number"),
        max_length=40,
        help_text=_(
            "As printed on the certificate, for example MHD-2026-00042-7. "
            "Capital or small letters, with or without the dashes."
        ),
    )

    def clean_number(self) -> str:
        found = verification.look_up(self.cleaned_data["number"])
        if found.certificate is None:
            raise forms.ValidationError(found.problem, code=found.problem_code)
        return found.number
