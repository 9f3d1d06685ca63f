import json
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from muhandis.core.forms import DateInput, TranslatedBlankChoiceMixin
from muhandis.core.phones import format_phone

from .models import (
    DeletionRequest,
    Employment,
    Organisation,
    Region,
    TokenScope,
    User,
)
from .roles import Role
from .services import PROFILE_FIELDS
from .validators import normalize_phone, pinfl_birth_date


class ProfileForm(TranslatedBlankChoiceMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = list(PROFILE_FIELDS)
        widgets = {"date_of_birth": DateInput(), "gender": forms.RadioSelect}
        help_texts = {
            "gender": _(
                "Used only for anonymous statistics (for example, how many women engineers "
                "are certified). It is never shown to anyone and never affects a decision."
            ),
            "pinfl": _("14 digits, on your passport or ID card. Optional."),
            "phone": _("+998 90 123 45 67 or +7 701 123 45 67"),
        }

    # Checked on the server as the person types, before the form is sent.
    LIVE_CHECKED = ("pinfl", "phone", "date_of_birth")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        gender = self.fields["gender"]
        # The model field's choices, without the blank one (stubs type form fields as Field).
        gender.choices = [c for c in gender.choices if c[0]]  # type: ignore[attr-defined]
        for name in self.LIVE_CHECKED:
            self.fields[name].widget.attrs.update(
                {
                    "hx-post": reverse_lazy("accounts:profile_check"),
                    "hx-trigger": "change, keyup changed delay:700ms",
                    "hx-target": f"#id_{name}_feedback",
                    "hx-include": "closest form",
                    "hx-vals": json.dumps({"_field": name}),
                }
            )
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = Region.objects.all()
        if self.instance.phone and not self.is_bound:
            self.initial["phone"] = format_phone(self.instance.phone)

    def clean_pinfl(self) -> str:
        return "".join((self.cleaned_data.get("pinfl") or "").split())

    def clean_phone(self) -> str:
        phone = self.cleaned_data.get("phone") or ""
        return normalize_phone(phone) if phone.strip() else ""

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        pinfl, born = data.get("pinfl"), data.get("date_of_birth")
        encoded = pinfl_birth_date(pinfl) if pinfl else None
        if encoded and born and encoded != born:
            self.add_error(
                "pinfl",
                ValidationError(
                    _(
                        "This PINFL encodes the birth date %(encoded)s, but your date of birth "
                        "is %(born)s. Correct one of them."
                    ),
                    params={
                        "encoded": encoded.strftime("%d.%m.%Y"),
                        "born": born.strftime("%d.%m.%Y"),
                    },
                ),
            )
        return data


class OrganisationForm(TranslatedBlankChoiceMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "country", "tax_number", "region", "size_band"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["region"]).queryset = Region.objects.all()


class EmploymentForm(TranslatedBlankChoiceMixin, forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("organisation"), queryset=Organisation.objects.select_related("region")
    )

    class Meta:
        model = Employment
        fields = ["organisation", "position", "start_date"]
        widgets = {"start_date": DateInput()}


class RoleChangeForm(TranslatedBlankChoiceMixin, forms.Form):
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)
    action = forms.ChoiceField(
        label=_("action"), choices=[("grant", _("Grant")), ("revoke", _("Take away"))]
    )
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))


class AccountStatusForm(forms.Form):
    active = forms.BooleanField(label=_("account active"), required=False)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DeletionRequestForm(forms.ModelForm):
    class Meta:
        model = DeletionRequest
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}
        labels = {"reason": _("Why do you want your data deleted? (optional)")}


class DeletionDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[("confirm", _("Confirm and anonymise")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class TokenForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=100)
    scope = forms.ChoiceField(
        label=_("scope"), choices=TokenScope.choices, widget=forms.RadioSelect
    )


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label=_("name or email"), required=False)
    role = forms.ChoiceField(
        label=_("role"), required=False, choices=[("", _("all roles")), *Role.choices]
    )


class AuditFilterForm(forms.Form):
    person = forms.CharField(label=_("person (name or email)"), required=False)
    action = forms.CharField(
        label=_("action"), required=False, help_text=_("For example accounts.role")
    )
    target_type = forms.CharField(label=_("object type"), required=False)
    target_id = forms.CharField(label=_("object id"), required=False)
    date_from = forms.DateField(label=_("from"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("until"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
