"""The player's files: atomic writes leave nothing half-written, and what a killed write left is cleared."""

import os
import time

from game.files import LEFTOVER_AGE, atomic_write, ensure_dirs, remove_leftovers, saves_dir


def test_an_atomic_write_replaces_the_file_whole(tmp_path):
    target = tmp_path / "save.json"
    atomic_write(target, b"one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["save.json"]  # no temporary file stays behind


def test_leftovers_of_killed_writes_are_cleared_at_start_and_nothing_else(tmp_path, monkeypatch):
    monkeypatch.setenv("FLOOD_THE_ZONE_HOME", str(tmp_path))
    saves = saves_dir()
    saves.mkdir(parents=True)
    old = saves / ".autosave.json.k2j3.tmp"
    fresh = saves / ".slot1.json.a9b8.tmp"  # another window may be writing it right now
    keep = saves / "autosave.json"
    hidden = saves / ".notes.txt"
    for path in (old, fresh, keep, hidden):
        path.write_text("x", encoding="utf-8")
    long_ago = time.time() - LEFTOVER_AGE - 60
    os.utime(old, (long_ago, long_ago))
    os.utime(keep, (long_ago, long_ago))
    assert ensure_dirs() is None
    assert not old.exists() and fresh.exists() and keep.exists() and hidden.exists()


def test_a_leftover_that_is_a_link_or_a_folder_is_left_alone(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("mine", encoding="utf-8")
    link = tmp_path / ".trap.tmp"
    link.symlink_to(outside)
    folder = tmp_path / ".dir.tmp"
    folder.mkdir()
    assert remove_leftovers(tmp_path, now=time.time() + 10 * LEFTOVER_AGE) == []
    assert outside.read_text(encoding="utf-8") == "mine" and link.is_symlink() and folder.is_dir()


def test_a_link_is_written_through_and_stays_a_link(tmp_path):
    target = tmp_path / "real" / "report.html"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "report.html"
    link.symlink_to(target)
    atomic_write(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"


def test_a_pipe_is_written_to_not_replaced(tmp_path):
    import threading

    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    atomic_write(fifo, b"streamed")
    reader.join(timeout=10)
    assert got == [b"streamed"]
    assert not fifo.is_file() and fifo.exists()  # still the pipe


def test_a_folder_is_refused(tmp_path):
    import pytest

    with pytest.raises(IsADirectoryError):
        atomic_write(tmp_path, b"x")
