from django import forms
from django.utils.translation import gettext_lazy as _

from muhandis.core.forms import DateInput, TranslatedBlankChoiceMixin

from ..models import CertificateLanguage, EducationEntry, Evidence, ExperienceEntry, Referee


class EducationForm(TranslatedBlankChoiceMixin, forms.ModelForm):
    class Meta:
        model = EducationEntry
        fields = ["level", "institution", "field", "year"]


class ExperienceForm(forms.ModelForm):
    class Meta:
        model = ExperienceEntry
        fields = ["employer", "position", "start_date", "end_date", "duties"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "duties": forms.Textarea(attrs={"rows": 2}),
        }


class RefereeForm(forms.ModelForm):
    class Meta:
        model = Referee
        fields = ["name", "email", "relation"]


class EvidenceForm(TranslatedBlankChoiceMixin, forms.Form):
    kind = forms.ChoiceField(label=_("what the document is"), choices=Evidence.Kind.choices)
    file = forms.FileField(label=_("file"), help_text=_("PDF, JPEG or PNG, at most 10 MB."))


class SubmitForm(forms.Form):
    certificate_language = forms.ChoiceField(
        label=_("language of the certificate"),
        choices=[("", _("The language I chose for this site")), *CertificateLanguage.choices],
        required=False,
        help_text=_("Uzbek with Russian prints both; English suits work abroad."),
    )
    accept_code_of_conduct = forms.BooleanField(
        label=_("I have read the scheme's code of conduct and will follow it."), required=False
    )
    accept_data_processing = forms.BooleanField(
        label=_(
            "I agree that the association processes the personal data in this application "
            "to decide on my certification."
        ),
        required=False,
    )
    answer = forms.CharField(
        label=_("your answer to the registrar"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RefereeAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("your answer"),
        choices=[
            ("confirm", _("I confirm the candidate's experience")),
            ("decline", _("I cannot confirm it")),
        ],
        widget=forms.RadioSelect,
    )
    years = forms.IntegerField(
        label=_("years of the candidate's work you can confirm"),
        required=False,
        min_value=1,
        max_value=60,
    )
    statement = forms.CharField(
        label=_("statement (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EligibilityDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[
            ("accept", _("Accept for assessment")),
            ("request_info", _("Ask for more information")),
            ("reject", _("Reject as not eligible")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("reason or request (the candidate reads it)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
