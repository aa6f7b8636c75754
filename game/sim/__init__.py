"""Playing whole games headless: one seeded game, or many, with tidy results.

``loop`` is the game loop every game goes through (a ``GameSpec``, ``resolve_week``, ``play``); ``settings``
the teacher settings it reads; ``batch`` the same games thousands at a time.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .batch import aggregate_batch, aggregate_runs, play_batch, run_batch
    from .loop import GameResult, GameSpec, play, resolve_week
    from .play import aggregate, play_game, summarize

# Loaded on first use (PEP 562), so that ``game.sim.settings`` -- the command line's choices of rivals -- is read
# without the engine and numpy: ``python -m game --version`` needs neither.
_HOMES = {
    "aggregate_batch": "batch",
    "aggregate_runs": "batch",
    "play_batch": "batch",
    "run_batch": "batch",
    "GameResult": "loop",
    "GameSpec": "loop",
    "play": "loop",
    "resolve_week": "loop",
    "aggregate": "play",
    "play_game": "play",
    "summarize": "play",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "GameResult",
    "GameSpec",
    "aggregate",
    "aggregate_batch",
    "aggregate_runs",
    "play",
    "play_batch",
    "play_game",
    "resolve_week",
    "run_batch",
    "summarize",
]
