"""Forms of billing's pages."""

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from muhandis.core.forms import DateInput, TranslatedBlankChoiceMixin

from .models import Currency, Invoice, PaymentProvider

MAX_STATEMENT_BYTES = 5 * 1024 * 1024


class InvoiceFilterForm(TranslatedBlankChoiceMixin, forms.Form):
    q = forms.CharField(
        label=_("Payer, tax number, email or invoice number"), required=False, max_length=100
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", ""), *Invoice.Status.choices]
    )
    currency = forms.ChoiceField(
        label=_("Currency"), required=False, choices=[("", ""), *Currency.choices]
    )
    open = forms.BooleanField(label=_("Unpaid only"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    issued_from = forms.DateField(label=_("Issued from"), required=False, widget=DateInput())
    issued_to = forms.DateField(label=_("Issued until"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("issued_from"), data.get("issued_to")
        if start and end and start > end:
            self.add_error("issued_to", _("The end of the period is before its start."))
        return data


class ManualPaymentForm(forms.Form):
    provider = forms.ChoiceField(
        label=_("Paid by"),
        choices=[
            (PaymentProvider.BANK.value, PaymentProvider.BANK.label),
            (PaymentProvider.CASH.value, PaymentProvider.CASH.label),
        ],
        initial=PaymentProvider.BANK.value,
        widget=forms.RadioSelect,
    )
    amount = forms.DecimalField(
        label=_("Amount"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    received_on = forms.DateField(label=_("Date received"), widget=DateInput())
    reference = forms.CharField(
        label=_("Bank document or receipt number"),
        max_length=100,
        help_text=_("Each reference is recorded once: the same number again adds nothing."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class StatementUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bank statement (CSV or XLSX)"),
        help_text=_(
            "The statement as your bank exports it: CSV (any of UTF-8, Windows-1251 or "
            "UTF-16; separated by ; or ,) or XLSX. At most 5 MB."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size is None or upload.size > MAX_STATEMENT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
