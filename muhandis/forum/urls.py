from django.urls import include, path

from .views import urlpatterns as pages

app_name = "forum"

# Each concern keeps its own list in views/; this module only joins them.
urlpatterns: list = [
    path("", include(pages)),
]
