"""The item bank's staff pages (included by urls.py under ``bank/``, in the exams namespace)."""

from django.urls import path

from muhandis.exams.bank.views import items, transfer

urlpatterns = [
    path("", items.bank_list, name="bank_list"),
    path("new/", items.bank_new, name="bank_new"),
    path("items/<int:pk>/", items.bank_item, name="bank_item"),
    path("items/<int:pk>/edit/", items.bank_edit, name="bank_edit"),
    path("items/<int:pk>/retire/", items.bank_retire, name="bank_retire"),
    path("items/<int:pk>/images/", items.bank_image_add, name="bank_image_add"),
    path("items/<int:pk>/images/<int:number>/", items.bank_image, name="bank_image"),
    path("versions/<int:pk>/review/", items.bank_review, name="bank_review"),
    path("versions/<int:pk>/activate/", items.bank_activate, name="bank_activate"),
    path("import/", transfer.bank_import, name="bank_import"),
    path("import/confirm/", transfer.bank_import_confirm, name="bank_import_confirm"),
    path("import/template.xlsx", transfer.bank_import_template, name="bank_import_template"),
    path("export/", transfer.bank_export, name="bank_export"),
]
