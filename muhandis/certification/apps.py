from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "muhandis.certification"
    label = "certification"
    verbose_name = _("Certification")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group, add_staff_link
        from muhandis.accounts.roles import Role
        from muhandis.core.audit import describe_actions, describe_fields

        from .audit_labels import FIELDS, LABELS, SENTENCES, values

        describe_actions(LABELS, sentences=SENTENCES)
        describe_fields(FIELDS, values=values())
        add_menu_group("certification", _("Certification"), order=30)
        add_staff_link(
            "certification:my_applications", _("My applications"), None, group="certification"
        )
        add_staff_link(
            "certification:registrar_queue",
            _("Applications"),
            {Role.REGISTRAR},
            group="certification",
        )
        add_staff_link(
            "certification:bulk_import",
            _("Import certificates"),
            {Role.REGISTRAR},
            group="certification",
        )
        add_staff_link(
            "certification:my_assessments",
            _("My assessments"),
            {Role.EXAMINER},
            group="certification",
        )
        add_staff_link(
            "certification:committee_queue",
            _("Committee decisions"),
            {Role.COMMITTEE},
            group="certification",
        )
        self.add_dashboard_sections()

    def add_dashboard_sections(self) -> None:
        from muhandis.accounts.dashboard import add_section
        from muhandis.accounts.roles import Role

        from . import selectors

        add_section(Role.ENGINEER, selectors.dashboard_applications)
        add_section(Role.REGISTRAR, selectors.dashboard_registrar)
        add_section(Role.EXAMINER, selectors.dashboard_assessments)
        add_section(Role.COMMITTEE, selectors.dashboard_committee)
