"""Forms of mentoring. They only parse; the services decide."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import Region
from muhandis.competencies.models import Area, Framework
from muhandis.core.forms import DateInput, TranslatedBlankChoiceMixin

from .models import Application, Language, Mode, Programme, Side
from .services.programmes import FIELDS as PROGRAMME_FIELDS


class ProgrammeForm(TranslatedBlankChoiceMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = list(PROGRAMME_FIELDS)
        labels = {
            "title_uz": _("title in Uzbek"),
            "title_ru": _("title in Russian"),
            "title_en": _("title in English"),
            "description_uz": _("description in Uzbek"),
            "description_ru": _("description in Russian"),
            "description_en": _("description in English"),
            "is_active": _("active (shown to the public)"),
        }
        widgets = {
            "description_uz": forms.Textarea(attrs={"rows": 4}),
            "description_ru": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "opens_on": DateInput(),
            "closes_on": DateInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_uz"].required = True

    def _post_clean(self) -> None:
        # The service checks the programme as a whole and names the field at fault.
        pass

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class AreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return obj.title


def current_areas() -> QuerySet[Area]:
    return Area.objects.filter(framework__status=Framework.Status.PUBLISHED).order_by(
        "framework__code", "sort_order", "code"
    )


class ApplicationForm(TranslatedBlankChoiceMixin, forms.Form):
    """Applying as a mentor or a mentee: the wishes only for mentees, the capacity only for
    mentors."""

    goals = forms.CharField(
        label=_("your goals"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One goal a line: each becomes a goal of your pair, to mark met later."),
    )
    areas = AreaChoiceField(
        label=_("competence areas"),
        queryset=Area.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    hours_per_month = forms.IntegerField(
        label=_("hours a month you can give"), min_value=1, max_value=40, initial=4
    )
    mode = forms.ChoiceField(
        label=_("how you can meet"), choices=Mode.choices, widget=forms.RadioSelect
    )
    region = forms.ModelChoiceField(
        label=_("your region"), queryset=Region.objects.all(), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("languages you speak"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    max_mentees = forms.IntegerField(
        label=_("how many mentees you can take"), min_value=1, max_value=5, initial=1
    )
    wants_woman_mentor = forms.BooleanField(
        label=_("I would like a woman mentor"),
        required=False,
        help_text=_("Only women mentors are then suggested to you."),
    )
    wants_same_region = forms.BooleanField(
        label=_("I would like a mentor from my region"), required=False
    )
    wants_language = forms.ChoiceField(
        label=_("a language I would like to speak with my mentor"),
        choices=[("", ""), *Language.choices],
        required=False,
    )

    def __init__(self, *args: Any, side: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = current_areas()
        if side == Side.MENTOR:
            for name in ("wants_woman_mentor", "wants_same_region", "wants_language"):
                del self.fields[name]
            self.fields["goals"].label = _("what you would like to pass on")
            self.fields["goals"].help_text = _(
                "The projects, skills and advice you can share with a mentee."
            )
        else:
            del self.fields["max_mentees"]


class PairForm(forms.Form):
    mentor = forms.ModelChoiceField(label=_("mentor"), queryset=Application.objects.none())
    mentee = forms.ModelChoiceField(label=_("mentee"), queryset=Application.objects.none())

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        found = Application.objects.filter(programme=programme).select_related("person")
        self.fields["mentor"].queryset = found.filter(side=Side.MENTOR)
        self.fields["mentee"].queryset = found.filter(side=Side.MENTEE)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("why the pair ends"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("date of the meeting"), widget=DateInput())
    minutes = forms.IntegerField(
        label=_("length in minutes"), min_value=5, max_value=600, initial=60
    )
    mode = forms.ChoiceField(
        label=_("how you met"),
        choices=[(Mode.ONLINE, Mode.ONLINE.label), (Mode.IN_PERSON, Mode.IN_PERSON.label)],
        widget=forms.RadioSelect,
    )
    notes = forms.CharField(
        label=_("notes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the two of you can read the notes; the programme's staff cannot."),
    )


class GoalForm(forms.Form):
    text = forms.CharField(label=_("a new goal"), max_length=300)
