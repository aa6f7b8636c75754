"""The keeper: the greedy bot that keeps a line to the rival open every week where a scored track needs one (The
Rational Way's channel to Moscow), the balance lab's reference of skilled play there."""

from __future__ import annotations

import pytest

from game.ai.policies import channel_tracks, greedy, keeper
from game.engine import Dice, Kind, initial_state, validate_sheet
from game.scenario import load_scenario


@pytest.fixture(scope="module")
def trw():
    return load_scenario("the_rational_way")


def test_where_a_channel_scores_the_keeper_talks_to_the_rival_every_week(trw):
    rules = trw.rules
    assert (channel_tracks(rules) > 0).any()
    state = initial_state(rules)
    dice = Dice(7)
    sheet = keeper(trw, state, trw.player, dice)
    validate_sheet(rules, state, sheet)  # as legal as any player's sheet
    (engage,) = [o for o in sheet.orders if o.kind == Kind.ENGAGE]
    assert channel_tracks(rules)[engage.topic] == channel_tracks(rules).max()
    plain = greedy(trw, state, trw.player, dice)
    assert len([o for o in plain.orders if o.kind == Kind.CALL]) >= len(
        [o for o in sheet.orders if o.kind == Kind.CALL]
    )


def test_where_no_channel_scores_the_keeper_is_the_greedy_bot(ftz):
    rules = ftz.rules
    assert not (channel_tracks(rules) > 0).any()
    state = initial_state(rules)
    assert keeper(ftz, state, ftz.player, Dice(3)) == greedy(ftz, state, ftz.player, Dice(3))


def test_the_keeper_is_a_named_policy_for_the_game_loop():
    from game.ai.named import policy_named

    assert policy_named("keeper") is keeper
