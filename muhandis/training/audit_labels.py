"""What the audit trail's training actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "training.enrolment.post_test_scored": _("Post-test result recorded on an enrolment"),
    "training.evaluation.requested": _("Course evaluation asked for"),
    "training.evaluation.answered": _("Course evaluation answered"),
    "training.session.imported": _("Past session created by an import"),
    "training.import.completed": _("Course participants imported"),
    "training.attendance.marked": _("Attendance marked"),
    "training.attendance.checked_in": _("Participant checked in with the day's code"),
    "training.attendance.apologised": _("Participant apologised in advance for a day"),
    "training.enrolment.post_test_recorded": _("Post-test result recorded by hand"),
    "training.enrolment.assessed": _("Course completion assessed"),
    "training.enrolment.confirmed": _("Seat confirmed"),
    "training.enrolment.waitlisted": _("Put on the waiting list"),
    "training.enrolment.offered": _("Seat offered from the waiting list"),
    "training.enrolment.offer_accepted": _("Offered seat accepted"),
    "training.enrolment.moved_from_waitlist": _("Given a seat from the waiting list"),
    "training.enrolment.paid": _("Seat paid"),
    "training.enrolment.cancelled": _("Enrolment cancelled"),
    "training.booking.created": _("Staff booked by their employer"),
}

SENTENCES = {
    "training.enrolment.post_test_scored": _(
        "%(actor)s: post-test result recorded on the enrolment “%(target)s”"
    ),
    "training.evaluation.requested": _("A course evaluation was asked for for %(target)s"),
    "training.evaluation.answered": _("A course evaluation was answered for %(target)s"),
    "training.session.imported": _("%(actor)s created the past session %(target)s by an import"),
    "training.import.completed": _("%(actor)s imported course participants from a file"),
    "training.attendance.marked": _("%(actor)s marked the attendance of %(target)s"),
    "training.attendance.checked_in": _("%(actor)s checked in to %(target)s with the day's code"),
    "training.attendance.apologised": _("%(actor)s apologised in advance for a day of %(target)s"),
    "training.enrolment.post_test_recorded": _(
        "%(actor)s recorded the post-test result of %(target)s"
    ),
    "training.enrolment.assessed": _("%(actor)s assessed the completion of %(target)s"),
    "training.enrolment.confirmed": _("%(actor)s took a seat: %(target)s"),
    "training.enrolment.waitlisted": _("%(actor)s joined the waiting list: %(target)s"),
    "training.enrolment.offered": _("A seat was offered from the waiting list: %(target)s"),
    "training.enrolment.offer_accepted": _("%(actor)s accepted the seat offered: %(target)s"),
    "training.enrolment.moved_from_waitlist": _(
        "%(actor)s gave a seat from the waiting list: %(target)s"
    ),
    "training.enrolment.paid": _("The seat was paid: %(target)s"),
    "training.enrolment.cancelled": _("%(actor)s cancelled the enrolment %(target)s"),
    "training.booking.created": _("%(actor)s booked staff on a course (booking %(target)s)"),
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
    "day": _("day"),
    "mark": _("attendance"),
    "note": _("note"),
    "post_test_passed": _("post-test passed"),
    "attendance_percent": _("attendance, %"),
    "session": _("session"),
    "person": _("participant"),
    "price": _("price"),
    "currency": _("currency"),
    "booking": _("booking"),
    "offer_expires_at": _("offer open until"),
    "cancelled_by": _("cancelled"),
    "invoice": _("invoice"),
    "organisation": _("organisation"),
    "confirmed": _("with a seat"),
    "waitlisted": _("on the waiting list"),
}


def values() -> dict[str, dict]:
    from .models import Enrolment

    return {
        "training.enrolment/status": dict(Enrolment.Status.choices),
        "cancelled_by": dict(Enrolment.CancelledBy.choices),
    }
