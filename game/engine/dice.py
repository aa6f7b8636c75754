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


def _mix_into(x: np.ndarray) -> np.ndarray:
    """``_mix`` in place on an array we own: the same bits with one temporary instead of nine."""
    if np.ndim(x) == 0:
        return _mix(x)
    t = np.empty_like(x)
    with np.errstate(over="ignore"):
        x += _GOLDEN
        for shift, mul in ((30, _MUL1), (27, _MUL2)):
            np.right_shift(x, np.uint64(shift), out=t)
            x ^= t
            x *= mul
        np.right_shift(x, np.uint64(31), out=t)
        x ^= t
    return x


# The key of place ``i`` is mixed with its own constant before it enters the hash.  Keys are mostly small
# non-negative integers (an actor, an order x stop) repeated over thousands of rows, so their mixed values
# are looked up in a table, built once per (place, size), instead of being mixed row by row.
_KEY_CONST = 0x632BE59BD9B4E019
_KEY_TABLE_MAX = 1 << 18
_KEY_TABLES: dict[tuple[int, int], np.ndarray] = {}


def _key_mix(key, i: int) -> np.ndarray:
    """``_mix(key + c_i)`` for the key in place ``i`` (same bits, by table for small integer keys)."""
    arr = np.asarray(key)
    if arr.ndim and arr.size > 64 and arr.dtype.kind in "iu":
        low, top = int(arr.min()), int(arr.max())
        if low >= 0 and top < _KEY_TABLE_MAX:
            size = 1 << max(6, top.bit_length())
            table = _KEY_TABLES.get((i, size))
            if table is None:
                table = _mix(_as_u64(np.arange(size)) + np.uint64(_KEY_CONST + i))
                _KEY_TABLES[(i, size)] = table
            return table[arr]
    return _mix(_as_u64(key) + np.uint64(_KEY_CONST + i))


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

    def _prefix(self, game, turn: int, purpose: int, keys) -> np.ndarray:
        """The hash state after the seed, turn, purpose and ``keys`` (a fresh array the caller may own)."""
        game = np.asarray(game, dtype=np.int64)
        h = self.seeds[game] ^ _mix(_as_u64(turn) * np.uint64(0x100000001B3) + _as_u64(int(purpose)))
        for i, key in enumerate(keys):
            h = _mix_into(h ^ _key_mix(key, i))  # a new array (broadcasting may widen it), mixed in place
        return h

    def _bits(self, game, turn: int, purpose: int, *keys) -> np.ndarray:
        return _mix_into(self._prefix(game, turn, purpose, keys))

    def uniform(self, game, turn: int, purpose: int, *keys) -> np.ndarray:
        """Uniform draws in [0, 1), broadcast over the shapes of ``game`` and ``keys``."""
        bits = self._bits(game, turn, purpose, *keys)
        return (bits >> np.uint64(11)).astype(np.float64) / _TWO_POW_53

    def normal(self, game, turn: int, purpose: int, *keys) -> np.ndarray:
        """Standard normal draws (Box-Muller on two keyed uniforms)."""
        # The draws of keys + (1,) and keys + (2,), hashing the shared prefix once.
        h = self._prefix(game, turn, purpose, keys)
        n = len(keys)
        u1, u2 = (
            (_mix_into(_mix_into(h ^ _key_mix(last, n))) >> np.uint64(11)).astype(np.float64) / _TWO_POW_53
            for last in (1, 2)
        )
        return np.sqrt(-2.0 * np.log1p(-u1)) * np.cos(2.0 * np.pi * u2)
