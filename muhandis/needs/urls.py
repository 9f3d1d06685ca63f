from django.urls import include, path  # noqa: F401

app_name = "needs"

# Each concern keeps its own list in views/; this module only joins them.
urlpatterns: list = []
urlpatterns += [path("", include("muhandis.needs.views.surveys")), path("", include("muhandis.needs.views.respond"))]  # fmt: skip
