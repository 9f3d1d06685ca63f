"""The Django admin of the catalogue, for reference and repair. Sessions are scheduled on the
training manager's pages, where double booking is refused and every change is audited; here
they are read only."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from modeltranslation.admin import TranslationAdmin

from .models import (
    Course,
    CourseCompetency,
    CoursePrice,
    CourseSession,
    Room,
    SessionTrainer,
    Venue,
)


class PriceInline(admin.TabularInline):
    model = CoursePrice
    extra = 0


class CompetencyInline(admin.TabularInline):
    model = CourseCompetency
    extra = 0
    raw_id_fields = ["competency"]


@admin.register(Course)
class CourseAdmin(TranslationAdmin):
    list_display = ["code", "title", "format", "level", "cpd_hours", "is_published"]
    list_filter = ["is_published", "format", "level"]
    search_fields = ["code", "title", "search_text"]
    inlines = [PriceInline, CompetencyInline]
    readonly_fields = ["public_id"]

    def save_model(self, request: HttpRequest, obj: Course, form: Any, change: bool) -> None:
        obj.search_text = Course.search_text_for(
            obj.code, [getattr(obj, f"title_{lang}") or "" for lang in ("uz", "ru", "en")]
        )
        super().save_model(request, obj, form, change)


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


@admin.register(Venue)
class VenueAdmin(TranslationAdmin):
    list_display = ["name", "city", "region"]
    list_filter = ["region"]
    search_fields = ["name", "city", "address"]
    inlines = [RoomInline]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "venue", "capacity"]
    list_select_related = ["venue"]
    search_fields = ["name", "venue__name"]


class TrainerInline(admin.TabularInline):
    model = SessionTrainer
    extra = 0
    readonly_fields = ["trainer"]
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CourseSession)
class CourseSessionAdmin(admin.ModelAdmin):
    list_display = ["course", "starts_at", "ends_at", "room", "language", "max_seats", "status"]
    list_filter = ["status", "language"]
    list_select_related = ["course", "room__venue"]
    search_fields = ["course__code", "course__title"]
    date_hierarchy = "starts_at"
    inlines = [TrainerInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
