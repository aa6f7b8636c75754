"""Handing a game in (issue 16): the file's name for awkward names, the copy (whole, never over another file,
a folder that refuses it), what cannot be handed in; and the names themselves as hostile input."""

from __future__ import annotations

import copy
import json
import os

import pytest

from game.classroom.codes import code_for
from game.classroom.handin import HandInError, hand_in, hand_in_refusal, hand_in_stem
from game.classroom.replay import open_replay, replay_data
from game.classroom.report import render_report
from game.files import safe_file_name, write_new_file
from game.session import NAME_LIMIT, SaveError, Session, clean_name

from .conftest import FakeCharts

FORBIDDEN = set('\\/:*?"<>|')


def named(session: Session, name: str, school: str = "") -> Session:
    game = copy.copy(session)
    game.names = {game.player: clean_name(name)}
    game.class_name = clean_name(school, 20)
    return game


# ------------------------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Chloé   Martin ", "Chloé Martin"),
        ("Łukasz", "Łukasz"),
        ("李雷", "李雷"),
        ("Chloe\u0301", "Chloé"),  # a combining accent: the same name as the composed one
        ("Ann\x00\x07\x1b[31mRed", "Ann [31mRed"),  # NUL, BEL and the escape of a terminal colour
        ("Ann\nBen\tCat", "Ann Ben Cat"),
        ("\u202egnp.exe", "gnp.exe"),  # the right-to-left override would show it as "exe.png"
        ("Ben\u2066\u2069\u200f", "Ben"),
        ("=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0"),  # kept as typed: the CSV, not the name, neutralises it
        ("\ud800Zoe", "Zoe"),  # a lone surrogate cannot be written as UTF-8
        ("\u200c", ""),  # nothing but a joiner is no name
        (" . ", ""),
    ],
)
def test_a_name_is_cleaned_of_what_cannot_be_shown(typed, kept):
    assert clean_name(typed) == kept.strip()


def test_a_name_of_ten_thousand_characters_is_cut_at_forty():
    name = clean_name("A" * 10_000)
    assert name == "A" * NAME_LIMIT
    assert clean_name("a " * 5_000) == ("a " * 20).strip()


def test_a_save_with_a_hostile_name_loads_it_cleaned(finished, tmp_path):
    data = finished.to_dict()
    data["players"] = {finished.rules.actors[finished.player]: "\u202eZoë\x1b" + "x" * 150}
    data["class"] = "9B\n<script>"
    loaded = Session.from_dict(json.loads(json.dumps(data)))
    assert loaded.names[loaded.player] == ("Zoë " + "x" * 150)[:NAME_LIMIT]
    assert loaded.class_name == "9B <script>"
    data["players"] = {finished.rules.actors[finished.player]: "x" * 10_000}  # not a name the game wrote
    with pytest.raises(SaveError, match="players.USA"):
        Session.from_dict(data)


def test_the_report_escapes_the_name_and_names_the_class_and_the_staff(finished):
    game = named(finished, '<img src=x onerror="alert(1)">', "9B & <b>")
    game.staff_used = {game.player: 14}
    page = render_report(game, charts=FakeCharts())
    assert "<img src=x" not in page and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "class 9B &amp; &lt;b&gt;" in page
    assert "Took 14 orders from the staff." in page
    assert "<title>&lt;img src=x" in page  # the printed page's header names the student


# ------------------------------------------------------------------------------------------ file names


@pytest.mark.parametrize(
    "name",
    ["Chloé Martin", "李雷", "a/b\\c", 'Ann: "the best" <3 | ?*', "CON", "con", "COM1", "..", " . ", "x" * 40, "=cmd"],
)
def test_the_hand_in_name_is_safe_on_every_file_system(finished, name):
    game = named(finished, name, "9B")
    file = safe_file_name(hand_in_stem(game), ".json")
    assert not FORBIDDEN & set(file), file
    assert not any(ord(c) < 32 for c in file)
    stem = file.removesuffix(".json")
    assert stem == stem.strip(" .") and not stem.startswith(".")
    assert stem.split(".")[0].strip().upper() not in {"CON", "PRN", "AUX", "NUL", "COM1", "LPT1"}
    assert len(file.encode("utf-8")) <= 200
    assert file.endswith(f"9B - Flood the Zone - {code_for(game)}.json")


def test_the_hand_in_name_keeps_accents_and_reads_like_the_example(finished):
    game = named(finished, "Chloé Martin", "9B")
    assert hand_in_stem(game) == f"Chloé Martin - 9B - Flood the Zone - {code_for(game)}"
    assert hand_in_stem(named(finished, "Ben")) == f"Ben - Flood the Zone - {code_for(game)}"


def test_a_two_sided_hand_in_names_both_players(short_two_sided):
    stem = hand_in_stem(short_two_sided)
    assert stem.startswith("Ana & Ben - The Rational Way - FTZ-")


def test_a_device_name_and_an_overlong_name_are_made_safe():
    assert safe_file_name("CON", ".json") == "_CON.json"
    assert safe_file_name("lpt9.backup", ".json") == "_lpt9.backup.json"
    long = safe_file_name("李" * 500, ".json")
    assert len(long.encode("utf-8")) <= 200 and long.endswith("李.json")
    assert safe_file_name("", ".json") == "game.json"


# --------------------------------------------------------------------------------------------- the copy


def test_hand_in_writes_the_replay_whole_into_the_folder(finished, tmp_path):
    game = named(finished, "Chloé Martin", "9B")
    folder = tmp_path / "USB STICK"
    folder.mkdir()
    path = hand_in(game, folder)
    assert path.parent == folder and path.name == f"Chloé Martin - 9B - Flood the Zone - {code_for(game)}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["players"] == {"USA": "Chloé Martin"} and data["class"] == "9B"
    assert data["result"] == replay_data(game)["result"]
    assert open_replay(path).session.names[game.player] == "Chloé Martin"  # the class view reads it
    assert sorted(p.name for p in folder.iterdir()) == [path.name]  # no temporary file left behind


def test_a_second_hand_in_never_replaces_the_first(finished, tmp_path):
    game = named(finished, "Ben", "9B")
    first = hand_in(game, tmp_path)
    first.write_text("the first hand-in, changed by hand", encoding="utf-8")
    second = hand_in(game, tmp_path)
    third = hand_in(game, tmp_path)
    assert second.name == first.name.replace(".json", " (2).json")
    assert third.name == first.name.replace(".json", " (3).json")
    assert first.read_text(encoding="utf-8") == "the first hand-in, changed by hand"


def test_without_links_the_name_is_still_never_taken_twice(tmp_path, monkeypatch):
    """A FAT or exFAT stick cannot link: the copy checks the name, then renames."""

    def no_links(src, dst):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    one = write_new_file(tmp_path, "Ann - 9B", ".json", b"1")
    two = write_new_file(tmp_path, "Ann - 9B", ".json", b"2")
    assert (one.name, two.name) == ("Ann - 9B.json", "Ann - 9B (2).json")
    assert one.read_bytes() == b"1" and two.read_bytes() == b"2"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Ann - 9B (2).json", "Ann - 9B.json"]


def test_a_folder_that_is_gone_or_refuses_the_file_raises_and_leaves_nothing(finished, tmp_path, monkeypatch):
    import tempfile

    game = named(finished, "Ben")
    with pytest.raises(OSError):
        hand_in(game, tmp_path / "taken out")

    def read_only(*args, **kwargs):  # a locked stick (the tests may run as root, who may write anywhere)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(PermissionError):
        hand_in(game, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_no_half_file(finished, tmp_path, monkeypatch):
    game = named(finished, "Ben")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        hand_in(game, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_an_unfinished_game_the_tutorial_and_a_nameless_game_are_refused(ftz, finished, tmp_path):
    from game.scenario import load_scenario

    started = Session(ftz, 5)
    started.names[started.player] = "Ben"
    assert "week 1 of" in hand_in_refusal(started) and "finished game" in hand_in_refusal(started)
    with pytest.raises(HandInError, match="only a finished game"):
        hand_in(started, tmp_path)
    tutorial = Session(load_scenario("tutorial"), 5)
    assert "practice" in hand_in_refusal(tutorial)
    nameless = copy.copy(finished)
    nameless.names = {}
    assert "no player's name" in hand_in_refusal(nameless)
    assert hand_in_refusal(named(finished, "Ben")) == ""
    assert list(tmp_path.iterdir()) == []
