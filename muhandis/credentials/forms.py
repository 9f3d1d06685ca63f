"""The form of the page where anyone checks a credential."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 256 * 1024


class CheckForm(forms.Form):
    file = forms.FileField(
        label=_("credential file"),
        required=False,
        help_text=_("The .json or .jwt file of a Muhandis certificate."),
    )
    text = forms.CharField(
        label=_("or paste the credential"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        upload = data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is too large for a credential (256 KB)."))
        if upload is None and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("Choose a credential file or paste its text."))
        return data
