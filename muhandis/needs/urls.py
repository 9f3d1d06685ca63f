from django.urls import include, path

app_name = "needs"

# Each concern keeps its own list in views/; this module only joins them.
urlpatterns: list = []
urlpatterns += [path("", include("muhandis.needs.views.surveys"))]  # staff: building, sending
urlpatterns += [path("", include("muhandis.needs.views.respond"))]  # respondents
