from django.urls import path

from . import vc_views, views

app_name = "credentials"

urlpatterns = [
    path("certificates/<uuid:public_id>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("certificates/<uuid:public_id>.json", vc_views.credential_json, name="credential_json"),
    path("certificates/<uuid:public_id>.jwt", vc_views.credential_jwt, name="credential_jwt"),
]

urlpatterns += [
    path(
        "schemes/<str:code>/certificates.zip",
        views.scheme_documents_zip,
        name="scheme_documents_zip",
    ),
]
