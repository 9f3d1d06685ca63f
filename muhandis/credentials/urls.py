from django.urls import path

from .views import documents

app_name = "credentials"

urlpatterns = [
    path("certificates/<uuid:public_id>.pdf", documents.certificate_pdf, name="certificate_pdf"),
    path("certificates/<uuid:public_id>.json", documents.credential_json, name="credential_json"),
    path("certificates/<uuid:public_id>.jwt", documents.credential_jwt, name="credential_jwt"),
]

urlpatterns += [
    path(
        "schemes/<str:code>/certificates.zip",
        documents.scheme_documents_zip,
        name="scheme_documents_zip",
    ),
]
