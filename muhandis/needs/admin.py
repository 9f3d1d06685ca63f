"""The Django admin of needs surveys, read only: surveys are built, opened and closed on the
training manager's pages, where every change is audited; answers are never edited."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Invitation, Survey, TrainingPlan


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "status", "opens_on", "closes_on"]
    list_filter = ["status"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ["email", "survey", "distribution", "sent_at", "answered_at"]
    list_filter = ["survey", "distribution"]
    search_fields = ["email"]


@admin.register(TrainingPlan)
class TrainingPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "year", "survey"]
