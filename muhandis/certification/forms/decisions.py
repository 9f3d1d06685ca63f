from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role

from ..models import CertificateLanguage, Outcome


class AssignAssessorForm(forms.Form):
    assessor = forms.ModelChoiceField(label=_("assessor"), queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = User.objects.filter(
            role_assignments__role=Role.EXAMINER,
            role_assignments__revoked_at__isnull=True,
            is_active=True,
        ).order_by("family_name", "given_name")
        self.fields["assessor"].empty_label = _("— choose —")


class ConflictForm(forms.Form):
    has_conflict = forms.BooleanField(
        label=_(
            "I have a personal, financial or professional interest that could affect my "
            "impartiality towards this candidate."
        ),
        required=False,
    )
    trained_or_employed = forms.BooleanField(
        label=_("I have trained, employed or supervised this candidate."), required=False
    )
    note = forms.CharField(
        label=_("details"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FindingForm(forms.Form):
    competency = forms.IntegerField(widget=forms.HiddenInput)
    level = forms.IntegerField(label=_("level shown"), min_value=0, max_value=10)
    evidence = forms.CharField(
        label=pgettext_lazy("finding", "evidence"), widget=forms.Textarea(attrs={"rows": 2})
    )


class CompleteForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("recommendation"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class ExamResultForm(forms.Form):
    score = forms.IntegerField(label=_("written examination score (%)"), min_value=0, max_value=100)


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


class VoteForm(forms.Form):
    outcome = forms.ChoiceField(label=_("vote"), choices=Outcome.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 3}))
    limitation = forms.CharField(
        label=_("limitation of scope (if granted with limited scope)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
