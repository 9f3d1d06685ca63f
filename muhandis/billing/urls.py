from django.urls import include, path

from .views import invoices, statements

app_name = "billing"

urlpatterns = [
    path("", include(invoices.urlpatterns)),
    path("statements/", include(statements.urlpatterns)),
]
