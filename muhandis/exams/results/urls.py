"""The exam manager's page of one attempt and its marks (included by urls.py under
``staff/``, in the exams namespace)."""

from django.urls import path

from muhandis.exams.results import views

urlpatterns = [
    path("attempts/<uuid:public_id>/", views.attempt_detail, name="staff_attempt"),
]
