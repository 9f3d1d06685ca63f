from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/<slug:role>/", views.role_dashboard, name="role_dashboard"),
    path("profile/", views.profile, name="profile"),
    path("profile/check/", views.profile_check, name="profile_check"),
    path("profile/employment/add/", views.employment_add, name="employment_add"),
    path("profile/employment/<int:pk>/end/", views.employment_end, name="employment_end"),
    path("profile/data/", views.my_data, name="my_data"),
    path("profile/data/export.json", views.my_data_export, name="my_data_export"),
    path("profile/tokens/", views.tokens, name="tokens"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("staff/people/", views.people, name="people"),
    path("staff/people/<uuid:public_id>/", views.person_roles, name="person_roles"),
    path("staff/audit/", views.audit_trail, name="audit"),
    path("staff/deletion-requests/", views.deletion_requests, name="deletion_requests"),
    path("staff/deletion-requests/<int:pk>/", views.deletion_decide, name="deletion_decide"),
    path("staff/outbox/", views.outbox, name="outbox"),
]
