from django.urls import include, path  # noqa: F401

app_name = "membership"

# Each concern keeps its own list in views/; this module only joins them.
urlpatterns: list = []
