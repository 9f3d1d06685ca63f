from django.urls import path

from . import views

app_name = "cpd"

urlpatterns = [
    path("", views.ledger, name="ledger"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views.activity_delete, name="activity_delete"),
    path("activities/<int:pk>/evidence/", views.evidence_file, name="evidence"),
    path("registrar/", views.verification_queue, name="verification_queue"),
    path("registrar/sample/", views.draw_sample, name="draw_sample"),
    path("registrar/<int:pk>/", views.review, name="review"),
    path("renewal/<uuid:public_id>/", views.renewal_apply, name="renewal_apply"),
    path("committee/", views.committee_renewals, name="committee_renewals"),
    path("committee/<uuid:public_id>/", views.committee_renewal, name="committee_renewal"),
]
