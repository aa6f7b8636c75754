"""Batch policies give, game by game, exactly the sheets of their one-game forms, and only legal ones."""

from __future__ import annotations

import types

import numpy as np
import pytest

from game.ai import make_batch_policy
from game.ai.batch_policies import LegalityCached, PerGame, batch_random
from game.ai.catalog import SheetBatch, catalog, tables
from game.ai.policies import historical, random_policy, random_policy_by_orders
from game.engine import Dice, Resource, State, contacts_from_sheets, initial_state, validate_sheet
from game.engine.resolve import engagements_from_sheets
from game.scenario import bundled_scenarios, load_scenario
from tests.engine import worlds


def _varied(rules, games: int, seed: int = 0, turn: int = 0) -> State:
    """A batch whose games differ in what is legal: budgets moved up and down, deputies tied up."""
    rng = np.random.default_rng(seed)
    state = initial_state(rules, games)
    budget_mod = state.budget_mod.copy()
    budget_mod[:, :, Resource.CALLS, turn] = rng.integers(-6, 3, size=(games, rules.n_actors))
    budget_mod[:, :, Resource.VISITS, turn] = rng.integers(-1, 2, size=(games, rules.n_actors))
    busy = state.deputy_busy.copy()
    busy[:, :, turn] = rng.random((games, len(rules.deputies))) < 0.3
    return state.evolve(turn=turn, budget_mod=budget_mod, deputy_busy=busy)


def _tiny_scenario(rules):
    return types.SimpleNamespace(rules=rules, player=worlds.W, rival=worlds.M, playbook={}, outreach={})


@pytest.fixture(scope="module")
def scenarios():
    return [load_scenario(p) for p in bundled_scenarios()]


def _worlds(scenarios):
    return [*scenarios, _tiny_scenario(worlds.tiny_rules()), _tiny_scenario(worlds.engage_rules())]


def test_batch_random_gives_the_one_game_sheets_whatever_the_budget(scenarios):
    for scenario in _worlds(scenarios):
        rules = scenario.rules
        for actor in range(rules.n_actors):
            state = _varied(rules, 40, seed=actor, turn=1)
            dice = Dice(np.arange(100, 140))
            batch = batch_random(scenario, state, actor, dice)
            got = catalog(rules, actor).sheets(batch, state.games)
            for i in range(state.games):
                expected = random_policy_by_orders(scenario, state.game(i), actor, dice.subset([i]))
                assert got[i] == expected, (getattr(scenario, "id", "tiny"), actor, i)
                # the one-game bot (the batch bot on a batch of one) makes the same choices
                assert random_policy(scenario, state.game(i), actor, dice.subset([i])) == expected


def test_every_batch_sheet_passes_the_engine_check(scenarios):
    for scenario in _worlds(scenarios):
        rules = scenario.rules
        state = _varied(rules, 60, seed=7, turn=2)
        dice = Dice(np.arange(60))
        policies = [batch_random, LegalityCached(historical)] if hasattr(scenario, "doc") else [batch_random]
        for actor in range(rules.n_actors):
            for policy in policies:
                sheets = catalog(rules, actor).sheets(policy(scenario, state, actor, dice), state.games)
                for i, sheet in enumerate(sheets):
                    validate_sheet(rules, state.game(i), sheet)


def test_the_legality_cached_playbook_is_the_playbook_game_by_game(ftz):
    rules = ftz.rules
    for turn in (0, 8, 9, 11):
        state = _varied(rules, 30, seed=turn, turn=turn)
        dice = Dice(np.arange(30))
        for actor in (ftz.player, ftz.rival):
            got = catalog(rules, actor).sheets(LegalityCached(historical)(ftz, state, actor, dice), 30)
            assert got == [historical(ftz, state.game(i), actor, dice.subset([i])) for i in range(30)]


def test_make_batch_policy_falls_back_to_one_game_at_a_time():
    assert isinstance(make_batch_policy("greedy"), PerGame)
    assert make_batch_policy("random") is batch_random


def test_the_catalogue_builds_the_contact_table_of_contacts_from_sheets(ftz):
    rules = ftz.rules
    state = _varied(rules, 12, seed=3, turn=0)
    dice = Dice(np.arange(12))
    b0 = batch_random(ftz, state, 0, dice)
    b1 = batch_random(ftz, state, 1, dice)
    contacts, engagements = tables(rules, [b0, b1])
    sheets = list(zip(catalog(rules, 0).sheets(b0, 12), catalog(rules, 1).sheets(b1, 12)))
    expected = contacts_from_sheets(rules, sheets)
    # Rows come actor by actor rather than game by game; per (game, actor, country) the order is the same.
    key = np.lexsort((np.arange(contacts.size), contacts.actor, contacts.game))
    for field in ("game", "actor", "kind", "order", "stop", "country", "topic", "strength"):
        np.testing.assert_array_equal(getattr(contacts, field)[key], getattr(expected, field), err_msg=field)
    assert engagements.size == engagements_from_sheets(rules, sheets).size == 0


def test_engagements_come_out_as_the_engine_builds_them():
    scenario = _tiny_scenario(worlds.engage_rules())
    rules = scenario.rules
    state = _varied(rules, 50, seed=5, turn=0)
    batch = batch_random(scenario, state, worlds.W, Dice(np.arange(50)))
    _, engagements = tables(rules, [batch])
    expected = engagements_from_sheets(rules, [[s] for s in catalog(rules, worlds.W).sheets(batch, 50)])
    assert engagements.size == expected.size > 0
    for field in ("game", "actor", "order", "topic", "strength"):
        np.testing.assert_array_equal(getattr(engagements, field), getattr(expected, field))


def test_a_sheet_batch_numbers_slots_within_each_game():
    batch = SheetBatch.from_rows(0, np.array([0, 0, 2, 2, 2]), np.array([5, 6, 7, 8, 9]))
    assert batch.slot.tolist() == [0, 1, 0, 1, 2]
    assert batch.counts(4).tolist() == [2, 0, 3, 0]
