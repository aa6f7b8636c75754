"""What a part of a screen is: a drawing into a rectangle, and the input of what it drew; and the screen that
hands each click to the part that drew the button."""

from __future__ import annotations

import numpy as np
import pygame

from game.engine import Kind

from ..flow import Flow
from ..widgets import Ui


class Panel:
    """A part of the map screen.  The screen routes a hotspot's action to the panel that registered it (see
    :class:`PanelHost`) and offers each key to its panels in turn; handlers return what comes next."""

    def __init__(self, screen):
        self.screen = screen

    @property
    def app(self):
        return self.screen.app

    @property
    def session(self):
        return self.screen.app.session

    @property
    def rules(self):
        return self.screen.app.session.rules

    @property
    def draft(self):
        return self.screen.draft

    def draw(self, ui: Ui, rect: pygame.Rect) -> None:
        raise NotImplementedError

    def on_action(self, id: str, payload) -> Flow:
        return None

    def on_key(self, event: pygame.event.Event) -> Flow:
        return None


class PanelHost:
    """Mixed into a screen made of panels: the hotspots a panel registers while it draws are its own, and
    their actions go to it (no screen parses the prefixes of ids to find whose a click is)."""

    owners: dict[str, object]  # hotspot id -> its panel; the screen empties it when it starts drawing

    def drawn_by(self, panel, ui: Ui, draw, *args):
        """Call ``draw``; the hotspots it registers belong to ``panel`` (unless a panel drawn inside it took
        them first)."""
        start = len(ui.hotspots)
        result = draw(*args)
        for spot in ui.hotspots[start:]:
            self.owners.setdefault(spot.id, panel)
        return result

    def panel_action(self, id: str, payload) -> Flow:
        """Hand a hotspot's action to the panel that registered it."""
        owner = self.owners.get(id)
        return owner.on_action(id, payload) if owner is not None else None


def order_countries(rules, order) -> list[int]:
    """The countries an order reaches (a group call: every member)."""
    if order.kind == Kind.MULTILATERAL:
        return [int(c) for c in np.flatnonzero(rules.group_members[order.group])]
    return list(order.targets)
