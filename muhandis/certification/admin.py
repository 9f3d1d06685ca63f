from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from muhandis.core.admin import FrozenUnlessDraftMixin

from .models import AssessmentMethod, CpdRequirement, PublicField, Scheme, SchemeCompetency


class DraftOnly(FrozenUnlessDraftMixin):
    """An open or retired scheme is never changed: certificates name the version."""

    version_parent = "scheme"

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        if obj is not None and obj.status != Scheme.Status.DRAFT:
            return False
        return super().has_add_permission(request, *([obj] if obj is not None else []))


class CompetencyInline(DraftOnly, admin.TabularInline):
    model = SchemeCompetency
    extra = 0
    autocomplete_fields = ["competency"]


class MethodInline(DraftOnly, TranslationTabularInline):
    model = AssessmentMethod
    extra = 0


class CpdInline(DraftOnly, admin.TabularInline):
    model = CpdRequirement
    extra = 0


@admin.register(Scheme)
class SchemeAdmin(DraftOnly, TranslationAdmin):
    list_display = ["code", "version", "title", "level", "status", "activated_at"]
    list_filter = ["status", "code"]
    readonly_fields = ["status", "activated_at"]
    inlines = [CompetencyInline, MethodInline, CpdInline]

    def has_add_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return admin.ModelAdmin.has_add_permission(self, request)

    def formfield_for_dbfield(
        self, db_field: models.Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name == "public_fields":
            # One checkbox per optional register field instead of raw JSON.
            return forms.MultipleChoiceField(
                label=db_field.verbose_name,
                help_text=db_field.help_text,
                choices=PublicField.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)
