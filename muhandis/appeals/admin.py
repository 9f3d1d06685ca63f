from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from .models import Appeal, Complaint, ComplaintNote, PanelMember


class ReadOnlyAdmin(admin.ModelAdmin):
    """Appeals and complaints change only through their workflow, which audits every step."""

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class PanelInline(admin.TabularInline):
    model = PanelMember
    extra = 0
    fields = ["member", "vote", "reasons", "voted_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class NoteInline(PanelInline):
    model = ComplaintNote
    fields = ["author", "text", "created_at"]
    readonly_fields = fields


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ["appellant", "kind", "status", "created_at", "respond_by"]
    list_filter = ["status", "kind"]
    inlines = [PanelInline]


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ["reference", "certificate", "status", "outcome", "resolve_by"]
    list_filter = ["status", "outcome"]
    search_fields = ["reference"]
    inlines = [NoteInline]
