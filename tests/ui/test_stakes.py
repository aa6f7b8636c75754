"""The stakes on screen (issue 14): the builder previews the drafted order and each topic's shift, the country
list and the map give each capital's distance to its next line, the top bar the expected end result; under fog
none of them shows a number that gives an alignment away."""

from __future__ import annotations

import re

import pygame
import pytest

from game.ui.panels import stakes
from game.ui.widgets import Ui

from .conftest import click, frames, key
from .test_screens import start_game


@pytest.fixture
def drawn_texts(monkeypatch):
    """Every text the window draws, frame after frame."""
    seen: list[str] = []
    original = Ui.text

    def text(self, pos, text, *args, **kwargs):
        seen.append(text)
        return original(self, pos, text, *args, **kwargs)

    monkeypatch.setattr(Ui, "text", text)
    return seen


def redraw(app, seen: list[str]) -> None:
    """Forget what was drawn and draw the window afresh (a frame with no change draws nothing)."""
    seen.clear()
    app.dirty = True
    frames(app, 2)


def _draft_italy_energy(app):
    play = start_game(app)
    click(app, "country:ITA")
    click(app, "topic:energy_supply")
    frames(app, 2)
    return play


def test_the_builder_shows_the_preview_of_the_drafted_order(make_app, drawn_texts):
    app = make_app()
    play = _draft_italy_energy(app)
    session, rules = app.session, app.session.rules
    order = play.draft.order()
    preview = stakes.preview_of(session, play.me, order)
    italy = preview.of(rules.country_index("ITA"))
    expected = stakes.shift_text(italy, fog=False)
    assert re.fullmatch(r"\+\d+\.\d \(\d+\.\d to \d+\.\d\)", expected)
    app.scroll_into_view(app.hotspot("preview:ITA"))
    redraw(app, drawn_texts)
    assert expected in drawn_texts  # the capital's line in the preview, and the headline by the Add button
    spot = app.hotspot("preview:ITA")
    assert spot.tooltip.startswith(f"Italy: expected {expected}") and "fatigue" in spot.tooltip
    assert any(t.startswith("Crosses the Sanctions line") for t in drawn_texts)  # 28 + 4.3 passes 30
    # each topic shows its expected shift on this capital before it is chosen
    offered = [c.value for c in play.draft.topics() if c.offered]
    assert len(offered) >= 5
    for t in offered:
        shift = stakes.preview_of(session, play.me, stakes.drafted_with_topic(play.draft, t)).of(italy.country)
        assert stakes.short_shift(shift, fog=False) in drawn_texts


def test_the_fatigue_of_the_weeks_plan_shows_in_the_preview(make_app):
    app = make_app()
    play = _draft_italy_energy(app)
    key(app, pygame.K_RETURN)  # Italy's call is queued
    assert len(app.session.pending.orders) == 1
    click(app, "topic:security_guarantees")
    frames(app, 2)
    app.scroll_into_view(app.hotspot("preview:ITA"))
    frames(app)
    assert "1 planned this week" in app.hotspot("preview:ITA").tooltip
    assert play.draft.order() is not None


def test_the_top_bar_shows_the_expected_end_and_it_moves_with_the_plan(make_app, drawn_texts):
    app = make_app()
    play = _draft_italy_energy(app)
    frames(app)
    before = [t for t in drawn_texts if t.startswith("expected end")]
    assert before and re.fullmatch(r"expected end \d+ \(\d+–\d+\)", before[-1])
    assert "seeded rollouts" in app.hotspot("outlook").tooltip
    key(app, pygame.K_RETURN)
    redraw(app, drawn_texts)
    after = [t for t in drawn_texts if t.startswith("expected end")]
    assert after and after[-1] != before[-1] and "· plan +" in after[-1]
    assert play.session.pending.orders


def test_the_country_list_and_the_map_give_the_distance_to_the_next_line(make_app, drawn_texts):
    app = make_app()
    start_game(app)
    redraw(app, drawn_texts)
    assert "+2 to Sanctions" in drawn_texts  # Italy: 28 against a line at 30
    gaps = stakes.gaps_of(app.session, app.top.me)
    italy = gaps[app.session.rules.country_index("ITA")]
    assert stakes.gap_text(italy, fog=False) == "+2 to Sanctions"


def test_under_fog_the_stakes_show_no_exact_number(make_app, drawn_texts):
    app = make_app()
    play = start_game(app)
    app.session.settings = app.session.settings.replace(fog=True)
    click(app, "country:ITA")
    click(app, "topic:energy_supply")
    app.scroll_into_view(app.hotspot("preview:ITA"))
    redraw(app, drawn_texts)
    italy = stakes.preview_of(app.session, play.me, play.draft.order()).countries[0]
    fogged = stakes.shift_text(italy, fog=True)
    assert re.fullmatch(r"[+−]\d+( to [+−]\d+)?", fogged) and fogged in drawn_texts
    assert not any(re.search(r"room ×|short after this", t) for t in drawn_texts)
    assert any(t.startswith("expected end likely ") for t in drawn_texts)
    assert not any(re.fullmatch(r"expected end \d.*", t) for t in drawn_texts)
    click(app, "tab:countries")
    redraw(app, drawn_texts)
    assert "near Sanctions" in drawn_texts and "+2 to Sanctions" not in drawn_texts


def test_the_maps_hover_card_gives_the_distance_too(make_app, monkeypatch):
    from game.ui.panels import map_panel

    app = make_app()
    play = start_game(app)
    frames(app, 2)
    cards = []
    monkeypatch.setattr(
        map_panel, "draw_tooltip", lambda surface, texts, scale, pos, lines, avoid=(): cards.append(lines)
    )
    rect = play.rects["map"]
    x, y = app.mapview.screen_point(app.session.rules.country_index("ITA"))
    play.map.overlay(app.window, (x + rect.x, y + rect.y))
    assert cards and cards[-1][0][0] == "Italy"
    assert ("+2 to Sanctions", "semibold", stakes.T.ACCENT) in cards[-1]


def test_the_expected_end_has_its_own_tooltip_under_the_pointer(make_app):
    app = make_app()
    start_game(app)
    frames(app, 2)
    spot = app.hotspot("outlook")
    assert app.hotspot_at(spot.rect.center) is spot


def test_the_staff_says_what_an_order_is_worth_kept_up_not_only_this_week(make_app):
    """A new player read "About +0.0 points of final score" beside every suggestion: one order alone seldom
    crosses a line this week.  The staff now also gives the top bar's measure - the expected end with the order
    given every week - which moves by whole points."""
    import pygame

    from game.ui.panels.staff import worth

    from .conftest import frames, key
    from .test_screens import start_game

    app = make_app()
    play = start_game(app)
    key(app, pygame.K_a)
    frames(app, 3)
    staff = play.staff
    assert staff.status == "ready" and staff.suggestions
    gains = [a.kept_up for a in staff.suggestions]
    assert max(gains) >= 1.0, gains  # kept up, the best suggestion is worth whole points
    words = worth(app.session, staff.suggestions[0])
    assert words.startswith("Kept up: +") and "on the expected end · this week: " in words


def test_the_staff_lists_its_suggestions_by_the_figure_it_shows(make_app):
    """The staff showed "Kept up: +X" beside each suggestion but ranked them by this week's gain, so the list's
    order could disagree with the numbers beside it.  Now the list is in the order of the figure shown first,
    and that figure is the top bar's: adding the first suggestion moves the expected end by it."""
    import pygame

    from game.ui.panels.stakes import outlook_of

    from .conftest import frames, key
    from .test_screens import start_game

    app = make_app()
    play = start_game(app)
    session = app.session
    before = outlook_of(session, session.active).mean
    key(app, pygame.K_a)
    frames(app, 3)
    suggestions = play.staff.suggestions
    assert len(suggestions) >= 2
    kept = [a.kept_up for a in suggestions]
    assert kept == sorted(kept, reverse=True), kept
    key(app, pygame.K_RETURN)  # adds the first suggestion
    assert session.pending.orders == (suggestions[0].order,)
    after = outlook_of(session, session.active).mean
    assert after - before == pytest.approx(suggestions[0].kept_up, abs=2e-3)


def test_moscows_player_reads_the_lines_as_lines_to_pull_capitals_off(ftz):
    """In a two-player game Moscow's map and list tagged capitals "+8 to Sanctions", Washington's words; from
    Moscow's side a line ahead is one to pull the capital off, and the points go down."""
    from game.ai.preview import line_gaps
    from game.engine import initial_state
    from game.ui.panels.stakes import gap_text, risk_text

    state = initial_state(ftz.rules)
    washington = line_gaps(ftz.rules, state, ftz.player)
    moscow = line_gaps(ftz.rules, state, ftz.rival)
    assert not any(g.against for g in washington) and all(g.against for g in moscow)
    ours = [gap_text(g, False) for g in washington if gap_text(g, False)]
    theirs = [gap_text(g, False) for g in moscow if gap_text(g, False)]
    assert ours and all(t.startswith("+") and " to " in t for t in ours)
    assert theirs and all(t.startswith("−") and " pulls it off " in t for t in theirs)
    assert all(
        "nearly off" in gap_text(g, True) or "could lose" in gap_text(g, True) for g in moscow if gap_text(g, True)
    )
    assert all(not risk_text(g) or risk_text(g).startswith("kept off ") for g in moscow)
