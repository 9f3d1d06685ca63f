"""What the audit trail's consultation actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS: dict = {
    "consultations.consultation.created": _("Consultation created"),
    "consultations.consultation.updated": _("Consultation changed"),
    "consultations.consultation.opened": _("Consultation opened for comments"),
    "consultations.consultation.closed": _("Consultation closed on its date"),
    "consultations.clauses.replaced": _("Clauses of a consultation replaced from pasted text"),
    "consultations.clause.saved": _("Clause of a consultation saved"),
    "consultations.clause.removed": _("Clause of a consultation removed"),
    "consultations.clause.summarised": _("Comments on a clause summarised"),
    "consultations.comment.posted": _("Comment on a consultation posted"),
    "consultations.comment.revised": _("Comment on a consultation changed"),
    "consultations.response.saved": _("Response to a consultation saved"),
    "consultations.response.published": _("Response to a consultation published"),
    "consultations.export.xlsx": _("Consultation comments exported (XLSX)"),
    "consultations.export.pdf": _("Consultation comments exported (PDF)"),
}
SENTENCES: dict = {
    "consultations.consultation.created": _("%(actor)s created the consultation %(target)s"),
    "consultations.consultation.updated": _("%(actor)s changed the consultation %(target)s"),
    "consultations.consultation.opened": _(
        "%(actor)s opened the consultation %(target)s for comments"
    ),
    "consultations.consultation.closed": _(
        "The consultation %(target)s closed on its closing date"
    ),
    "consultations.clauses.replaced": _(
        "%(actor)s replaced the clauses of the consultation %(target)s from pasted text"
    ),
    "consultations.clause.saved": _("%(actor)s saved a clause of the consultation %(target)s"),
    "consultations.clause.removed": _("%(actor)s removed a clause of the consultation %(target)s"),
    "consultations.clause.summarised": _(
        "%(actor)s summarised the comments on a clause of the consultation %(target)s"
    ),
    "consultations.comment.posted": _(
        "%(actor)s commented on a clause of the consultation %(target)s"
    ),
    "consultations.comment.revised": _(
        "%(actor)s changed their comment on a clause of the consultation %(target)s"
    ),
    "consultations.response.saved": _(
        "%(actor)s saved the association's response to the consultation %(target)s"
    ),
    "consultations.response.published": _(
        "%(actor)s published the association's response to the consultation %(target)s"
    ),
    "consultations.export.xlsx": _(
        "%(actor)s exported the comments on the consultation %(target)s as XLSX"
    ),
    "consultations.export.pdf": _(
        "%(actor)s exported the comments on the consultation %(target)s as PDF"
    ),
}
FIELDS: dict = {
    "clause": _("clause"),
    "clauses": _("clauses"),
    "position": _("position"),
    "closes_on": _("open for comments until"),
}


def values() -> dict:
    from .models import Position, Status

    return {
        "consultations.consultation/status": dict(Status.choices),
        "consultations.consultation/position": dict(Position.choices),
    }
