from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from .models import CpdActivity, Renewal, RenewalVote


@admin.register(CpdActivity)
class CpdActivityAdmin(admin.ModelAdmin):
    """For reference: activities are recorded and reviewed through the site, which audits."""

    list_display = ["title", "person", "start_date", "hours", "category", "status", "audit_year"]
    list_filter = ["status", "category", "audit_year"]
    search_fields = ["title", "provider", "person__email"]
    raw_id_fields = ["person", "reviewed_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class RenewalVoteInline(admin.TabularInline):
    model = RenewalVote
    extra = 0
    can_delete = False
    readonly_fields = ["member", "outcome", "reasons", "cast_at"]

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


@admin.register(Renewal)
class RenewalAdmin(admin.ModelAdmin):
    list_display = ["certificate", "holder", "status", "old_expiry_date", "new_expiry_date"]
    list_filter = ["status"]
    inlines = [RenewalVoteInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
