from django.urls import path

from . import views

app_name = "credentials"

urlpatterns = [
    path("certificates/<uuid:public_id>.pdf", views.certificate_pdf, name="certificate_pdf"),
]
