"""Forms of the directory: the two searches, a firm's profile and an engineer's listing.
They only parse; the services decide."""

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import Region, SizeBand
from muhandis.competencies.models import Area
from muhandis.core.forms import TranslatedBlankChoiceMixin
from muhandis.needs.models import Sector

from .models import Language
from .selectors import search
from .selectors.search import EngineerFilters, FirmFilters, published_areas


class PlainSelect(forms.Select):
    """A select written in Python rather than through the widget templates: the public
    searches show several lists (regions, areas, languages) on every page, and the templates
    took longer than the search itself."""

    def render(
        self, name: str, value: Any, attrs: dict | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (str(key), mark_safe(" selected") if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        built = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, built, options)


class AreaMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return obj.title


def _region_field(label: Any) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, widget=PlainSelect)


def _set_cached_choices(form: forms.Form) -> None:
    """The regions and areas a search offers, read from the cache (they change rarely)."""
    form.fields["region"].choices = [("", _("Any region")), *search.region_choices()]
    form.fields["area"].choices = [("", _("Any area")), *search.area_choices()]


def _parsed(form: forms.Form) -> dict[str, Any]:
    """What parsed of a search form: a filter that does not parse is left out (and shown as
    an error), the others still apply."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


class FirmSearchForm(forms.Form):
    q = forms.CharField(
        label=_("firm's name"),
        required=False,
        max_length=100,
        help_text=_("In Latin or Cyrillic letters, or a part of the name."),
    )
    sector = forms.ChoiceField(label=_("sector"), required=False, widget=PlainSelect)
    region = _region_field(_("region"))
    size_band = forms.ChoiceField(label=_("size"), required=False, widget=PlainSelect)
    area = forms.TypedChoiceField(
        label=_("competence area"), required=False, coerce=int, empty_value=None, widget=PlainSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [("", _("Any sector")), *Sector.choices]
        self.fields["size_band"].choices = [("", _("Any size")), *SizeBand.choices]
        _set_cached_choices(self)

    def filters(self) -> FirmFilters:
        data = _parsed(self)
        return FirmFilters(
            q=data.get("q", ""),
            sector=data.get("sector", ""),
            region=data.get("region") or "",
            size_band=data.get("size_band", ""),
            area=data.get("area"),
        )


class EngineerSearchForm(forms.Form):
    q = forms.CharField(
        label=_("engineer's name"),
        required=False,
        max_length=100,
        help_text=_("In Latin or Cyrillic letters, or a part of the name."),
    )
    region = _region_field(_("region"))
    language = forms.ChoiceField(label=_("speaks"), required=False, widget=PlainSelect)
    area = forms.TypedChoiceField(
        label=_("competence area"), required=False, coerce=int, empty_value=None, widget=PlainSelect
    )
    mentoring = forms.BooleanField(label=_("open to mentoring"), required=False)
    certified = forms.BooleanField(label=_("certified engineers only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any language")), *Language.choices]
        _set_cached_choices(self)

    def filters(self) -> EngineerFilters:
        data = _parsed(self)
        return EngineerFilters(
            q=data.get("q", ""),
            region=data.get("region") or "",
            language=data.get("language", ""),
            area=data.get("area"),
            mentoring=bool(data.get("mentoring")),
            certified=bool(data.get("certified")),
        )


def _text(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )


class FirmProfileForm(forms.Form):
    """A firm's profile; texts in Uzbek, Russian and English (any may be left empty)."""

    description_uz = _text(_("about the firm (Uzbek)"))
    description_ru = _text(_("about the firm (Russian)"))
    description_en = _text(_("about the firm (English)"))
    services_uz = _text(_("services (Uzbek)"))
    services_ru = _text(_("services (Russian)"))
    services_en = _text(_("services (English)"))
    sectors = forms.MultipleChoiceField(
        label=_("sectors"),
        required=False,
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    regions_served = forms.ModelMultipleChoiceField(
        label=_("regions served"),
        required=False,
        queryset=Region.objects.order_by("country", "sort_order", "code"),
        widget=forms.CheckboxSelectMultiple,
    )
    areas = AreaMultipleChoiceField(
        label=_("competence areas"),
        required=False,
        queryset=Area.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    website = forms.URLField(label=_("website"), required=False, max_length=200)
    email = forms.EmailField(label=_("email for enquiries"), required=False)
    phone = forms.CharField(
        label=_("phone"),
        required=False,
        max_length=20,
        help_text=_("With the country code, e.g. +998 71 123 45 67."),
    )

    TEXTS = (
        "description_uz",
        "description_ru",
        "description_en",
        "services_uz",
        "services_ru",
        "services_en",
        "website",
        "email",
        "phone",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = published_areas()

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name, "") for name in self.TEXTS}


class ListingForm(TranslatedBlankChoiceMixin, forms.Form):
    """What an engineer shows in the directory."""

    bio = forms.CharField(
        label=_("about me"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few lines on your work and experience, in the language you choose."),
    )
    region = forms.ModelChoiceField(
        label=_("region"),
        required=False,
        queryset=Region.objects.order_by("country", "sort_order", "code"),
    )
    languages = forms.MultipleChoiceField(
        label=_("languages I speak"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one language you speak.")},
    )
    areas = AreaMultipleChoiceField(
        label=_("competence areas"),
        required=False,
        queryset=Area.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    open_to_mentoring = forms.BooleanField(
        label=_("I am open to mentoring younger engineers"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = published_areas()
