"""Statements pages of billing."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
