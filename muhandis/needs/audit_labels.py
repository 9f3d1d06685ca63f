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
    "needs.microdata.exported": _("Anonymised microdata of a needs survey downloaded"),
    "needs.invitations.added": _("People invited to a needs survey"),
    "needs.invitations.sent": _("Needs survey invitations sent"),
    "needs.invitations.reminded": _("Needs survey reminders sent"),
    "needs.response.submitted": _("Needs survey answers sent"),
}
SENTENCES: dict = {
    "needs.survey.created": _("%(actor)s created the needs survey %(target)s"),
    "needs.survey.changed": _("%(actor)s changed the needs survey %(target)s"),
    "needs.survey.opened": _("%(actor)s opened the needs survey %(target)s for answers"),
    "needs.survey.closed": _("%(actor)s closed the needs survey %(target)s"),
    "needs.survey.findings_published": _(
        "%(actor)s published the findings of the needs survey %(target)s"
    ),
    "needs.survey.findings_withdrawn": _(
        "%(actor)s withdrew the findings of the needs survey %(target)s"
    ),
    "needs.xlsform.imported": _("%(actor)s made the needs survey %(target)s from an XLSForm"),
    "needs.answers.imported": _(
        "%(actor)s imported answers collected in KoboToolbox or ODK into %(target)s"
    ),
    "needs.plan.created": _("%(actor)s created the training plan %(target)s"),
    "needs.plan.changed": _("%(actor)s changed the training plan %(target)s"),
    "needs.plan.line_added": _("%(actor)s added a line to the training plan %(target)s"),
    "needs.plan.line_changed": _("%(actor)s changed a line of the training plan %(target)s"),
    "needs.plan.line_removed": _("%(actor)s removed a line from the training plan %(target)s"),
    "needs.microdata.exported": _(
        "%(actor)s downloaded the anonymised microdata of needs survey %(target)s"
    ),
    "needs.invitations.added": _("%(actor)s invited people to the needs survey %(target)s"),
    "needs.invitations.sent": _("Invitations to the needs survey %(target)s were sent"),
    "needs.invitations.reminded": _("Reminders of the needs survey %(target)s were sent"),
    "needs.response.submitted": _("Answers to the needs survey %(target)s were sent"),
}
FIELDS: dict = {}


def values() -> dict:
    return {}
