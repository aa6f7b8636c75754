"""Playing whole games headless: one seeded game, or many, with tidy results."""

from .batch import aggregate_batch, run_batch
from .play import GameResult, aggregate, play_game, summarize

__all__ = ["GameResult", "aggregate", "aggregate_batch", "play_game", "run_batch", "summarize"]
