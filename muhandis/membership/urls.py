from django.urls import include, path

from .views import pages

app_name = "membership"

# Each concern keeps its own list in views/; this module only joins them.
urlpatterns: list = [
    path("", include(pages.urlpatterns)),
]
