"""What the audit trail's directory actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS: dict = {
    "directory.firm.profile_saved": _("Firm's directory profile saved"),
    "directory.firm.edit_refused": _("Editing a firm's directory profile refused"),
    "directory.listing.saved": _("Directory listing saved"),
    "directory.listing.withdrawn": _("Directory listing withdrawn"),
}
SENTENCES: dict = {
    "directory.firm.profile_saved": _("%(actor)s saved the directory profile of %(target)s"),
    "directory.firm.edit_refused": _(
        "%(actor)s was refused when editing the directory profile of %(target)s"
    ),
    "directory.listing.saved": _("%(actor)s listed themselves in the directory"),
    "directory.listing.withdrawn": _("%(actor)s withdrew their card from the directory"),
}
FIELDS: dict = {}


def values() -> dict:
    return {}
