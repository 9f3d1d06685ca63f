from django.urls import include, path

from .views import public, staff

app_name = "events"

urlpatterns: list = [
    path("", include(staff.urlpatterns)),
    path("", include(public.urlpatterns)),
]
