"""The world map: country outlines loaded from ``assets/map/world_50m.npz`` and a flat map projection.

Standard library and numpy only, so the UI, the tests and any report generator can use it without pygame.
The file is made by ``assets/map/build_world_map.py``; its layout is described in ``assets/map/README.md``.

Projection: Miller cylindrical. It keeps Europe's shapes recognisable while not blowing up Scandinavia and
the Arctic the way Mercator does, and because it is cylindrical a lon/lat box is a rectangle on screen, so a
:class:`View` maps exactly onto the image and clicks invert exactly. The map is centred on Greenwich
(Europe/Atlantic); the data are cut at the antimeridian, so nothing wraps.
"""

from __future__ import annotations

import heapq
import itertools
import math
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from game.assets import AssetError, asset_path

__all__ = [
    "EUROPE_VIEW",
    "MAP_FILE",
    "WORLD_VIEW",
    "View",
    "WorldMap",
    "fit_view",
    "load_world_map",
    "miller_y",
    "project",
    "unproject",
]

MAP_FILE = ("map", "world_50m.npz")
_FORMAT_VERSION = 1
_REQUIRED = (
    "format_version",
    "scale",
    "codes",
    "names",
    "numeric_ids",
    "country_ring_offsets",
    "ring_point_offsets",
    "ring_is_hole",
    "coords",
)


@dataclass(frozen=True)
class View:
    """A lon/lat box in degrees: what part of the world the map image shows."""

    lon_min: float
    lat_min: float
    lon_max: float
    lat_max: float

    def __post_init__(self) -> None:
        if not (self.lon_min < self.lon_max and self.lat_min < self.lat_max):
            raise ValueError(f"empty view {self}")
        if self.lat_min < -90.0 or self.lat_max > 90.0:
            raise ValueError(f"view latitudes outside -90..90: {self}")

    @property
    def center(self) -> tuple[float, float]:
        return ((self.lon_min + self.lon_max) / 2.0, (self.lat_min + self.lat_max) / 2.0)


# Antarctica is not in the data, so the world view stops at the southern tip of South America.
WORLD_VIEW = View(-180.0, -58.0, 180.0, 84.0)
EUROPE_VIEW = View(-25.0, 34.0, 45.0, 71.5)


def miller_y(lat):
    """Miller cylindrical northing for latitude(s) in degrees (radian units, 0 at the equator)."""
    phi = np.radians(np.asarray(lat, dtype=np.float64))
    return 1.25 * np.log(np.tan(np.pi / 4.0 + 0.4 * phi))


def _miller_lat(y):
    return np.degrees(2.5 * np.arctan(np.exp(0.8 * np.asarray(y, dtype=np.float64))) - 0.625 * np.pi)


def _scalar_or_array(a: np.ndarray):
    return float(a) if a.ndim == 0 else a


def project(lon, lat, width: float, height: float, view: View = WORLD_VIEW):
    """Map lon/lat degrees to image pixels ``(x, y)``, y growing downwards.

    The view's north-west corner goes to (0, 0) and its south-east corner to (width, height). The box is
    stretched to fill the image; pass the view through :func:`fit_view` first to keep shapes undistorted.
    Scalars give floats, arrays give float64 arrays of the broadcast shape.
    """
    lon = np.asarray(lon, dtype=np.float64)
    y_top, y_bottom = miller_y(view.lat_max), miller_y(view.lat_min)
    x = (lon - view.lon_min) * (width / (view.lon_max - view.lon_min))
    y = (y_top - miller_y(lat)) * (height / (y_top - y_bottom))
    return _scalar_or_array(x), _scalar_or_array(y)


def unproject(x, y, width: float, height: float, view: View = WORLD_VIEW):
    """Inverse of :func:`project`: image pixels to ``(lon, lat)`` degrees (for mouse clicks)."""
    x = np.asarray(x, dtype=np.float64)
    y_top, y_bottom = miller_y(view.lat_max), miller_y(view.lat_min)
    lon = view.lon_min + x * ((view.lon_max - view.lon_min) / width)
    lat = _miller_lat(y_top - np.asarray(y, dtype=np.float64) * ((y_top - y_bottom) / height))
    return _scalar_or_array(lon), _scalar_or_array(lat)


def fit_view(view: View, width: float, height: float) -> View:
    """Grow ``view`` in one direction, about its centre, so it has the image's aspect ratio.

    Latitudes are kept within -90..90 by sliding the box; longitudes may run past +-180 (the map just shows
    open sea there, since the data never wrap).
    """
    if width <= 0 or height <= 0:
        raise ValueError(f"image size must be positive, got {width}x{height}")
    span_x = math.radians(view.lon_max - view.lon_min)
    y_bottom, y_top = float(miller_y(view.lat_min)), float(miller_y(view.lat_max))
    span_y = y_top - y_bottom
    aspect = width / height
    if span_x / span_y < aspect:
        half = math.degrees(span_y * aspect) / 2.0
        mid = (view.lon_min + view.lon_max) / 2.0
        return View(mid - half, view.lat_min, mid + half, view.lat_max)
    pole = float(miller_y(90.0))
    new_span = min(span_x / aspect, 2.0 * pole)
    bottom = (y_bottom + y_top) / 2.0 - new_span / 2.0
    bottom = min(max(bottom, -pole), pole - new_span)
    lat_min = max(-90.0, float(_miller_lat(bottom)))
    lat_max = min(90.0, float(_miller_lat(bottom + new_span)))
    return View(view.lon_min, lat_min, view.lon_max, lat_max)


def _even_odd(rings: list[np.ndarray], lon: float, lat: float) -> bool:
    inside = False
    for ring in rings:
        x, y = ring[:, 0], ring[:, 1]
        x2, y2 = np.roll(x, -1), np.roll(y, -1)
        crosses = (y > lat) != (y2 > lat)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_at = x + (lat - y) * (x2 - x) / (y2 - y)
        inside ^= bool(np.count_nonzero(crosses & (lon < x_at)) % 2)
    return inside


def _edge_distance(rings: list[np.ndarray], px: float, py: float) -> float:
    best = math.inf
    for ring in rings:
        a = ring
        b = np.roll(ring, -1, axis=0)
        ab = b - a
        denom = np.einsum("ij,ij->i", ab, ab)
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.clip(((px - a[:, 0]) * ab[:, 0] + (py - a[:, 1]) * ab[:, 1]) / denom, 0.0, 1.0)
        t = np.where(denom > 0, t, 0.0)
        dx = a[:, 0] + t * ab[:, 0] - px
        dy = a[:, 1] + t * ab[:, 1] - py
        best = min(best, float(np.sqrt(np.min(dx * dx + dy * dy))))
    return best


def _label_point(outer: np.ndarray, holes: list[np.ndarray]) -> tuple[float, float]:
    """Pole of inaccessibility of ``outer`` minus ``holes`` (the polylabel algorithm), in lon/lat degrees.

    A ring's centre of mass can fall outside it (Croatia's crescent, Chile's coast); the point farthest
    from every edge is always inside and is where a name label reads best.
    """
    lat0 = float(np.clip((outer[:, 1].min() + outer[:, 1].max()) / 2.0, -80.0, 80.0))
    kx = math.cos(math.radians(lat0))  # distances in a locally isotropic plane, not raw degrees
    rings = [np.column_stack([r[:, 0].astype(np.float64) * kx, r[:, 1].astype(np.float64)]) for r in [outer, *holes]]
    xs, ys = rings[0][:, 0], rings[0][:, 1]
    x0, y0, x1, y1 = xs.min(), ys.min(), xs.max(), ys.max()
    size = min(x1 - x0, y1 - y0)
    if size <= 0:
        return float(outer[:, 0].mean()), float(outer[:, 1].mean())
    precision = max(1e-3, 0.01 * max(x1 - x0, y1 - y0))

    def signed(px: float, py: float) -> float:
        d = _edge_distance(rings, px, py)
        return d if _even_odd(rings, px, py) else -d

    def cell(cx: float, cy: float, h: float) -> tuple[float, float, float, float, float]:
        d = signed(cx, cy)
        return (-(d + h * math.sqrt(2.0)), d, cx, cy, h)

    h = size / 2.0
    queue = [cell(cx + h, cy + h, h) for cx in np.arange(x0, x1, size) for cy in np.arange(y0, y1, size)]
    heapq.heapify(queue)
    # Seed with the vertex mean (a cheap centroid); it wins for compact shapes.
    best = cell(float(xs.mean()), float(ys.mean()), 0.0)
    while queue:
        c = heapq.heappop(queue)
        if c[1] > best[1]:
            best = c
        if -c[0] - best[1] <= precision:
            continue
        h = c[4] / 2.0
        for dx in (-h, h):
            for dy in (-h, h):
                heapq.heappush(queue, cell(c[2] + dx, c[3] + dy, h))
    if best[1] < 0:  # degenerate sliver: fall back to the vertex mean
        return float(outer[:, 0].mean()), float(outer[:, 1].mean())
    return float(best[2] / kx), float(best[3])


@dataclass(frozen=True, eq=False)
class WorldMap:
    """Country outlines in lon/lat degrees.

    ``rings[i]`` holds country ``codes[i]``'s rings as float32 ``(n, 2)`` arrays of (lon, lat), its largest
    outer ring first; ``holes[i][k]`` is True where ring k is a hole (an enclave such as Lesotho inside
    South Africa). Rings are open: the last point does not repeat the first. ``numeric_ids`` holds ISO 3166-1
    numeric codes, -1 for entities Natural Earth has without one (Kosovo "XKX", ...: see the map README).
    """

    codes: tuple[str, ...]
    names: tuple[str, ...]
    numeric_ids: tuple[int, ...]
    rings: tuple[tuple[np.ndarray, ...], ...]
    holes: tuple[tuple[bool, ...], ...]
    source: str = ""
    label_points: tuple[tuple[float, float], ...] | None = None
    _index: dict[str, int] = field(init=False, repr=False)
    _ring_boxes: tuple[np.ndarray, ...] = field(init=False, repr=False)
    _labels: dict[str, tuple[float, float]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        n = len(self.codes)
        if not (len(self.names) == len(self.numeric_ids) == len(self.rings) == len(self.holes) == n):
            raise ValueError("codes, names, numeric_ids, rings and holes must have one entry per country")
        index = {code: i for i, code in enumerate(self.codes)}
        if len(index) != n:
            raise ValueError("country codes must be unique")
        boxes = tuple(
            np.array([[*r.min(axis=0), *r.max(axis=0)] for r in rs], dtype=np.float32).reshape(-1, 4)
            for rs in self.rings
        )
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_ring_boxes", boxes)
        labels = {}
        if self.label_points is not None:
            if len(self.label_points) != n:
                raise ValueError("label_points must have one entry per country")
            labels = {code: (float(x), float(y)) for code, (x, y) in zip(self.codes, self.label_points)}
        object.__setattr__(self, "_labels", labels)

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self._index

    def index(self, code: str) -> int:
        try:
            return self._index[code]
        except KeyError:
            raise KeyError(f"no country {code!r} on the world map") from None

    def name(self, code: str) -> str:
        return self.names[self.index(code)]

    def country_rings(self, code: str) -> tuple[np.ndarray, ...]:
        return self.rings[self.index(code)]

    def bbox(self, code: str, mainland: bool = False) -> tuple[float, float, float, float]:
        """``(lon_min, lat_min, lon_max, lat_max)`` of the country's rings.

        With ``mainland=True`` only its largest ring counts: France without French Guiana, the United
        States without the Aleutians that straddle the antimeridian (whose full box spans the whole map).
        """
        boxes = self._ring_boxes[self.index(code)]
        if mainland:
            boxes = boxes[:1]
        # Rounded: the data are in 1/100 degree, and float32 noise (1.7500001) only confuses readers.
        return (
            round(float(boxes[:, 0].min()), 4),
            round(float(boxes[:, 1].min()), 4),
            round(float(boxes[:, 2].max()), 4),
            round(float(boxes[:, 3].max()), 4),
        )

    def centroid(self, code: str) -> tuple[float, float]:
        """``(lon, lat)`` label point: the point of the largest ring farthest from its edges."""
        i = self.index(code)
        if code not in self._labels:
            rings, holes = self.rings[i], self.holes[i]
            inner = [r for r, hole in zip(rings, holes) if hole]
            self._labels[code] = _label_point(rings[0], inner)
        return self._labels[code]

    def country_at(self, lon: float, lat: float) -> str | None:
        """Code of the country containing the point, or None over sea (even-odd rule, holes respected)."""
        for i, boxes in enumerate(self._ring_boxes):
            hit = (boxes[:, 0] <= lon) & (lon <= boxes[:, 2]) & (boxes[:, 1] <= lat) & (lat <= boxes[:, 3])
            if not hit.any():
                continue
            # A ring (outer or hole) whose box misses the point cannot change the even-odd count.
            candidates = [self.rings[i][k] for k in np.flatnonzero(hit)]
            if _even_odd(candidates, lon, lat):
                return self.codes[i]
        return None


def _corrupt(path: Path, why: str) -> AssetError:
    return AssetError(f"corrupt world map {path}: {why}")


def load_world_map(path: str | Path | None = None) -> WorldMap:
    """Load the world map from ``path`` (default: the bundled ``assets/map/world_50m.npz``).

    A missing, truncated or inconsistent file raises :class:`AssetError` with a one-line message.
    """
    path = asset_path(*MAP_FILE) if path is None else Path(path)
    if not path.is_file():
        raise AssetError(f"missing world map {path}")
    try:
        with np.load(path, allow_pickle=False) as data:
            missing = [key for key in _REQUIRED if key not in data.files]
            if missing:
                raise _corrupt(path, f"no {', '.join(missing)} array")
            arrays = {key: data[key] for key in data.files}
    except AssetError:
        raise
    except (OSError, ValueError, EOFError, KeyError, zipfile.BadZipFile) as exc:
        raise _corrupt(path, f"{type(exc).__name__}: {exc}") from exc

    if int(arrays["format_version"]) != _FORMAT_VERSION:
        raise _corrupt(path, f"format version {int(arrays['format_version'])}, expected {_FORMAT_VERSION}")
    scale = float(arrays["scale"])
    codes = arrays["codes"]
    names = arrays["names"]
    numeric = arrays["numeric_ids"]
    country_off = arrays["country_ring_offsets"].astype(np.int64)
    ring_off = arrays["ring_point_offsets"].astype(np.int64)
    is_hole = arrays["ring_is_hole"].astype(bool)
    coords = arrays["coords"]
    n = len(codes)
    if scale <= 0 or codes.ndim != 1 or n == 0 or len(names) != n or len(numeric) != n:
        raise _corrupt(path, "country tables are empty or of different lengths")
    if coords.ndim != 2 or coords.shape[1] != 2 or not np.issubdtype(coords.dtype, np.integer):
        raise _corrupt(path, f"coords must be an (n, 2) integer array, got {coords.dtype}{coords.shape}")
    if (
        len(country_off) != n + 1
        or country_off[0] != 0
        or np.any(np.diff(country_off) < 1)
        or country_off[-1] != len(is_hole)
        or len(ring_off) != len(is_hole) + 1
        or ring_off[0] != 0
        or np.any(np.diff(ring_off) < 3)
        or ring_off[-1] != len(coords)
    ):
        raise _corrupt(path, "ring or country offsets are inconsistent")
    lonlat = coords.astype(np.float32) / np.float32(scale)
    lonlat.flags.writeable = False  # rings are views into this array, shared by every caller
    if np.abs(lonlat[:, 0]).max() > 180.0 or np.abs(lonlat[:, 1]).max() > 90.0:
        raise _corrupt(path, "coordinates outside -180..180 / -90..90")
    code_list = tuple(str(c) for c in codes)
    if any(len(c) != 3 or not c.isalpha() or not c.isupper() for c in code_list):
        raise _corrupt(path, "country codes must be three capital letters")

    ring_arrays = [lonlat[a:b] for a, b in itertools.pairwise(ring_off)]
    rings = tuple(tuple(ring_arrays[a:b]) for a, b in itertools.pairwise(country_off))
    holes = tuple(tuple(bool(h) for h in is_hole[a:b]) for a, b in itertools.pairwise(country_off))
    if any(hs[0] for hs in holes):
        raise _corrupt(path, "a country's first ring is a hole")
    labels = None
    if "label_points" in arrays:  # optional: without it, centroid() searches on first use
        points = arrays["label_points"]
        if points.shape != (n, 2) or not np.all(np.isfinite(points)):
            raise _corrupt(path, f"label_points must be a finite ({n}, 2) array, got {points.shape}")
        labels = tuple((round(float(x), 4), round(float(y), 4)) for x, y in points)
    try:
        return WorldMap(
            codes=code_list,
            names=tuple(str(s) for s in names),
            numeric_ids=tuple(int(v) for v in numeric),
            rings=rings,
            holes=holes,
            source=str(arrays.get("source", "")),
            label_points=labels,
        )
    except ValueError as exc:
        raise _corrupt(path, str(exc)) from exc
