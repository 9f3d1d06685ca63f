"""The examiner's marking pages (included by urls.py under ``staff/``, in the
exams namespace)."""

from django.urls import path

from muhandis.exams.marking import views

urlpatterns = [
    path("marking/", views.marking_queue, name="staff_marking"),
    path("marking/<int:pk>/", views.mark_script, name="staff_mark"),
]
