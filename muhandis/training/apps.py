from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "muhandis.training"
    label = "training"
    verbose_name = _("Training")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group
        from muhandis.core.audit import describe_actions, describe_fields

        from .audit_labels import FIELDS, LABELS, SENTENCES, values

        describe_actions(LABELS, sentences=SENTENCES)
        describe_fields(FIELDS, values=values())
        add_menu_group("training", _("Training"), order=35)
        self.add_catalogue_links()

    def add_catalogue_links(self) -> None:
        from muhandis.accounts.menu import add_staff_link
        from muhandis.accounts.roles import Role

        managers = {Role.TRAINING_MANAGER, Role.ADMIN}
        add_staff_link("training:manage_courses", _("Manage courses"), managers, group="training")
        add_staff_link("training:manage_venues", _("Training venues"), managers, group="training")
