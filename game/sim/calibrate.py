"""Calibration: does the historical playbook reproduce the positions the sources document?"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.engine import RungKind, commitments_of
from game.scenario.build import Scenario
from game.scenario.models import CalibrationCheck

from .play import play_game


@dataclass(frozen=True)
class CheckResult:
    check: CalibrationCheck
    mean: float
    sd: float
    other_mean: float | None  # the compared country's mean, for above/below checks
    shares: dict[str, float]
    failures: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.failures

    def simulated(self) -> str:
        parts = [f"{self.mean:+.1f} ± {self.sd:.1f}"]
        if self.other_mean is not None:
            other = self.check.above or self.check.below
            parts.append(f"{other} {self.other_mean:+.1f}")
        parts += [f"{k} {v:.0%}" for k, v in self.shares.items()]
        return ", ".join(parts)

    def band(self) -> str:
        c = self.check
        parts = []
        if c.min is not None or c.max is not None:
            lo = "" if c.min is None else f"{c.min:+g}"
            hi = "" if c.max is None else f"{c.max:+g}"
            parts.append(f"{lo}..{hi}")
        if c.above:
            parts.append(f"> {c.above}")
        if c.below:
            parts.append(f"< {c.below}")
        for name, band in c.commitments.items():
            lo = "" if band.min is None else f"{band.min:.0%}"
            hi = "" if band.max is None else f"{band.max:.0%}"
            parts.append(f"{name} {lo}..{hi}")
        return ", ".join(parts)


@dataclass(frozen=True)
class CalibrationReport:
    scenario: Scenario
    runs: int
    first_seed: int
    results: tuple[CheckResult, ...]

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    def as_dict(self) -> dict:
        return {
            "scenario": self.scenario.id,
            "policy": "historical",
            "runs": self.runs,
            "first_seed": self.first_seed,
            "ok": self.ok,
            "checks": [
                {
                    "id": r.check.id,
                    "country": r.check.country,
                    "week": r.check.week,
                    "documented": r.check.claim,
                    "band": r.band(),
                    "mean": round(r.mean, 2),
                    "sd": round(r.sd, 2),
                    "shares": {k: round(v, 3) for k, v in r.shares.items()},
                    "ok": r.ok,
                    "failures": list(r.failures),
                    "passage": r.check.sources[0].passage if r.check.sources else None,
                    "seed_file": r.check.sources[0].seed if r.check.sources else None,
                }
                for r in self.results
            ],
        }


@dataclass(frozen=True)
class Histories:
    """What ``runs`` historical games did: alignment at the start of each week and at the end (runs, W+1, C),
    and the commitments each country ended on (runs, C, R)."""

    alignment: np.ndarray
    levels: np.ndarray


def histories(
    scenario: Scenario, runs: int, first_seed: int, progress: Callable[[int], None] | None = None
) -> Histories:
    """Play the historical playbook ``runs`` times."""
    alignment, levels = [], []
    for n in range(runs):
        game = play_game(scenario, "historical", first_seed + n, record=False)
        alignment.append(game.alignment_history)
        levels.append(commitments_of(scenario.rules, game.final).level[0])
        if progress:
            progress(n + 1)
    return Histories(np.stack(alignment), np.stack(levels))


def commitment_hits(scenario: Scenario, levels: np.ndarray, key: str, country: int) -> np.ndarray:
    """(runs,) bool: did the country make the commitment ``key`` (a pledge's rung id, or ``rung.option``)?"""
    ladder = scenario.rules.ladder
    rung_id, _, option = key.partition(".")
    r = ladder.rung_index(rung_id)
    if ladder.kinds[r] == RungKind.PLEDGE:
        return levels[:, country, r] >= 1
    return levels[:, country, r] == ladder.option_index(r, option)


def evaluate(scenario: Scenario, hist: Histories, check: CalibrationCheck) -> CheckResult:
    rules = scenario.rules
    week = rules.n_turns if check.week is None else check.week
    x = hist.alignment[:, week, :]
    c = rules.countries.index(check.country)
    mean, sd = float(x[:, c].mean()), float(x[:, c].std())
    failures = []
    if check.min is not None and mean < check.min:
        failures.append(f"mean {mean:+.1f} below {check.min:+g}")
    if check.max is not None and mean > check.max:
        failures.append(f"mean {mean:+.1f} above {check.max:+g}")
    other_mean = None
    for key in ("above", "below"):
        other = getattr(check, key)
        if other is None:
            continue
        other_mean = float(x[:, rules.countries.index(other)].mean())
        if key == "above" and not mean > other_mean:
            failures.append(f"not above {other} ({other_mean:+.1f})")
        if key == "below" and not mean < other_mean:
            failures.append(f"not below {other} ({other_mean:+.1f})")
    shares = {}
    for name, band in check.commitments.items():
        share = float(commitment_hits(scenario, hist.levels, name, c).mean())
        shares[name] = share
        if band.min is not None and share < band.min:
            failures.append(f"{name} in {share:.0%} of runs, under {band.min:.0%}")
        if band.max is not None and share > band.max:
            failures.append(f"{name} in {share:.0%} of runs, over {band.max:.0%}")
    return CheckResult(check, mean, sd, other_mean, shares, tuple(failures))


def calibrate(
    scenario: Scenario,
    runs: int | None = None,
    first_seed: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> CalibrationReport:
    cal = scenario.doc.calibration
    runs = cal.runs if runs is None else runs
    first_seed = cal.first_seed if first_seed is None else first_seed
    hist = histories(scenario, runs, first_seed, progress)
    results = tuple(evaluate(scenario, hist, check) for check in cal.checks)
    return CalibrationReport(scenario, runs, first_seed, results)
