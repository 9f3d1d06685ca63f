from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.centre, name="centre"),
    path("badge/", views.badge, name="badge"),
    path("read/", views.read, name="read"),
    path("settings/", views.settings_page, name="settings"),
]
