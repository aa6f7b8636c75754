"""The map screen as panels: a hotspot's action goes to the panel that drew it, and what the builder offers or
refuses is the drafting model's (game.drafting.Draft), never a reading of a refusal's words."""

from __future__ import annotations

import pygame

from game.engine import Kind, RefusalCode

from .conftest import click, frames, key
from .test_screens import start_game


def test_each_hotspot_belongs_to_the_panel_that_drew_it(make_app):
    app = make_app()
    play = start_game(app)
    assert play.owners["country:DEU"] is play.countries
    assert play.owners["end_turn"] is play.orders and play.owners["menu"] is play.topbar
    assert play.owners["zoom:world"] is play.map and "tab:countries" not in play.owners  # the layout's own
    click(app, "country:DEU")
    frames(app)
    # The builder draws inside the dossier's scroll; its chips are still its own.
    assert play.owners["close_dossier"] is play.dossier
    assert play.owners["kind:visit"] is play.builder and play.owners["add"] is play.builder
    assert play.owners["topic:energy_supply"] is play.builder
    assert play.on_action("no_such_button", None) is None
    click(app, "kind:visit")
    assert play.draft.kind == Kind.VISIT
    key(app, pygame.K_a)  # the staff's advice is a panel of the side panel too
    for _ in range(120):
        if play.staff.status == "ready":
            break
        frames(app)
    frames(app)
    assert play.owners["advice:close"] is play.staff


def test_the_chips_and_the_add_button_show_the_drafts_refusals(make_app):
    app = make_app()
    play = start_game(app)
    session, rules, draft = app.session, app.session.rules, play.draft
    click(app, "country:DEU")
    click(app, "kind:deputy_call")
    first = draft.deputy
    key(app, pygame.K_1)
    key(app, pygame.K_RETURN)  # the first deputy places this week's call
    assert len(session.pending.orders) == 1
    frames(app)
    refused = {c.value: c.refusal for c in draft.deputies()}
    assert refused[first] is not None and refused[first].code in (RefusalCode.DEPUTY_USED, RefusalCode.DEPUTY_BUSY)
    chip = app.hotspot(f"deputy:{rules.deputies[first]}")
    assert not chip.enabled and chip.tooltip == refused[first].words
    for d, why in refused.items():
        assert app.hotspot(f"deputy:{rules.deputies[d]}").enabled == (why is None)
    # The Add button carries the whole order's refusal (or what is missing), from the draft.
    add = app.hotspot("add")
    whole = draft.refusal()
    assert add.enabled == (whole is None) and add.tooltip == (whole.words if whole else "")
    for choice in draft.topics():
        assert app.hotspot(f"topic:{rules.topics[choice.value]}").enabled == choice.offered


def test_a_topic_the_rival_will_not_discuss_is_refused_by_its_code(make_app):
    app = make_app(scenario="the_rational_way")
    play = start_game(app)
    click(app, f"country:{play.rules.countries[play.order_list[0]]}")
    key(app, pygame.K_m)
    assert play.draft.kind == Kind.ENGAGE
    frames(app)
    topics = play.draft.topics()
    refused = [c for c in topics if not c.offered]
    assert refused and all(c.refusal.code == RefusalCode.ENGAGE_TOPIC and c.refusal.is_about("topic") for c in refused)
    for c in topics:
        spot = app.hotspot(f"topic:{play.rules.topics[c.value]}")
        assert spot.enabled == c.offered
        if not c.offered:
            assert spot.tooltip == c.refusal.words


def test_the_title_screens_clicks_reach_its_settings_panel_and_code_box(make_app):
    app = make_app()
    frames(app)
    title = app.top
    assert title.owners["setup:difficulty:easy"] is title.setup and title.owners["seed_up"] is title.setup
    assert title.owners["code_play"] is title.code_box and "start" not in title.owners  # the screen's own
    click(app, "setup:difficulty:easy")
    assert title.focus == "difficulty" and title.state()["setup"]["noise"] == "calm"
    click(app, "code_play")
    assert title.focus == "code" and title.code_error.startswith("Type the game code")
