"""The browser's map: the game's own Natural Earth outlines (``assets/map/world_50m.npz``, read through
``game.worldmap``) as one SVG, in the desktop map's projection (Miller) and its world view.

Each country of the crisis is a ``<path>`` with ``data-code`` (its ISO code) so the page colours and clicks it;
the rest of the world is one grey path behind them.  Points closer than a fraction of a pixel are dropped, which
keeps the file small enough for a Chromebook on a busy school network (about 200 KB) without changing what is
seen at the page's size.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

import numpy as np

from game.worldmap import WORLD_VIEW, WorldMap, project

WIDTH, HEIGHT = 1000.0, 560.0
MIN_STEP = 1.0  # px: a point this close to the last one kept adds nothing visible at the page's size


def _ring_path(ring: np.ndarray) -> str:
    xs, ys = project(ring[:, 0], ring[:, 1], WIDTH, HEIGHT, WORLD_VIEW)
    kept = [(xs[0], ys[0])]
    for x, y in zip(xs[1:], ys[1:]):
        if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= MIN_STEP:
            kept.append((x, y))
    if len(kept) < 3:
        return ""
    return "M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z"


def _country_path(world: WorldMap, code: str) -> str:
    return "".join(_ring_path(r) for r in world.country_rings(code))


def map_svg(world: WorldMap, codes: list[str], names: list[str]) -> str:
    """The SVG text: the world in grey, then the crisis's countries (``codes``, titled with ``names``)."""
    ours = set(codes)
    background = "".join(_country_path(world, c) for c in world.codes if c not in ours)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH:.0f} {HEIGHT:.0f}" role="img" '
        'aria-label="Map of the crisis">',
        f'<path class="world" d="{background}"/>',
    ]
    for code, name in zip(codes, names):
        if code not in world:
            continue
        d = _country_path(world, code)
        if d:
            parts.append(
                f'<path class="country" data-code={quoteattr(code)} d="{d}"><title>{_text(name)}</title></path>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
