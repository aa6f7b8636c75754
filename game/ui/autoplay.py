"""``--autoplay``: a policy plays through the same buttons a player clicks.

The driver is a generator the app advances once per frame.  On the title screen it moves the focus to the new
game's settings (Tab) and types a mistyped game code into the code box (to show its refusal), then starts the
highlighted scenario with the settings shown.  It asks the policy for the week's order sheet,
then builds each order in the dossier by posting mouse clicks on the hotspots (country, action, deputy or
group, stops, topic, Add) and presses the same keys a player would (Enter, Space, Esc, F1).  Before the first
week's orders it asks the staff (A), adds their first suggestion with its button and takes it back.  A hotspot
scrolled out of sight is scrolled into view first, as a player would.  It types a name into the name prompt
("Autoplay demo"; a demonstration leaves the name remembered for the next player alone).  It takes a
screenshot the first time it reaches each screen.  In a scenario with a tutorial it takes each card the first
time it shows, and reads on (N) past a card without a task; the cards with one go on when the policy's own play
does what they ask.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.ai import make_policy
from game.engine import Kind


class AutoplayError(RuntimeError):
    pass


def autoplay_driver(app, policy_name: str, turns: int | None):
    policy = make_policy(policy_name)
    taken: set[str] = set()

    def shot(name: str):
        yield  # let the frame with the new screen be drawn first
        if name not in taken:
            taken.add(name)
            app.screenshot(name)

    def frames(n: int = 1):
        for _ in range(n):
            yield

    def key(k: int, mod: int = 0):
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0))
        yield from frames(2)

    def click(id: str):
        for _ in range(3):
            spot = app.hotspot(id)
            if spot is None:
                raise AutoplayError(f"autoplay: no '{id}' on the {app.top.name} screen")
            if spot.visible and spot.rect.height >= 4:
                break
            app.scroll_into_view(spot)
            yield from frames(2)
        if not spot.enabled:
            raise AutoplayError(f"autoplay: '{id}' is disabled on the {app.top.name} screen: {spot.tooltip}")
        pos = spot.rect.center
        cover = app.hotspot_at(pos)
        if cover is not spot:  # a player could not click it either
            above = cover.id if cover is not None else "nothing"
            raise AutoplayError(f"autoplay: '{id}' is under '{above}' on the {app.top.name} screen")
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
        yield from frames(2)

    def expect(name: str):
        for _ in range(30):
            if app.top.name == name:
                return
            yield
        raise AutoplayError(f"autoplay: expected the {name} screen, got {app.top.name}")

    def cards():
        """Each tutorial card on this screen, once; a card without a task is read and passed (N)."""
        tutorial = app.tutorial
        for _ in range(len(tutorial.steps) if tutorial is not None else 0):
            yield  # the frame with the card
            step = tutorial.shown(app.top)
            if step is None:
                return
            yield from shot(f"tutorial-{step.index + 1:02d}")
            if step.action is not None:
                return
            yield from key(pygame.K_n)

    yield from frames(2)
    yield from shot("title")
    yield from title_setup(app, key, shot)
    yield from key(pygame.K_RETURN)
    yield from expect("briefing")
    yield from shot("briefing")
    yield from key(pygame.K_RETURN)
    if app.top.name == "players":  # who plays: the demonstration types its name, as a student does
        yield from shot("players")
        if not app.top.missing():
            yield from key(pygame.K_BACKSPACE, pygame.KMOD_CTRL)  # a name left from an earlier game
        for ch in "Autoplay demo":
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=0, mod=0, unicode=ch, scancode=0))
        yield from frames(2)
        yield from shot("players-typed")
        yield from key(pygame.K_RETURN)
    yield from expect("map")
    play = app.top
    yield from shot("map-world")
    yield from cards()
    session = app.session
    rules = session.rules
    mv = app.mapview
    if mv is not None:
        yield from key(pygame.K_e)
        yield from shot("map-europe")
        yield from cards()
        c = rules.countries.index("DEU") if "DEU" in rules.countries else 0
        point = mv.screen_point(c)
        if point is not None:
            app.fake_mouse = (point[0] + play.rects["map"].x, point[1] + play.rects["map"].y)
            yield from frames(20)
            yield from shot("map-hover")
            app.fake_mouse = None
        yield from key(pygame.K_w)
    if not session.is_over:
        yield from staff(app, play, key, click, shot)
    played = 0
    while not session.is_over and (turns is None or played < turns):
        sheet = policy(session.scenario, session.state, session.player, session.dice)
        for order in sheet.orders:
            yield from build(app, play, order, click, taken)
            if len(session.pending.orders) == 0 or session.pending.orders[-1] != order:
                raise AutoplayError(f"autoplay: the order '{session.describe(order)}' was not queued")
            yield from cards()
        yield from shot("orders")
        yield from key(pygame.K_SPACE)
        if app.top.name == "confirm":  # the player's setting asks before a week ends: yes, as a player says
            yield from shot("confirm-end-week")
            yield from key(pygame.K_RETURN)
        yield from expect("report")
        yield from shot("turn-report")
        yield from cards()
        if "pause" not in taken:
            yield from key(pygame.K_ESCAPE)
            yield from expect("pause")
            yield from shot("pause")
            yield from click("save")
            yield from expect("saves")
            yield from shot("save-slots")
            yield from key(pygame.K_ESCAPE)
            yield from key(pygame.K_ESCAPE)
            yield from key(pygame.K_F1)
            yield from expect("help")
            yield from shot("help")
            yield from click("tab:keys")
            yield from shot("help-shortcuts")
            yield from key(pygame.K_F1)
            yield from expect("report")
        played += 1
        yield from key(pygame.K_RETURN)
        if session.is_over:
            yield from expect("debrief")
            yield from shot("debrief")
            yield from debrief_cards(app, cards, click, key, expect)
        else:
            yield from expect("map")
            yield from cards()
    yield from frames(2)


def title_setup(app, key, shot):
    """The title screen's new-game settings with the keyboard's focus (Tab), then the game-code box with a
    mistyped code and its one-line refusal; the box is emptied and the focus goes back to the list, so Enter
    starts the highlighted scenario with the settings it had (a game code's, with ``play --code``)."""
    title = app.top
    if title.entry is None or not title.entry.playable:
        return
    before = title.state()
    yield from key(pygame.K_TAB)
    if title.focus != "difficulty":
        raise AutoplayError(f"autoplay: Tab on the title screen focused '{title.focus}', not the settings")
    yield from shot("title-setup")
    yield from key(pygame.K_TAB, pygame.KMOD_SHIFT)
    yield from key(pygame.K_TAB, pygame.KMOD_SHIFT)
    if title.focus != "code":
        raise AutoplayError(f"autoplay: Shift+Tab on the title screen focused '{title.focus}', not the code box")
    for ch in "FTZ-123-XYZ-99":  # as a student might misread it from the board
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=ord(ch.lower()), mod=0, unicode=ch, scancode=0))
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=ord(ch.lower()), mod=0, unicode=ch, scancode=0))
    yield from key(pygame.K_RETURN)
    if app.top is not title or not title.code_error:
        raise AutoplayError("autoplay: a mistyped game code was not refused in the code box")
    yield from shot("title-code-error")
    yield from key(pygame.K_BACKSPACE, pygame.KMOD_CTRL)
    yield from key(pygame.K_ESCAPE)
    after = title.state()
    if title.focus != "list" or title.code_entry.text or after.get("game_code") != before.get("game_code"):
        raise AutoplayError("autoplay: leaving the code box changed the new game")


def debrief_cards(app, cards, click, key, expect):
    """The tutorial's debrief cards: one that asks to open a week's report gets it (the first week's), and the
    card after it - the result tiers - is taken on the way back."""
    yield from cards()
    step = app.tutorial.shown(app.top) if app.tutorial is not None else None
    if step is not None and step.action == "open_report":
        yield from click("week:0")
        yield from expect("report")
        yield from key(pygame.K_RETURN)
        yield from expect("debrief")
        yield from cards()


def staff(app, play, key, click, shot):
    """Ask your staff (A), wait for the answer, show it, add the first suggestion through its button and take
    it back (Backspace), so that the policy's own week is played unchanged."""
    session = app.session
    yield from key(pygame.K_a)
    for _ in range(120):
        if play.staff.status == "ready":
            break
        yield
    else:
        raise AutoplayError("autoplay: the staff did not answer")
    yield from shot("staff-advice")
    if not play.staff.suggestions:
        return
    before = len(session.pending.orders)
    suggested = play.staff.suggestions[0].order
    yield from click("advice:add:0")
    if len(session.pending.orders) != before + 1 or session.pending.orders[-1] != suggested:
        raise AutoplayError("autoplay: the staff's first suggestion was not queued")
    yield from shot("staff-advice-added")
    yield from key(pygame.K_BACKSPACE)
    if len(session.pending.orders) != before:
        raise AutoplayError("autoplay: the staff's suggestion could not be taken back")
    app.toasts.clear()  # "Queued" and "Taken back" belong to this demonstration, not to the next screenshots


def build(app, play, order, click, taken):
    """Build one order in the dossier the way a player does."""
    rules = app.session.rules
    if order.kind == Kind.MULTILATERAL:
        country = int(np.flatnonzero(rules.group_members[order.group])[0])
    elif not order.targets:  # talks with the rival: built from any dossier
        country = play.selected if play.selected is not None else play.order_list[0]
    else:
        country = order.targets[0]
    if play.tab != "countries":
        yield from click("tab:countries")
    yield from click(f"country:{rules.countries[country]}")
    if "dossier" not in taken:
        yield
        taken.add("dossier")
        app.screenshot("dossier")
    yield from click(f"kind:{order.kind.name.lower()}")
    if order.kind == Kind.DEPUTY_CALL and play.deputy != order.deputy:
        yield from click(f"deputy:{rules.deputies[order.deputy]}")
    if order.kind == Kind.MULTILATERAL and play.group != order.group:
        yield from click(f"group:{rules.groups[order.group]}")
    if order.kind == Kind.ENGAGE:
        who = "you" if order.deputy < 0 else rules.deputies[order.deputy]
        yield from click(f"engager:{who}")
    if order.kind == Kind.VISIT:
        for stop in order.targets[1:]:
            yield from click(f"stop:{rules.countries[stop]}")
    yield from click(f"topic:{rules.topics[order.topic]}")
    yield from click("add")
