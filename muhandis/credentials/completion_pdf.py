"""The certificate of completion of a course, drawn with ReportLab like the certification
certificate (same fonts, frame and vector QR code), in the participant's language."""

import io

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen import canvas

from muhandis.core.pdf_fonts import register_fonts

from .models import CompletionCredential
from .pdf import BLUE, _draw_qr, _lines, _Page, association_name


def verification_url(record: CompletionCredential) -> str:
    path = reverse("credentials:completion_verify", kwargs={"public_id": record.public_id})
    return settings.SITE_URL.rstrip("/") + path


def _hours(value: object) -> str:
    return formats.number_format(value, decimal_pos=0 if float(str(value)).is_integer() else 1)


def render_completion(record: CompletionCredential) -> bytes:
    """The certificate of completion in the record's language, as PDF."""
    register_fonts()
    enrolment = record.enrolment
    session, person = enrolment.session, enrolment.person
    course = session.course
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height), invariant=1)
    page = _Page(pdf, [record.language], width / 2)
    with translation.override(record.language):
        pdf.setTitle(_("Certificate of completion"))
        pdf.setAuthor(association_name())
        pdf.setSubject(course.title)
        pdf.setStrokeColor(BLUE)
        pdf.setLineWidth(3)
        pdf.rect(24, 24, width - 48, height - 48)
        page.colour = BLUE
        y = page.draw(association_name, height - 64, font="DejaVu-Bold", size=14)
        y = page.draw(lambda: _("Certificate of completion"), y - 22, font="DejaVu-Bold", size=28)
        page.colour = black
        y = page.draw(lambda: _("This certifies that"), y - 14, size=12)
        pdf.setFont("DejaVu-Bold", 22)
        pdf.drawCentredString(width / 2, y - 14, person.name_latin or person.display_name)
        y -= 36
        if person.name_cyrillic:
            pdf.setFont("DejaVu", 14)
            pdf.drawCentredString(width / 2, y, person.name_cyrillic)
            y -= 24
        y = page.draw(lambda: _("has completed the course"), y - 4, size=12)
        y = page.draw(lambda: course.title, y - 8, font="DejaVu-Bold", size=16, width=width - 260)
        start = timezone.localtime(session.starts_at).date()
        end = timezone.localtime(session.ends_at).date()
        y = page.draw(
            lambda: (
                _("%(code)s · %(start)s – %(end)s")
                % {
                    "code": course.code,
                    "start": formats.date_format(start, "DATE_FORMAT"),
                    "end": formats.date_format(end, "DATE_FORMAT"),
                }
            ),
            y - 2,
            size=10,
        )
        hours = _("%(hours)s hours of training · %(cpd)s CPD hours (%(category)s)") % {
            "hours": _hours(course.duration_hours),
            "cpd": _hours(course.cpd_hours),
            "category": course.get_cpd_category_display() or "—",
        }
        y = page.draw(lambda: hours, y - 6, size=11)
        links = list(
            course.course_competencies.select_related("competency", "level").order_by(
                "competency__code"
            )
        )
        if links:
            pdf.setFont("DejaVu-Bold", 9)
            pdf.drawString(60, y - 8, _("Competencies developed:"))
            y -= 20
            pdf.setFont("DejaVu", 9)
            for link in links[:8]:
                level = (
                    " — "
                    + _("to level %(level)d (%(name)s)")
                    % {"level": link.level.value, "name": link.level.name}
                    if link.level_id
                    else ""
                )
                for line in _lines(
                    f"{link.competency.code} {link.competency.title}{level}",
                    "DejaVu",
                    9,
                    width - 320,
                ):
                    pdf.drawString(60, y, line)
                    y -= 11
                if y < 110:
                    break
        url = verification_url(record)
        _draw_qr(pdf, url, width - 170, 40, 120)
        pdf.setFont("DejaVu", 8)
        pdf.drawString(48, 58, _("Check this certificate at:"))
        pdf.drawString(48, 46, url)
        completed = enrolment.completed_at or timezone.now()
        pdf.drawString(
            48,
            34,
            _("Issued %(day)s · ID %(id)s")
            % {
                "day": formats.date_format(timezone.localtime(completed).date(), "DATE_FORMAT"),
                "id": record.public_id,
            },
        )
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
