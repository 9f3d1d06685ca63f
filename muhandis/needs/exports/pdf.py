"""The report as PDF in the reader's language, drawn with ReportLab and the DejaVu fonts the
invoices use (Uzbek Latin oʻ/gʻ with U+02BB, and Cyrillic): the headline figures, the ranked
bar chart of the MWDS with its intervals, and every table of the report."""

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import (
    Table as PdfTable,
)

from muhandis.core.pdf_fonts import BOLD, FONT, register_fonts

from ..views.report_data import Report, priority_labels, quadrant_cuts
from .tables import Cell, Table

# The same font files as the invoices and certificates (the needs app ships none of its own).
BLUE = colors.HexColor("#0b5e8e")
GREY = colors.HexColor("#6c757d")


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=9, leading=12)
    return {
        "base": base,
        "title": ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=16, leading=20, textColor=BLUE
        ),
        "head": ParagraphStyle(
            "head", parent=base, fontName=BOLD, fontSize=12, leading=15, spaceBefore=6
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9),
        "th": ParagraphStyle("th", parent=base, fontName=BOLD, fontSize=7.5, leading=9),
        "note": ParagraphStyle("note", parent=base, fontSize=7.5, leading=9, textColor=GREY),
    }


def _text(value: Cell) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return number_format(value, 2)
    return str(value)


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _narrowed(table: Table) -> Table:
    if table.narrow is None:
        return table
    keep = table.narrow
    return Table(
        sheet=table.sheet,
        title=table.title,
        header=[table.header[i] for i in keep],
        rows=[[row[i] for i in keep] for row in table.rows],
        note=table.note,
    )


def _table(table: Table, width: float) -> list:
    table = _narrowed(table)
    s = _styles()
    data = [[_p(name, s["th"]) for name in table.header]]
    data += [[_p(_text(value), s["cell"]) for value in row] for row in table.rows]
    if not table.rows:
        data.append([_p(_("No figures."), s["cell"])] + [""] * (len(table.header) - 1))
    pdf_table = PdfTable(data, repeatRows=1, colWidths=_widths(table, width))
    pdf_table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#adb5bd")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    parts = [CondPageBreak(40 * mm), _p(table.title, s["head"]), Spacer(1, 2 * mm), pdf_table]
    if table.note:
        parts += [Spacer(1, 1 * mm), _p(table.note, s["note"])]
    return [*parts, Spacer(1, 5 * mm)]


def _widths(table: Table, width: float) -> list[float]:
    """Wider columns for longer text: each column's share is its longest text's length."""
    lengths = []
    for index, name in enumerate(table.header):
        longest = max(
            [len(name) / 2] + [len(_text(r[index])) for r in table.rows if len(r) > index]
        )
        lengths.append(min(max(longest, 4), 45))
    total = sum(lengths)
    return [width * length / total for length in lengths]


def _bars(report: Report, width: float) -> Drawing:
    """The ranked MWDS bars with their 95 % intervals; priority is written beside each bar."""
    results = report.competencies[:25]
    labels = priority_labels()
    row_h, label_w, right = 14, 230, 110
    height = row_h * len(results) + 24
    drawing = Drawing(width, height)
    values = [0.0] + [c.figures.mwds for c in results]
    values += [c.figures.high for c in results if c.figures.high is not None]
    values += [c.figures.low for c in results if c.figures.low is not None]
    low, high = min(values), max(values) or 1.0
    plot_w = width - label_w - right

    def x(value: float) -> float:
        return label_w + plot_w * (value - low) / ((high - low) or 1)

    for index, c in enumerate(results):
        y = height - 20 - index * row_h
        title = c.title if len(c.title) <= 40 else c.title[:38] + "…"
        drawing.add(
            String(
                label_w - 4,
                y + 3,
                f"{c.rank}. {c.code} {title}",
                fontName=FONT,
                fontSize=7,
                textAnchor="end",
            )
        )
        x0, x1 = sorted((x(0), x(c.figures.mwds)))
        fill = {"top": BLUE, "middle": colors.HexColor("#6ea8d0")}.get(
            str(c.priority), colors.HexColor("#ced4da")
        )
        drawing.add(
            Rect(
                x0,
                y,
                max(x1 - x0, 0.5),
                row_h - 4,
                fillColor=fill,
                strokeColor=BLUE,
                strokeWidth=0.3,
            )
        )
        end = x(c.figures.mwds)
        if c.figures.low is not None and c.figures.high is not None:
            mid = y + (row_h - 4) / 2
            drawing.add(Line(x(c.figures.low), mid, x(c.figures.high), mid, strokeWidth=0.8))
            drawing.add(Line(x(c.figures.low), mid - 3, x(c.figures.low), mid + 3, strokeWidth=0.8))
            drawing.add(
                Line(x(c.figures.high), mid - 3, x(c.figures.high), mid + 3, strokeWidth=0.8)
            )
            end = max(end, x(c.figures.high))
        drawing.add(
            String(
                end + 4,
                y + 3,
                f"{number_format(c.figures.mwds, 2)} · {labels[str(c.priority)]}",
                fontName=FONT,
                fontSize=7,
            )
        )
    drawing.add(Line(x(0), 0, x(0), height - 8, strokeColor=GREY, strokeWidth=0.6))
    return drawing


def _quadrants(report: Report, cuts: tuple[float, float]) -> Drawing:
    """Locus for focus: importance across, discrepancy up, dashed cuts at the means, each
    competency a dot labelled with its code, the quadrants named in the corners."""
    from .. import charts

    results = report.competencies
    width, height, left, bottom = 420, 280, 40, 30
    plot_w, plot_h = width - left - 10, height - bottom - 10
    xs = [c.figures.mean_importance for c in results] + [cuts[0]]
    ys = [c.figures.mean_discrepancy for c in results] + [cuts[1], 0.0]
    x_low, x_high = min(xs), max(xs)
    y_low, y_high = min(ys), max(ys)
    pad_x, pad_y = (x_high - x_low) * 0.12 or 0.5, (y_high - y_low) * 0.22 or 0.5
    x_low, x_high, y_low, y_high = x_low - pad_x, x_high + pad_x, y_low - pad_y, y_high + pad_y

    def sx(value: float) -> float:
        return left + plot_w * (value - x_low) / (x_high - x_low)

    def sy(value: float) -> float:
        return bottom + plot_h * (value - y_low) / (y_high - y_low)

    drawing = Drawing(width, height)
    drawing.add(Rect(left, bottom, plot_w, plot_h, fillColor=None, strokeColor=GREY))
    for line in (
        Line(sx(cuts[0]), bottom, sx(cuts[0]), bottom + plot_h),
        Line(left, sy(cuts[1]), left + plot_w, sy(cuts[1])),
    ):
        line.strokeDashArray = [4, 3]
        line.strokeColor = GREY
        drawing.add(line)
    names = charts.quadrant_short_names()
    top_y, low_y = bottom + plot_h - 10, bottom + 4
    for key, x, y, anchor in (
        ("LH", left + 4, top_y, "start"),
        ("HQ", left + plot_w - 4, top_y, "end"),
        ("LL", left + 4, low_y, "start"),
        ("HL", left + plot_w - 4, low_y, "end"),
    ):
        drawing.add(
            String(x, y, f"{key} — {names[key]}", fontName=BOLD, fontSize=7, textAnchor=anchor)
        )
    for c in results:
        px, py = sx(c.figures.mean_importance), sy(c.figures.mean_discrepancy)
        drawing.add(Circle(px, py, 2.5, fillColor=BLUE, strokeColor=BLUE))
        drawing.add(String(px + 4, py - 2, c.code, fontName=FONT, fontSize=6))
    drawing.add(
        String(
            left + plot_w / 2,
            8,
            _("Mean importance"),
            fontName=FONT,
            fontSize=7,
            textAnchor="middle",
        )
    )
    label = String(0, 0, _("Mean discrepancy"), fontName=FONT, fontSize=7, textAnchor="middle")
    drawing.add(Group(label, transform=(0, 1, -1, 0, 12, bottom + plot_h / 2)))
    return drawing


def report_pdf(report: Report, tables: Sequence[Table]) -> bytes:
    register_fonts()
    s = _styles()
    buffer = io.BytesIO()
    page = landscape(A4)
    margin = 12 * mm
    document = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=f"{_('Survey report')}: {report.survey.title}",
        author="Muhandis",
    )
    width = page[0] - 2 * margin
    story: list = [
        _p(f"{_('Survey report')}: {report.survey.title}", s["title"]),
        Spacer(1, 4 * mm),
    ]
    if report.top:
        story.append(
            _p(
                _("Greatest need: %(competency)s (MWDS %(mwds)s).")
                % {
                    "competency": f"{report.top.code} {report.top.title}",
                    "mwds": number_format(report.top.figures.mwds, 2),
                },
                s["base"],
            )
        )
    if report.competencies:
        story += [
            _p(
                _("Competencies ranked by training need (MWDS, %(level)s%% interval)")
                % {"level": 95},
                s["head"],
            ),
            Spacer(1, 2 * mm),
            _bars(report, width),
            _p(
                _(
                    "Bars: solid dark for top priority, lighter for middle, grey for low; the "
                    "whisker is the %(level)s%% interval."
                )
                % {"level": 95},
                s["note"],
            ),
            Spacer(1, 5 * mm),
            CondPageBreak(110 * mm),
            _p(_("Locus for focus: importance against discrepancy"), s["head"]),
            Spacer(1, 2 * mm),
            _quadrants(report, quadrant_cuts(report)),
            Spacer(1, 5 * mm),
        ]
    for table in tables:
        story += _table(table, width)
    document.build(story)
    return buffer.getvalue()
