"""Policies for a batch of games: one call fills the order sheets of every game of the batch at once.

A batch policy returns a ``SheetBatch`` (game, place in the sheet, catalogue id) instead of one ``Sheet``.
Each one here gives, game by game, exactly the sheet its one-game counterpart in ``policies`` gives for the
same state and seed, so that a batch of games and the same games played one at a time agree:

* ``idle`` - nothing.
* ``random`` - the one-game ``random_policy`` vectorised: the same keyed draws (purpose, actor, draw number)
  and the same choice procedure (a random class of order, then a random order of that class; a class whose
  drawn order is refused is dropped), with every game's own budget.
* ``LegalityCached`` - for a policy whose sheet depends on the state only through what is legal this week
  (the historical playbook, the "spam" strategies of the balance lab): the one-game policy is asked once per
  distinct budget situation (calls, visits, free deputies) and its sheet is copied to every game in it.
* ``PerGame`` - any one-game policy (greedy, the advisor), asked game by game.  Exact, not faster.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np

from game.engine import Dice, Rules, State, resolve_contacts
from game.scenario.build import Scenario

from .catalog import SheetBatch, catalog, tables
from .policies import Policy, historical, idle, random_policy
from .random_bot import batch_random, free_deputies, week_budgets

BatchPolicy = Callable[[Scenario, State, int, Dice], SheetBatch]


def legality_signature(rules: Rules, state: State, actor: int) -> np.ndarray:
    """Everything ``why_illegal`` reads from the state about ``actor``'s sheet this week, per game (B, S)."""
    _, free = free_deputies(rules, state, actor)
    return np.concatenate([week_budgets(rules, state, actor), free.astype(np.int64)], axis=1)


# ---------------------------------------------------------------------------------------------- idle


def batch_idle(scenario: Scenario, state: State, actor: int, dice: Dice) -> SheetBatch:
    return SheetBatch.empty(actor)


# ------------------------------------------------------------------------ legality-cached and per game


class LegalityCached:
    """A one-game policy whose sheet depends on the state only through the week and what is legal
    (budgets, deputies tied up): asked once per distinct situation, its sheet copied to every such game."""

    def __init__(self, policy: Policy):
        self.policy = policy
        self._cache: dict[tuple, tuple[Rules, np.ndarray, tuple[int, ...]]] = {}

    def __call__(self, scenario: Scenario, state: State, actor: int, dice: Dice) -> SheetBatch:
        rules = scenario.rules
        b = state.games
        if b == 0:
            return SheetBatch.empty(actor)
        sig = legality_signature(rules, state, actor)
        if (sig == sig[0]).all():
            uniq, inverse, reps = sig[:1], np.zeros(b, dtype=np.int64), np.zeros(1, dtype=np.int64)
        else:
            uniq, reps, inverse = np.unique(sig, axis=0, return_index=True, return_inverse=True)
            inverse = inverse.reshape(-1)
        cat = catalog(rules, actor)
        templates, raises = [], []
        for j in range(uniq.shape[0]):
            key = (id(rules), id(scenario), actor, state.turn, uniq[j].tobytes())
            hit = self._cache.get(key)
            if hit is None or hit[0] is not rules:
                rep = int(reps[j])
                sheet = self.policy(scenario, state.game(rep), actor, dice.subset([rep]))
                hit = (rules, np.asarray(cat.ids_of(sheet.orders), dtype=np.int64), sheet.raises)
                self._cache[key] = hit
            templates.append(hit[1])
            raises.append(hit[2])
        lengths = np.array([t.size for t in templates], dtype=np.int64)
        flat = np.concatenate(templates) if templates else np.zeros(0, dtype=np.int64)
        starts = np.r_[0, np.cumsum(lengths)[:-1]].astype(np.int64)
        n = lengths[inverse]
        total = int(n.sum())
        game = np.repeat(np.arange(b), n)
        within = np.arange(total) - np.repeat(np.cumsum(n) - n, n)
        oid = flat[starts[inverse][game] + within]
        batch = SheetBatch(actor, game, within, oid)
        # A week whose sheet raises an escalation (history's, in its week) raises it in every game alike.
        raised = [(g, e) for g in range(b) for e in raises[inverse[g]]] if any(raises) else []
        return batch.with_raises(*zip(*raised)) if raised else batch


class PerGame:
    """Any one-game policy, asked for each game of the batch in turn (with that game's own dice)."""

    def __init__(self, policy: Policy):
        self.policy = policy

    def __call__(self, scenario: Scenario, state: State, actor: int, dice: Dice) -> SheetBatch:
        sheets = [self.policy(scenario, state.game(i), actor, dice.subset([i])) for i in range(state.games)]
        return catalog(scenario.rules, actor).batch_from_sheets(sheets)


def batch_form(policy: Policy) -> BatchPolicy:
    """The batch form of a policy: vectorised where it exists, else the one-game policy game by game (names are
    ``game.ai.make_batch_policy``'s)."""
    if policy is idle:
        return batch_idle
    if policy is random_policy:
        return batch_random
    if policy is historical:
        return LegalityCached(historical)
    vectorised = getattr(policy, "batch", None)
    return vectorised if vectorised is not None else PerGame(policy)


# ------------------------------------------------------------------------------------------ playing


def tile_state(state: State, copies: int) -> State:
    """``copies`` copies of a batch, one after the other: game ``b`` of copy ``r`` is game ``r * B + b``."""

    def tile(a: np.ndarray) -> np.ndarray:
        return np.concatenate([a] * copies, axis=0) if copies > 1 else a.copy()

    arrays = {f.name: tile(getattr(state, f.name)) for f in dataclasses.fields(state) if f.name != "turn"}
    return State(turn=state.turn, **arrays)


def raised_of(rules: Rules, games: int, batches: list[SheetBatch]) -> np.ndarray | None:
    """(B, E) bool: the escalations the batches raise this week, or None when they raise none."""
    if not any(batch.raised_game.size for batch in batches):
        return None
    raised = np.zeros((games, len(rules.events)), dtype=bool)
    for batch in batches:
        raised[batch.raised_game, batch.raised_event] = True
    return raised


def play_weeks(
    scenario: Scenario,
    state: State,
    dice: Dice,
    policies: dict[int, BatchPolicy],
    weeks: int | None = None,
    first: dict[int, SheetBatch] | None = None,
) -> State:
    """Play ``weeks`` weeks (default: to the end) of every game of the batch through ``resolve_contacts``.

    ``first`` gives fixed sheets for some actors in the first week played (the advisor's candidate orders);
    the other actors, and every actor in later weeks, use ``policies``.
    """
    rules = scenario.rules
    end = rules.n_turns if weeks is None else min(rules.n_turns, state.turn + weeks)
    while state.turn < end:
        batches = []
        for actor in range(rules.n_actors):
            if first and actor in first:
                batches.append(first[actor])
            elif actor in policies:
                batches.append(policies[actor](scenario, state, actor, dice))
        first = None
        contacts, engagements = tables(rules, batches)
        raised = raised_of(rules, state.games, batches)
        state = resolve_contacts(state, contacts, rules, dice, engagements=engagements, raised=raised).state
    return state
