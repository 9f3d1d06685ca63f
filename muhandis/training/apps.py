from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "muhandis.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group
        from muhandis.core.audit import describe_actions, describe_fields

        from .audit_labels import FIELDS, LABELS, SENTENCES

        describe_actions(LABELS, sentences=SENTENCES)
        describe_fields(FIELDS)
        add_menu_group("training", _("Training"), order=20)
        self.add_attendance_sections()
        self.add_attendance_links()
        self.add_evaluation_links()

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
