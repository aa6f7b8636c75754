"""Benchmark (not a test): what the stakes on screen cost (issue 14) - an order's preview, every country's
distance to its next line, and the expected end result's rollouts - at the start, middle and end of a game.

    python benchmarks/bench_stakes.py [SCENARIO ...] [--rivals historical wedge:3 wedge:4] [--json]

The expected end result is recomputed whenever the week's plan changes (the window draws it in the top bar,
synchronously); its goal is 0.2 s.  Wall-clock seconds, best of three, on whatever else the machine is doing:
the load average is printed with the numbers.
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

from game.ai.outlook import ROLLOUTS, expected_end  # noqa: E402
from game.ai.preview import line_gaps, preview_order  # noqa: E402
from game.engine import Kind, Order, Sheet  # noqa: E402
from game.scenario import load_scenario  # noqa: E402
from game.sim import play_game  # noqa: E402

GOALS = {"expected_end_s": 0.2, "preview_ms": 5.0, "line_gaps_ms": 20.0}


def _best(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def measure(name: str, rivals: list[str]) -> dict:
    scenario = load_scenario(name)
    rules = scenario.rules
    game = play_game(scenario, "historical", 7, record=False)
    side = scenario.player
    out = {}
    for turn in (0, rules.n_turns // 2, rules.n_turns - 1):
        state = game.states[turn]
        order = Order(side, Kind.CALL, int(rules.leverage[side].argmax()), (0,))
        plan = Sheet(side, (order,))
        week = {
            "preview_ms": round(1000 * _best(lambda s=state, o=order: preview_order(rules, s, side, o)), 2),
            "line_gaps_ms": round(1000 * _best(lambda s=state: line_gaps(rules, s, side)), 2),
        }
        for rival in rivals:
            week[f"expected_end_s[{rival}]"] = round(
                _best(lambda s=state, r=rival, p=plan: expected_end(scenario, s, side, p, r, seed=1)), 3
            )
        out[f"week_{turn + 1}"] = week
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", default=["flood_the_zone", "the_rational_way"])
    parser.add_argument("--rivals", nargs="+", default=["historical", "wedge:3", "wedge:4"])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = {name: measure(name, args.rivals) for name in args.scenarios}
    report["rollouts"] = ROLLOUTS
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
