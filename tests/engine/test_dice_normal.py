"""The luck of a contact is a standard normal draw (docs/rules.md, "Luck"): its mean, spread, shape and tails.

``Dice.normal`` takes the normal quantile of one keyed 64-bit hash by table and interpolation, with the outer
tails computed exactly (engine/dice.py).  These checks are statistical, on fixed seeds, with bands of about
4.5 standard errors, so they test the distribution and not one lucky draw.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

from game.engine import Dice
from game.engine.dice import Purpose, normal_from_bits

N = 1 << 21
STD_NORMAL = NormalDist()


def _draws(seed: int = 2024, n: int = N) -> np.ndarray:
    return Dice.single(seed).normal(0, 0, Purpose.CONTACT_NOISE, 5, np.arange(n))


def test_mean_variance_skew_and_kurtosis_are_the_standard_normal_ones():
    z = _draws()
    assert np.all(np.isfinite(z))
    n = z.size
    assert abs(z.mean()) < 4.5 / math.sqrt(n)
    assert abs(z.var() - 1.0) < 4.5 * math.sqrt(2.0 / n)
    assert abs(np.mean(z**3)) < 4.5 * math.sqrt(15.0 / n)
    assert abs(np.mean(z**4) - 3.0) < 4.5 * math.sqrt(96.0 / n)


def test_tail_probabilities_match_the_normal_ones():
    """Both tails, out to 4 standard deviations (where the draws are computed exactly, not from the table)."""
    z = np.concatenate([_draws(seed) for seed in (1, 2, 3, 4)])
    n = z.size
    for t in (1.0, 2.0, 2.5, 3.0, 3.5, 4.0):
        p = 1.0 - STD_NORMAL.cdf(t)
        band = 4.5 * math.sqrt(p * (1.0 - p) / n) + 1.0 / n
        assert abs(np.mean(z > t) - p) < band, t
        assert abs(np.mean(z < -t) - p) < band, -t


def test_shape_by_chi_square_over_64_cells_of_equal_probability():
    z = _draws(seed=77)
    edges = np.array([STD_NORMAL.inv_cdf(i / 64) for i in range(1, 64)])
    counts = np.bincount(np.searchsorted(edges, z), minlength=64)
    expected = z.size / 64
    chi2 = float(((counts - expected) ** 2 / expected).sum())
    assert chi2 < 103.4  # 63 degrees of freedom, 99.9th percentile


def test_the_quantile_function_is_the_normal_one_across_every_cell():
    """For hashes spread over all 4,096 cells and the whole of each cell, the draw is the normal quantile of
    the uniform the hash stands for: exact in the outer cells, within 2e-6 in probability elsewhere, and
    increasing with the hash."""
    places = np.array([0, 1, 2**20, 2**40, 2**50, 2**51, 3 * 2**50, 2**52 - 2, 2**52 - 1], dtype=np.uint64)
    cell = np.repeat(np.arange(4096, dtype=np.uint64), places.size)
    within = np.tile(places, 4096)
    z = normal_from_bits((cell << np.uint64(52)) | within)
    # Increasing; neighbouring hashes (2^-64 apart in probability) may round to the same float.
    assert np.all(np.diff(z) >= 0) and np.all(np.diff(z[cell.astype(bool) & (within == 2**51)]) > 0)
    # No jump where one cell ends and the next begins (nor between the table and the exact tails).
    assert np.max(z[places.size :: places.size] - z[places.size - 1 : -1 : places.size]) < 1e-12
    # The probability below the draw (lower half) or above it (upper half), counted from the nearer end.
    below = (cell.astype(np.float64) + (within.astype(np.float64) + 0.5) / 2.0**52) / 4096
    above = ((4095 - cell).astype(np.float64) + (2.0**52 - within.astype(np.float64) - 0.5) / 2.0**52) / 4096
    lower = cell < 2048
    tail = np.where(lower, below, above)
    signed = np.where(lower, z, -z)
    assert np.max(np.abs(np.array([STD_NORMAL.cdf(v) for v in signed]) - tail)) < 2e-6
    outer = (cell < 16) | (cell >= 4096 - 16)
    exact = np.array([STD_NORMAL.inv_cdf(p) for p in tail[outer]])
    assert np.max(np.abs(signed[outer] - exact)) < 1e-9
    # The extreme hashes are far in the tails, finite and symmetric.
    ends = normal_from_bits(np.array([0, 2**64 - 1], dtype=np.uint64))
    assert ends[0] == -ends[1] and 9.0 < ends[1] < 9.5


def test_a_scalar_draw_is_the_same_number_as_in_an_array():
    dice = Dice.single(9)
    row = dice.normal(0, 4, Purpose.CONTACT_NOISE, 1, np.arange(10))
    assert np.float64(dice.normal(0, 4, Purpose.CONTACT_NOISE, 1, 6)).tobytes() == row[6:7].tobytes()
    assert np.shape(dice.normal(0, 4, Purpose.CONTACT_NOISE, 1, 6)) == ()


def test_normal_and_uniform_draws_with_the_same_keys_are_independent():
    dice = Dice.single(3)
    u = dice.uniform(0, 2, Purpose.CONTACT_NOISE, 1, np.arange(50_000))
    z = dice.normal(0, 2, Purpose.CONTACT_NOISE, 1, np.arange(50_000))
    # Had both come from one hash, the normal's uniform would be the uniform itself (correlation 1).
    z_uniform = np.array([STD_NORMAL.cdf(v) for v in z])
    assert abs(np.corrcoef(u, z_uniform)[0, 1]) < 0.02
