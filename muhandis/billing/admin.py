"""The admin: staff enter the association's invoicing details; invoices and payments are
shown for reference only (they change through the site's services, which audit)."""

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.forms import ModelForm
from django.http import HttpRequest

from muhandis.core import audit

from .models import CreditNote, Invoice, InvoiceLine, Issuer, Payment

ISSUER_FIELDS = [
    "currency",
    "name",
    "tax_number",
    "address",
    "bank_name",
    "bank_account",
    "bank_code",
    "vat_rate",
    "prices_include_vat",
    "number_prefix",
    "credit_prefix",
    "payment_days",
]


@admin.register(Issuer)
class IssuerAdmin(admin.ModelAdmin):
    list_display = ["name", "currency", "tax_number", "vat_rate", "prices_include_vat"]
    fields = ISSUER_FIELDS

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False  # invoices point at it

    def save_model(self, request: HttpRequest, obj: Issuer, form: ModelForm, change: bool) -> None:
        before: dict[str, Any] | None = None
        if change and obj.pk:
            old = Issuer.objects.get(pk=obj.pk)
            before = {name: getattr(old, name) for name in ISSUER_FIELDS}
        super().save_model(request, obj, form, change)
        audit.record(
            "billing.issuer.changed",
            actor=request.user,
            target=obj,
            before=before,
            after={name: getattr(obj, name) for name in ISSUER_FIELDS},
            request=request,
        )


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class LineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    can_delete = False
    fields = [
        "position",
        "description",
        "quantity",
        "unit_price",
        "vat_rate",
        "ikpu_code",
        "package_code",
        "net_amount",
        "vat_amount",
        "gross_amount",
    ]
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnly):
    list_display = ["number", "payer_name", "currency", "gross_total", "paid_total", "status"]
    list_filter = ["status", "currency"]
    search_fields = ["number", "payer_name", "payer_tax_number", "payer_email"]
    date_hierarchy = "issued_on"
    inlines = [LineInline]


@admin.register(Payment)
class PaymentAdmin(ReadOnly):
    list_display = [
        "external_id",
        "provider",
        "invoice",
        "amount",
        "currency",
        "state",
        "needs_refund",
        "received_at",
    ]
    list_filter = ["provider", "state", "needs_refund"]
    search_fields = ["external_id", "invoice__number"]


@admin.register(CreditNote)
class CreditNoteAdmin(ReadOnly):
    list_display = ["number", "invoice", "amount", "issued_on"]
    search_fields = ["number", "invoice__number"]
