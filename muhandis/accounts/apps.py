from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "muhandis.accounts"
    label = "accounts"
    verbose_name = _("People and organisations")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (audit of sign-ins and two-factor changes)
        from .menu import add_menu_group, add_staff_link
        from .roles import STAFF_ROLES, Role

        add_menu_group("administration", _("Administration"), order=90)
        add_staff_link(
            "accounts:people", _("People and roles"), {Role.ADMIN}, group="administration"
        )
        add_staff_link(
            "accounts:audit", _("Audit trail"), {Role.REGISTRAR, Role.ADMIN}, group="administration"
        )
        add_staff_link(
            "accounts:deletion_requests",
            _("Deletion requests"),
            {Role.REGISTRAR},
            group="administration",
        )
        add_staff_link(
            "accounts:outbox", _("Outbox"), {Role.REGISTRAR, Role.ADMIN}, group="administration"
        )
        add_staff_link(
            "admin:index", _("Reference data (admin)"), STAFF_ROLES, group="administration"
        )


class MuhandisAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "muhandis.accounts.admin_site.MuhandisAdminSite"
