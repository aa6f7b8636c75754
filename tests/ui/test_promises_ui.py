"""Promises in the window (issue 14): K (or a promise's chip) attaches a promise to the drafted call, the preview
shows what it buys and what it owes, the orders box lists what the side owes, and the turn report names a
promise kept or broken."""

from __future__ import annotations

import pygame

from game.classroom.promise_words import owed_line
from game.classroom.words import move_lines
from game.engine import Kind

from .conftest import click, frames, key
from .test_plan_ui import shown_texts
from .test_screens import start_game


def _draft_poland_on_security(app):
    play = start_game(app)
    rules = play.rules
    play.select(rules.country_index("POL"))
    key(app, pygame.K_c)
    key(app, pygame.K_1 + rules.topic_index("security_guarantees"))
    return play, rules


def test_k_attaches_a_promise_and_the_preview_shows_its_obligation(make_app):
    app = make_app()
    play, rules = _draft_poland_on_security(app)
    draft = play.draft
    assert [c.label for c in draft.promises()] == ["close consultation before any deal"]
    texts = shown_texts(app)
    assert not any(t.startswith("Poland: due by week") for t in texts)
    key(app, pygame.K_k)
    assert draft.promise == next(p.index for p in rules.promises if p.code == "allied_consultation")
    texts = shown_texts(app)
    assert any(t.startswith("Promising close consultation before any deal: they believe you, +") for t in texts)
    security = rules.labels.topics[rules.topic_index("security_guarantees")]
    # (a paragraph wraps: its lines are drawn one by one)
    assert f"Poland: due by week 3: call Poland on {security} again," in texts
    assert any(t.startswith("Kept: +1 there. Broken: −4 there, and your contacts there land at 65%") for t in texts)
    # the order goes in with its promise, in words
    key(app, pygame.K_RETURN)
    order = app.session.pending.orders[0]
    assert order.kind == Kind.CALL and order.promise >= 0
    assert app.session.describe(order).endswith(", promising close consultation before any deal")
    assert draft.promise is None  # a promise is made once
    # K again on the same capital: the promise is already on the plan, so none is offered
    key(app, pygame.K_k)
    assert draft.promise is None


def test_a_promise_chip_takes_it_on_and_off(make_app):
    app = make_app()
    play, _ = _draft_poland_on_security(app)
    click(app, "promise:allied_consultation")
    assert play.draft.promise is not None
    click(app, "promise:allied_consultation")
    assert play.draft.promise is None


def test_the_orders_box_lists_what_is_owed_and_the_report_what_was_broken(make_app):
    app = make_app()
    play, rules = _draft_poland_on_security(app)
    key(app, pygame.K_k)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_SPACE)  # end the week
    frames(app, 2)
    report = app.top
    assert any("promised Poland close consultation before any deal" in t for t in report.state()["promises"])
    key(app, pygame.K_RETURN)  # on to week 2
    frames(app, 2)
    security = rules.labels.topics[rules.topic_index("security_guarantees")]
    owed = app.hotspot("owed:POL:allied_consultation")
    assert owed is not None and owed.tooltip.startswith("You promised Poland close consultation before any deal.")
    assert f"due by week 3: call Poland on {security} again, or −4" in owed.tooltip
    lines = [owed_line(rules, o, app.session.turn) for o in play.orders.owed()]
    assert lines == [f"Owed to Poland: a call on {security} by week 3, or −4"]
    # week 2: nothing for Poland; week 3 too: the promise is broken at the end of week 3
    key(app, pygame.K_SPACE)
    key(app, pygame.K_RETURN)
    frames(app, 2)
    lines = [owed_line(rules, o, app.session.turn) for o in play.orders.owed()]
    assert lines == [f"Owed to Poland: a call on {security} this week, or −4"]
    # a call on its topic queued this week keeps it: the box says so
    play.select(rules.country_index("POL"))
    key(app, pygame.K_c)
    key(app, pygame.K_1 + rules.topic_index("security_guarantees"))
    key(app, pygame.K_RETURN)
    lines = [owed_line(rules, o, app.session.turn) for o in play.orders.owed()]
    assert lines == [f"Owed to Poland: a call on {security} this week (your plan keeps it)"]
    key(app, pygame.K_BACKSPACE)  # take it back: the promise is broken at the end of the week
    assert app.hotspot("owed:POL:allied_consultation") is not None
    key(app, pygame.K_SPACE)
    frames(app, 2)
    said = app.top.state()["promises"]
    assert any(
        t.startswith("You broke the promise to Poland (close consultation before any deal): −4 there") for t in said
    )
    # why Poland moved names it
    poland = next(m for m in move_lines(app.session, app.session.weeks[-1]) if m.name == "Poland")
    assert "your promise of close consultation before any deal broken −4.0" in poland.text
