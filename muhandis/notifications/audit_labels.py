"""What the audit trail's notification actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS: dict = {
    "notifications.preferences.changed": _("Notification settings changed"),
}
SENTENCES: dict = {
    "notifications.preferences.changed": _("%(actor)s changed their notification settings"),
}
