from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muhandis.competencies import selectors as competency_selectors
from muhandis.competencies.models import Competency, Framework
from muhandis.core.forms import DateInput, TranslatedBlankChoiceMixin

from .models import MAX_ACTIVITY_HOURS, CpdActivity, RenewalVote


class ActivityForm(TranslatedBlankChoiceMixin, forms.ModelForm):
    competencies = forms.ModelMultipleChoiceField(
        label=_("competencies it developed"),
        queryset=Competency.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    evidence_file = forms.FileField(
        label=_("evidence"),
        required=False,
        help_text=_("A certificate of attendance or similar: PDF, JPEG or PNG, at most 10 MB."),
    )
    hours = forms.DecimalField(
        label=_("hours"),
        min_value=Decimal("0.5"),
        max_value=MAX_ACTIVITY_HOURS,
        decimal_places=1,
        localize=True,
        help_text=_("Hours of learning, without breaks; half hours allowed."),
    )

    class Meta:
        model = CpdActivity
        fields = ["title", "provider", "start_date", "end_date", "hours", "category"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        competencies = Competency.objects.filter(
            framework__status=Framework.Status.PUBLISHED
        ).select_related("area")
        self.fields["competencies"].queryset = competencies
        # Nested competencies in tree order, each naming the one it sits under.
        self.fields["competencies"].choices = competency_selectors.tree_choices(competencies)
        if self.instance.pk:
            self.initial["competencies"] = list(self.instance.competencies.all())


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[("verify", _("Verify")), ("reject", _("Do not accept"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("note (the engineer reads it; required when not accepted)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AuditSampleForm(forms.Form):
    year = forms.IntegerField(label=_("year of the activities"), min_value=2000, max_value=2100)
    percent = forms.IntegerField(
        label=_("share of the activities to audit (%)"), min_value=1, max_value=100, initial=10
    )


class RenewalVoteForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("vote"), choices=RenewalVote.Outcome.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 3}))
