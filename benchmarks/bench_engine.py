"""Benchmark (not a test): full games per second one at a time and in batch, peak memory, the cost of each
stage of a batch week, and the advisor's answer time.

    python benchmarks/bench_engine.py [SCENARIO] [--games 20000] [--single 20] [--chunk 2048]
                                      [--chunks] [--stages] [--advisor] [--json]

The first part is ``python -m game bench`` (same code, same JSON keys).  ``--chunks`` compares batch chunk
sizes, ``--stages`` splits one batch week of 4096 games into its stages (policies, contact table, luck,
contact effects, the rest of the resolution), and ``--advisor`` times ``advise()`` at the start, middle and
end of a game (goal: under 0.3 s).  Rates are per CPU-second of this process (one core); BLAS is pinned to
one thread before numpy loads.  The goals are printed with the numbers; see docs/performance.md.
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from game.scenario import load_scenario  # noqa: E402

GOALS = {"speedup": 50.0, "batch_games_per_s": 20_000.0, "advisor_s": 0.3}


def _cpu(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def chunks(scenario, policy: str, games: int) -> dict:
    from game.sim.batch import run_batch

    seeds = np.arange(1, games + 1)
    run_batch(scenario, policy, seeds[:64])
    return {
        str(c): round(games / _cpu(lambda c=c: run_batch(scenario, policy, seeds, chunk=c), 2))
        for c in (512, 1024, 2048, 4096)
    }


def stages(scenario, policy: str, games: int = 4096) -> dict:
    """Milliseconds of CPU per batch week of ``games`` games, stage by stage (the week of 29 November)."""
    from game.ai import make_batch_policy
    from game.ai.catalog import tables
    from game.engine import Dice, initial_state, resolve_contacts
    from game.engine.resolve import contact_effects, contact_luck

    rules = scenario.rules
    state = initial_state(rules, games)
    dice = Dice(np.arange(games))
    mine, theirs = make_batch_policy(policy), make_batch_policy("historical")
    b0 = mine(scenario, state, scenario.player, dice)
    b1 = theirs(scenario, state, scenario.rival, dice)
    contacts, engagements = tables(rules, [b0, b1])
    luck = contact_luck(rules, state, contacts, dice)
    out = {
        "player_policy": _cpu(lambda: mine(scenario, state, scenario.player, dice)),
        "rival_policy": _cpu(lambda: theirs(scenario, state, scenario.rival, dice)),
        "contact_table": _cpu(lambda: tables(rules, [b0, b1])),
        "luck": _cpu(lambda: contact_luck(rules, state, contacts, dice)),
        "contact_effects": _cpu(lambda: contact_effects(rules, state, contacts, luck)),
        "resolve_contacts": _cpu(lambda: resolve_contacts(state, contacts, rules, dice, engagements=engagements)),
    }
    result = {k: round(v * 1000, 2) for k, v in out.items()}
    result["contacts_per_game"] = round(contacts.size / games, 1)
    return result


def advisor(scenario) -> dict:
    from game.ai.advisor import advise
    from game.sim import play_game

    game = play_game(scenario, "historical", 7, record=False)
    advise(scenario, game.states[0], scenario.player, None, seed=1)  # warm-up
    out = {}
    for turn in (0, len(game.states) // 2, len(game.states) - 2):
        start = time.perf_counter()
        cpu = time.process_time()
        advice = advise(scenario, game.states[turn], scenario.player, None, seed=1, budget_seconds=None)
        out[f"week_{turn + 1}"] = {
            "wall_s": round(time.perf_counter() - start, 3),
            "cpu_s": round(time.process_time() - cpu, 3),
            "suggestions": len(advice),
            "first": advice[0].reason if advice else None,
        }
    return out


def main(argv=None) -> int:
    from game.sim.batch import DEFAULT_CHUNK
    from game.sim.bench import bench

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", nargs="?", default="flood_the_zone")
    parser.add_argument("--policy", default="random", choices=("random", "historical", "idle"))
    parser.add_argument("--games", type=int, default=20_000)
    parser.add_argument("--single", type=int, default=20)
    parser.add_argument("--chunk", type=int, default=DEFAULT_CHUNK)
    parser.add_argument("--repeat", type=int, default=1, help="time each pass this many times (medians, range)")
    parser.add_argument("--chunks", action="store_true", help="compare chunk sizes")
    parser.add_argument("--stages", action="store_true", help="split a batch week into its stages")
    parser.add_argument("--advisor", action="store_true", help="time the advisor")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    scenario = load_scenario(args.scenario)
    report = bench(scenario, args.policy, args.single, args.games, args.chunk, repeats=args.repeat).as_dict()
    if args.chunks:
        report["games_per_s_by_chunk"] = chunks(scenario, args.policy, min(args.games, 8192))
    if args.stages:
        report["stage_ms_per_week_of_4096_games"] = stages(scenario, args.policy)
    if args.advisor:
        report["advisor"] = advisor(scenario)
    report["goals"] = GOALS
    report["load_average"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
