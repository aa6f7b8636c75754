"""The question asked before something that cannot be taken back: a new game over an unfinished one, quitting
with this week's orders drafted, ending a week (when the player's setting asks for it)."""

from __future__ import annotations

import pygame

from .. import theme as T
from ..flow import Back, Flow
from ..widgets import Ui
from .common import Dialog


class ConfirmScreen(Dialog):
    """Asks before something that cannot be taken back (a new game over an unfinished one, quitting with orders
    drafted, ending a week): ``action`` runs only on yes (Enter, Space or its button); Esc or No leaves
    everything as it was."""

    name = "confirm"
    width = 560

    def __init__(self, app, title: str, body: str, yes: str, action, no: str = "Back", extra=None):
        super().__init__(app)
        self.title, self.body, self.yes, self.no, self.action = title, body, yes, no, action
        self.extra = extra  # (id, label, callable): a third choice, such as "don't ask again"

    def on_action(self, id: str, payload) -> Flow:
        if id == "yes":
            return Back(), self.action()
        if id == "no":
            return Back()
        if self.extra is not None and id == self.extra[0]:
            return Back(), self.extra[2]()
        return None

    def on_key(self, event) -> Flow:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.on_action("yes", None)
        return super().on_key(event)

    def state(self) -> dict:
        return {"confirm_title": self.title, "confirm": self.body}

    def draw(self, ui: Ui) -> None:
        pad = ui.px(26)
        width = ui.px(self.width) - 2 * pad
        body_h = ui.paragraph_height(width, self.body, "regular", 14)
        rect = self.box(ui, ui.px(150) + body_h)
        x, y = rect.x + pad, rect.y + pad
        ui.rect(pygame.Rect(rect.x, rect.y + ui.px(10), ui.px(4), rect.height - ui.px(20)), T.ACCENT)
        ui.text((x, y), self.title, "bold", 20, T.TEXT, max_width=rect.width - 2 * pad)
        ui.paragraph(x, y + ui.px(40), rect.width - 2 * pad, self.body, size=14, color=T.TEXT_DIM)
        by, bh = rect.bottom - pad - ui.px(40), ui.px(40)
        yes_w = max(ui.px(150), ui.width_of(self.yes, "semibold", 14) + ui.px(80))
        ui.button("yes", pygame.Rect(rect.right - pad - yes_w, by, yes_w, bh), self.yes, kind="primary", hint="Enter")
        no_w = max(ui.px(100), ui.width_of(self.no, "semibold", 14) + ui.px(60))
        ui.button("no", pygame.Rect(rect.right - pad - yes_w - ui.px(10) - no_w, by, no_w, bh), self.no, hint="Esc")
        if self.extra is not None:
            id, label, _ = self.extra
            ui.button(
                id, pygame.Rect(x, by, ui.width_of(label, "regular", 13) + ui.px(30), bh), label, kind="ghost", size=13
            )
