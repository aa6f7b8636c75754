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
from statistics import NormalDist

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


def _small_first_key(game: np.ndarray, keys, games: int) -> int | None:
    """The largest value of the first key when it is an array of small non-negative integers row for row
    with ``game``, so that (game, key) pairs are fewer than the rows; else None."""
    if not keys or game.size <= 64:
        return None
    key = keys[0]
    if not isinstance(key, np.ndarray) or key.shape != game.shape or key.dtype.kind not in "iu":
        return None
    low, top = int(key.min()), int(key.max())
    if low < 0 or games * (top + 1) > game.size:
        return None
    return top


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

    def _prefix(self, game, turn: int, purpose: int, keys, variate: int = 0) -> np.ndarray:
        """The hash state after the seed, turn, purpose and ``keys`` (a fresh array the caller may own).
        ``variate`` tells uniform (0) and normal (1) draws apart, so the two never share a stream."""
        game = np.asarray(game, dtype=np.int64)
        lead = _as_u64(turn) * np.uint64(0x100000001B3) + _as_u64(int(purpose) + (variate << 32))
        head = self.seeds ^ _mix(lead)
        first = _small_first_key(game, keys, self.games)
        if first is None:
            h = head[game]
            done = 0
        else:
            # A table row per game and value of the first key (an actor, say), hashed once and gathered:
            # the same bits as hashing every row, for a fraction of the work.
            width = first + 1
            grid = _mix_into(head[:, None] ^ _key_mix(np.arange(width), 0)[None, :])
            h = grid.reshape(-1)[game * width + keys[0]]
            done = 1
        for i in range(done, len(keys)):
            h = _mix_into(h ^ _key_mix(keys[i], i))  # a new array (broadcasting may widen it), mixed in place
        return h

    def _bits(self, game, turn: int, purpose: int, *keys) -> np.ndarray:
        return _mix_into(self._prefix(game, turn, purpose, keys))

    def words(self, game, turn: int, purpose: int, *keys) -> np.ndarray:
        """Uniform 64-bit draws (uint64), broadcast like ``uniform``: the hash ``uniform`` scales to [0, 1)."""
        return self._bits(game, turn, purpose, *keys)

    def uniform(self, game, turn: int, purpose: int, *keys) -> np.ndarray:
        """Uniform draws in [0, 1), broadcast over the shapes of ``game`` and ``keys``."""
        bits = self._bits(game, turn, purpose, *keys)
        return (bits >> np.uint64(11)).astype(np.float64) / _TWO_POW_53

    def normal(self, game, turn: int, purpose: int, *keys) -> np.ndarray:
        """Standard normal draws: the normal quantile of one keyed hash (``normal_from_bits``)."""
        return normal_from_bits(_mix_into(self._prefix(game, turn, purpose, keys, variate=1)))


# A normal draw is the standard normal quantile function at a uniform taken from one 64-bit hash: the top
# ``_CELL_BITS`` bits pick one of 4,096 cells of equal probability, the other 52 bits the place within it.
# Inside a cell the quantile is interpolated linearly between the exact quantiles at its ends; the
# ``_TAIL_CELLS`` outer cells on each side (z beyond -2.66 or 2.66, 0.8% of draws) are computed exactly.
# This replaces Box-Muller (two hashes, a log and a cosine per draw: cos alone cost 9 ns a draw) by a shift,
# two table reads and a multiply-add.  Its distribution differs from the normal by at most 2e-6 in the CDF
# and 0.04% in any tail probability, and reaches out to |z| = 9.2 (tests/engine/test_dice_normal.py).
_CELL_BITS = 12
_CELLS = 1 << _CELL_BITS
_TAIL_CELLS = 16
_FRACTION = np.uint64((1 << (64 - _CELL_BITS)) - 1)
_ONE_BITS = np.uint64(0x3FF0000000000000)  # 1.0 as float64 bits: mantissa bits OR'd in give [1, 2)
_HALF_ULP_BELOW_ONE = 1.0 - 2.0**-53  # from [1, 2): each of a cell's 2^52 places stands for its middle, in (0, 1)


def _quantile_cells() -> tuple[np.ndarray, np.ndarray]:
    """Per cell, the quantile at its lower end and its width; NaN in the outer cells (computed exactly)."""
    inv = NormalDist().inv_cdf
    ends = np.array([np.nan] + [inv(i / _CELLS) for i in range(1, _CELLS)] + [np.nan])
    low, width = ends[:-1].copy(), np.diff(ends)
    outer = np.r_[0:_TAIL_CELLS, _CELLS - _TAIL_CELLS : _CELLS]
    low[outer] = width[outer] = np.nan
    low.flags.writeable = width.flags.writeable = False
    return low, width


_CELL_LOW, _CELL_WIDTH = _quantile_cells()


def _tail_quantile(p: np.ndarray) -> np.ndarray:
    """``-inverse normal CDF(p)`` for 0 < p < 0.075: the tail branch of Wichura's AS241 (as Python's
    ``statistics.NormalDist.inv_cdf``), accurate to about 1e-16."""
    r = np.sqrt(-np.log(p))
    x = _ratio(r - 1.6, _AS241_NUM_NEAR, _AS241_DEN_NEAR)
    far = np.flatnonzero(r > 5.0)  # p below 1.4e-11
    if far.size:
        x[far] = _ratio(r[far] - 5.0, _AS241_NUM_FAR, _AS241_DEN_FAR)
    return x


def _ratio(s: np.ndarray, num: tuple[float, ...], den: tuple[float, ...]) -> np.ndarray:
    top, bottom = np.full_like(s, num[0]), np.full_like(s, den[0])
    for a, b in zip(num[1:], den[1:]):
        top *= s
        top += a
        bottom *= s
        bottom += b
    return top / bottom


_AS241_NUM_NEAR = (
    7.74545014278341407640e-4, 2.27238449892691845833e-2, 2.41780725177450611770e-1, 1.27045825245236838258e0,
    3.64784832476320460504e0, 5.76949722146069140550e0, 4.63033784615654529590e0, 1.42343711074968357734e0,
)  # fmt: skip
_AS241_DEN_NEAR = (
    1.05075007164441684324e-9, 5.47593808499534494600e-4, 1.51986665636164571966e-2, 1.48103976427480074590e-1,
    6.89767334985100004550e-1, 1.67638483018380384940e0, 2.05319162663775882187e0, 1.0,
)  # fmt: skip
_AS241_NUM_FAR = (
    2.01033439929228813265e-7, 2.71155556874348757815e-5, 1.24266094738807843860e-3, 2.65321895265761230930e-2,
    2.96560571828504891230e-1, 1.78482653991729133580e0, 5.46378491116411436990e0, 6.65790464350110377720e0,
)  # fmt: skip
_AS241_DEN_FAR = (
    2.04426310338993978564e-15, 1.42151175831644588870e-7, 1.84631831751005468180e-5, 7.86869131145613259100e-4,
    1.48753612908506148525e-2, 1.36929880922735805310e-1, 5.99832206555887937690e-1, 1.0,
)  # fmt: skip


def normal_from_bits(bits) -> np.ndarray:
    """Standard normal draws from uniform 64-bit hashes (consumes ``bits`` when it is an array)."""
    shape = np.shape(bits)
    bits = np.asarray(bits, dtype=np.uint64).reshape(-1)
    cell = (bits >> np.uint64(64 - _CELL_BITS)).view(np.int64)
    bits &= _FRACTION
    bits |= _ONE_BITS
    frac = bits.view(np.float64)
    frac -= _HALF_ULP_BELOW_ONE
    z = np.take(_CELL_WIDTH, cell)
    z *= frac
    z += np.take(_CELL_LOW, cell)
    outer = np.flatnonzero(np.isnan(z))
    if outer.size:
        c, f = cell[outer], frac[outer]
        upper = c >= _CELLS // 2
        # The tail probability beyond the draw, counted from whichever end the cell is nearer.
        p = np.where(upper, (_CELLS - 1 - c) + (1.0 - f), c + f) / _CELLS
        x = _tail_quantile(p)
        z[outer] = np.where(upper, x, -x)
    return z.reshape(shape) if shape else z[0]
