"""Rival personas: legal, the same in batch and alone, recognisable, and opt-in."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import make_policy
from game.ai.catalog import catalog
from game.ai.personas import LEVELS, PERSONAS, parse_persona, persona_names, persona_policy, style_of
from game.engine import Dice, Kind, initial_state, validate_sheet
from game.scenario import bundled_scenarios, load_scenario
from game.sim import play_game
from game.sim.play import RIVAL_POLICY
from tests.ai.test_batch_policies import _varied

NAMES = persona_names()


@pytest.fixture(scope="module")
def midgame(ftz):
    return play_game(ftz, "random", 2, record=False).states[5]


@pytest.mark.parametrize("name", NAMES)
def test_persona_sheets_are_legal_in_every_game_of_a_batch(ftz, name):
    rules = ftz.rules
    state = _varied(rules, 24, seed=len(name), turn=4)
    policy = persona_policy(name)
    batch = policy.batch(ftz, state, ftz.rival, Dice(np.arange(24)))
    for i, sheet in enumerate(catalog(rules, ftz.rival).sheets(batch, 24)):
        validate_sheet(rules, state.game(i), sheet)


@pytest.mark.parametrize("name", NAMES)
def test_a_persona_plays_the_same_in_batch_and_alone(ftz, midgame, name):
    rules = ftz.rules
    state = _varied(rules, 6, seed=1, turn=5).evolve(alignment=np.repeat(midgame.alignment, 6, axis=0))
    dice = Dice(np.arange(6))
    policy = persona_policy(name)
    batch = catalog(rules, ftz.rival).sheets(policy.batch(ftz, state, ftz.rival, dice), 6)
    alone = [policy(ftz, state.game(i), ftz.rival, dice.subset([i])) for i in range(6)]
    assert batch == alone


def _orders(ftz, name, games=8):
    out = []
    for seed in range(games):
        game = play_game(ftz, "historical", seed, rival_policy=name, record=False)
        out += [o for week in game.sheets for o in week[1].orders]
    return out


def test_energy_pressure_presses_energy(ftz):
    energy = ftz.rules.topic_index("energy_supply")
    orders = _orders(ftz, "energy_pressure:3", 3)
    assert orders and sum(o.topic == energy for o in orders) / len(orders) > 0.8


def test_the_charm_tour_travels_and_stays_soft(ftz):
    soft = {ftz.rules.topic_index(t) for t in ("dialogue", "business", "world_order")}
    orders = _orders(ftz, "charm_tour:2", 1)
    assert any(o.kind == Kind.VISIT for o in orders)
    assert all(o.topic in soft for o in orders)


def test_the_wedge_works_on_the_allies_and_convenes_the_osce(ftz):
    rules = ftz.rules
    style = style_of(rules, "wedge", ftz.rival)
    liked = {rules.countries[c] for c in np.flatnonzero(style.weight.max(axis=1) > 0)}
    assert {"DEU", "HUN", "ITA", "TUR"} <= liked and not liked & {"CHN", "IND", "BRA"}
    orders = _orders(ftz, "wedge:2", 1)
    assert any(o.kind == Kind.MULTILATERAL and rules.groups[o.group] == "OSCE" for o in orders)


def test_names_and_levels():
    assert parse_persona("wedge") == ("wedge", 3)
    assert parse_persona("wedge:1") == ("wedge", 1)
    assert parse_persona("historical") is None
    with pytest.raises(ValueError, match="level"):
        parse_persona("wedge:5")
    assert len(NAMES) == len(PERSONAS) * len(LEVELS)
    assert make_policy("charm_tour:4") is persona_policy("charm_tour:4")


def test_the_default_rival_is_still_the_historical_playbook():
    assert RIVAL_POLICY == "historical"
    assert make_policy(RIVAL_POLICY).__name__ == "historical"


@pytest.mark.slow
@pytest.mark.parametrize("crisis", ["flood_the_zone", "isolation_complication", "the_rational_way"])
@pytest.mark.parametrize("persona", sorted(PERSONAS))
def test_each_level_is_measurably_stronger_than_the_one_below(crisis, persona):
    # Not the tutorial: Moscow's two calls a week among six capitals for four weeks leave no room for skill
    # to show (docs/balance.md).  Energy pressure's step from 2 to 3 in Flood the Zone was the wrong way round
    # after issue 13 (its one-week measure misreads the EU bloc); since issue 14 the sharp level also raises
    # the scenario's escalation when it pays, which puts it back above the steady rotation (docs/balance.md).
    from game.sim.balance import paired
    from game.sim.batch import run_batch

    scenario = load_scenario(crisis)
    seeds = np.arange(1, 401)
    scores = {}
    for level in LEVELS:
        scores[level] = run_batch(scenario, "historical", seeds, f"{persona}:{level}").scores
    for level in list(LEVELS)[1:]:
        drop = paired(scores[level - 1], scores[level])
        assert drop["mean"] > 0 and drop["significant"], (level, drop)


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
def test_every_persona_plays_every_bundled_scenario_legally(path):
    scenario = load_scenario(path)
    rules = scenario.rules
    state = _varied(rules, 6, seed=2, turn=3)
    dice = Dice(np.arange(6))
    for persona in PERSONAS:
        for level in (1, 3, 4):
            batch = persona_policy(f"{persona}:{level}").batch(scenario, state, scenario.rival, dice)
            for i, sheet in enumerate(catalog(rules, scenario.rival).sheets(batch, 6)):
                validate_sheet(rules, state.game(i), sheet)


def test_a_side_with_nothing_to_offer_gives_no_orders():
    import types

    from tests.engine import worlds

    rules = worlds.tiny_rules(leverage=np.zeros((2, 2)))
    scenario = types.SimpleNamespace(rules=rules, player=worlds.W, rival=worlds.M, playbook={}, outreach={})
    state = initial_state(rules, 3)
    for name in NAMES:
        batch = persona_policy(name).batch(scenario, state, worlds.M, Dice(np.arange(3)))
        assert batch.size == 0, name


# ------------------------------------------------------------------ trade-offs the personas see (issue 14)


def _calls(sheet):
    return {(o.kind, o.topic, o.targets, o.group) for o in sheet.orders}


@pytest.mark.parametrize("level", [3, 4])
def test_a_sharp_persona_leaves_a_tired_group_alone(ftz, level):
    """A group its side convened week after week listens at a fraction (``group_fatigue_k``); the personas
    that choose their orders by value convened it anyway, as if it were fresh."""
    import dataclasses

    from game.engine import Dice, Kind, initial_state

    rules = ftz.rules
    osce = rules.groups.index("OSCE")
    fresh = initial_state(rules)
    sheet = persona_policy(f"wedge:{level}")(ftz, fresh, ftz.rival, Dice(3))
    assert any(o.kind == Kind.MULTILATERAL and o.group == osce for o in sheet.orders)
    recent = fresh.group_recent.copy()
    recent[:, ftz.rival, osce] = 3.0  # convened three weeks running
    tired = dataclasses.replace(fresh, group_recent=recent)
    sheet = persona_policy(f"wedge:{level}")(ftz, tired, ftz.rival, Dice(3))
    assert not any(o.kind == Kind.MULTILATERAL and o.group == osce for o in sheet.orders)


def test_a_sharp_persona_weighs_where_its_argument_is_heard(ftz):
    """An argument is heard in other capitals (``echoes:``), often the other way; energy pressure pressed Tokyo
    on energy whatever it cost elsewhere.  Where the scenario says every other capital hears that call the
    wrong way round, the sharp level no longer makes it."""
    import dataclasses

    from game.engine import Dice, Kind, initial_state

    rules = ftz.rules
    japan, energy = rules.country_index("JPN"), rules.topic_index("energy_supply")
    state = initial_state(rules)
    call = (Kind.CALL, energy, (japan,), -1)
    assert call in _calls(persona_policy("energy_pressure:3")(ftz, state, ftz.rival, Dice(3)))
    echo = rules.echo.copy()
    echo[energy, japan, :] = -0.8  # hostile: Tokyo's call pushes every other capital toward Washington
    echo[energy, japan, japan] = 0.0
    loud = dataclasses.replace(ftz, rules=dataclasses.replace(rules, echo=echo))
    sheet = persona_policy("energy_pressure:3")(loud, initial_state(loud.rules), ftz.rival, Dice(3))
    assert sheet.orders and call not in _calls(sheet)
