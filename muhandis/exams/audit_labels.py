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
}
