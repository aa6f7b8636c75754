"""The world map: drawn once into a cached surface per size, view and alignment, with an id buffer for picking.

The id buffer is an offscreen image where every country is filled with its index + 1 in the red channel
(0 is sea).  Hover and click read one pixel of it, so picking costs the same whatever the map shows.
Small scenario countries (the Baltics at world zoom, Gulf states) get a round marker that is also in the
id buffer, and a click on sea picks the nearest scenario country within a few pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pygame

from game.worldmap import EUROPE_VIEW, WORLD_VIEW, View, WorldMap, fit_view, miller_y, project, unproject

from . import theme as T

MIN_SPAN = 6.0  # degrees of longitude at the closest zoom
# The dot on a capital that an order of the week reaches (drawn by the map panel at the label point): a name is
# written just below the point, never across it ("Ger●any").
ORDER_DOT_RADIUS = 5

# The capitals of the sides, by actor code (lon, lat): a country's centre is far from its capital for the
# largest ones (Russia's lies in Siberia), and the rival's moves are drawn from its capital.
CAPITALS = {"RUS": (37.62, 55.75), "USA": (-77.04, 38.91), "CHN": (116.40, 39.90), "FRA": (2.35, 48.86)}


@dataclass(frozen=True)
class _Key:
    size: tuple[int, int]
    view: View
    colours: bytes
    labels: bool


class MapView:
    def __init__(self, world: WorldMap, country_codes: tuple[str, ...], country_names: tuple[str, ...]):
        self.world = world
        self.codes = country_codes
        self.names = country_names
        # scenario index per world-map index (-1: not in the scenario)
        self.scenario_of = np.full(len(world.codes), -1, dtype=np.int64)
        self.world_of: dict[int, int] = {}
        for i, code in enumerate(country_codes):
            if code in world:
                w = world.index(code)
                self.scenario_of[w] = i
                self.world_of[i] = w
        rings, owners, holes = [], [], []
        for w, country_rings in enumerate(world.rings):
            for k, ring in enumerate(country_rings):
                rings.append(ring.astype(np.float64))
                owners.append(w)
                holes.append(world.holes[w][k])
        self._ring_owner = np.array(owners)
        self._ring_hole = np.array(holes, dtype=bool)
        lengths = np.array([len(r) for r in rings])
        self._ring_start = np.concatenate([[0], np.cumsum(lengths)])
        coords = np.concatenate(rings)
        self._lon = coords[:, 0]
        self._mill = miller_y(coords[:, 1])
        boxes = np.array([[r[:, 0].min(), r[:, 1].min(), r[:, 0].max(), r[:, 1].max()] for r in rings])
        self._ring_box = boxes
        self._labels = {i: world.centroid(code) for i, code in enumerate(country_codes) if code in world}
        self.home = WORLD_VIEW
        self.view = WORLD_VIEW
        self.size = (0, 0)
        self.surface: pygame.Surface | None = None
        self.ids: np.ndarray | None = None  # (w, h) uint8 world index + 1
        self._key: _Key | None = None
        self._screen_rings: dict[int, list[list[tuple[float, float]]]] = {}
        self._outlines: dict = {}
        self.markers: dict[int, tuple[int, int, int]] = {}  # scenario index -> (x, y, radius) of small countries
        self.label_rects: dict[int, pygame.Rect] = {}  # scenario index -> where its name is written
        self.renders = 0

    # ------------------------------------------------------------------------------------------ views

    def resize(self, size: tuple[int, int]) -> None:
        size = (max(1, int(size[0])), max(1, int(size[1])))
        if size != self.size:
            centre_view = self.view
            self.size = size
            self.view = fit_view(_clamp_span(centre_view), *size)

    def show(self, view: View) -> None:
        self.view = fit_view(view, *self.size) if self.size[0] > 1 else view

    def show_world(self) -> None:
        self.show(WORLD_VIEW)

    def show_europe(self) -> None:
        self.show(EUROPE_VIEW)

    def is_europe(self) -> bool:
        return (self.view.lon_max - self.view.lon_min) < 120

    def zoom(self, factor: float, anchor: tuple[int, int] | None = None) -> None:
        """Zoom by ``factor`` (>1 closer) keeping the point under ``anchor`` where it is."""
        w, h = self.size
        ax, ay = anchor if anchor is not None else (w / 2, h / 2)
        lon, lat = unproject(ax, ay, w, h, self.view)
        v = self.view
        span = (v.lon_max - v.lon_min) / factor
        span = max(MIN_SPAN, min(span, WORLD_VIEW.lon_max - WORLD_VIEW.lon_min))
        span_factor = (v.lon_max - v.lon_min) / span
        my = float(miller_y(lat))
        top, bottom = float(miller_y(v.lat_max)), float(miller_y(v.lat_min))
        new_top = my + (top - my) / span_factor
        new_bottom = my - (my - bottom) / span_factor
        lon_min = lon - (ax / w) * span
        self.view = _view_from(lon_min, lon_min + span, new_bottom, new_top)

    def pan(self, dx: float, dy: float) -> None:
        """Move the view by a drag of (dx, dy) pixels."""
        w, h = self.size
        v = self.view
        per_x = (v.lon_max - v.lon_min) / w
        top, bottom = float(miller_y(v.lat_max)), float(miller_y(v.lat_min))
        per_y = (top - bottom) / h
        lon_shift = -dx * per_x
        y_shift = dy * per_y
        lon_min = max(-200.0, min(v.lon_min + lon_shift, 200.0 - (v.lon_max - v.lon_min)))
        pole = float(miller_y(84.0))
        floor = float(miller_y(-60.0))
        new_bottom = bottom + y_shift
        new_top = top + y_shift
        if new_top > pole:
            new_bottom -= new_top - pole
            new_top = pole
        if new_bottom < floor:
            new_top += floor - new_bottom
            new_bottom = floor
        self.view = _view_from(lon_min, lon_min + (v.lon_max - v.lon_min), new_bottom, min(new_top, pole))

    # ----------------------------------------------------------------------------------------- render

    def colours(self, alignment: np.ndarray) -> list[T.Color]:
        return [T.alignment_color(a) for a in alignment]

    def render(self, alignment: np.ndarray, fonts: T.Fonts, scale: float, labels: bool = True) -> pygame.Surface:
        """The map image for this size, view and alignment (cached: drawn again only when one changes)."""
        colours = self.colours(alignment)
        key = _Key(self.size, self.view, bytes(np.array(colours, dtype=np.uint8)), labels)
        if self._key == key and self.surface is not None:
            return self.surface
        self._key = key
        self._outlines: dict = {}
        self.renders += 1
        w, h = self.size
        surf = pygame.Surface((w, h))
        surf.fill(T.OCEAN)
        ids = pygame.Surface((w, h))
        ids.fill((0, 0, 0))
        self._draw_graticule(surf)
        xs, ys = project(self._lon, 0.0, w, h, self.view)
        top = float(miller_y(self.view.lat_max))
        bottom = float(miller_y(self.view.lat_min))
        ys = (top - self._mill) * (h / (top - bottom))
        v = self.view
        visible = (
            (self._ring_box[:, 2] >= v.lon_min)
            & (self._ring_box[:, 0] <= v.lon_max)
            & (self._ring_box[:, 3] >= v.lat_min)
            & (self._ring_box[:, 1] <= v.lat_max)
        )
        self._screen_rings = {}
        border_scn = (30, 38, 50)
        # Pass 1: non-scenario land, pass 2: scenario countries on top (their borders stay crisp).
        order = sorted(np.flatnonzero(visible), key=lambda r: self.scenario_of[self._ring_owner[r]] >= 0)
        for r in order:
            owner = int(self._ring_owner[r])
            a, b = self._ring_start[r], self._ring_start[r + 1]
            pts = np.column_stack([xs[a:b], ys[a:b]])
            scn = int(self.scenario_of[owner])
            points = pts.tolist()
            if self._ring_hole[r]:
                # enclaves are drawn as their own countries too; the hole itself needs nothing
                continue
            fill = colours[scn] if scn >= 0 else T.LAND_OTHER
            pygame.draw.polygon(surf, fill, points)
            pygame.draw.polygon(ids, (owner + 1, 0, 0), points)
            if scn >= 0:
                self._screen_rings.setdefault(scn, []).append(points)
        for r in order:
            if self._ring_hole[r]:
                continue
            owner = int(self._ring_owner[r])
            a, b = self._ring_start[r], self._ring_start[r + 1]
            scn = int(self.scenario_of[owner])
            points = np.column_stack([xs[a:b], ys[a:b]]).tolist()
            pygame.draw.lines(surf, border_scn if scn >= 0 else T.BORDER_OTHER, True, points, 1)
        self._draw_markers(surf, ids, colours, scale)
        if labels:
            self._draw_labels(surf, fonts, scale)
        self.surface = surf
        arr = pygame.surfarray.array_red(ids)
        self.ids = arr
        return surf

    def _draw_graticule(self, surf: pygame.Surface) -> None:
        w, h = self.size
        v = self.view
        span = v.lon_max - v.lon_min
        step = 30 if span > 150 else 10 if span > 40 else 5
        colour = T.mix(T.OCEAN, (60, 80, 105), 0.35)
        for lon in range(int(math.floor(v.lon_min / step) * step), int(v.lon_max) + 1, step):
            x, _ = project(lon, 0.0, w, h, v)
            pygame.draw.line(surf, colour, (x, 0), (x, h))
        for lat in range(-90, 91, step):
            if v.lat_min < lat < v.lat_max:
                _, y = project(0.0, lat, w, h, v)
                pygame.draw.line(surf, colour, (0, y), (w, y))

    def _draw_markers(self, surf, ids, colours, scale) -> None:
        """Round markers for scenario countries too small to see or click at this zoom."""
        self.markers = {}
        w, h = self.size
        min_area = (11 * scale) ** 2
        radius = max(4, round(5 * scale))
        for i, rings in self._screen_rings.items():
            pts = np.concatenate([np.asarray(r) for r in rings])
            bw = pts[:, 0].max() - pts[:, 0].min()
            bh = pts[:, 1].max() - pts[:, 1].min()
            if bw * bh >= min_area:
                continue
            lon, lat = self._labels[i]
            x, y = project(lon, lat, w, h, self.view)
            x, y = round(x), round(y)
            self.markers[i] = (x, y, radius)
            pygame.draw.circle(ids, (self.world_of[i] + 1, 0, 0), (x, y), radius + round(3 * scale))
            pygame.draw.circle(surf, (15, 18, 24), (x, y), radius + 1)
            pygame.draw.circle(surf, colours[i], (x, y), radius)

    def _draw_labels(self, surf, fonts: T.Fonts, scale: float) -> None:
        w, h = self.size
        font = fonts.get("semibold", round(11 * min(scale, 1.25)))
        placed: list[pygame.Rect] = []
        self.label_rects = {}
        span = self.view.lon_max - self.view.lon_min
        for i, _rings in sorted(self._screen_rings.items(), key=lambda kv: -_area(kv[1])):
            lon, lat = self._labels[i]
            x, y = project(lon, lat, w, h, self.view)
            if i in self.markers:
                if span > 120:
                    continue  # at world zoom, markers carry no text: the tooltip names them
                x += self.markers[i][2] + 3
                anchor = "midleft"
            else:
                anchor = "midtop"
                y += round((ORDER_DOT_RADIUS + 2) * scale)
            name = self.names[i] if span < 120 else self.codes[i]
            text = font.render(name, True, (18, 22, 28))
            shadow = font.render(name, True, (250, 250, 250))
            rect = text.get_rect(**{anchor: (round(x), round(y))})
            if not surf.get_rect().contains(rect) or any(rect.colliderect(p) for p in placed):
                continue
            placed.append(rect.inflate(12, 4))
            self.label_rects[i] = rect
            for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                surf.blit(shadow, rect.move(dx, dy))
            surf.blit(text, rect)

    # ------------------------------------------------------------------------------------------ picking

    def world_index_at(self, pos: tuple[int, int]) -> int:
        """World-map index under ``pos`` (in map coordinates), -1 over sea."""
        if self.ids is None:
            return -1
        x, y = int(pos[0]), int(pos[1])
        if not (0 <= x < self.ids.shape[0] and 0 <= y < self.ids.shape[1]):
            return -1
        return int(self.ids[x, y]) - 1

    def pick(self, pos: tuple[int, int], radius: int = 6) -> int:
        """Scenario country index under ``pos``, or the nearest within ``radius`` pixels; -1 if none."""
        w = self.world_index_at(pos)
        if w >= 0 and self.scenario_of[w] >= 0:
            return int(self.scenario_of[w])
        if self.ids is None:
            return -1
        x, y = int(pos[0]), int(pos[1])
        x0, x1 = max(0, x - radius), min(self.ids.shape[0], x + radius + 1)
        y0, y1 = max(0, y - radius), min(self.ids.shape[1], y + radius + 1)
        if x0 >= x1 or y0 >= y1:
            return -1
        window = self.ids[x0:x1, y0:y1].astype(np.int64) - 1
        scn = np.where(window >= 0, self.scenario_of[np.clip(window, 0, None)], -1)
        hits = np.argwhere(scn >= 0)
        if len(hits) == 0:
            return -1
        d = (hits[:, 0] + x0 - x) ** 2 + (hits[:, 1] + y0 - y) ** 2
        best = hits[int(np.argmin(d))]
        return int(scn[best[0], best[1]])

    def country_pixels(self, rect: pygame.Rect) -> int:
        """How much of ``rect`` (in map coordinates) the scenario's countries cover, in pixels: what a panel
        laid over the map would hide."""
        if self.ids is None:
            return 0
        x0, x1 = max(0, rect.left), min(self.ids.shape[0], rect.right)
        y0, y1 = max(0, rect.top), min(self.ids.shape[1], rect.bottom)
        if x0 >= x1 or y0 >= y1:
            return 0
        window = self.ids[x0:x1, y0:y1].astype(np.int64) - 1
        return int(((window >= 0) & (self.scenario_of[np.clip(window, 0, None)] >= 0)).sum())

    def name_at(self, pos: tuple[int, int]) -> str | None:
        w = self.world_index_at(pos)
        return self.world.names[w] if w >= 0 else None

    def outline(
        self, surface: pygame.Surface, index: int, offset: tuple[int, int], colour, width: int
    ) -> pygame.Rect | None:
        """Draw a scenario country's outline (the hover and selection rings), shifted by ``offset``; returns
        the rectangle it covers.  Each outline is drawn once per map render into a small transparent image,
        so hovering costs one blit whatever the country's coastline."""
        key = (index, colour, width)
        cached = self._outlines.get(key)
        if cached is None:
            cached = self._outlines[key] = self._outline_image(index, colour, width)
        if cached is None:
            return None
        image, (x, y) = cached
        return surface.blit(image, (x + offset[0], y + offset[1]))

    def _outline_image(self, index: int, colour, width: int):
        rings = [r for r in self._screen_rings.get(index, []) if len(r) >= 2]
        marker = self.markers.get(index)
        points = [p for r in rings for p in r]
        if marker is not None:
            x, y, r = marker
            points += [(x - r - 3, y - r - 3), (x + r + 3, y + r + 3)]
        if not points:
            return None
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        pad = width + 2
        x0, y0 = math.floor(min(xs)) - pad, math.floor(min(ys)) - pad
        w, h = math.ceil(max(xs)) - x0 + pad + 1, math.ceil(max(ys)) - y0 + pad + 1
        w, h = min(w, self.size[0] + 2 * pad), min(h, self.size[1] + 2 * pad)
        image = pygame.Surface((max(1, w), max(1, h)), pygame.SRCALPHA)
        for ring in rings:
            pygame.draw.lines(image, colour, True, [(px - x0, py - y0) for px, py in ring], width)
        if marker is not None:
            x, y, r = marker
            pygame.draw.circle(image, colour, (x - x0, y - y0), r + 2, width)
        return image, (x0, y0)

    def country_rect(self, index: int) -> pygame.Rect | None:
        """The box a scenario country (its outline or marker) covers on the map image, if drawn."""
        points = [p for r in self._screen_rings.get(index, []) for p in r]
        marker = self.markers.get(index)
        if marker is not None:
            x, y, r = marker
            points += [(x - r - 3, y - r - 3), (x + r + 3, y + r + 3)]
        if not points:
            return None
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        box = pygame.Rect(math.floor(min(xs)), math.floor(min(ys)), 0, 0)
        box.width, box.height = math.ceil(max(xs)) - box.x + 1, math.ceil(max(ys)) - box.y + 1
        return box.clip(pygame.Rect((0, 0), self.size))

    def screen_point(self, index: int) -> tuple[int, int] | None:
        """Where a scenario country sits on the map image (its marker or label point), if in view."""
        if index in self.markers:
            x, y, _ = self.markers[index]
            return x, y
        if index not in self._labels:
            return None
        lon, lat = self._labels[index]
        x, y = project(lon, lat, *self.size, self.view)
        if 0 <= x < self.size[0] and 0 <= y < self.size[1]:
            return round(x), round(y)
        return None

    def actor_point(self, code: str) -> tuple[float, float] | None:
        """Where a side's capital sits on the map image (may be outside the view: a line to it is clipped), or
        None for a side the map cannot place."""
        if code in CAPITALS:
            lon, lat = CAPITALS[code]
        elif code in self.world:
            lon, lat = self.world.centroid(code)
        else:
            return None
        x, y = project(lon, lat, *self.size, self.view)
        return float(x), float(y)

    def focus(self, index: int, force: bool = False) -> None:
        """Bring a country into view if it is not (keeping the zoom); ``force``: centre it even if it is, at the
        edge."""
        if self.screen_point(index) is not None and not force:
            return
        lon, lat = self._labels.get(index, (0.0, 0.0))
        v = self.view
        half = (v.lon_max - v.lon_min) / 2
        top, bottom = float(miller_y(v.lat_max)), float(miller_y(v.lat_min))
        my = float(miller_y(lat))
        half_y = (top - bottom) / 2
        self.view = _view_from(lon - half, lon + half, my - half_y, my + half_y)


def _area(rings) -> float:
    pts = np.concatenate([np.asarray(r) for r in rings])
    return float((pts[:, 0].max() - pts[:, 0].min()) * (pts[:, 1].max() - pts[:, 1].min()))


def _inverse_miller(y: float) -> float:
    return math.degrees(2.5 * math.atan(math.exp(0.8 * y)) - 0.625 * math.pi)


def _view_from(lon_min: float, lon_max: float, y_bottom: float, y_top: float) -> View:
    lat_min = max(-89.0, _inverse_miller(y_bottom))
    lat_max = min(89.0, _inverse_miller(y_top))
    if lat_max <= lat_min:
        lat_max = lat_min + 1.0
    return View(lon_min, lat_min, lon_max, lat_max)


def _clamp_span(view: View) -> View:
    return view
