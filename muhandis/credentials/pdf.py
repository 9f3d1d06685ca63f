"""The PDF certificate, drawn with ReportLab, with a QR code that opens the verification page."""

import io
from collections.abc import Callable

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from muhandis.certification.models import Certificate
from muhandis.core.pdf_fonts import register_fonts

BLUE = HexColor("#0b5e8e")


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


def _lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` broken into lines no wider than ``width``."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if pdfmetrics.stringWidth(candidate, font, size) > width and line:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


GREY = HexColor("#444444")


class _Page:
    """Draws centred text in the certificate's language, or in two (the second smaller and
    grey, under the first)."""

    def __init__(self, pdf: canvas.Canvas, languages: list[str], middle: float) -> None:
        self.pdf, self.languages, self.middle = pdf, languages, middle
        self.bilingual = len(languages) > 1

    def texts(self, make: Callable[[], object]) -> list[str]:
        """``make()`` evaluated in each language; repeated values are drawn once."""
        found = []
        for language in self.languages:
            with translation.override(language):
                text = str(make())
            if text and text not in found:
                found.append(text)
        return found

    def draw(
        self,
        make: Callable[[], object],
        y: float,
        *,
        font: str = "DejaVu",
        size: float = 12.0,
        width: float = 600.0,
        leading: float | None = None,
    ) -> float:
        """Draw ``make()`` in every language from ``y`` downwards; return the next y."""
        leading = leading or size * 1.3
        for index, text in enumerate(self.texts(make)):
            this_size = size if index == 0 else size * 0.78
            self.pdf.setFillColor(self.colour if index == 0 else GREY)
            for line in _lines(text, font, this_size, width):
                self.pdf.setFont(font, this_size)
                self.pdf.drawCentredString(self.middle, y, line)
                y -= leading if index == 0 else this_size * 1.3
        self.pdf.setFillColor(black)
        return y

    colour = black


def association_name() -> str:
    """The association's name in the active language (settings ASSOCIATION_NAME_UZ/_RU/_EN)."""
    names = settings.ASSOCIATION_NAME
    return names.get(translation.get_language() or "uz") or names.get("en") or ""


def languages_of(language: str) -> list[str]:
    """The languages a certificate is printed in: ``uz-ru`` is bilingual Uzbek and Russian."""
    return language.split("-") if language else ["uz"]


def render_certificate(certificate: Certificate, *, language: str) -> bytes:
    """The certificate in ``language`` (uz, ru, en, or uz-ru for Uzbek with Russian), as PDF."""
    register_fonts()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    pdf = canvas.Canvas(buffer, pagesize=(width, height), invariant=1)
    languages = languages_of(language)
    page = _Page(pdf, languages, width / 2)
    with translation.override(languages[0]):
        pdf.setTitle(f"{_('Certificate')} {certificate.number}")
        pdf.setAuthor(association_name())
        pdf.setSubject(certificate.scheme.title)
    pdf.setStrokeColor(BLUE)
    pdf.setLineWidth(3)
    pdf.rect(24, 24, width - 48, height - 48)
    y = _draw_holder(page, certificate, height - 64)
    _draw_scheme(page, certificate, y)
    _draw_footer(page, certificate)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _draw_holder(page: _Page, certificate: Certificate, y: float) -> float:
    """The association, the title and number, and whom the certificate names; the next y."""
    pdf, middle, compact = page.pdf, page.middle, page.bilingual
    page.colour = BLUE
    y = page.draw(association_name, y, font="DejaVu-Bold", size=14)
    y = page.draw(lambda: _("Certificate"), y - 22, font="DejaVu-Bold", size=28 if compact else 30)
    page.colour = black
    pdf.setFont("DejaVu", 12)
    pdf.drawCentredString(middle, y - 4, f"№ {certificate.number}")
    y = page.draw(lambda: _("This certifies that"), y - 32, size=12)
    pdf.setFont("DejaVu-Bold", 22)
    pdf.drawCentredString(middle, y - 14, certificate.holder_name_latin)
    y -= 36
    if certificate.holder_name_cyrillic:
        pdf.setFont("DejaVu", 14)
        pdf.drawCentredString(middle, y, certificate.holder_name_cyrillic)
        y -= 24
    return y


def _draw_scheme(page: _Page, certificate: Certificate, y: float) -> None:
    """The scheme certified, its scope, any limitation and the certificate replaced."""
    pdf, width, compact = page.pdf, page.middle * 2, page.bilingual
    scheme = certificate.scheme
    y = page.draw(lambda: _("is certified as"), y - 4, size=12)
    y = page.draw(
        lambda: scheme.title,
        y - 8,
        font="DejaVu-Bold",
        size=15 if compact else 16,
        width=width - 260,
    )
    y = page.draw(
        lambda: (
            _("version %(version)d of the scheme %(code)s")
            % {"version": scheme.version, "code": scheme.code}
        ),
        y,
        size=9,
    )
    y = page.draw(lambda: scheme.scope, y - 8, size=9 if compact else 10, width=width - 380)
    if certificate.limitation:
        pdf.setFont("DejaVu-Bold", 10)
        label = " / ".join(page.texts(lambda: _("Limitation of scope:")))
        # Narrower than the rest: the lines must stay clear of the QR code.
        for line in _lines(f"{label} {certificate.limitation}", "DejaVu-Bold", 10, width - 380):
            pdf.drawCentredString(width / 2, y - 4, line)
            y -= 13
    replaced = certificate.replaces if certificate.replaces_id else None
    if replaced is not None:
        page.draw(
            lambda: _("Replaces certificate %(number)s") % {"number": replaced.number},
            max(y - 8, 112),
            size=9,
        )


def _draw_footer(page: _Page, certificate: Certificate) -> None:
    """The validity dates, the QR code and the address where anyone checks the certificate."""
    pdf, width = page.pdf, page.middle * 2

    def dates() -> str:
        return _("Valid from %(start)s until %(end)s") % {
            "start": formats.date_format(certificate.effective_date, "DATE_FORMAT"),
            "end": formats.date_format(certificate.expiry_date, "DATE_FORMAT"),
        }

    page.draw(dates, 96 if page.bilingual else 92, size=11)
    url = verification_url(certificate.number)
    _draw_qr(pdf, url, width - 170, 40, 120)
    pdf.setFont("DejaVu", 8)
    pdf.drawString(48, 58, " / ".join(page.texts(lambda: _("Check this certificate at:"))))
    pdf.drawString(48, 46, url)
    pdf.drawString(48, 34, f"ID {certificate.public_id}")
