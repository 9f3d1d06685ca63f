from django.urls import path

from . import views

app_name = "certification"

urlpatterns = [
    path("schemes/", views.scheme_list, name="schemes"),
    path("schemes/<uuid:public_id>/", views.scheme_detail, name="scheme"),
    path("schemes/<uuid:public_id>/activate/", views.scheme_activate, name="scheme_activate"),
    path(
        "schemes/<uuid:public_id>/new-version/", views.scheme_new_version, name="scheme_new_version"
    ),
]
