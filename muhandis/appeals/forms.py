from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role

from .models import Complaint, PanelMember

EVIDENCE_HELP = _("Optional. A PDF, JPEG or PNG file of at most 10 MB.")


def _people_with(*roles: str) -> QuerySet[User]:
    return (
        User.objects.filter(
            role_assignments__role__in=roles,
            role_assignments__revoked_at__isnull=True,
            is_active=True,
        )
        .distinct()
        .order_by("family_name", "given_name")
    )


class AppealForm(forms.Form):
    grounds = forms.CharField(
        label=_("grounds of appeal"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why the decision is wrong, and what you ask the panel to do."),
    )
    evidence = forms.FileField(label=_("evidence"), required=False, help_text=EVIDENCE_HELP)


class PanelForm(forms.Form):
    members = forms.ModelMultipleChoiceField(
        label=_("committee members on the panel"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "At least two, none of whom took part in the decision. An odd number avoids a tie."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = _people_with(Role.COMMITTEE)


class PanelVoteForm(forms.Form):
    vote = forms.ChoiceField(
        label=_("your vote"), choices=PanelMember.Vote.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 4}))


class ComplaintForm(forms.Form):
    name = forms.CharField(label=_("your name"), max_length=200)
    email = forms.EmailField(
        label=_("your email"), help_text=_("We send the reference and the outcome here.")
    )
    relation = forms.ChoiceField(
        label=_("how you know the engineer"),
        choices=[("", _("— choose —")), *Complaint.Relation.choices],
    )
    description = forms.CharField(
        label=_("what happened"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("When and where, what the engineer did, and who else saw it."),
    )
    evidence = forms.FileField(label=_("evidence"), required=False, help_text=EVIDENCE_HELP)


class InvestigatorForm(forms.Form):
    investigator = forms.ModelChoiceField(label=_("investigator"), queryset=User.objects.none())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["investigator"].queryset = _people_with(
            Role.REGISTRAR, Role.COMMITTEE, Role.EXAMINER, Role.ADMIN
        )
        self.fields["investigator"].empty_label = _("— choose —")


class NoteForm(forms.Form):
    text = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 3}))


class CloseComplaintForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("outcome"), choices=Complaint.Outcome.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("reasons"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The complainant reads them."),
    )
