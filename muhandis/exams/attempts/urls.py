"""The candidate's exam pages (included by urls.py at the app's root, in the exams namespace)."""

from django.urls import path

from muhandis.exams.attempts import views

urlpatterns = [
    path("", views.my_exams, name="my_exams"),
    path("registrations/<int:pk>/start/", views.start, name="start"),
    path("attempts/<uuid:public_id>/", views.attempt_page, name="attempt"),
    path("attempts/<uuid:public_id>/answers/<int:version_id>/", views.save, name="save"),
    path("attempts/<uuid:public_id>/hand-in/", views.hand_in, name="hand_in"),
    path(
        "attempts/<uuid:public_id>/images/<int:version_id>/<int:number>/",
        views.attempt_image,
        name="attempt_image",
    ),
    path("registrations/<int:pk>/language/", views.choose_language, name="choose_language"),
]
