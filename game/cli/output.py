"""What the commands print and how they load a scenario: shared by ``main`` and the classroom commands, which
both print a game or an aggregate (so neither imports the other)."""

from __future__ import annotations

import json
import sys


def dump(obj) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False)


def load(name: str):
    from game.scenario import ScenarioError, load_scenario  # pydantic and numpy: not for --version or --help

    try:
        return load_scenario(name)
    except ScenarioError as exc:
        errors = [p for p in exc.problems if p.severity == "error"]
        for problem in errors[:20]:
            print(problem, file=sys.stderr)
        if len(errors) > 20:
            print(f"... and {len(errors) - 20} more errors (python -m game validate)", file=sys.stderr)
        return None


_COUNTRY_FIELDS = {"name", "alignment_start", "alignment_end", "alignment_end_mean", "alignment_end_sd"}


def _rung_fields(country: dict) -> list[str]:
    """The commitment fields of a country's summary, in the scenario's ladder order (one per rung)."""
    return [k for k in country if k not in _COUNTRY_FIELDS]


def print_game(summary: dict) -> None:
    print(f"{summary['scenario']}  policy={summary['policy']}  seed={summary['seed']}")
    print(f"Outcome: {summary['outcome']}  (score {summary['score']:.1f})\n")
    first = next(iter(summary["countries"].values()), {})
    rungs = _rung_fields(first)
    widths = [max(len(r), 9) for r in rungs]
    head = " ".join(f"{r:{w}}" for r, w in zip(rungs, widths))
    print(f"{'':4} {'country':22} {'start':>6} {'end':>6}  {head}")
    for code, c in summary["countries"].items():
        cells = []
        for r, w in zip(rungs, widths):
            value = c[r]
            text = ("yes" if value else "-") if isinstance(value, bool) else str(value)
            cells.append(f"{text:{w}}")
        print(
            f"{code:4} {c['name'][:22]:22} {c['alignment_start']:+6.0f} {c['alignment_end']:+6.0f}  {' '.join(cells)}"
        )


def print_aggregate(agg: dict) -> None:
    print(f"{agg['scenario']}  policy={agg['policy']}  runs={agg['runs']} (seeds {agg['first_seed']}..)")
    print(f"Score {agg['score_mean']:.1f} ± {agg['score_sd']:.1f}")
    for tier, count in agg["outcomes"].items():
        print(f"  {tier:24} {count:6d}  {count / agg['runs']:6.1%}")
    first = next(iter(agg["countries"].values()), {})
    columns = []  # (heading, field, option or None)
    for field in _rung_fields(first):
        rung = field.removesuffix("_share")
        if isinstance(first[field], dict):
            columns += [(f"{rung}:{option}", field, option) for option in first[field]]
        else:
            columns.append((rung, field, None))
    widths = [max(len(h), 6) for h, _, _ in columns]
    print(f"\n{'':4} {'country':22} {'end':>6}  " + " ".join(f"{h:>{w}}" for (h, _, _), w in zip(columns, widths)))
    for code, c in agg["countries"].items():
        cells = [f"{(c[f][o] if o is not None else c[f]):>{w}.0%}" for (_, f, o), w in zip(columns, widths)]
        print(f"{code:4} {c['name'][:22]:22} {c['alignment_end_mean']:+6.1f}  " + " ".join(cells))
