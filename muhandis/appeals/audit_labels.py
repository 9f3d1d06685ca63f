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

SENTENCES = {
    "appeals.appeal.lodged": _("%(actor)s lodged the appeal “%(target)s”"),
    "appeals.appeal.acknowledged": _("%(actor)s acknowledged the appeal “%(target)s”"),
    "appeals.appeal.panel_formed": _("%(actor)s appointed the panel of the appeal “%(target)s”"),
    "appeals.appeal.voted": _("%(actor)s voted on the appeal “%(target)s”"),
    "appeals.appeal.decided": _("The panel decided the appeal “%(target)s”"),
    "appeals.complaint.filed": _("The complaint %(target)s was filed"),
    "appeals.complaint.acknowledged": _("%(actor)s acknowledged the complaint %(target)s"),
    "appeals.complaint.investigator_assigned": _(
        "%(actor)s assigned an investigator to the complaint %(target)s"
    ),
    "appeals.complaint.note_added": _(
        "%(actor)s wrote an investigation note on the complaint %(target)s"
    ),
    "appeals.complaint.closed": _("%(actor)s closed the complaint %(target)s"),
}

FIELDS = {
    "members": _("panel members"),
    "vote": _("vote"),
    "decision": _("decision appealed against"),
    "decision_to_be_reviewed": _("decision to be reviewed"),
    "investigator": _("investigator"),
    "relation": _("relation"),
}


def values() -> dict[str, dict]:
    from .models import Appeal, Complaint, PanelMember

    return {
        "appeals.appeal/status": dict(Appeal.Status.choices),
        "appeals.appeal/kind": dict(Appeal.Kind.choices),
        "appeals.complaint/status": dict(Complaint.Status.choices),
        "appeals.complaint/outcome": dict(Complaint.Outcome.choices),
        "appeals.complaint/relation": dict(Complaint.Relation.choices),
        "vote": dict(PanelMember.Vote.choices),
    }
