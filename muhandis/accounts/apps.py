from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "muhandis.accounts"
    label = "accounts"
    verbose_name = _("People and organisations")

    def ready(self) -> None:
        from muhandis.core.audit import describe_actions, describe_fields

        from . import signals  # noqa: F401  (audit of sign-ins and two-factor changes)
        from .audit_labels import FIELDS, LABELS, SENTENCES, values
        from .menu import add_menu_group, add_staff_link
        from .roles import STAFF_ROLES, Role

        describe_actions(LABELS, sentences=SENTENCES)
        describe_fields(FIELDS, values=values())
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
        self.add_dashboard_sections()

    def add_dashboard_sections(self) -> None:
        from . import selectors
        from .dashboard import add_section
        from .roles import Role

        add_section(Role.ENGINEER, selectors.dashboard_profile)
        add_section(Role.EMPLOYER, selectors.dashboard_organisations)
        # The trainer's and the training manager's sections are the training and billing apps'.
        add_section(Role.REGISTRAR, selectors.dashboard_deletion_requests)
        add_section(Role.ADMIN, selectors.dashboard_administration)
        add_section(Role.REPORT_VIEWER, selectors.dashboard_statistics)


class MuhandisAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "muhandis.accounts.admin_site.MuhandisAdminSite"
