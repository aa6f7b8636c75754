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


NO_GLYPH = "\U0010fffd"  # a private-use character: every font draws its "missing letter" box for it


def _pixels(font: pygame.font.Font, ch: str) -> bytes:
    return pygame.image.tobytes(font.render(ch, False, (255, 255, 255), (0, 0, 0)), "RGB")


class Fonts:
    """Font objects by (style, pixel size); a missing or broken file falls back to pygame's default font and
    leaves a one-line message in ``problems`` for the window to show."""

    def __init__(self) -> None:
        self._paths: dict[str, str | None] = {}
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self.problems: list[str] = []
        self._coverage: dict[tuple[int, str], bool] = {}
        self._boxes: dict[int, tuple] = {}  # each font's "missing letter" box: its metrics and pixels
        self._system_path: str | bool | None = None  # a system font for CJK names: None not looked for yet
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

    # Names come in every script ("Łukasz", "李雷", "Ярослава", "محمد"): Inter has Latin, Greek and Cyrillic,
    # the bundled DejaVu adds Arabic, Hebrew and more, and for Chinese, Japanese or Korean a font of the system
    # is looked for (none is bundled: a CJK font is tens of megabytes).  Without one, those letters show as boxes
    # in the window only; the files, the replay and the reports keep the name as typed.
    SYSTEM_FALLBACKS = (
        "notosanscjksc",
        "notosanscjk",
        "notosanscjkjp",
        "sourcehansans",
        "microsoftyahei",
        "msgothic",
        "malgungothic",
        "pingfangsc",
        "hiraginosans",
        "wenquanyimicrohei",
        "droidsansfallback",
        "arialunicodems",
    )

    def for_text(self, style: str, size: int, text: str) -> pygame.font.Font:
        """The style's font, or - when it lacks a letter of ``text`` - the first font that has them all (the
        bundled DejaVu, then a system font).  Plain ASCII never looks further."""
        font = self.get(style, size)
        if text.isascii() or self._covers(font, text):
            return font
        bold = style in ("bold", "semibold", "symbold")
        for other in ("symbold" if bold else "sym", "system"):
            fallback = self._system(size) if other == "system" else self.get(other, size)
            if fallback is not None and self._covers(fallback, text):
                return fallback
        return font

    def _covers(self, font: pygame.font.Font, text: str) -> bool:
        return all(self._has(font, ch) for ch in set(text) if not ch.isascii() and ch.isprintable())

    def _has(self, font: pygame.font.Font, ch: str) -> bool:
        """Does ``font`` draw ``ch``?  pygame gives a missing letter the metrics of the font's "missing" box, so
        a letter with those metrics is compared with the box itself (a private-use character no font here has)."""
        key = (id(font), ch)
        known = self._coverage.get(key)
        if known is None:
            try:
                box = self._boxes.get(id(font))
                if box is None:
                    box = self._boxes[id(font)] = (font.metrics(NO_GLYPH)[0], _pixels(font, NO_GLYPH))
                metrics = font.metrics(ch)[0]
                known = metrics is not None and (metrics != box[0] or _pixels(font, ch) != box[1])
            except (pygame.error, ValueError, UnicodeError):
                known = True  # nothing better to offer: draw it as the font can
            if len(self._coverage) > 4000:
                self._coverage.clear()
            self._coverage[key] = known
        return known

    def _system(self, size: int) -> pygame.font.Font | None:
        if self._system_path is False:
            return None
        if self._system_path is None:
            try:
                self._system_path = pygame.font.match_font(list(self.SYSTEM_FALLBACKS)) or False
            except (OSError, pygame.error, ValueError):
                self._system_path = False
            if self._system_path is False:
                return None
        key = ("system", max(6, int(size)))
        font = self._fonts.get(key)
        if font is None:
            try:
                font = pygame.font.Font(self._system_path, key[1])
            except (OSError, pygame.error):
                self._system_path = False
                return None
            self._fonts[key] = font
        return font
