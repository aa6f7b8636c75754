"""The desktop game (pygame-ce): the only package that imports pygame.

``run_game`` is what ``python -m game`` and ``python -m game play`` call; the command line imports this
package lazily so that ``simulate`` and ``validate`` never load pygame.
"""

from __future__ import annotations

import os
import sys


def run_game(
    scenario: str | None = None,
    seed: int | None = None,
    autoplay: str | None = None,
    turns: int | None = None,
    screenshots: str | None = None,
    direct: bool = False,
    size: tuple[int, int] | None = None,
    game_settings=None,
    replay: str | None = None,
) -> int:
    """Open the window and play; returns the exit code (0, or 1 when the scripted mode could not finish).
    ``game_settings`` (a game code's teacher settings) start the title screen's setup for ``scenario``."""
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        import pygame
    except ImportError as exc:  # pragma: no cover - pygame-ce is a dependency
        print(f"flood-the-zone: pygame-ce is not installed ({exc}); pip install pygame-ce", file=sys.stderr)
        return 1
    from .app import App

    try:
        app = App(
            scenario=scenario,
            seed=seed,
            autoplay=autoplay,
            turns=turns,
            screenshots=screenshots,
            direct=direct,
            size=size,
            game_settings=game_settings,
            replay=replay,
        )
    except pygame.error as exc:
        print(f"flood-the-zone: cannot open a window: {exc}", file=sys.stderr)
        return 1
    return app.run()


__all__ = ["run_game"]
