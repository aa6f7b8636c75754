"""The base of every screen (kept apart from the app, so that screens never import the app that shows them)."""

from __future__ import annotations

import pygame

from .flow import Flow
from .widgets import Ui


class Screen:
    """A screen draws (``draw``: the static layer; ``overlay``: every frame) and handles input
    (``on_action`` for hotspots, ``on_key``, ``on_event`` for the rest).  Handlers talk to the Session and
    return what comes next (``game/ui/flow.py``); the app applies it."""

    name = "screen"
    modal = False  # drawn over the screen below, which is dimmed

    def __init__(self, app):
        self.app = app

    def draw(self, ui: Ui) -> None:
        raise NotImplementedError

    def overlay(self, surface: pygame.Surface, mouse: tuple[int, int]) -> list[pygame.Rect] | None:
        """Per-frame drawing over the static layer; returns the rectangles it drew on."""
        return None

    def on_action(self, id: str, payload) -> Flow:
        return None

    def on_key(self, event: pygame.event.Event) -> Flow:
        return None

    def on_event(self, event: pygame.event.Event) -> Flow:
        return None

    def on_enter(self) -> None:
        pass

    def toast_region(self) -> pygame.Rect | None:
        """Where toasts may go without hiding what the player needs (None: above the bottom of the window)."""
        return None

    def wants_frames(self) -> bool:
        """True while the screen animates its per-frame layer."""
        return False

    def after_frame(self) -> None:
        """Slow work the screen put off until the frame announcing it was on the display (the staff's advice
        draws "thinking" first, then computes here, so the window never freezes without a word)."""

    def state(self) -> dict:
        """What the test-state file reports about this screen."""
        return {}
