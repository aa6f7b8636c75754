"""Talks with the rival itself (ENGAGE orders) in the dossier: offered only where the scenario allows them,
refused with the rules' reason, queued through the same buttons, and explained in the turn report."""

from __future__ import annotations

import pygame
import pytest

from game.classroom.words import move_lines, track_lines
from game.engine import Kind

from .conftest import click, frames, key
from .test_screens import start_game


@pytest.fixture
def rational(make_app):
    """The Rational Way: Washington may keep a channel to Moscow (one track, allies who dislike it)."""
    app = make_app(scenario="the_rational_way")
    play = start_game(app)
    assert app.session.scenario.id == "the_rational_way"
    return app, play


def test_no_talks_with_the_rival_where_the_scenario_has_none(make_app):
    app = make_app()
    play = start_game(app)
    assert app.session.scenario.id == "flood_the_zone"
    click(app, "country:DEU")
    assert app.hotspot("kind:engage") is None
    assert [h.id for h in app.hotspots if h.id.startswith("kind:")] == [
        "kind:call",
        "kind:visit",
        "kind:deputy_call",
        "kind:multilateral",
    ]
    key(app, pygame.K_m)  # the shortcut does nothing either
    assert play.kind == Kind.CALL


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_action_label_is_whole_with_five_actions(make_app, size):
    app = make_app(size, scenario="the_rational_way")
    play = start_game(app)
    click(app, "country:FRA")
    frames(app)
    spots = {h.id: h for h in app.hotspots if h.id.startswith("kind:")}
    assert set(spots) == {"kind:call", "kind:visit", "kind:deputy_call", "kind:multilateral", "kind:engage"}
    ui = app.new_ui(app.window)
    width = play.rects["panel"].width - ui.px(32)
    for row in play.kind_rows(ui, width):
        for kind, label, hint in row:
            rect = spots[f"kind:{kind.name.lower()}"].rect
            room = rect.width - ui.px(16) - (ui.width_of(hint, "regular", 11) + ui.px(10))
            assert ui.width_of(label, "semibold", 13) <= room, (label, rect)
            assert spots[f"kind:{kind.name.lower()}"].tooltip  # each says what it does
    assert spots["kind:engage"].rect.y > spots["kind:call"].rect.y  # a row of its own
    assert play.kind_rows(ui, width)[-1] == [(Kind.ENGAGE, "Talk to Moscow", "M")]


def test_talks_show_the_topics_moscow_refuses_and_the_reason(rational):
    app, play = rational
    session = app.session
    click(app, "country:FRA")
    click(app, "kind:engage")
    assert play.kind == Kind.ENGAGE
    frames(app)
    refused = app.hotspot("topic:ukraine_aid")
    assert not refused.enabled and refused.tooltip == "Moscow will not discuss Winter aid for Ukraine"
    click(app, "topic:ukraine_aid")  # a click on it says why, and changes nothing
    assert play.topic is None and any("will not discuss" in t.text for t in app.toasts)
    add = app.hotspot("add")
    assert not add.enabled and "choose a topic" in add.tooltip
    # the topic Moscow will discuss: the Add button names the order
    click(app, "topic:deconfliction")
    frames(app)
    assert app.hotspot("add").enabled
    assert play.state()["building"] == "You talk to Moscow about Avoiding miscalculation"
    assert session.why_illegal(play.current_order()[0]) is None


def test_queuing_talks_updates_the_orders_and_the_budget(rational):
    app, play = rational
    session = app.session
    calls = session.remaining()["calls"]
    click(app, "country:POL")
    key(app, pygame.K_m)  # the keyboard way: M, a topic number, Enter
    assert play.kind == Kind.ENGAGE
    key(app, pygame.K_1 + session.rules.topics.index("deconfliction"))
    key(app, pygame.K_RETURN)
    assert [session.describe(o) for o in session.pending.orders] == ["You talk to Moscow about Avoiding miscalculation"]
    assert session.remaining()["calls"] == calls - 1  # your own talks cost a call
    frames(app)
    assert app.hotspot("undo:0") is not None  # listed with the week's orders
    # a second contact the same week is refused, with the rules' words, on the Add button
    add = app.hotspot("add")
    assert not add.enabled and add.tooltip == "one contact with Moscow a week"
    # a deputy's talks cost a deputy instead of a call
    key(app, pygame.K_BACKSPACE)
    assert not session.pending.orders
    click(app, "engager:austin")
    click(app, "topic:deconfliction")
    click(app, "add")
    order = session.pending.orders[-1]
    assert order.kind == Kind.ENGAGE and session.rules.labels.deputies[order.deputy] == "Lloyd Austin"
    assert session.remaining()["calls"] == calls
    assert session.remaining()["deputies"] == 2


def test_the_turn_report_shows_the_tracks_and_the_allies_reactions(rational):
    app, play = rational
    session = app.session
    click(app, "country:POL")
    click(app, "kind:engage")
    click(app, "engager:you")
    click(app, "topic:deconfliction")
    click(app, "add")
    key(app, pygame.K_SPACE)
    assert app.top.name == "report"
    week = session.weeks[-1]
    poland = next(m for m in move_lines(session, week) if m.name == "Poland")
    assert "your talks with Moscow on Avoiding miscalculation −5.0" in poland.text
    assert [tag for text, _, tag in poland.causes if "talks with Moscow" in text] == ["you"]  # in your colour
    france = next(m for m in move_lines(session, week) if m.name == "France")
    assert "your talks with Moscow on Avoiding miscalculation +1.0" in france.text
    channel = track_lines(session, week)[0]
    assert channel.name == "Channel to Moscow"
    assert any(text.startswith("your talks with Moscow on Avoiding miscalculation +") for text, _, _ in channel.causes)
    state = app.top.state()
    assert state["tracks"][0].startswith("Channel to Moscow")
    assert "your talks with Moscow" in state["tracks"][0]
    # the report draws the track section: its heading and the track's name are on screen
    frames(app)
    assert app.hotspot("continue").enabled
    key(app, pygame.K_RETURN)
    assert app.top.name == "map"
