"""Every screen draws at 1280×720 and 1920×1080, and the handlers do what a player's clicks and keys ask."""

from __future__ import annotations

import json

import pygame
import pytest

from game.classroom.words import move_lines
from game.engine import Kind
from game.session import Session
from game.ui import paths

from .conftest import SIZES, click, drawn, frames, key


def start_game(app):
    """Title → briefing → who plays (the remembered name) → map: Enter, Enter, Enter."""
    frames(app)
    assert app.top.name == "title"
    key(app, pygame.K_RETURN)
    assert app.top.name == "briefing"
    key(app, pygame.K_RETURN)
    if not app.session.scenario.tutorial:  # the tutorial is practice: it asks no name
        assert app.top.name == "players"
        key(app, pygame.K_RETURN)
    assert app.top.name == "map"
    return app.top


def assert_drawn(app, name: str, minimum_colours: int = 12) -> None:
    frames(app)
    assert app.top.name == name
    assert drawn(app.window) >= minimum_colours, f"{name} looks empty"
    assert any(h.enabled and h.visible for h in app.hotspots), f"{name} has nothing to click"
    for h in app.hotspots:  # nothing clickable may hang outside the window
        if h.visible:
            assert app.window.get_rect().contains(h.rect), (name, h.id, h.rect)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_draws(make_app, size):
    app = make_app(size)
    assert app.size == size
    frames(app)
    assert_drawn(app, "title")
    key(app, pygame.K_RETURN)
    assert_drawn(app, "briefing")
    key(app, pygame.K_RETURN)
    assert_drawn(app, "players")
    key(app, pygame.K_RETURN)
    assert_drawn(app, "map", 40)
    play = app.top
    key(app, pygame.K_e)
    assert app.mapview.is_europe()
    assert_drawn(app, "map", 40)
    key(app, pygame.K_TAB)  # the first country of the list: its dossier
    assert play.tab == "dossier" and play.selected is not None
    for kind_key in (pygame.K_c, pygame.K_v, pygame.K_d, pygame.K_g):
        key(app, kind_key)
        assert_drawn(app, "map", 40)
    key(app, pygame.K_c)
    key(app, pygame.K_1)
    key(app, pygame.K_RETURN)
    assert len(app.session.pending.orders) == 1
    key(app, pygame.K_SPACE)
    assert_drawn(app, "report", 20)
    key(app, pygame.K_ESCAPE)
    assert_drawn(app, "pause")
    key(app, pygame.K_s)
    assert_drawn(app, "saves")
    key(app, pygame.K_ESCAPE)
    click(app, "settings")
    assert_drawn(app, "settings")
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_F1)
    for tab in ("rules", "keys", "sources"):
        click(app, f"tab:{tab}")
        assert_drawn(app, "help")
    key(app, pygame.K_F1)
    assert app.top.name == "report"
    # play the crisis out quickly with the session, then the debrief
    while not app.session.is_over:
        app.session.end_turn()
    key(app, pygame.K_RETURN)
    assert_drawn(app, "debrief", 40)
    click(app, "week:0")
    assert_drawn(app, "report")
    key(app, pygame.K_RETURN)
    assert app.top.name == "debrief"


def test_select_a_country_place_orders_undo_and_end_the_turn(make_app):
    app = make_app()
    play = start_game(app)
    session = app.session
    rules = session.rules
    click(app, "country:DEU")
    assert play.tab == "dossier" and rules.countries[play.selected] == "DEU"
    # the Add button is disabled and says why until a topic is chosen
    frames(app)
    add = app.hotspot("add")
    assert not add.enabled and "choose a topic" in add.tooltip
    click(app, "kind:call")
    click(app, "topic:energy_supply")
    click(app, "add")
    assert [session.describe(o) for o in session.pending.orders] == ["Call Germany on Energy supply"]
    # a trip to two capitals of one region
    click(app, "kind:visit")
    click(app, "stop:FRA")
    click(app, "topic:security_guarantees")
    click(app, "add")
    assert session.describe(session.pending.orders[-1]) == "Visit Germany, France on Security and deterrence"
    # a deputy call, then a group call
    click(app, "kind:deputy_call")
    click(app, "deputy:sullivan")
    click(app, "topic:energy_supply")
    click(app, "add")
    assert session.pending.orders[-1].kind == Kind.DEPUTY_CALL
    click(app, "kind:multilateral")
    click(app, "group:NATO")
    click(app, "add")
    assert session.describe(session.pending.orders[-1]).startswith("Convene NATO allies on")
    assert len(session.pending.orders) == 4
    # undo one by its × button, and the last by Ctrl+Z
    click(app, "undo:1")
    assert len(session.pending.orders) == 3
    assert all(o.kind != Kind.VISIT for o in session.pending.orders)
    key(app, pygame.K_z, pygame.KMOD_CTRL)
    assert len(session.pending.orders) == 2
    # the × took back the trip, Ctrl+Z the group call
    assert session.pending.orders[-1].kind == Kind.DEPUTY_CALL
    key(app, pygame.K_SPACE)
    assert app.top.name == "report" and session.turn == 1
    assert app.top.state()["moves"]  # the report lists what moved
    germany_line = next(m for m in move_lines(session, session.weeks[-1]) if m.name == "Germany")
    assert "your call on Energy supply" in germany_line.text
    assert "your deputy Jake Sullivan's call on Energy supply" in germany_line.text
    # the autosave was written after the week
    assert Session.load(paths.save_path(paths.AUTOSAVE)).turn == 1
    key(app, pygame.K_RETURN)
    assert app.top.name == "map"


def test_an_illegal_order_shows_the_engines_reason(make_app):
    app = make_app()
    play = start_game(app)
    session = app.session
    click(app, "country:IND")
    click(app, "topic:china")
    for _ in range(session.remaining()["calls"]):
        click(app, "add")
    frames(app)
    add = app.hotspot("add")
    assert not add.enabled
    assert add.tooltip == session.why_illegal(play.current_order()[0]) == "no calls left this week"
    # a topic Washington has nothing to offer on is disabled with the engine's words
    topic = app.hotspot("topic:world_order")
    assert not topic.enabled and topic.tooltip == "Washington has nothing to offer on A new world order"


def test_map_click_and_hover_pick_countries(make_app):
    app = make_app()
    play = start_game(app)
    mv = app.mapview
    key(app, pygame.K_e)
    frames(app)
    rules = app.session.rules
    c = rules.countries.index("POL")
    x, y = mv.screen_point(c)
    pos = (x + play.rects["map"].x, y + play.rects["map"].y)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    frames(app)
    assert play.selected == c and play.tab == "dossier"
    app.fake_mouse = pos
    frames(app)
    assert play.hover == c
    # at world zoom the Baltic states are markers: still clickable
    key(app, pygame.K_w)
    frames(app)
    est = rules.countries.index("EST")
    assert mv.pick(mv.screen_point(est)) == est
    # wheel zoom re-renders once, hovering does not
    renders = mv.renders
    app.fake_mouse = (pos[0] + 3, pos[1] + 3)
    frames(app, 5)
    assert mv.renders == renders


def test_save_and_load_round_trip(make_app):
    app = make_app()
    start_game(app)
    session = app.session
    click(app, "country:JPN")
    click(app, "topic:china")
    click(app, "add")
    key(app, pygame.K_SPACE)
    key(app, pygame.K_RETURN)
    click(app, "tab:countries")
    click(app, "country:KOR")
    click(app, "topic:business")
    click(app, "add")
    key(app, pygame.K_s, pygame.KMOD_CTRL)  # quick save, pending order included
    saved = json.loads(paths.save_path(paths.QUICKSAVE).read_text())
    assert len(saved["weeks"]) == 1 and len(saved["pending"]) == 1
    before = session.alignment().copy()
    # save into slot 2 through the pause menu
    key(app, pygame.K_ESCAPE)
    click(app, "save")
    click(app, "slot:slot2")
    assert paths.save_path("slot2").exists()
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_SPACE)  # play on, then load the slot back
    key(app, pygame.K_ESCAPE)
    click(app, "load")
    click(app, "slot:slot2")
    assert app.top.name == "map"
    assert app.session is not session and app.session.turn == 1
    assert (app.session.alignment() == before).all()
    assert len(app.session.pending.orders) == 1


@pytest.mark.parametrize("content", ["{this is not json", "__too_new__"])
def test_a_bad_save_shows_a_message_and_the_game_goes_on(make_app, content):
    app = make_app()
    start_game(app)
    session = app.session
    if content == "__too_new__":
        data = session.to_dict()
        data["version"] = 99
        content = json.dumps(data)
    paths.save_path("slot3").write_text(content)
    key(app, pygame.K_ESCAPE)
    click(app, "load")
    click(app, "slot:slot3")
    assert app.top.name == "message"
    message = app.top.state()["message"]
    assert "slot3.json" in message
    assert ("corrupt save" in message) or ("newer version" in message)
    assert_drawn(app, "message")
    key(app, pygame.K_RETURN)
    assert app.session is session  # nothing lost
    assert app.top.name == "saves"


def test_title_shows_a_scenario_with_errors_and_continue_loads_the_autosave(make_app, home, tmp_path):
    broken = tmp_path / "my.yaml"
    broken.write_text("format: 2\nid: mine\n")
    app = make_app(scenario=str(broken))
    frames(app)
    title = app.top
    assert title.name == "title" and title.entry.origin == "command line" and not title.entry.playable
    assert not app.hotspot("start").enabled
    assert "my.yaml" in app.hotspot("start").tooltip
    assert_drawn(app, "title")
    key(app, pygame.K_RETURN)  # refused, with a toast naming the error
    assert app.top.name == "title" and app.toasts
    key(app, pygame.K_DOWN)
    assert title.entry.playable
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_SPACE)
    key(app, pygame.K_ESCAPE)
    click(app, "title")
    assert app.top.name == "title"
    frames(app)
    assert app.hotspot("continue").enabled
    key(app, pygame.K_c)
    assert app.top.name == "map" and app.session.turn == 1


def test_a_missing_map_and_font_give_a_message_not_a_crash(make_app, monkeypatch):
    from game.assets import AssetError
    from game.ui import app as app_module
    from game.ui import theme

    def no_map():
        raise AssetError("missing map/world_50m.npz: looked in /nowhere")

    real = theme.asset_path

    def no_bold(*parts):
        if parts[-1] == "Inter-Bold.otf":
            raise AssetError("missing assets/fonts/Inter-Bold.otf")
        return real(*parts)

    monkeypatch.setattr(app_module, "load_world_map", no_map)
    monkeypatch.setattr(theme, "asset_path", no_bold)
    app = make_app()
    assert any("Inter-Bold" in p for p in app.problems) and any("world_50m" in p for p in app.problems)
    start_game(app)
    assert app.mapview is None
    assert_drawn(app, "map")
    click(app, "country:GBR")
    assert app.top.selected is not None


def test_resizing_relayouts(make_app):
    app = make_app()
    start_game(app)
    app.window = pygame.display.set_mode((1600, 900), pygame.RESIZABLE)
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1600, 900), w=1600, h=900))
    frames(app, 2)
    assert app.layer.get_size() == (1600, 900)
    assert app.top.rects["panel"].right == 1600


def test_autoplay_plays_through_the_buttons_like_the_simulator(make_app, tmp_path):
    from game.sim import play_game

    shots = tmp_path / "shots"
    app = make_app(scenario="flood_the_zone", autoplay="historical", turns=2, screenshots=shots, seed=5)
    for _ in range(5000):
        if not app.running:
            break
        app.step()
    assert app.exit_code == 0 and not app.running
    names = {p.stem.split("-", 1)[1] for p in shots.glob("*.png")}
    assert {
        "title",
        "briefing",
        "map-world",
        "map-europe",
        "map-hover",
        "dossier",
        "orders",
        "turn-report",
        "pause",
        "help",
    } <= names
    reference = play_game(app.session.scenario, "historical", 5, rival_policy=app.session.rival_policy)
    assert app.session.turn == 2
    assert (app.session.alignment() == reference.states[2].alignment[0]).all()


def _advice_buttons(app):
    return sorted((h for h in app.hotspots if h.id.startswith("advice:add:")), key=lambda h: h.payload)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_staff_suggests_only_legal_orders_and_add_queues_them(make_app, size, monkeypatch):
    import game.ui.panels.staff as advice_module
    from game.engine import Sheet, validate_sheet

    app = make_app(size)
    play = start_game(app)
    session = app.session
    on_display = []
    real = advice_module.advise

    def spy(*args, **kwargs):
        # What the window shows while the staff works: the "thinking" frame, no answer yet.
        on_display.append((play.staff.status, [h.id for h in _advice_buttons(app)], app.hotspot("advice:close")))
        return real(*args, **kwargs)

    monkeypatch.setattr(advice_module, "advise", spy)
    key(app, pygame.K_a)
    assert len(on_display) == 1
    status, buttons, close = on_display[0]
    assert status == "thinking" and buttons == [] and close is not None
    assert play.tab == "staff" and play.staff.status == "ready"
    assert_drawn(app, "map", 40)
    advice = play.staff.suggestions
    assert advice, "a fresh week always has something worth doing"
    buttons = _advice_buttons(app)
    assert [h.payload for h in buttons] == list(range(len(advice)))
    assert all(h.enabled for h in buttons)
    assert app.top.state()["staff_advice"] == [session.describe(a.order) for a in advice]
    # Every suggestion is an order the rules allow this side, each after the ones before it.
    assert all(a.order.actor == session.active for a in advice)
    validate_sheet(session.rules, session.state, Sheet(session.active, tuple(a.order for a in advice)))
    # The button queues it through the session, as the dossier's Add does; the staff then answers again for
    # the plan with it (issue 14: the advice never refreshed).
    click(app, "advice:add:0")
    assert session.pending.orders == (advice[0].order,)
    frames(app)
    assert play.staff.status == "ready" and play.staff.question.orders == (advice[0].order,)
    again = play.staff.suggestions
    assert advice[0].order not in [a.order for a in again]
    if len(again) > 1:  # the number key adds that suggestion
        key(app, pygame.K_2)
        assert session.pending.orders == (advice[0].order, again[1].order)
    # Asking the same question again gets the same answer (seeded, no time budget).
    first = [(a.order, a.reason) for a in advice]
    key(app, pygame.K_a)  # closes the advice
    assert play.tab != "staff"
    while session.pending.orders:
        key(app, pygame.K_BACKSPACE)
    play.staff.status = "idle"
    key(app, pygame.K_a)
    assert [(a.order, a.reason) for a in play.staff.suggestions] == first


def test_the_advice_is_asked_again_when_the_orders_change(make_app):
    from game.engine import Sheet, validate_sheet

    app = make_app()
    play = start_game(app)
    session = app.session
    click(app, "country:IND")
    click(app, "kind:call")
    click(app, "topic:china")
    click(app, "add")
    own = session.pending.orders
    click(app, "ask_staff")
    frames(app)
    assert play.tab == "staff" and play.staff.question.orders == own
    advice = play.staff.suggestions
    assert advice
    validate_sheet(session.rules, session.state, Sheet(session.active, own + tuple(a.order for a in advice)))
    # Taking back the player's own call: the staff answers again, for the orders as they are now.
    key(app, pygame.K_z, pygame.KMOD_CTRL)
    frames(app, 2)
    assert play.staff.status == "ready" and play.staff.question.orders == ()
    assert all(h.enabled for h in _advice_buttons(app))
    # Enter adds the next suggestion not yet queued.
    first = play.staff.suggestions[0].order
    key(app, pygame.K_RETURN)
    assert session.pending.orders == (first,)


def test_the_staff_advises_the_side_giving_orders_in_a_two_sided_game(make_app):
    from game.engine import Sheet, validate_sheet
    from game.sim.settings import Settings
    from game.ui.screens.play import PlayScreen

    app = make_app()
    start_game(app)
    session = Session(app.session.base_scenario, 3, settings=Settings(two_sided=True))
    app.session = session
    play = PlayScreen(app)  # the map screen straight away (the hand-over between the players is not tested here)
    app.replace(play)
    frames(app)
    key(app, pygame.K_a)
    washington = list(play.staff.suggestions)
    assert washington and all(a.order.actor == session.player for a in washington)
    session.submit()  # Washington is done; Moscow's player takes the seat
    assert session.active == session.rival
    frames(app)
    # Washington's advice is forgotten, not shown to Moscow's player (hot-seat orders are secret).
    assert app.top.state()["staff"] == "idle" and _advice_buttons(app) == []
    key(app, pygame.K_a)
    moscow = play.staff.suggestions
    assert moscow and all(a.order.actor == session.rival for a in moscow)
    validate_sheet(session.rules, session.state, Sheet(session.rival, tuple(a.order for a in moscow)))
    click(app, "advice:add:0")
    assert session.pending_for(session.rival).orders == (moscow[0].order,)
    assert session.pending_for(session.player).orders == ()
    # Moscow's staff counts its gain as points off Washington's score (the score is Washington's).
    from game.ui.panels.staff import worth

    assert "Washington's expected end" in worth(session, moscow[0]) and "+" not in worth(session, moscow[0])
    assert worth(session, washington[0]).startswith("Kept up: +") or washington[0].kept_up < 0
