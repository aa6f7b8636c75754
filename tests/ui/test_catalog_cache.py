"""The scenario picker's cache: lines reused only while every file they were read from has the same digest, a
damaged or hostile cache file ignored and rebuilt, and never a way around checking the scenario that is played."""

from __future__ import annotations

import json
import os

import pytest

from game.ui import paths
from game.ui.catalog import MAX_CACHE_BYTES, build_catalog, default_cache_path


def lines(entries):
    return [(e.path.name, e.origin, e.title, e.subtitle, e.playable, e.has_tutorial, e.scenario_id) for e in entries]


@pytest.fixture
def mine(home, ftz):
    """A scenario of one's own: a copy of Flood the Zone under another id."""
    paths.ensure_dirs()
    path = home / "scenarios" / "mine.yaml"
    text = ftz.path.read_text(encoding="utf-8").replace("\nid: flood_the_zone\n", "\nid: mine\n", 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_second_start_lists_the_same_from_the_cache_without_reading_a_scenario(mine):
    first, highlight = build_catalog()
    assert default_cache_path().is_file()
    second, highlight2 = build_catalog()
    assert lines(second) == lines(first) and highlight2 == highlight
    assert not any(e.loaded for e in second)
    # Shown in detail or played, a scenario is read and checked in full, as without the cache.
    entry = next(e for e in second if e.path == mine)
    assert entry.scenario is not None and entry.loaded and entry.scenario.id == "mine"
    assert lines([entry]) == lines([next(e for e in first if e.path == mine)])


def test_a_changed_file_is_read_again_even_with_its_size_and_time_kept(mine):
    build_catalog()
    info = mine.stat()
    text = mine.read_text(encoding="utf-8")
    assert "\ntitle: " in text
    changed = text.replace("\ntitle: ", "\ntitle: X", 1).replace("\n", "", 1)  # same length
    assert len(changed.encode()) == len(text.encode())
    mine.write_text(changed, encoding="utf-8")
    os.utime(mine, ns=(info.st_atime_ns, info.st_mtime_ns))
    entry = next(e for e in build_catalog()[0] if e.path == mine)
    assert entry.loaded and entry.title.startswith("X")


def test_a_broken_file_is_read_every_time_and_a_mended_one_is_cached(mine):
    good = mine.read_text(encoding="utf-8")
    mine.write_text(good.replace("\nid: mine\n", "\nid: [mine\n", 1), encoding="utf-8")
    entry = next(e for e in build_catalog()[0] if e.path == mine)
    assert not entry.playable and entry.first_error
    entry = next(e for e in build_catalog()[0] if e.path == mine)
    assert entry.loaded and not entry.playable
    mine.write_text(good, encoding="utf-8")
    build_catalog()
    entry = next(e for e in build_catalog()[0] if e.path == mine)
    assert entry.playable and not entry.loaded


def test_a_changed_seed_article_reads_the_scenario_again(mine, home, ftz):
    seeds = home / "scenarios" / "seeds"
    seeds.mkdir()
    build_catalog()
    assert not any(e.loaded for e in build_catalog()[0])
    (seeds / "000_966678d371abad6d.txt").write_text("an article that supports nothing", encoding="utf-8")
    entry = next(e for e in build_catalog()[0] if e.path == mine)
    assert entry.loaded  # read again: its citations of that seed no longer match
    assert any("000_966678d371abad6d.txt" in p.message for p in entry.problems)


CORRUPT = {
    "garbage": b"\x00\xff{not json",
    "cut short": b'{"format": 1, "code": "',
    "wrong shape": json.dumps({"format": 1, "code": 5, "scenarios": [1, 2]}).encode(),
    "deep": b"[" * 100_000 + b"]" * 100_000,
    "oversized": b" " * (MAX_CACHE_BYTES + 1) + b"{}",
    "huge number": b'{"format": ' + b"9" * 5000 + b"}",
}


@pytest.mark.parametrize("raw", CORRUPT.values(), ids=CORRUPT.keys())
def test_a_damaged_cache_is_ignored_and_rebuilt(mine, raw):
    expected = lines(build_catalog()[0])
    cache = default_cache_path()
    cache.write_bytes(raw)
    entries, _ = build_catalog()
    assert lines(entries) == expected and all(e.loaded for e in entries)
    assert json.loads(cache.read_text(encoding="utf-8"))["format"] == 1
    assert not any(e.loaded for e in build_catalog()[0])


def test_a_cache_with_lines_of_the_wrong_types_is_not_used(mine):
    expected = lines(build_catalog()[0])
    cache = default_cache_path()
    data = json.loads(cache.read_text(encoding="utf-8"))
    for line in data["scenarios"].values():
        line["summary"]["turns"] = "many"
    cache.write_text(json.dumps(data), encoding="utf-8")
    entries, _ = build_catalog()
    assert lines(entries) == expected and all(e.loaded for e in entries)


def test_a_cache_that_is_not_a_regular_file_is_ignored(mine):
    cache = default_cache_path()
    cache.parent.mkdir(parents=True, exist_ok=True)
    if hasattr(os, "mkfifo"):
        os.mkfifo(cache)  # reading a pipe would hang the start: it is not opened as a file
    else:
        cache.mkdir()
    entries, _ = build_catalog()
    assert entries and all(e.loaded for e in entries)
    if not cache.is_dir():  # the pipe was replaced by a new cache file, never written into
        assert cache.is_file() and not any(e.loaded for e in build_catalog()[0])


def test_a_forged_line_cannot_make_a_broken_scenario_playable(mine):
    """The cache may say what the list shows, with digests that match; what is played is checked anyway."""
    build_catalog()
    mine.write_text(mine.read_text(encoding="utf-8").replace("\nid: mine\n", "\nid: [mine\n", 1), encoding="utf-8")
    import hashlib

    cache = default_cache_path()
    data = json.loads(cache.read_text(encoding="utf-8"))
    line = data["scenarios"][str(mine.resolve())]
    line["inputs"][str(mine.resolve())] = hashlib.sha256(mine.read_bytes()).hexdigest()
    line["summary"]["title"] = "Forged"
    cache.write_text(json.dumps(data), encoding="utf-8")
    entry = next(e for e in build_catalog()[0] if e.path == mine)
    assert entry.title == "Forged" and not entry.loaded  # the list line is the cache's...
    assert entry.scenario is None and not entry.playable and entry.first_error  # ...the game is the file's


def test_a_read_only_data_folder_still_lists_every_scenario(mine, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "read-only")

    monkeypatch.setattr("game.ui.catalog.write_temporary", refuse)
    entries, _ = build_catalog()
    assert any(e.path == mine and e.playable for e in entries)
    assert not default_cache_path().exists()
