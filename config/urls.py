from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from muhandis.accounts.views import set_language
from muhandis.api.api import api
from muhandis.certification.views import verification as certification_views
from muhandis.core import views as core_views
from muhandis.credentials.views import check as credential_check
from muhandis.credentials.views import status as credential_status
from muhandis.credentials.views import vcapi
from muhandis.credentials.views import wellknown as credential_keys

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # Language-neutral: the QR code on a certificate points here.
    path("verify/<str:number>", certification_views.verify, name="verify"),
    # The W3C VC API (before the credentials pages, which share the prefix).
    path("credentials/issue", vcapi.issue, name="vc_issue"),
    path("credentials/verify", vcapi.verify_credential, name="vc_verify"),
    path("presentations/verify", vcapi.verify_presentation, name="vp_verify"),
    path("credentials/", include("muhandis.credentials.urls")),
    path(".well-known/did.json", credential_keys.did_json, name="did_json"),
    path(
        "credentials/status/<slug:purpose>/<int:number>",
        credential_status.status_list,
        name="status_list",
    ),
    path(".well-known/jwks.json", credential_keys.jwks_json, name="jwks_json"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    # Payment providers' callbacks (Payme, Click).
    path("pay/", include("muhandis.billing.providers.urls")),
    path("favicon.ico", RedirectView.as_view(url=settings.STATIC_URL + "img/favicon.svg")),
]

urlpatterns += i18n_patterns(
    path("", core_views.home, name="home"),
    path("account/", include("allauth.urls")),
    path("", include("muhandis.accounts.urls")),
    path("competencies/", include("muhandis.competencies.urls")),
    path("certification/", include("muhandis.certification.urls")),
    path("credentials/check/", credential_check.check_page, name="credential_check"),
    path("cpd/", include("muhandis.cpd.urls")),
    path("appeals/", include("muhandis.appeals.urls")),
    path("exams/", include("muhandis.exams.urls")),
    path("training/", include("muhandis.training.urls")),
    path("billing/", include("muhandis.billing.urls")),
    path("needs/", include("muhandis.needs.urls")),
    path("membership/", include("muhandis.membership.urls")),
    path("notifications/", include("muhandis.notifications.urls")),
    path("directory/", include("muhandis.directory.urls")),
    path("events/", include("muhandis.events.urls")),
    path("forum/", include("muhandis.forum.urls")),
    path("opportunities/", include("muhandis.opportunities.urls")),
    path("mentoring/", include("muhandis.mentoring.urls")),
    path("consultations/", include("muhandis.consultations.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler403 = "muhandis.core.views.forbidden"
handler404 = "muhandis.core.views.not_found"
