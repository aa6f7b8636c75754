"""Colours, the alignment colour scale and the fonts.

The map uses a blue–orange diverging scale (colour-blind safe: it stays readable with red-green colour
blindness, unlike red–green or red–blue with a dark middle): Washington's side blue, Moscow's side orange,
a light neutral in the middle.  Countries outside the scenario are a muted grey.
"""

from __future__ import annotations

import sys

import pygame

from game.assets import AssetError, asset_path

Color = tuple[int, int, int]

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

# Stops of the diverging scale, alignment -100 (Moscow) .. +100 (Washington).
_STOPS: list[tuple[float, Color]] = [
    (-100.0, (127, 59, 8)),
    (-60.0, (179, 88, 6)),
    (-30.0, (241, 163, 64)),
    (-10.0, (254, 224, 182)),
    (0.0, (236, 236, 232)),
    (10.0, (209, 229, 240)),
    (30.0, (146, 197, 222)),
    (60.0, (67, 147, 195)),
    (100.0, (33, 102, 172)),
]


def alignment_color(value: float) -> Color:
    value = max(-100.0, min(100.0, float(value)))
    for (x0, c0), (x1, c1) in zip(_STOPS, _STOPS[1:]):
        if value <= x1:
            t = (value - x0) / (x1 - x0) if x1 > x0 else 0.0
            return tuple(round(a + (b - a) * t) for a, b in zip(c0, c1))  # type: ignore[return-value]
    return _STOPS[-1][1]


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
