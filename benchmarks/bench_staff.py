"""Benchmark (not a test): how long "Ask your staff" takes to answer, as the window asks it (issue 14).

    python benchmarks/bench_staff.py [SCENARIO ...] [--rival answering] [--json]

The window asks ``advise`` with its own settings: 16 candidates, each played out kept up every week on the top
bar's 64 rollouts (the ranking) and this week alone on 32 more (the second figure), against the game's rival
(Normal: ``answering``), with no time budget, so that the same question always gets the same answer.  It is
timed at the start, middle and end of a historical game, with an empty plan and with three orders already
queued, and so is one week of the advisor bot of the balance lab (ask, add the first suggestion, ask again).
Wall-clock seconds, best of three, with the load average printed beside them: the goal is an answer within
0.3 s on Flood the Zone.
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

from game.ai.advisor import advise, advisor_policy  # noqa: E402
from game.ai.outlook import ROLLOUTS as OUTLOOK_ROLLOUTS  # noqa: E402
from game.engine import Dice, Sheet  # noqa: E402
from game.scenario import load_scenario  # noqa: E402
from game.sim import play_game  # noqa: E402

GOALS = {"answer_s": 0.3}
WINDOW_ROLLOUTS = 32  # game/ui/panels/staff.py: ROLLOUTS


def _best(fn, repeat: int = 3) -> tuple[float, float, object]:
    """Best wall-clock and best CPU seconds of ``repeat`` runs (CPU time says what the work costs on a busy
    machine, where wall-clock also counts the waits for a core), and the result."""
    best, cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        best = min(best, time.perf_counter() - start)
        cpu = min(cpu, time.process_time() - start_cpu)
    return best, cpu, result


def _ask(scenario, state, plan, rival):
    return advise(
        scenario,
        state,
        scenario.player,
        plan,
        seed=1,
        budget_seconds=None,
        rollouts=WINDOW_ROLLOUTS,
        kept_up_rollouts=OUTLOOK_ROLLOUTS,
        rival_policy=rival,
    )


def measure(name: str, rival: str) -> dict:
    scenario = load_scenario(name)
    game = play_game(scenario, "historical", 7, record=False)
    _ask(scenario, game.states[0], Sheet(scenario.player), rival)  # warm-up: catalogues, imports
    out: dict = {}
    last = len(game.states) - 2
    for turn in sorted({0, last // 2, last}):
        state = game.states[turn]
        empty_s, empty_cpu, advice = _best(lambda s=state: _ask(scenario, s, Sheet(scenario.player), rival))
        queued = Sheet(scenario.player)
        for a in advice[:3]:
            queued = queued.with_order(a.order)
        queued_s, queued_cpu, _ = _best(lambda s=state, q=queued: _ask(scenario, s, q, rival))
        bot_s, _, _ = _best(lambda s=state: advisor_policy(scenario, s, scenario.player, Dice.single(3)), repeat=1)
        out[f"week_{turn + 1}"] = {
            "answer_s": round(empty_s, 3),
            "answer_cpu_s": round(empty_cpu, 3),
            "answer_after_3_orders_s": round(queued_s, 3),
            "answer_after_3_orders_cpu_s": round(queued_cpu, 3),
            "suggestions": len(advice),
            "bot_week_s": round(bot_s, 3),
        }
    worst = max(max(w["answer_s"], w["answer_after_3_orders_s"]) for w in out.values())
    worst_cpu = max(max(w["answer_cpu_s"], w["answer_after_3_orders_cpu_s"]) for w in out.values())
    return {
        "weeks": out,
        "worst_answer_s": round(worst, 3),
        "worst_answer_cpu_s": round(worst_cpu, 3),
        "meets_goal": worst <= GOALS["answer_s"],
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenarios", nargs="*", default=["flood_the_zone"])
    parser.add_argument("--rival", default="answering", help="the other side's policy (Normal: answering)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = {
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "rival": args.rival,
        "goals": GOALS,
        "scenarios": {name: measure(name, args.rival) for name in args.scenarios},
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"load average {report['load_average']}; rival {args.rival}; goal: an answer within {GOALS['answer_s']} s")
    for name, r in report["scenarios"].items():
        verdict = "meets" if r["meets_goal"] else "MISSES"
        print(f"{name}: worst answer {r['worst_answer_s']} s, {r['worst_answer_cpu_s']} s CPU ({verdict} the goal)")
        for week, w in r["weeks"].items():
            print(
                f"  {week}: {w['answer_s']} s ({w['answer_cpu_s']} CPU) empty plan, "
                f"{w['answer_after_3_orders_s']} s ({w['answer_after_3_orders_cpu_s']} CPU) after 3 orders, "
                f"{w['suggestions']} suggestions; the advisor bot's whole week {w['bot_week_s']} s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
