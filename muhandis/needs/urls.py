from django.urls import include, path

app_name = "needs"

# Each concern keeps its own list in views/; this module only joins them.
urlpatterns: list = [
    path("", include("muhandis.needs.views.surveys")),  # staff: building, sending
    path("", include("muhandis.needs.views.respond")),  # respondents
    path("", include("muhandis.needs.views.xlsform")),
    path("", include("muhandis.needs.views.plans")),
    path("", include("muhandis.needs.views.report")),
]
