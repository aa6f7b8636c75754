"""Convert Natural Earth countries (npm ``world-atlas``) into ``assets/map/world_50m.npz``.

Run once, by hand, when the map data should change; the game only reads the ``.npz`` with numpy.

Source: npm package ``world-atlas@2.0.2`` (Natural Earth 4.1.0, 1:50m admin-0 countries, as TopoJSON).
Conversion-time tools: ``npm`` (to fetch the package) and the PyPI package ``pycountry`` (ISO 3166-1
numeric -> alpha-3 table). Neither is needed to play.

Rebuild, from the repository root::

    pip install pycountry numpy
    python assets/map/build_world_map.py                 # runs `npm pack world-atlas@2.0.2` in a temp dir
    python assets/map/build_world_map.py --source /path/to/world-atlas-2.0.2.tgz   # or a countries-50m.json

What it does:
1. decodes the TopoJSON arcs (delta + quantisation transform) into lon/lat degrees;
2. gives Crimea to Ukraine (see ``REASSIGN``: Natural Earth shows de facto control, the game UN borders);
3. simplifies every *arc* once (Douglas-Peucker), so borders shared by two countries stay identical and no
   slivers open between neighbours; small rings get a finer tolerance so tiny states keep their shape;
4. assembles rings, cuts the rings that cross the antimeridian (Russia's Chukotka, Fiji: world-atlas stores
   them stitched across 180 deg) into pieces on each side, so a flat map draws no streak across the world;
5. drops Antarctica and islets too small to see, but never a country's largest ring nor an enclave's hole;
6. maps numeric ISO ids to alpha-3, giving the few Natural Earth features without an ISO id a code from the
   ISO 3166-1 user-assigned range (X..), see ``NO_ISO_ID`` below;
7. finds each country's label point (``game.worldmap``'s polylabel) on the rings as the game loads them;
8. writes int16 coordinates in 1/100 degree with ring and country offsets (see ``assets/map/README.md``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import numpy as np

WORLD_ATLAS_VERSION = "2.0.2"
SOURCE_MEMBER = "package/countries-50m.json"
OUT_DEFAULT = Path(__file__).resolve().parent / "world_50m.npz"
FORMAT_VERSION = 1

# 1/100 degree (about 1.1 km) keeps lon in int16 range and is finer than a pixel even when zoomed to Europe.
SCALE = 100
# Douglas-Peucker tolerance in degrees for large rings; small rings use a fraction of their own size.
TOLERANCE = 0.03
SMALL_RING_FRACTION = 0.08
# Outer rings whose extent is below this (degrees) are dropped unless they are their country's largest ring.
MIN_RING_EXTENT = 0.08

DROP_IDS = {"010"}  # Antarctica: no player, and its polar ring cannot be drawn on a flat map.

# Natural Earth features without an ISO 3166-1 numeric id. Codes are from the ISO user-assigned range
# (XAA-XZZ), so they can never clash with a real code. XKX is the code the EU and IMF use for Kosovo.
NO_ISO_ID = {
    "Kosovo": ("XKX", "Kosovo"),
    "N. Cyprus": ("XNC", "Northern Cyprus"),
    "Somaliland": ("XSL", "Somaliland"),
    "Siachen Glacier": ("XSG", "Siachen Glacier"),
    "Indian Ocean Ter.": ("XIO", "Australian Indian Ocean Territories"),
}

# Natural Earth 4.1.0 draws de facto control. Where that differs from the borders the United Nations
# recognises and the difference matters to the game's scenarios, the polygons lying wholly inside the box
# move to the recognised country and merge with its territory (the shared border arcs cancel out).
# (from numeric id, to numeric id, (lon_min, lat_min, lon_max, lat_max), why)
REASSIGN = [
    ("643", "804", (32.0, 44.0, 37.0, 46.5), "Crimea: Ukraine's per UN General Assembly resolution 68/262"),
]

# Natural Earth abbreviates names for small-scale labels; the game shows full English short names.
NAME_OVERRIDES = {
    "ATG": "Antigua and Barbuda",
    "ATF": "French Southern and Antarctic Lands",
    "BIH": "Bosnia and Herzegovina",
    "BLM": "Saint Barthélemy",
    "CAF": "Central African Republic",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "COK": "Cook Islands",
    "CYM": "Cayman Islands",
    "DOM": "Dominican Republic",
    "ESH": "Western Sahara",
    "FLK": "Falkland Islands",
    "FRO": "Faroe Islands",
    "GNQ": "Equatorial Guinea",
    "HMD": "Heard Island and McDonald Islands",
    "IOT": "British Indian Ocean Territory",
    "KNA": "Saint Kitts and Nevis",
    "MAF": "Saint Martin",
    "MHL": "Marshall Islands",
    "MKD": "North Macedonia",
    "MNP": "Northern Mariana Islands",
    "PCN": "Pitcairn Islands",
    "PYF": "French Polynesia",
    "SGS": "South Georgia and the South Sandwich Islands",
    "SLB": "Solomon Islands",
    "SPM": "Saint Pierre and Miquelon",
    "SSD": "South Sudan",
    "STP": "São Tomé and Príncipe",
    "SWZ": "Eswatini",
    "TCA": "Turks and Caicos Islands",
    "TUR": "Türkiye",
    "USA": "United States",
    "VAT": "Vatican City",
    "VCT": "Saint Vincent and the Grenadines",
    "VGB": "British Virgin Islands",
    "VIR": "United States Virgin Islands",
    "WLF": "Wallis and Futuna",
    "ALA": "Åland Islands",
    "CZE": "Czechia",
}


def fetch_source(source: Path | None, workdir: Path) -> dict:
    if source is None:
        subprocess.run(
            ["npm", "pack", f"world-atlas@{WORLD_ATLAS_VERSION}", "--silent"],
            cwd=workdir,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        source = workdir / f"world-atlas-{WORLD_ATLAS_VERSION}.tgz"
    if source.suffix == ".tgz" or source.name.endswith(".tar.gz"):
        with tarfile.open(source) as tar:
            member = tar.extractfile(SOURCE_MEMBER)
            if member is None:
                raise SystemExit(f"{source}: no {SOURCE_MEMBER} inside")
            return json.load(member)
    with source.open(encoding="utf-8") as fh:
        return json.load(fh)


def decode_arcs(topo: dict) -> list[np.ndarray]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        q = np.cumsum(np.asarray(arc, dtype=np.int64), axis=0)
        pts = np.column_stack([q[:, 0] * sx + tx, q[:, 1] * sy + ty])
        # Arcs stitched across the antimeridian jump by 360 deg; unwrap so simplification sees real distances.
        pts[:, 0] = unwrap_lon(pts[:, 0])
        arcs.append(pts)
    return arcs


def unwrap_lon(lon: np.ndarray) -> np.ndarray:
    step = np.diff(lon)
    shift = -360.0 * np.round(step / 360.0)
    return lon + np.concatenate([[0.0], np.cumsum(shift)])


def douglas_peucker(pts: np.ndarray, tol: float) -> np.ndarray:
    n = len(pts)
    if n <= 2:
        return pts
    keep = np.zeros(n, dtype=bool)
    keep[0] = keep[-1] = True
    closed = np.allclose(pts[0], pts[-1])
    stack = [(0, n - 1)]
    if closed:
        # A closed arc has coincident ends, so split it at its farthest point to give DP a real baseline.
        far = int(np.argmax(np.hypot(*(pts - pts[0]).T)))
        if far in (0, n - 1):
            return pts[[0, -1]]
        keep[far] = True
        stack = [(0, far), (far, n - 1)]
    while stack:
        a, b = stack.pop()
        if b - a < 2:
            continue
        seg = pts[b] - pts[a]
        rel = pts[a + 1 : b] - pts[a]
        length = np.hypot(*seg)
        if length == 0:
            dist = np.hypot(*rel.T)
        else:
            dist = np.abs(seg[0] * rel[:, 1] - seg[1] * rel[:, 0]) / length
        i = int(np.argmax(dist))
        if dist[i] > tol:
            mid = a + 1 + i
            keep[mid] = True
            stack.append((a, mid))
            stack.append((mid, b))
    return pts[keep]


def polygons_of(geom: dict) -> list[list[list[int]]]:
    if geom["type"] == "Polygon":
        return [geom["arcs"]]
    if geom["type"] == "MultiPolygon":
        return geom["arcs"]
    return []


def geometry_polygons(geom: dict) -> list[list[list[int]]]:
    polys = polygons_of(geom)
    geom["type"], geom["arcs"] = "MultiPolygon", polys
    return polys


def arc_ends(a: int, arcs: list[np.ndarray]) -> tuple[tuple[float, float], tuple[float, float]]:
    pts = arcs[a] if a >= 0 else arcs[~a][::-1]
    return (round(pts[0, 0], 6), round(pts[0, 1], 6)), (round(pts[-1, 0], 6), round(pts[-1, 1], 6))


def merge_polygons(polys: list[list[list[int]]], arcs: list[np.ndarray]) -> list[list[int]]:
    """Dissolve polygons that share border arcs into one polygon (outer ring first, then holes)."""
    outer = [a for poly in polys for a in poly[0]]
    used = set(outer)
    # A border between two merged polygons is one arc walked once each way: both uses disappear.
    remaining = [a for a in outer if ~a not in used]
    by_start = {}
    for a in remaining:
        by_start.setdefault(arc_ends(a, arcs)[0], []).append(a)
    rings = []
    while by_start:
        start_key = next(iter(by_start))
        ring = []
        key = start_key
        while key in by_start:
            a = by_start[key].pop()
            if not by_start[key]:
                del by_start[key]
            ring.append(a)
            key = arc_ends(a, arcs)[1]
            if key == start_key:
                break
        if key != start_key:
            raise SystemExit(f"merging polygons left an open ring {ring}")
        rings.append(ring)
    rings.sort(key=lambda r: -area(ring_from_arcs(r, arcs)))
    return rings + [hole for poly in polys for hole in poly[1:]]


def reassign(geoms: list[dict], arcs: list[np.ndarray]) -> None:
    by_id = {g.get("id"): g for g in geoms}
    for from_id, to_id, (x0, y0, x1, y1), _why in REASSIGN:
        source, target = by_id[from_id], by_id[to_id]
        moved, kept = [], []
        for poly in geometry_polygons(source):
            pts = ring_from_arcs(poly[0], arcs)
            inside = pts[:, 0].min() >= x0 and pts[:, 0].max() <= x1
            inside = inside and pts[:, 1].min() >= y0 and pts[:, 1].max() <= y1
            (moved if inside else kept).append(poly)
        if not moved:
            raise SystemExit(f"REASSIGN {from_id}->{to_id}: no polygon of {from_id} inside the box")
        source["arcs"] = kept
        target_polys = geometry_polygons(target)
        for poly in moved:
            arc_set = {a if a >= 0 else ~a for a in poly[0]}
            touching = [p for p in target_polys if arc_set & {a if a >= 0 else ~a for a in p[0]}]
            rest = [p for p in target_polys if not any(p is t for t in touching)]
            target_polys = (
                [*rest, merge_polygons([*touching, poly], arcs)] if touching else [*target_polys, poly]
            )
        target["arcs"] = target_polys


def ring_from_arcs(arc_ids: list[int], arcs: list[np.ndarray]) -> np.ndarray:
    parts = []
    for k, a in enumerate(arc_ids):
        pts = arcs[a] if a >= 0 else arcs[~a][::-1]
        parts.append(pts if k == 0 else pts[1:])
    ring = np.concatenate(parts)
    ring[:, 0] = unwrap_lon(ring[:, 0])
    return ring


def extent(ring: np.ndarray) -> float:
    span = ring.max(axis=0) - ring.min(axis=0)
    return float(max(span[0] * np.cos(np.radians(np.clip(ring[:, 1].mean(), -85, 85))), span[1]))


def area(ring: np.ndarray) -> float:
    """Planar area in degrees squared, with longitude shrunk by cos(latitude) so that rings compare fairly."""
    x = ring[:, 0] * np.cos(np.radians(ring[:, 1]))
    y = ring[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2.0)


def clip_half(ring: np.ndarray, x0: float, keep_left: bool) -> np.ndarray:
    """Sutherland-Hodgman against the vertical line lon = x0."""
    out = []
    n = len(ring)
    for i in range(n):
        cur, nxt = ring[i], ring[(i + 1) % n]
        cur_in = cur[0] <= x0 if keep_left else cur[0] >= x0
        nxt_in = nxt[0] <= x0 if keep_left else nxt[0] >= x0
        if cur_in:
            out.append(cur)
        if cur_in != nxt_in:
            t = (x0 - cur[0]) / (nxt[0] - cur[0])
            out.append(np.array([x0, cur[1] + t * (nxt[1] - cur[1])]))
    return np.array(out) if out else np.zeros((0, 2))


def split_antimeridian(ring: np.ndarray) -> list[np.ndarray]:
    """Cut an unwrapped ring into pieces that each lie within [-180, 180]."""
    if len(ring) > 1 and np.allclose(ring[0], ring[-1]):
        ring = ring[:-1]
    lo, hi = ring[:, 0].min(), ring[:, 0].max()
    pieces = []
    for k in range(int(np.floor((lo + 180) / 360)), int(np.floor((hi + 180) / 360)) + 1):
        left, right = -180.0 + 360.0 * k, 180.0 + 360.0 * k
        piece = ring
        if lo < left:
            piece = clip_half(piece, left, keep_left=False)
        if len(piece) and hi > right:
            piece = clip_half(piece, right, keep_left=True)
        if len(piece) >= 3:
            piece = piece.copy()
            piece[:, 0] -= 360.0 * k
            pieces.append(piece)
    return pieces


def quantise(ring: np.ndarray) -> np.ndarray:
    q = np.round(ring * SCALE).astype(np.int32)
    q[:, 0] = np.clip(q[:, 0], -180 * SCALE, 180 * SCALE)
    q[:, 1] = np.clip(q[:, 1], -90 * SCALE, 90 * SCALE)
    keep = np.ones(len(q), dtype=bool)
    keep[1:] = np.any(q[1:] != q[:-1], axis=1)
    q = q[keep]
    if len(q) > 1 and np.array_equal(q[0], q[-1]):
        q = q[:-1]
    return q.astype(np.int16)


def identify(geom: dict) -> tuple[str, str, int] | None:
    import pycountry  # conversion-time only

    raw_id = geom.get("id")
    ne_name = geom["properties"]["name"]
    if raw_id is None:
        if ne_name not in NO_ISO_ID:
            raise SystemExit(f"feature {ne_name!r} has no ISO id and no entry in NO_ISO_ID")
        code, name = NO_ISO_ID[ne_name]
        return code, name, -1
    if raw_id in DROP_IDS:
        return None
    country = pycountry.countries.get(numeric=raw_id)
    if country is None:
        raise SystemExit(f"feature {ne_name!r}: numeric id {raw_id} is not in ISO 3166-1")
    code = country.alpha_3
    return code, NAME_OVERRIDES.get(code, ne_name), int(raw_id)


def label_point_finder():
    """The game's own label search, so the stored points are exactly what the game would compute."""
    root = str(Path(__file__).resolve().parents[2])
    if root not in sys.path:
        sys.path.insert(0, root)
    from game.worldmap import _label_point

    return _label_point


def build(topo: dict) -> dict[str, np.ndarray]:
    _label_point = label_point_finder()
    arcs = decode_arcs(topo)
    geoms = topo["objects"]["countries"]["geometries"]
    reassign(geoms, arcs)

    # Tolerance per arc: the finest any ring using it needs, so shared borders are simplified once.
    arc_tol = np.full(len(arcs), TOLERANCE)
    for geom in geoms:
        for poly in polygons_of(geom):
            for ring_ids in poly:
                size = extent(ring_from_arcs(ring_ids, arcs))
                for a in ring_ids:
                    i = a if a >= 0 else ~a
                    arc_tol[i] = min(arc_tol[i], SMALL_RING_FRACTION * size)
    simple = [douglas_peucker(a, t) for a, t in zip(arcs, arc_tol)]

    countries: dict[str, dict] = {}
    for geom in geoms:
        ident = identify(geom)
        if ident is None:
            continue
        code, name, numeric = ident
        entry = countries.setdefault(code, {"name": name, "numeric": numeric, "rings": []})
        if numeric != -1 and entry["numeric"] != numeric:
            raise SystemExit(f"{code}: two numeric ids {entry['numeric']} and {numeric}")
        for poly in polygons_of(geom):
            for k, ring_ids in enumerate(poly):
                ring = ring_from_arcs(ring_ids, simple)
                for piece in split_antimeridian(ring):
                    entry["rings"].append((piece, k > 0))

    codes, names, numerics = [], [], []
    country_offsets, ring_offsets, holes, coords, labels = [0], [0], [], [], []
    for code in sorted(countries):
        entry = countries[code]
        rings = [(quantise(r), hole) for r, hole in entry["rings"]]
        rings = [(r, hole) for r, hole in rings if len(r) >= 3]
        if not rings:
            raise SystemExit(f"{code}: every ring collapsed; lower TOLERANCE or SMALL_RING_FRACTION")
        # Largest area first, so a country's first ring is its mainland. Holes are enclaves of another
        # country (Lesotho, San Marino, Vatican): kept whatever their size so they never look like the host.
        sizes = [extent(r.astype(np.float64) / SCALE) for r, _ in rings]
        areas = [area(r.astype(np.float64) / SCALE) for r, _ in rings]
        order = sorted(range(len(rings)), key=lambda i: (rings[i][1], -areas[i]))
        kept = [rings[i] for k, i in enumerate(order) if k == 0 or rings[i][1] or sizes[i] >= MIN_RING_EXTENT]
        # Label points are slow to search for (polylabel), so they are computed here, on the very rings
        # the game will load, rather than at every start.
        as_loaded = [(r.astype(np.float32) / np.float32(SCALE), hole) for r, hole in kept]
        labels.append(_label_point(as_loaded[0][0], [r for r, hole in as_loaded if hole]))
        for ring, hole in kept:
            coords.append(ring)
            holes.append(hole)
            ring_offsets.append(ring_offsets[-1] + len(ring))
        country_offsets.append(country_offsets[-1] + len(kept))
        codes.append(code)
        names.append(entry["name"])
        numerics.append(entry["numeric"])

    return {
        "format_version": np.array(FORMAT_VERSION, dtype=np.int16),
        "scale": np.array(SCALE, dtype=np.int16),
        "source": np.array(f"Natural Earth 4.1.0 1:50m admin-0 via npm world-atlas@{WORLD_ATLAS_VERSION}"),
        "codes": np.array(codes, dtype="<U3"),
        "names": np.array(names),
        "numeric_ids": np.array(numerics, dtype=np.int16),
        "country_ring_offsets": np.array(country_offsets, dtype=np.int32),
        "ring_point_offsets": np.array(ring_offsets, dtype=np.int32),
        "ring_is_hole": np.array(holes, dtype=bool),
        "coords": np.concatenate(coords).astype(np.int16),
        "label_points": np.array(labels, dtype=np.float32),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, help="world-atlas .tgz or countries-50m.json (default: npm pack)"
    )
    parser.add_argument("--out", type=Path, default=OUT_DEFAULT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        topo = fetch_source(args.source, Path(tmp))
    arrays = build(topo)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as fh:
        np.savez_compressed(fh, **arrays)
    print(
        f"{args.out}: {len(arrays['codes'])} countries, {len(arrays['ring_is_hole'])} rings, "
        f"{len(arrays['coords'])} points, {args.out.stat().st_size} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
