"""Forms of membership: joining, staff decisions, membership types and the register's
filters. They only parse; the services decide."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import Organisation, Region, SizeBand
from muhandis.billing.models import Currency
from muhandis.core.forms import BLANK_CHOICE, DateInput, TranslatedBlankChoiceMixin

from .models import MemberKind, MembershipType, Status
from .services.types import FIELDS as TYPE_FIELDS


class TypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: MembershipType) -> str:
        fees = ", ".join(f"{fee.amount:,.0f} {fee.currency}" for fee in obj.fees.all())
        return f"{obj.name} — {fees}" if fees else obj.name


class JoinForm(TranslatedBlankChoiceMixin, forms.Form):
    """A person applies for themselves, or a representative for one of their firms."""

    type = TypeChoiceField(
        label=_("membership type"), queryset=MembershipType.objects.none(), widget=forms.RadioSelect
    )
    currency = forms.ChoiceField(label=_("currency"), choices=Currency.choices)
    note = forms.CharField(
        label=_("why you apply"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: Any,
        types: QuerySet[MembershipType],
        firms: list[Organisation] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = types
        if firms is not None:
            self.fields["organisation"] = forms.ModelChoiceField(
                label=_("the firm that joins"),
                queryset=Organisation.objects.filter(pk__in=[f.pk for f in firms]),
                help_text=_("A firm you represent; its type must be for the firm's size."),
            )
            self.order_fields(["organisation", "type", "currency", "note"])


class ApproveForm(forms.Form):
    start = forms.DateField(
        label=_("first period from"),
        required=False,
        widget=DateInput(),
        help_text=_("Today when left empty."),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


def _fee_field(currency: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=_("fee per period, %(currency)s") % {"currency": currency},
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        help_text=_("Leave empty when the type is not offered in this currency."),
    )


class MembershipTypeForm(TranslatedBlankChoiceMixin, forms.ModelForm):
    fee_uzs = _fee_field("UZS")
    fee_kzt = _fee_field("KZT")

    class Meta:
        model = MembershipType
        fields = list(TYPE_FIELDS)
        labels = {
            "name_uz": _("name in Uzbek"),
            "name_ru": _("name in Russian"),
            "name_en": _("name in English"),
            "description_uz": _("description in Uzbek"),
            "description_ru": _("description in Russian"),
            "description_en": _("description in English"),
        }
        widgets = {
            "description_uz": forms.Textarea(attrs={"rows": 3}),
            "description_ru": forms.Textarea(attrs={"rows": 3}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_uz"].required = True
        if self.instance.pk:
            fees = {fee.currency: fee.amount for fee in self.instance.fees.all()}
            self.initial.setdefault("fee_uzs", fees.get("UZS"))
            self.initial.setdefault("fee_kzt", fees.get("KZT"))

    def _post_clean(self) -> None:
        # The service checks the type as a whole and names the field at fault.
        pass

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def fees(self) -> dict[str, Decimal | None]:
        return {"UZS": self.cleaned_data.get("fee_uzs"), "KZT": self.cleaned_data.get("fee_kzt")}


class RegisterFilterForm(TranslatedBlankChoiceMixin, forms.Form):
    q = forms.CharField(label=_("member's name"), required=False, max_length=100)
    type = forms.TypedChoiceField(label=_("type"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=_("status"), required=False, choices=[("", ""), *Status.choices]
    )
    kind = forms.ChoiceField(
        label=_("members"), required=False, choices=[("", ""), *MemberKind.choices]
    )
    region = forms.TypedChoiceField(label=_("region"), required=False, coerce=int, empty_value=None)
    size_band = forms.ChoiceField(
        label=_("firm size"), required=False, choices=[("", ""), *SizeBand.choices]
    )

    def __init__(
        self, *args: Any, types: list[MembershipType], regions: list[Region], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", ""), *((t.pk, t.name) for t in types)]
        self.fields["region"].choices = [("", ""), *((r.pk, r.name) for r in regions)]
        # The blank choice in the reader's language, now that the choices are known.
        for name in ("type", "region"):
            field = self.fields[name]
            field.choices = [
                ("", BLANK_CHOICE) if v == "" else (v, label) for v, label in field.choices
            ]

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}
