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
