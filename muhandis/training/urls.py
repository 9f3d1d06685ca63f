from django.urls import include, path

from .views import catalogue, completion, enrolment, evaluation, imports, manage

app_name = "training"

# Each concern keeps its own list; this module only joins them.
urlpatterns = [
    path("", include(catalogue.urlpatterns)),
    path("manage/", include(manage.urlpatterns)),
    path("", include(enrolment.urlpatterns)),
    path("", include(completion.urlpatterns)),
    path("evaluation/", include(evaluation.urlpatterns)),
    path("imports/", include(imports.urlpatterns)),
]
