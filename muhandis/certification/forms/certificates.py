"""The registrar's forms on a certificate's page: a change of status, a reduced scope, a
re-issue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CertificateLanguage


class CertificateStatusForm(forms.Form):
    action = forms.ChoiceField(
        label=_("decision"),
        choices=[
            ("suspend", _("Suspend")),
            ("reinstate", _("Reinstate")),
            ("withdraw", _("Withdraw")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ScopeReductionForm(forms.Form):
    limitation = forms.CharField(
        label=_("limitation of scope"),
        help_text=_("What the holder is no longer certified to do."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ReissueForm(forms.Form):
    language = forms.ChoiceField(
        label=_("language of the certificate"),
        choices=[("", _("As before")), *CertificateLanguage.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("reason"),
        help_text=_("For example: the holder changed their name, or lost the document."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
