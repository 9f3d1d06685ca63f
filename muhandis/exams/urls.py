"""The exams app's pages, by concern, all in the exams namespace."""

from django.urls import include, path

app_name = "exams"

urlpatterns = [
    path("", include("muhandis.exams.attempts.urls")),
    path("bank/", include("muhandis.exams.bank.urls")),
    path("standard-setting/", include("muhandis.exams.standard_setting.urls")),
    path("analysis/", include("muhandis.exams.analysis.urls")),
    path("staff/", include("muhandis.exams.sittings.urls")),
    path("staff/", include("muhandis.exams.blueprints.urls")),
    path("staff/", include("muhandis.exams.marking.urls")),
    path("staff/", include("muhandis.exams.results.urls")),
    path("course-tests/", include("muhandis.exams.sittings.course_test_urls")),
]
