from django.urls import path

from .views import completions, documents, vcapi

app_name = "credentials"

urlpatterns = [
    # The VC API's status endpoint (POST /credentials/status); the lists themselves are served
    # at /credentials/status/<purpose>/<n>.
    path("status", vcapi.update_status, name="vc_status"),
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

urlpatterns += [
    path("completions/", completions.my_completions, name="my_completions"),
    path("completions/<uuid:public_id>.pdf", completions.completion_pdf, name="completion_pdf"),
    path("completions/<uuid:public_id>.json", completions.completion_json, name="completion_json"),
    path("completions/<uuid:public_id>.jwt", completions.completion_jwt, name="completion_jwt"),
    path("completions/<uuid:public_id>/", completions.completion_verify, name="completion_verify"),
]
