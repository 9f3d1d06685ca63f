from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
    ApiToken,
    DeletionRequest,
    Employment,
    Organisation,
    Region,
    RoleAssignment,
    User,
)


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ["code", "name", "country"]
    list_filter = ["country"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "tax_number", "region", "size_band"]
    list_filter = ["kind", "country", "size_band"]
    search_fields = ["name", "tax_number"]


@admin.register(Employment)
class EmploymentAdmin(admin.ModelAdmin):
    list_display = ["person", "organisation", "relation", "start_date", "end_date"]
    list_filter = ["relation"]
    raw_id_fields = ["person", "organisation"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Changes go through the application's pages, which audit them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["email", "given_name", "family_name", "region", "is_active", "date_joined"]
    search_fields = ["email", "given_name", "family_name"]
    exclude = ["password"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["user", "role", "granted_at", "revoked_at"]
    list_filter = ["role"]


@admin.register(DeletionRequest)
class DeletionRequestAdmin(ReadOnlyAdmin):
    list_display = ["person", "status", "created_at", "decided_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ["user", "name", "scope", "created_at", "revoked_at"]
    exclude = ["key_hash"]
