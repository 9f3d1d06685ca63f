"""Charts drawn on the server as SVG: no JavaScript and no inline styles (the content security
policy forbids them), only presentation attributes. Each chart has a ``<title>`` and a
``<desc>``; pages put the same figures in a table for screen readers.

Every text is escaped here, so the markup may be marked safe in templates."""

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

BAR = "#0d6efd"
AXIS = "#495057"
GRID = "#dee2e6"


@dataclass(frozen=True)
class Bin:
    """A bar: the scores from ``low`` up to ``high`` (equal for a single whole score)."""

    low: float
    high: float
    count: int

    @property
    def label(self) -> str:
        if self.low == self.high:
            return _number(self.low)
        return f"{_number(self.low)}–{_number(self.high)}"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else number_format(value, 2)


def score_bins(distribution: list[tuple[float, int]], max_total: float) -> list[Bin]:
    """One bar per whole score when every total is whole (as ``analysis`` lists them, zeros
    included); otherwise one bar per point, [0, 1), [1, 2), …, the last one closed."""
    if all(float(score).is_integer() for score, _count in distribution):
        return [Bin(score, score, count) for score, count in distribution]
    top = max(1, math.ceil(max(max_total, *(s for s, _c in distribution))))
    counts = [0] * top
    for score, count in distribution:
        counts[min(top - 1, math.floor(score))] += count
    return [Bin(k, k + 1, c) for k, c in enumerate(counts)]


def _svg(
    width: int, height: int, title: str, desc: str, ids: str, body: list[str], size: str
) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'{size} role="img" aria-labelledby="{ids}-title {ids}-desc" '
        f'preserveAspectRatio="xMidYMid meet">'
        f'<title id="{ids}-title">{escape(title)}</title>'
        f'<desc id="{ids}-desc">{escape(desc)}</desc>'
    )
    return head + "".join(body) + "</svg>"


def distribution_svg(bins: list[Bin], *, title: str, ids: str = "distribution") -> str:
    """A bar chart of the number of candidates at each score, with labelled axes."""
    width, height, left, bottom, top, right = 640, 300, 56, 56, 16, 16
    plot_w, plot_h = width - left - right, height - top - bottom
    most = max((b.count for b in bins), default=0)
    ceiling = max(1, most)
    step = plot_w / max(1, len(bins))
    body = [
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        f'stroke="{AXIS}" stroke-width="1"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" '
        f'stroke="{AXIS}" stroke-width="1"/>',
    ]
    for tick in sorted({0, ceiling // 2, ceiling}):
        y = top + plot_h - plot_h * tick / ceiling
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="{AXIS}">{tick}</text>'
        )
    label_every = max(1, math.ceil(len(bins) / 20))
    for index, item in enumerate(bins):
        bar_h = plot_h * item.count / ceiling
        x = left + index * step + step * 0.1
        name = ngettext(
            "%(count)d candidate scored %(score)s",
            "%(count)d candidates scored %(score)s",
            item.count,
        ) % {
            "count": item.count,
            "score": item.label,
        }
        body.append(
            f'<rect class="bar" x="{x:.1f}" y="{top + plot_h - bar_h:.1f}" '
            f'width="{step * 0.8:.1f}" height="{bar_h:.1f}" fill="{BAR}">'
            f"<title>{escape(name)}</title></rect>"
        )
        if index % label_every == 0:
            body.append(
                f'<text x="{x + step * 0.4:.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                f'font-size="12" fill="{AXIS}">{escape(item.label)}</text>'
            )
    body.append(_axis_titles(width, height, left, top, plot_h))
    desc = _("A bar for each score; its height is the number of candidates with that score.")
    return _svg(width, height, title, desc, ids, body, 'width="100%"')


def _axis_titles(width: int, height: int, left: int, top: int, plot_h: int) -> str:
    middle_y = top + plot_h / 2
    return (
        f'<text x="{left + (width - left) / 2:.1f}" y="{height - 8}" text-anchor="middle" '
        f'font-size="13" fill="{AXIS}">{escape(_("Total score"))}</text>'
        f'<text x="14" y="{middle_y:.1f}" text-anchor="middle" font-size="13" fill="{AXIS}" '
        f'transform="rotate(-90 14 {middle_y:.1f})">{escape(_("Candidates"))}</text>'
    )


def sparkline_svg(
    values: list[float | None], *, title: str, ids: str, low: float = 0.0, high: float = 1.0
) -> str:
    """A small line of values between ``low`` and ``high`` (e.g. an item's difficulty per
    period), oldest on the left; a missing value is skipped."""
    width, height, pad = 120, 32, 4
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    step = (width - 2 * pad) / max(1, len(values) - 1)

    def point(i: int, v: float) -> str:
        share = (max(low, min(high, v)) - low) / (high - low)
        y = height - pad - (height - 2 * pad) * share
        return f"{pad + i * step:.1f},{y:.1f}"

    body = [
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    ]
    if len(known) > 1:
        points = " ".join(point(i, v) for i, v in known)
        body.append(
            f'<polyline points={quoteattr(points)} fill="none" stroke="{BAR}" stroke-width="2"/>'
        )
    for i, v in known:
        x, y = point(i, v).split(",")
        body.append(f'<circle cx="{x}" cy="{y}" r="2.5" fill="{BAR}"/>')
    shown = ", ".join("—" if v is None else number_format(v, 2) for v in values)
    desc = _("Values from the oldest to the latest: %(values)s.") % {"values": shown}
    return _svg(width, height, title, desc, ids, body, f'width="{width}" height="{height}"')
