from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "muhandis.consultations"
    label = "consultations"
    verbose_name = _("Policy consultations")

    def ready(self) -> None:
        from muhandis.core.audit import describe_actions, describe_fields
        from muhandis.notifications.services import register_kind

        from . import audit_labels

        describe_actions(audit_labels.LABELS, sentences=audit_labels.SENTENCES)
        describe_fields(audit_labels.FIELDS, values=audit_labels.values())
        group = _("Policy consultations")
        register_kind(
            "consultations.opened",
            _("A consultation you may comment on opened"),
            group=group,
            email="digest",
        )
        register_kind(
            "consultations.responded",
            _("The association published its response to a consultation you commented on"),
            group=group,
            email="now",
        )
        self.add_pages()

    def add_pages(self) -> None:
        from muhandis.accounts.dashboard import add_section
        from muhandis.accounts.menu import add_menu_group, add_staff_link
        from muhandis.accounts.roles import Role

        from .permissions import EDITORS, READERS
        from .selectors import consultations as selectors

        add_menu_group("community", _("Community"), order=70)
        add_staff_link("consultations:list", _("Policy consultations"), None, group="community")
        add_staff_link(
            "consultations:staff_list",
            _("Manage consultations"),
            set(READERS),
            group="community",
        )
        add_section(Role.ENGINEER, selectors.dashboard_open)
        for role in EDITORS:
            add_section(role, selectors.dashboard_to_answer)
