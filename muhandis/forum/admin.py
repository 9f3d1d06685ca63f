"""The Django admin of the forum's reference data: categories (names and descriptions in
uz, ru, en) and tags. Posts, flags and suspensions are handled on the moderators' pages, where
every change is audited."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Category, Tag


@admin.register(Category)
class CategoryAdmin(TranslationAdmin):
    list_display = ["name", "parent", "slug", "position"]
    list_filter = ["parent"]
    ordering = ["position", "slug"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
