"""Speed of the engine: whole games per second, one at a time and in batch (``python -m game bench``).

Both figures are measured in the same run on the same seeds' kind of work: full games from the first week to
the resolution, the player's policy against the default rival.  Rates are games per CPU-second of this process
(``time.process_time``), which is what "on one core" means and which other programs on the machine do not
distort; the wall-clock rates are reported beside them.  Peak memory is measured in a second pass of the
batch under ``tracemalloc`` so that tracing does not slow the timed pass.
"""

from __future__ import annotations

import time
import tracemalloc
from dataclasses import dataclass

import numpy as np

from game.scenario.build import Scenario

from .batch import DEFAULT_CHUNK, run_batch
from .play import RIVAL_POLICY, play_game


@dataclass(frozen=True)
class BenchResult:
    scenario: str
    policy: str
    single_games: int
    single_cpu_s: float
    single_wall_s: float
    batch_games: int
    batch_cpu_s: float
    batch_wall_s: float
    chunk: int
    peak_mb: float

    @property
    def single_games_per_s(self) -> float:
        return self.single_games / self.single_cpu_s

    @property
    def batch_games_per_s(self) -> float:
        return self.batch_games / self.batch_cpu_s

    def as_dict(self) -> dict:
        return {
            "scenario": self.scenario,
            "single_games_per_s": round(self.single_games_per_s, 1),
            "batch_games_per_s": round(self.batch_games_per_s, 1),
            "speedup": round(self.batch_games_per_s / self.single_games_per_s, 1),
            "peak_mb": round(self.peak_mb, 1),
            "policy": self.policy,
            "rival_policy": RIVAL_POLICY,
            "single_games": self.single_games,
            "batch_games": self.batch_games,
            "chunk": self.chunk,
            "single_wall_games_per_s": round(self.single_games / self.single_wall_s, 1),
            "batch_wall_games_per_s": round(self.batch_games / self.batch_wall_s, 1),
        }


def _timed(fn) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def bench(
    scenario: Scenario,
    policy: str = "random",
    single_games: int = 20,
    batch_games: int = 20_000,
    chunk: int = DEFAULT_CHUNK,
    first_seed: int = 1,
) -> BenchResult:
    # Warm up: catalogues, caches and numpy's first calls are not what we measure.
    run_batch(scenario, policy, range(first_seed, first_seed + min(chunk, 64)), chunk=chunk)
    play_game(scenario, policy, first_seed, record=False)

    def singles() -> None:
        for seed in range(first_seed, first_seed + single_games):
            play_game(scenario, policy, seed, record=False)

    seeds = np.arange(first_seed, first_seed + batch_games, dtype=np.int64)
    single_cpu, single_wall = _timed(singles)
    batch_cpu, batch_wall = _timed(lambda: run_batch(scenario, policy, seeds, chunk=chunk))
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        run_batch(scenario, policy, seeds, chunk=chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return BenchResult(
        scenario=scenario.id,
        policy=policy,
        single_games=single_games,
        single_cpu_s=max(single_cpu, 1e-9),
        single_wall_s=max(single_wall, 1e-9),
        batch_games=batch_games,
        batch_cpu_s=max(batch_cpu, 1e-9),
        batch_wall_s=max(batch_wall, 1e-9),
        chunk=chunk,
        peak_mb=peak / 2**20,
    )
