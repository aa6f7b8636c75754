"""Charts for the printed pages, as inline SVG: the report's score and alignment charts, the class view's
histogram.

They are the debrief's charts redrawn for paper: the same -100..100 scale with the two sides' halves faintly
tinted, the same dashed thresholds, this game's line over the historical playbook's, the weeks played as history
went greyed out.  SVG keeps a page one self-contained file (no image files, nothing fetched), prints sharp at any
size, and its text is the page's own text in the page's fonts, so no pygame and no font files are needed.

Text cannot be measured without a font, so label widths (for shortening a long name and for moving colliding
labels to another row) are estimated from the character count with a generous average glyph width.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

import numpy as np

from .palette import Color, alignment_color, hex_color

# Print colours (paper is white): the window's panel and text colours would be dark-on-dark.
PANEL = (252, 252, 250)
LINE = (188, 194, 204)
TEXT = (20, 24, 30)
TEXT_DIM = (84, 92, 106)
TEXT_FAINT = (126, 134, 148)
WASHINGTON = (78, 148, 220)
MOSCOW = (232, 130, 50)
YOU = (28, 44, 74)
HISTORY = (196, 132, 36)
PRELUDE = (120, 126, 136)

_WEIGHTS = {"regular": 400, "semibold": 600, "bold": 700}
_EM = {"regular": 0.53, "semibold": 0.56, "bold": 0.58}  # average glyph width per font size (Inter, Arial)


def _mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def _n(x: float) -> str:
    """A coordinate, short: 12, 12.5, 12.25."""
    return f"{x:.2f}".rstrip("0").rstrip(".")


def text_width(text: str, style: str = "regular", size: float = 9) -> float:
    return len(text) * size * _EM[style]


def _fit(text: str, style: str, size: float, width: float) -> str:
    if text_width(text, style, size) <= width:
        return text
    keep = max(1, int(width / (size * _EM[style])) - 1)
    return text[:keep].rstrip() + "…"


class _Svg:
    """The elements of one chart, in drawing order."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self.parts: list[str] = []

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: Color | None,
        stroke: Color | None = None,
        opacity: float = 1.0,
    ) -> None:
        paint = f'fill="{hex_color(fill)}"' if fill else 'fill="none"'
        if stroke:
            paint += f' stroke="{hex_color(stroke)}" stroke-width="0.75"'
        if opacity < 1:
            paint += f' fill-opacity="{_n(opacity)}"'
        self.parts.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" {paint}/>')

    def line(
        self, x0: float, y0: float, x1: float, y1: float, colour: Color, width: float = 0.75, dashed: bool = False
    ) -> None:
        dash = ' stroke-dasharray="2 2"' if dashed else ""
        self.parts.append(
            f'<line x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(x1)}" y2="{_n(y1)}" stroke="{hex_color(colour)}" '
            f'stroke-width="{_n(width)}"{dash}/>'
        )

    def polyline(self, points: list[tuple[float, float]], colour: Color, width: float) -> None:
        pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
        self.parts.append(
            f'<polyline points="{pts}" fill="none" stroke="{hex_color(colour)}" stroke-width="{_n(width)}" '
            'stroke-linejoin="round" stroke-linecap="round"/>'
        )

    def dot(self, x: float, y: float, r: float, colour: Color) -> None:
        self.parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{hex_color(colour)}"/>')

    def text(
        self,
        x: float,
        y: float,
        text: str,
        style: str = "regular",
        size: float = 9,
        colour: Color = TEXT,
        anchor: str = "start",
        baseline: str = "top",
    ) -> None:
        """``baseline``: where ``y`` is on the text - "top", "middle" or "bottom" (of the letters)."""
        shift = {"top": 0.8, "middle": 0.35, "bottom": -0.05}[baseline] * size
        self.parts.append(
            f'<text x="{_n(x)}" y="{_n(y + shift)}" font-size="{_n(size)}" font-weight="{_WEIGHTS[style]}" '
            f'fill="{hex_color(colour)}" text-anchor="{anchor}">{escape(text)}</text>'
        )

    def render(self, label: str) -> str:
        return (
            f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(self.width)} '
            f'{_n(self.height)}" role="img" aria-label="{escape(label)}" font-family="inherit">'
            f"<title>{escape(label)}</title>" + "".join(self.parts) + "</svg>"
        )


def _line_chart(
    svg: _Svg,
    box: tuple[float, float, float, float],
    series: list[tuple[np.ndarray, Color, float]],
    weeks: int,
    lo: float = -100.0,
    hi: float = 100.0,
    thresholds: Sequence[float] = (),
) -> None:
    """The debrief's line chart (``game.ui.charts.line_chart``) on paper: lines of a value per week, the two
    sides' halves tinted, thresholds dashed."""
    x, y, w, h = box

    def y_of(v: float) -> float:
        return y + h - (v - lo) / (hi - lo) * h

    if lo < 0 < hi:
        zero = y_of(0.0)
        svg.rect(x, y, w, zero - y, _mix(PANEL, WASHINGTON, 0.10))
        svg.rect(x, zero, w, y + h - zero, _mix(PANEL, MOSCOW, 0.10))
        svg.line(x, zero, x + w, zero, LINE)
    else:
        svg.rect(x, y, w, h, PANEL)
    for value in thresholds:
        if not math.isnan(value) and lo < value < hi:
            svg.line(x, y_of(value), x + w, y_of(value), TEXT_FAINT, 0.6, dashed=True)
    span = max(1, weeks)
    for values, colour, width in series:
        values = np.asarray(values, dtype=float)
        if len(values) == 0:
            continue
        points = [(x + w * i / span, y_of(max(lo, min(hi, float(v))))) for i, v in enumerate(values)]
        if len(points) >= 2:
            svg.polyline(points, colour, width)
        svg.dot(*points[-1], max(1.0, width + 0.5), colour)
    svg.rect(x, y, w, h, None, LINE)


def _shade_prelude(svg: _Svg, box: tuple[float, float, float, float], first_turn: int, weeks: int) -> None:
    """Grey out the weeks played as history went before the players took over (a shorter game)."""
    if first_turn > 0:
        x, y, w, h = box
        svg.rect(x, y, w * min(first_turn, weeks) / max(1, weeks), h, PRELUDE, opacity=0.18)


def _ink(value: float) -> Color:
    """The alignment colour, darkened near the middle so that it stays readable on paper."""
    return (70, 76, 88) if abs(value) < 30 else alignment_color(value)


def alignment_grid(
    names: Sequence[str],
    you: np.ndarray,
    history: np.ndarray | None,
    thresholds: Sequence[float],
    weeks: int,
    first_turn: int = 0,
    cols: int = 4,
    width: int = 680,
) -> str:
    """Small multiples, one per country: its alignment week by week in this game (``you``, (W+1, C)) and
    with the historical playbook (``history``), on -100..100 with the country's threshold dashed."""
    rows = max(1, math.ceil(len(names) / cols))
    cell_w, cell_h = width / cols, 92
    svg = _Svg(width, rows * cell_h)
    for i, name in enumerate(names):
        cx, cy = (i % cols) * cell_w, (i // cols) * cell_h
        end = float(you[-1, i])
        svg.text(cx + 2, cy + 3, _fit(name, "semibold", 11, cell_w - 40), "semibold", 11, TEXT)
        svg.text(cx + cell_w - 10, cy + 3, f"{end:+.0f}", "bold", 11, _ink(end), "end")
        box = (cx + 2, cy + 20, cell_w - 12, cell_h - 30)
        series = [(history[:, i], HISTORY, 1.0)] if history is not None else []
        series.append((you[:, i], YOU, 1.6))
        _line_chart(svg, box, series, weeks, thresholds=[float(thresholds[i])])
        _shade_prelude(svg, box, first_turn, weeks)
    return svg.render("alignment week by week: " + ", ".join(names))


def score_chart(
    you: Sequence[float],
    history: Sequence[float] | None,
    tiers: Sequence[tuple[str, float]],
    weeks: int,
    first_turn: int = 0,
    width: int = 680,
    height: int = 220,
) -> str:
    """The score the game would have had had the crisis resolved that week, week by week, with the outcome
    tiers' cut-offs dashed and named.  The range is fitted to the lines (never outside 0..100)."""
    svg = _Svg(width, height)
    x, y, w, h = 30.0, 8.0, width - 40.0, height - 30.0
    values = np.concatenate([np.asarray(you, float)] + ([np.asarray(history, float)] if history is not None else []))
    lo = max(0.0, math.floor((values.min() - 6) / 10) * 10)
    hi = min(100.0, math.ceil((values.max() + 6) / 10) * 10)
    cutoffs = sorted((float(m), name) for name, m in tiers if lo < m < hi)
    series = [(np.asarray(history, float), HISTORY, 1.5)] if history is not None else []
    series.append((np.asarray(you, float), YOU, 2.2))
    _line_chart(svg, (x, y, w, h), series, weeks, lo, hi, [m for m, _ in cutoffs])
    _shade_prelude(svg, (x, y, w, h), first_turn, weeks)

    def y_of(v: float) -> float:
        return y + h - (v - lo) / (hi - lo) * h

    # The cut-offs' names, inside the chart at the left; a name that would touch the one below moves right.
    last_y, last_right = None, 0.0
    for m, name in cutoffs:
        label = f"{name} from {m:g}"
        left = x + 4
        if last_y is not None and last_y - y_of(m) < 11:
            left = last_right + 12
        svg.text(left, y_of(m) - 1.5, label, "regular", 9, TEXT_DIM, baseline="bottom")
        last_y, last_right = y_of(m), left + text_width(label, "regular", 9)
    for v in range(int(lo), int(hi) + 1, 10):
        svg.text(x - 4, y_of(v), f"{v}", "regular", 9, TEXT_FAINT, "end", "middle")
    svg.text(x, y + h + 3, "week 1", "regular", 9, TEXT_FAINT)
    svg.text(x + w, y + h + 3, "end", "regular", 9, TEXT_FAINT, "end")
    return svg.render("score week by week")


class _Lanes:
    """Rows for labels along an axis: each label takes the first row where it overlaps no other."""

    def __init__(self, gap: float) -> None:
        self.rows: list[list[tuple[float, float]]] = []
        self.gap = gap

    def place(self, x0: float, x1: float) -> int:
        for i, row in enumerate(self.rows):
            if all(x1 + self.gap <= a or x0 >= b + self.gap for a, b in row):
                row.append((x0, x1))
                return i
        self.rows.append([(x0, x1)])
        return len(self.rows) - 1


def histogram(
    scores: Sequence[float],
    marks: Sequence[tuple[float, str]] = (),
    tiers: Sequence[tuple[str, float]] = (),
    width: int = 680,
    height: int = 220,
) -> str:
    """How many games ended with each score (bins of 2.5 points over the range played), with vertical marks
    (the class median, the historical playbook) named above the chart and the tiers' cut-offs dashed and named
    inside it.  Labels that would collide go to the next row."""
    svg = _Svg(width, height)
    scores = np.asarray(list(scores), dtype=float)
    line_h = 11.0
    x, y = 34.0, 4 + 2 * line_h
    w, h = width - 44.0, height - 26 - 2 * line_h
    values = np.concatenate([scores, [m for m, _ in marks]]) if len(marks) else scores
    lo = math.floor((values.min() if values.size else 0.0) / 5.0) * 5.0 - 5.0
    hi = math.ceil((values.max() if values.size else 100.0) / 5.0) * 5.0 + 5.0
    lo, hi = max(0.0, lo), min(100.0, hi)
    if hi - lo < 10:
        hi = min(100.0, lo + 10)
    step = 2.5
    edges = np.arange(lo, hi + step / 2, step)
    counts, _ = np.histogram(scores, bins=edges)
    top = max(1, int(counts.max()) if counts.size else 1)

    def x_of(v: float) -> float:
        return x + (v - lo) / (hi - lo) * w

    svg.rect(x, y, w, h, PANEL)
    for k, count in enumerate(counts):
        if count:
            x0, x1 = x_of(edges[k]), x_of(edges[k + 1])
            bar_h = (h - 2 * line_h) * count / top
            svg.rect(x0 + 0.5, y + h - bar_h, max(0.5, x1 - x0 - 1), bar_h, WASHINGTON)
            svg.text((x0 + x1) / 2, y + h - bar_h - 1, str(int(count)), "semibold", 9, TEXT, "middle", "bottom")
    inside = _Lanes(6)
    for name, m in tiers:
        if lo < m < hi:
            xm = x_of(m)
            svg.line(xm, y, xm, y + h, TEXT_FAINT, 0.6, dashed=True)
            lane = inside.place(xm + 3, xm + 3 + text_width(name))
            svg.text(xm + 3, y + 2 + lane * line_h, name, "regular", 9, TEXT_DIM)
    above = _Lanes(8)
    mark_colours = [YOU, HISTORY, PRELUDE]
    for i, (value, label) in enumerate(marks):
        colour = mark_colours[i % len(mark_colours)]
        xm = x_of(value)
        half = text_width(label, "semibold", 9) / 2
        lane = above.place(xm - half, xm + half)
        top_y = y - (lane + 1) * line_h
        svg.line(xm, top_y + line_h, xm, y + h, colour, 1.5)
        svg.text(xm, top_y, label, "semibold", 9, colour, "middle")
    svg.rect(x, y, w, h, None, LINE)
    for v in np.arange(math.ceil(lo / 10) * 10, hi + 0.01, 10):
        svg.line(x_of(v), y + h, x_of(v), y + h + 3, LINE)
        svg.text(x_of(v), y + h + 4, f"{v:.0f}", "regular", 9, TEXT_DIM, "middle")
    svg.text(x - 6, y + h, "0", "regular", 9, TEXT_FAINT, "end", "bottom")
    svg.text(x - 6, y + h + 4, "score", "regular", 9, TEXT_FAINT, "end")
    return svg.render("histogram of scores")
