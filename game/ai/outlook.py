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

from .advisor import rollout_seeds
from .batch_policies import LegalityCached, batch_idle, play_weeks
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
