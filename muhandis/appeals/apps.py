from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppealsConfig(AppConfig):
    name = "muhandis.appeals"
    label = "appeals"
    verbose_name = _("Appeals and complaints")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group, add_staff_link
        from muhandis.accounts.roles import Role
        from muhandis.certification.panels import add_panel
        from muhandis.core.audit import describe_actions, describe_fields

        from .audit_labels import FIELDS, LABELS, SENTENCES, values

        describe_actions(LABELS, sentences=SENTENCES)
        describe_fields(FIELDS, values=values())
        add_panel("certificate", "appeals/_appeal_link.html")
        add_panel("application", "appeals/_appeal_link.html")
        add_panel("verify", "appeals/_complain_link.html")
        add_panel("register_row", "appeals/_complain_row.html")
        add_menu_group("appeals", _("Appeals and complaints"), order=60)
        add_staff_link("appeals:appeals_queue", _("Appeals"), {Role.REGISTRAR}, group="appeals")
        add_staff_link(
            "appeals:complaints_queue", _("Complaints"), {Role.REGISTRAR}, group="appeals"
        )
        add_staff_link("appeals:panels", _("Appeal panels"), {Role.COMMITTEE}, group="appeals")
        self.add_dashboard_sections()

    def add_dashboard_sections(self) -> None:
        from muhandis.accounts.dashboard import add_section
        from muhandis.accounts.roles import Role

        from . import selectors

        add_section(Role.ENGINEER, selectors.dashboard_my_appeals)
        add_section(Role.REGISTRAR, selectors.dashboard_registrar)
        add_section(Role.COMMITTEE, selectors.dashboard_panels)
