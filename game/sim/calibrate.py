"""Calibration: does the historical playbook reproduce the positions the sources document?"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.engine import RungKind, commitments_of
from game.engine.outcome import score_of, tier_index
from game.scenario.build import Scenario
from game.scenario.models import CalibrationCheck, RealOutcome, RealTotal

from .batch import run_batch
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
class RealResult:
    """How often the historical playbook reproduces one real outcome (beyond the articles)."""

    outcome: RealOutcome
    share: float
    simulated: dict[str, float]  # share of runs on each option (a pledge: made / not made)


@dataclass(frozen=True)
class RungTally:
    """The share of one rung's real outcomes (country x run) the playbook reproduces, against the bar."""

    rung: str
    name: str
    share: float
    needed: float
    count: int

    @property
    def ok(self) -> bool:
        return self.share >= self.needed - 1e-9


@dataclass(frozen=True)
class TotalResult:
    total: RealTotal
    means: dict[str, float]  # the mean simulated count of each option named in the real tally

    @property
    def ok(self) -> bool:
        return all(abs(self.means[o] - n) <= self.total.tolerance for o, n in self.total.counts.items())


@dataclass(frozen=True)
class ChoiceCheck:
    """Do the player's choices change the result?  The mean score of the historical playbook against doing
    nothing, playing at random and the greedy bot, and the tier each mean falls in."""

    scores: dict[str, float]
    tiers: dict[str, str]

    @property
    def matters(self) -> bool:
        history, idle = self.scores["historical"], self.scores["idle"]
        return len(set(self.tiers.values())) > 1 and abs(history - idle) >= 2.0

    def warning(self) -> str | None:
        if self.matters:
            return None
        return (
            "the player's choices barely change the result: "
            + ", ".join(f"{p} {s:.1f} ({self.tiers[p]})" for p, s in self.scores.items())
            + " - see `python -m game balance` and docs/balance.md"
        )


def choice_check(scenario: Scenario, history_scores: np.ndarray, first_seed: int, runs: int) -> ChoiceCheck:
    rules = scenario.rules
    seeds = range(first_seed, first_seed + runs)
    scores = {"historical": float(history_scores.mean())}
    for policy in ("idle", "random"):
        scores[policy] = float(run_batch(scenario, policy, seeds).scores.mean())
    greedy_seeds = range(first_seed, first_seed + min(runs, 12))
    scores["greedy"] = float(
        np.mean([score_of(rules, play_game(scenario, "greedy", s, record=False).final)[0] for s in greedy_seeds])
    )
    tiers = {p: rules.tiers[int(tier_index(rules, np.array([v]))[0])][0] for p, v in scores.items()}
    return ChoiceCheck(scores, tiers)


@dataclass(frozen=True)
class CalibrationReport:
    scenario: Scenario
    runs: int
    first_seed: int
    results: tuple[CheckResult, ...]
    real: tuple[RealResult, ...] = ()
    tallies: tuple[RungTally, ...] = ()
    totals: tuple[TotalResult, ...] = ()
    choices: ChoiceCheck | None = None

    @property
    def documented_ok(self) -> bool:
        return all(r.ok for r in self.results)

    @property
    def real_ok(self) -> bool:
        return all(t.ok for t in self.tallies) and all(t.ok for t in self.totals)

    @property
    def ok(self) -> bool:
        return self.documented_ok and self.real_ok

    def real_shortfalls(self) -> str:
        """What falls short of the real outcomes, in one line (empty when nothing does): the bars missed and the
        outcomes reproduced in fewer than 90% of runs."""
        missed = [(t.rung, round(t.share, 3), t.needed) for t in self.tallies if not t.ok]
        missed += [(t.total.rung, t.means) for t in self.totals if not t.ok]
        weak = [(r.outcome.country, r.outcome.rung, round(r.share, 2)) for r in self.real if r.share < 0.9]
        return f"bars missed: {missed}; outcomes under 90%: {weak}" if missed or weak else ""

    def as_dict(self) -> dict:
        return {
            "scenario": self.scenario.id,
            "policy": "historical",
            "runs": self.runs,
            "first_seed": self.first_seed,
            "ok": self.ok,
            "documented_ok": self.documented_ok,
            "real_ok": self.real_ok,
            "choices": None
            if self.choices is None
            else {
                "scores": {k: round(v, 2) for k, v in self.choices.scores.items()},
                "tiers": self.choices.tiers,
                "matter": self.choices.matters,
            },
            "real_outcomes": [
                {
                    "country": r.outcome.country,
                    "rung": r.outcome.rung,
                    "real": r.outcome.option if r.outcome.option is not None else r.outcome.made,
                    "what": r.outcome.what,
                    "date": r.outcome.date.isoformat(),
                    "share": round(r.share, 3),
                    "simulated": {k: round(v, 3) for k, v in r.simulated.items()},
                    "source": r.outcome.sources[0].url,
                    "beyond_the_articles": True,
                }
                for r in self.real
            ],
            "real_tallies": [
                {"rung": t.rung, "share": round(t.share, 3), "needed": t.needed, "outcomes": t.count, "ok": t.ok}
                for t in self.tallies
            ],
            "real_totals": [
                {"rung": t.total.rung, "real": dict(t.total.counts), "simulated_mean": t.means, "ok": t.ok}
                for t in self.totals
            ],
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
    scores: np.ndarray  # (runs,)


def histories(
    scenario: Scenario, runs: int, first_seed: int, progress: Callable[[int], None] | None = None
) -> Histories:
    """Play the historical playbook ``runs`` times."""
    alignment, levels, scores = [], [], []
    for n in range(runs):
        game = play_game(scenario, "historical", first_seed + n, record=False)
        alignment.append(game.alignment_history)
        levels.append(commitments_of(scenario.rules, game.final).level[0])
        scores.append(float(score_of(scenario.rules, game.final)[0]))
        if progress:
            progress(n + 1)
    return Histories(np.stack(alignment), np.stack(levels), np.array(scores))


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


def real_outcome_results(
    scenario: Scenario, levels: np.ndarray
) -> tuple[tuple[RealResult, ...], tuple[RungTally, ...], tuple[TotalResult, ...]]:
    """The historical runs' commitments (runs, C, R) against what really happened after the crisis's end."""
    real = scenario.doc.real_outcomes
    if real is None:
        return (), (), ()
    rules = scenario.rules
    ladder = rules.ladder
    results = []
    for outcome in real.outcomes:
        r, c = ladder.rung_index(outcome.rung), rules.countries.index(outcome.country)
        if ladder.kinds[r] == RungKind.VOTE:
            hit = commitment_hits(scenario, levels, f"{outcome.rung}.{outcome.option}", c)
            simulated = {o: float((levels[:, c, r] == k).mean()) for k, o in enumerate(ladder.options[r])}
        else:
            made = commitment_hits(scenario, levels, outcome.rung, c)
            hit = made if outcome.made else ~made
            simulated = {"made": float(made.mean()), "not made": float((~made).mean())}
        results.append(RealResult(outcome, float(hit.mean()), simulated))
    tallies = []
    for r, rung in enumerate(ladder.rungs):
        mine = [x for x in results if x.outcome.rung == rung]
        if not mine:
            continue
        needed = real.votes_share if ladder.kinds[r] == RungKind.VOTE else real.others_share
        share = float(np.mean([x.share for x in mine]))
        tallies.append(RungTally(rung, rules.labels.rungs[r], share, needed, len(mine)))
    totals = []
    for total in real.totals:
        r = ladder.rung_index(total.rung)
        options = ladder.options[r]
        means = {o: float((levels[:, :, r] == options.index(o)).sum(axis=1).mean()) for o in total.counts}
        totals.append(TotalResult(total, means))
    return tuple(results), tuple(tallies), tuple(totals)


def calibrate(
    scenario: Scenario,
    runs: int | None = None,
    first_seed: int | None = None,
    progress: Callable[[int], None] | None = None,
    with_choices: bool = False,
) -> CalibrationReport:
    cal = scenario.doc.calibration
    runs = cal.runs if runs is None else runs
    first_seed = cal.first_seed if first_seed is None else first_seed
    hist = histories(scenario, runs, first_seed, progress)
    results = tuple(evaluate(scenario, hist, check) for check in cal.checks)
    choices = choice_check(scenario, hist.scores, first_seed, runs) if with_choices else None
    real = real_outcome_results(scenario, hist.levels)
    return CalibrationReport(scenario, runs, first_seed, results, *real, choices=choices)
