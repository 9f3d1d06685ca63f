from django.urls import include, path

from .views import board, matches, posting, staff

app_name = "opportunities"

# Each concern keeps its own list in views/; this module only joins them.
urlpatterns: list = [
    path("", include(staff.urlpatterns)),
    path("", include(matches.urlpatterns)),
    path("", include(posting.urlpatterns)),
    path("", include(board.urlpatterns)),
]
