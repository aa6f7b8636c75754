"""Keyed, counter-based randomness for the engine.

Every draw is a pure function of (game seed, turn, purpose, key...): a splitmix64 hash evaluated on numpy
uint64 arrays.  We use this instead of one ``numpy.random.Generator`` per game because

* a batch of thousands of games needs one vectorised call per turn, and creating a Generator per game and
  turn costs more than the whole rules evaluation;
* a draw is addressed by its key, so adding a draw for one purpose can never shift another (the keyed
  substream contract), and the same game gives the same numbers whether it is played alone or in a batch.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MUL1 = np.uint64(0xBF58476D1CE4E5B9)
_MUL2 = np.uint64(0x94D049BB133111EB)
_TWO_POW_53 = float(2**53)


class Purpose(IntEnum):
    """What a draw is for; part of every key so that streams never overlap."""

    CONTACT_NOISE = 1
    EVENT_CHANCE = 2
    POLICY = 3
    RIVAL_POLICY = 4


def _mix(x: np.ndarray) -> np.ndarray:
    """The splitmix64 finaliser: a bijective avalanche on uint64 (wrapping arithmetic is intended)."""
    with np.errstate(over="ignore"):
        z = x + _GOLDEN
        z = (z ^ (z >> np.uint64(30))) * _MUL1
        z = (z ^ (z >> np.uint64(27))) * _MUL2
        return z ^ (z >> np.uint64(31))


def _as_u64(values) -> np.ndarray:
    return np.asarray(values, dtype=np.int64).astype(np.uint64)


class Dice:
    """Random numbers for a batch of games, one 64-bit seed per game."""

    __slots__ = ("seeds",)

    def __init__(self, seeds) -> None:
        seeds = np.atleast_1d(np.asarray(seeds, dtype=np.int64))
        if seeds.ndim != 1:
            raise ValueError("seeds must be a 1-D sequence of integers")
        self.seeds = _mix(seeds.astype(np.uint64))

    @classmethod
    def single(cls, seed: int) -> Dice:
        return cls([seed])

    @property
    def games(self) -> int:
        return int(self.seeds.shape[0])

    def subset(self, games) -> Dice:
        """Dice for a selection of games (keeps each game's own stream)."""
        out = object.__new__(Dice)
        out.seeds = self.seeds[np.asarray(games)]
        return out

    def _bits(self, game, turn: int, purpose: int, *keys) -> np.ndarray:
        game = np.asarray(game, dtype=np.int64)
        h = self.seeds[game] ^ _mix(_as_u64(turn) * np.uint64(0x100000001B3) + _as_u64(int(purpose)))
        for i, key in enumerate(keys):
            h = _mix(h ^ _mix(_as_u64(key) + np.uint64(0x632BE59BD9B4E019 + i)))
        return _mix(h)

    def uniform(self, game, turn: int, purpose: int, *keys) -> np.ndarray:
        """Uniform draws in [0, 1), broadcast over the shapes of ``game`` and ``keys``."""
        bits = self._bits(game, turn, purpose, *keys)
        return (bits >> np.uint64(11)).astype(np.float64) / _TWO_POW_53

    def normal(self, game, turn: int, purpose: int, *keys) -> np.ndarray:
        """Standard normal draws (Box-Muller on two keyed uniforms)."""
        u1 = self.uniform(game, turn, purpose, *keys, 1)
        u2 = self.uniform(game, turn, purpose, *keys, 2)
        return np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2)
