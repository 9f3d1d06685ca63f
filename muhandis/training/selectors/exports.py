"""Read-only exports for staff: the attendance of a session, participants by days."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from muhandis.core.tables import safe_cell

from ..models import Attendance, CourseSession, Enrolment, SessionDay


@dataclass
class AttendanceSheet:
    session: CourseSession
    days: list[SessionDay]
    # (participant's name, email, enrolment status label, one mark label per day ("" unmarked))
    rows: list[tuple[str, str, str, list[str]]]

    def header(self) -> list[str]:
        return [_("Participant"), _("Email"), _("Status")] + [d.date.isoformat() for d in self.days]

    def table(self) -> list[list[str]]:
        return [self.header()] + [
            [name, email, status, *marks] for name, email, status, marks in self.rows
        ]


def attendance_sheet(*, session: CourseSession) -> AttendanceSheet:
    """Participants (not cancelled) by session days with their marks, in three queries."""
    days = list(SessionDay.objects.filter(session=session).order_by("date"))
    enrolments = list(
        Enrolment.objects.filter(session=session)
        .exclude(status=Enrolment.Status.CANCELLED)
        .select_related("person")
        .order_by("person__family_name", "person__given_name", "person__email")
    )
    marks = {
        (a.enrolment_id, a.day_id): a.get_mark_display()
        for a in Attendance.objects.filter(day__session=session)
    }
    rows = [
        (
            e.person.display_name,
            e.person.email,
            str(e.get_status_display()),
            [str(marks.get((e.pk, d.pk), "")) for d in days],
        )
        for e in enrolments
    ]
    return AttendanceSheet(session=session, days=days, rows=rows)


def attendance_csv(sheet: AttendanceSheet) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in sheet.table():
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def attendance_xlsx(sheet: AttendanceSheet) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = _("Attendance")[:31]
    for row in sheet.table():
        worksheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
