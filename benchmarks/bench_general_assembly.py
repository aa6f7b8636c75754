"""Benchmark (not a test): what 191 countries cost - spill-over and a whole game-week - against Flood the Zone.

    python benchmarks/bench_general_assembly.py [--games 256] [--json]

1. Spill-over alone (``resolve._spill_gap``) for the first 28, 56, 112 and 191 countries of the General Assembly
   (scenarios/general_assembly.yaml, their spill weights as the scenario builds them): the engine's path (by
   membership classes above some 100 countries, the full product below: "classes" says which) and the full
   C x C product alone, microseconds of CPU per game-week.
2. A whole game-week of the batch engine with the historical playbooks, Flood the Zone (28) and the General
   Assembly (191), microseconds of CPU per game-week.
BLAS runs on one thread, as in the game (game/__init__.py); ``--threads N`` measures what N threads cost.
"""

from __future__ import annotations

import argparse
import os
import sys

_parser = argparse.ArgumentParser()
_parser.add_argument("--games", type=int, default=256)
_parser.add_argument("--threads", default="1")
_parser.add_argument("--json", action="store_true")
ARGS = _parser.parse_args()
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = ARGS.threads

import json  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.engine import resolve as R  # noqa: E402
from game.engine.resolve import _spill_gap, _spill_weights  # noqa: E402
from game.scenario import load_scenario  # noqa: E402
from game.sim.batch import run_batch  # noqa: E402


def cpu_best(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def dense_gap(x: np.ndarray, spill: np.ndarray) -> np.ndarray:
    w = _spill_weights(spill)
    xq = np.rint(np.clip(x, -(2.0**11), 2.0**11) * 2.0**16) / 2.0**16
    return xq @ w - xq * w.sum(axis=0)


def main() -> None:
    ga = load_scenario("general_assembly")
    flood = load_scenario("flood_the_zone")
    games, reps = ARGS.games, 20
    rng = np.random.default_rng(0)
    out: dict = {"games": games, "blas_threads": ARGS.threads, "spill_us_per_game_week": {}, "week_us_per_game": {}}
    for n in (28, 56, 112, 191):
        spill = np.ascontiguousarray(ga.rules.spill_matrix[:n, :n])
        x = rng.normal(scale=40, size=(games, n))
        classes = R._spill_classes(spill)
        assert np.array_equal(_spill_gap(x, spill), dense_gap(x, spill))
        by_class = cpu_best(lambda x=x, spill=spill: [_spill_gap(x, spill) for _ in range(reps)]) / (reps * games) * 1e6
        dense = cpu_best(lambda x=x, spill=spill: [dense_gap(x, spill) for _ in range(reps)]) / (reps * games) * 1e6
        out["spill_us_per_game_week"][n] = {
            "classes": None if classes is None else len(classes.starts),
            "by_class": round(by_class, 3),
            "dense": round(dense, 3),
        }
    for name, scenario in (("flood_the_zone", flood), ("general_assembly", ga)):
        weeks = scenario.rules.n_turns
        seeds = range(1, games + 1)
        run_batch(scenario, "historical", range(1, 9))  # warm-up
        cpu = cpu_best(lambda s=scenario, seeds=seeds: run_batch(s, "historical", seeds), repeat=2)
        out["week_us_per_game"][name] = {
            "countries": len(scenario.rules.countries),
            "us": round(cpu / (games * weeks) * 1e6, 1),
        }
    out["load_avg"] = os.getloadavg()[0]
    if ARGS.json:
        print(json.dumps(out, indent=2))
        return
    print(f"BLAS threads {ARGS.threads}, {games} games, load {out['load_avg']:.1f}; CPU microseconds per game-week")
    print("spill-over   countries  classes    engine   C x C")
    for n, row in out["spill_us_per_game_week"].items():
        print(f"             {n:9d}  {row['classes']!s:>7}  {row['by_class']:8.3f}  {row['dense']:6.3f}")
    for name, row in out["week_us_per_game"].items():
        print(f"whole week   {name:18} ({row['countries']} countries): {row['us']:.1f}")


if __name__ == "__main__":
    main()
