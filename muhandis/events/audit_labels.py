"""What the audit trail's event actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS: dict = {
    "events.event.created": _("Event created"),
    "events.event.updated": _("Event changed"),
    "events.event.published": _("Event published"),
    "events.event.cancelled": _("Event cancelled"),
}
SENTENCES: dict = {
    "events.event.created": _("%(actor)s created the event %(target)s"),
    "events.event.updated": _("%(actor)s changed the event %(target)s"),
    "events.event.published": _("%(actor)s published the event %(target)s"),
    "events.event.cancelled": _("%(actor)s cancelled the event %(target)s"),
}
FIELDS: dict = {}
