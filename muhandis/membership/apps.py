from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembershipConfig(AppConfig):
    name = "muhandis.membership"
    label = "membership"
    verbose_name = _("Membership")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group
        from muhandis.core.audit import describe_actions, describe_fields

        from . import audit_labels

        describe_actions(audit_labels.LABELS, sentences=audit_labels.SENTENCES)
        describe_fields(audit_labels.FIELDS, values=audit_labels.values())
        add_menu_group("membership", _("Membership"), order=15)
        self.connect_billing()
        self.add_pages()
        self.add_notices()

    def add_notices(self) -> None:
        """The kinds of notice about memberships; those about money are always emailed."""
        from muhandis.notifications.services import register_kind

        group = _("Membership")
        register_kind("membership.applied", _("Membership application received"), group=group)
        register_kind("membership.approved", _("Membership approved"), group=group, required=True)
        register_kind("membership.refused", _("Membership application refused"), group=group)
        register_kind("membership.cancelled", _("Membership cancelled"), group=group, required=True)
        register_kind("membership.paid", _("Membership dues paid"), group=group)
        register_kind("membership.renewal", _("Membership renewal due"), group=group, required=True)

    def connect_billing(self) -> None:
        """Membership periods follow their invoices: paid, cancelled or refunded."""
        from muhandis.billing import signals as billing_signals

        from .services import billing_receivers as receivers

        billing_signals.invoice_paid.connect(
            receivers.on_invoice_paid, dispatch_uid="membership:invoice_paid"
        )
        billing_signals.invoice_cancelled.connect(
            receivers.on_invoice_cancelled, dispatch_uid="membership:invoice_cancelled"
        )
        billing_signals.invoice_refunded.connect(
            receivers.on_invoice_refunded, dispatch_uid="membership:invoice_refunded"
        )

    def add_pages(self) -> None:
        """Menu links and dashboard sections of joining, applications, types and the register."""
        from muhandis.accounts.dashboard import add_section
        from muhandis.accounts.menu import add_staff_link
        from muhandis.accounts.roles import Role

        from .permissions import STAFF
        from .selectors import register as selectors

        staff = set(STAFF)
        add_staff_link("membership:mine", _("My membership"), None, group="membership")
        add_staff_link(
            "membership:applications", _("Membership applications"), staff, group="membership"
        )
        add_staff_link("membership:register", _("Membership register"), staff, group="membership")
        add_staff_link("membership:types", _("Membership types"), staff, group="membership")
        add_section(Role.ENGINEER, selectors.dashboard_my_membership)
        add_section(Role.EMPLOYER, selectors.dashboard_firm_membership)
        for role in STAFF:
            add_section(role, selectors.dashboard_applications)
