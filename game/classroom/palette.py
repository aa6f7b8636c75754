"""Colours the printed pages and the window share.

The alignment scale is blue-orange and diverging (colour-blind safe: it stays readable with red-green colour
blindness, unlike red-green or red-blue with a dark middle): Washington's side blue, Moscow's side orange, a
light neutral in the middle.  The map, the swatches of the printed reports and their charts all read it here;
``game.ui.theme`` reuses it for the window.  No pygame: colours are plain RGB tuples.
"""

from __future__ import annotations

Color = tuple[int, int, int]

# Stops of the diverging scale, alignment -100 (Moscow) .. +100 (Washington).
ALIGNMENT_STOPS: tuple[tuple[float, Color], ...] = (
    (-100.0, (127, 59, 8)),
    (-60.0, (179, 88, 6)),
    (-30.0, (241, 163, 64)),
    (-10.0, (254, 224, 182)),
    (0.0, (236, 236, 232)),
    (10.0, (209, 229, 240)),
    (30.0, (146, 197, 222)),
    (60.0, (67, 147, 195)),
    (100.0, (33, 102, 172)),
)


def alignment_color(value: float) -> Color:
    value = max(-100.0, min(100.0, float(value)))
    for (x0, c0), (x1, c1) in zip(ALIGNMENT_STOPS, ALIGNMENT_STOPS[1:]):
        if value <= x1:
            t = (value - x0) / (x1 - x0) if x1 > x0 else 0.0
            return tuple(round(a + (b - a) * t) for a, b in zip(c0, c1))  # type: ignore[return-value]
    return ALIGNMENT_STOPS[-1][1]


def hex_color(rgb: Color) -> str:
    r, g, b = rgb
    return f"#{r:02x}{g:02x}{b:02x}"
