"""The needs report's charts, drawn on the server as SVG: no JavaScript and no inline styles
(the content security policy forbids them), only presentation attributes. Each chart has a
``<title>`` and a ``<desc>`` that says what it shows in words; every mark carries a text label
or a shape and a pattern, never colour alone; the page puts the same figures in a table.

Every text is escaped here, so the markup may be marked safe in templates."""

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.translation import gettext as _

INK = "#212529"
AXIS = "#495057"
GRID = "#ced4da"
TOP = "#0b5e8e"  # dark blue, solid
MIDDLE = "#0b5e8e"  # the same hue, hatched
LOW = "#6c757d"  # grey, dotted
WHISKER = "#212529"
FONT = 'font-family="system-ui, sans-serif"'


@dataclass(frozen=True)
class Bar:
    """One competency's bar: its label, score, 95 % interval (None without one) and priority
    (``top``, ``middle``, ``low``) with the priority's name in the reader's language."""

    label: str
    value: float
    low: float | None
    high: float | None
    priority: str
    priority_label: str


@dataclass(frozen=True)
class Point:
    """One competency on the locus-for-focus chart: a short mark label (its code), its name,
    mean importance (x), mean discrepancy (y) and quadrant (``HQ``, ``HL``, ``LH``, ``LL``)."""

    mark: str
    name: str
    x: float
    y: float
    quadrant: str


@dataclass(frozen=True)
class Change:
    """One competency in two waves: the earlier and later score (None when not asked)."""

    label: str
    before: float | None
    after: float | None
    verdict: str


def short(label: str, most: int = 36) -> str:
    """A label cut to fit the space left of a chart (the full text is in the table)."""
    return label if len(label) <= most else label[: most - 1] + "…"


def fmt(value: float, digits: int = 2) -> str:
    return number_format(value, digits)


def _svg(body: str, *, width: int, height: int, title: str, desc: str, ids: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{ids}-title {ids}-desc" '
        f'preserveAspectRatio="xMinYMin meet" class="needs-chart">'
        f'<title id="{ids}-title">{escape(title)}</title>'
        f'<desc id="{ids}-desc">{escape(desc)}</desc>{body}</svg>'
    )


def _patterns(ids: str) -> str:
    """Fills that differ by more than colour: solid for top, hatched for middle, dotted for
    low priority."""
    return (
        "<defs>"
        f'<pattern id="{ids}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="3" height="6" fill="{MIDDLE}"/></pattern>'
        f'<pattern id="{ids}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<rect width="5" height="5" fill="#ffffff"/>'
        f'<circle cx="2.5" cy="2.5" r="1.4" fill="{LOW}"/></pattern>'
        "</defs>"
    )


def _fill(priority: str, ids: str) -> str:
    return {"top": TOP, "middle": f"url(#{ids}-hatch)"}.get(priority, f"url(#{ids}-dots)")


def _scale(values: Sequence[float]) -> tuple[float, float]:
    """The axis range: from zero (or the lowest negative value) to the highest value."""
    low = min([0.0, *values])
    high = max([0.0, *values])
    if high - low < 1e-9:
        high = low + 1
    return low, high


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    raw = (high - low) / count
    for step in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100):
        if step >= raw:
            break
    start = int(low // step)
    ticks = []
    value = start * step
    while value <= high + 1e-9:
        ticks.append(round(value, 6))
        value += step
    return ticks


def mwds_bars_svg(bars: Sequence[Bar], *, title: str, ids: str) -> str:
    """Ranked horizontal bars of the MWDS, greatest need first, each with its 95 % interval as
    a whisker, its value written beside it and its priority shown by the bar's pattern and in
    words in the legend and the description."""
    row_h, left, right, top, bottom = 28, 300, 70, 34, 34
    width = 800
    height = top + bottom + row_h * max(1, len(bars))
    plot_w = width - left - right
    values = [b.value for b in bars] + [b.high for b in bars if b.high is not None]
    values += [b.low for b in bars if b.low is not None]
    low, high = _scale(values)

    def x(value: float) -> float:
        return left + plot_w * (value - low) / (high - low)

    body = [_patterns(ids), _legend(ids, left)]
    for tick in _ticks(low, high):
        if low - 1e-9 <= tick <= high + 1e-9:
            tx = x(tick)
            body.append(
                f'<line x1="{tx:.1f}" y1="{top}" x2="{tx:.1f}" y2="{height - bottom}" '
                f'stroke="{GRID}" stroke-width="1"/>'
                f'<text x="{tx:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                f'font-size="12" fill="{AXIS}" {FONT}>{escape(fmt(tick, 1))}</text>'
            )
    body.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" text-anchor="middle" '
        f'font-size="12" fill="{AXIS}" {FONT}>{escape(_("Mean weighted discrepancy score"))}'
        "</text>"
    )
    described = []
    for index, bar in enumerate(bars):
        y = top + index * row_h
        x0, x1 = sorted((x(0), x(bar.value)))
        sentence = _("%(rank)d. %(label)s: %(value)s (%(priority)s)") % {
            "rank": index + 1,
            "label": bar.label,
            "value": fmt(bar.value),
            "priority": bar.priority_label,
        }
        if bar.low is not None and bar.high is not None:
            sentence += " " + _("95%% interval %(low)s to %(high)s") % {
                "low": fmt(bar.low),
                "high": fmt(bar.high),
            }
        described.append(sentence)
        label = short(bar.label)
        body.append(
            f'<text x="{left - 8}" y="{y + 18}" text-anchor="end" font-size="12" '
            f'fill="{INK}" {FONT}>{escape(f"{index + 1}. {label}")}</text>'
            f'<rect x="{x0:.1f}" y="{y + 5}" width="{max(x1 - x0, 1):.1f}" height="{row_h - 10}" '
            f'fill="{_fill(bar.priority, ids)}" stroke="{TOP if bar.priority != "low" else LOW}" '
            f'stroke-width="1"><title>{escape(sentence)}</title></rect>'
        )
        end = x(bar.value)
        if bar.low is not None and bar.high is not None:
            wl, wh, mid = x(bar.low), x(bar.high), y + row_h / 2
            body.append(
                f'<line x1="{wl:.1f}" y1="{mid:.1f}" x2="{wh:.1f}" y2="{mid:.1f}" '
                f'stroke="{WHISKER}" stroke-width="1.5"/>'
                f'<line x1="{wl:.1f}" y1="{mid - 6:.1f}" x2="{wl:.1f}" y2="{mid + 6:.1f}" '
                f'stroke="{WHISKER}" stroke-width="1.5"/>'
                f'<line x1="{wh:.1f}" y1="{mid - 6:.1f}" x2="{wh:.1f}" y2="{mid + 6:.1f}" '
                f'stroke="{WHISKER}" stroke-width="1.5"/>'
            )
            end = max(end, wh)
        end = max(end, x(0))  # a negative bar's value is written right of the zero line
        body.append(
            f'<text x="{min(end + 6, width - 4):.1f}" y="{y + 18}" font-size="12" '
            f'fill="{INK}" {FONT}>{escape(fmt(bar.value))}</text>'
        )
    body.append(
        f'<line x1="{x(0):.1f}" y1="{top}" x2="{x(0):.1f}" y2="{height - bottom}" '
        f'stroke="{AXIS}" stroke-width="1.5"/>'
    )
    desc = (
        _(
            "Competencies ranked by their mean weighted discrepancy score, greatest need first; "
            "the whisker of each bar is its 95%% confidence interval, and the bar's pattern its "
            "priority (solid: top, hatched: middle, dotted: low). "
        )
        % {}
    )
    desc += "; ".join(described)
    return _svg("".join(body), width=width, height=height, title=title, desc=desc, ids=ids)


def _legend(ids: str, left: int) -> str:
    items = [("top", _("Top priority")), ("middle", _("Middle")), ("low", _("Low"))]
    parts = []
    offset = left
    for key, label in items:
        parts.append(
            f'<rect x="{offset}" y="8" width="18" height="14" fill="{_fill(key, ids)}" '
            f'stroke="{TOP if key != "low" else LOW}" stroke-width="1"/>'
            f'<text x="{offset + 24}" y="20" font-size="12" fill="{INK}" {FONT}>'
            f"{escape(label)}</text>"
        )
        offset += 40 + 8 * len(label)
    return f'<g aria-hidden="true">{"".join(parts)}</g>'


QUADRANT_SHAPES = {
    # A different shape in each quadrant, so that the quadrant is not told by colour alone.
    "HQ": "circle",
    "HL": "square",
    "LH": "triangle",
    "LL": "diamond",
}


def _mark(shape: str, cx: float, cy: float, title: str) -> str:
    tip = f"<title>{escape(title)}</title>"
    if shape == "circle":
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="6" fill="{TOP}">{tip}</circle>'
    if shape == "square":
        return (
            f'<rect x="{cx - 5:.1f}" y="{cy - 5:.1f}" width="10" height="10" fill="#ffffff" '
            f'stroke="{TOP}" stroke-width="2">{tip}</rect>'
        )
    if shape == "triangle":
        points = f"{cx:.1f},{cy - 7:.1f} {cx + 6:.1f},{cy + 5:.1f} {cx - 6:.1f},{cy + 5:.1f}"
        return f'<polygon points="{points}" fill="{LOW}">{tip}</polygon>'
    points = (
        f"{cx:.1f},{cy - 7:.1f} {cx + 7:.1f},{cy:.1f} {cx:.1f},{cy + 7:.1f} {cx - 7:.1f},{cy:.1f}"
    )
    return (
        f'<polygon points="{points}" fill="#ffffff" stroke="{LOW}" stroke-width="2">{tip}</polygon>'
    )


def quadrant_short_names() -> dict[str, str]:
    """The names written in the chart's corners (the full ones are in its description)."""
    return {
        "HQ": _("Train first"),
        "HL": _("Keep up"),
        "LH": _("Look again"),
        "LL": _("Low concern"),
    }


def quadrant_names() -> dict[str, str]:
    return {
        "HQ": _("Train first: important and lacking"),
        "HL": _("Keep up: important, already mastered"),
        "LH": _("Look again: lacking, less important"),
        "LL": _("Low concern"),
    }


def _free_line(placed: list[tuple[float, float, float]], x0: float, x1: float, y: float) -> float:
    """A baseline near ``y`` where a label from ``x0`` to ``x1`` overlaps no label placed
    before; it is then taken."""
    for shift in (0, 12, -12, 24, -24, 36, -36):
        candidate = y + shift
        if not any(a < x1 and x0 < b and abs(candidate - base) < 12 for a, b, base in placed):
            break
    else:
        candidate = y
    placed.append((x0, x1, candidate))
    return candidate


def quadrant_svg(
    points: Sequence[Point], *, cut_x: float, cut_y: float, title: str, ids: str
) -> str:
    """The locus-for-focus chart: mean importance across, mean discrepancy up, cut at their
    means into four named quadrants; each competency a mark (its shape telling its quadrant)
    labelled with its code."""
    width, height = 640, 460
    left, right, top, bottom = 56, 20, 20, 48
    plot_w, plot_h = width - left - right, height - top - bottom
    xs = [p.x for p in points] + [cut_x]
    ys = [p.y for p in points] + [cut_y]
    x_low, x_high = min(xs), max(xs)
    y_low, y_high = min([0.0, *ys]), max(ys)
    # Room at the top and the bottom for the quadrants' names.
    pad_x = (x_high - x_low) * 0.12 or 0.5
    pad_y = (y_high - y_low) * 0.22 or 0.5
    x_low, x_high, y_low, y_high = x_low - pad_x, x_high + pad_x, y_low - pad_y, y_high + pad_y

    def sx(value: float) -> float:
        return left + plot_w * (value - x_low) / (x_high - x_low)

    def sy(value: float) -> float:
        return top + plot_h * (1 - (value - y_low) / (y_high - y_low))

    names = quadrant_names()
    cx, cy = sx(cut_x), sy(cut_y)
    body = [
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="#ffffff" '
        f'stroke="{AXIS}" stroke-width="1"/>',
        f'<line x1="{cx:.1f}" y1="{top}" x2="{cx:.1f}" y2="{top + plot_h}" stroke="{AXIS}" '
        f'stroke-width="1.5" stroke-dasharray="6 4"/>',
        f'<line x1="{left}" y1="{cy:.1f}" x2="{left + plot_w}" y2="{cy:.1f}" stroke="{AXIS}" '
        f'stroke-width="1.5" stroke-dasharray="6 4"/>',
    ]
    corners = {
        "HQ": (left + plot_w - 6, top + 16, "end"),
        "LH": (left + 6, top + 16, "start"),
        "HL": (left + plot_w - 6, top + plot_h - 8, "end"),
        "LL": (left + 6, top + plot_h - 8, "start"),
    }
    corner_names = quadrant_short_names()
    for key, (tx, ty, anchor) in corners.items():
        body.append(
            f'<text x="{tx}" y="{ty}" text-anchor="{anchor}" font-size="12" font-weight="bold" '
            f'fill="{INK}" {FONT}>{escape(f"{key} — {corner_names[key]}")}</text>'
        )
    for tick in _ticks(x_low, x_high):
        if x_low <= tick <= x_high:
            body.append(
                f'<text x="{sx(tick):.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                f'font-size="11" fill="{AXIS}" {FONT}>{escape(fmt(tick, 1))}</text>'
            )
    for tick in _ticks(y_low, y_high):
        if y_low <= tick <= y_high:
            body.append(
                f'<text x="{left - 6}" y="{sy(tick) + 4:.1f}" text-anchor="end" '
                f'font-size="11" fill="{AXIS}" {FONT}>{escape(fmt(tick, 1))}</text>'
            )
    body.append(
        f'<text x="{left + plot_w / 2:.1f}" y="{height - 8}" text-anchor="middle" font-size="12" '
        f'fill="{INK}" {FONT}>{escape(_("Mean importance"))} →</text>'
        f'<text x="14" y="{top + plot_h / 2:.1f}" text-anchor="middle" font-size="12" '
        f'fill="{INK}" transform="rotate(-90 14 {top + plot_h / 2:.1f})" {FONT}>'
        f"{escape(_('Mean discrepancy'))} →</text>"
    )
    described = []
    placed: list[tuple[float, float, float]] = []  # labels' x from, x to, baseline
    for point in points:
        px, py = sx(point.x), sy(point.y)
        sentence = _("%(name)s: importance %(x)s, discrepancy %(y)s, %(quadrant)s") % {
            "name": point.name,
            "x": fmt(point.x),
            "y": fmt(point.y),
            "quadrant": names.get(point.quadrant, point.quadrant),
        }
        described.append(sentence)
        body.append(_mark(QUADRANT_SHAPES.get(point.quadrant, "circle"), px, py, sentence))
        ly = _free_line(placed, px + 9, px + 9 + 7 * len(point.mark), py + 4)
        body.append(
            f'<text x="{px + 9:.1f}" y="{ly:.1f}" font-size="11" fill="{INK}" {FONT}>'
            f"{escape(point.mark)}</text>"
        )
    desc = _(
        "Each competency placed by its mean importance (across) and mean discrepancy (up); the "
        "dashed lines cut at the means, importance %(x)s and discrepancy %(y)s, into four "
        "quadrants. "
    ) % {"x": fmt(cut_x), "y": fmt(cut_y)}
    desc += "; ".join(described)
    return _svg("".join(body), width=width, height=height, title=title, desc=desc, ids=ids)


def change_svg(
    changes: Sequence[Change], *, before_label: str, after_label: str, title: str, ids: str
) -> str:
    """Two waves side by side: per competency a hollow circle at the earlier score, a filled
    square at the later one, joined by a line; the verdict written at the end of the row."""
    row_h, left, right, top, bottom = 28, 300, 170, 34, 34
    width = 860
    height = top + bottom + row_h * max(1, len(changes))
    plot_w = width - left - right
    values = [v for c in changes for v in (c.before, c.after) if v is not None]
    low, high = _scale(values)

    def x(value: float) -> float:
        return left + plot_w * (value - low) / (high - low)

    body = [
        '<g aria-hidden="true">'
        f'<circle cx="{left + 8}" cy="15" r="6" fill="#ffffff" stroke="{AXIS}" stroke-width="2"/>'
        f'<text x="{left + 20}" y="20" font-size="12" fill="{INK}" {FONT}>{escape(before_label)}'
        "</text>"
        f'<rect x="{left + 182}" y="9" width="12" height="12" fill="{TOP}"/>'
        f'<text x="{left + 200}" y="20" font-size="12" fill="{INK}" {FONT}>{escape(after_label)}'
        "</text></g>"
    ]
    for tick in _ticks(low, high):
        if low - 1e-9 <= tick <= high + 1e-9:
            tx = x(tick)
            body.append(
                f'<line x1="{tx:.1f}" y1="{top}" x2="{tx:.1f}" y2="{height - bottom}" '
                f'stroke="{GRID}" stroke-width="1"/>'
                f'<text x="{tx:.1f}" y="{height - bottom + 16}" text-anchor="middle" '
                f'font-size="12" fill="{AXIS}" {FONT}>{escape(fmt(tick, 1))}</text>'
            )
    described = []
    for index, change in enumerate(changes):
        y = top + index * row_h + row_h / 2
        label = short(change.label)
        parts = [
            f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="{INK}" {FONT}>{escape(label)}</text>'
        ]
        if change.before is not None and change.after is not None:
            parts.append(
                f'<line x1="{x(change.before):.1f}" y1="{y:.1f}" x2="{x(change.after):.1f}" '
                f'y2="{y:.1f}" stroke="{AXIS}" stroke-width="2"/>'
            )
        if change.before is not None:
            parts.append(
                f'<circle cx="{x(change.before):.1f}" cy="{y:.1f}" r="6" fill="#ffffff" '
                f'stroke="{AXIS}" stroke-width="2"/>'
            )
        if change.after is not None:
            parts.append(
                f'<rect x="{x(change.after) - 6:.1f}" y="{y - 6:.1f}" width="12" height="12" '
                f'fill="{TOP}"/>'
            )
        parts.append(
            f'<text x="{left + plot_w + 12}" y="{y + 4:.1f}" font-size="12" fill="{INK}" '
            f"{FONT}>{escape(change.verdict)}</text>"
        )
        sentence = _("%(label)s: %(before)s, then %(after)s (%(verdict)s)") % {
            "label": change.label,
            "before": "—" if change.before is None else fmt(change.before),
            "after": "—" if change.after is None else fmt(change.after),
            "verdict": change.verdict,
        }
        described.append(sentence)
        body.append(f"<g><title>{escape(sentence)}</title>{''.join(parts)}</g>")
    desc = _(
        "The mean weighted discrepancy score of each competency in the earlier wave (hollow "
        "circle) and in this one (filled square), with what became of the gap. "
    )
    desc += "; ".join(described)
    return _svg("".join(body), width=width, height=height, title=title, desc=desc, ids=ids)
