from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "muhandis.billing"
    label = "billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group, add_staff_link
        from muhandis.core.audit import describe_actions, describe_fields

        from .access import BILLING_STAFF
        from .audit_labels import FIELDS, LABELS, SENTENCES, values
        from .providers import admin  # noqa: F401  (registers the providers' tables)
        from .providers import audit_labels as provider_labels

        describe_actions(LABELS, sentences=SENTENCES)
        describe_fields(FIELDS, values=values())
        describe_actions(provider_labels.LABELS, sentences=provider_labels.SENTENCES)
        describe_fields(provider_labels.FIELDS)
        add_menu_group("billing", _("Invoices and payments"), order=25)
        add_staff_link("billing:my_invoices", _("My invoices"), None, group="billing")
        add_staff_link("billing:staff_invoices", _("All invoices"), BILLING_STAFF, group="billing")
        add_staff_link(
            "billing:statement_upload", _("Bank statement"), BILLING_STAFF, group="billing"
        )
        add_staff_link("billing:refunds", _("Payments to refund"), BILLING_STAFF, group="billing")
        self.add_dashboard_sections()

    def add_dashboard_sections(self) -> None:
        from muhandis.accounts.dashboard import add_section
        from muhandis.accounts.roles import Role

        from . import selectors

        # Registrars reach billing through the menu: their dashboard is at its query budget.
        add_section(Role.TRAINING_MANAGER, selectors.dashboard_staff)
        add_section(Role.ADMIN, selectors.dashboard_staff)
        add_section(Role.ENGINEER, selectors.dashboard_my_invoices)
        add_section(Role.EMPLOYER, selectors.dashboard_my_invoices)
