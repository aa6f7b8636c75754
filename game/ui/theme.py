"""Colours, the alignment colour scale and the fonts.

The map uses the blue–orange diverging alignment scale of ``game.classroom.palette`` (one copy, shared with the
printed reports).  Countries outside the scenario are a muted grey.
"""

from __future__ import annotations

import sys

import pygame

from game.assets import AssetError, asset_path

# The screens draw with T.alignment_color: the one scale, defined below the window so that reports share it.
from game.classroom.palette import Color, alignment_color  # noqa: F401

BG = (17, 22, 30)
PANEL = (26, 33, 44)
PANEL_2 = (33, 42, 56)
PANEL_3 = (43, 54, 71)
LINE = (58, 70, 90)
OCEAN = (20, 30, 44)
LAND_OTHER = (62, 67, 76)
BORDER_OTHER = (44, 49, 58)
TEXT = (232, 236, 242)
TEXT_DIM = (160, 170, 186)
TEXT_FAINT = (112, 122, 140)
ACCENT = (246, 193, 77)  # gold: focus, highlight, the player's actions
GOOD = (110, 200, 140)
BAD = (240, 110, 100)
WASHINGTON = (78, 148, 220)
MOSCOW = (232, 130, 50)
NEUTRAL = (200, 200, 200)
SHADOW = (0, 0, 0)


def delta_color(delta: float) -> Color:
    if delta > 0.05:
        return (120, 180, 240)
    if delta < -0.05:
        return (245, 160, 90)
    return TEXT_DIM


def mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


def readable_on(bg: Color) -> Color:
    lum = 0.299 * bg[0] + 0.587 * bg[1] + 0.114 * bg[2]
    return (20, 24, 30) if lum > 150 else TEXT


FONT_FILES = {
    "regular": "Inter-Regular.otf",
    "semibold": "Inter-SemiBold.otf",
    "bold": "Inter-Bold.otf",
    "sym": "DejaVuSans.ttf",  # arrows, checks and other symbols Inter may lack
    "symbold": "DejaVuSans-Bold.ttf",
}


class Fonts:
    """Font objects by (style, pixel size); a missing or broken file falls back to pygame's default font and
    leaves a one-line message in ``problems`` for the window to show."""

    def __init__(self) -> None:
        self._paths: dict[str, str | None] = {}
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self.problems: list[str] = []
        for style, name in FONT_FILES.items():
            try:
                path = asset_path("fonts", name)
                pygame.font.Font(str(path), 12)
                self._paths[style] = str(path)
            except (AssetError, OSError, pygame.error) as exc:
                self._paths[style] = None
                message = str(exc) if isinstance(exc, AssetError) else f"cannot read font {name}: {exc}"
                self.problems.append(f"{message}; using the default font")
                print(f"flood-the-zone: {message}; using the default font", file=sys.stderr)

    def get(self, style: str, size: int) -> pygame.font.Font:
        key = (style, max(6, int(size)))
        font = self._fonts.get(key)
        if font is None:
            path = self._paths.get(style)
            try:
                font = pygame.font.Font(path, key[1])
            except (OSError, pygame.error):
                font = pygame.font.Font(None, key[1])
            self._fonts[key] = font
        return font
