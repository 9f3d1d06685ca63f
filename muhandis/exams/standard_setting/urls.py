"""Standard-setting pages (included by urls.py under ``standard-setting/``, in the exams
namespace)."""

from django.urls import path

from muhandis.exams.standard_setting import views

urlpatterns = [
    path("", views.study_list, name="angoff_studies"),
    path("blueprints/<int:blueprint_pk>/new/", views.study_new, name="angoff_study_new"),
    path("<int:pk>/", views.study_detail, name="angoff_study"),
    path("<int:pk>/round-two/", views.round_two, name="angoff_round_two"),
    path("<int:pk>/decide/", views.decide, name="angoff_decide"),
    path("<int:pk>/rate/", views.rate, name="angoff_rate"),
]
