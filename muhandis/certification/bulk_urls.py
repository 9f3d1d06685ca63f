"""Bulk import of certified engineers and exports of the register (staff only)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
