"""The exam manager's blueprint pages (included by urls.py under ``staff/``, in the
exams namespace)."""

from django.urls import path

from muhandis.exams.blueprints import views

urlpatterns = [
    path("blueprints/", views.blueprint_list, name="staff_blueprints"),
    path("blueprints/<int:scheme_pk>/", views.blueprint_edit, name="staff_blueprint"),
]
