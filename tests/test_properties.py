"""Properties over the whole Flood the Zone scenario: whatever legal orders either side gives, whatever the
seed and whichever bots play, the game stays on the scale, within budget and finite, and ends with a score.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.ai import POLICIES
from game.engine import (
    Dice,
    IllegalOrder,
    Resource,
    Sheet,
    budget,
    candidate_orders,
    initial_state,
    legal_orders,
    remaining,
    resolve_turn,
    validate_sheet,
    why_illegal,
)
from game.engine.outcome import score
from game.scenario import load_scenario
from game.session import Session
from game.sim import play_game, summarize

SEEDS = st.integers(min_value=0, max_value=2**63 - 1)


# database=None: no .hypothesis folder in the checkout; the examples are reproducible from the seed printed
# on failure.
def examples(n: int) -> settings:
    return settings(
        max_examples=n,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@functools.lru_cache(maxsize=1)
def flood():
    return load_scenario("flood_the_zone")


def _finite(state) -> bool:
    return all(
        np.isfinite(getattr(state, name)).all()
        for name in ("alignment", "ties", "anchor_offset", "interest", "recent", "power_mod")
    )


def _random_legal_sheet(data, rules, state, actor: int, most: int) -> Sheet:
    """A sheet built the way a player builds one: each order picked from what is legal at that moment."""
    sheet = Sheet(actor)
    for _ in range(data.draw(st.integers(0, most), label="orders")):
        options = legal_orders(rules, state, sheet)
        if not options:
            break
        sheet = sheet.with_order(options[data.draw(st.integers(0, len(options) - 1), label="pick")])
        left = remaining(rules, state, sheet)
        assert min(left.values()) >= 0, left
    return sheet


def _play_random_sheets(data, seed: int, most: int) -> None:
    rules = flood().rules
    dice = Dice.single(seed)
    state = initial_state(rules)
    while state.turn < rules.n_turns:
        sheets = tuple(_random_legal_sheet(data, rules, state, actor, most) for actor in range(rules.n_actors))
        result = resolve_turn(state, sheets, rules, dice)
        state = result.state
        assert _finite(state)
        assert np.all(np.abs(state.alignment) <= 100.0)
        for actor in range(rules.n_actors):
            assert min(budget(rules, state, actor).values()) >= 0
        for move in result.records[0].moves:
            assert -100.0 <= move.after <= 100.0
    assert 0.0 <= score(rules, state.alignment)[0] <= 100.0


@examples(6)
@given(data=st.data(), seed=SEEDS)
def test_random_legal_sheets_keep_the_game_on_the_scale_within_budget_and_finite(data, seed):
    _play_random_sheets(data, seed, most=12)


@pytest.mark.slow
@examples(60)
@given(data=st.data(), seed=SEEDS)
def test_random_legal_sheets_keep_the_game_on_the_scale_within_budget_and_finite_many(data, seed):
    _play_random_sheets(data, seed, most=16)


COSTLY_POLICIES = {"greedy"}  # up to seconds a game: one example per run
FAST_POLICIES = sorted(set(POLICIES) - COSTLY_POLICIES)


def _plays_to_the_end(policy: str, seed: int, rival: str) -> None:
    scenario = flood()
    game = play_game(scenario, policy, seed, rival_policy=rival)
    assert game.final.turn == scenario.rules.n_turns
    assert len(game.states) == scenario.rules.n_turns + 1
    summary = summarize(game)
    assert 0.0 <= summary["score"] <= 100.0
    assert summary["outcome"] in [name for name, _ in scenario.rules.tiers]
    assert np.all(np.abs(game.alignment_history) <= 100.0)


@pytest.mark.parametrize("policy", FAST_POLICIES)
@examples(8)
@given(seed=SEEDS, rival=st.sampled_from(FAST_POLICIES))
def test_every_policy_plays_the_scenario_to_a_score_and_a_tier(policy, seed, rival):
    _plays_to_the_end(policy, seed, rival)


@pytest.mark.parametrize("policy", sorted(COSTLY_POLICIES & set(POLICIES)))
@examples(1)
@given(seed=SEEDS, rival=st.sampled_from(FAST_POLICIES))
def test_every_costly_policy_plays_the_scenario_to_a_score_and_a_tier(policy, seed, rival):
    _plays_to_the_end(policy, seed, rival)


ACTIONS = st.lists(
    st.tuples(st.sampled_from(["add", "add", "add", "try", "undo", "end"]), st.integers(-(10**6), 10**6)),
    max_size=40,
)


@examples(25)
@given(seed=SEEDS, actions=ACTIONS)
def test_adding_and_undoing_orders_keeps_the_pending_sheet_legal(seed, actions):
    session = Session(flood(), seed)
    rules = session.rules
    candidates = list(candidate_orders(rules, session.player))
    for action, n in actions:
        if session.is_over:
            break
        before = session.pending
        if action == "add":
            options = session.legal_orders()
            if options:
                session.add(options[n % len(options)])
        elif action == "try":  # any order the player could click, legal or not
            order = candidates[n % len(candidates)]
            reason = why_illegal(rules, session.state, session.pending, order)
            if reason is None:
                session.add(order)
            else:
                with pytest.raises(IllegalOrder):
                    session.add(order)
                assert session.pending == before
        elif action == "undo":
            if session.pending.orders:
                taken = session.undo(n)
                assert len(session.pending.orders) == len(before.orders) - 1
                assert taken in before.orders
            else:
                with pytest.raises(IndexError):
                    session.undo(n)
        else:
            session.end_turn()
            assert session.pending == Sheet(session.player)
        validate_sheet(rules, session.state, session.pending)
        left = session.remaining()
        assert min(left.values()) >= 0
        assert left["calls"] <= budget(rules, session.state, session.player)[Resource.CALLS]
