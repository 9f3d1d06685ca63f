from django.urls import include, path

from . import views

app_name = "exams"

urlpatterns = [
    path("attempts/<uuid:public_id>/", views.attempt_page, name="attempt"),
    path("attempts/<uuid:public_id>/answers/<int:version_id>/", views.save, name="save"),
    path("attempts/<uuid:public_id>/hand-in/", views.hand_in, name="hand_in"),
    path("bank/", include("muhandis.exams.urls_bank")),
    path("standard-setting/", include("muhandis.exams.urls_angoff")),
    path("analysis/", include("muhandis.exams.urls_analysis")),
    path("staff/", include("muhandis.exams.urls_staff")),
]
