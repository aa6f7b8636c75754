"""Moscow's moves on the map: after a week resolves, an arc from Moscow to every capital it reached, coloured by
kind, with a legend and its escalation marked; nothing of a week that has not resolved (hot seat)."""

from __future__ import annotations

import numpy as np
import pygame

from game.engine import Kind, Order
from game.session import Session
from game.sim.settings import Settings
from game.ui.panels.rival_moves import ESCALATION_COLOUR, KIND_COLOURS, rival_week

from .conftest import click, frames, key
from .test_classroom_ui import shown_texts
from .test_screens import start_game


def _colour_count(app, colour) -> int:
    pixels = pygame.surfarray.array3d(app.window).reshape(-1, 3)
    return int((pixels == np.array(colour)).all(axis=1).sum())


def test_the_rivals_calls_are_drawn_after_the_week_resolves(make_app):
    app = make_app()
    play = start_game(app)
    frames(app)
    assert play.map.rival_arcs == 0  # nothing has resolved yet
    session = app.session
    session.end_turn()
    app.dirty = True
    frames(app, 2)
    moves = rival_week(session)
    assert moves is not None and moves.contacts
    on_map = [c for c, _ in moves.contacts if app.mapview.screen_point(c) is not None]
    assert play.map.rival_arcs == len(on_map) > 0
    for kind in {k for _, k in moves.contacts}:
        assert _colour_count(app, KIND_COLOURS[kind]) > 20, kind


def test_an_escalation_is_marked_at_moscow_and_named_in_the_legend(make_app, ftz):
    app = make_app()
    start_game(app)
    session = app.session
    gas = next(e for e in ftz.escalations(ftz.rival) if ftz.event(e).id == "gas_squeeze")
    while session.turn < 9:
        session.end_turn()
    before = _colour_count(app, ESCALATION_COLOUR)
    # The week's rival sheet as the answering rival gives it, with the squeeze raised on it (if it did not).
    sheet = session.spec.bot(session.rival, session.turn)(session.scenario, session.state, session.rival, session.dice)
    session._resolve(session.pending, sheet if gas in sheet.raises else sheet.with_raise(gas))
    app.dirty = True
    frames(app, 2)
    assert rival_week(session).escalations == ("Moscow squeezes gas to Europe",)
    assert _colour_count(app, ESCALATION_COLOUR) > before + 50


def test_in_hot_seat_moscows_pending_orders_stay_hidden_until_the_week_resolves(make_app, ftz):
    app = make_app()
    session = Session(ftz, 3, settings=Settings(two_sided=True))
    session.names = {session.player: "Ann", session.rival: "Ben"}  # asked before the first week
    app.go(app.resume(session))
    frames(app)
    key(app, pygame.K_RETURN)  # Washington's player takes the seat
    hun = ftz.rules.countries.index("HUN")
    session.add(Order(session.player, Kind.CALL, ftz.rules.topics.index("sanctions"), (hun,)))
    key(app, pygame.K_SPACE)  # hand over to Moscow
    key(app, pygame.K_RETURN)
    energy = ftz.rules.topics.index("energy_supply")
    session.add(Order(session.rival, Kind.CALL, energy, (hun,)))
    frames(app, 2)
    assert app.top.name == "map" and app.top.map.rival_arcs == 0  # Moscow's own order is pending, not drawn
    key(app, pygame.K_SPACE)  # the week resolves
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    frames(app, 2)
    assert session.turn == 1 and app.top.name == "map"
    assert rival_week(session).contacts == ((hun, Kind.CALL),)
    assert app.top.map.rival_arcs == 1


def test_the_week_report_names_moscows_escalation_and_the_map_draws_it_behind(make_app, ftz):
    """Played through the window: the week Moscow escalates, its report has the move in the news, and the map
    (under the report, and after it) draws the week's arcs and the mark."""
    from .test_hotseat_replays import shown_texts

    app = make_app()
    start_game(app)
    session = app.session
    escalations = set(ftz.escalations(ftz.rival))
    while not session.is_over:
        key(app, pygame.K_SPACE)
        assert app.top.name == "report"
        if any(e.event in escalations for e in session.weeks[-1].record.events):
            break
        key(app, pygame.K_RETURN)
    else:
        raise AssertionError("Moscow never escalated in this game")
    frames(app)
    assert "Moscow squeezes gas to Europe" in shown_texts(app)
    key(app, pygame.K_RETURN)
    frames(app, 2)
    assert app.top.name == "map" and app.top.map.rival_arcs > 0
    assert _colour_count(app, ESCALATION_COLOUR) > 50


def test_an_escalation_in_the_news_reads_as_a_move_of_this_game_not_as_history(make_app, ftz):
    """The news feed lists the crisis's dated events; the gas squeeze Moscow raised in this game has no date and
    must not read as one: its line is marked "this game" and its tooltip says who raised it."""
    app = make_app()
    start_game(app)
    session = app.session
    gas = next(e for e in ftz.escalations(ftz.rival) if ftz.event(e).id == "gas_squeeze")
    while session.turn < 9:
        session.end_turn()
    sheet = session.spec.bot(session.rival, session.turn)(session.scenario, session.state, session.rival, session.dice)
    session._resolve(session.pending, sheet if gas in sheet.raises else sheet.with_raise(gas))
    app.dirty = True
    frames(app, 2)
    spot = next(h for h in app.hotspots if h.id == f"news:{session.turn - 1}:{gas}")
    assert "Raised by Moscow in this game, week 10: a move of the game, not a dated event." in spot.tooltip
    texts = shown_texts(app)
    assert "this game" in texts and "wk 10" not in texts


def test_a_person_playing_moscow_can_raise_an_escalation_and_take_it_back(make_app, ftz):
    """Hot seat: Moscow's player sees its escalations under its orders, raises the gas squeeze with a click (it
    happens when the week resolves), can take it back the same week, and Washington's side is never offered it."""
    from game.engine import Sheet

    app = make_app()
    session = Session(ftz, 3, settings=Settings(two_sided=True))
    gas = next(e for e in ftz.escalations(ftz.rival) if ftz.event(e).id == "gas_squeeze")
    while session.turn < ftz.rules.events[gas].earliest:
        session._resolve(Sheet(session.player), Sheet(session.rival))
    session.names = {session.player: "Ann", session.rival: "Ben"}
    app.go(app.resume(session))
    frames(app)
    key(app, pygame.K_RETURN)  # Washington's player takes the seat
    frames(app)
    assert not any(h.id.startswith("escalate:") for h in app.hotspots)
    key(app, pygame.K_SPACE)  # hand over to Moscow
    key(app, pygame.K_RETURN)
    frames(app)
    assert session.active == session.rival
    click(app, f"escalate:{gas}")
    assert session.pending_for(session.rival).raises == (gas,)
    click(app, f"escalate:{gas}")  # taken back
    assert session.pending_for(session.rival).raises == ()
    click(app, f"escalate:{gas}")
    week = session.turn
    key(app, pygame.K_SPACE)  # the week resolves with the squeeze
    frames(app, 2)
    assert session.turn == week + 1
    assert rival_week(session).escalations == ("Moscow squeezes gas to Europe",)
