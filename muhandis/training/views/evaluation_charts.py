"""Evaluation charts drawn on the server as SVG: no JavaScript and no inline styles (the
content security policy forbids them), only presentation attributes. Each chart has a
``<title>`` and a ``<desc>``; the page puts the same figures in a table beside it.

Every text is escaped here, so the markup may be marked safe in templates."""

from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

BAR = "#0d6efd"
AXIS = "#495057"
TRACK = "#e9ecef"


def bars_svg(rows: list[tuple[str, int, float]], *, title: str, ids: str) -> str:
    """Horizontal bars, one per answer (label, count, share), labelled with the count and %."""
    row_h, left, right, top = 26, 48, 96, 6
    width = 420
    height = top * 2 + row_h * max(1, len(rows))
    plot_w = width - left - right
    most = max((count for _label, count, _share in rows), default=0) or 1
    body = []
    described = []
    for index, (label, count, share) in enumerate(rows):
        y = top + index * row_h
        bar_w = plot_w * count / most
        percent = number_format(share * 100, 0)
        sentence = ngettext(
            "%(label)s: %(count)d answer (%(percent)s%%)",
            "%(label)s: %(count)d answers (%(percent)s%%)",
            count,
        ) % {"label": label, "count": count, "percent": percent}
        described.append(sentence)
        body.append(
            f'<text x="{left - 8}" y="{y + 17}" text-anchor="end" font-size="13" '
            f'fill="{AXIS}">{escape(label)}</text>'
            f'<rect x="{left}" y="{y + 4}" width="{plot_w}" height="{row_h - 8}" fill="{TRACK}"/>'
            f'<rect x="{left}" y="{y + 4}" width="{bar_w:.1f}" height="{row_h - 8}" '
            f'fill="{BAR}"><title>{escape(sentence)}</title></rect>'
            f'<text x="{left + plot_w + 8}" y="{y + 17}" font-size="13" fill="{AXIS}">'
            f"{count} ({escape(percent)} %)</text>"
        )
    desc = _("A bar for each answer; its length is the number of people who gave it. ")
    desc += "; ".join(described)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{ids}-title {ids}-desc" '
        f'preserveAspectRatio="xMinYMin meet">'
        f'<title id="{ids}-title">{escape(title)}</title>'
        f'<desc id="{ids}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )
