"""What the commands print and how they load a scenario: shared by ``main`` and the classroom commands, which
both print a game or an aggregate (so neither imports the other)."""

from __future__ import annotations

import json
import sys

from game.scenario import ScenarioError, load_scenario


def dump(obj) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False)


def load(name: str):
    try:
        return load_scenario(name)
    except ScenarioError as exc:
        errors = [p for p in exc.problems if p.severity == "error"]
        for problem in errors[:20]:
            print(problem, file=sys.stderr)
        if len(errors) > 20:
            print(f"... and {len(errors) - 20} more errors (python -m game validate)", file=sys.stderr)
        return None


def print_game(summary: dict) -> None:
    print(f"{summary['scenario']}  policy={summary['policy']}  seed={summary['seed']}")
    print(f"Outcome: {summary['outcome']}  (score {summary['score']:.1f})\n")
    print(f"{'':4} {'country':22} {'start':>6} {'end':>6}  {'UN vote':8} sanctions  arms  energy")
    for code, c in summary["countries"].items():
        print(
            f"{code:4} {c['name'][:22]:22} {c['alignment_start']:+6.0f} {c['alignment_end']:+6.0f}  "
            f"{c['un_vote']:8} {'yes' if c['sanctions'] else '-':9}  {'yes' if c['arms'] else '-':4}  "
            f"{'yes' if c['energy_help'] else '-'}"
        )


def print_aggregate(agg: dict) -> None:
    print(f"{agg['scenario']}  policy={agg['policy']}  runs={agg['runs']} (seeds {agg['first_seed']}..)")
    print(f"Score {agg['score_mean']:.1f} ± {agg['score_sd']:.1f}")
    for tier, count in agg["outcomes"].items():
        print(f"  {tier:24} {count:6d}  {count / agg['runs']:6.1%}")
    print(f"\n{'':4} {'country':22} {'end':>6}  {'yes':>5} {'abst':>5} {'no':>5}  {'sanctions':>9}")
    for code, c in agg["countries"].items():
        v = c["un_vote_share"]
        print(
            f"{code:4} {c['name'][:22]:22} {c['alignment_end_mean']:+6.1f}  {v['yes']:5.0%} {v['abstain']:5.0%} "
            f"{v['no']:5.0%}  {c['sanctions_share']:9.0%}"
        )
