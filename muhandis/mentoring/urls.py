from django.urls import include, path

from .views import mine, public, staff

app_name = "mentoring"

# Each concern keeps its own list in views/; this module only joins them.
urlpatterns: list = [
    path("", include(public.urlpatterns)),
    path("", include(mine.urlpatterns)),
    path("", include(staff.urlpatterns)),
]
