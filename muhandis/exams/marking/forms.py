"""The examiner's form for marking an essay."""

from django import forms
from django.utils.translation import gettext_lazy as _


class MarkForm(forms.Form):
    percent = forms.IntegerField(label=_("Mark (percent of the item)"), min_value=0, max_value=100)
    comment = forms.CharField(
        label=_("Comment for the record"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
