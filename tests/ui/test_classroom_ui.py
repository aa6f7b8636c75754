"""The desktop game's half of game codes and teacher settings: the new game's settings on the title screen with
their code, the box for a code from the board, the code on the briefing, pause menu and debrief, fog (bands,
not numbers, until the debrief), a replay for every game, and ``play --code`` on the command line."""

from __future__ import annotations

import json
import re

import pygame
import pytest

from game.classroom.codes import CodeError, GameSetup, make_code, parse_code
from game.classroom.replay import open_replay
from game.classroom.words import alignment_word, band_step, move_lines, shown_alignments, without_amount
from game.files import replays_dir
from game.scenario import load_scenario
from game.sim.settings import FOG_BANDS, Settings, fog_band
from game.ui import paths
from tests.conftest import run_game
from tests.conftest import run_main as run

from .conftest import SIZES, click, drawn, frames, key, take_office

ISOLATION_CODE_SETUP = GameSetup("isolation_complication", 777, Settings.preset("hard", turns=5, fog=True))
NUMBER = re.compile(r"[+−-]\d+")  # an alignment as the game prints it: "+34", "−12"
AMOUNT = re.compile(r"[+−±]\d+\.\d")  # a move's size: "+4.2"


def type_text(app, text: str) -> None:
    """Type as on a keyboard: each character a key press carrying its text."""
    for ch in text:
        code = ord(ch.lower()) if ch.isascii() and ch.isprintable() else 0
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, mod=0, unicode=ch, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, mod=0, unicode=ch, scancode=0))
    frames(app)


def shown_texts(app) -> set[str]:
    """Every string drawn in a fresh full frame (the text cache emptied first)."""
    app.texts._cache.clear()
    app.dirty = True
    frames(app)
    return {k[0] for k in app.texts._cache}


def title_state(app) -> dict:
    frames(app)
    assert app.top.name == "title"
    return app.top.state()


def coded(state: dict) -> GameSetup:
    """The game the title screen's code stands for."""
    assert state["game_code"], state["no_code"]
    return parse_code(state["game_code"])


# --------------------------------------------------------------------------------------- the setup panel


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_setup_panel_draws_and_its_code_follows_every_setting(make_app, size):
    app = make_app(size, seed=4217)
    state = title_state(app)
    assert drawn(app.window) >= 12
    for h in app.hotspots:
        if h.visible:
            assert app.window.get_rect().contains(h.rect), h.id
    assert state["setup"] == Settings().to_dict()  # Flood the Zone has no settings of its own
    assert state["game_code"] == "FTZ-081-0Y8-015" and coded(state) == GameSetup("flood_the_zone", 4217)
    for id in ("setup:difficulty:hard", "setup:turns:-", "setup:turns:-", "setup:fog:on", "setup:rival:person"):
        click(app, id)
    click(app, "seed_up")
    state = title_state(app)
    expected = Settings.preset("hard", turns=11, fog=True, two_sided=True)
    assert state["setup"] == expected.to_dict()
    assert coded(state) == GameSetup("flood_the_zone", 4218, expected)
    assert state["focus"] == "seed"  # the focus follows the mouse
    assert {"FTZ-081-0Y8-015", state["game_code"]} & shown_texts(app) == {state["game_code"]}  # shown live
    click(app, "start")
    assert app.top.name == "briefing"
    session = app.session
    assert (session.scenario.id, session.seed, session.settings) == ("flood_the_zone", 4218, expected)
    assert session.first_turn == 2 and session.two_sided


def test_the_setup_panel_by_keyboard(make_app):
    app = make_app(seed=12)
    assert title_state(app)["focus"] == "list"
    key(app, pygame.K_DOWN)  # the list still moves with the arrows: The Nord Stream what-if
    key(app, pygame.K_UP)
    key(app, pygame.K_TAB)
    assert title_state(app)["focus"] == "difficulty"
    key(app, pygame.K_RIGHT)  # normal -> hard
    key(app, pygame.K_RIGHT)  # hard -> expert
    key(app, pygame.K_DOWN)
    assert title_state(app)["focus"] == "turns"
    key(app, pygame.K_LEFT)  # all 13 -> the last 12
    key(app, pygame.K_LEFT)
    key(app, pygame.K_LEFT)
    key(app, pygame.K_RIGHT)  # -> the last 11
    key(app, pygame.K_TAB)
    assert title_state(app)["focus"] == "rival"
    key(app, pygame.K_SPACE)  # a second player
    key(app, pygame.K_SPACE)  # and back to the computer
    key(app, pygame.K_DOWN)
    key(app, pygame.K_RIGHT)  # fog on
    key(app, pygame.K_DOWN)
    assert title_state(app)["focus"] == "seed"
    type_text(app, "4217")  # the first digit replaces the seed
    type_text(app, "9")
    key(app, pygame.K_BACKSPACE)
    state = title_state(app)
    expected = Settings.preset("expert", turns=11, fog=True)
    assert state["setup"] == expected.to_dict() and app.seed == 4217
    assert coded(state) == GameSetup("flood_the_zone", 4217, expected)
    key(app, pygame.K_DOWN)
    assert title_state(app)["focus"] == "staff"
    key(app, pygame.K_LEFT)  # on -> 10 a week
    key(app, pygame.K_LEFT)  # -> 9 a week
    expected = expected.replace(staff=9)
    assert title_state(app)["setup"] == expected.to_dict()
    assert coded(title_state(app)) == GameSetup("flood_the_zone", 4217, expected)
    key(app, pygame.K_TAB)
    assert title_state(app)["focus"] == "code"
    key(app, pygame.K_l)  # in the code box a letter is typed, not a shortcut (L: load)
    assert app.top.name == "title"
    key(app, pygame.K_TAB)
    assert title_state(app)["focus"] == "list"
    key(app, pygame.K_RETURN)
    assert app.top.name == "briefing"
    assert (app.session.seed, app.session.settings) == (4217, expected)
    # Back on the title, the scenario keeps the settings chosen for it.
    click(app, "back")
    assert title_state(app)["setup"] == expected.to_dict()


def test_a_scenario_files_settings_are_the_panels_starting_values(make_app, home):
    folder = home / "scenarios"
    folder.mkdir(parents=True)
    (folder / "class_4b.yaml").write_text(
        "format: 2\nextends: flood_the_zone\nid: class_4b\ntitle: Flood the Zone for class 4B\n"
        "settings:\n  difficulty: hard\n  turns: 6\n  fog: true\n",
        encoding="utf-8",
    )
    app = make_app(seed=99)
    frames(app)
    index = next(i for i, e in enumerate(app.top.entries) if e.path.name == "class_4b.yaml")
    click(app, f"scenario:{index}")
    state = title_state(app)
    assert state["setup"] == Settings.preset("hard", turns=6, fog=True).to_dict()
    setup = coded(state)  # a scenario of your own: named by its fingerprint
    assert setup.scenario is None and len(setup.fingerprint) == 6 and setup.settings.turns == 6
    assert len(state["game_code"].replace("-", "")) == 3 + 15


# ------------------------------------------------------------------------------------------ code entry


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_code_typed_as_on_the_board_starts_exactly_that_game(make_app, size):
    app = make_app(size)
    code = make_code(ISOLATION_CODE_SETUP)
    frames(app)
    # As a student copies it from the board: lower case, spaces instead of dashes, an O for a 0.
    typed = code.lower().replace("-", " ").replace("0", "o")
    type_text(app, typed)  # its first character, F, goes straight into the code box
    state = title_state(app)
    assert state["focus"] == "code" and state["code_text"] == typed
    assert typed in shown_texts(app)
    key(app, pygame.K_RETURN)
    assert app.top.name == "briefing"
    session = app.session
    assert session.scenario.id == "isolation_complication" and session.seed == 777
    assert session.settings == ISOLATION_CODE_SETUP.settings
    assert code in shown_texts(app)  # the briefing shows the code


def test_a_mistyped_or_unknown_code_says_why_and_the_game_goes_on(make_app, monkeypatch):
    app = make_app()
    frames(app)
    key(app, pygame.K_TAB, pygame.KMOD_SHIFT)  # back from the list: the code box
    key(app, pygame.K_RETURN)  # an empty box
    assert app.top.name == "title"
    assert "Type the game code from the board" in title_state(app)["code_error"]
    for _ in range(8):  # Tab once round: the list, the six settings, the code box
        key(app, pygame.K_TAB)
    assert title_state(app)["focus"] == "code"
    wrong = "FTZ-081-0Y8-008"  # the last character mistyped
    type_text(app, wrong)
    click(app, "code_play")
    state = title_state(app)
    with pytest.raises(CodeError) as refused:
        parse_code(wrong)
    assert state["code_error"] == str(refused.value) and "mistyped" in state["code_error"]
    assert app.running and app.top.name == "title" and app.session is None
    assert any("mistyped" in t for t in shown_texts(app))  # the one line, in the window
    # Typing again clears the message; a paste (Ctrl+V) brings the right code and it plays.
    key(app, pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    state = title_state(app)
    assert state["code_text"] == "" and state["code_error"] == ""
    monkeypatch.setattr("game.ui.widgets.clipboard_text", lambda: "  ftz-081-0y8-015\n")
    key(app, pygame.K_v, pygame.KMOD_CTRL)
    assert title_state(app)["code_text"] == "ftz-081-0y8-015"
    key(app, pygame.K_RETURN)
    assert app.top.name == "briefing"
    assert (app.session.scenario.id, app.session.seed, app.session.settings) == ("flood_the_zone", 4217, Settings())


def test_the_code_is_shown_on_the_briefing_the_pause_menu_and_the_debrief(make_app):
    app = make_app(seed=4217)
    frames(app)
    key(app, pygame.K_RETURN)
    assert "FTZ-081-0Y8-015" in shown_texts(app)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    assert any("FTZ-081-0Y8-015" in t for t in shown_texts(app))
    key(app, pygame.K_ESCAPE)
    while not app.session.is_over:
        app.session.end_turn()
    app.autosave()
    from game.ui.screens.debrief import DebriefScreen

    app.replace(DebriefScreen(app))
    frames(app)
    texts = shown_texts(app)
    assert "FTZ-081-0Y8-015" in texts
    assert any(t.startswith("replay saved: replays/flood-the-zone-") for t in texts)


# ------------------------------------------------------------------------------------------------- fog


def test_the_fog_words_are_the_bands_of_the_handouts():
    for value in range(-100, 101):
        assert alignment_word(value) == fog_band(value).label
    assert band_step(20, 30) == 1 and band_step(30, 20) == -1 and band_step(-10, 20) == 0
    shown = shown_alignments([-90, -30, 0, 40, 99], True)
    assert list(shown) == [b.middle for b in FOG_BANDS]
    assert list(shown_alignments([3.5], False)) == [3.5]
    assert without_amount("your call on Energy supply +5.1", 5.1) == "your call on Energy supply"
    assert without_amount("drift toward its usual position −0.4", -0.4) == "drift toward its usual position"


def fog_game(app, fog: bool):
    ftz = load_scenario("flood_the_zone")
    app.go(app.new_game(ftz, 5, Settings(fog=fog)))
    assert app.top.name == "briefing"
    take_office(app)
    assert app.top.name == "map"
    return app.top


@pytest.mark.parametrize("fog", [True, False], ids=["fog", "clear"])
def test_fog_shows_bands_not_numbers_until_the_debrief(make_app, fog):
    app = make_app()
    fog_game(app, fog)
    rendered = []
    real_render = app.mapview.render
    app.mapview.render = lambda alignment, *a, **k: rendered.append(list(alignment)) or real_render(alignment, *a, **k)
    texts = shown_texts(app)  # the map and the country list
    session = app.session
    words = {alignment_word(a) for a in session.alignment()}
    numbers = {t for t in texts if NUMBER.fullmatch(t)}
    if fog:
        assert not numbers, numbers
        assert words <= texts  # the country list gives each country's band in words
        assert set(rendered[-1]) <= {b.middle for b in FOG_BANDS}  # the map's colours are the bands'
    else:
        assert numbers and set(rendered[-1]) == set(session.alignment())
    click(app, "country:DEU")  # the dossier
    texts = shown_texts(app)
    germany = float(session.alignment()[session.rules.countries.index("DEU")])
    assert (f"{germany:+.0f}" in texts) != fog
    assert alignment_word(germany) in texts
    assert any(t.startswith("needs ") for t in texts) != fog  # the distance to a commitment is a number
    click(app, "kind:call")
    click(app, "topic:energy_supply")
    click(app, "add")
    key(app, pygame.K_SPACE)
    assert app.top.name == "report"
    texts = shown_texts(app)
    assert bool({t for t in texts if AMOUNT.search(t)}) != fog
    assert any(t == "no visible change" for t in texts) == fog
    crossed = {t for t in texts if re.fullmatch(r"[▲▼] now .+", t)}
    moved = [m for m in move_lines(session, session.weeks[-1]) if band_step(m.before, m.after)]
    assert len(crossed) == (len({(band_step(m.before, m.after), fog_band(m.after).label) for m in moved}) if fog else 0)
    # The debrief lifts the fog: the exact numbers again.
    while not session.is_over:
        session.end_turn()
    from game.ui.screens.debrief import DebriefScreen

    app.replace(DebriefScreen(app))
    texts = shown_texts(app)
    assert {t for t in texts if NUMBER.fullmatch(t)}
    assert any("the fog has lifted" in t for t in texts) == fog


# ---------------------------------------------------------------------------------------------- replays


def replay_files() -> list:
    return sorted(replays_dir().glob("*.json"))


def test_every_game_writes_a_replay_that_open_replay_reads(make_app):
    app = make_app(seed=31)
    frames(app)
    key(app, pygame.K_RETURN)
    take_office(app)
    assert app.top.name == "map" and replay_files() == []  # nothing played yet, nothing written
    key(app, pygame.K_SPACE)
    files = replay_files()
    assert len(files) == 1
    assert re.fullmatch(r"flood-the-zone-\d{8}-\d{6}-test-player\.json", files[0].name)
    replay = open_replay(files[0])
    assert len(replay) == 1 and replay.session.seed == 31 and not replay.finished
    assert replay.code == make_code(GameSetup("flood_the_zone", 31))
    key(app, pygame.K_RETURN)
    key(app, pygame.K_SPACE)
    assert replay_files() == files and len(open_replay(files[0])) == 2  # the same file, a week longer
    # Quit to the title and continue: the game goes on writing the replay it started.
    key(app, pygame.K_RETURN)
    key(app, pygame.K_ESCAPE)
    click(app, "title")
    assert app.top.name == "title"
    key(app, pygame.K_c)
    assert app.top.name == "map"
    key(app, pygame.K_SPACE)
    assert replay_files() == files and len(open_replay(files[0])) == 3
    # To the end: the replay is finished, with its result.
    session = app.session
    while not session.is_over:
        session.end_turn()
    app.autosave()
    replay = open_replay(files[0])
    assert replay.finished and len(replay) == session.rules.n_turns
    assert json.loads(files[0].read_text(encoding="utf-8"))["result"]["code"] == replay.code


def test_a_replay_written_mid_week_holds_no_pending_orders(make_app):
    """The replay is brought up to date at every autosave, also at a hand-over and on the way to the title:
    it holds the resolved weeks only, never a side's orders still being given (a hot-seat side's are secret)."""
    app = make_app(seed=6)
    frames(app)
    click(app, "setup:rival:person")
    click(app, "start")
    take_office(app)  # the briefing, and the two players' names
    assert app.top.name == "handover"
    session = app.session
    for _ in range(2):  # week 1: both sides hand over without orders
        key(app, pygame.K_RETURN)
        assert app.top.name == "map"
        key(app, pygame.K_SPACE)
    assert session.turn == 1
    key(app, pygame.K_RETURN)  # the hand-over to the report
    assert app.top.name == "report"
    key(app, pygame.K_RETURN)
    assert app.top.name == "map" and app.top.me == session.player
    click(app, "country:DEU")
    click(app, "kind:call")
    click(app, "topic:energy_supply")
    click(app, "add")
    key(app, pygame.K_SPACE)  # Washington hands over: the autosave and the replay are written
    assert app.top.name == "handover" and session.submitted == {session.player}
    (path,) = replay_files()
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["pending"], data["pending_rival"], data["submitted"]) == ([], [], [])
    assert data["weeks"] == [[[], []]]
    assert "energy_supply" not in path.read_text(encoding="utf-8")
    saved = json.loads(paths.save_path(paths.AUTOSAVE).read_text(encoding="utf-8"))
    assert len(saved["pending"]) == 1  # the save keeps it: the game goes on from there
    # Moscow gives an order and quits to the title in the middle of its turn: still only the resolved week.
    key(app, pygame.K_RETURN)
    assert app.top.name == "map" and app.top.me == session.rival
    click(app, "country:HUN")
    click(app, "kind:call")
    click(app, "topic:energy_supply")
    click(app, "add")
    key(app, pygame.K_ESCAPE)
    click(app, "title")
    assert app.top.name == "title"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["pending"], data["pending_rival"], data["submitted"]) == ([], [], []) and len(data["weeks"]) == 1
    assert len(open_replay(path)) == 1


def test_a_shorter_game_writes_its_replay_from_the_first_week_played(make_app):
    app = make_app(seed=8)
    frames(app)
    click(app, "setup:turns:-")
    click(app, "start")
    assert app.session.weeks and replay_files() == []  # the weeks history played are no one's game yet
    take_office(app)
    key(app, pygame.K_SPACE)
    (path,) = replay_files()
    replay = open_replay(path)
    assert replay.session.settings.turns == 12 and [f.prelude for f in replay.frames] == [True, False]


def test_a_replay_folder_that_cannot_be_written_is_said_and_the_game_goes_on(make_app, home):
    home.mkdir(parents=True, exist_ok=True)
    (home / "replays").write_text("not a folder", encoding="utf-8")
    app = make_app(seed=2)
    frames(app)
    key(app, pygame.K_RETURN)
    take_office(app)
    key(app, pygame.K_SPACE)
    frames(app)
    # The failure stays on screen until the player has read it (a toast would fade under the report).
    assert app.top.name == "message" and app.top.title == "The replay was not written"
    assert "cannot write the replay" in app.top.body
    key(app, pygame.K_RETURN)
    assert app.top.name == "report" and app.session.turn == 1
    assert app.replay_problem and "cannot write the replay" in app.replay_problem


# ------------------------------------------------------------------------------------------- command line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("play", "--code", "FTZ-081-0Y8-008"), "a character is mistyped"),
        (("play", "--code", "hello"), "is not a game code"),
        (("--code", "FTZ-081-0Y8-00"), "is not a game code"),
        (("play",), "give a SCENARIO or --code CODE"),
        (("play", "--code", "FTZ-081-0Y8-015", "--seed", "5"), "contradicts the code's seed 4217"),
        (("play", "the_rational_way", "--code", "FTZ-081-0Y8-015"), "the code is for scenario 'flood_the_zone'"),
        (("--code", "FTZ-081-0Y8-015", "play"), "put --code after the command"),
    ],
    ids=["mistyped", "not-a-code", "top-level", "nothing", "seed", "scenario", "misplaced"],
)
def test_play_with_a_bad_code_is_one_line_and_exit_2(capsys, args, message):
    rc, out, err = run(capsys, *args)
    lines = [line for line in err.splitlines() if line.strip()]
    assert rc == 2 and out == "" and len(lines) == 1, err
    assert message in lines[0]


def test_play_with_a_code_plays_that_game(tmp_path):
    code = make_code(GameSetup("flood_the_zone", 2024, Settings.preset("easy", turns=3)))
    home = tmp_path / "home"
    done = run_game(
        "play", "--code", code.lower(), "--autoplay", "idle", "--turns", "1", env={"FLOOD_THE_ZONE_HOME": str(home)}
    )
    assert done.returncode == 0, done.stderr
    (path,) = (home / "replays").glob("*.json")
    replay = open_replay(path)
    assert replay.code == code and replay.session.settings == Settings.preset("easy", turns=3)


def test_the_code_on_the_command_line_goes_straight_to_its_briefing(make_app, capsys):
    from game.cli.main import _code_game

    setup = GameSetup("the_rational_way", 90210, Settings.preset("expert", turns=4, fog=True, two_sided=True))
    game, rc = _code_game(make_code(setup).lower(), None, None, "")
    assert rc == 0 and capsys.readouterr().err == ""
    app = make_app(scenario=game["scenario"], seed=game["seed"], game_settings=game["game_settings"], direct=True)
    frames(app)
    assert app.top.name == "briefing"
    session = app.session
    assert (session.scenario.id, session.seed, session.settings) == ("the_rational_way", 90210, setup.settings)
    assert make_code(setup) in shown_texts(app)
    # Back on the title, the panel shows the code's settings for that scenario, and the same code.
    click(app, "back")
    state = title_state(app)
    assert state["setup"] == setup.settings.to_dict() and coded(state) == setup


def test_continue_names_the_week_or_the_debrief_of_the_autosave(make_app):
    app = make_app(seed=12)
    frames(app)
    app.go(app.new_game(load_scenario("flood_the_zone"), 12, Settings(turns=2)))
    assert app.top.name == "briefing"
    take_office(app)
    key(app, pygame.K_SPACE)  # week 12 of 13 played: the autosave goes on at week 13
    key(app, pygame.K_RETURN)
    key(app, pygame.K_ESCAPE)
    click(app, "title")
    assert "Continue · week 13" in shown_texts(app)
    key(app, pygame.K_c)
    key(app, pygame.K_SPACE)  # the last week: the crisis is over, the autosave holds a finished game
    assert app.session.is_over
    key(app, pygame.K_RETURN)
    assert app.top.name == "debrief"
    key(app, pygame.K_RETURN)  # the debrief's Enter: the title screen
    assert app.top.name == "title"
    texts = shown_texts(app)
    assert "Continue · debrief" in texts and not any(t.startswith("Continue · week") for t in texts)
    key(app, pygame.K_c)
    assert app.top.name == "debrief"
