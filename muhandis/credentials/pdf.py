"""The PDF certificate, drawn with ReportLab, with a QR code that opens the verification page."""

import io
from pathlib import Path

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONTS = Path(__file__).resolve().parent / "fonts"
BLUE = HexColor("#0b5e8e")
_registered = False


def _register_fonts() -> None:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(TTFont("DejaVu", str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVu-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
        _registered = True


def verification_url(number: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("verify", kwargs={"number": number})


def _draw_qr(pdf: canvas.Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR code as vector squares: sharp at any zoom, no image library involved."""
    qr = segno.make(text, error="m")
    matrix = list(qr.matrix)
    cell = size / (len(matrix) + 8)
    pdf.setFillColor(black)
    for row_index, row in enumerate(matrix):
        for col_index, dark in enumerate(row):
            if dark:
                pdf.rect(
                    x + (col_index + 4) * cell,
                    y + size - (row_index + 5) * cell,
                    cell,
                    cell,
                    stroke=0,
                    fill=1,
                )


def _wrapped(
    pdf: canvas.Canvas,
    text: str,
    x: float,
    y: float,
    width: float,
    font: str,
    size: float,
    leading: float,
) -> float:
    """Draw ``text`` centred on ``x`` in lines no wider than ``width``; return the next y."""
    words, line = text.split(), ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if pdfmetrics.stringWidth(candidate, font, size) > width and line:
            pdf.setFont(font, size)
            pdf.drawCentredString(x, y, line)
            y -= leading
            line = word
        else:
            line = candidate
    if line:
        pdf.setFont(font, size)
        pdf.drawCentredString(x, y, line)
        y -= leading
    return y


def render_certificate(certificate, *, language: str) -> bytes:
    """The certificate in ``language`` (uz, ru or en), as PDF bytes."""
    _register_fonts()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height), invariant=1)
    with translation.override(language):
        pdf.setTitle(f"{_('Certificate')} {certificate.number}")
        pdf.setAuthor(_("Association of Consulting Engineers of Uzbekistan"))
        pdf.setStrokeColor(BLUE)
        pdf.setLineWidth(3)
        pdf.rect(24, 24, width - 48, height - 48)
        middle = width / 2
        pdf.setFillColor(BLUE)
        pdf.setFont("DejaVu-Bold", 14)
        pdf.drawCentredString(
            middle, height - 70, _("Association of Consulting Engineers of Uzbekistan")
        )
        pdf.setFont("DejaVu-Bold", 30)
        pdf.drawCentredString(middle, height - 120, _("Certificate"))
        pdf.setFillColor(black)
        pdf.setFont("DejaVu", 12)
        pdf.drawCentredString(middle, height - 145, f"№ {certificate.number}")
        pdf.setFont("DejaVu", 12)
        pdf.drawCentredString(middle, height - 185, _("This certifies that"))
        pdf.setFont("DejaVu-Bold", 22)
        pdf.drawCentredString(middle, height - 215, certificate.holder_name_latin)
        y = height - 238
        if certificate.holder_name_cyrillic:
            pdf.setFont("DejaVu", 14)
            pdf.drawCentredString(middle, y, certificate.holder_name_cyrillic)
            y -= 30
        pdf.setFont("DejaVu", 12)
        pdf.drawCentredString(middle, y, _("is certified as"))
        y = _wrapped(
            pdf, certificate.scheme.title, middle, y - 26, width - 260, "DejaVu-Bold", 16, 20
        )
        pdf.setFont("DejaVu", 9)
        pdf.drawCentredString(
            middle,
            y,
            _("version %(version)d of the scheme %(code)s")
            % {"version": certificate.scheme.version, "code": certificate.scheme.code},
        )
        y = _wrapped(pdf, certificate.scheme.scope, middle, y - 22, width - 300, "DejaVu", 10, 13)
        if certificate.limitation:
            y = _wrapped(
                pdf,
                f"{_('Limitation of scope:')} {certificate.limitation}",
                middle,
                y - 4,
                width - 300,
                "DejaVu-Bold",
                10,
                13,
            )
        dates = _("Valid from %(start)s until %(end)s") % {
            "start": formats.date_format(certificate.effective_date, "DATE_FORMAT"),
            "end": formats.date_format(certificate.expiry_date, "DATE_FORMAT"),
        }
        pdf.setFont("DejaVu", 11)
        pdf.drawCentredString(middle, 92, dates)
        url = verification_url(certificate.number)
        _draw_qr(pdf, url, width - 170, 40, 120)
        pdf.setFont("DejaVu", 8)
        pdf.drawString(48, 58, _("Check this certificate at:"))
        pdf.drawString(48, 46, url)
        pdf.drawString(48, 34, f"ID {certificate.public_id}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
