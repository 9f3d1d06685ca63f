from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "muhandis.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from muhandis.accounts.menu import add_menu_group, add_staff_link
        from muhandis.core.audit import describe_actions, describe_fields

        from . import audit_labels

        describe_actions(audit_labels.LABELS, sentences=audit_labels.SENTENCES)
        describe_fields(audit_labels.FIELDS, values=audit_labels.values())
        add_menu_group("community", _("Community"), order=70)
        add_staff_link("directory:my_listing", _("My directory listing"), None, group="community")
