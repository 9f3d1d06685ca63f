"""The training manager's pages of course tests, and the learning gain (included by urls.py
under ``course-tests/``, in the exams namespace)."""

from django.urls import path

from muhandis.exams.sittings import course_test_views as views

urlpatterns = [
    path("", views.index, name="course_tests"),
    path("courses/<int:course_pk>/test/", views.blueprint, name="course_test_blueprint"),
    path(
        "courses/<int:course_pk>/learning-gain/",
        views.course_gain_page,
        name="learning_gain_course",
    ),
    path("sessions/<int:session_pk>/", views.session_page, name="course_test_session"),
    path(
        "sessions/<int:session_pk>/open/<str:purpose>/",
        views.open_test,
        name="course_test_open",
    ),
    path(
        "sessions/<int:session_pk>/learning-gain/",
        views.session_gain_page,
        name="learning_gain_session",
    ),
    path("sittings/<int:pk>/register/", views.register, name="course_test_register"),
]
