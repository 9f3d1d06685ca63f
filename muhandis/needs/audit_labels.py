"""What the audit trail's needs actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS: dict = {
    "needs.survey.created": _("Needs survey created"),
    "needs.survey.changed": _("Needs survey changed"),
    "needs.survey.opened": _("Needs survey opened for answers"),
    "needs.survey.closed": _("Needs survey closed"),
    "needs.survey.findings_published": _("Needs survey findings published"),
    "needs.survey.findings_withdrawn": _("Needs survey findings withdrawn"),
    "needs.invitations.added": _("People invited to a needs survey"),
    "needs.invitations.sent": _("Needs survey invitations sent"),
    "needs.invitations.reminded": _("Needs survey reminders sent"),
    "needs.response.submitted": _("Needs survey answers sent"),
}
SENTENCES: dict = {}
FIELDS: dict = {}


def values() -> dict:
    return {}
