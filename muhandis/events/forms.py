"""Forms of events: they only parse; the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import Region
from muhandis.competencies.models import CpdCategory
from muhandis.core.forms import TranslatedBlankChoiceMixin

from .models import EventKind
from .services.events import FIELDS

DATETIME = {"attrs": {"type": "datetime-local"}, "format": "%Y-%m-%dT%H:%M"}
LANGUAGE_NAMES = {"uz": _("Uzbek"), "ru": _("Russian"), "en": _("English")}


def _datetime(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(**DATETIME),  # type: ignore[arg-type]
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )


def _money(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        initial=0,
        help_text=_("0 when it is free."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class EventForm(TranslatedBlankChoiceMixin, forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=EventKind.choices)
    title_uz = forms.CharField(label=_("title (Uzbek)"), max_length=200)
    title_ru = forms.CharField(label=_("title (Russian)"), max_length=200, required=False)
    title_en = forms.CharField(label=_("title (English)"), max_length=200, required=False)
    description_uz = forms.CharField(label=_("description (Uzbek)"), widget=forms.Textarea)
    description_ru = forms.CharField(
        label=_("description (Russian)"), widget=forms.Textarea, required=False
    )
    description_en = forms.CharField(
        label=_("description (English)"), widget=forms.Textarea, required=False
    )
    place_uz = forms.CharField(
        label=_("place (Uzbek)"),
        max_length=200,
        required=False,
        help_text=_("Not needed for a webinar."),
    )
    place_ru = forms.CharField(label=_("place (Russian)"), max_length=200, required=False)
    place_en = forms.CharField(label=_("place (English)"), max_length=200, required=False)
    address = forms.CharField(label=_("address"), max_length=300, required=False)
    region = forms.ModelChoiceField(
        label=_("region"), queryset=Region.objects.all(), required=False
    )
    online_url = forms.URLField(
        label=_("online link"),
        required=False,
        help_text=_("Shown only to the people registered."),
    )
    starts_at = _datetime(_("starts"))
    ends_at = _datetime(_("ends"))
    registration_deadline = _datetime(_("registration closes"))
    capacity = forms.IntegerField(label=_("capacity"), min_value=1, max_value=100000)
    member_price = _money(_("member price, UZS"))
    non_member_price = _money(_("non-member price, UZS"))
    cpd_hours = forms.DecimalField(
        label=_("CPD hours"),
        required=False,
        min_value=0,
        max_digits=5,
        decimal_places=1,
        help_text=_("Leave empty when the event carries no CPD hours."),
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    cpd_category = forms.ChoiceField(
        label=_("CPD category"), choices=[("", ""), *CpdCategory.choices], required=False
    )

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) for name in FIELDS}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class FilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("kind"), choices=[("", _("All kinds")), *EventKind.choices], required=False
    )
    region = forms.ModelChoiceField(
        label=_("region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("All regions"),
    )
