"""The balance lab (``python -m game balance``): is the scenario a good game?

A scenario is only good if no dull strategy wins every time, if playing well beats playing badly, and if its
result does not hang on one invented number.  For one scenario and a seed the lab reports:

* **Policies** - score and tiers of idle, random, historical, greedy and the advisor against the default rival,
  with 95% confidence intervals (Wilson for shares, normal for mean scores).  Greedy and the advisor think game
  by game and get ``slow_runs`` games; the others go through the batch engine.
* **Dominant strategies** - three families of dull "spam" strategies (one country and topic for every order;
  one topic for everyone; one group convened every week with its members called on the same topic), screened
  on a few games each, the best re-played on all the runs and compared with the historical campaign on the
  same seeds.  A spam strategy is flagged when it *beats history* (paired difference above zero) or *wins too
  often* (more than half its games end in a winning tier).
* **Rival personas** - the historical player against each persona at levels 1-4: the player's score must fall
  as the level rises (paired differences between consecutive levels, on the same seeds).
* **Sensitivity** - every invented number of the rules (dynamics, each side's power, budget and leverage,
  and the country numbers in groups) moved by -20% and +20%, with the change in the mean score of the
  historical and the random player (same seeds: luck cancels out).

Everything is a pure function of the scenario, the configuration and the first seed.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from game.ai.batch_policies import LegalityCached, play_weeks
from game.ai.catalog import SheetBatch
from game.ai.personas import LEVELS, PERSONAS
from game.ai.policies import channel_tracks
from game.engine import Dice, Kind, Order, Rules, RungKind, Sheet, State, initial_state, why_illegal
from game.engine.outcome import score_of, tier_index
from game.scenario.build import Scenario

from .batch import run_batch
from .play import RIVAL_POLICY, play_game

SECTIONS = ("policies", "slow", "spam", "personas", "sensitivity")
Z95 = 1.959963984540054


@dataclass(frozen=True)
class BalanceConfig:
    runs: int = 1000
    first_seed: int = 1
    slow_runs: int = 40  # greedy and the advisor, one game at a time
    sections: tuple[str, ...] = SECTIONS
    spam_screen_runs: int = 100  # games per spam strategy in the screen (at most ``runs``)
    spam_finalists: int = 5  # the best of the screen, re-played on all the runs
    sensitivity_runs: int = 1000  # at most ``runs``
    perturbation: float = 0.2
    persona_player: str = "historical"
    chunk: int = 2048
    parameters: tuple[str, ...] | None = None  # sensitivity: only these (default: every invented number)
    personas: tuple[str, ...] | None = None  # persona ladders: only these (default: all)


# -------------------------------------------------------------------------------------------- statistics


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a share (good near 0 and 1, unlike the normal approximation)."""
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def mean_ci(values: np.ndarray, z: float = Z95) -> tuple[float, float]:
    """Mean and the half-width of its 95% interval."""
    n = values.size
    if n == 0:
        return (float("nan"), float("nan"))
    half = z * float(values.std(ddof=1)) / math.sqrt(n) if n > 1 else float("inf")
    return float(values.mean()), half


def _r(x: float, digits: int = 2) -> float:
    return round(float(x), digits)


def win_tiers(rules: Rules) -> int:
    """How many of the best tiers count as a win: the better half (at least the best one)."""
    return max(1, len(rules.tiers) // 2)


def summarise_scores(rules: Rules, scores: np.ndarray) -> dict:
    tiers = tier_index(rules, scores)
    n = int(scores.size)
    mean, half = mean_ci(scores)
    wins = int((tiers < win_tiers(rules)).sum())
    lo, hi = wilson(wins, n)
    out = {
        "runs": n,
        "score_mean": _r(mean),
        "score_ci": _r(half),
        "win_rate": _r(wins / n if n else 0.0, 3),
        "win_ci": [_r(lo, 3), _r(hi, 3)],
        "tiers": {},
    }
    for i, (name, _) in enumerate(rules.tiers):
        k = int((tiers == i).sum())
        lo, hi = wilson(k, n)
        out["tiers"][name] = {"share": _r(k / n if n else 0.0, 3), "ci": [_r(lo, 3), _r(hi, 3)]}
    return out


def paired(a: np.ndarray, b: np.ndarray) -> dict:
    """a - b on the same seeds: mean and 95% half-width."""
    mean, half = mean_ci(a - b)
    return {"mean": _r(mean), "ci": _r(half), "significant": bool(abs(mean) > half)}


# --------------------------------------------------------------------------------------------- playing


def _scores(scenario: Scenario, policy, seeds: np.ndarray, rival=RIVAL_POLICY, chunk: int = 2048) -> np.ndarray:
    return run_batch(scenario, policy, seeds, rival, chunk).scores


def _scores_one_at_a_time(scenario: Scenario, policy: str, seeds: np.ndarray) -> np.ndarray:
    out = []
    for seed in seeds.tolist():
        final = play_game(scenario, policy, int(seed), record=False).final
        out.append(float(score_of(scenario.rules, final)[0]))
    return np.array(out)


# ------------------------------------------------------------------------------------------------ spam


@dataclass(frozen=True)
class Spam:
    """A dull strategy: ``kind`` 'country' (one country and topic for everything), 'topic' (one topic, the
    countries that care most about it in rotation) or 'group' (one group convened every week on one topic,
    its members called on it)."""

    kind: str
    topic: int
    country: int = -1
    group: int = -1

    def name(self, rules: Rules) -> str:
        t = rules.topics[self.topic]
        if self.kind == "country":
            return f"country:{rules.countries[self.country]}:{t}"
        if self.kind == "group":
            return f"group:{rules.groups[self.group]}:{t}"
        return f"topic:{t}"

    def describe(self, rules: Rules) -> str:
        topic = rules.labels.topics[self.topic]
        if self.kind == "country":
            return f"every call, deputy's call and trip to {rules.labels.countries[self.country]} on {topic}"
        if self.kind == "group":
            return f"{rules.labels.groups[self.group]} convened on {topic} every week, its members called on it"
        return f"every call on {topic}, to the countries that care most about it in turn"

    def targets(self, rules: Rules) -> list[int]:
        if self.kind == "country":
            return [self.country]
        if self.kind == "group":
            members = np.flatnonzero(rules.group_members[self.group])
        else:
            members = np.arange(rules.n_countries)
        weight = rules.interest_start[members, self.topic] * rules.mobility[members]
        return [int(members[i]) for i in np.argsort(-weight, kind="stable")]

    def sheet(self, scenario: Scenario, state: State, actor: int) -> Sheet:
        rules = scenario.rules
        sheet = Sheet(actor)

        def add(order: Order) -> bool:
            nonlocal sheet
            if why_illegal(rules, state, sheet, order) is None:
                sheet = sheet.with_order(order)
                return True
            return False

        targets = self.targets(rules)
        if not targets:
            return sheet
        if self.kind == "group":
            add(Order(actor, Kind.MULTILATERAL, self.topic, group=self.group))
        if self.kind == "country":
            add(Order(actor, Kind.VISIT, self.topic, (self.country,)))
        position = state.turn * 3
        for _ in range(64):
            if not add(Order(actor, Kind.CALL, self.topic, (targets[position % len(targets)],))):
                break
            position += 1
        for deputy in range(len(rules.deputies)):
            if rules.deputy_actor[deputy] == actor:
                add(Order(actor, Kind.DEPUTY_CALL, self.topic, (targets[position % len(targets)],), deputy=deputy))
                position += 1
        return sheet


def spam_family(scenario: Scenario) -> list[Spam]:
    rules = scenario.rules
    actor = scenario.player
    topics = [t for t in range(rules.n_topics) if rules.leverage[actor, t] > 0]
    family = [Spam("country", t, country=c) for c in range(rules.n_countries) for t in topics]
    family += [Spam("topic", t) for t in topics]
    family += [Spam("group", t, group=int(g)) for g in np.flatnonzero(rules.group_conveners[actor]) for t in topics]
    return family


class _SpamMixture:
    """One spam strategy per game of a batch (``assign``), each a legality-cached one-game policy."""

    def __init__(self, specs: list[Spam], assign: np.ndarray):
        self.assign = assign
        self.policies = [LegalityCached(lambda sc, st, a, d, s=s: s.sheet(sc, st, a)) for s in specs]

    def __call__(self, scenario: Scenario, state: State, actor: int, dice: Dice) -> SheetBatch:
        parts = []
        for p in np.unique(self.assign):
            games = np.flatnonzero(self.assign == p)
            sub = self.policies[int(p)](scenario, _subset(state, games), actor, dice.subset(games))
            parts.append((games[sub.game], sub.slot, sub.oid))
        game = np.concatenate([p[0] for p in parts])
        order = np.argsort(game, kind="stable")
        return SheetBatch(
            actor,
            game[order],
            np.concatenate([p[1] for p in parts])[order],
            np.concatenate([p[2] for p in parts])[order],
        )


def _subset(state: State, games: np.ndarray) -> State:
    return state.select(games)


def _spam_scores(scenario: Scenario, specs: list[Spam], seeds: np.ndarray, chunk: int) -> np.ndarray:
    """Scores (len(specs), len(seeds)): every strategy on the same seeds, several strategies per chunk."""
    rules = scenario.rules
    per_chunk = max(1, chunk // max(1, seeds.size))
    out = np.empty((len(specs), seeds.size))
    rival = LegalityCached(_historical())
    for first in range(0, len(specs), per_chunk):
        group = specs[first : first + per_chunk]
        assign = np.repeat(np.arange(len(group)), seeds.size)
        policies = {scenario.player: _SpamMixture(group, assign), scenario.rival: rival}
        state = play_weeks(scenario, initial_state(rules, assign.size), Dice(np.tile(seeds, len(group))), policies)
        out[first : first + len(group)] = score_of(rules, state).reshape(len(group), seeds.size)
    return out


def _historical():
    from game.ai.policies import historical

    return historical


# ----------------------------------------------------------------------------------------- sensitivity


def _scale_rows(spill: np.ndarray, factor: float) -> np.ndarray:
    out = spill * factor
    rows = out.sum(axis=1, keepdims=True)
    return np.divide(out, rows, out=np.zeros_like(out), where=rows > 1.0) + out * (rows <= 1.0)


def _step(value: int, factor: float) -> int:
    """An integer moved by the perturbation, at least one step."""
    moved = int(round(value * factor))
    if moved == value:
        moved = value + (1 if factor > 1 else -1)
    return max(0, moved)


def perturbations(rules: Rules) -> list[tuple[str, str, Callable[[Rules, float], Rules]]]:
    """(name, group, apply(rules, factor)) for every invented number or group of numbers."""
    rep = dataclasses.replace
    out: list[tuple[str, str, Callable[[Rules, float], Rules]]] = []
    for name in ("noise_sigma", "fatigue_k", "drift_rate", "spill_rate", "room_exponent", "neglect_weeks"):
        out.append((name, "dynamics", lambda r, f, n=name: rep(r, **{n: getattr(r, n) * f})))
    for name in ("fatigue_decay", "drift_in_touch", "visit_stop_decay"):
        out.append((name, "dynamics", lambda r, f, n=name: rep(r, **{n: min(1.0, getattr(r, n) * f)})))
    out.append(
        ("deputy_specialty_bonus", "dynamics", lambda r, f: rep(r, deputy_specialty_bonus=r.deputy_specialty_bonus * f))
    )
    for kind in (Kind.CALL, Kind.VISIT, Kind.DEPUTY_CALL, Kind.MULTILATERAL):
        label = f"kind_strength.{kind.name.lower()}"

        def strength(r: Rules, f: float, k=kind) -> Rules:
            s = r.kind_strength.copy()
            s[k] *= f
            return rep(r, kind_strength=s)

        out.append((label, "dynamics", strength))
    out.append(
        ("visit_travel_calls", "dynamics", lambda r, f: rep(r, visit_travel_calls=_step(r.visit_travel_calls, f)))
    )
    for a, code in enumerate(rules.actors):

        def power(r: Rules, f: float, a=a) -> Rules:
            p = r.actor_power.copy()
            p[a] *= f
            return rep(r, actor_power=p)

        def budget(r: Rules, f: float, a=a, res=0) -> Rules:
            b = r.base_budget.copy()
            b[a, res] = _step(int(b[a, res]), f)
            return rep(r, base_budget=b)

        def leverage(r: Rules, f: float, a=a) -> Rules:
            lev = r.leverage.copy()
            lev[a] *= f
            return rep(r, leverage=lev)

        out.append((f"{code}.power", "actors", power))
        out.append((f"{code}.calls", "actors", budget))
        out.append((f"{code}.visits", "actors", lambda r, f, a=a: budget(r, f, a, 1)))
        out.append((f"{code}.leverage", "actors", leverage))
    countries = [
        ("alignment_start", lambda r, f: rep(r, alignment_start=np.clip(r.alignment_start * f, -100, 100))),
        ("anchor_offset", lambda r, f: rep(r, anchor_offset_start=r.anchor_offset_start * f)),
        ("interest", lambda r, f: rep(r, interest_start=r.interest_start * f)),
        ("mobility", lambda r, f: rep(r, mobility=r.mobility * f)),
        ("volatility", lambda r, f: rep(r, volatility=r.volatility * f)),
        # Scaling every weight or every rung's points alike leaves the score (a share) unchanged: move the
        # heaviest countries' weights, and each rung's points and threshold on its own.
        (
            "score_weight_heaviest",
            lambda r, f: rep(
                r, score_weight=np.where(r.score_weight >= r.score_weight.max(), r.score_weight * f, r.score_weight)
            ),
        ),
        ("ties", lambda r, f: rep(r, ties_start=np.clip(r.ties_start * f, 0, 1))),
        ("tie_weight", lambda r, f: rep(r, tie_weight=r.tie_weight * f)),
        ("group_spill", lambda r, f: rep(r, spill_matrix=_scale_rows(r.spill_matrix, f))),
    ]
    ladder = rules.ladder
    for r, rung in enumerate(ladder.rungs):
        for o in range(1, len(ladder.options[r])):
            line = rung if ladder.kinds[r] == RungKind.PLEDGE else f"{rung}.{ladder.options[r][o]}"
            if np.isnan(ladder.thresholds[:, r, o]).all():
                continue  # a line no country has: nothing to perturb

            def points(x: Rules, f: float, r=r, o=o) -> Rules:
                p = x.ladder.points.copy()
                p[r, o] *= f
                return rep(x, ladder=dataclasses.replace(x.ladder, points=p))

            def threshold(x: Rules, f: float, r=r, o=o) -> Rules:
                lines = x.ladder.thresholds.copy()
                value = lines[:, r, o]
                # A line at 0 cannot be scaled: it moves by the same share of 25 points (5 at ±20%).
                lines[:, r, o] = np.where(value == 0, (f - 1.0) * 25.0, value * f)
                return rep(x, ladder=dataclasses.replace(x.ladder, thresholds=lines))

            countries.append((f"threshold.{line}", threshold))
            countries.append((f"points.{line}", points))
    countries += [
        ("tier_minimums", lambda r, f: rep(r, tiers=tuple((n, m * f) for n, m in r.tiers))),
    ]
    for name, fn in countries:
        out.append((f"countries.{name}", "countries", fn))
    if rules.tracks:
        out.append(("engage_gain", "tracks", lambda r, f: rep(r, engage_gain=r.engage_gain * f)))
        out.append(("engage_reaction", "tracks", lambda r, f: rep(r, engage_reaction=r.engage_reaction * f)))
        out.append(("track_decay", "tracks", lambda r, f: rep(r, track_decay=np.clip(r.track_decay * f, 0, 1))))
        out.append(("track_threshold", "tracks", lambda r, f: rep(r, track_threshold=r.track_threshold * f)))
    return out


# ------------------------------------------------------------------------------------------------ lab


def run_balance(
    scenario: Scenario, config: BalanceConfig = BalanceConfig(), progress: Callable[[float], None] | None = None
) -> dict:
    rules = scenario.rules
    runs = config.runs
    seeds = np.arange(config.first_seed, config.first_seed + runs, dtype=np.int64)
    report: dict = {
        "scenario": scenario.id,
        "runs": runs,
        "first_seed": config.first_seed,
        "rival_policy": RIVAL_POLICY,
        "win": f"a score of at least {rules.tiers[win_tiers(rules) - 1][1]:g} "
        f"({', '.join(n for n, _ in rules.tiers[: win_tiers(rules)])})",
        "flags": [],
    }
    steps = [s for s in SECTIONS if s in config.sections]
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done / max(1, len(steps)))

    base: dict[str, np.ndarray] = {}
    slow: dict[str, np.ndarray] = {}
    if "policies" in config.sections or "spam" in config.sections or "sensitivity" in config.sections:
        for policy in ("idle", "random", "historical"):
            base[policy] = _scores(scenario, policy, seeds, chunk=config.chunk)
    if "policies" in config.sections:
        report["policies"] = {p: summarise_scores(rules, s) for p, s in base.items()}
        tick()
    if "slow" in config.sections:
        slow_seeds = seeds[: config.slow_runs]
        thinkers = ("greedy", "advisor") + (("keeper",) if (channel_tracks(rules) > 0).any() else ())
        # Is promising a dominant strategy?  The historical campaign with every promise it may make, kept when
        # due or never, on the same seeds as the campaign without them.
        thinkers += ("promiser", "promise_breaker") if rules.promises else ()
        slow = {p: _scores_one_at_a_time(scenario, p, slow_seeds) for p in thinkers}
        report.setdefault("policies", {}).update({p: summarise_scores(rules, s) for p, s in slow.items()})
        if "historical" in base:
            for p, s in slow.items():
                report["policies"][p]["vs_historical"] = paired(s, base["historical"][: s.size])
        tick()
    if "spam" in config.sections:
        report["spam"] = _spam_section(scenario, config, seeds, base.get("historical"), report["flags"])
        tick()
    if "personas" in config.sections:
        report["personas"] = _persona_section(scenario, config, seeds, report["flags"])
        tick()
    if "sensitivity" in config.sections:
        report["sensitivity"] = _sensitivity_section(scenario, config, seeds, base, report["flags"])
        tick()
    _policy_flags(report)
    report["spread"] = _spread(rules, report, base, slow)
    return report


# Skilled play must reach the top tier in at least this share of its games for the top to count as reachable.
TOP_REACHABLE_SHARE = 0.25


def _spread(rules: Rules, report: dict, base: dict[str, np.ndarray], slow: dict[str, np.ndarray]) -> dict | None:
    """Does the score separate play?  The tier of the median game of doing nothing, of the historical campaign
    and of skilled play (the best of greedy, the advisor and, where a channel to the rival scores, the keeper):
    each must be at least one tier below the next, and skilled play must reach the top tier in
    ``TOP_REACHABLE_SHARE`` of its games."""
    if "idle" not in base or "historical" not in base or not slow:
        return None
    # Skilled play is the thinking bots'; the promising players are references of the historical campaign.
    skilled = {p: s for p, s in slow.items() if p not in ("promiser", "promise_breaker")} or slow
    skilled_name = max(skilled, key=lambda p: float(np.median(skilled[p])))
    # The typical game of each: the median, since a score can be bimodal (a bloc that passes or is blocked).
    medians = {p: float(np.median(s)) for p, s in (("idle", base["idle"]), ("historical", base["historical"]))}
    medians["skilled"] = float(np.median(slow[skilled_name]))
    tiers = {p: int(tier_index(rules, np.array([m]))[0]) for p, m in medians.items()}
    top_share = float((tier_index(rules, slow[skilled_name]) == 0).mean())
    out = {
        "skilled_policy": skilled_name,
        "tiers": {p: rules.tiers[t][0] for p, t in tiers.items()},
        "medians": {p: _r(m) for p, m in medians.items()},
        "skilled_top_share": _r(top_share, 3),
        "separates": tiers["idle"] > tiers["historical"] > tiers["skilled"] and top_share >= TOP_REACHABLE_SHARE,
    }
    if tiers["idle"] <= tiers["historical"]:
        report["flags"].append(f"doing nothing ends in the historical campaign's tier ({out['tiers']['idle']})")
    if tiers["skilled"] >= tiers["historical"]:
        report["flags"].append(
            f"skilled play ({skilled_name}) ends in no better tier than the historical campaign "
            f"({out['tiers']['skilled']})"
        )
    if top_share < TOP_REACHABLE_SHARE:
        report["flags"].append(
            f"the top tier ({rules.tiers[0][0]}) is reached in only {top_share:.0%} of skilled games ({skilled_name})"
        )
    return out


def _policy_flags(report: dict) -> None:
    pol = report.get("policies", {})
    if "idle" in pol and "historical" in pol and pol["idle"]["score_mean"] >= pol["historical"]["score_mean"]:
        report["flags"].append("doing nothing scores at least as well as the historical campaign")
    if "random" in pol and "historical" in pol and pol["random"]["score_mean"] > pol["historical"]["score_mean"]:
        report["flags"].append("random orders beat the historical campaign")
    for p in ("greedy", "advisor", "keeper"):
        if p in pol and "historical" in pol:
            vs = pol[p].get("vs_historical")
            if vs and vs["mean"] < 0 and vs["significant"]:
                report["flags"].append(f"the {p} bot does worse than the historical campaign")


def _spam_section(scenario: Scenario, config: BalanceConfig, seeds: np.ndarray, history, flags: list) -> dict:
    rules = scenario.rules
    family = spam_family(scenario)
    screen_seeds = seeds[: min(config.spam_screen_runs, seeds.size)]
    screen = _spam_scores(scenario, family, screen_seeds, config.chunk)
    means = screen.mean(axis=1)
    best = np.argsort(-means, kind="stable")[: config.spam_finalists]
    finalists = [family[int(i)] for i in best]
    full = _spam_scores(scenario, finalists, seeds, config.chunk)
    if history is None:
        history = _scores(scenario, "historical", seeds, chunk=config.chunk)
    rows = []
    for spec, scores in zip(finalists, full):
        row = {"strategy": spec.name(rules), "description": spec.describe(rules), **summarise_scores(rules, scores)}
        row["vs_historical"] = paired(scores, history)
        row["beats_history"] = bool(row["vs_historical"]["mean"] > 0 and row["vs_historical"]["significant"])
        row["wins_too_often"] = bool(row["win_rate"] > 0.5)
        if row["beats_history"]:
            by = row["vs_historical"]["mean"]
            flags.append(f"dominant strategy: {row['strategy']} beats the historical campaign by {by:+.1f} points")
        if row["wins_too_often"]:
            flags.append(f"dominant strategy: {row['strategy']} wins {row['win_rate']:.0%} of games")
        rows.append(row)
    by_kind = {}
    for kind in ("country", "topic", "group"):
        idx = [i for i, s in enumerate(family) if s.kind == kind]
        if idx:
            top = max(idx, key=lambda i: (means[i], -i))
            by_kind[kind] = {"best": family[top].name(rules), "screen_mean": _r(means[top]), "strategies": len(idx)}
    return {"screened": len(family), "screen_runs": int(screen_seeds.size), "families": by_kind, "finalists": rows}


def _persona_section(scenario: Scenario, config: BalanceConfig, seeds: np.ndarray, flags: list) -> dict:
    rules = scenario.rules
    player = config.persona_player
    rows = {}
    reference = _scores(scenario, player, seeds, RIVAL_POLICY, config.chunk)
    rows[RIVAL_POLICY] = summarise_scores(rules, reference)
    ladders = {}
    for persona in PERSONAS if config.personas is None else config.personas:
        per_level = {}
        for level in LEVELS:
            name = f"{persona}:{level}"
            per_level[level] = _scores(scenario, player, seeds, name, config.chunk)
            rows[name] = summarise_scores(rules, per_level[level])
        steps = []
        for level in list(LEVELS)[1:]:
            diff = paired(per_level[level - 1], per_level[level])  # > 0: the higher level holds the player lower
            diff["stronger"] = bool(diff["mean"] > 0 and diff["significant"])
            steps.append({"from": level - 1, "to": level, "player_score_drop": diff})
            if not diff["stronger"]:
                flags.append(f"persona {persona}: level {level} is not measurably stronger than level {level - 1}")
        ladders[persona] = steps
    return {"player_policy": player, "rivals": rows, "ladders": ladders}


def _sensitivity_section(scenario: Scenario, config: BalanceConfig, seeds: np.ndarray, base: dict, flags: list) -> dict:
    rules = scenario.rules
    sens_seeds = seeds[: min(config.sensitivity_runs, seeds.size)]
    policies = ("historical", "random")
    reference = {p: base[p][: sens_seeds.size] if p in base else _scores(scenario, p, sens_seeds) for p in policies}
    reference_win = {p: float((tier_index(rules, reference[p]) < win_tiers(rules)).mean()) for p in policies}
    rows = []
    for name, group, apply in perturbations(rules):
        if config.parameters is not None and name not in config.parameters:
            continue
        row = {"parameter": name, "group": group}
        worst = worst_win = 0.0
        for label, factor in (("minus", 1.0 - config.perturbation), ("plus", 1.0 + config.perturbation)):
            changed = dataclasses.replace(scenario, rules=apply(rules, factor))
            entry = {}
            for p in policies:
                s = _scores(changed, p, sens_seeds, chunk=config.chunk)
                wins = float((tier_index(changed.rules, s) < win_tiers(changed.rules)).mean())
                entry[p] = {
                    "score_change": _r(s.mean() - reference[p].mean()),
                    "win_rate_change": _r(wins - reference_win[p], 3),
                }
                worst = max(worst, abs(s.mean() - reference[p].mean()))
                if p == "historical":
                    worst_win = max(worst_win, abs(wins - reference_win[p]))
            row[label] = entry
        row["largest_change"] = _r(worst)
        row["largest_win_rate_change"] = _r(worst_win, 3)
        rows.append(row)
    rows.sort(key=lambda r: -r["largest_change"])
    for row in rows[:3]:
        if row["largest_change"] >= 5.0:
            flags.append(
                f"the result hangs on {row['parameter']}: ±{config.perturbation:.0%} moves a mean score by "
                f"{row['largest_change']:.1f} points"
            )
    for row in sorted(rows, key=lambda r: -r["largest_win_rate_change"])[:3]:
        if row["largest_win_rate_change"] >= 0.25:
            flags.append(
                f"the historical win rate hangs on {row['parameter']}: ±{config.perturbation:.0%} moves it by "
                f"{row['largest_win_rate_change']:.0%}"
            )
    return {
        "runs": int(sens_seeds.size),
        "perturbation": config.perturbation,
        "reference": {p: _r(reference[p].mean()) for p in policies},
        "parameters": rows,
    }


# ---------------------------------------------------------------------------------------------- text


def format_report(report: dict) -> str:
    lines = [f"Balance of {report['scenario']}: {report['runs']} runs from seed {report['first_seed']}"]
    lines.append(f"Rival: {report['rival_policy']}.  A win is {report['win']}.")
    pol = report.get("policies")
    if pol:
        lines += ["", f"{'policy':15} {'runs':>5} {'score':>14} {'win rate':>18}"]
        for name, p in pol.items():
            lo, hi = p["win_ci"]
            vs = p.get("vs_historical")
            lines.append(
                f"{name:15} {p['runs']:5d} {p['score_mean']:7.1f} ± {p['score_ci']:<4.1f} "
                f"{p['win_rate']:6.1%} [{lo:.1%}, {hi:.1%}]"
                + (f"  vs history {vs['mean']:+.1f} ± {vs['ci']:.1f}" if vs else "")
            )
    spread = report.get("spread")
    if spread:
        t, m = spread["tiers"], spread["medians"]
        lines += [
            "",
            f"Spread (median games): idle {m['idle']:.1f} ({t['idle']}) "
            f"< historical {m['historical']:.1f} ({t['historical']}) "
            f"< {spread['skilled_policy']} {m['skilled']:.1f} ({t['skilled']}); "
            f"top tier in {spread['skilled_top_share']:.0%} of skilled games: "
            + ("separates play" if spread["separates"] else "does NOT separate play"),
        ]
    spam = report.get("spam")
    if spam:
        lines += ["", f"Dominant-strategy screen: {spam['screened']} spam strategies on {spam['screen_runs']} games"]
        for kind, info in spam["families"].items():
            lines.append(f"  best {kind:8} {info['best']:40} {info['screen_mean']:6.1f}")
        lines.append("  finalists on every run (vs the historical campaign, same seeds):")
        for row in spam["finalists"]:
            vs = row["vs_historical"]
            mark = " FLAG" if row["beats_history"] or row["wins_too_often"] else ""
            lines.append(
                f"  {row['strategy']:44} {row['score_mean']:6.1f}  win {row['win_rate']:5.1%}  "
                f"vs history {vs['mean']:+5.1f} ± {vs['ci']:.1f}{mark}"
            )
    per = report.get("personas")
    if per:
        lines += ["", f"Rival personas against the {per['player_policy']} player (lower player score: stronger rival)"]
        for name, row in per["rivals"].items():
            lines.append(f"  {name:20} {row['score_mean']:6.1f} ± {row['score_ci']:.1f}  win {row['win_rate']:5.1%}")
        for persona, steps in per["ladders"].items():
            text = ", ".join(
                f"{s['from']}->{s['to']} {s['player_score_drop']['mean']:+.1f}±{s['player_score_drop']['ci']:.1f}"
                + ("" if s["player_score_drop"]["stronger"] else " (not stronger)")
                for s in steps
            )
            lines.append(f"  {persona}: player score drop {text}")
    sens = report.get("sensitivity")
    if sens:
        lines += [
            "",
            f"Sensitivity: each number ±{sens['perturbation']:.0%}, {sens['runs']} games, change in mean score "
            f"(historical {sens['reference']['historical']:.1f}, random {sens['reference']['random']:.1f})",
            f"  {'parameter':32} {'hist -':>7} {'hist +':>7} {'rand -':>7} {'rand +':>7}   win rate of history -/+",
        ]
        for row in sens["parameters"]:
            m, p = row["minus"], row["plus"]
            changes = (m["historical"], p["historical"], m["random"], p["random"])
            wins = f"{m['historical']['win_rate_change']:+6.0%} {p['historical']['win_rate_change']:+6.0%}"
            lines.append(
                f"  {row['parameter']:32} " + " ".join(f"{c['score_change']:+7.1f}" for c in changes) + f"   {wins}"
            )
    lines += ["", "Flags:" if report["flags"] else "Flags: none"]
    lines += [f"  - {f}" for f in report["flags"]]
    return "\n".join(lines)
