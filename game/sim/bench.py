"""Speed of the engine: whole games per second, one at a time and in batch (``python -m game bench``).

Both figures are measured in the same run on the same seeds' kind of work: full games from the first week to
the resolution, the player's policy against the default rival.  Rates are games per CPU-second of this process
(``time.process_time``), which is what "on one core" means and which other programs on the machine do not
distort; the wall-clock rates are reported beside them.  Peak memory is measured in a second pass of the
batch under ``tracemalloc`` so that tracing does not slow the timed pass.

A rate on one machine says little about another, or about the same machine under other work: every run also
reports the machine (processor, cores, Python and numpy versions), the load average before and after, and the
time of a fixed numpy reference workload (``reference_workload``: the kinds of array work a game-week does, on
arrays of a game-week's size) measured in the same process, interleaved with the timed passes.  The batch rate
times that time (``batch_games_per_reference``: games per reference workload) compares across machines and
loads far better than games per second.  ``repeats`` times the passes several times and reports the median and
the range.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
import tracemalloc
from dataclasses import dataclass, field

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
    # Every repeat's CPU seconds (the fields above are their medians), the reference workload's, the machine.
    single_cpu_runs: tuple[float, ...] = ()
    batch_cpu_runs: tuple[float, ...] = ()
    reference_cpu_runs: tuple[float, ...] = ()
    machine: dict = field(default_factory=dict)

    @property
    def single_games_per_s(self) -> float:
        return self.single_games / self.single_cpu_s

    @property
    def batch_games_per_s(self) -> float:
        return self.batch_games / self.batch_cpu_s

    @property
    def reference_s(self) -> float:
        return statistics.median(self.reference_cpu_runs) if self.reference_cpu_runs else float("nan")

    def as_dict(self) -> dict:
        def rates(games: int, runs: tuple[float, ...]) -> list[float]:
            return [round(games / max(r, 1e-9), 1) for r in sorted(runs, reverse=True)]

        return {
            "scenario": self.scenario,
            "single_games_per_s": round(self.single_games_per_s, 1),
            "batch_games_per_s": round(self.batch_games_per_s, 1),
            "speedup": round(self.batch_games_per_s / self.single_games_per_s, 1),
            "batch_games_per_reference": round(self.batch_games_per_s * self.reference_s, 1),
            "single_games_per_reference": round(self.single_games_per_s * self.reference_s, 3),
            "reference_s": round(self.reference_s, 4),
            "peak_mb": round(self.peak_mb, 1),
            "policy": self.policy,
            "rival_policy": RIVAL_POLICY,
            "single_games": self.single_games,
            "batch_games": self.batch_games,
            "chunk": self.chunk,
            "repeats": len(self.batch_cpu_runs) or 1,
            "single_games_per_s_runs": rates(self.single_games, self.single_cpu_runs),
            "batch_games_per_s_runs": rates(self.batch_games, self.batch_cpu_runs),
            "reference_s_runs": [round(r, 4) for r in self.reference_cpu_runs],
            "single_wall_games_per_s": round(self.single_games / self.single_wall_s, 1),
            "batch_wall_games_per_s": round(self.batch_games / self.batch_wall_s, 1),
            "machine": self.machine,
        }


def _timed(fn) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - cpu, time.perf_counter() - wall


def reference_workload(size: int = 65_536, rounds: int = 100) -> None:
    """A fixed numpy workload with the shape of a game-week's work, on arrays the size of a 2,048-game week's
    contact table: gathers at scattered indices, elementwise products and clips, sums by key (bincount), a
    stable sort of runs, a keyed hash (multiply, shift, xor on uint64).  Its inputs are fixed, so its time
    depends only on the machine, the numpy build and the load."""
    rng = np.random.default_rng(12345)
    table = rng.random(size * 2)
    index = rng.integers(0, table.size, size)
    keys = np.sort(rng.integers(0, size // 2, size)).reshape(8, -1)[::-1].reshape(-1).copy()
    x = rng.random(size)
    words = rng.integers(0, 2**63, size).astype(np.uint64)
    for _ in range(rounds):
        y = np.take(table, index)
        y *= x
        y += 1.0
        np.clip(y, 0.5, 1.5, out=y)
        np.bincount(keys, weights=y, minlength=size // 2)
        np.argsort(keys, kind="stable")
        h = words * np.uint64(0x9E3779B97F4A7C15)
        h ^= h >> np.uint64(31)
        np.take(y, (h >> np.uint64(48)).astype(np.int64) % size)


def machine_info() -> dict:
    """What the figures were measured on: processor, cores, Python, numpy, and the load average now."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:  # Linux names the model here
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "numpy": np.__version__,
        "load_average": _load(),
    }


def _load() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):  # not on Windows
        return None


def bench(
    scenario: Scenario,
    policy: str = "random",
    single_games: int = 20,
    batch_games: int = 20_000,
    chunk: int = DEFAULT_CHUNK,
    first_seed: int = 1,
    repeats: int = 1,
) -> BenchResult:
    """Time the games one at a time and in batch ``repeats`` times, each pass next to a reference workload;
    the result's rates are the medians."""
    info = machine_info()
    # Warm up: catalogues, caches and numpy's first calls are not what we measure.
    run_batch(scenario, policy, range(first_seed, first_seed + min(chunk, 64)), chunk=chunk)
    play_game(scenario, policy, first_seed, record=False)
    reference_workload(rounds=2)

    def singles() -> None:
        for seed in range(first_seed, first_seed + single_games):
            play_game(scenario, policy, seed, record=False)

    seeds = np.arange(first_seed, first_seed + batch_games, dtype=np.int64)
    single, batch, reference = [], [], []
    for _ in range(max(1, repeats)):
        reference.append(_timed(reference_workload))
        single.append(_timed(singles))
        batch.append(_timed(lambda: run_batch(scenario, policy, seeds, chunk=chunk)))
    reference.append(_timed(reference_workload))
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        run_batch(scenario, policy, seeds, chunk=chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    info["load_average_after"] = _load()

    def median(runs: list[tuple[float, float]], i: int) -> float:
        return max(statistics.median(r[i] for r in runs), 1e-9)

    return BenchResult(
        scenario=scenario.id,
        policy=policy,
        single_games=single_games,
        single_cpu_s=median(single, 0),
        single_wall_s=median(single, 1),
        batch_games=batch_games,
        batch_cpu_s=median(batch, 0),
        batch_wall_s=median(batch, 1),
        chunk=chunk,
        peak_mb=peak / 2**20,
        single_cpu_runs=tuple(r[0] for r in single),
        batch_cpu_runs=tuple(r[0] for r in batch),
        reference_cpu_runs=tuple(r[0] for r in reference),
        machine=info,
    )
