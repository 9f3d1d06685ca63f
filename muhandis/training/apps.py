from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "muhandis.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group
        from muhandis.core.audit import describe_actions, describe_fields

        from . import audit_labels

        describe_actions(audit_labels.LABELS, sentences=audit_labels.SENTENCES)
        describe_fields(audit_labels.FIELDS, values=audit_labels.values())
        add_menu_group("training", _("Training"), order=20)
        self.add_catalogue_links()
        self.connect_billing()
        self.add_enrolment_pages()
        self.add_attendance_sections()
        self.add_attendance_links()
        self.add_evaluation_links()

    def add_catalogue_links(self) -> None:
        from muhandis.accounts.menu import add_staff_link
        from muhandis.accounts.roles import Role

        managers = {Role.TRAINING_MANAGER, Role.ADMIN}
        add_staff_link("training:manage_courses", _("Manage courses"), managers, group="training")
        add_staff_link("training:manage_venues", _("Training venues"), managers, group="training")

    def connect_billing(self) -> None:
        """Seats follow their invoices: paid, cancelled or refunded (billing.signals)."""
        from muhandis.billing import signals as billing_signals

        from .services import enrolment_billing as receivers

        billing_signals.invoice_paid.connect(
            receivers.on_invoice_paid, dispatch_uid="training:invoice_paid"
        )
        billing_signals.invoice_cancelled.connect(
            receivers.on_invoice_cancelled, dispatch_uid="training:invoice_cancelled"
        )
        billing_signals.invoice_refunded.connect(
            receivers.on_invoice_refunded, dispatch_uid="training:invoice_refunded"
        )

    def add_enrolment_pages(self) -> None:
        """Menu links and dashboard sections of enrolment and bookings."""
        from muhandis.accounts.dashboard import add_section
        from muhandis.accounts.menu import add_staff_link
        from muhandis.accounts.roles import Role

        from .selectors import enrolment as selectors

        add_staff_link("training:my_courses", _("My courses"), None, group="training")
        add_staff_link("training:bookings", _("Our bookings"), {Role.EMPLOYER}, group="training")
        add_section(Role.ENGINEER, selectors.dashboard_my_courses)
        add_section(Role.EMPLOYER, selectors.dashboard_staff_bookings)
        add_section(Role.TRAINING_MANAGER, selectors.dashboard_sessions_filling)

    def add_attendance_links(self) -> None:
        from muhandis.accounts.menu import add_staff_link
        from muhandis.accounts.roles import Role

        add_staff_link(
            "training:check_in", _("Check in to a course day"), {Role.ENGINEER}, group="training"
        )

    def add_attendance_sections(self) -> None:
        from muhandis.accounts.dashboard import add_section
        from muhandis.accounts.roles import Role

        from .selectors.dashboard import dashboard_trainer

        add_section(Role.TRAINER, dashboard_trainer)

    def add_evaluation_links(self) -> None:
        """Course evaluations and the participant import."""
        from muhandis.accounts.menu import add_staff_link
        from muhandis.accounts.roles import Role

        add_staff_link(
            "training:evaluation_results",
            _("Course evaluations"),
            {Role.TRAINING_MANAGER, Role.ADMIN, Role.TRAINER},
            group="training",
        )
        add_staff_link(
            "training:participants_import",
            _("Import past participants"),
            {Role.TRAINING_MANAGER, Role.ADMIN},
            group="training",
        )
