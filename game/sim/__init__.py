"""Playing whole games headless: one seeded game, or many, with tidy results."""

from .play import GameResult, aggregate, play_game, summarize

__all__ = ["GameResult", "aggregate", "play_game", "summarize"]
