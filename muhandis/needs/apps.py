from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "muhandis.needs"
    label = "needs"
    verbose_name = _("Needs assessment")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group
        from muhandis.core.audit import describe_actions, describe_fields

        from . import audit_labels

        describe_actions(audit_labels.LABELS, sentences=audit_labels.SENTENCES)
        describe_fields(audit_labels.FIELDS, values=audit_labels.values())
        add_menu_group("needs", _("Needs assessment"), order=25)
        self.add_survey_pages()

    def add_survey_pages(self) -> None:
        from muhandis.accounts.menu import add_staff_link

        from .permissions import READERS

        # Report viewers see the list read-only; everything else is for managers.
        add_staff_link("needs:survey_list", _("Needs surveys"), READERS, group="needs")
