from django.urls import path

from . import views

app_name = "credentials"

urlpatterns = [
    path("certificates/<uuid:public_id>.pdf", views.certificate_pdf, name="certificate_pdf"),
]

urlpatterns += [
    path(
        "schemes/<str:code>/certificates.zip",
        views.scheme_documents_zip,
        name="scheme_documents_zip",
    ),
]
