"""The week's plan in the window (issue 14): the deputies at a glance, standing instructions made with I,
"Repeat last week" (R), changing and moving a queued order (P, [ ]), the topics in view with a long plan, and
a trip planned by clicking capitals on the map."""

from __future__ import annotations

import pygame

from game.engine import Kind, Order

from .conftest import click, frames, key
from .test_screens import start_game


def shown_texts(app) -> set[str]:
    app.texts._cache.clear()
    app.dirty = True
    frames(app)
    return {k[0] for k in app.texts._cache}


def idx(names, name) -> int:
    return list(names).index(name)


def specialties(rules, deputies) -> set[str]:
    return {rules.labels.topics[int(rules.deputy_specialty[d])] for d in deputies}


def test_the_deputies_tab_lists_every_deputy_with_specialty_state_and_instruction(make_app):
    app = make_app()
    play = start_game(app)
    rules, session = play.rules, app.session
    key(app, pygame.K_u)
    assert play.tab == "deputies"
    texts = shown_texts(app)
    mine = play.my_deputies()
    for d in mine:
        assert rules.labels.deputies[d] in texts
        assert any(t.startswith(f"★ {rules.labels.topics[int(rules.deputy_specialty[d])]}") for t in texts)
    assert "free" in texts and "no standing instruction" in texts
    # A standing instruction shows there, and ends from there.
    nuland = idx(rules.deputies, "nuland")
    play.select(idx(rules.countries, "DEU"))
    key(app, pygame.K_d)
    play.draft.set_deputy(nuland)
    key(app, pygame.K_i)
    assert nuland in session.standing and session.is_standing(session.pending.orders[0])
    key(app, pygame.K_u)
    texts = shown_texts(app)
    assert any(t.startswith("↻ Victoria Nuland calls Germany") for t in texts)
    assert "calls Germany" in texts
    click(app, "standing:clear:nuland")
    assert nuland not in session.standing and not session.pending.orders


def test_the_builder_lists_the_deputies_with_their_specialties_not_a_cycle_of_names(make_app):
    app = make_app()
    play = start_game(app)
    rules = play.rules
    click(app, "country:DEU")
    key(app, pygame.K_d)
    texts = shown_texts(app)
    mine = play.my_deputies()
    assert {f"★ {s}" for s in specialties(rules, mine)} <= texts
    for d in mine:  # one row each, the deputy's name a button that picks them
        spot = app.hotspot(f"deputy:{rules.deputies[d]}")
        assert spot is not None and spot.visible
    click(app, f"deputy:{rules.deputies[mine[2]]}")
    assert play.draft.deputy == mine[2]


def queue_eight(session):
    rules, me = session.rules, session.player
    deputies = [d for d in range(len(rules.deputies)) if rules.deputy_actor[d] == me]
    for c in ("GBR", "FRA", "ITA"):
        session.add(Order(me, Kind.CALL, 0, (idx(rules.countries, c),)))
    for d, c in zip(deputies, ("POL", "ROU", "EST", "LVA", "LTU")):
        session.add(Order(me, Kind.DEPUTY_CALL, 1, (idx(rules.countries, c),), deputy=d))
    assert len(session.pending.orders) == 8


def test_the_dossiers_topics_stay_in_view_with_eight_orders_queued(make_app):
    app = make_app(size=(1280, 720))
    play = start_game(app)
    queue_eight(app.session)
    rules = play.rules
    for kind in (pygame.K_c, pygame.K_d, pygame.K_v):  # the call, the tallest builder (deputies), the trip
        play.select(idx(rules.countries, "DEU"))
        app.scrolls.pop("map.panel", None)
        key(app, kind)
        frames(app)
        first = app.hotspot(f"topic:{rules.topics[0]}")
        assert first is not None and first.visible and first.rect.height >= 20, kind
        # The first topics are in view without scrolling, and the last queued order is reachable.
        visible = [t for t in range(rules.n_topics) if app.hotspot(f"topic:{rules.topics[t]}").visible]
        assert visible[:3] == [0, 1, 2], (kind, visible)
    assert app.hotspot("undo:7") is not None


def test_standing_repeat_change_and_move_by_keys(make_app):
    app = make_app()
    play = start_game(app)
    session = app.session
    click(app, "country:POL")
    key(app, pygame.K_d)
    key(app, pygame.K_2)
    key(app, pygame.K_i)  # the drafted deputy's call becomes standing, and this week's call is queued
    assert len(session.standing) == 1 and session.is_standing(session.pending.orders[0])
    key(app, pygame.K_c)
    key(app, pygame.K_1)
    key(app, pygame.K_RETURN)
    assert len(session.pending.orders) == 2
    texts = shown_texts(app)
    assert "↻" in texts  # the standing call is marked
    week1 = session.pending.orders
    key(app, pygame.K_SPACE)
    frames(app, 2)
    key(app, pygame.K_RETURN)  # the turn report
    assert app.top.name == "map" and session.turn == 1
    assert len(session.pending.orders) == 1 and session.is_standing(session.pending.orders[0])
    key(app, pygame.K_r)  # repeat last week: the call; the standing call is not queued twice
    assert sorted(map(str, session.pending.orders)) == sorted(map(str, week1))
    # P takes the first order into the builder; a topic key and Enter change it in place; ] moves it down.
    first = session.pending.orders[0]
    key(app, pygame.K_p)
    assert play.draft.editing == 0
    key(app, pygame.K_5)
    key(app, pygame.K_RETURN)
    changed = session.pending.orders[0]
    assert changed.topic == 4 and changed.targets == first.targets and play.draft.editing is None
    key(app, pygame.K_p)
    key(app, pygame.K_RIGHTBRACKET)
    assert session.pending.orders[1] == changed and play.draft.editing == 1
    key(app, pygame.K_DELETE)
    assert changed not in session.pending.orders and len(session.pending.orders) == 1


def test_clicking_capitals_on_the_map_plans_a_trip_and_draws_its_route(make_app):
    app = make_app()
    play = start_game(app)
    rules, mv = play.rules, app.mapview
    assert mv is not None
    click(app, "country:DEU")
    key(app, pygame.K_v)
    key(app, pygame.K_e)  # Europe: the capitals far enough apart to click
    frames(app)
    before = pygame.surfarray.array3d(app.window).copy()

    def click_capital(code):
        local = mv.screen_point(idx(rules.countries, code))
        m = play.rects["map"]
        pos = (m.x + local[0], m.y + local[1])
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        frames(app)

    click_capital("FRA")
    click_capital("GBR")
    gbr, fra = idx(rules.countries, "GBR"), idx(rules.countries, "FRA")
    assert play.draft.stops == [fra, gbr] and play.selected == idx(rules.countries, "DEU")
    frames(app)
    after = pygame.surfarray.array3d(app.window)
    m = play.rects["map"]
    changed = (before[m.x : m.right, m.y : m.bottom] != after[m.x : m.right, m.y : m.bottom]).any(axis=2)
    assert changed.sum() > 200  # the route is drawn
    click_capital("FRA")  # again: out of the trip
    assert play.draft.stops == [gbr]
    key(app, pygame.K_1)
    key(app, pygame.K_RETURN)
    assert app.session.pending.orders[-1].targets == (idx(rules.countries, "DEU"), gbr)
    click_capital("POL")  # another region: that country's dossier opens
    assert play.selected == idx(rules.countries, "POL")
