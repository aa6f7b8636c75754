"""The greedy bot weighs contacts with the rival: track progress against the allies' reactions."""

import numpy as np

from game.ai.value import engage_value
from game.engine import Kind, Sheet, initial_state, legal_orders
from game.scenario import load_scenario
from game.sim import play_game


def test_talking_to_moscow_is_worth_the_track_progress_minus_the_allies_reactions():
    sc = load_scenario("the_rational_way")
    rules = sc.rules
    state = initial_state(rules)
    options = legal_orders(rules, state, Sheet(sc.player))
    values = engage_value(rules, state, sc.player, options)
    engage = [i for i, o in enumerate(options) if o.kind == Kind.ENGAGE]
    assert engage and all(values[i] != 0 for i in engage)
    assert all(values[i] == 0 for i in range(len(options)) if options[i].kind != Kind.ENGAGE)
    # A channel-minded deputy (a specialty) is worth more than the same talk by a deputy without it.
    by_deputy = {options[i].deputy: values[i] for i in engage}
    assert len(set(np.round(list(by_deputy.values()), 6))) > 1


def test_greedy_talks_to_moscow_where_the_crisis_rewards_it_and_never_where_it_cannot():
    rational = load_scenario("the_rational_way")
    game = play_game(rational, "greedy", seed=3)
    assert any(o.kind == Kind.ENGAGE for week in game.sheets for o in week[rational.player].orders)
    flood = load_scenario("flood_the_zone")
    game = play_game(flood, "greedy", seed=3)
    assert not any(o.kind == Kind.ENGAGE for week in game.sheets for o in week[flood.player].orders)
