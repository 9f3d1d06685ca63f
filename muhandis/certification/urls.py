from django.urls import include, path

from . import views

app_name = "certification"

urlpatterns = [
    path("", include("muhandis.certification.bulk_urls")),
    path("schemes/", views.scheme_list, name="schemes"),
    path("schemes/<uuid:public_id>/", views.scheme_detail, name="scheme"),
    path("schemes/<uuid:public_id>/activate/", views.scheme_activate, name="scheme_activate"),
    path(
        "schemes/<uuid:public_id>/new-version/", views.scheme_new_version, name="scheme_new_version"
    ),
]

from . import application_views as applications  # noqa: E402

urlpatterns += [
    path("schemes/<uuid:public_id>/apply/", applications.apply, name="apply"),
    path("applications/", applications.my_applications, name="my_applications"),
    path("applications/<uuid:public_id>/", applications.application_page, name="application"),
    path(
        "applications/<uuid:public_id>/remove/<slug:kind>/<int:pk>/",
        applications.remove_entry,
        name="remove_entry",
    ),
    path("applications/<uuid:public_id>/withdraw/", applications.withdraw, name="withdraw"),
    path("evidence/<int:pk>/", applications.evidence_file, name="evidence"),
    path("referee/<str:token>/", applications.referee_answer, name="referee"),
    path("registrar/applications/", applications.registrar_queue, name="registrar_queue"),
    path(
        "registrar/applications/<uuid:public_id>/",
        applications.registrar_application,
        name="registrar_application",
    ),
]

from . import decision_views as decisions  # noqa: E402
from . import register_views  # noqa: E402

urlpatterns += [
    path("register/", register_views.register_page, name="register"),
    path("verify/", register_views.verify_form, name="verify_form"),
    path(
        "registrar/applications/<uuid:public_id>/assign/",
        decisions.assign_assessor,
        name="assign_assessor",
    ),
    path("assessments/", decisions.my_assessments, name="my_assessments"),
    path("assessments/<int:pk>/", decisions.assessment_page, name="assessment"),
    path("committee/", decisions.committee_queue, name="committee_queue"),
    path(
        "committee/<uuid:public_id>/", decisions.committee_application, name="committee_application"
    ),
    path("certificates/<uuid:public_id>/", decisions.certificate_page, name="certificate"),
]
