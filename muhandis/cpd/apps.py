from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CpdConfig(AppConfig):
    name = "muhandis.cpd"
    label = "cpd"
    verbose_name = _("Continuing professional development")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group, add_staff_link
        from muhandis.accounts.roles import Role
        from muhandis.certification.panels import add_panel
        from muhandis.core.audit import describe_actions, describe_fields

        from .audit_labels import FIELDS, LABELS, SENTENCES, values

        add_panel("certificate", "cpd/_progress.html")

        describe_actions(LABELS, sentences=SENTENCES)
        describe_fields(FIELDS, values=values())
        add_menu_group("cpd", _("Professional development"), order=50)
        add_staff_link("cpd:ledger", _("My CPD"), None, group="cpd")
        add_staff_link(
            "cpd:verification_queue", _("CPD verification"), {Role.REGISTRAR}, group="cpd"
        )
        add_staff_link("cpd:committee_renewals", _("Renewals"), {Role.COMMITTEE}, group="cpd")
        self.add_dashboard_sections()
        self.credit_completed_courses()

    def credit_completed_courses(self) -> None:
        from muhandis.training.signals import enrolment_completed

        from .receivers import credit_completed_course

        enrolment_completed.connect(credit_completed_course, dispatch_uid="cpd.training_credit")

    def add_dashboard_sections(self) -> None:
        from muhandis.accounts.dashboard import add_section
        from muhandis.accounts.roles import Role

        from . import selectors

        add_section(Role.ENGINEER, selectors.dashboard_certificates)
        add_section(Role.REGISTRAR, selectors.dashboard_verification)
        add_section(Role.COMMITTEE, selectors.dashboard_renewals)
