from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "muhandis.certification"
    label = "certification"
    verbose_name = _("Certification")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group, add_staff_link
        from muhandis.accounts.roles import Role
        from muhandis.core.audit import describe_actions

        from .audit_labels import LABELS

        describe_actions(LABELS)
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
