from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role

from ..models import Outcome


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


class VoteForm(forms.Form):
    outcome = forms.ChoiceField(label=_("vote"), choices=Outcome.choices, widget=forms.RadioSelect)
    reasons = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 3}))
    limitation = forms.CharField(
        label=_("limitation of scope (if granted with limited scope)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
