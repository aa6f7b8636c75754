"""Who is playing: the name of each player (required) and the class (optional), asked before the first week.

Every game asks it - one player or two on one machine (hot seat: both names here, once, instead of at each
hand-over) - except the tutorial, which is practice and is never handed in.  A game loaded from a save made
before names were asked asks it too, before it goes on.  The names go into the session (and so the autosave,
the replay, the debrief, the reports and the hand-in file's name); the first player's name and the class are
remembered in the window's settings and offered for the next game, where a student at their own machine
presses Enter and plays.

What is typed is cleaned as every name is (``session.clean_name``: no control or direction characters, at most
40 characters); letters of any script are welcome.
"""

from __future__ import annotations

import pygame

from game.classroom.words import possessive
from game.session import CLASS_LIMIT, NAME_LIMIT, clean_name

from .. import paths
from .. import theme as T
from ..flow import Flow, Open, Say, Switch
from ..screen import Screen
from ..widgets import TextEntry, Ui
from .common import backdrop, card, side_colour


def needs_players(session) -> bool:
    """Does this game still have to ask who plays?  (Not the tutorial, not a finished game.)"""
    if session is None or session.is_over:
        return False
    if session.scenario.tutorial and not session.two_sided:
        return False
    return any(not session.names.get(a) for a in session.humans)


class PlayersScreen(Screen):
    """The name prompt: one field per person (the sides in play order), then the class; Tab, ↑ ↓ move between
    them, Enter goes on once every name is there."""

    name = "players"

    def __init__(self, app):
        super().__init__(app)
        session = app.session
        remembered = app.settings.get("player_name", "")
        self.sides = list(session.humans)
        self.entries: dict[str, TextEntry] = {}
        for i, actor in enumerate(self.sides):
            known = session.names.get(actor) or (remembered if i == 0 else "")
            self.entries[f"name:{actor}"] = TextEntry(known, max_length=NAME_LIMIT)
        self.entries["class"] = TextEntry(session.class_name or app.settings.get("class_name", ""), CLASS_LIMIT)
        self.order = list(self.entries)
        # The cursor goes to the first name still to type (with a remembered name: the class, then Enter).
        empty = [k for k in self.order[:-1] if not clean_name(self.entries[k].text)]
        self.focus = empty[0] if empty else self.order[0]

    def on_enter(self) -> None:
        pygame.key.start_text_input()

    # ------------------------------------------------------------------------------------------ words

    def side(self, actor: int) -> str:
        return self.app.session.rules.labels.actors[actor]

    def missing(self) -> list[str]:
        """The fields of names not typed yet, in order."""
        return [k for k in self.order if k.startswith("name:") and not clean_name(self.entries[k].text)]

    # ---------------------------------------------------------------------------------------- actions

    def start(self) -> Flow:
        missing = self.missing()
        if missing:
            self.focus = missing[0]
            actor = int(missing[0].split(":")[1])
            who = "your name" if len(self.sides) == 1 else f"the name of {possessive(self.side(actor))} player"
            self.app.toast(f"Type {who} first: it goes on the game you hand in", "bad")
            return True
        app, session = self.app, self.app.session
        for actor in self.sides:
            session.names[actor] = clean_name(self.entries[f"name:{actor}"].text)
        session.class_name = clean_name(self.entries["class"].text, CLASS_LIMIT)
        if not app.demo:  # a scripted demonstration is nobody: the next player's prefill stays theirs
            app.settings["player_name"] = session.names[self.sides[0]]
            app.settings["class_name"] = session.class_name
            problem = paths.store_settings(app.settings)
            if problem:  # the names are in the game all the same; only next game's prefill is lost
                app.toast(f"The name will not be remembered: {problem}", "bad", 5)
        players = " and ".join(session.names[a] for a in self.sides)
        return Switch("game"), Say(f"Good luck, {players}", "info", 2.5)

    def move(self, step: int) -> None:
        i = self.order.index(self.focus)
        self.focus = self.order[(i + step) % len(self.order)]

    def on_action(self, id: str, payload) -> Flow:
        if id == "start":
            return self.start()
        if id == "briefing":
            return Switch("briefing")
        if id in self.entries:
            self.focus = id
            return True
        if id.startswith("clear:") and id[6:] in self.entries:
            self.focus = id[6:]
            self.entries[self.focus].set("")
        return None

    def on_key(self, event) -> Flow:
        key = event.key
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.start()
        if key == pygame.K_ESCAPE:
            return Open("pause")
        if key == pygame.K_TAB:
            self.move(-1 if event.mod & pygame.KMOD_SHIFT else 1)
            return True
        if key in (pygame.K_UP, pygame.K_DOWN):
            self.move(-1 if key == pygame.K_UP else 1)
            return True
        # Every other key is typing: F1 for help stays the app's.
        return True if self.entries[self.focus].handle_key(event) else key != pygame.K_F1

    def state(self) -> dict:
        return {
            "focus": self.focus,
            "names": {self.app.session.rules.actors[a]: self.entries[f"name:{a}"].text for a in self.sides},
            "class": self.entries["class"].text,
        }

    # ------------------------------------------------------------------------------------------- draw

    def draw(self, ui: Ui) -> None:
        app = self.app
        session = app.session
        w, h = app.size
        backdrop(app, ui)
        bw = min(ui.px(720), w - ui.px(80))
        pad = ui.px(32)
        inner = bw - 2 * pad
        field_h = ui.px(44)
        rows = len(self.order)
        bh = ui.px(150) + rows * (field_h + ui.px(40)) + ui.px(150)
        box = pygame.Rect((w - bw) // 2, max(ui.px(20), (h - bh) // 2), bw, min(bh, h - ui.px(40)))
        card(ui, box, (24, 30, 41))
        ui.rect(pygame.Rect(box.x, box.y, box.width, ui.px(6)), T.ACCENT, ui.px(3))
        x, y = box.x + pad, box.y + pad
        week = session.turn + 1
        kicker = f"{session.scenario.doc.title} · before week {week}"
        ui.text((x, y), kicker.upper(), "semibold", 13, T.ACCENT, max_width=inner)
        y += ui.px(28)
        two = len(self.sides) > 1
        ui.text((x, y), "Who is playing?", "bold", 30, T.TEXT, max_width=inner)
        y += ui.px(48)
        why = (
            "Your name goes on the game you hand in: the replay, the debrief and your teacher's report. "
            if not two
            else "Both names go on the game you hand in: the replay, the debrief and your teacher's report. "
        )
        y = ui.paragraph(x, y, inner, why + "The class is optional.", size=15, color=T.TEXT_DIM) + ui.px(16)
        for key in self.order:
            if key == "class":
                label, colour, hint = "Class (optional)", T.TEXT_DIM, "e.g. 9B"
            else:
                actor = int(key.split(":")[1])
                label = f"{possessive(self.side(actor))} player" if two else "Your name"
                colour, hint = side_colour(session, actor) if two else T.TEXT, "first and last name"
            ui.text((x, y), label, "semibold", 14, colour)
            y += ui.px(24)
            field = pygame.Rect(x, y, inner - ui.px(96), field_h)
            self.entries[key].draw(ui, key, field, self.focus == key, hint, size=18, tooltip=f"{label}: type here")
            ui.button(
                f"clear:{key}",
                pygame.Rect(field.right + ui.px(8), y, ui.px(88), field_h),
                "Clear",
                enabled=bool(self.entries[key].text),
                reason="clear the field (Ctrl+Backspace)",
                size=13,
            )
            y = field.bottom + ui.px(16)
        ui.paragraph(
            x,
            y,
            inner,
            f"At most {NAME_LIMIT} characters, any alphabet. Tab moves to the next field; the name is remembered "
            "for the next game on this computer.",
            size=12,
            color=T.TEXT_FAINT,
        )
        by = box.bottom - pad - ui.px(48)
        missing = self.missing()
        ui.button(
            "start",
            pygame.Rect(box.right - pad - ui.px(260), by, ui.px(260), ui.px(48)),
            f"Start week {week}",
            kind="primary",
            hint="Enter",
            size=16,
            enabled=not missing,
            reason="type every player's name first" if missing else "",
        )
        ui.button("briefing", pygame.Rect(x, by, ui.px(190), ui.px(48)), "Back to briefing", kind="ghost")
