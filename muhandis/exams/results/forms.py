"""The exam manager's form for a reasoned change of a mark."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ChangeMarkForm(forms.Form):
    percent = forms.IntegerField(
        label=_("New mark (percent of the item)"), min_value=0, max_value=100
    )
    reason = forms.CharField(label=_("Why the mark changes"), max_length=1000)
