"""The tutorial overlay: its card shows on the screen of its step, points at the control the step asks for without
covering it (at 1280×720 and 1920×1080), goes on when the player does the thing, and is dismissed by mouse and
keyboard; the tutorial scenario heads the picker and autoplays to the end."""

from __future__ import annotations

import pygame
import pytest

from game.session import Session
from game.ui import paths

from .conftest import SIZES, click, drawn, frames, key, take_office


def start(make_app, size=(1280, 720)):
    app = make_app(size, scenario="tutorial")
    frames(app)
    key(app, pygame.K_RETURN)
    assert app.top.name == "briefing"
    key(app, pygame.K_RETURN)
    assert app.top.name == "map"
    frames(app)
    return app


def card(app):
    """The title of the card on screen, or None."""
    frames(app)
    step = app.tutorial.shown(app.top) if app.tutorial is not None else None
    assert (step is None) == (app.tutorial is None or app.tutorial.card is None)
    return step.title if step is not None else None


def check_card(app) -> None:
    """The card is inside the window (over the map on the map screen) and covers none of the controls its step
    points at, which are all framed."""
    tutorial = app.tutorial
    step = tutorial.shown(app.top)
    rect = tutorial.card
    assert app.window.get_rect().contains(rect), rect
    if app.top.name == "map":
        assert app.top.rects["map"].contains(rect), (rect, app.top.rects["map"])
    ui = app.new_ui(app.window)
    ui.hotspots = [h for h in app.hotspots if not h.id.startswith("tutorial:")]
    for spot in tutorial._targets(step, app.top, ui):
        assert spot.visible and not rect.colliderect(spot.rect), (step.title, spot.id, spot.rect, rect)
    for id in ("tutorial:skip", "tutorial:next"):
        spot = app.hotspot(id)
        if spot is not None:
            assert rect.contains(spot.rect) and app.hotspot_at(spot.rect.center) is spot


# The whole tutorial as a player plays it: the card expected, then what the player does.
WALK = [
    ("Welcome, Secretary", lambda a: click(a, "tutorial:next")),
    ("Look at Europe", lambda a: key(a, pygame.K_e)),
    ("Open Germany's dossier", lambda a: click(a, "country:DEU")),
    ("Choose an action", lambda a: key(a, pygame.K_c)),
    ("Choose a topic", lambda a: click(a, "topic:energy_supply")),
    ("Queue the order", lambda a: key(a, pygame.K_RETURN)),
    ("Take it back", lambda a: click(a, "undo:0")),
    ("Queue it again", lambda a: click(a, "add")),
    ("Use the rest of the week", lambda a: key(a, pygame.K_SPACE)),
    ("The turn report", lambda a: key(a, pygame.K_n)),
    ("On to week 2", lambda a: click(a, "continue")),
    ("Plan a trip", lambda a: (click(a, "tab:countries"), click(a, "country:FRA"), key(a, pygame.K_v))),
    ("Chain the capitals", lambda a: (click(a, "stop:DEU"), click(a, "topic:security_guarantees"), click(a, "add"))),
    ("A deputy's call", lambda a: (click(a, "tab:countries"), click(a, "country:KWT"), click(a, "kind:deputy_call"))),
    ("Queue Sullivan's call", lambda a: (click(a, "deputy:sullivan"), key(a, pygame.K_3), key(a, pygame.K_RETURN))),
    ("End week 2", lambda a: click(a, "end_turn")),
    ("The news moves capitals too", lambda a: key(a, pygame.K_RETURN)),
    ("Call a whole group", lambda a: (click(a, "tab:countries"), click(a, "country:POL"), key(a, pygame.K_g))),
    ("Sanctions for all", lambda a: (key(a, pygame.K_2), click(a, "add"))),
    ("A promise owed", lambda a: key(a, pygame.K_n)),
    ("Help is one key away", lambda a: (click(a, "help"), key(a, pygame.K_ESCAPE))),
    ("End week 3", lambda a: key(a, pygame.K_SPACE)),
    (None, lambda a: key(a, pygame.K_RETURN)),  # week 3's report has no card of its own
    ("Who still needs you?", lambda a: key(a, pygame.K_l)),
    ("The last push", lambda a: key(a, pygame.K_SPACE)),
    (None, lambda a: key(a, pygame.K_RETURN)),  # nor the last report
    ("The debrief", lambda a: click(a, "week:0")),
    (None, lambda a: key(a, pygame.K_RETURN)),  # a week's report from the debrief
    ("How you are scored", lambda a: click(a, "tutorial:next")),
    (None, lambda a: None),
]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_cards_go_on_as_the_player_does_what_they_ask_and_never_cover_it(make_app, size):
    app = start(make_app, size)
    seen = []
    for title, act in WALK:
        assert card(app) == title, (seen, app.top.name, app.tutorial.current)
        if title is not None:
            check_card(app)
            assert drawn(app.window) > 20
        seen.append(title)
        act(app)
    assert app.top.name == "debrief" and app.tutorial.finished
    assert any("Tutorial complete" in t.text for t in app.toasts)
    assert not [h for h in app.hotspots if h.id.startswith("tutorial:")]


def test_the_debrief_card_lists_the_result_tiers_with_the_players(make_app):
    app = start(make_app)
    while app.session.turn < app.session.rules.n_turns - 1:
        app.session.end_turn()
    key(app, pygame.K_SPACE)
    key(app, pygame.K_RETURN)
    assert app.top.name == "debrief" and card(app) == "The debrief"  # the steps left on the map are passed
    click(app, "week:1")
    assert app.top.name == "report" and card(app) is None
    key(app, pygame.K_RETURN)
    assert card(app) == "How you are scored"
    step = app.tutorial.shown(app.top)
    rows = app.tutorial._tiers(step, app.top)
    assert [name for name, _, _ in rows] == [name for name, _ in app.session.rules.tiers]
    assert sum(reached for _, _, reached in rows) == 1
    assert rows[-1][1].startswith("score <") and rows[0][1].startswith("score ≥")
    assert app.hotspot("tutorial:next") is not None and app.hotspot("tutorial:skip") is None  # Finish only


def test_next_and_skip_by_keyboard_and_mouse(make_app):
    app = start(make_app)
    assert card(app) == "Welcome, Secretary"
    key(app, pygame.K_n)
    assert card(app) == "Look at Europe"
    key(app, pygame.K_n)  # a card with a task has no Next
    assert card(app) == "Look at Europe"
    key(app, pygame.K_x)
    assert card(app) is None and app.tutorial.closed
    assert any("Tutorial closed" in t.text for t in app.toasts)
    key(app, pygame.K_e)
    assert card(app) is None and app.mapview.is_europe()  # the game goes on without it
    app = start(make_app)
    click(app, "tutorial:skip")
    assert card(app) is None and app.hotspot("tutorial:skip") is None


def test_the_card_keeps_clicks_and_hovers_from_the_map_below(make_app):
    app = start(make_app)
    play = app.top
    rect = app.tutorial.card
    for pos in (rect.center, (rect.x + 8, rect.y + 8)):
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        frames(app, 2)
        assert play.selected is None and card(app) == "Welcome, Secretary"
        app.fake_mouse = pos
        frames(app, 2)
        assert play.hover == -1 and app.hover is not None and app.hover.quiet
    app.fake_mouse = None


def test_doing_a_later_step_skips_the_explanations_and_a_new_week_the_leftovers(make_app):
    app = start(make_app)
    key(app, pygame.K_e)  # without pressing Next on the welcome card
    assert card(app) == "Open Germany's dossier"
    key(app, pygame.K_SPACE)  # the week ends with the first week's steps undone
    assert app.top.name == "report" and card(app) is None
    key(app, pygame.K_RETURN)
    assert app.top.name == "map" and card(app) == "Plan a trip"


def test_a_loaded_game_picks_the_tutorial_up_at_its_week(make_app):
    app = start(make_app)
    for _ in range(2):
        app.session.end_turn()
    app.session.save(paths.save_path("slot1"))
    app.go(app.resume(Session.load(paths.save_path("slot1"))))
    assert app.top.name == "map" and app.session.turn == 2
    assert card(app) == "Call a whole group"


def test_a_scenario_without_a_tutorial_shows_no_card(make_app):
    app = make_app(scenario="flood_the_zone")
    frames(app)
    key(app, pygame.K_RETURN)
    take_office(app)
    assert app.top.name == "map" and app.tutorial is None
    key(app, pygame.K_x)  # nothing to skip; the key does nothing
    assert app.top.name == "map"


def test_the_picker_lists_the_tutorial_first_and_highlighted(make_app):
    app = make_app(scenario=None)
    frames(app)
    title = app.top
    assert title.entries[0].has_tutorial and title.entries[0].scenario.id == "tutorial"
    assert title.highlight == 0 and title.state()["selected_scenario"] == "Tutorial: The First Calls"
    assert sum(e.has_tutorial for e in title.entries) == 1
    key(app, pygame.K_RETURN)
    assert app.top.name == "briefing" and app.session.scenario.id == "tutorial"


def test_autoplay_plays_the_tutorial_to_the_end_with_its_cards(make_app, tmp_path):
    shots = tmp_path / "shots"
    app = make_app(scenario="tutorial", autoplay="historical", screenshots=shots, seed=5)
    for _ in range(8000):
        if not app.running:
            break
        app.step()
    assert app.exit_code == 0 and app.session.is_over
    names = {p.stem.split("-", 1)[1] for p in shots.glob("*.png")}
    assert {"title", "briefing", "map-world", "turn-report", "debrief"} <= names
    cards = sorted(n for n in names if n.startswith("tutorial-"))
    assert "tutorial-01" in cards and "tutorial-25" in cards and "tutorial-26" in cards  # the debrief's two
    assert len(cards) >= 8
    assert app.tutorial.finished


def test_without_the_world_map_the_zoom_card_is_passed(make_app, monkeypatch):
    from game.assets import AssetError
    from game.ui import app as app_module

    def no_map():
        raise AssetError("missing map/world_50m.npz: looked in /nowhere")

    monkeypatch.setattr(app_module, "load_world_map", no_map)
    app = start(make_app)
    assert app.mapview is None and card(app) == "Welcome, Secretary"
    key(app, pygame.K_n)
    assert card(app) == "Open Germany's dossier"  # there is no Europe button to press
    check_card(app)
    click(app, "country:DEU")
    assert card(app) == "Choose an action"
