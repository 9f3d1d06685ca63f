"""Manage pages of the training domain."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
