"""Forms of the board: an opportunity, a withdrawal, the board's filters, a firm's preferences
and the tender import. They only parse; the services decide."""

from typing import Any

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import Organisation
from muhandis.competencies.models import Area
from muhandis.core.forms import DateInput, TranslatedBlankChoiceMixin
from muhandis.needs.models import Sector

from .models import Kind, Opportunity, ValueBand
from .selectors import board
from .services.opportunities import OpportunityIn

LANGUAGE_NAMES = dict(settings.LANGUAGES)


class AreaChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return f"{obj.code} — {obj.title}"


def _regions_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("regions"),
        queryset=board.region_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def _areas_field(label: Any, help_text: Any = "") -> AreaChoiceField:
    return AreaChoiceField(
        label=label,
        queryset=board.current_areas(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class OpportunityForm(TranslatedBlankChoiceMixin, forms.Form):
    """A firm's representative writes in one language; staff may give all three."""

    kind = forms.ChoiceField(label=_("kind"), choices=[("", ""), *Kind.choices])
    sectors = forms.MultipleChoiceField(
        label=_("sectors"), choices=Sector.choices, widget=forms.CheckboxSelectMultiple
    )
    value_band = forms.ChoiceField(label=_("value"), choices=ValueBand.choices, required=False)
    deadline = forms.DateField(
        label=_("deadline"),
        widget=DateInput(),
        help_text=_("The last day to apply; the opportunity closes itself after it."),
    )
    contact = forms.CharField(
        label=_("contact"),
        max_length=500,
        required=False,
        help_text=_("Whom to contact and how; shown to signed-in people only."),
    )
    link = forms.URLField(label=_("link"), max_length=500, required=False, assume_scheme="https")

    def __init__(
        self,
        *args: Any,
        staff: bool,
        firms: list[Organisation],
        instance: Opportunity | None = None,
        **kwargs: Any,
    ) -> None:
        self.staff, self.instance = staff, instance
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_of(instance, staff=staff)
        super().__init__(*args, **kwargs)
        self.fields["regions"] = _regions_field()
        self.fields["regions"].help_text = _("None: anywhere in the country.")
        self.fields["areas"] = _areas_field(_("competence areas required"))
        if instance is None and (firms or not staff):
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("posted by the firm"),
                queryset=Organisation.objects.filter(pk__in=[f.pk for f in firms]),
                required=not staff,
                help_text=_("Empty: posted by the association.") if staff else "",
            )
        texts = ["language", "title", "description"]
        if staff:
            texts = []
            for code, name in settings.LANGUAGES:
                self.fields[f"title_{code}"] = forms.CharField(
                    label=_("title (%s)") % name, max_length=200, required=False
                )
                self.fields[f"description_{code}"] = forms.CharField(
                    label=_("description (%s)") % name,
                    required=False,
                    max_length=5000,
                    widget=forms.Textarea(attrs={"rows": 4}),
                )
                texts += [f"title_{code}", f"description_{code}"]
        else:
            self.fields["language"] = forms.ChoiceField(
                label=_("language you write in"),
                choices=settings.LANGUAGES,
                initial=translation.get_language(),
            )
            self.fields["title"] = forms.CharField(label=_("title"), max_length=200)
            self.fields["description"] = forms.CharField(
                label=_("description"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
            )
        self.order_fields(
            ["organisation", "kind", *texts, "sectors", "regions", "areas", "value_band"]
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.staff and not any(data.get(f"title_{code}") for code in LANGUAGE_NAMES):
            self.add_error(None, _("Give the opportunity a title in at least one language."))
        return data

    def values(self) -> OpportunityIn:
        data = self.cleaned_data
        if self.staff:
            texts = {
                code: (data.get(f"title_{code}", ""), data.get(f"description_{code}", ""))
                for code in LANGUAGE_NAMES
            }
        else:
            texts = {data["language"]: (data["title"], data["description"])}
        return OpportunityIn(
            kind=data["kind"],
            texts=texts,
            deadline=data["deadline"],
            sectors=list(data["sectors"]),
            regions=list(data["regions"]),
            areas=list(data["areas"]),
            value_band=data.get("value_band") or "",
            contact=data.get("contact", ""),
            link=data.get("link", ""),
        )


def initial_of(opportunity: Opportunity, *, staff: bool) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "kind": opportunity.kind,
        "sectors": [row.sector for row in opportunity.sector_rows.all()],
        "regions": list(opportunity.regions.all()),
        "areas": list(opportunity.areas.all()),
        "value_band": opportunity.value_band,
        "deadline": opportunity.deadline,
        "contact": opportunity.contact,
        "link": opportunity.link,
    }
    for code in LANGUAGE_NAMES:
        title = getattr(opportunity, f"title_{code}", "") or ""
        description = getattr(opportunity, f"description_{code}", "") or ""
        initial[f"title_{code}"], initial[f"description_{code}"] = title, description
        if title and "language" not in initial:
            initial.update(language=code, title=title, description=description)
    return initial


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The poster reads it. Required when you withdraw another's opportunity."),
    )


VALUE_ANY = ""
VALUE_NOT_STATED = "none"


class BoardFilterForm(TranslatedBlankChoiceMixin, forms.Form):
    q = forms.CharField(label=_("search"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("kind"), choices=[("", ""), *Kind.choices], required=False)
    sector = forms.ChoiceField(
        label=_("sector"), choices=[("", ""), *Sector.choices], required=False
    )
    region = forms.ChoiceField(label=_("region"), choices=[("", "")], required=False)
    value_band = forms.ChoiceField(
        label=_("value"),
        choices=[
            (VALUE_ANY, ""),
            (VALUE_NOT_STATED, ValueBand.NOT_STATED.label),
            *[(value, label) for value, label in ValueBand.choices if value],
        ],
        required=False,
    )

    def __init__(self, *args: Any, regions: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        region_field: Any = self.fields["region"]
        region_field.choices = [
            ("", region_field.choices[0][1]),
            *((r.pk, r.name) for r in regions),
        ]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = dict(self.cleaned_data)
        band = data.pop("value_band", "")
        if band == VALUE_NOT_STATED:
            data["value_band"] = ""
        elif band:
            data["value_band"] = band
        return data


class PreferencesForm(forms.Form):
    sectors = forms.MultipleChoiceField(
        label=_("sectors"),
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["regions"] = _regions_field()
        self.fields["regions"].help_text = _("Opportunities open to every region match any.")
        self.fields["areas"] = _areas_field(_("competence areas"))


class TenderImportForm(forms.Form):
    file = forms.FileField(
        label=_("spreadsheet (XLSX or CSV)"),
        help_text=_("At most 5 MB; one row per tender under a header row."),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
