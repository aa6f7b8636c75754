"""The expected end result: where the crisis is likely to finish from here, given this week's plan.

"If it ended today" scores the alignments as they stand, a step function of the commitment lines that rarely
moves while a week is drafted.  The expected end result plays the rest of the crisis forward instead: from the
current state, ``rollouts`` seeded games through the batch engine (``batch_policies.play_weeks``, with the
rollout seeds of the staff's advice), in which

* this week the side asking gives exactly its drafted plan, and every other side plays its policy;
* in later weeks the asking side **repeats this week's plan** (``CONTINUATION``: each of its orders that is
  still allowed that week, in the same order), so the number reads "where this plan leads if you kept it up".
  The other simple continuation, staying idle, was measured and rejected: drift takes back most of one week's
  shifts by the end, so adding a call moved the idle outlook by 0.0 points for five of six capitals tried
  (flood_the_zone, week 1), and the number looked as dead as "if it ended today";
* the other side plays its policy, except that a rival who looks ahead by playing rollouts of its own (a
  level-4 persona) is modelled by the same persona one level down, and a person (two-sided play) or a bot that
  thinks game by game (greedy, the advisor) by the historical playbook: a rollout inside a rollout costs
  seconds, not milliseconds.

The answer is the mean final score and the 10th-90th percentile of the rollouts; the same state, plan and seed
always give the same numbers (every rollout has its own keyed dice).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from game.engine import Dice, Sheet, State, refusal
from game.engine.outcome import score_of
from game.scenario.build import Scenario

from .batch_policies import LegalityCached, batch_idle, legality_signature, play_weeks
from .catalog import SheetBatch, catalog
from .named import batch_policy_named
from .personas import parse_persona

ROLLOUTS = 64
CONTINUATION = "repeat"  # or "idle": the asking side gives no orders after this week
HUMAN_MODEL = "historical"  # a person's side in the rollouts


@dataclass(frozen=True)
class Outlook:
    """The expected final score (0-100) of the asking side's plan, and the range of 8 rollouts in 10."""

    mean: float
    low: float  # 10th percentile of the rollouts' final scores
    high: float  # 90th percentile
    rollouts: int
    continuation: str
    rival_model: str


def rollout_seeds(seed: int, turn: int, first: int, count: int) -> np.ndarray:
    """Seeds of the rollouts ``first .. first + count - 1`` asked at ``turn`` (a pure function), shared by the
    expected end and the staff's advice so that both play the same luck."""
    mask = (1 << 64) - 1
    base = (seed ^ ((turn + 1) * 0x9E3779B97F4A7C15)) & mask
    return np.array(
        [((base + i * 0xBF58476D1CE4E5B9) & mask) >> 1 for i in range(first, first + count)], dtype=np.int64
    )


def rollout_model(name: str) -> str:
    """The policy that stands in for ``name`` in the rollouts: itself, unless it plays rollouts of its own (a
    level-4 persona: the same persona at level 3), is a person, or thinks game by game (greedy, the advisor:
    the historical playbook)."""
    try:
        parsed = parse_persona(name)
    except ValueError:
        parsed = None
    if parsed is not None and parsed[1] >= 4:
        return f"{parsed[0]}:3"
    if parsed is None and name not in ("historical", "idle", "random"):
        return HUMAN_MODEL  # a person, or a bot that thinks game by game (greedy, the advisor)
    return name


def expected_end(
    scenario: Scenario,
    state: State,
    side: int,
    plan: Sheet,
    rival: str,
    seed: int,
    rollouts: int = ROLLOUTS,
    continuation: str = CONTINUATION,
) -> Outlook:
    """The expected end result of ``side`` giving ``plan`` this week and then ``continuation`` ("repeat" the
    plan, or stay "idle"), against ``rival`` (a policy name, modelled by :func:`rollout_model`), over
    ``rollouts`` seeded games."""
    rules = scenario.rules
    model = rollout_model(rival)
    if state.turn >= rules.n_turns:
        now = float(score_of(rules, state)[0])
        return Outlook(now, now, now, 0, continuation, model)
    seeds = rollout_seeds(seed, state.turn, 0, rollouts)
    games = seeds.size
    oids = np.asarray(catalog(rules, side).ids_of(plan.orders), dtype=np.int64)
    first = SheetBatch.from_rows(side, np.repeat(np.arange(games), oids.size), np.tile(oids, games))
    policies = {side: LegalityCached(Repeat(plan)) if continuation == "repeat" else batch_idle}
    for other in range(rules.n_actors):
        if other != side:
            policies[other] = batch_policy_named(model)
    final = play_weeks(scenario, state.tiled(games), Dice(seeds), policies, first={side: first})
    scores = score_of(rules, final)
    low, high = np.quantile(scores, [0.1, 0.9])
    return Outlook(float(scores.mean()), float(low), float(high), int(games), continuation, model)


class Repeat:
    """A one-game policy giving the orders of ``plan`` that are allowed this week, in their order: a plan kept
    up week after week.  What it gives depends on the state only through what is legal, so its batch form is
    ``LegalityCached``."""

    def __init__(self, plan: Sheet):
        self.plan = plan

    def __call__(self, scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
        sheet = Sheet(actor)
        for order in self.plan.orders:
            if refusal(scenario.rules, state, sheet, order) is None:
                sheet = sheet.with_order(order)
        return sheet


class RepeatEach:
    """The batch form of :class:`Repeat` for several plans at once: game ``g`` keeps up ``plans[g // block]``.
    A plan's sheet depends on the state only through what is legal, so each plan is asked once per distinct
    budget situation of its games."""

    def __init__(self, plans: list[Sheet], block: int):
        self.plans = [Repeat(plan) for plan in plans]
        self.block = block
        self._cache: dict[tuple, np.ndarray] = {}

    def __call__(self, scenario: Scenario, state: State, actor: int, dice: Dice) -> SheetBatch:
        rules = scenario.rules
        b = state.games
        plan_of = np.minimum(np.arange(b) // self.block, len(self.plans) - 1)
        keys = np.concatenate([plan_of[:, None], legality_signature(rules, state, actor)], axis=1)
        uniq, reps, inverse = np.unique(keys, axis=0, return_index=True, return_inverse=True)
        inverse = inverse.reshape(-1)
        cat = catalog(rules, actor)
        templates = []
        for j in range(uniq.shape[0]):
            key = (state.turn, uniq[j].tobytes())
            ids = self._cache.get(key)
            if ids is None:
                rep = int(reps[j])
                sheet = self.plans[int(uniq[j, 0])](scenario, state.game(rep), actor, dice.subset([rep]))
                ids = self._cache[key] = np.asarray(cat.ids_of(sheet.orders), dtype=np.int64)
            templates.append(ids)
        lengths = np.array([t.size for t in templates], dtype=np.int64)
        flat = np.concatenate(templates) if templates else np.zeros(0, dtype=np.int64)
        starts = np.r_[0, np.cumsum(lengths)[:-1]].astype(np.int64)
        n = lengths[inverse]
        game = np.repeat(np.arange(b), n)
        within = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
        return SheetBatch(actor, game, within, flat[starts[inverse][game] + within])


@dataclass(frozen=True)
class KeptUp:
    """What each of several orders does to the expected end when it is kept up: the plan with it, repeated
    every week, against the plan alone, on the same rollouts (so luck cancels out of the difference)."""

    base: Outlook  # the plan's own expected end: the top bar's number
    gains: np.ndarray  # (K,) mean change of the final score, from the asking side's point of view
    spreads: np.ndarray  # (K,) 95% half-width of each gain over the rollouts


def kept_up(
    scenario: Scenario,
    state: State,
    side: int,
    plan: Sheet,
    options: list,
    rival: str,
    seed: int,
    rollouts: int = ROLLOUTS,
) -> KeptUp:
    """For each order of ``options`` (each legal after ``plan``), how far the expected end moves when the side
    gives ``plan`` plus that order this week and every week after: :func:`expected_end` of both plans, played
    in one batch with the same seeds (the base is the expected end of ``plan`` itself, to the last bit)."""
    rules = scenario.rules
    model = rollout_model(rival)
    k = len(options)
    sign = float(rules.actor_sign[side])
    if state.turn >= rules.n_turns or k == 0:
        base = expected_end(scenario, state, side, plan, rival, seed, rollouts)
        return KeptUp(base, np.zeros(k), np.zeros(k))
    seeds = rollout_seeds(seed, state.turn, 0, rollouts)
    m = seeds.size
    plans = [plan] + [plan.with_order(order) for order in options]
    cat = catalog(rules, side)
    game_rows, oid_rows = [], []
    for i, p in enumerate(plans):
        ids = cat.ids_of(p.orders)
        game_rows.append(np.repeat(np.arange(i * m, (i + 1) * m), len(ids)))
        oid_rows.append(np.tile(np.asarray(ids, dtype=np.int64), m))
    first = SheetBatch.from_rows(side, np.concatenate(game_rows), np.concatenate(oid_rows))
    policies = {side: RepeatEach(plans, m)}
    for other in range(rules.n_actors):
        if other != side:
            policies[other] = batch_policy_named(model)
    dice = Dice(np.tile(seeds, len(plans)))
    final = play_weeks(scenario, state.tiled(len(plans) * m), dice, policies, first={side: first})
    scores = score_of(rules, final).reshape(len(plans), m)
    low, high = np.quantile(scores[0], [0.1, 0.9])
    base = Outlook(float(scores[0].mean()), float(low), float(high), m, CONTINUATION, model)
    diff = sign * (scores[1:] - scores[0][None, :])
    spreads = 1.96 * diff.std(axis=1, ddof=1) / np.sqrt(m) if m > 1 else np.zeros(k)
    return KeptUp(base, diff.mean(axis=1), spreads)


class OutlookCache:
    """The last few answers by (state, side, plan, rival, seed, rollouts): the window asks every frame it
    redraws, and a plan changes a few times a minute."""

    def __init__(self, size: int = 16):
        self.size = size
        self._entries: list[tuple[tuple, State, Outlook]] = []

    def get(self, scenario: Scenario, state: State, side: int, plan: Sheet, rival: str, seed: int, **kw) -> Outlook:
        key = (id(scenario.rules), state.turn, side, tuple(plan.orders), rival, int(seed), tuple(sorted(kw.items())))
        for k, s, answer in self._entries:
            if k == key and s is state:
                return answer
        answer = expected_end(scenario, state, side, plan, rival, seed, **kw)
        self._entries.append((key, state, answer))
        del self._entries[: -self.size]
        return answer
