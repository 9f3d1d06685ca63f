"""Payme and Click transactions in the admin, to read only: they are written by the
providers' calls alone."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ..models import ClickTransaction, PaymeTransaction


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PaymeTransaction)
class PaymeTransactionAdmin(ReadOnlyAdmin):
    list_display = ("payme_id", "invoice", "amount", "state", "reason", "created_at")
    list_filter = ("state", "reason")
    search_fields = ("payme_id", "invoice__number")
    list_select_related = ("invoice",)
    date_hierarchy = "created_at"


@admin.register(ClickTransaction)
class ClickTransactionAdmin(ReadOnlyAdmin):
    list_display = (
        "click_trans_id",
        "invoice",
        "amount",
        "state",
        "error",
        "fiscal_state",
        "created_at",
    )
    list_filter = ("state", "fiscal_state")
    search_fields = ("=click_trans_id", "invoice__number")
    list_select_related = ("invoice",)
    date_hierarchy = "created_at"
