"""What a new player met in the desktop game (issue 14, item 6): each test failed before its fix."""

from __future__ import annotations

import pygame
import pytest

from game.session import Session
from game.ui import paths
from game.ui.flow import Open

from .conftest import click, frames, key, take_office
from .test_screens import start_game


def press(app, k: int, mod: int = 0) -> None:
    """A key going down without coming up yet (its repeats are more of the same)."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))


def to_debrief(app):
    start_game(app)
    session = app.session
    while not session.is_over:
        session.end_turn()
    app.autosave()  # as at the end of every week
    app.go(Open("report"))  # the last week's report
    key(app, pygame.K_RETURN)
    assert app.top.name == "debrief"
    return session


# ------------------------------------------------------------------------------ 1. one Enter, one screen


def test_a_held_enter_on_the_debrief_stops_at_the_title(make_app):
    app = make_app()
    session = to_debrief(app)
    saved = paths.save_path(paths.AUTOSAVE).read_bytes()
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)  # the key's repeats, while the title screen was being built
    press(app, pygame.K_RETURN)
    frames(app, 3)
    press(app, pygame.K_RETURN)
    frames(app, 3)
    assert [s.name for s in app.stack] == ["title"] and app.session is session
    assert paths.save_path(paths.AUTOSAVE).read_bytes() == saved
    # Let go, and the next Enter is a press of its own on the title screen.
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=pygame.K_RETURN, mod=0, unicode="", scancode=0))
    key(app, pygame.K_RETURN)
    assert app.top.name == "briefing"


def test_a_new_game_leaves_the_autosave_until_its_first_week_ends(make_app):
    app = make_app()
    start_game(app)
    key(app, pygame.K_SPACE)  # week 1 ends: autosaved
    saved = paths.save_path(paths.AUTOSAVE).read_bytes()
    key(app, pygame.K_RETURN)
    key(app, pygame.K_ESCAPE)
    click(app, "title")
    saved = paths.save_path(paths.AUTOSAVE).read_bytes()
    key(app, pygame.K_RETURN)  # a new game over an unfinished one: asked first
    assert app.top.name == "confirm" and paths.save_path(paths.AUTOSAVE).read_bytes() == saved
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "title"
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)  # yes, a new game
    assert app.top.name == "briefing" and app.session.turn == 0
    assert paths.save_path(paths.AUTOSAVE).read_bytes() == saved  # still the game in progress
    key(app, pygame.K_RETURN)
    key(app, pygame.K_SPACE)
    assert Session.load(paths.save_path(paths.AUTOSAVE)).turn == 1  # the new game's, from its first week


# ------------------------------------------------------------------------------ 12. autoplay is no player


def test_an_autoplay_run_leaves_the_players_autosave_alone(make_app, home):
    from game.scenario import load_scenario

    paths.ensure_dirs()
    mine = Session(load_scenario("tutorial"), 7)
    mine.end_turn()
    mine.save(paths.save_path(paths.AUTOSAVE))
    saved = paths.save_path(paths.AUTOSAVE).read_bytes()
    app = make_app(scenario="flood_the_zone", autoplay="historical", turns=1, seed=5)
    for _ in range(3000):
        if not app.running:
            break
        app.step()
    assert app.exit_code == 0 and app.session.turn == 1
    assert paths.save_path(paths.AUTOSAVE).read_bytes() == saved


def test_no_list_of_saves_names_a_week_past_the_crisis(make_app):
    import re

    app = make_app()
    session = to_debrief(app)
    app.save_slot("slot2")
    weeks = session.rules.n_turns
    for mode in ("load", "save"):
        app.go(Open("saves", mode=mode))
        frames(app)
        texts = shown_texts(app)
        shown = [int(n) for t in texts for n in re.findall(r"week (\d+)", t)]
        assert shown == [] or max(shown) <= weeks, texts
        assert any("crisis over" in t for t in texts)
        key(app, pygame.K_ESCAPE)


def shown_texts(app) -> list[str]:
    """Every text the last frame drew (read through the text cache's renders)."""
    drawn = []
    real = app.texts.render

    def spy(text, *args, **kwargs):
        drawn.append(text)
        return real(text, *args, **kwargs)

    app.texts.render = spy
    app.dirty = True
    frames(app)
    app.texts.render = real
    return drawn


# ------------------------------------------------------------------------------ 10. one numbering of slots


def test_save_and_load_number_the_slots_alike(make_app):
    app = make_app()
    start_game(app)
    numbering = {}
    for mode in ("save", "load"):
        app.go(Open("saves", mode=mode))
        frames(app)
        rows = {h.id: h for h in app.hotspots if h.id.startswith("slot:")}
        numbering[mode] = [(h.id, app.top.key_of(h.payload)) for h in sorted(rows.values(), key=lambda h: h.rect.y)]
        key(app, pygame.K_ESCAPE)
    assert numbering["save"] == numbering["load"]
    assert ("slot:slot1", "1") in numbering["save"] and ("slot:slot3", "3") in numbering["save"]
    app.go(Open("saves", mode="save"))
    key(app, pygame.K_3)  # Slot 3, in the save list as in the load list
    assert paths.save_path("slot3").exists() and not paths.save_path(paths.QUICKSAVE).exists()
    assert not paths.save_path("slot2").exists()
    app.session.end_turn()
    app.go(Open("saves", mode="load"))
    key(app, pygame.K_3)
    assert app.top.name == "map" and app.session.turn == 0


# ------------------------------------------------------------------------------ 2. a week's own score


def test_a_week_report_from_the_debrief_shows_that_weeks_score(make_app):
    from game.engine import standing

    app = make_app()
    session = to_debrief(app)
    rules = session.rules
    final = standing(rules, session.state)[1]
    # a week whose own score the test can tell from the final one
    week, after_first = next(
        (i, standing(rules, w.state_before)[1])
        for i, w in enumerate(session.weeks[1:])
        if round(standing(rules, w.state_before)[1]) != round(final)
    )
    click(app, f"week:{week}")
    assert app.top.name == "report"
    texts = shown_texts(app)
    assert any(t.endswith(f"· {after_first:.1f}") for t in texts), texts[:12]
    assert not any(t.endswith(f"· {final:.1f}") and "·" in t and t.split(" · ")[0] in dict(rules.tiers) for t in texts)


# ------------------------------------------------------------------------------ 3. every screen opens at its top


def test_a_screen_opens_at_its_top(make_app):
    app = make_app(size=(1024, 768))
    frames(app)
    key(app, pygame.K_RETURN)
    assert app.top.name == "briefing"
    frames(app)
    scrolled = [a for n, a in app.scrolls.items() if n.startswith("briefing.") and a.max_offset > 0]
    assert scrolled, "the briefing scrolls at this size"
    for area in scrolled:
        area.offset = area.max_offset
    key(app, pygame.K_ESCAPE)
    click(app, "title")
    key(app, pygame.K_RETURN)  # nothing was played: the autosave had nothing to keep, so nothing is asked
    assert app.top.name == "briefing" and not paths.save_path(paths.AUTOSAVE).exists()
    frames(app)
    assert all(a.offset == 0 for n, a in app.scrolls.items() if n.startswith("briefing."))
    # the same for a report opened a second time
    take_office(app)
    key(app, pygame.K_SPACE)
    frames(app)
    app.scrolls["report.side"].offset = 50
    key(app, pygame.K_RETURN)
    key(app, pygame.K_SPACE)
    frames(app)
    assert app.scrolls["report.side"].offset == 0


# ------------------------------------------------------------------------------ 11. Esc closes the innermost


def test_esc_closes_the_staff_panel_before_it_pauses(make_app):
    app = make_app()
    play = start_game(app)
    key(app, pygame.K_a)
    assert play.tab == "staff"
    key(app, pygame.K_ESCAPE)
    assert app.top is play and play.tab != "staff"
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"


# ------------------------------------------------------------------------------ 13. confirm_end_turn


def test_ending_a_week_asks_first_when_the_setting_is_on(make_app):
    assert paths.DEFAULT_SETTINGS["confirm_end_turn"] is True
    app = make_app()
    play = start_game(app)
    app.settings["confirm_end_turn"] = True
    key(app, pygame.K_SPACE)
    assert app.top.name == "confirm" and app.session.turn == 0
    assert "4 calls" in app.top.body or "calls" in app.top.body  # what is left unused is said
    key(app, pygame.K_ESCAPE)
    assert app.top is play and app.session.turn == 0
    click(app, "end_turn")
    key(app, pygame.K_RETURN)
    assert app.top.name == "report" and app.session.turn == 1
    key(app, pygame.K_RETURN)
    app.settings["confirm_end_turn"] = False
    key(app, pygame.K_SPACE)
    assert app.top.name == "report" and app.session.turn == 2


def test_the_settings_dialog_turns_the_confirmation_on_and_off(make_app):
    app = make_app()
    frames(app)
    app.go(Open("settings"))
    before = app.settings["confirm_end_turn"]
    click(app, "confirm_end_turn")
    assert app.settings["confirm_end_turn"] is (not before)


# ------------------------------------------------------------------------------ 14. Ctrl+Q with orders drafted


def test_quitting_with_orders_drafted_asks_and_says_what_is_lost(make_app):
    app = make_app()
    start_game(app)
    key(app, pygame.K_q, pygame.KMOD_CTRL)  # nothing drafted: nothing to lose
    assert not app.running
    app = make_app()
    start_game(app)
    click(app, "country:DEU")
    click(app, "topic:energy_supply")
    click(app, "add")
    key(app, pygame.K_q, pygame.KMOD_CTRL)
    assert app.running and app.top.name == "confirm"
    assert "1 order" in app.top.body and "week 1" in app.top.body
    key(app, pygame.K_ESCAPE)
    assert app.running and app.top.name == "map"
    pygame.event.post(pygame.event.Event(pygame.QUIT))  # the window's close button asks the same
    frames(app)
    assert app.running and app.top.name == "confirm"
    key(app, pygame.K_RETURN)
    assert not app.running


# ------------------------------------------------------------------------------ 7 and 9. the builder


def test_switching_country_clears_the_topic_and_busy_deputies_are_not_offered(make_app):
    app = make_app()
    play = start_game(app)
    click(app, "country:DEU")
    click(app, "topic:energy_supply")
    play.select(play.rules.countries.index("UKR"))  # as a click on the map does
    app.dirty = True
    frames(app)
    assert play.topic is None and not app.hotspot("add").enabled
    assert not any(h.id.startswith("topic:") and h.enabled and play.draft.topic == h.payload for h in app.hotspots)
    click(app, "kind:deputy_call")
    click(app, "topic:energy_supply")
    while play.draft.deputy is not None:
        click(app, "add")
    frames(app)
    deputy = app.hotspot("kind:deputy_call")
    assert not deputy.enabled and "free" in deputy.tooltip
    assert "choose a deputy" not in app.hotspot("add").tooltip
    click(app, "kind:call")
    key(app, pygame.K_d)  # the key is refused as the button is
    assert play.kind.name == "CALL"


# ------------------------------------------------------------------------------ 8. the staff asks again


def test_the_staff_answers_again_once_the_plan_changes(make_app):
    app = make_app()
    play = start_game(app)
    session = app.session
    key(app, pygame.K_a)
    first = list(play.staff.suggestions)
    assert play.staff.status == "ready" and first
    click(app, "advice:add:0")
    frames(app, 2)
    assert session.pending.orders == (first[0].order,)
    assert play.staff.status == "ready" and play.staff.question.orders == session.pending.orders
    assert first[0].order not in [a.order for a in play.staff.suggestions]  # advice for the plan as it is now
    key(app, pygame.K_BACKSPACE)  # taken back: asked again for the empty plan
    frames(app, 2)
    assert play.staff.question.orders == () and play.staff.status == "ready"
    assert [a.order for a in play.staff.suggestions] == [a.order for a in first]


# ------------------------------------------------------------------------------ 4. the score always shows


@pytest.mark.parametrize("size", [(960, 600), (1024, 768), (1280, 720), (1366, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scenario", ["flood_the_zone", "the_rational_way"])
def test_the_top_bar_shows_the_score_at_every_width(make_app, size, scenario):
    from game.engine import standing

    app = make_app(size, scenario=scenario)
    play = start_game(app)
    tier, s = standing(app.session.rules, app.session.state)
    texts = shown_texts(app)
    assert any(t.endswith(f"{s:.1f}") and "·" in t for t in texts), texts[:30]
    score = app.hotspot("outcome")
    assert score is not None and play.rects["top"].contains(score.rect)
    for other in app.hotspots:
        if other.id.startswith(("chip:", "menu", "help", "ask_staff")):
            assert not other.rect.colliderect(score.rect), other.id


# ------------------------------------------------------------------------------ 5. labels clear of the dots


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_an_orders_dot_never_covers_a_country_label(make_app, size):
    app = make_app(size)
    play = start_game(app)
    key(app, pygame.K_e)
    rules = app.session.rules
    mv = app.mapview
    frames(app)
    assert mv.label_rects, "the Europe view names its countries"
    checked = 0
    for c, label in mv.label_rects.items():
        point = mv.screen_point(c)
        if point is None or c in mv.markers:
            continue
        r = play.map.dot_radius(app.scale)
        dot = pygame.Rect(point[0] - r - 1, point[1] - r - 1, 2 * r + 3, 2 * r + 3)
        assert not dot.colliderect(label), rules.countries[c]
        checked += 1
    assert checked >= 5


# ------------------------------------------------------------------------------ 15. toasts cover nothing needed


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_toasts_keep_off_the_news_the_panel_and_the_tutorial_card(make_app, size):
    app = make_app(size, scenario="tutorial")
    play = start_game(app)
    for text in ("Queued: Call Germany on Energy supply", "Taken back: Call Germany on Energy supply", "Saved"):
        app.toast(text)
    frames(app)
    assert len(app._toast_rects) == 3
    card = app.tutorial.card
    assert card is not None  # the welcome card
    for box in app._toast_rects:
        assert play.rects["map"].contains(box), box
        assert not box.colliderect(play.rects["feed"]) and not box.colliderect(play.rects["panel"])
        assert not box.colliderect(card)
        for spot in app.hotspots:  # nor the map's own buttons
            if spot.id.startswith("zoom:"):
                assert not box.colliderect(spot.rect), spot.id


# ------------------------------------------------------------------------------ 6. the tutorial card


def tutorial_at(make_app, title: str, week: int = 1, size=(1280, 720), europe: bool = False):
    """The tutorial on the map at the card ``title`` (its week played up to it; ``europe``: the map in the
    Europe view when the card comes)."""
    app = make_app(size, scenario="tutorial")
    start_game(app)
    for _ in range(week - 1):
        app.session.end_turn()
    if europe:
        app.mapview.show_europe()
    app.tutorial.current = next(s.index for s in app.tutorial.steps if s.title == title)
    app.dirty = True
    frames(app, 2)
    assert app.tutorial.shown(app.top).title == title
    return app


def test_hover_tooltips_keep_off_the_tutorial_card(make_app):
    app = tutorial_at(make_app, "Open Germany's dossier")
    key(app, pygame.K_e)
    card = app.tutorial.card
    mv, area = app.mapview, app.top.rects["map"]
    points = [(h.rect.center, h) for h in app.hotspots if h.tooltip and not h.rect.colliderect(card)]
    for c in range(app.session.rules.n_countries):  # the map's hover card too
        p = mv.screen_point(c)
        if p is not None and area.collidepoint(p[0] + area.x, p[1] + area.y):
            points.append(((p[0] + area.x, p[1] + area.y), None))
    near = [
        (p, h) for p, h in points if abs(p[0] - card.centerx) < card.width and abs(p[1] - card.centery) < card.height
    ]
    assert near, "some tooltips are near the card"
    for pos, spot in near:
        app.fake_mouse = pos
        frames(app)
        app.hover_since -= 1  # the tooltip's delay has passed
        frames(app)
        tips = [r for r in app._overlay_rects if spot is None or r != spot.rect.inflate(2, 2)]
        if spot is None:
            tips = tips[-1:]  # the map's hover card (its outline is the country's)
        assert not any(r.colliderect(card) for r in tips), (spot.id if spot else pos, tips, card)
    app.fake_mouse = None


def test_the_card_asking_for_a_country_shows_it_and_keeps_off_it(make_app):
    app = tutorial_at(make_app, "A deputy's call", week=2, europe=True)  # the view of the cards before it
    rules, mv, area = app.session.rules, app.mapview, app.top.rects["map"]
    kuwait = rules.countries.index("KWT")
    point = mv.screen_point(kuwait)
    assert point is not None and area.inflate(-20, -20).collidepoint(point[0] + area.x, point[1] + area.y)
    assert not app.tutorial.card.colliderect(mv.country_rect(kuwait).move(area.topleft))
    app = tutorial_at(make_app, "Open Germany's dossier", size=(1024, 768), europe=True)
    germany = app.session.rules.countries.index("DEU")
    mv, area = app.mapview, app.top.rects["map"]
    assert not app.tutorial.card.colliderect(mv.country_rect(germany).move(area.topleft))


# ------------------------------------------------------------------------------ 16. one numbering of topics


def test_the_tutorial_numbers_topics_as_the_builder_and_its_keys_do(make_app):
    import re

    from game.drafting import Draft
    from game.scenario import load_scenario

    scenario = load_scenario("tutorial")
    draft = Draft(Session(scenario, 1))
    draft.select(0)
    number = {c.label.lower(): c.value + 1 for c in draft.topics()}  # the drafting model's order
    cited = 0
    for step in scenario.tutorial:
        text = step.text.lower()
        for match in re.finditer(r"(?:press |\()(\d)\)?", text):
            before = text[: match.start()]
            named = max((before.rfind(name), name) for name in number)
            assert named[0] >= 0, (step.title, match.group(0))
            assert number[named[1]] == int(match.group(1)), (step.title, named[1], match.group(0))
            cited += 1
    assert cited >= 3
    # The builder writes the same number beside each topic, and that key picks it.
    app = make_app(scenario="tutorial")
    play = start_game(app)
    click(app, "country:DEU")
    texts = shown_texts(app)
    for label, n in number.items():
        assert str(n) in texts
        key(app, pygame.K_0 + n)
        assert play.topic == n - 1 and play.rules.labels.topics[n - 1].lower() == label


# ------------------------------------------------------------------------------ 17. commitment lines in words


def test_the_dossier_says_a_reached_commitment_plainly(make_app):
    app = make_app()
    start_game(app)
    click(app, "country:GBR")  # far along: its vote and pledges are reached
    texts = shown_texts(app)
    assert "UN vote: votes yes" in texts and any(t.startswith("✓ now (line at ") for t in texts), texts
    assert not any(t.startswith("✓ yes") or "(from " in t for t in texts)


@pytest.mark.parametrize("size", [(960, 600), (1280, 720)])
def test_the_title_buttons_never_overlap(make_app, size):
    """At the narrowest window the title's row of buttons ran under Help and Quit; they shrink together now."""
    app = make_app(size=size)
    frames(app, 2)
    ids = ["start", "continue", "load", "replays", "teacher", "settings", "help", "quit"]
    rects = [app.hotspot(i).rect for i in ids]
    for left, right in zip(rects, rects[1:]):
        assert left.right <= right.left, (left, right)
    assert rects[-1].right <= size[0]
