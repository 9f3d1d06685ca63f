"""The learning gain drawn on the server as SVG, as ``analysis.charts`` draws its charts: no
JavaScript and no inline styles, a ``<title>`` and a ``<desc>``, a ``<title>`` on every bar;
the page puts the same figures in a table beside it. Every text is escaped here."""

from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from muhandis.exams.analysis.charts import AXIS, BAR, GRID, _svg
from muhandis.exams.results.learning_gain import GainRow

PRE = "#6c757d"  # grey: before the course
POST = BAR  # blue: after it


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{number_format(value, 1)} %"


def gain_svg(rows: list[GainRow], *, title: str, ids: str = "gain") -> str:
    """Two bars per competency, the mean pre-test and post-test score (0–100 %)."""
    bar_h, gap, left, right, top, legend = 14, 12, 180, 64, 36, 24
    group = 2 * bar_h + gap
    plot_w = 640 - left - right
    height = top + group * max(1, len(rows)) + legend
    body = []
    for tick in (0, 25, 50, 75, 100):
        x = left + plot_w * tick / 100
        body.append(
            f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{height - legend}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{x:.1f}" y="{top - 10}" text-anchor="middle" font-size="11" '
            f'fill="{AXIS}">{tick} %</text>'
        )
    for index, row in enumerate(rows):
        y = top + index * group
        label = row.title if len(row.title) <= 26 else row.title[:25] + "…"
        body.append(
            f'<text x="{left - 8}" y="{y + bar_h + 4}" text-anchor="end" font-size="12" '
            f'fill="{AXIS}">{escape(label)}</text>'
        )
        for offset, value, colour, name in (
            (0, row.pre, PRE, _("%(competency)s, before the course: %(score)s")),
            (bar_h, row.post, POST, _("%(competency)s, after the course: %(score)s")),
        ):
            width = plot_w * (value or 0) / 100
            text = name % {"competency": row.title, "score": _percent(value)}
            body.append(
                f'<rect x="{left}" y="{y + offset}" width="{width:.1f}" height="{bar_h - 2}" '
                f'fill="{colour}"><title>{escape(text)}</title></rect>'
                f'<text x="{left + width + 4:.1f}" y="{y + offset + bar_h - 4}" font-size="11" '
                f'fill="{AXIS}">{escape(_percent(value))}</text>'
            )
    y = height - 8
    body.append(
        f'<rect x="{left}" y="{y - 10}" width="12" height="12" fill="{PRE}"/>'
        f'<text x="{left + 16}" y="{y}" font-size="12" fill="{AXIS}">'
        f"{escape(_('Pre-test'))}</text>"
        f'<rect x="{left + 120}" y="{y - 10}" width="12" height="12" fill="{POST}"/>'
        f'<text x="{left + 136}" y="{y}" font-size="12" fill="{AXIS}">'
        f"{escape(_('Post-test'))}</text>"
    )
    desc = _(
        "For each competency, a grey bar for the participants' mean score before the course "
        "and a blue bar for their mean score after it, from 0 to 100 %."
    )
    return _svg(640, height, title, desc, ids, body, 'width="100%"')
