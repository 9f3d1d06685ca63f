"""Exam staff pages of sittings: candidates, identity checks, incidents, the release of
results (included by urls.py under ``staff/``, in the exams namespace)."""

from django.urls import path

from muhandis.exams.sittings import views

urlpatterns = [
    path("sittings/", views.sitting_list, name="staff_sittings"),
    path("sittings/new/", views.sitting_new, name="staff_sitting_new"),
    path("sittings/<int:pk>/", views.sitting_detail, name="staff_sitting"),
    path(
        "sittings/<int:pk>/register-accepted/",
        views.register_accepted,
        name="staff_register_accepted",
    ),
    path("sittings/<int:pk>/incidents/", views.incident, name="staff_incident"),
    path("sittings/<int:pk>/release/", views.release, name="staff_release"),
    path("registrations/<int:pk>/", views.registration_change, name="staff_registration"),
    path("registrations/<int:pk>/identity/", views.check_identity, name="staff_check_identity"),
]
