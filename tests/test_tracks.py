"""Tracks (quantities of the whole crisis) and contacts with the rival itself."""

import numpy as np
import pytest
import yaml

from game.engine import CauseKind, Dice, Kind, Order, Sheet, initial_state, legal_orders, resolve_turn, why_illegal
from game.engine.outcome import score
from game.scenario import models as m
from game.scenario.build import compile_scenario
from tests.conftest import ROOT


def _scenario(engage=True, **track):
    data = yaml.safe_load((ROOT / "scenarios" / "flood_the_zone.yaml").read_text(encoding="utf-8"))
    data["actors"]["USA"]["engage"] = engage
    data["tracks"] = {
        "channel": {"name": "Channel to Moscow", "start": 10, "decay": 0.2, "goal": 40, "points": 5, **track}
    }
    data["topics"]["prisoners"] = {"name": "Prisoners", "tracks": {"channel": 20}}
    data["countries"]["POL"]["engage_reaction"] = -3
    data["countries"]["FRA"]["engage_reaction"] = 2
    data["events"].append(
        {
            "id": "channel_pays_off",
            "headline": "A prisoner swap",
            "invented": True,
            "when": [{"track_at_least": {"track": "channel", "value": 25}}],
            "effects": [{"shift": {"countries": ["UKR"], "by": 1}}, {"track": {"track": "channel", "by": 5}}],
        }
    )
    data["calibration"] = {"checks": []}
    return compile_scenario(m.Scenario.model_validate(data))


def test_engaging_is_refused_where_the_scenario_keeps_no_channel():
    sc = _scenario(engage=False)
    state = initial_state(sc.rules)
    order = Order(sc.player, Kind.ENGAGE, sc.rules.topic_index("prisoners"))
    assert (
        why_illegal(sc.rules, state, Sheet(sc.player), order) == "Washington keeps no channel to Moscow in this crisis"
    )
    assert not [o for o in legal_orders(sc.rules, state, Sheet(sc.player)) if o.kind == Kind.ENGAGE]


def test_only_topics_that_move_a_track_can_be_raised_and_once_a_week():
    sc = _scenario()
    rules, state, sheet = sc.rules, initial_state(sc.rules), Sheet(sc.player)
    prisoners, energy = rules.topic_index("prisoners"), rules.topic_index("energy_supply")
    assert (
        why_illegal(rules, state, sheet, Order(sc.player, Kind.ENGAGE, energy))
        == "Moscow will not discuss Energy supply"
    )
    first = Order(sc.player, Kind.ENGAGE, prisoners)
    assert why_illegal(rules, state, sheet, first) is None
    assert why_illegal(rules, state, sheet.with_order(first), first) == "one contact with Moscow a week"
    engage = [o for o in legal_orders(rules, state, sheet) if o.kind == Kind.ENGAGE]
    assert {o.deputy for o in engage} == {-1, *range(5)}  # the principal or any of the five deputies
    assert {o.topic for o in engage} == {prisoners}


def test_a_principal_engagement_costs_a_call_a_deputy_engagement_uses_the_deputy():
    sc = _scenario()
    rules, state = sc.rules, initial_state(sc.rules)
    prisoners = rules.topic_index("prisoners")
    from game.engine import remaining

    principal = Sheet(sc.player, (Order(sc.player, Kind.ENGAGE, prisoners),))
    assert remaining(rules, state, principal)["calls"] == 5
    burns = rules.deputies.index("burns")
    deputy = Sheet(sc.player, (Order(sc.player, Kind.ENGAGE, prisoners, deputy=burns),))
    assert remaining(rules, state, deputy) == {"calls": 6, "visits": 1, "deputies": 4}
    call = Order(sc.player, Kind.DEPUTY_CALL, rules.topic_index("sanctions"), (0,), deputy=burns)
    assert "already placed a call" in (why_illegal(rules, state, deputy, call) or "")


def test_engaging_moves_the_track_and_allies_react_with_recorded_causes():
    sc = _scenario()
    rules = sc.rules
    state = initial_state(rules)
    order = Order(sc.player, Kind.ENGAGE, rules.topic_index("prisoners"))
    result = resolve_turn(state, (Sheet(sc.player, (order,)), Sheet(sc.rival)), rules, Dice.single(3))
    record = result.records[0]
    (move,) = record.tracks
    engage = [c for c in move.causes if c.kind == CauseKind.ENGAGE]
    assert len(engage) == 1 and engage[0].actor == sc.player and engage[0].order == 0
    assert engage[0].delta == pytest.approx(20 * np.clip(engage[0].delta / 20, 0, None))  # gain x luck >= 0
    assert sum(c.delta for c in move.causes) == pytest.approx(move.after - move.before)
    assert result.state.track[0, 0] == pytest.approx(move.after)
    pol = next(mv for mv in record.moves if mv.country == rules.country_index("POL"))
    fra = next(mv for mv in record.moves if mv.country == rules.country_index("FRA"))
    assert any(c.kind == CauseKind.ENGAGE and c.delta == pytest.approx(-3.0) for c in pol.causes)
    assert any(c.kind == CauseKind.ENGAGE and c.delta == pytest.approx(2.0) for c in fra.causes)


def test_a_track_decays_in_a_week_without_contact():
    sc = _scenario()
    state = initial_state(sc.rules)
    result = resolve_turn(state, (Sheet(sc.player), Sheet(sc.rival)), sc.rules, Dice.single(3))
    assert result.state.track[0, 0] == pytest.approx(10 * 0.8)
    (move,) = result.records[0].tracks
    assert [c.kind for c in move.causes] == [CauseKind.DRIFT]


def test_track_conditions_and_effects_drive_events():
    sc = _scenario(start=40)
    result = resolve_turn(initial_state(sc.rules), (Sheet(sc.player), Sheet(sc.rival)), sc.rules, Dice.single(1))
    fired = [sc.event_ids[e.event] for e in result.records[0].events]
    assert "channel_pays_off" in fired
    assert result.state.track[0, 0] == pytest.approx(40 * 0.8 + 5)


def test_a_track_that_reaches_its_goal_adds_its_points_to_the_score():
    sc = _scenario()
    rules = sc.rules
    x = np.atleast_2d(rules.alignment_start)
    low, high = score(rules, x, np.array([[39.0]])), score(rules, x, np.array([[40.0]]))
    assert high[0] > low[0]
    assert score(rules, x, np.array([[0.0]]))[0] == pytest.approx(low[0])


def test_a_game_with_engagement_plays_through_the_playbook_and_saves(tmp_path):
    from game.session import Session

    sc = _scenario()
    s = Session(sc, 4)
    s.add(Order(sc.player, Kind.ENGAGE, sc.rules.topic_index("prisoners"), deputy=sc.rules.deputies.index("burns")))
    assert s.describe(s.pending.orders[0]) == "William Burns talks to Moscow about Prisoners"
    s.end_turn()
    loaded = Session.from_dict(s.to_dict(), scenario=sc)
    np.testing.assert_array_equal(loaded.state.track, s.state.track)
