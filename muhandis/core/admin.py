from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from .models import AuditEntry, OutboxMessage


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["sequence", "occurred_at", "actor", "action", "target_type", "target_label"]
    list_filter = ["action"]
    search_fields = ["action", "target_id", "target_label", "reason"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "to", "subject"]


class FrozenUnlessDraftMixin:
    """Admin for versioned records: only a draft version (and its parts) can be changed.

    ``version_parent`` names the attribute that leads from a part to its versioned record.
    """

    version_parent = ""
    draft_status = "draft"

    def _versioned(self, obj: Model) -> Any:
        return obj if hasattr(obj, "version") else getattr(obj, self.version_parent, None)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        record = self._versioned(obj) if obj is not None else None
        if record is not None and record.status != self.draft_status:
            return False
        return super().has_change_permission(request, obj)  # type: ignore[misc]  # a ModelAdmin mixin

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        parent = super().has_delete_permission(request, obj)  # type: ignore[misc]  # a ModelAdmin mixin
        return self.has_change_permission(request, obj) and parent
