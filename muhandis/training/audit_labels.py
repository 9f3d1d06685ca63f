"""What the audit trail's training actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "training.evaluation.requested": _("Course evaluation asked for"),
    "training.evaluation.answered": _("Course evaluation answered"),
    "training.session.imported": _("Past session created by an import"),
    "training.import.completed": _("Course participants imported"),
}

SENTENCES = {
    "training.evaluation.requested": _("A course evaluation was asked for for %(target)s"),
    "training.evaluation.answered": _("A course evaluation was answered for %(target)s"),
    "training.session.imported": _("%(actor)s created the past session %(target)s by an import"),
    "training.import.completed": _("%(actor)s imported course participants from a file"),
}

FIELDS = {
    "level": _("level"),
    "audience": _("asked of"),
    "answers": _("answers"),
    "supervisor_named": _("supervisor named"),
    "course": _("course"),
    "starts": _("starts"),
    "file": _("file"),
    "sha256": _("SHA-256"),
    "rows": _("rows"),
    "enrolments": _("enrolments"),
    "skipped": _("rows imported before"),
    "people_created": _("accounts created"),
    "sessions_created": _("sessions created"),
}
