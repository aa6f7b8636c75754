"""Toasts: short messages that fade, stacked where the screen says they hide nothing the player needs (over the
map, never the news feed or the side panel) and clear of the tutorial's card."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from . import theme as T
from .widgets import TextCache


@dataclass
class Toast:
    text: str
    until: float
    kind: str = "info"


def draw_toasts(
    surface: pygame.Surface,
    texts: TextCache,
    s: float,
    toasts: list[Toast],
    region: pygame.Rect,
    card: pygame.Rect | None,
) -> list[pygame.Rect]:
    """Draw ``toasts`` (newest nearest the region's edge) in ``region``, off ``card``; returns the boxes drawn."""
    if not toasts:
        return []
    gap = round(8 * s)
    rendered = []
    for toast in reversed(toasts):
        text = texts.render(toast.text, "semibold", round(14 * s), T.TEXT)
        if text.get_width() > region.width - round(40 * s):  # a long toast is cut to the region
            text = text.subsurface((0, 0, max(1, region.width - round(40 * s)), text.get_height()))
        rendered.append((toast, text))
    sizes = [t.get_rect().inflate(round(28 * s), round(16 * s)).size for _, t in rendered]
    height = sum(h for _, h in sizes) + gap * (len(sizes) - 1)
    width = max(w for w, _ in sizes)
    columns = [region]
    if card is not None and card.colliderect(region):
        columns += [
            pygame.Rect(region.x, region.y, card.left - region.x, region.height),
            pygame.Rect(card.right, region.y, region.right - card.right, region.height),
        ]
    stacks = [(c, up) for c in columns for up in (True, False) if c.width >= width]
    column, upward = stacks[0] if stacks else (region, True)
    for c, up in stacks:
        top = c.bottom - height if up else c.top
        if card is None or not pygame.Rect(c.centerx - width // 2, top, width, height).colliderect(card):
            column, upward = c, up
            break
    y = column.bottom if upward else column.top
    drawn = []
    for (toast, text), (w, h) in zip(rendered, sizes, strict=True):
        box = pygame.Rect(0, 0, w, h)
        if upward:
            box.midbottom = (column.centerx, y)
            y = box.top - gap
        else:
            box.midtop = (column.centerx, y)
            y = box.bottom + gap
        colour = {"good": (38, 90, 60), "bad": (110, 45, 40)}.get(toast.kind, (45, 58, 78))
        pygame.draw.rect(surface, colour, box, border_radius=round(8 * s))
        drawn.append(box.inflate(2, 2))
        pygame.draw.rect(surface, T.LINE, box, 1, border_radius=round(8 * s))
        surface.blit(text, text.get_rect(center=box.center))
    return drawn
