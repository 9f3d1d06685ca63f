"""Names of the fields many audit entries record, for the history pages staff read."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

FIELDS = {
    "status": _("status"),
    "version": _("version"),
    "language": _("language"),
    "number": _("number"),
    "scheme": _("scheme"),
    "sha256": _("SHA-256 fingerprint"),
    "file": _("file"),
    "format": _("file format"),
    "count": _("how many"),
    "rows": _("rows"),
    "items": _("items"),
    "code": _("code"),
    "name": _("name"),
    "kind": _("kind"),
    "year": _("year"),
    "outcome": _("outcome"),
    "votes": _("votes"),
    "note": pgettext_lazy("audit field", "note"),
    "round": pgettext_lazy("audit field", "round"),
    "id": _("identifier"),
    "q": _("search words"),
    "content_type": _("file type"),
    "warnings": _("warnings"),
}

VALUES = {
    "language": {
        "uz": "Oʻzbekcha",
        "ru": "Русский",
        "en": "English",
        "uz-ru": "Oʻzbekcha / Русский",
    },
}
