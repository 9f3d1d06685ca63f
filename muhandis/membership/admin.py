"""The Django admin of memberships, read only: types, approvals and payments are handled on the
registrar's pages, where every change is audited."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Membership, MembershipType


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(MembershipType)
class MembershipTypeAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "grade", "size_band", "period", "is_active"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "type", "status", "start_date", "end_date"]
    list_filter = ["status", "type"]
