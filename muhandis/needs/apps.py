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
        self.add_xlsform_pages()
        self.add_plan_pages()
        self.add_report_pages()

    def add_survey_pages(self) -> None:
        from muhandis.accounts.menu import add_staff_link

        from .permissions import READERS

        # Report viewers see the list read-only; everything else is for managers.
        add_staff_link("needs:survey_list", _("Needs surveys"), READERS, group="needs")

    def add_xlsform_pages(self) -> None:
        """The link to make a survey from an XLSForm (KoboToolbox, ODK)."""
        from muhandis.accounts.menu import add_staff_link

        from .permissions import MANAGERS

        add_staff_link("needs:xlsform_import", _("Survey from an XLSForm"), MANAGERS, group="needs")

    def add_plan_pages(self) -> None:
        """The training plans in the menu and the published findings on the home page."""
        from muhandis.accounts.menu import add_staff_link
        from muhandis.core.home import add_home_panel

        from .permissions import READERS
        from .selectors.plans import home_panel

        add_staff_link("needs:plans", _("Training plans"), READERS, group="needs")
        add_home_panel("needs_findings", "needs/home_findings.html", home_panel, order=50)

    def add_report_pages(self) -> None:
        from muhandis.accounts.menu import add_staff_link

        from .permissions import READERS

        add_staff_link("needs:report_index", _("Survey reports"), READERS, group="needs")
