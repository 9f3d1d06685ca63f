from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "muhandis.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from muhandis.core.audit import describe_actions

        from . import audit_labels

        describe_actions(audit_labels.LABELS, sentences=audit_labels.SENTENCES)
