"""Alignment-over-time charts (the dossier's history and the debrief's small multiples)."""

from __future__ import annotations

import math

import numpy as np
import pygame

from . import theme as T
from .widgets import Ui


def _y(value: float, rect: pygame.Rect, lo: float, hi: float) -> float:
    return rect.bottom - (value - lo) / (hi - lo) * rect.height


def line_chart(
    ui: Ui,
    rect: pygame.Rect,
    series: list[tuple[np.ndarray, T.Color, int]],
    weeks: int,
    lo: float = -100.0,
    hi: float = 100.0,
    thresholds: list[tuple[float, str]] = (),
    axis_labels: bool = True,
    compact: bool = False,
) -> None:
    """Lines of alignment per week on a -100..100 band; ``weeks`` sets the x range (0..weeks).

    Background bands show the two sides; threshold lines (sanctions, UN yes, ...) are dashed with a label.
    """
    rect = pygame.Rect(rect)
    surf = ui.surface
    screen = rect.move(0, ui.dy)
    # the two halves tinted with their side's colour, very faintly
    zero = _y(0.0, screen, lo, hi)
    if lo < 0 < hi:
        pygame.draw.rect(surf, T.mix(T.PANEL_2, T.WASHINGTON, 0.10), (screen.x, screen.y, screen.w, zero - screen.y))
        pygame.draw.rect(surf, T.mix(T.PANEL_2, T.MOSCOW, 0.10), (screen.x, zero, screen.w, screen.bottom - zero))
        pygame.draw.line(surf, T.LINE, (screen.x, zero), (screen.right, zero))
    else:
        pygame.draw.rect(surf, T.PANEL_2, screen)
    for value, label in thresholds:
        if not (lo < value < hi) or math.isnan(value):
            continue
        y = round(_y(value, screen, lo, hi))
        for x in range(screen.x, screen.right, 6):
            pygame.draw.line(surf, T.TEXT_FAINT, (x, y), (min(x + 3, screen.right), y))
        if label and not compact:
            ui.text((rect.right - ui.px(3), y - ui.dy - 1), label, "regular", 10, T.TEXT_DIM, "bottomright")
    span = max(1, weeks)
    for values, colour, width in series:
        values = np.asarray(values, dtype=float)
        if len(values) == 0:
            continue
        pts = [(screen.x + screen.w * i / span, _y(max(lo, min(hi, v)), screen, lo, hi)) for i, v in enumerate(values)]
        if len(pts) >= 2:
            pygame.draw.lines(surf, colour, False, pts, width)
        end = pts[-1]
        pygame.draw.circle(surf, colour, (round(end[0]), round(end[1])), max(2, width + 1))
    pygame.draw.rect(surf, T.LINE, screen, 1)
    if axis_labels and not compact:
        ui.text((rect.x - ui.px(4), rect.y), f"{hi:+.0f}", "regular", 10, T.TEXT_FAINT, "topright")
        ui.text((rect.x - ui.px(4), rect.bottom), f"{lo:+.0f}", "regular", 10, T.TEXT_FAINT, "bottomright")
        ui.text((rect.x, rect.bottom + ui.px(2)), "week 1", "regular", 10, T.TEXT_FAINT)
        ui.text((rect.right, rect.bottom + ui.px(2)), "end", "regular", 10, T.TEXT_FAINT, "topright")
