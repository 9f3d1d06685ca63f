from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enrolment import Enrolment
from .sessions import CourseSession


class SessionDay(models.Model):
    """One day of a session: attendance is marked per day."""

    session = models.ForeignKey(CourseSession, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("date"))
    # The code participants type (or scan as a QR) to check themselves in that day.
    check_in_code = models.CharField(_("check-in code"), max_length=12)

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["session", "date"], name="training_day_once")
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.date}"


class Attendance(models.Model):
    class Mark(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Apologised in advance")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    day = models.ForeignKey(SessionDay, on_delete=models.CASCADE, related_name="attendance")
    mark = models.CharField(_("attendance"), max_length=10, choices=Mark.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked"), auto_now=True)
    self_checked_in = models.BooleanField(_("checked in with the day's code"), default=False)
    # The participant's reason, when they apologised in advance.
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "day"], name="training_attendance_once")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}/{self.day_id}: {self.mark}"
