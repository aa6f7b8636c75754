"""Two-sided (hot-seat) play: the hand-over screens between the two players.

A week of a two-sided game: Washington's player gives orders on the map screen and ends the turn; a hand-over
screen hides everything ("Pass the computer to Moscow's player"); Moscow's player gives orders on the same map
screen, from Moscow's side; a second hand-over calls both players to the turn report.  The hand-over covers the
whole window (it is not a dialog over the map), so nothing of the side that just played stays in sight, and
each side's map screen is a fresh one: not even the dossier it had open is handed on.

A game loaded from a save (or the autosave) in the middle of a week goes on at the hand-over to whoever's turn
it is, never straight onto a side's orders.  The players' names are asked once, before the first week (the
name prompt, ``players.py``); the hand-over calls each player by name.
"""

from __future__ import annotations

import pygame

from game.classroom.words import possessive

from .. import theme as T
from ..flow import Flow, Open, Say, Switch
from ..screen import Screen
from ..widgets import Ui
from .common import backdrop, card, side_colour


class HandoverScreen(Screen):
    """``stage`` "turn": pass the computer to the side whose turn it is (``session.active``), called by its
    player's name.  ``stage`` "report": the week is resolved; both players look at the turn report."""

    name = "handover"

    def __init__(self, app, stage: str = "turn"):
        super().__init__(app)
        self.stage = stage
        session = app.session
        self.actor = session.active

    # ------------------------------------------------------------------------------------------ words

    def side(self, actor: int) -> str:
        return self.app.session.rules.labels.actors[actor]

    def headline(self) -> str:
        session = self.app.session
        if self.stage == "report":
            week = session.weeks[-1].record.turn + 1
            return "The crisis is over: call both players" if session.is_over else f"Week {week} is resolved"
        name = self.app.session.names.get(self.actor)
        return f"Pass the computer to {name or possessive(self.side(self.actor)) + ' player'}"

    def explanation(self) -> str:
        session = self.app.session
        me = self.side(self.actor)
        if self.stage == "report":
            return (
                "Both sides' orders resolved together. Both players: the turn report shows what each side did, "
                "what moved and why, and the news."
            )
        others = [a for a in session.humans if a != self.actor]
        other = self.side(others[0]) if others else ""
        if others and others[0] in session.submitted:
            return (
                f"{possessive(other)} orders are given and hidden. {possessive(me)} player: when "
                f"{possessive(other)} player is not looking, press Enter to see {possessive(me)} side of the map."
            )
        return (
            f"{me} gives its orders first this week, then hands over to {other}. {possessive(other)} player: "
            "please look away until the hand-over screen comes back."
        )

    # ---------------------------------------------------------------------------------------- actions

    def ready(self) -> Flow:
        if self.stage == "report":
            return Switch("map"), Open("report")
        name = self.app.session.names.get(self.actor)
        if name:
            return Switch("map"), Say(f"{name} plays {self.side(self.actor)}", "info", 2.5)
        return Switch("map")

    def on_action(self, id: str, payload) -> Flow:
        if id == "ready":
            return self.ready()
        if id == "menu":
            return Open("pause")
        return None

    def on_key(self, event) -> Flow:
        key = event.key
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.ready()
        if key == pygame.K_ESCAPE:
            return self.on_action("menu", None)
        return False

    def state(self) -> dict:
        session = self.app.session
        return {
            "handover_stage": self.stage,
            "handover_to": session.rules.actors[self.actor] if self.stage == "turn" else "both",
            "headline": self.headline(),
            "name": session.names.get(self.actor, "") if self.stage == "turn" else "",
        }

    # ------------------------------------------------------------------------------------------- draw

    def draw(self, ui: Ui) -> None:
        app = self.app
        session = app.session
        sc = session.scenario
        rules = session.rules
        w, h = app.size
        backdrop(app, ui)
        bw = min(ui.px(760), w - ui.px(80))
        pad = ui.px(32)
        inner = bw - 2 * pad
        explanation = self.explanation()
        body_h = ui.paragraph_height(inner, explanation, "regular", 16)
        name_h = ui.px(26) * len(session.humans) + ui.px(8)
        bh = ui.px(176) + body_h + name_h + ui.px(60)
        box = pygame.Rect((w - bw) // 2, max(ui.px(20), (h - bh) // 2), bw, bh)
        card(ui, box, (24, 30, 41))
        colour = side_colour(session, self.actor) if self.stage == "turn" else T.ACCENT
        ui.rect(pygame.Rect(box.x, box.y, box.width, ui.px(6)), colour, ui.px(3))
        x, y = box.x + pad, box.y + pad
        week = min(session.turn, rules.n_turns - 1) if self.stage == "turn" else session.weeks[-1].record.turn
        label = sc.week_label(week).removeprefix("week of ")
        kicker = f"Two players · week {week + 1} of {rules.n_turns} · {label}"
        ui.text((x, y), kicker.upper(), "semibold", 13, T.ACCENT, max_width=inner)
        y += ui.px(30)
        lines = ui.wrap(self.headline(), "bold", 30, inner)[:2]
        for line in lines:
            r = ui.text((x, y), line, "bold", 30, T.TEXT, max_width=inner)
            y = r.bottom
        y += ui.px(12)
        y = ui.paragraph(x, y, inner, explanation, size=16, color=T.TEXT_DIM) + ui.px(18)
        y = self._players(ui, x, y, inner)
        by = box.bottom - pad - ui.px(48)
        ready = (
            f"Ready: show {possessive(self.side(self.actor))} orders"
            if self.stage == "turn"
            else "Show the turn report"
        )
        ui.button(
            "ready",
            pygame.Rect(box.right - pad - ui.px(330), by, ui.px(330), ui.px(48)),
            ready,
            kind="primary",
            hint="Enter",
            size=16,
        )
        ui.button("menu", pygame.Rect(x, by, ui.px(120), ui.px(48)), "Menu", kind="ghost", hint="Esc")

    def _players(self, ui: Ui, x: int, y: int, width: int) -> int:
        session = self.app.session
        for actor in session.humans:
            name = session.names.get(actor, "")
            side = self.side(actor)
            ui.rect(pygame.Rect(x, y + ui.px(4), ui.px(12), ui.px(12)), side_colour(session, actor), 3)
            ui.text((x + ui.px(20), y), side, "semibold", 15, T.TEXT)
            ui.text((x + ui.px(150), y), name or "—", "regular", 15, T.TEXT_DIM, max_width=width - ui.px(150))
            y += ui.px(26)
        return y
