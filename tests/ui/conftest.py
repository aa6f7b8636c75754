"""UI tests draw real frames with SDL's dummy video driver (no window, same drawing code)."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"  # before pygame is imported anywhere
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest  # noqa: E402

SIZES = [(1280, 720), (1920, 1080)]


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A fresh per-user data folder for each test."""
    folder = tmp_path / "home"
    monkeypatch.setenv("FLOOD_THE_ZONE_HOME", str(folder))
    # The player's confirmation of each week's end is tested on its own; elsewhere Space ends the week at once.
    # A name is remembered from an earlier game, so the name prompt before week 1 takes one Enter.
    folder.mkdir(parents=True)
    settings = '{"confirm_end_turn": false, "player_name": "Test Player"}'
    (folder / "settings.json").write_text(settings, encoding="utf-8")
    monkeypatch.delenv("FLOOD_THE_ZONE_TEST_STATE", raising=False)
    return folder


@pytest.fixture
def make_app(home):
    import pygame

    from game.ui.app import App

    apps = []

    def make(size=(1280, 720), **kwargs):
        # The picker lists the tutorial first; the screen tests play Flood the Zone unless they name another.
        kwargs.setdefault("scenario", "flood_the_zone")
        app = App(size=size, seed=kwargs.pop("seed", 3), **kwargs)
        apps.append(app)
        return app

    yield make
    pygame.display.quit()


def frames(app, n: int = 1) -> None:
    """Run ``n`` frames without waiting for the clock."""
    for _ in range(n):
        app.step()


def click(app, id: str) -> None:
    """Click a hotspot with real mouse events, as a player does (scrolling it into view first)."""
    import pygame

    frames(app)
    spot = app.hotspot(id)
    assert spot is not None, f"no hotspot {id!r} on {app.top.name}: {[h.id for h in app.hotspots][:40]}"
    if not spot.visible or spot.rect.height < 4:
        app.scroll_into_view(spot)
        frames(app)
        spot = app.hotspot(id)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=spot.rect.center, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=spot.rect.center, button=1))
    frames(app)


def key(app, k: int, mod: int = 0) -> None:
    import pygame

    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=k, mod=mod, unicode="", scancode=0))
    frames(app)


def drawn(surface) -> int:
    """How many distinct colours a frame has (a blank or broken screen has one or two)."""
    import numpy as np
    import pygame

    pixels = pygame.surfarray.array3d(surface)[::4, ::4].reshape(-1, 3)
    return len(np.unique(pixels.astype(np.int64) @ np.array([65536, 256, 1])))


def name_players(app) -> None:
    """On the name prompt (before week 1), keep the remembered name, give any other player one, and start."""
    import pygame

    if app.top.name != "players":
        return
    for field in app.top.missing():
        app.top.entries[field].set(f"Player {field.split(':')[1]}")
    key(app, pygame.K_RETURN)


def take_office(app) -> None:
    """The briefing's Enter, then the name prompt's (the remembered name): the first week's screen."""
    import pygame

    key(app, pygame.K_RETURN)
    name_players(app)
