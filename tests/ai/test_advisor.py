"""The advisor suggests only legal orders, each with a one-line reason, and is deterministic."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import make_policy
from game.ai.advisor import Advice, advise, advisor_policy, reason, rollout_seeds
from game.engine import Dice, Kind, Order, Resource, Sheet, legal_orders, validate_sheet
from game.sim import play_game

# Small settings keep the tests fast; the defaults are timed in benchmarks/bench_engine.py.
FAST = dict(candidates=6, rollouts=4, kept_up_rollouts=8, budget_seconds=None)


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


# ------------------------------------------------------------------------------------ the ranking (issue 14)


def test_the_suggestions_come_in_the_order_of_the_kept_up_figure(ftz, states):
    """The staff showed "Kept up: +X" beside each suggestion but ranked by this week's gain; the two orders
    disagreed.  The list is now in the order of the figure shown first."""
    for turn in (0, 4, 9):
        advice = advise(ftz, states[turn], ftz.player, None, seed=2, **FAST)
        kept = [a.kept_up for a in advice]
        assert kept == sorted(kept, reverse=True), (turn, kept)
        assert all(k > 0 for k in kept[1:]), kept  # after the first, only what helps kept up


def test_kept_up_is_the_change_of_the_top_bars_expected_end(ftz, states):
    """The figure is the top bar's: the expected end of the plan with the order, against the plan alone, on the
    top bar's rollouts - so adding a suggestion moves the top bar by its figure."""
    from game.ai.outlook import expected_end, kept_up

    state, actor = states[5], ftz.player
    plan = Sheet(actor, (legal_orders(ftz.rules, state, Sheet(actor))[0],))
    options = legal_orders(ftz.rules, state, plan)[:3]
    kept = kept_up(ftz, state, actor, plan, options, "answering", 11, rollouts=16)
    base = expected_end(ftz, state, actor, plan, "answering", 11, rollouts=16)
    assert kept.base.mean == pytest.approx(base.mean, abs=1e-9)
    for order, gain in zip(options, kept.gains, strict=True):
        with_it = expected_end(ftz, state, actor, plan.with_order(order), "answering", 11, rollouts=16)
        assert gain == pytest.approx(with_it.mean - base.mean, abs=1e-9)
    assert (kept.spreads >= 0).all()


def test_the_rivals_staff_counts_kept_up_from_its_own_side(ftz, states):
    """For Moscow a lower score is better: its staff's figures are positive for what helps Moscow."""
    advice = advise(ftz, states[2], ftz.rival, None, seed=4, **FAST)
    assert advice and advice[0].kept_up > 0


# --------------------------------------------------------------------- a scored channel to the rival (issue 14)


@pytest.fixture(scope="module")
def trw():
    from game.scenario import load_scenario

    return load_scenario("the_rational_way")


def test_the_shortlist_holds_the_contact_that_feeds_a_scored_channel(trw):
    """The one-week measure sees no gain in a contact with Moscow, so the channel's contact never reached the
    rollouts; it is now always a candidate where a channel scores."""
    from game.ai.advisor import shortlist
    from game.ai.policies import channel_tracks
    from game.engine import initial_state

    rules = trw.rules
    state = initial_state(rules)
    pending = Sheet(trw.player)
    options, _ = shortlist(rules, state, pending, legal_orders(rules, state, pending), 4)
    feeds = channel_tracks(rules)
    engages = [o for o in options if o.kind == Kind.ENGAGE]
    assert len(options) == 4 and engages and feeds[engages[0].topic] == feeds.max() > 0


def test_the_staff_keeps_the_channel_to_moscow_open(trw):
    """A player who follows the staff in The Rational Way talks to Moscow about the channel week after week and
    reaches the top tier, which needs the channel (greedy and the old staff stopped a tier short)."""
    from game.ai.policies import channel_tracks
    from game.engine import initial_state
    from game.engine.outcome import score_of, tier_index

    rules = trw.rules
    feeds = channel_tracks(rules)
    # as the window asks on Normal
    advice = advise(trw, initial_state(rules), trw.player, None, seed=1, budget_seconds=None, rival_policy="answering")
    channel = [a for a in advice if a.order.kind == Kind.ENGAGE and feeds[a.order.topic] > 0]
    assert channel and "kept up week after week" in channel[0].reason  # the reason says why it is worth it
    game = play_game(trw, "advisor", 1)
    fed = sum(any(o.kind == Kind.ENGAGE and feeds[o.topic] > 0 for o in week[0].orders) for week in game.sheets)
    assert fed >= rules.n_turns - 2
    score = score_of(rules, game.final)
    assert tier_index(rules, score)[0] == 0, score
