from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from . import selectors


class MuhandisAdminSite(admin.AdminSite):
    """The Django admin, for staff only, only with two-factor on, entered through allauth."""

    site_header = _("Muhandis administration")
    site_title = _("Muhandis administration")

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and selectors.has_two_factor(request.user)

    def login(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponseRedirect:
        # Sign-in always goes through allauth, which enforces two-factor and rate limits.
        return redirect_to_login(
            request.GET.get(REDIRECT_FIELD_NAME) or request.get_full_path().replace("login/", "")
        )
