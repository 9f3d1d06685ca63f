from django.urls import include, path

from . import views

app_name = "exams"

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
    path("bank/", include("muhandis.exams.urls_bank")),
    path("standard-setting/", include("muhandis.exams.urls_angoff")),
    path("analysis/", include("muhandis.exams.urls_analysis")),
    path("staff/", include("muhandis.exams.urls_staff")),
]
