"""What the audit trail's needs actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS: dict = {
    "needs.survey.created": _("Needs survey created"),
    "needs.survey.changed": _("Needs survey changed"),
    "needs.survey.opened": _("Needs survey opened for answers"),
    "needs.survey.closed": _("Needs survey closed"),
    "needs.survey.findings_published": _("Needs survey findings published"),
    "needs.survey.findings_withdrawn": _("Needs survey findings withdrawn"),
    "needs.microdata.exported": _("Anonymised microdata of a needs survey downloaded"),
}
SENTENCES: dict = {
    "needs.microdata.exported": _(
        "%(actor)s downloaded the anonymised microdata of needs survey %(target)s"
    ),
}
FIELDS: dict = {}


def values() -> dict:
    return {}
