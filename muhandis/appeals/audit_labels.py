"""What the audit trail's appeal and complaint actions mean, for the history pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "appeals.appeal.lodged": _("Appeal lodged"),
    "appeals.appeal.acknowledged": _("Appeal acknowledged"),
    "appeals.appeal.panel_formed": _("Appeal panel appointed"),
    "appeals.appeal.voted": _("Appeal panel vote"),
    "appeals.appeal.decided": _("Appeal decided"),
    "appeals.complaint.filed": _("Complaint filed"),
    "appeals.complaint.acknowledged": _("Complaint acknowledged"),
    "appeals.complaint.investigator_assigned": _("Investigator assigned"),
    "appeals.complaint.note_added": _("Investigation note written"),
    "appeals.complaint.closed": _("Complaint closed"),
}
