from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from muhandis.core.admin import FrozenUnlessDraftMixin

from .models import Area, Competency, Framework, ProficiencyLevel, ProficiencyScale, RoleProfile


class DraftOnlyMixin(FrozenUnlessDraftMixin):
    """A published or retired framework is never changed: changes make a new version."""

    version_parent = "framework"


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
    list_display = ["code", "title", "area", "parent", "framework"]
    list_filter = ["framework", "area__code"]
    list_select_related = ["area", "parent", "framework"]
    search_fields = ["code", "title"]
    raw_id_fields = ["parent", "related"]


@admin.register(RoleProfile)
class RoleProfileAdmin(DraftOnlyMixin, TranslationAdmin):
    list_display = ["code", "title", "framework"]
