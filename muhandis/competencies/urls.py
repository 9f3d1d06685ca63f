from django.urls import path

from . import views

app_name = "competencies"

urlpatterns = [
    path("", views.framework_list, name="list"),
    path("import/", views.framework_import, name="import"),
    path("<uuid:public_id>/", views.framework_detail, name="detail"),
    path("<uuid:public_id>/export.csv", views.framework_export, name="export"),
    path("<uuid:public_id>/publish/", views.framework_publish, name="publish"),
]
