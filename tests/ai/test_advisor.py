"""The advisor suggests only legal orders, each with a one-line reason, and is deterministic."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import make_policy
from game.ai.advisor import Advice, advise, advisor_policy, reason, rollout_seeds
from game.engine import Dice, Kind, Order, Resource, Sheet, legal_orders, validate_sheet
from game.sim import play_game

# Small settings keep the tests fast; the defaults are timed in benchmarks/bench_engine.py.
FAST = dict(candidates=6, rollouts=4, budget_seconds=None)


@pytest.fixture(scope="module")
def states(ftz):
    game = play_game(ftz, "historical", 5, record=False)
    return game.states


def _check(ftz, state, actor, pending, advice):
    assert isinstance(advice, list)
    for a in advice:
        assert isinstance(a, Advice)
        assert a.reason and "\n" not in a.reason and len(a.reason) < 200
        assert np.isfinite(a.expected_gain) and a.spread >= 0
    # Every suggestion is legal after the pending orders and the suggestions before it.
    validate_sheet(ftz.rules, state, Sheet(actor, pending.orders + tuple(a.order for a in advice)))


@pytest.mark.parametrize("turn", [0, 6, 12])
def test_advice_is_legal_for_either_side(ftz, states, turn):
    state = states[turn]
    for actor in (ftz.player, ftz.rival):
        pending = Sheet(actor)
        advice = advise(ftz, state, actor, pending, seed=3, **FAST)
        assert advice, "a side with budget left always gets a suggestion"
        _check(ftz, state, actor, pending, advice)


def test_advice_respects_the_pending_sheet_and_the_budget(ftz, states):
    state = states[3]
    actor = ftz.player
    calls = ftz.rules.base_budget[actor, Resource.CALLS]
    pending = Sheet(actor, tuple(Order(actor, Kind.CALL, 0, (c,)) for c in range(calls - 1)))
    advice = advise(ftz, state, actor, pending, seed=1, **FAST)
    _check(ftz, state, actor, pending, advice)
    assert sum(a.order.kind in (Kind.CALL, Kind.MULTILATERAL, Kind.VISIT) for a in advice) <= 1


def test_no_advice_when_nothing_is_legal(ftz, states):
    state = states[2]
    actor = ftz.player
    pending = Sheet(actor)
    while True:
        options = legal_orders(ftz.rules, state, pending)
        if not options:
            break
        pending = pending.with_order(options[0])
    assert advise(ftz, state, actor, pending, seed=1, **FAST) == []


def test_the_same_question_gets_the_same_answer(ftz, states):
    a = advise(ftz, states[4], ftz.player, None, seed=9, **FAST)
    b = advise(ftz, states[4], ftz.player, None, seed=9, **FAST)
    assert a == b


def test_the_advisor_is_a_policy(ftz, states):
    assert make_policy("advisor") is advisor_policy
    for turn in (0, 11):
        sheet = advisor_policy(ftz, states[turn], ftz.player, Dice.single(4))
        validate_sheet(ftz.rules, states[turn], sheet)
        assert sheet.orders


def test_a_reason_names_the_country_and_the_argument(ftz, states):
    rules = ftz.rules
    ind, china = rules.country_index("IND"), rules.topic_index("china")
    line = reason(ftz, states[0], ftz.player, Order(ftz.player, Kind.CALL, china, (ind,)))
    assert line.startswith("India") and "the China argument" in line


def test_rollout_seeds_are_a_pure_function():
    assert rollout_seeds(5, 2, 0, 4).tolist() == rollout_seeds(5, 2, 0, 4).tolist()
    assert rollout_seeds(5, 2, 0, 8)[4:].tolist() == rollout_seeds(5, 2, 4, 4).tolist()
    assert len(set(rollout_seeds(5, 2, 0, 16).tolist())) == 16


def test_advice_for_the_rival_in_a_two_sided_game_is_legal_for_the_rival(ftz):
    from game.session import Session
    from game.sim.settings import Settings

    session = Session(ftz, 7, settings=Settings(two_sided=True))
    session.end_turn()  # Washington's orders are in; Moscow gives its own
    rival = session.rival
    assert session.active == rival
    session.add(legal_orders(session.rules, session.state, session.pending)[0])
    pending = session.pending
    advice = advise(session.scenario, session.state, rival, pending, seed=session.seed, **FAST)
    assert advice and all(a.order.actor == rival for a in advice)
    _check(session.scenario, session.state, rival, pending, advice)
    for a in advice:  # and the session takes each one for Moscow's sheet
        session.add(a.order)
    assert session.pending_for(rival).orders == pending.orders + tuple(a.order for a in advice)
    assert session.pending_for(session.player).orders == ()
    with pytest.raises(ValueError, match="another side"):
        advise(session.scenario, session.state, session.player, pending, seed=1, **FAST)


def test_under_fog_the_reasons_give_no_alignment_figures(ftz, states):
    import re

    figure = re.compile(r"\d+ points?\b")
    for actor in (ftz.player, ftz.rival):
        exact = advise(ftz, states[6], actor, None, seed=3, **FAST)
        words = advise(ftz, states[6], actor, None, seed=3, exact=False, **FAST)
        assert [a.order for a in words] == [a.order for a in exact]  # the same advice, worded differently
        assert any(figure.search(a.reason) for a in exact)  # without fog the distances are in points
        for a in words:
            assert not figure.search(a.reason), a.reason
    ind, china = ftz.rules.country_index("IND"), ftz.rules.topic_index("china")
    for state in states:
        line = reason(ftz, state, ftz.player, Order(ftz.player, Kind.CALL, china, (ind,)), exact=False)
        assert not figure.search(line), line


def test_a_reason_names_what_the_order_costs_elsewhere(ftz):
    """Issue 14: the staff says where an argument is heard the other way, and that a group convened lately
    listens less."""
    from game.engine import initial_state

    rules = ftz.rules
    state = initial_state(rules)
    sanctions = Order(ftz.player, Kind.CALL, rules.topic_index("sanctions"), (rules.country_index("DEU"),))
    assert "heard the other way in Italy and 2 more" in reason(ftz, state, ftz.player, sanctions)
    security, nato_group = rules.topic_index("security_guarantees"), rules.groups.index("NATO")
    nato = Order(ftz.player, Kind.MULTILATERAL, security, group=nato_group)
    assert "listens less" not in reason(ftz, state, ftz.player, nato)
    convened = np.zeros(state.group_recent.shape)
    convened[0, ftz.player, nato_group] = 1.0  # convened last week
    later = state.evolve(group_recent=convened)
    assert "it was convened lately and listens less" in reason(ftz, later, ftz.player, nato)
