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
    "training.enrolment.promoted": _("Moved up from the waiting list"),
    "training.enrolment.offer_accepted": _("Offered seat accepted"),
    "training.enrolment.moved_from_waitlist": _("Given a seat from the waiting list"),
    "training.enrolment.paid": _("Seat paid"),
    "training.enrolment.cancelled": _("Enrolment cancelled"),
    "training.booking.created": _("Staff booked by their employer"),
    "training.course.created": _("Course created"),
    "training.course.updated": _("Course changed"),
    "training.course.prices_set": _("Course prices set"),
    "training.course.competencies_set": _("Course competencies set"),
    "training.course.published": _("Course published in the catalogue"),
    "training.course.unpublished": _("Course taken out of the catalogue"),
    "training.venue.created": _("Training venue added"),
    "training.venue.updated": _("Training venue changed"),
    "training.room.created": _("Training room added"),
    "training.room.updated": _("Training room changed"),
    "training.session.created": _("Course session scheduled"),
    "training.session.updated": _("Course session changed"),
    "training.session.cancelled": _("Course session cancelled"),
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
    "training.enrolment.promoted": _("%(target)s moved up from the waiting list to a seat"),
    "training.enrolment.offer_accepted": _("%(actor)s accepted the seat offered: %(target)s"),
    "training.enrolment.moved_from_waitlist": _(
        "%(actor)s gave a seat from the waiting list: %(target)s"
    ),
    "training.enrolment.paid": _("The seat was paid: %(target)s"),
    "training.enrolment.cancelled": _("%(actor)s cancelled the enrolment %(target)s"),
    "training.booking.created": _("%(actor)s booked staff on a course (booking %(target)s)"),
    "training.course.created": _("%(actor)s created the course “%(target)s”"),
    "training.course.updated": _("%(actor)s changed the course “%(target)s”"),
    "training.course.prices_set": _("%(actor)s set the prices of the course “%(target)s”"),
    "training.course.competencies_set": _(
        "%(actor)s set the competencies of the course “%(target)s”"
    ),
    "training.course.published": _("%(actor)s published the course “%(target)s”"),
    "training.course.unpublished": _("%(actor)s took the course “%(target)s” out of the catalogue"),
    "training.venue.created": _("%(actor)s added the training venue “%(target)s”"),
    "training.venue.updated": _("%(actor)s changed the training venue “%(target)s”"),
    "training.room.created": _("%(actor)s added the training room “%(target)s”"),
    "training.room.updated": _("%(actor)s changed the training room “%(target)s”"),
    "training.session.created": _("%(actor)s scheduled the session “%(target)s”"),
    "training.session.updated": _("%(actor)s changed the session “%(target)s”"),
    "training.session.cancelled": _("%(actor)s cancelled the session “%(target)s”"),
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
    "code": _("code"),
    "format": _("format"),
    "languages": _("languages"),
    "duration_hours": _("duration, hours"),
    "cpd_hours": _("CPD hours"),
    "cpd_category": _("CPD category"),
    "min_attendance_percent": _("attendance needed to complete, %"),
    "post_test_required": _("a passed post-test is needed"),
    "ikpu_code": _("tax classifier code (MXIK/IKPU)"),
    "package_code": _("package code"),
    "vat_rate": _("VAT rate, %"),
    "is_published": _("shown in the catalogue"),
    "prices": _("prices"),
    "competencies": _("competencies"),
    "region": _("region"),
    "capacity": _("capacity"),
    "starts_at": _("starts"),
    "ends_at": _("ends"),
    "room": _("room"),
    "online_url": _("online link"),
    "min_seats": _("minimum seats"),
    "max_seats": _("maximum seats"),
    "enrolment_deadline": _("enrolment closes"),
    "payment_days": _("days to pay before the seat is freed"),
    "offer_days": _("days to accept a waiting-list offer"),
    "free_cancellation_days": _("free cancellation until, days before the start"),
    "trainers": _("trainers"),
}


for _name, _label in (
    ("title", _("title")),
    ("summary", _("summary")),
    ("outline", _("outline")),
    ("prerequisites", _("prerequisites")),
    ("target_roles", _("for whom")),
    ("trainer_profile", _("trainers")),
    ("name", _("name")),
    ("address", _("address")),
    ("city", _("city")),
    ("cancellation_terms", _("cancellation terms")),
):
    for _lang in ("uz", "ru", "en"):
        FIELDS[f"{_name}_{_lang}"] = _label


def values() -> dict[str, dict]:
    from .models import CourseFormat, CourseLevel, CourseSession, Enrolment

    return {
        "training.enrolment/status": dict(Enrolment.Status.choices),
        "cancelled_by": dict(Enrolment.CancelledBy.choices),
        "training.course/format": dict(CourseFormat.choices),
        "training.course/level": dict(CourseLevel.choices),
        "training.coursesession/status": dict(CourseSession.Status.choices),
    }
