"""What the audit trail's needs actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS: dict = {
    "needs.survey.created": _("Needs survey created"),
    "needs.survey.changed": _("Needs survey changed"),
    "needs.survey.opened": _("Needs survey opened for answers"),
    "needs.survey.closed": _("Needs survey closed"),
    "needs.survey.findings_published": _("Needs survey findings published"),
    "needs.survey.findings_withdrawn": _("Needs survey findings withdrawn"),
    "needs.xlsform.imported": _("Needs survey made from an XLSForm"),
    "needs.answers.imported": _("Needs survey answers imported from KoboToolbox or ODK"),
    "needs.plan.created": _("Training plan created from a needs survey"),
    "needs.plan.changed": _("Training plan renamed or moved to another year"),
    "needs.plan.line_added": _("Training plan line added"),
    "needs.plan.line_changed": _("Training plan line changed"),
    "needs.plan.line_removed": _("Training plan line removed"),
}
SENTENCES: dict = {}
FIELDS: dict = {}


def values() -> dict:
    return {}
