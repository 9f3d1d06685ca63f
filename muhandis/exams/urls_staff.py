"""Exam staff pages: sittings, identity checks, incidents, marking, results (included by
urls.py under ``staff/``, in the exams namespace)."""

from django.urls import path

from . import views_staff as views

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
    path("attempts/<uuid:public_id>/", views.attempt_detail, name="staff_attempt"),
    path("blueprints/", views.blueprint_list, name="staff_blueprints"),
    path("blueprints/<int:scheme_pk>/", views.blueprint_edit, name="staff_blueprint"),
    path("marking/", views.marking_queue, name="staff_marking"),
    path("marking/<int:pk>/", views.mark_script, name="staff_mark"),
]
