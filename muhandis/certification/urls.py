from django.urls import path

from .views import applications, bulk, certificates, decisions, register, schemes, verification

app_name = "certification"

# Bulk import of certified engineers and exports of the register (staff only).
urlpatterns = [
    path("registrar/import/", bulk.import_page, name="bulk_import"),
    path("registrar/import/confirm/", bulk.import_confirm, name="bulk_import_confirm"),
    path("registrar/import/template.xlsx", bulk.import_template, name="bulk_import_template"),
    path("registrar/register/export.<slug:fmt>", bulk.register_export, name="register_export"),
]

urlpatterns += [
    path("schemes/", schemes.scheme_list, name="schemes"),
    path("schemes/<uuid:public_id>/", schemes.scheme_detail, name="scheme"),
    path("schemes/<uuid:public_id>/activate/", schemes.scheme_activate, name="scheme_activate"),
    path(
        "schemes/<uuid:public_id>/new-version/",
        schemes.scheme_new_version,
        name="scheme_new_version",
    ),
]

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

urlpatterns += [
    path("register/", register.register_page, name="register"),
    path("verify/", verification.verify_form, name="verify_form"),
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
    path("certificates/<uuid:public_id>/", certificates.certificate_page, name="certificate"),
]
