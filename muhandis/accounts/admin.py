from django import forms
from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from . import services
from .models import (
    ApiToken,
    DeletionRequest,
    Employment,
    Organisation,
    Region,
    RoleAssignment,
    TokenRule,
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

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
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


class TokenRuleForm(forms.ModelForm):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))

    class Meta:
        model = TokenRule
        fields = ["role", "allowed"]


@admin.register(TokenRule)
class TokenRuleAdmin(admin.ModelAdmin):
    """Administrators decide which personal access tokens each role may have; every change
    goes through `services.set_token_rule`, which audits it with its reason."""

    form = TokenRuleForm
    list_display = ["role", "allowed", "changed_at", "changed_by"]
    readonly_fields = ["changed_at", "changed_by"]

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        return [*self.readonly_fields, "role"] if obj else self.readonly_fields

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: TokenRule, form: forms.Form, change: bool
    ) -> None:
        saved = services.set_token_rule(
            role=obj.role,
            allowed=obj.allowed,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            request=request,
        )
        obj.pk = saved.pk
