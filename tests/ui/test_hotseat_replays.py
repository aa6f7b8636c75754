"""Two-sided (hot-seat) play in the window, the replay viewer and the debrief's Report button."""

from __future__ import annotations

import json
import webbrowser

import pygame
import pytest

from game.classroom.play import play_session
from game.classroom.replay import write_replay
from game.files import replays_dir
from game.scenario import load_scenario
from game.session import Session
from game.sim.settings import Settings
from game.ui import paths

from .conftest import SIZES, click, drawn, frames, key


@pytest.fixture(scope="module")
def ftz():
    return load_scenario("flood_the_zone")


def type_text(app, text: str) -> None:
    for ch in text:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=ord(ch.lower()), mod=0, unicode=ch, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=ord(ch.lower()), mod=0, unicode=ch, scancode=0))
    frames(app)


def shown_texts(app) -> set[str]:
    """Every string drawn in a fresh full frame (the text cache emptied first)."""
    app.texts._cache.clear()
    app.dirty = True
    frames(app)
    return {k[0] for k in app.texts._cache}


def assert_screen(app, name: str, minimum_colours: int = 12) -> None:
    frames(app)
    assert app.top.name == name
    assert drawn(app.window) >= minimum_colours, f"{name} looks empty"
    for h in app.hotspots:  # nothing clickable may hang outside the window
        if h.visible:
            assert app.window.get_rect().contains(h.rect), (name, h.id, h.rect)


def two_sided_game(app, ftz, seed: int = 3) -> Session:
    session = Session(ftz, seed, settings=Settings(two_sided=True))
    app.go(app.resume(session))
    assert app.top.name == "players"  # both names first, once
    app.top.entries[f"name:{session.player}"].set("Ana")
    app.top.entries[f"name:{session.rival}"].set("Ben")
    key(app, pygame.K_RETURN)
    return session


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_two_sided_week_hands_over_hides_the_orders_and_reports_both_sides(make_app, ftz, size):
    app = make_app(size)
    session = two_sided_game(app, ftz)
    usa, rus = session.player, session.rival
    # A game goes on at the hand-over to the first side, calling its player by name.
    assert_screen(app, "handover")
    assert app.top.state()["handover_to"] == "USA"
    assert app.top.state()["headline"] == "Pass the computer to Ana"
    key(app, pygame.K_RETURN)
    assert_screen(app, "map", 40)
    assert session.names[usa] == "Ana" and app.top.me == usa
    click(app, "country:DEU")
    click(app, "kind:call")
    click(app, "topic:energy_supply")
    click(app, "add")
    assert [session.describe(o) for o in session.pending.orders] == ["Call Germany on Energy supply"]
    assert "Done: hand over to Moscow" in shown_texts(app)
    key(app, pygame.K_SPACE)
    # The hand-over covers everything: no map screen underneath, nothing of Washington's orders drawn.
    assert_screen(app, "handover")
    assert [s.name for s in app.stack] == ["handover"]
    assert app.top.state()["handover_to"] == "RUS" and session.turn == 0
    texts = shown_texts(app)
    assert "Pass the computer to Ben" in texts
    assert not any("Germany" in t for t in texts)
    key(app, pygame.K_RETURN)
    # Moscow's side of the same map screen: Moscow's budget and orders, Moscow's view of the score.
    assert_screen(app, "map", 40)
    play = app.top
    assert play.me == rus and play.other == usa and session.names[rus] == "Ben"
    assert session.pending.orders == () and app.hotspot("undo:0") is None
    calls = app.hotspot("chip:calls").tooltip
    assert calls.startswith("Calls left this week: 4 of 4")  # Moscow's four calls, not Washington's six
    texts = shown_texts(app)
    assert not any("Germany on Energy" in t for t in texts)
    assert "MOSCOW WANTS IT LOW" in texts and any(t.startswith("WEEK 1 OF 13 · MOSCOW'S ORDERS") for t in texts)
    assert "wins by keeping Washington's score low" in app.hotspot("outcome").tooltip
    # Moscow's dossier: its own deputies and the same legal-orders function.
    click(app, "country:HUN")
    click(app, "kind:deputy_call")
    frames(app)
    deputies = {h.id for h in app.hotspots if h.id.startswith("deputy:")}
    assert deputies == {f"deputy:{ftz.rules.deputies[d]}" for d in play.my_deputies()}
    assert all(ftz.rules.deputy_actor[d] == rus for d in play.my_deputies())
    click(app, "kind:call")
    click(app, "topic:energy_supply")
    click(app, "add")
    assert [(o.actor, session.describe(o)) for o in session.pending.orders] == [(rus, "Call Hungary on Energy supply")]
    key(app, pygame.K_SPACE)
    # Both have given their orders: the week resolved, and a second hand-over calls both to the report.
    assert_screen(app, "handover")
    assert app.top.state()["handover_stage"] == "report" and session.turn == 1
    key(app, pygame.K_RETURN)
    assert_screen(app, "report", 20)
    texts = shown_texts(app)
    assert {"WASHINGTON'S ORDERS", "MOSCOW'S ORDERS"} <= texts
    assert "Call Germany on Energy supply" in texts and "Call Hungary on Energy supply" in texts
    sheets = {s.actor: s.orders for s in session.weeks[0].sheets}
    assert [session.describe(o) for o in sheets[usa]] == ["Call Germany on Energy supply"]
    key(app, pygame.K_RETURN)
    assert_screen(app, "map", 40)
    assert app.top.me == usa and session.turn == 1


def test_a_save_at_the_hand_over_keeps_the_orders_hidden_and_loads_to_the_right_side(make_app, ftz):
    app = make_app()
    two_sided_game(app, ftz)
    key(app, pygame.K_RETURN)
    click(app, "country:DEU")
    click(app, "kind:call")
    click(app, "topic:energy_supply")
    click(app, "add")
    key(app, pygame.K_SPACE)  # Washington is done: the autosave is written at the hand-over
    assert app.top.name == "handover"
    saved = json.loads(paths.save_path(paths.AUTOSAVE).read_text())
    assert saved["submitted"] == ["USA"] and len(saved["pending"]) == 1
    key(app, pygame.K_ESCAPE)  # the pause menu over the hand-over: save into a slot
    assert app.top.name == "pause"
    click(app, "save")
    click(app, "slot:slot2")
    app.go(app.load_slot("slot2"))
    # Loaded: the hand-over to Moscow, never Washington's orders on screen.
    assert app.top.name == "handover" and app.top.state()["handover_to"] == "RUS"
    loaded = app.session
    assert not any("Germany" in t for t in shown_texts(app))
    key(app, pygame.K_RETURN)
    assert app.top.name == "map" and app.top.me == loaded.rival
    assert loaded.pending.orders == () and app.hotspot("undo:0") is None
    # Washington's orders are still there to resolve with Moscow's.
    assert [loaded.describe(o) for o in loaded.pending_for(loaded.player).orders] == ["Call Germany on Energy supply"]
    key(app, pygame.K_SPACE)
    assert app.top.state()["handover_stage"] == "report" and loaded.turn == 1
    # A save in the middle of Washington's turn loads at the hand-over to Washington.
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    assert app.top.name == "map" and app.top.me == loaded.player
    assert app.save_slot("slot3") is None  # saved: no message to open
    app.go(app.load_slot("slot3"))
    assert app.top.name == "handover" and app.top.state()["handover_to"] == "USA"


def test_the_names_are_asked_once_and_an_empty_one_is_refused(make_app, ftz):
    app = make_app()
    session = Session(ftz, 3, settings=Settings(two_sided=True))
    app.go(app.resume(session))
    assert app.top.name == "players" and app.top.state()["focus"] == f"name:{session.rival}"
    type_text(app, "Benn")
    key(app, pygame.K_BACKSPACE)
    assert app.top.state()["names"]["RUS"] == "Ben"
    click(app, f"clear:name:{session.player}")
    key(app, pygame.K_RETURN)  # Washington's player has no name: refused, the cursor goes there
    assert app.top.name == "players" and app.top.state()["focus"] == f"name:{session.player}"
    type_text(app, "x" * 60)
    assert len(app.top.state()["names"]["USA"]) == 40
    click(app, "start")
    assert app.top.name == "handover" and session.names == {session.player: "x" * 40, session.rival: "Ben"}
    key(app, pygame.K_SPACE)  # Space is ready too: nothing is typed at the hand-over any more
    assert app.top.name == "map"


def test_the_two_sided_debrief_says_who_won_for_each_side(make_app, ftz):
    app = make_app()
    session = play_session(ftz, 11, Settings(two_sided=True), "greedy", "idle")
    session.names = {session.player: "Ana", session.rival: "Ben"}
    app.go(app.resume(session))
    assert_screen(app, "debrief", 40)
    verdicts = app.top.state()["verdicts"]
    assert verdicts[0].startswith("Washington (Ana) wins") and verdicts[1].startswith("Moscow (Ben) loses")
    history = play_session(ftz, 11, Settings(rival="historical"), "historical")  # two-sided: history vs history
    assert f"{session_score(session) - session_score(history):.1f} points above history" in verdicts[0]


def session_score(session) -> float:
    from game.engine.outcome import standing

    return standing(session.rules, session.state)[1]


# ------------------------------------------------------------------------------------------------ replays


@pytest.fixture
def replay_files(home, ftz):
    folder = replays_dir()
    game = play_session(ftz, 5, Settings(two_sided=True, turns=4), "greedy", "historical")
    game.names = {game.player: "Ana", game.rival: "Ben"}
    good = write_replay(game, folder / "flood-the-zone-20240305-103000-ana.json")
    text = good.read_text()
    cut = folder / "cut-short.json"
    cut.write_text(text[: len(text) // 2])
    data = json.loads(text)
    data["scenario_digest"] = "0123456789abcdef"
    other = folder / "other-version.json"
    other.write_text(json.dumps(data))
    return {"good": good, "cut": cut, "other": other, "game": game}


def open_from_title(app, name: str) -> None:
    frames(app)
    assert app.top.name == "title"
    key(app, pygame.K_p)
    assert app.top.name == "replays"
    index = app.top.state()["replays"].index(name)
    click(app, f"replay:{index}")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_replay_viewer_steps_through_the_weeks(make_app, replay_files, size):
    app = make_app(size)
    open_from_title(app, "flood-the-zone-20240305-103000-ana.json")
    assert_screen(app, "replay", 40)
    game = replay_files["game"]
    viewer = app.top
    assert viewer.state()["replay_week"] == 1 and viewer.state()["replay_weeks"] == 13
    key(app, pygame.K_RIGHT)
    assert viewer.state()["replay_week"] == 2
    key(app, pygame.K_LEFT)
    key(app, pygame.K_LEFT)  # no week before the first
    assert viewer.state()["replay_week"] == 1
    key(app, pygame.K_END)
    assert_screen(app, "replay", 40)
    state = viewer.state()
    assert state["replay_week"] == 13
    last = game.weeks[-1]
    assert state["replay_orders"] == {
        game.rules.actors[s.actor]: [game.describe(o) for o in s.orders] for s in last.sheets
    }
    texts = shown_texts(app)
    assert "WASHINGTON'S ORDERS · ANA" in texts and "MOSCOW'S ORDERS · BEN" in texts
    assert any(t.startswith("WHAT MOVED AND WHY") for t in texts)
    key(app, pygame.K_HOME)
    assert viewer.state()["replay_week"] == 1
    assert any("historical playbooks, before the players took over" in t for t in shown_texts(app))
    click(app, "next")
    click(app, "week:11")
    assert viewer.state()["replay_week"] == 12
    click(app, "prev")
    assert viewer.state()["replay_week"] == 11
    click(app, "last")
    frames(app)
    assert not app.hotspot("next").enabled
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "replays"


@pytest.mark.parametrize(
    ("which", "words"), [("cut", "the file is cut short"), ("other", "made with another version of scenario")]
)
def test_a_bad_replay_is_a_message_in_the_window(make_app, replay_files, which, words):
    app = make_app()
    open_from_title(app, replay_files[which].name)
    assert app.top.name == "message"
    assert words in app.top.state()["message"] and replay_files[which].name in app.top.state()["message"]
    key(app, pygame.K_RETURN)
    assert app.top.name == "replays"


def test_a_replay_named_on_the_command_line_opens_at_once(make_app, replay_files, tmp_path):
    outside = tmp_path / "handed-in.json"
    outside.write_text(replay_files["good"].read_text())
    app = make_app(replay=outside)
    assert_screen(app, "replay", 40)
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "title"
    key(app, pygame.K_p)
    assert app.top.state()["replays"][0] == "handed-in.json"  # listed first, with the folder's
    missing = make_app(replay=tmp_path / "nowhere.json")
    frames(missing)
    assert missing.top.name == "message" and "no such file" in missing.top.state()["message"]


# ------------------------------------------------------------------------------------------ report button


class FakeBrowser:
    def __init__(self, result=True):
        self.result = result
        self.opened: list[str] = []

    def open(self, url, new=0, autoraise=True):
        self.opened.append(url)
        return self.result


def finished_debrief(make_app, ftz):
    app = make_app()
    app.go(app.resume(play_session(ftz, 4, Settings(), "historical")))
    frames(app)
    assert app.top.name == "debrief"
    return app


def test_the_report_button_writes_a_readable_report_and_opens_it(make_app, ftz, home, monkeypatch):
    app = finished_debrief(make_app, ftz)
    browser = FakeBrowser()
    monkeypatch.setattr(webbrowser, "get", lambda *a: browser)
    click(app, "report")
    path = app.top.report_path
    assert path is not None and path.parent == home / "reports" and path.suffix == ".html"
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "After-action report" in html and ftz.title in html
    assert any(t.text == f"Report written: {path}" for t in app.toasts)
    assert {"Report saved in reports/", path.name} <= shown_texts(app)
    key(app, pygame.K_o)
    assert browser.opened == [path.resolve().as_uri()] and app.top.name == "debrief"


def test_open_report_writes_it_first_and_a_missing_browser_is_a_message(make_app, ftz, home, monkeypatch):
    app = finished_debrief(make_app, ftz)

    def no_browser(*args):
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    key(app, pygame.K_o)  # O without R: the report is written, then the browser is asked for
    written = list((home / "reports").glob("*.html"))
    assert len(written) == 1
    assert app.top.name == "message" and "no web browser was found" in app.top.state()["message"]
    key(app, pygame.K_RETURN)
    monkeypatch.setattr(webbrowser, "get", lambda *a: FakeBrowser(result=False))
    click(app, "open_report")
    assert app.top.name == "message" and "did not open the page" in app.top.state()["message"]


def test_a_report_that_cannot_be_written_is_a_message(make_app, ftz, home):
    app = finished_debrief(make_app, ftz)
    home.mkdir(parents=True, exist_ok=True)
    (home / "reports").write_text("a file where the folder should be")
    key(app, pygame.K_r)
    assert app.top.name == "message" and "cannot write the report" in app.top.state()["message"]
    key(app, pygame.K_RETURN)
    assert app.top.name == "debrief" and app.top.report_path is None
