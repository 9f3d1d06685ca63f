"""The fonts of every PDF the platform makes: DejaVu Sans covers Uzbek Latin (oʻ, gʻ) and
Cyrillic, which ReportLab's built-in fonts do not."""

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS = Path(__file__).resolve().parent / "fonts"
FONT, BOLD = "DejaVu", "DejaVu-Bold"
_registered = False


def register_fonts() -> None:
    """Register ``FONT`` and ``BOLD`` with ReportLab (once per process)."""
    global _registered
    if not _registered:
        pdfmetrics.registerFont(TTFont(FONT, str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
        _registered = True
