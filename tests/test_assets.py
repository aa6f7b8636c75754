"""The bundled map and fonts, and the loaders that find and read them."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import numpy as np
import pytest

from game import assets
from game.assets import AssetError, asset_path, scenarios_dir
from game.worldmap import (
    EUROPE_VIEW,
    MAP_FILE,
    WORLD_VIEW,
    View,
    WorldMap,
    fit_view,
    load_world_map,
    miller_y,
    project,
    unproject,
)

# (code, lon range, lat range) a label point must fall in: the country's mainland, by eye from any atlas.
PLAUSIBLE_LABELS = [
    ("GBR", (-8.0, 2.0), (50.0, 59.0)),
    ("FRA", (-2.0, 7.0), (43.0, 50.0)),
    ("DEU", (6.0, 15.0), (47.5, 55.0)),
    ("UKR", (24.0, 40.0), (45.0, 52.0)),
    ("RUS", (30.0, 140.0), (50.0, 72.0)),
    ("HRV", (13.5, 19.5), (42.5, 46.5)),
    ("EST", (22.0, 28.2), (57.5, 59.7)),
    ("LVA", (21.0, 28.3), (55.6, 58.1)),
    ("LTU", (21.0, 26.9), (53.9, 56.5)),
    ("KWT", (46.5, 48.5), (28.5, 30.1)),
    ("ARE", (51.5, 56.4), (22.6, 26.1)),
    ("KOR", (126.0, 129.6), (34.3, 38.6)),
    ("CHE", (6.0, 10.5), (45.8, 47.8)),
]


@pytest.fixture(scope="module")
def world() -> WorldMap:
    return load_world_map()


def test_map_has_the_worlds_countries(world):
    assert len(world) > 150
    assert len(set(world.codes)) == len(world.codes)
    assert "ATA" not in world, "Antarctica is dropped"
    assert world.name("XKX") == "Kosovo"
    assert world.name("HRV") == "Croatia"
    assert world.numeric_ids[world.index("FRA")] == 250


@pytest.mark.parametrize(("code", "lon_range", "lat_range"), PLAUSIBLE_LABELS)
def test_label_points_lie_in_the_country(world, code, lon_range, lat_range):
    assert code in world
    lon, lat = world.centroid(code)
    assert lon_range[0] <= lon <= lon_range[1]
    assert lat_range[0] <= lat <= lat_range[1]
    assert world.country_at(lon, lat) == code


def test_every_label_point_is_inside_its_own_country(world):
    outside = [c for c in world.codes if world.country_at(*world.centroid(c)) != c]
    assert outside == []


def test_rings_are_float32_lonlat_without_antimeridian_jumps(world):
    for code, rings, holes in zip(world.codes, world.rings, world.holes):
        assert len(rings) == len(holes) >= 1
        assert not holes[0], f"{code}: first ring must be an outer ring"
        for ring in rings:
            assert ring.dtype == np.float32 and ring.ndim == 2 and ring.shape[1] == 2 and len(ring) >= 3
            assert np.all(np.abs(ring[:, 0]) <= 180.0) and np.all(np.abs(ring[:, 1]) <= 90.0)
            # A streak across the flat map would show as a huge longitude step between neighbours.
            step = np.abs(np.diff(ring[:, 0], append=ring[:1, 0]))
            assert step.max() < 90.0, f"{code}: ring jumps {step.max():.0f} degrees of longitude"


def test_rings_cannot_be_modified_by_callers(world):
    with pytest.raises(ValueError):
        world.rings[0][0][0, 0] = 0.0


def test_bbox_and_mainland_bbox(world):
    lon_min, lat_min, lon_max, lat_max = world.bbox("GBR")
    assert -9 < lon_min < lon_max < 2.5 and 49 < lat_min < lat_max < 61.5
    # France's overseas departments are in the feature; its mainland box is metropolitan France.
    assert world.bbox("FRA")[0] < -50
    assert world.bbox("FRA", mainland=True) == pytest.approx((-4.8, 42.3, 8.2, 51.1), abs=0.2)
    # The United States' Aleutians straddle the antimeridian, its mainland does not.
    usa = world.bbox("USA", mainland=True)
    assert usa[0] > -125.5 and usa[2] < -66.5


def test_country_at_respects_borders_enclaves_and_sea(world):
    assert world.country_at(2.35, 48.85) == "FRA"  # Paris
    assert world.country_at(30.52, 50.45) == "UKR"  # Kyiv
    assert world.country_at(34.1, 44.95) == "UKR"  # Simferopol: UN-recognised borders
    assert world.country_at(37.6, 55.75) == "RUS"  # Moscow
    assert world.country_at(20.5, 54.7) == "RUS"  # Kaliningrad
    assert world.country_at(28.2, -29.5) == "LSO"  # Lesotho, a hole in South Africa
    assert world.country_at(12.45, 43.94) == "SMR"  # San Marino, a hole in Italy
    assert world.country_at(-30.0, 40.0) is None  # mid-Atlantic


def test_fiji_and_russia_are_cut_at_the_antimeridian(world):
    for code in ("FJI", "RUS"):
        lons = np.concatenate([r[:, 0] for r in world.country_rings(code)])
        assert lons.min() < -170 and lons.max() > 170, f"{code} has land on both sides of 180"


def test_unknown_code_is_a_clear_key_error(world):
    with pytest.raises(KeyError, match="ZZZ"):
        world.bbox("ZZZ")


@pytest.mark.parametrize("view", [WORLD_VIEW, EUROPE_VIEW, View(-10.0, -20.0, 30.0, 60.0)])
def test_projection_maps_view_corners_to_image_corners(view):
    width, height = 1280, 720
    x, y = project(view.lon_min, view.lat_max, width, height, view)
    assert (x, y) == pytest.approx((0.0, 0.0), abs=1e-9)
    x, y = project(view.lon_max, view.lat_min, width, height, view)
    assert (x, y) == pytest.approx((width, height), abs=1e-9)
    x, y = project(view.lon_max, view.lat_max, width, height, view)
    assert (x, y) == pytest.approx((width, 0.0), abs=1e-9)


def test_projection_is_north_up_and_inverts():
    lon = np.array([-20.0, 0.0, 10.0, 40.0])
    lat = np.array([35.0, 50.0, 60.0, 70.0])
    x, y = project(lon, lat, 800, 600, EUROPE_VIEW)
    assert np.all(np.diff(x) > 0), "east is right"
    assert np.all(np.diff(y) < 0), "north is up"
    back_lon, back_lat = unproject(x, y, 800, 600, EUROPE_VIEW)
    np.testing.assert_allclose(back_lon, lon, atol=1e-9)
    np.testing.assert_allclose(back_lat, lat, atol=1e-9)


@pytest.mark.parametrize(
    ("view", "size"),
    [
        (EUROPE_VIEW, (1280, 720)),
        (WORLD_VIEW, (1280, 720)),
        (EUROPE_VIEW, (400, 800)),
        (WORLD_VIEW, (1920, 600)),
    ],
)
def test_fit_view_keeps_shapes_and_contains_the_view(view, size):
    w, h = size
    fitted = fit_view(view, w, h)
    assert fitted.lon_min <= view.lon_min and fitted.lon_max >= view.lon_max
    assert fitted.lat_min <= view.lat_min + 1e-9 and fitted.lat_max >= view.lat_max - 1e-9
    # Undistorted: a small step north and a small step east take the pixels Miller's formula says.
    lon, lat = fitted.center
    x0, y0 = project(lon, lat, w, h, fitted)
    x1, _ = project(lon + 0.01, lat, w, h, fitted)
    _, y1 = project(lon, lat + 0.01, w, h, fitted)
    dy_dlat = float(miller_y(lat + 0.01) - miller_y(lat)) / np.radians(0.01)
    assert (y0 - y1) / (x1 - x0) == pytest.approx(dy_dlat, rel=1e-3)


def test_fit_view_never_goes_past_the_poles():
    # A tall window cannot show a whole-world view undistorted: the box stops at the poles instead.
    fitted = fit_view(WORLD_VIEW, 600, 900)
    assert fitted.lat_min == pytest.approx(-90.0) and fitted.lat_max == pytest.approx(90.0)
    assert (fitted.lon_min, fitted.lon_max) == (WORLD_VIEW.lon_min, WORLD_VIEW.lon_max)


def test_missing_map_file_names_the_path(tmp_path):
    missing = tmp_path / "nowhere" / "world.npz"
    with pytest.raises(AssetError) as err:
        load_world_map(missing)
    assert str(missing) in str(err.value)
    assert "\n" not in str(err.value)


def _bundled_arrays() -> dict[str, np.ndarray]:
    with np.load(asset_path(*MAP_FILE)) as data:
        return {key: data[key] for key in data.files}


def _corrupt_files(tmp_path: Path):
    garbage = tmp_path / "garbage.npz"
    garbage.write_bytes(b"this is not a zip file at all")
    yield garbage

    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(asset_path(*MAP_FILE).read_bytes()[:5000])
    yield truncated

    no_coords = tmp_path / "no_coords.npz"
    arrays = _bundled_arrays()
    del arrays["coords"]
    np.savez(no_coords, **arrays)
    yield no_coords

    bad_offsets = tmp_path / "bad_offsets.npz"
    arrays = _bundled_arrays()
    arrays["ring_point_offsets"] = arrays["ring_point_offsets"][::-1].copy()
    np.savez(bad_offsets, **arrays)
    yield bad_offsets

    pickled = tmp_path / "pickled.npz"
    arrays = _bundled_arrays()
    arrays["codes"] = np.array([object()] * len(arrays["codes"]), dtype=object)
    np.savez(pickled, **arrays)
    yield pickled

    bad_member = tmp_path / "bad_member.npz"
    with zipfile.ZipFile(bad_member, "w") as zf:
        zf.writestr("coords.npy", b"\x93NUMPY garbage")
    yield bad_member


def test_corrupt_map_files_raise_asset_error_naming_the_path(tmp_path):
    files = list(_corrupt_files(tmp_path))
    assert len(files) == 6
    for path in files:
        with pytest.raises(AssetError) as err:
            load_world_map(path)
        message = str(err.value)
        assert str(path) in message, message
        assert "\n" not in message


def test_asset_path_finds_bundled_files_and_names_missing_ones():
    assert asset_path(*MAP_FILE).is_file()
    assert asset_path("fonts").is_dir()
    with pytest.raises(AssetError) as err:
        asset_path("fonts", "NoSuchFont.ttf")
    message = str(err.value)
    assert "NoSuchFont.ttf" in message and "looked in" in message and "\n" not in message


def test_installed_data_folder_is_preferred_over_the_checkout(tmp_path, monkeypatch):
    installed = tmp_path / "game" / "_data"
    (installed / "assets" / "map").mkdir(parents=True)
    shutil.copy(asset_path(*MAP_FILE), installed / "assets" / "map" / "world_50m.npz")
    (installed / "scenarios").mkdir()
    monkeypatch.setattr(assets, "_installed_root", lambda folder: installed / folder)
    assert asset_path(*MAP_FILE) == installed / "assets" / "map" / "world_50m.npz"
    assert scenarios_dir() == installed / "scenarios"
    # Files the installed folder lacks still come from the checkout.
    assert asset_path("fonts", "DejaVuSans.ttf").parent.parent.parent != installed


def test_scenarios_dir_missing_is_an_asset_error(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "_installed_root", lambda folder: None)
    monkeypatch.setattr(assets, "_REPO_ROOT", tmp_path)
    with pytest.raises(AssetError, match="scenarios"):
        scenarios_dir()
    (tmp_path / "scenarios").mkdir()
    assert scenarios_dir() == tmp_path / "scenarios"


FONTS = ["Inter-Regular.otf", "Inter-SemiBold.otf", "Inter-Bold.otf", "DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]


def test_fonts_and_their_licences_are_bundled():
    for name in [*FONTS, "LICENSE-Inter.txt", "LICENSE-DejaVu.txt", "README.md"]:
        assert asset_path("fonts", name).stat().st_size > 0
    assert "Open Font License" in asset_path("fonts", "LICENSE-Inter.txt").read_text(encoding="utf-8")
    assert "Bitstream" in asset_path("fonts", "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", FONTS)
def test_fonts_render_non_ascii_text_with_pygame(name):
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    pygame = pytest.importorskip("pygame")
    pygame.font.init()
    font = pygame.font.Font(str(asset_path("fonts", name)), 24)
    text = "Zelenskyy – Kyiv, Türkiye, Đ"
    surface = font.render(text, True, (0, 0, 0))
    assert surface.get_width() > 0 and surface.get_height() > 0
    assert font.size(text)[0] > font.size("Zelenskyy")[0]
    # Something was actually drawn: some pixels are opaque.
    alpha = pygame.surfarray.array_alpha(surface)
    assert alpha.max() > 0
