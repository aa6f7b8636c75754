"""Playing whole games headless: one seeded game, or many, with tidy results.

``loop`` is the game loop every game goes through (a ``GameSpec``, ``resolve_week``, ``play``); ``settings``
the teacher settings it reads; ``batch`` the same games thousands at a time.
"""

from .batch import aggregate_batch, aggregate_runs, play_batch, run_batch
from .loop import GameResult, GameSpec, play, resolve_week
from .play import aggregate, play_game, summarize

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
