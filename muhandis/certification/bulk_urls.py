"""Bulk import of certified engineers and exports of the register (staff only)."""

from django.urls import path

from . import bulk_views

urlpatterns: list = [
    path("registrar/import/", bulk_views.import_page, name="bulk_import"),
    path("registrar/import/confirm/", bulk_views.import_confirm, name="bulk_import_confirm"),
    path("registrar/import/template.xlsx", bulk_views.import_template, name="bulk_import_template"),
    path(
        "registrar/register/export.<slug:fmt>", bulk_views.register_export, name="register_export"
    ),
]
