"""What the audit trail's training actions mean, for the pages staff read."""

from django.utils.translation import gettext_lazy as _

LABELS = {
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
    "code": _("code"),
    "level": _("level"),
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
    from .models import CourseFormat, CourseLevel, CourseSession

    return {
        "training.course/format": dict(CourseFormat.choices),
        "training.course/level": dict(CourseLevel.choices),
        "training.coursesession/status": dict(CourseSession.Status.choices),
    }
