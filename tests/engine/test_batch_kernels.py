"""The batch engine's fast helpers give exactly the numbers of the plain numpy they replace.

Each helper exists for speed only (see docs/performance.md); these cases pin that it changes no bit, on
tables shaped like a real week (repeated keys, empty tables, odd batch sizes).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from game.engine import Dice, initial_state
from game.engine.dice import Purpose, _mix, normal_from_bits
from game.engine.events import Work, writes_this_week
from game.engine.model import anchors
from game.engine.resolve import _prior_units, _spill_gap, _sum_by

from .worlds import W, engage, engage_rules, event, play_week, sheet, with_events


def _naive_prior(keys: np.ndarray, units: np.ndarray) -> np.ndarray:
    """Earlier rows of the same key, nearest first, as the engine defines the sum."""
    out = np.zeros(keys.size)
    for i in range(keys.size):
        for j in range(i - 1, -1, -1):
            if keys[j] == keys[i]:
                out[i] += units[j]
    return out


@pytest.mark.parametrize("size", [0, 1, 7, 300])
def test_prior_units_is_the_row_by_row_sum(size):
    rng = np.random.default_rng(size)
    keys = rng.integers(0, 40, size)
    units = rng.random(size) * 3
    assert _prior_units(keys, units, 40).tobytes() == _naive_prior(keys, units).tobytes()


def test_sum_by_adds_like_add_at_and_is_float_even_when_empty():
    rng = np.random.default_rng(1)
    index = rng.integers(0, 12, 500)
    weights = rng.normal(size=500)
    expected = np.zeros(12)
    np.add.at(expected, index, weights)
    assert _sum_by(index, weights, (3, 4)).tobytes() == expected.reshape(3, 4).tobytes()
    empty = _sum_by(np.zeros(0, dtype=np.int64), np.zeros(0), (2, 3))
    assert empty.dtype == np.float64 and not empty.any()


def _exact_gap(x: np.ndarray, spill: np.ndarray) -> np.ndarray:
    """``_spill_gap`` in rational arithmetic on the same grids, rounded once."""
    w = [[Fraction(round(v * 2**24), 2**24) for v in row] for row in spill]
    out = np.empty_like(x)
    for g, row in enumerate(x):
        xq = [Fraction(round(min(max(v, -(2**11)), 2**11) * 2**16), 2**16) for v in row]
        for i in range(len(row)):
            out[g, i] = float(sum(w[i][j] * (xq[j] - xq[i]) for j in range(len(row))))
    return out


@pytest.mark.parametrize("games", [1, 255, 256, 257, 700])
def test_spill_gap_is_exact_so_any_batch_gives_each_game_its_own_bits(games):
    rng = np.random.default_rng(games)
    x = rng.normal(scale=50, size=(games, 28))
    x[0, :3] = [1e6, -(2.0**11) - 0.3, 99.999999]  # past the exact range: cut there; near the end of the scale
    spill = rng.random((28, 28)) * (rng.random((28, 28)) < 0.4)
    spill /= np.maximum(spill.sum(axis=1, keepdims=True), 1.0)
    gap = _spill_gap(x, spill)
    assert all(_spill_gap(x[g : g + 1], spill).tobytes() == gap[g : g + 1].tobytes() for g in range(games))
    some = np.unique(np.r_[0, games - 1, rng.integers(0, games, 3)])
    assert gap[some].tobytes() == _exact_gap(x[some], spill).tobytes()
    # Within the scale, the grids change the gap by a hair.
    x = np.clip(x, -100.0, 100.0)
    assert np.max(np.abs(_spill_gap(x, spill) - (x @ spill.T - x * spill.sum(axis=1)))) < 1e-4


def test_dice_draws_are_the_keyed_hash_for_large_and_small_tables():
    """The shared prefix and the key tables are shortcuts: each draw is still the plain splitmix chain."""
    dice = Dice(np.arange(5))
    game = np.repeat(np.arange(5), 30)
    key = np.arange(150) * 7

    def plain(g, *keys, variate=0):
        lead = np.uint64(3) * np.uint64(0x100000001B3) + np.uint64(int(Purpose.CONTACT_NOISE) + (variate << 32))
        h = dice.seeds[g] ^ _mix(lead)
        for i, k in enumerate(keys):
            h = _mix(h ^ _mix(np.asarray(k).astype(np.uint64) + np.uint64(0x632BE59BD9B4E019 + i)))
        return _mix(h)

    u = dice.uniform(game, 3, Purpose.CONTACT_NOISE, 1, key)
    assert u.tobytes() == ((plain(game, 1, key) >> np.uint64(11)).astype(np.float64) / float(2**53)).tobytes()
    z = dice.normal(game, 3, Purpose.CONTACT_NOISE, 1, key)
    assert z.tobytes() == normal_from_bits(plain(game, 1, key, variate=1)).tobytes()
    # A scalar draw (no table, no array to mix in place) is the same number as its row in the batch.
    assert np.atleast_1d(dice.normal(2, 3, Purpose.CONTACT_NOISE, 1, 420)).tobytes() == z[60:61].tobytes()
    # Row by row actors (hashed once per game and actor, then gathered) give the plain chain too.
    actor = np.arange(150) % 3
    z = dice.normal(game, 3, Purpose.CONTACT_NOISE, actor, key)
    assert z.tobytes() == normal_from_bits(plain(game, actor, key, variate=1)).tobytes()


def test_events_copy_only_what_they_may_write():
    rules = with_events(event(0, 1, [("tie", {"countries": (0,), "tie": 0, "by": 0.1})]))
    state = initial_state(rules, 3)
    assert writes_this_week(rules, 0) == frozenset()
    assert writes_this_week(rules, 1) == {"ties"}
    work = Work.of(state, state.alignment, writes=writes_this_week(rules, 0))
    assert work.ties is state.ties and work.interest is state.interest
    with pytest.raises(ValueError):
        work.ties[0, 0, 0] = 1.0  # an undeclared write fails instead of changing last week's state
    assert Work.of(state, state.alignment, writes=writes_this_week(rules, 1)).ties is not state.ties


def test_anchors_are_reused_only_for_the_same_arrays():
    rules = engage_rules()
    state = initial_state(rules, 2)
    first = anchors(state, rules)
    assert anchors(state, rules) is first
    moved = state.evolve(anchor_offset=state.anchor_offset + 1.0)
    assert (anchors(moved, rules) == np.clip(first + 1.0, -100.0, 100.0)).all()


def test_a_week_with_talks_only_keeps_fractional_reactions():
    """No contact with any country (an empty contact table) must not turn the week's sums into integers."""
    rules = engage_rules()
    deputy = play_week(rules, initial_state(rules), sheet(W, engage(W, 1, deputy=1))).state
    assert deputy.alignment[0, :2].tolist() == [-1.5, 51.0]


@pytest.mark.parametrize("games", [1, 300])
def test_spill_gap_by_membership_classes_gives_the_bits_of_the_full_product(games):
    """200 countries in overlapping blocs (as in the General Assembly) go through the class path; it gives
    exactly the full product's bits, and the rational sum's."""
    from game.engine.resolve import _spill_classes, _spill_weights

    rng = np.random.default_rng(games)
    n = 200
    blocs = [rng.random(n) < share for share in (0.3, 0.15, 0.1, 0.05)]
    spill = np.zeros((n, n))
    for members, strength in zip(blocs, (0.6, 0.8, 0.3, 1.0)):
        idx = np.flatnonzero(members)
        for i in idx:
            spill[i, idx[idx != i]] += strength / (idx.size - 1)
    rows = spill.sum(axis=1, keepdims=True)
    spill = np.divide(spill, rows, out=np.zeros_like(spill), where=rows > 1.0) + spill * (rows <= 1.0)
    classes = _spill_classes(spill)
    assert classes is not None and len(classes.starts) <= 16
    x = rng.normal(scale=50, size=(games, n))
    x[0, :2] = [5e5, -99.99999]
    w = _spill_weights(spill)
    xq = np.rint(np.clip(x, -(2.0**11), 2.0**11) * 2.0**16) / 2.0**16
    assert _spill_gap(x, spill).tobytes() == (xq @ w - xq * w.sum(axis=0)).tobytes()
    assert _spill_gap(x[:1, :], spill)[:, :12].tobytes() == _exact_gap(x[:1], spill)[:, :12].tobytes()
