"""PNG charts for the printed reports, drawn offscreen by the game's own chart code (``charts.line_chart``).

Why pygame and not a second chart library: the report's alignment charts must be the debrief's charts (same
scale, the same tinted halves for the two sides, the same dashed thresholds), and the text in them needs the
game's fonts.  Drawing them with ``line_chart`` on an offscreen Surface gives exactly that, with no new
dependency; a pure-numpy PNG writer would have to redo the chart and render text by itself.  Nothing here
needs a window or a display: only ``pygame.font`` is initialised, and the surfaces are saved to PNG bytes.

Paper is white, so while a report chart is drawn the theme's panel and text colours are swapped for a print
palette (``charts.line_chart`` reads them from ``theme`` at call time); they are restored before returning.
This module is the only pygame the classroom package touches, and it is imported only when a report is
written (``game.classroom.report``).
"""

from __future__ import annotations

import contextlib
import io
import math
import os
from collections.abc import Sequence

import numpy as np

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402  (the prompt variable must be set first)

from . import theme as T  # noqa: E402
from .charts import line_chart  # noqa: E402
from .widgets import TextCache, Ui  # noqa: E402

SCALE = 2  # pixels per CSS pixel: crisp on paper and on high-density screens
YOU = (28, 44, 74)
HISTORY = (196, 132, 36)
PRELUDE = (120, 126, 136)

_PRINT = {
    "BG": (255, 255, 255),
    "PANEL": (255, 255, 255),
    "PANEL_2": (252, 252, 250),
    "PANEL_3": (232, 235, 240),
    "LINE": (188, 194, 204),
    "TEXT": (20, 24, 30),
    "TEXT_DIM": (84, 92, 106),
    "TEXT_FAINT": (126, 134, 148),
}

_fonts: T.Fonts | None = None


@contextlib.contextmanager
def _print_palette():
    saved = {name: getattr(T, name) for name in _PRINT}
    try:
        for name, colour in _PRINT.items():
            setattr(T, name, colour)
        yield
    finally:
        for name, colour in saved.items():
            setattr(T, name, colour)


def _ui(width: int, height: int) -> Ui:
    global _fonts
    if not pygame.font.get_init():
        pygame.font.init()
    if _fonts is None:
        _fonts = T.Fonts()
    surface = pygame.Surface((width * SCALE, height * SCALE))
    surface.fill(_PRINT["BG"])
    return Ui(surface, _fonts, TextCache(_fonts, 400), float(SCALE), {})


def _png(surface: pygame.Surface) -> bytes:
    buffer = io.BytesIO()
    pygame.image.save(surface, buffer, "chart.png")
    return buffer.getvalue()


def _shade_prelude(ui: Ui, rect: pygame.Rect, first_turn: int, weeks: int) -> None:
    """Grey out the weeks played as history went before the players took over (a shorter game)."""
    if first_turn <= 0:
        return
    w = round(rect.width * min(first_turn, weeks) / max(1, weeks))
    veil = pygame.Surface((max(1, w), rect.height), pygame.SRCALPHA)
    veil.fill((*PRELUDE, 46))
    ui.surface.blit(veil, (rect.x, rect.y))


def alignment_grid(
    names: Sequence[str],
    you: np.ndarray,
    history: np.ndarray | None,
    thresholds: Sequence[float],
    weeks: int,
    first_turn: int = 0,
    cols: int = 4,
    width: int = 680,
) -> bytes:
    """Small multiples, one per country: its alignment week by week in this game (``you``, (W+1, C)) and
    with the historical playbook (``history``), on -100..100 with the country's threshold dashed."""
    n = len(names)
    rows = max(1, math.ceil(n / cols))
    cell_w, cell_h = width // cols, 92
    ui = _ui(width, rows * cell_h)
    px = ui.px
    with _print_palette():
        for i, name in enumerate(names):
            cx, cy = (i % cols) * cell_w, (i // cols) * cell_h
            end = float(you[-1, i])
            ui.text((px(cx + 2), px(cy + 2)), name, "semibold", 11, T.TEXT, max_width=px(cell_w - 44))
            ui.text((px(cx + cell_w - 10), px(cy + 2)), f"{end:+.0f}", "bold", 11, _ink(end), "topright")
            chart = pygame.Rect(px(cx + 2), px(cy + 20), px(cell_w - 12), px(cell_h - 30))
            series = []
            if history is not None:
                series.append((history[:, i], HISTORY, px(1)))
            series.append((you[:, i], YOU, px(1.6)))
            threshold = float(thresholds[i])
            line_chart(ui, chart, series, weeks, thresholds=[(threshold, "")], compact=True)
            _shade_prelude(ui, chart, first_turn, weeks)
    return _png(ui.surface)


def score_chart(
    you: np.ndarray,
    history: np.ndarray | None,
    tiers: Sequence[tuple[str, float]],
    weeks: int,
    first_turn: int = 0,
    width: int = 680,
    height: int = 220,
) -> bytes:
    """The score the game would have had had the crisis resolved that week, week by week, with the outcome
    tiers' cut-offs dashed and named.  The range is fitted to the lines (never outside 0..100)."""
    ui = _ui(width, height)
    px = ui.px
    with _print_palette():
        chart = pygame.Rect(px(30), px(8), px(width - 40), px(height - 30))
        values = np.concatenate(
            [np.asarray(you, float)] + ([np.asarray(history, float)] if history is not None else [])
        )
        lo = max(0.0, math.floor((values.min() - 6) / 10) * 10)
        hi = min(100.0, math.ceil((values.max() + 6) / 10) * 10)
        cutoffs = sorted((float(m), name) for name, m in tiers if lo < m < hi)
        series = []
        if history is not None:
            series.append((history, HISTORY, px(1.5)))
        series.append((you, YOU, px(2.2)))
        line_chart(ui, chart, series, weeks, lo=lo, hi=hi, thresholds=[(m, "") for m, _ in cutoffs], axis_labels=False)
        _shade_prelude(ui, chart, first_turn, weeks)
        # The cut-offs' names, inside the chart at the left; a name that would touch the one below moves right.
        last_y, last_right = None, 0
        for m, name in cutoffs:
            y = round(chart.bottom - (m - lo) / (hi - lo) * chart.height)
            label = f"{name} from {m:g}"
            x = chart.x + px(4)
            if last_y is not None and last_y - y < ui.line_height("regular", 9):
                x = last_right + px(12)
            r = ui.text((x, y - px(1)), label, "regular", 9, T.TEXT_DIM, "bottomleft")
            last_y, last_right = y, r.right
        for v in range(int(lo), int(hi) + 1, 10):
            y = round(chart.bottom - (v - lo) / (hi - lo) * chart.height)
            ui.text((chart.x - px(4), y), f"{v}", "regular", 9, T.TEXT_FAINT, "midright")
        ui.text((chart.x, chart.bottom + px(3)), "week 1", "regular", 9, T.TEXT_FAINT)
        ui.text((chart.right, chart.bottom + px(3)), "end", "regular", 9, T.TEXT_FAINT, "topright")
    return _png(ui.surface)


class _Lanes:
    """Rows for labels along an axis: each label takes the first row where it overlaps no other."""

    def __init__(self, gap: int) -> None:
        self.rows: list[list[tuple[int, int]]] = []
        self.gap = gap

    def place(self, x0: int, x1: int) -> int:
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
) -> bytes:
    """How many games ended with each score (bins of 2.5 points over the range played), with vertical marks
    (the class median, the historical playbook) named above the chart and the tiers' cut-offs dashed and named
    inside it.  Labels that would collide go to the next row."""
    ui = _ui(width, height)
    px = ui.px
    scores = np.asarray(list(scores), dtype=float)
    mark_colours = [YOU, HISTORY, PRELUDE]
    with _print_palette():
        line_h = ui.line_height("semibold", 9)
        rect = pygame.Rect(px(34), px(4) + 2 * line_h, px(width - 44), px(height - 26) - 2 * line_h)
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
            return rect.x + (v - lo) / (hi - lo) * rect.width

        ui.rect(rect, T.PANEL_2)
        for k, count in enumerate(counts):
            if not count:
                continue
            x0, x1 = x_of(edges[k]), x_of(edges[k + 1])
            h = (rect.height - 2 * line_h) * count / top
            bar = pygame.Rect(round(x0) + 1, round(rect.bottom - h), max(1, round(x1 - x0) - 2), round(h))
            pygame.draw.rect(ui.surface, T.WASHINGTON, bar)
            ui.text((bar.centerx, bar.y - px(1)), str(int(count)), "semibold", 9, T.TEXT, "midbottom")
        inside = _Lanes(px(6))
        for name, m in tiers:
            if not lo < m < hi:
                continue
            x = round(x_of(m))
            for y in range(rect.y, rect.bottom, px(6)):
                pygame.draw.line(ui.surface, T.TEXT_FAINT, (x, y), (x, min(y + px(3), rect.bottom)))
            w = ui.width_of(name, "regular", 9)
            lane = inside.place(x + px(3), x + px(3) + w)
            ui.text((x + px(3), rect.y + px(2) + lane * line_h), name, "regular", 9, T.TEXT_DIM)
        above = _Lanes(px(8))
        for i, (value, label) in enumerate(marks):
            colour = mark_colours[i % len(mark_colours)]
            x = round(x_of(value))
            w = ui.width_of(label, "semibold", 9)
            lane = above.place(x - w // 2, x + w // 2)
            y = rect.y - (lane + 1) * line_h
            pygame.draw.line(ui.surface, colour, (x, y + line_h), (x, rect.bottom), px(1.5))
            ui.text((x, y), label, "semibold", 9, colour, "midtop")
        pygame.draw.rect(ui.surface, T.LINE, rect, 1)
        for v in np.arange(math.ceil(lo / 10) * 10, hi + 0.01, 10):
            x = round(x_of(v))
            pygame.draw.line(ui.surface, T.LINE, (x, rect.bottom), (x, rect.bottom + px(3)))
            ui.text((x, rect.bottom + px(4)), f"{v:.0f}", "regular", 9, T.TEXT_DIM, "midtop")
        ui.text((rect.x - px(6), rect.bottom), "0", "regular", 9, T.TEXT_FAINT, "bottomright")
        ui.text((rect.x - px(6), rect.bottom + px(4)), "score", "regular", 9, T.TEXT_FAINT, "topright")
    return _png(ui.surface)


def _ink(value: float) -> T.Color:
    """The alignment colour, darkened near the middle so that it stays readable on paper."""
    colour = T.alignment_color(value)
    if abs(value) < 30:
        return (70, 76, 88)
    return colour
