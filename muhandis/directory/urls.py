from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.firms, name="firms"),
    path("engineers/", views.engineers, name="engineers"),
    path("firms/<uuid:public_id>/", views.firm, name="firm"),
    path("firms/<uuid:public_id>/edit/", views.firm_edit, name="firm_edit"),
    path("my-listing/", views.my_listing, name="my_listing"),
]
