"""What the audit trail's training actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "training.attendance.marked": _("Attendance marked"),
    "training.attendance.checked_in": _("Participant checked in with the day's code"),
    "training.attendance.apologised": _("Participant apologised in advance for a day"),
    "training.enrolment.post_test_recorded": _("Post-test result recorded by hand"),
    "training.enrolment.assessed": _("Course completion assessed"),
}

SENTENCES = {
    "training.attendance.marked": _("%(actor)s marked the attendance of %(target)s"),
    "training.attendance.checked_in": _("%(actor)s checked in to %(target)s with the day's code"),
    "training.attendance.apologised": _("%(actor)s apologised in advance for a day of %(target)s"),
    "training.enrolment.post_test_recorded": _(
        "%(actor)s recorded the post-test result of %(target)s"
    ),
    "training.enrolment.assessed": _("%(actor)s assessed the completion of %(target)s"),
}

FIELDS = {
    "day": _("day"),
    "mark": _("attendance"),
    "note": _("note"),
    "post_test_passed": _("post-test passed"),
    "attendance_percent": _("attendance, %"),
}
