"""Pages of the exams app: item analysis (included by urls.py under ``analysis/``, in the exams
namespace)."""

from django.urls import path

from muhandis.exams.analysis import views

urlpatterns = [
    path("", views.index, name="analysis_index"),
    path("sittings/<int:pk>/", views.sitting_page, name="analysis_sitting"),
    path(
        "sittings/<int:pk>/export.<str:fmt>",
        views.sitting_export,
        name="analysis_sitting_export",
    ),
    path("bank/", views.bank_page, name="analysis_bank"),
]
