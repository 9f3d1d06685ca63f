from django.urls import path

from . import views

app_name = "appeals"

urlpatterns = [
    path("", views.my_appeals, name="my_appeals"),
    path("lodge/<slug:kind>/<uuid:public_id>/", views.lodge, name="lodge"),
    path("<uuid:public_id>/", views.appeal_page, name="appeal"),
    path("<uuid:public_id>/evidence/", views.appeal_evidence, name="appeal_evidence"),
    path("registrar/", views.appeals_queue, name="appeals_queue"),
    path("registrar/<uuid:public_id>/", views.appeal_staff, name="appeal_staff"),
    path("panels/", views.panels, name="panels"),
    path("panels/<uuid:public_id>/", views.panel_appeal, name="panel_appeal"),
    path("complaints/new/<str:number>/", views.complain, name="complain"),
    path("complaints/", views.complaints_queue, name="complaints_queue"),
    path("complaints/<uuid:public_id>/", views.complaint_staff, name="complaint_staff"),
    path(
        "complaints/<uuid:public_id>/evidence/",
        views.complaint_evidence,
        name="complaint_evidence",
    ),
]
