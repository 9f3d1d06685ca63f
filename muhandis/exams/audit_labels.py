"""What the item bank's audit actions mean, for history pages."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "exams.item.created": _("Item written"),
    "exams.item.edited": _("Item changed"),
    "exams.item.reviewed": _("Item reviewed"),
    "exams.item.activated": _("Item version activated"),
    "exams.item.retired": _("Item retired"),
    "exams.item.viewed": _("Item seen"),
    "exams.identity.checked": _("Identity checked before an exam"),
    "exams.attempt.started": _("Exam started"),
    "exams.attempt.submitted": _("Exam submitted"),
    "exams.essay.marked": _("Essay marked"),
    "exams.mark.changed": _("Mark changed"),
    "exams.mark.changed_after_release": _("Mark changed after the results were released"),
    "exams.result.released": _("Exam result released"),
    "exams.result.changed_after_release": _("Released exam result changed"),
    "exams.sitting.created": _("Exam sitting planned"),
    "exams.registration.created": _("Registered for an exam"),
    "exams.registration.changed": _("Exam language or extra time changed"),
    "exams.incident.reported": _("Incident during an exam logged"),
    "exams.blueprint.saved": _("Exam blueprint saved"),
    "exams.analysis.exported": _("Item analysis of a sitting downloaded"),
    "exams.item.image_added": _("Image added to an item"),
    "exams.bank.imported": _("Question bank imported"),
    "exams.bank.exported": _("Question bank exported"),
    "exams.angoff.opened": _("Standard-setting study opened"),
    "exams.angoff.rated": _("Standard-setting ratings given"),
    "exams.angoff.round_opened": _("Standard-setting round 2 opened"),
    "exams.angoff.decided": _("Cut score set by the standard-setting panel"),
    "exams.angoff.items_viewed": _("Items seen by a standard-setting panellist"),
}
