"""The item bank's staff pages (included by urls.py under ``bank/``, in the exams namespace)."""

from django.urls import path

from muhandis.exams.bank import views

urlpatterns = [
    path("", views.bank_list, name="bank_list"),
    path("new/", views.bank_new, name="bank_new"),
    path("items/<int:pk>/", views.bank_item, name="bank_item"),
    path("items/<int:pk>/edit/", views.bank_edit, name="bank_edit"),
    path("items/<int:pk>/retire/", views.bank_retire, name="bank_retire"),
    path("items/<int:pk>/images/", views.bank_image_add, name="bank_image_add"),
    path("items/<int:pk>/images/<int:number>/", views.bank_image, name="bank_image"),
    path("versions/<int:pk>/review/", views.bank_review, name="bank_review"),
    path("versions/<int:pk>/activate/", views.bank_activate, name="bank_activate"),
    path("import/", views.bank_import, name="bank_import"),
    path("import/confirm/", views.bank_import_confirm, name="bank_import_confirm"),
    path("import/template.xlsx", views.bank_import_template, name="bank_import_template"),
    path("export/", views.bank_export, name="bank_export"),
]
