from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import Area, Competency, Framework, ProficiencyLevel, ProficiencyScale, RoleProfile


class DraftOnlyMixin:
    """A published or retired framework is never changed: changes make a new version."""

    def _framework_of(self, obj):
        return obj if isinstance(obj, Framework) else getattr(obj, "framework", None)

    def has_change_permission(self, request, obj=None) -> bool:
        framework = self._framework_of(obj) if obj is not None else None
        if framework is not None and framework.status != Framework.Status.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.has_change_permission(request, obj) and super().has_delete_permission(
            request, obj
        )


class LevelInline(TranslationTabularInline):
    model = ProficiencyLevel
    extra = 0


@admin.register(ProficiencyScale)
class ScaleAdmin(TranslationAdmin):
    inlines = [LevelInline]


@admin.register(Framework)
class FrameworkAdmin(DraftOnlyMixin, TranslationAdmin):
    list_display = ["code", "version", "title", "status", "published_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "published_at"]


@admin.register(Area)
class AreaAdmin(DraftOnlyMixin, TranslationAdmin):
    list_display = ["code", "title", "framework"]
    list_filter = ["framework"]


@admin.register(Competency)
class CompetencyAdmin(DraftOnlyMixin, TranslationAdmin):
    list_display = ["code", "title", "area", "framework"]
    list_filter = ["framework", "area__code"]
    search_fields = ["code", "title"]


@admin.register(RoleProfile)
class RoleProfileAdmin(DraftOnlyMixin, TranslationAdmin):
    list_display = ["code", "title", "framework"]
