"""Issue 16 in the window: every game asks who plays, the debrief hands the game in through the folder picker,
and the staff's advice does what the teacher set."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.classroom.codes import code_for
from game.classroom.play import play_session
from game.scenario import load_scenario
from game.session import Session
from game.sim.settings import Settings
from game.ui import paths
from game.ui.places import Place, drives, places, subfolders, typed_folder

from .conftest import SIZES, click, drawn, frames, key


@pytest.fixture(scope="module")
def ftz():
    return load_scenario("flood_the_zone")


@pytest.fixture
def user_home(tmp_path, monkeypatch):
    """A home folder of the player's own, with a Desktop, Documents and a folder of class work."""
    folder = tmp_path / "student"
    for sub in ("Desktop", "Documents", "Documents/History", ".hidden"):
        (folder / sub).mkdir(parents=True)
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("USERPROFILE", str(folder))
    return folder


def type_text(app, text: str) -> None:
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=0, mod=0, unicode=ch, scancode=0))
    frames(app)


def to_players(app) -> None:
    frames(app)
    key(app, pygame.K_RETURN)
    assert app.top.name == "briefing"
    key(app, pygame.K_RETURN)
    assert app.top.name == "players"


def assert_drawn(app, name: str) -> None:
    frames(app)
    assert app.top.name == name
    assert drawn(app.window) >= 12, f"{name} looks empty"
    for h in app.hotspots:
        if h.visible:
            assert app.window.get_rect().contains(h.rect), (name, h.id, h.rect)


# ------------------------------------------------------------------------------------- the name prompt


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_new_game_asks_the_name_and_class_and_remembers_them(make_app, home, size):
    app = make_app(size)
    to_players(app)
    assert_drawn(app, "players")
    state = app.top.state()
    assert state["names"] == {"USA": "Test Player"} and state["focus"] == "name:0"  # remembered: Enter plays
    click(app, "clear:name:0")
    key(app, pygame.K_RETURN)  # no name: refused, with the reason
    assert app.top.name == "players" and "Type your name first" in app.toasts[-1].text
    assert not app.hotspot("start").enabled
    type_text(app, "Chloé Martin")
    key(app, pygame.K_TAB)
    assert app.top.state()["focus"] == "class"
    type_text(app, "9B")
    key(app, pygame.K_RETURN)
    assert app.top.name == "map"
    session = app.session
    assert session.names == {session.player: "Chloé Martin"} and session.class_name == "9B"
    saved = json.loads((home / "settings.json").read_text(encoding="utf-8"))
    assert saved["player_name"] == "Chloé Martin" and saved["class_name"] == "9B"
    key(app, pygame.K_SPACE)  # week 1 ends: the autosave and the replay carry the names
    loaded = Session.load(paths.save_path(paths.AUTOSAVE))
    assert loaded.names == session.names and loaded.class_name == "9B"
    assert "chloé-martin" in app.recorder.path.name
    replay = json.loads(app.recorder.path.read_text(encoding="utf-8"))
    assert replay["players"] == {"USA": "Chloé Martin"} and replay["class"] == "9B"


def test_hostile_typing_is_cleaned_or_refused(make_app):
    app = make_app()
    to_players(app)
    click(app, "clear:name:0")
    type_text(app, "\u202e\x1b")  # a direction override and an escape: not typed at all
    assert app.top.state()["names"]["USA"] == ""
    type_text(app, "=cmd" + "x" * 200)  # far more than a name: the field stops at 40
    assert app.top.state()["names"]["USA"] == ("=cmd" + "x" * 200)[:40]
    key(app, pygame.K_RETURN)
    assert app.session.names[app.session.player] == ("=cmd" + "x" * 200)[:40]


def test_a_script_other_than_latin_is_a_name(make_app):
    app = make_app()
    to_players(app)
    click(app, "clear:name:0")
    type_text(app, "李雷 Łukasz")
    key(app, pygame.K_RETURN)
    assert app.top.name == "map" and app.session.names[app.session.player] == "李雷 Łukasz"


def test_a_first_game_on_this_computer_starts_empty(make_app, home):
    (home / "settings.json").write_text('{"confirm_end_turn": false}', encoding="utf-8")
    app = make_app()
    to_players(app)
    assert app.top.state()["names"] == {"USA": ""}
    key(app, pygame.K_RETURN)
    assert app.top.name == "players"
    click(app, "briefing")
    assert app.top.name == "briefing"


def test_two_players_give_both_names_once_and_the_hand_over_calls_them(make_app, ftz):
    app = make_app()
    session = Session(ftz, 3, settings=Settings(two_sided=True))
    app.go(app.resume(session))
    assert_drawn(app, "players")
    assert app.top.state()["names"] == {"USA": "Test Player", "RUS": ""}
    assert app.top.state()["focus"] == "name:1"  # the name still to type
    key(app, pygame.K_RETURN)
    assert app.top.name == "players" and "Moscow's player" in app.toasts[-1].text
    type_text(app, "Ben")
    key(app, pygame.K_RETURN)
    assert app.top.name == "handover"
    assert app.top.state()["headline"] == "Pass the computer to Test Player"
    assert session.names == {session.player: "Test Player", session.rival: "Ben"}


def test_the_tutorial_does_not_ask(make_app):
    app = make_app(scenario="tutorial")
    frames(app)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    assert app.top.name == "map" and app.session.names == {}


def test_a_save_from_before_names_asks_before_it_goes_on(make_app, ftz):
    app = make_app()
    frames(app)
    session = Session(ftz, 3)
    session.end_turn()
    session.save(paths.save_path("slot1"))
    app.go(app.load_slot("slot1"))
    assert app.top.name == "players"
    key(app, pygame.K_RETURN)
    assert app.top.name == "map" and app.session.turn == 1


# ------------------------------------------------------------------------------------------ hand-in


def finished_game(app, ftz, name="Chloé Martin", school="9B") -> Session:
    session = play_session(ftz, 4217, Settings(), "random")
    session.names = {session.player: name}
    session.class_name = school
    session.staff_used = {session.player: 14}
    app.go(app.resume(session))
    assert app.top.name == "debrief"
    return session


def pick_typed(app, folder: Path) -> None:
    """In the folder picker: type a path, go there, pick it (Ctrl+Enter)."""
    assert app.top.name == "folders"
    click(app, "folders:path")
    key(app, pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    type_text(app, str(folder))
    key(app, pygame.K_RETURN)
    assert app.top.state()["folder"] == str(folder), app.top.state()["problem"]
    key(app, pygame.K_RETURN, pygame.KMOD_CTRL)


def test_hand_in_from_the_debrief_copies_the_replay_to_the_folder_picked(make_app, ftz, user_home, tmp_path, home):
    app = make_app()
    finished_game(app, ftz)
    state = app.top.state()
    assert state["players"] == "Chloé Martin (9B)" and state["staff_use"] == "took 14 orders from the staff"
    stick = tmp_path / "USB STICK" / "Class 9B"
    stick.mkdir(parents=True)
    key(app, pygame.K_h)
    assert_drawn(app, "folders")
    assert app.top.state()["folder"] == str(user_home)  # nothing used before: home
    pick_typed(app, stick)
    assert app.top.name == "debrief"
    written = list(stick.iterdir())
    assert [p.name for p in written] == [f"Chloé Martin - 9B - Flood the Zone - {code_for(app.session)}.json"]
    assert app.top.state()["handed_in"] == str(written[0])
    data = json.loads(written[0].read_text(encoding="utf-8"))
    assert data["kind"] == "replay" and data["players"] == {"USA": "Chloé Martin"} and data["staff_used"]["USA"] == 14
    assert "Handed in" in app.toasts[-1].text and str(stick) in app.toasts[-1].text
    assert json.loads((home / "settings.json").read_text(encoding="utf-8"))["handin_folder"] == str(stick)
    # Again: the picker opens where the last hand-in went, and the second file never replaces the first.
    click(app, "handin")
    assert app.top.state()["folder"] == str(stick)
    assert app.top.state()["places"][0] == "Last used: Class 9B"
    key(app, pygame.K_RETURN, pygame.KMOD_CTRL)
    first = written[0].name
    assert {p.name for p in stick.iterdir()} == {first, first.replace(".json", " (2).json")}


def test_a_folder_that_refuses_the_file_is_told_until_acknowledged(make_app, ftz, user_home, tmp_path, monkeypatch):
    import tempfile

    app = make_app()
    finished_game(app, ftz)
    locked = tmp_path / "locked"
    locked.mkdir()

    def refused(*args, **kwargs):  # a read-only stick (the tests may run as root, who may write anywhere)
        raise PermissionError(13, "Permission denied")

    key(app, pygame.K_h)
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    pick_typed(app, locked)
    frames(app, 2)
    assert app.top.name == "message"
    assert app.top.state()["message_title"] == "The game was not handed in"
    assert str(locked) in app.top.state()["message"] and "Permission denied" in app.top.state()["message"]
    frames(app, 5)
    assert app.top.name == "message"  # it stays until acknowledged
    key(app, pygame.K_RETURN)
    assert app.top.name == "debrief" and app.top.state()["handed_in"] is None
    assert list(locked.iterdir()) == []


def test_an_unfinished_game_cannot_be_handed_in(make_app, ftz):
    from game.ui.screens.debrief import DebriefScreen

    app = make_app()
    session = Session(ftz, 3)
    session.names = {session.player: "Ben"}
    app.go(app.resume(session))
    app.session = session
    screen = DebriefScreen(app)
    flow = screen.ask_hand_in()
    assert flow.route == "message" and "only a finished game" in flow.args["body"]


# ------------------------------------------------------------------------------------- the folder picker


def test_the_picker_goes_into_folders_and_up_with_keys_and_mouse(make_app, ftz, user_home):
    app = make_app()
    finished_game(app, ftz)
    key(app, pygame.K_h)
    picker = app.top
    assert picker.state()["folders"] == ["Desktop", "Documents"]  # hidden folders left out
    assert {"Home", "Desktop", "Documents"} <= set(picker.state()["places"])
    key(app, pygame.K_DOWN)
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RETURN)  # into Documents
    assert picker.state()["folder"] == str(user_home / "Documents")
    assert picker.state()["folders"] == ["History"]
    click(app, "folders:dir:0")
    assert picker.state()["folder"] == str(user_home / "Documents" / "History")
    key(app, pygame.K_BACKSPACE)  # up, with the folder we came from chosen
    assert picker.state()["folder"] == str(user_home / "Documents") and picker.state()["selected"] == 0
    click(app, "folders:up")
    assert picker.state()["folder"] == str(user_home)
    desktop = picker.state()["places"].index("Desktop")
    click(app, f"folders:place:{desktop}")
    assert picker.state()["folder"] == str(user_home / "Desktop")
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "debrief" and list((user_home / "Desktop").iterdir()) == []


def test_a_typed_path_that_is_missing_or_a_file_is_said_and_the_picker_stays(make_app, ftz, user_home):
    app = make_app()
    finished_game(app, ftz)
    key(app, pygame.K_h)
    picker = app.top
    click(app, "folders:path")
    key(app, pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    type_text(app, str(user_home / "no such folder"))
    key(app, pygame.K_RETURN)
    state = picker.state()
    assert state["folder"] == str(user_home) and "There is no folder" in state["problem"]
    assert_drawn(app, "folders")
    (user_home / "notes.txt").write_text("x", encoding="utf-8")
    key(app, pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    type_text(app, "~/notes.txt")
    key(app, pygame.K_RETURN)
    assert "is a file, not a folder" in picker.state()["problem"]
    key(app, pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    type_text(app, "Documents")  # relative to the folder open
    key(app, pygame.K_RETURN)
    assert picker.state()["folder"] == str(user_home / "Documents") and picker.state()["problem"] == ""


def test_places_list_drives_and_mounts(tmp_path):
    media = tmp_path / "media" / "ana"
    (media / "KINGSTON").mkdir(parents=True)
    (media / ".Trash").mkdir()
    mnt = tmp_path / "mnt"
    (mnt / "classshare").mkdir(parents=True)
    found = drives([media, mnt, tmp_path / "Volumes"], windows=False)
    assert found == [Place("KINGSTON", media / "KINGSTON", "drive"), Place("classshare", mnt / "classshare", "drive")]
    home = tmp_path / "home"
    (home / "Desktop").mkdir(parents=True)
    listed = places(str(mnt / "classshare"), home=home, bases=[media], windows=False)
    assert [p.label for p in listed] == ["Last used: classshare", "KINGSTON", "Home", "Desktop"]
    assert places(str(tmp_path / "gone"), home=home, bases=[], windows=False)[0].label == "Home"


def test_reading_a_folder_never_raises(tmp_path):
    assert subfolders(tmp_path / "gone") == ([], f"{tmp_path / 'gone'} does not exist (a drive taken out?)")
    (tmp_path / "f.txt").write_text("x")
    assert "is a file" in subfolders(tmp_path / "f.txt")[1]
    assert typed_folder("", tmp_path) == (None, "type a folder's path")
    assert typed_folder("a\x00b", tmp_path)[0] is None


# ----------------------------------------------------------------------------------- the staff setting


def staffed_game(app, ftz, staff) -> Session:
    session = Session(ftz, 3, settings=Settings(staff=staff))
    session.names = {session.player: "Ann"}
    app.go(app.resume(session))
    assert app.top.name == "map"
    return session


def test_a_silent_staff_says_the_teacher_turned_it_off(make_app, ftz):
    app = make_app()
    staffed_game(app, ftz, 0)
    play = app.top
    key(app, pygame.K_a)
    assert play.tab != "staff" and "teacher turned the staff's advice off" in app.toasts[-1].text
    assert play.state()["staff"] == "off"
    spot = app.hotspot("ask_staff")
    assert not spot.enabled and "teacher turned the staff's advice off" in spot.tooltip


def test_a_limited_staff_shows_what_is_left_and_stops_at_the_limit(make_app, ftz):
    app = make_app()
    session = staffed_game(app, ftz, 1)
    play = app.top
    key(app, pygame.K_a)
    for _ in range(10):
        frames(app)
        if play.staff.status == "ready":
            break
    assert play.staff.status == "ready" and play.staff.suggestions
    assert play.state()["staff_left"] == 1
    key(app, pygame.K_1)
    assert len(session.pending.orders) == 1 and session.staff_used == {session.player: 1}
    assert play.state()["staff_left"] == 0
    for _ in range(10):  # the staff answers again for the new plan
        frames(app)
        if play.staff.status == "ready" and not play.staff.changed():
            break
    key(app, pygame.K_RETURN)  # the next suggestion: refused, the limit is reached
    assert len(session.pending.orders) == 1 and "none left" in app.toasts[-1].text
    frames(app)
    for spot in (h for h in app.hotspots if h.id.startswith("advice:add:") and h.id != "advice:add:0"):
        assert not spot.enabled and "none left" in spot.tooltip
    assert "1 staff suggestion a week: none left this week" in " ".join(shown_texts(app))


def shown_texts(app) -> set[str]:
    app.texts._cache.clear()
    app.dirty = True
    frames(app)
    return {k[0] for k in app.texts._cache}


def test_a_name_in_a_script_inter_lacks_is_drawn_with_a_font_that_has_it(make_app):
    app = make_app()
    fonts = app.fonts
    inter, dejavu = fonts.get("semibold", 16), fonts.get("symbold", 16)
    assert fonts.for_text("semibold", 16, "Chloé Łukasz Ярослава") is inter
    assert fonts.for_text("semibold", 16, "محمد") is dejavu  # Arabic: the bundled DejaVu has it, Inter has not
    assert fonts.for_text("semibold", 16, "Ann") is inter
    cjk = fonts.for_text("semibold", 16, "李雷")  # a system font when there is one, else Inter's boxes
    assert cjk.size("李雷")[0] > 0
    app.session = None
    frames(app)  # and the window draws such names without failing
    ui = app.new_ui(app.window)
    for name in ("محمد", "李雷", "Chloé"):
        assert ui.text((10, 10), name, "semibold", 16).width > 0
        assert ui.width_of(name, "semibold", 16) > 0
