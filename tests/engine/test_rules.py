"""Numbered rule cases, in the manner of Diplomacy's DATC: one small case per rule, each pinning the exact
numbers the engine must produce.

Most cases play the tiny world of ``worlds.py`` (4 countries, 2 topics, 2 sides) where every expected value
can be worked out by hand from the contact formula of ``game/engine/resolve.py``:

    effect = sign x power x power_mod x strength x leverage x interest x mobility x room x fatigue x luck
    room    = clip((100 - sign x alignment) / 200, 0, 1) ** room_exponent
    fatigue = 1 / (1 + fatigue_k x (recent contacts + earlier contacts this week, in calls))

The arithmetic is written out next to each expected number.  A case that shows an engine bug is written
for the correct behaviour (bugs found this way were fixed; the cases stay as regression tests).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.engine import (
    Bloc,
    BlocRule,
    CauseKind,
    Dice,
    IllegalOrder,
    Kind,
    Order,
    Purpose,
    Resource,
    Sheet,
    anchors,
    budget,
    candidate_orders,
    commitments,
    commitments_of,
    contacts_from_sheets,
    initial_state,
    legal_orders,
    remaining,
    resolve_contacts,
    resolve_turn,
    score,
    score_of,
    sheet_cost,
    tier_index,
    validate_sheet,
    why_illegal,
)
from game.engine.events import CONDITIONS, EFFECTS
from game.engine.resolve import engagements_from_sheets
from game.sim import play_game

from .worlds import (
    AAA,
    ABSENT,
    ABSTAIN,
    ARMS,
    BBB,
    CALLS,
    CCC,
    CORE,
    D_ONE,
    D_THREE,
    D_TWO,
    DDD,
    ENERGY,
    NAN,
    NO,
    PAIR,
    SANCTIONS,
    T0,
    T1,
    UN_VOTE,
    VISITS,
    YES,
    M,
    W,
    after_week,
    at,
    call,
    convene,
    deputy_call,
    engage,
    engage_rules,
    event,
    play_week,
    sheet,
    tiny_rules,
    visit,
    with_events,
)

approx = pytest.approx


def deltas(record, actor=None):
    """The effect of each contact of a week's record, in sheet order (optionally of one side)."""
    return [c.delta for c in record.contacts if actor is None or c.actor == actor]


# --------------------------------------------------------------------------------------------- contacts


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        # Washington calls Avalon on Security: 10 x 1.0 x 1.0 x 1.0 x 1.0 x (100-0)/200 = 5.0
        (call(W, T0, AAA), 5.0),
        # Washington calls Carpania on Trade: 10 x 0.8 leverage x 1.0 interest x 0.5 mobility x (100+20)/200
        (call(W, T1, CCC), 10 * 0.8 * 1.0 * 0.5 * 0.6),
        # Moscow calls Avalon on Security: -8 x 0.5 leverage x 1.0 x 1.0 x (100+0)/200
        (call(M, T0, AAA), -8 * 0.5 * 0.5),
        # Moscow calls Borduria on Security: -8 x 0.5 x 0.5 interest x 1.0 x (100+50)/200
        (call(M, T0, BBB), -8 * 0.5 * 0.5 * 0.75),
    ],
)
def test_R01_a_call_moves_by_power_times_leverage_interest_mobility_and_room(rules, order, expected):
    """A call moves a country by the caller's power times its leverage on the topic, the country's interest
    in the topic, how mobile the country is, and how much room is left toward the caller's end."""
    result = play_week(rules, initial_state(rules), sheet(order.actor, order))
    (contact,) = result.records[0].contacts
    assert contact.delta == approx(expected)
    assert (contact.luck, contact.fatigue) == (1.0, 1.0)
    country = order.targets[0]
    assert result.state.alignment[0, country] == approx(rules.alignment_start[country] + expected)


def test_R02_luck_multiplies_the_effect_and_is_never_negative():
    """Each contact's effect is multiplied by its luck, 1 + noise x volatility x a seeded normal draw, cut at
    zero so that bad luck wastes a call but never turns it against you."""
    rules = tiny_rules(noise_sigma=0.3)
    for seed in range(5):
        record = play_week(rules, initial_state(rules), sheet(W, call(W, T0, AAA)), seed=seed).records[0]
        (contact,) = record.contacts
        z = Dice.single(seed).normal(np.array([0]), 0, Purpose.CONTACT_NOISE, np.array([W]), np.array([0]))[0]
        assert contact.luck == approx(max(0.0, 1.0 + 0.3 * 1.0 * z))
        assert contact.delta == approx(5.0 * contact.luck)
    wild = tiny_rules(noise_sigma=2.0)
    lucks = [
        play_week(wild, initial_state(wild), sheet(W, call(W, T0, AAA)), seed=seed).records[0].contacts[0]
        for seed in range(40)
    ]
    assert min(c.luck for c in lucks) == 0.0  # some draws are cut at zero ...
    assert all(c.delta == 0.0 for c in lucks if c.luck == 0.0)  # ... and then the call does nothing
    steady = tiny_rules(noise_sigma=0.3, volatility=np.array([0.0, 1.0, 1.0, 1.0]))
    record = play_week(steady, initial_state(steady), sheet(W, call(W, T0, AAA)), seed=3).records[0]
    assert record.contacts[0].luck == 1.0  # a country of volatility 0 always answers as expected


def test_R03_room_shrinks_the_effect_near_your_end_of_the_scale(rules):
    """The closer a country already is to your end of the scale, the less a contact moves it: the effect is
    scaled by the room left, (100 - your sign x alignment) / 200, to the power room_exponent."""
    record = play_week(rules, initial_state(rules), sheet(W, call(W, T0, DDD)), sheet(M, call(M, T0, DDD))).records[0]
    assert deltas(record, W) == approx([10 * 1.0 * (100 - 90) / 200])  # 0.5: Dorsia is at +90
    assert deltas(record, M) == approx([-8 * 0.5 * (100 + 90) / 200])  # -3.8: lots of room toward Moscow
    sharp = tiny_rules(room_exponent=2.0)
    record = play_week(sharp, initial_state(sharp), sheet(W, call(W, T0, DDD))).records[0]
    assert deltas(record) == approx([10 * 0.05**2])
    full = at(rules, [0.0, 50.0, -20.0, 100.0])
    assert deltas(play_week(rules, full, sheet(W, call(W, T0, DDD))).records[0]) == [0.0]


def test_R04_an_argument_the_country_dislikes_backfires(rules):
    """A topic with negative interest pushes the country away from you: Avalon dislikes Washington's Trade
    pitch (interest -0.5), so the call moves it toward Moscow."""
    result = play_week(rules, initial_state(rules), sheet(W, call(W, T1, AAA)))
    assert deltas(result.records[0]) == approx([10 * 0.8 * -0.5 * 1.0 * 0.5])  # -2.0
    assert result.state.alignment[0, AAA] == approx(-2.0)


def test_R05_repeated_contacts_in_one_week_have_diminishing_returns(rules):
    """Each further contact of the same side with the same country in one week counts less: its effect is
    divided by 1 + fatigue_k x (the contacts before it this week, in calls)."""
    record = play_week(rules, initial_state(rules), sheet(W, *[call(W, T0, AAA)] * 3)).records[0]
    assert [c.fatigue for c in record.contacts] == approx([1.0, 1 / 1.5, 1 / 2.0])
    assert deltas(record) == approx([5.0, 5.0 / 1.5, 5.0 / 2.0])
    # A deputy's call counts as half a call (its strength over a call's); a trip as two.
    record = play_week(
        rules, initial_state(rules), sheet(W, deputy_call(D_TWO, T0, AAA), visit(W, T0, AAA), call(W, T0, AAA))
    ).records[0]
    assert [c.fatigue for c in record.contacts] == approx([1.0, 1 / (1 + 0.5 * 0.5), 1 / (1 + 0.5 * 2.5)])
    # The other side's contacts do not tire you.
    record = play_week(rules, initial_state(rules), sheet(W, call(W, T0, AAA)), sheet(M, call(M, T0, AAA))).records[0]
    assert [c.fatigue for c in record.contacts] == [1.0, 1.0]


def test_R06_recent_contacts_keep_tiring_the_country_in_following_weeks(rules):
    """Contacts are remembered into the next weeks, fading by fatigue_decay a week: a country you called last
    week answers less this week, and recovers as the memory fades."""
    state = initial_state(rules)
    r0 = play_week(rules, state, sheet(W, call(W, T0, AAA)))
    assert r0.state.recent[0, W, AAA] == 1.0
    r1 = play_week(rules, r0.state, sheet(W, call(W, T0, AAA)))
    # Avalon now at 5: room 0.475; remembered 1 call: fatigue 1 / (1 + 0.5 x 1)
    assert deltas(r1.records[0]) == approx([10 * 0.475 / 1.5])
    assert r1.state.recent[0, W, AAA] == approx(1.0 * 0.5 + 1.0)
    r2 = play_week(rules, r1.state)
    assert r2.state.recent[0, W, AAA] == approx(0.75)
    r3 = play_week(rules, r2.state, sheet(W, call(W, T0, AAA)))
    x = 5.0 + 10 * 0.475 / 1.5
    assert deltas(r3.records[0]) == approx([10 * (100 - x) / 200 / (1 + 0.5 * 0.75)])
    assert r3.state.recent[0, M, AAA] == 0.0


def test_R07_both_sides_orders_resolve_at_once_against_the_start_of_the_week(rules):
    """Both sides' orders are resolved together: every contact is measured against the alignment at the start
    of the week, so the result is the sum of what each side would have done alone, whoever is listed first."""
    start = initial_state(rules)
    both = play_week(rules, start, sheet(W, call(W, T0, AAA)), sheet(M, call(M, T0, AAA)))
    assert both.state.alignment[0, AAA] == approx(5.0 - 2.0)  # not 5 - 8 x 0.5 x 0.525 as in turns
    noisy = tiny_rules(noise_sigma=0.4)
    usa, rus = sheet(W, call(W, T0, AAA), call(W, T1, BBB)), sheet(M, call(M, T0, AAA))
    alone_w = after_week(noisy, usa, seed=9) - noisy.alignment_start
    alone_m = after_week(noisy, rus, seed=9) - noisy.alignment_start
    together = after_week(noisy, usa, rus, seed=9)
    assert together == approx(noisy.alignment_start + alone_w + alone_m)
    assert np.array_equal(after_week(noisy, rus, usa, seed=9), together)


# ---------------------------------------------------------------------------------------------- visits


def test_R08_each_further_stop_of_a_trip_counts_less(rules):
    """A trip is a strong contact (strength 2 here) with each capital on the way, each further stop worth
    visit_stop_decay (0.5 here) of the one before."""
    record = play_week(rules, initial_state(rules), sheet(W, visit(W, T0, AAA, BBB))).records[0]
    assert deltas(record) == approx([10 * 2.0 * 1.0 * 0.5, 10 * 1.0 * 0.5 * 0.25])  # 10.0 and 1.25
    record = play_week(rules, initial_state(rules), sheet(W, visit(W, T0, BBB, AAA))).records[0]
    assert deltas(record) == approx([10 * 2.0 * 0.5 * 0.25, 10 * 1.0 * 1.0 * 0.5])  # 2.5 and 5.0


def test_R09_a_trip_stays_in_one_region_and_has_a_maximum_number_of_stops(rules):
    """A trip chains 1 to visit_max_stops capitals of one region, each once."""
    state, empty = initial_state(rules), Sheet(W)
    assert why_illegal(rules, state, empty, visit(W, T0, AAA, CCC)) is None
    assert why_illegal(rules, state, empty, visit(W, T0, DDD)) is None
    assert why_illegal(rules, state, empty, visit(W, T0, AAA, DDD)) == "a trip chains capitals of one region only"
    assert why_illegal(rules, state, empty, visit(W, T0, AAA, BBB, CCC)) == "a trip visits 1 to 2 capitals"
    assert why_illegal(rules, state, empty, visit(W, T0)) == "a trip visits 1 to 2 capitals"
    assert why_illegal(rules, state, empty, visit(W, T0, AAA, AAA)) == "a trip visits each capital once"


def test_R10_a_trip_costs_calls_of_travel_time(rules):
    """A trip uses one visit and visit_travel_calls (2 here) of the week's calls in travel time."""
    state = initial_state(rules)
    assert sheet_cost(rules, [visit(W, T0, AAA)]) == {Resource.CALLS: 2, Resource.VISITS: 1}
    assert remaining(rules, state, sheet(W, visit(W, T0, AAA)))["calls"] == 1
    two_calls = sheet(W, call(W, T0, AAA), call(W, T0, BBB))
    assert why_illegal(rules, state, two_calls, visit(W, T0, CCC)) == "a trip costs 2 calls of travel time; 1 left"


# -------------------------------------------------------------------------------------------- deputies


def test_R11_a_deputy_places_one_weaker_call_a_week_from_their_own_budget(rules):
    """Each deputy may place one call a week; it is weaker than the principal's (strength 0.5 here) and does
    not use the principal's calls."""
    state = initial_state(rules)
    order = deputy_call(D_TWO, T0, AAA)
    placed = sheet(W, order)
    assert remaining(rules, state, placed) == {"calls": 3, "visits": 1, "deputies": 1}
    assert why_illegal(rules, state, placed, deputy_call(D_TWO, T0, BBB)) == (
        "Deputy Two has already placed a call this week"
    )
    assert deltas(play_week(rules, state, placed).records[0]) == approx([10 * 0.5 * 1.0 * 1.0 * 0.5])  # 2.5


def test_R12_a_deputy_is_stronger_on_their_specialty(rules):
    """A deputy calling on their specialty topic is deputy_specialty_bonus (1.5 here) times as strong."""
    state = initial_state(rules)
    on_specialty = play_week(rules, state, sheet(W, deputy_call(D_ONE, T0, AAA))).records[0]
    assert deltas(on_specialty) == approx([10 * 0.5 * 1.5 * 1.0 * 1.0 * 0.5])  # 3.75
    off_specialty = play_week(rules, state, sheet(W, deputy_call(D_ONE, T1, CCC))).records[0]
    assert deltas(off_specialty) == approx([10 * 0.5 * 0.8 * 1.0 * 0.5 * 0.6])  # 1.2


def test_R13_a_busy_deputy_or_another_sides_deputy_is_refused_with_a_reason(rules):
    """A deputy who is tied up this week, or who works for the other side, cannot place your call."""
    busy = np.zeros((1, 3, rules.n_turns + 1), dtype=bool)
    busy[0, D_ONE, 0] = True
    state = at(rules, deputy_busy=busy)
    assert why_illegal(rules, state, Sheet(W), deputy_call(D_ONE, T0, AAA)) == "Deputy One is tied up this week"
    assert why_illegal(rules, state, Sheet(W), deputy_call(D_THREE, T0, AAA)) == (
        "Deputy Three does not work for Washington"
    )
    assert remaining(rules, state, Sheet(W))["deputies"] == 1
    assert {o.deputy for o in legal_orders(rules, state, Sheet(W)) if o.kind == Kind.DEPUTY_CALL} == {D_TWO}
    assert why_illegal(rules, state, Sheet(W), Order(W, Kind.DEPUTY_CALL, T0, (AAA,), deputy=7)) == "unknown deputy"


# --------------------------------------------------------------------------------------- multilateral


def test_R14_a_multilateral_call_reaches_every_member_with_a_smaller_effect(rules):
    """Convening a group is one call that reaches each member with a smaller contact (strength 0.5 here)."""
    state = initial_state(rules)
    order = convene(W, T0, CORE)
    assert remaining(rules, state, sheet(W, order))["calls"] == 2
    result = play_week(rules, state, sheet(W, order))
    assert [c.country for c in result.records[0].contacts] == [AAA, BBB, CCC]
    assert deltas(result.records[0]) == approx(
        [10 * 0.5 * 1.0 * 1.0 * 0.5, 10 * 0.5 * 0.5 * 1.0 * 0.25, 10 * 0.5 * 1.0 * 0.5 * 0.6]  # 2.5, 0.625, 1.5
    )
    assert result.state.alignment[0, DDD] == 90.0


def test_R15_only_a_groups_conveners_may_call_it(rules):
    """Only the sides listed as a group's conveners may call the group together."""
    state = initial_state(rules)
    assert why_illegal(rules, state, Sheet(M), convene(M, T0, CORE)) == "Moscow cannot convene Core group"
    assert why_illegal(rules, state, Sheet(M), convene(M, T0, PAIR)) is None
    record = play_week(rules, state, sheet(M, convene(M, T0, PAIR))).records[0]
    assert deltas(record) == approx([-8 * 0.5 * 0.5 * 0.5 * 0.75, -8 * 0.5 * 0.5 * 1.0 * 0.95])  # BBB, DDD


def test_R16_a_group_can_be_convened_once_a_week(rules):
    """Each group may be convened once a week (by each side); next week it may be convened again."""
    state = initial_state(rules)
    once = sheet(W, convene(W, T0, CORE))
    assert why_illegal(rules, state, once, convene(W, T1, CORE)) == "Core group has already been convened this week"
    assert why_illegal(rules, state, once, convene(W, T0, PAIR)) is None
    assert why_illegal(rules, state, Sheet(M), convene(M, T0, PAIR)) is None
    later = play_week(rules, state, once).state
    assert why_illegal(rules, later, Sheet(W), convene(W, T0, CORE)) is None


def test_R17_a_topic_without_leverage_cannot_be_raised(rules):
    """A side with nothing to offer on a topic (leverage 0) cannot raise it, in any kind of contact."""
    state = initial_state(rules)
    reason = "Moscow has nothing to offer on Trade"
    for order in (
        call(M, T1, AAA),
        visit(M, T1, AAA),
        deputy_call(D_THREE, T1, AAA, actor=M),
        convene(M, T1, PAIR),
    ):
        assert why_illegal(rules, state, Sheet(M), order) == reason
    assert {o.topic for o in candidate_orders(rules, M)} == {T0}
    assert {o.topic for o in candidate_orders(rules, W)} == {T0, T1}


# --------------------------------------------------------------------------------------------- budgets


def test_R18_calls_and_visits_run_out_and_come_back_next_week(rules):
    """A side has base calls and visits each week; once they are spent nothing more that needs them can be
    ordered, and the next week the budget is full again."""
    state = initial_state(rules)
    full = sheet(W, call(W, T0, AAA), call(W, T0, BBB), call(W, T0, CCC))
    assert remaining(rules, state, full) == {"calls": 0, "visits": 1, "deputies": 2}
    assert why_illegal(rules, state, full, call(W, T0, DDD)) == "no calls left this week"
    assert why_illegal(rules, state, full, convene(W, T0, CORE)) == "no calls left this week"
    assert why_illegal(rules, state, full, deputy_call(D_TWO, T0, DDD)) is None  # deputies are not calls
    travelled = sheet(W, visit(W, T0, DDD))
    assert why_illegal(rules, state, travelled, visit(W, T0, AAA)) == "no visits left this week"
    later = play_week(rules, state, full).state
    assert budget(rules, later, W) == {Resource.CALLS: 3, Resource.VISITS: 1}
    assert remaining(rules, later, Sheet(W)) == {"calls": 3, "visits": 1, "deputies": 2}


def test_R19_budget_events_change_later_weeks_only(rules):
    """Effect `budget`: an event adds to (or takes from) a side's calls or visits for `turns` weeks starting
    `delay` weeks after the week it happens (default: next week, for one week); never below zero."""
    rules = with_events(
        event(0, 1, effects=[("budget", {"actor": W, "resource": CALLS, "by": 2, "turns": 2, "delay": 1})]),
        event(1, 0, effects=[("budget", {"actor": W, "resource": VISITS, "by": 1, "turns": 1, "delay": 2})]),
        event(2, 0, effects=[("budget", {"actor": M, "resource": CALLS, "by": -5, "turns": 1, "delay": 1})]),
    )
    state = initial_state(rules)
    seen = []
    while state.turn < rules.n_turns:
        seen.append((budget(rules, state, W), budget(rules, state, M)[Resource.CALLS]))
        state = play_week(rules, state).state
    c, v = Resource.CALLS, Resource.VISITS
    assert seen == [
        ({c: 3, v: 1}, 2),  # week 0: events 1 and 2 happen, but this week's budget is already set
        ({c: 3, v: 1}, 0),  # week 1: Moscow loses 5 of its 2 calls (not -3); event 0 happens
        ({c: 5, v: 2}, 2),  # week 2: +2 calls (event 0, first of 2 weeks) and +1 visit (event 1, delay 2)
        ({c: 5, v: 1}, 2),  # week 3: the second week of event 0
    ]


# ------------------------------------------------------------------------------------- drift and spill


def test_R20_the_structural_position_comes_from_ties(rules):
    """A country's structural position (its anchor) is its anchor offset plus each tie times that tie's
    weight, cut to the scale."""
    assert anchors(initial_state(rules), rules)[0] == approx([0.5 * 40, 1.0 * 40, 10 - 1.0 * 30, 40 - 0.5 * 30])
    strong = initial_state(rules).evolve(anchor_offset=np.array([[0.0, 0.0, 10.0, 90.0]]))
    assert anchors(strong, rules)[0, DDD] == 100.0  # 90 + 25 cut to 100


def test_R21_a_neglected_country_drifts_back_toward_its_structural_position():
    """Each week a country closes drift_rate of the gap to its anchor (fully, when no one holds it)."""
    rules = tiny_rules(drift_rate=0.1)
    result = play_week(rules, initial_state(rules))
    assert result.state.alignment[0] == approx([0 + 0.1 * 20, 50 - 0.1 * 10, -20.0, 90 - 0.1 * 65])
    drift = {m.country: [c.delta for c in m.causes if c.kind == CauseKind.DRIFT] for m in result.records[0].moves}
    assert drift == {AAA: approx([2.0]), BBB: approx([-1.0]), DDD: approx([-6.5])}


@pytest.mark.parametrize(
    ("weeks_since", "share"),
    [(1, 0.3), (2, 0.5), (3, 0.75), (4, 1.0), (50, 1.0)],
)
def test_R22_drift_slows_while_you_keep_in_touch_but_never_stops(weeks_since, share):
    """Drift runs at (weeks since the holding side's last contact) / neglect_weeks of its full rate, never
    less than drift_in_touch (0.3 here) and never more than the full rate."""
    rules = tiny_rules(drift_rate=0.1)
    last = np.full((1, 2, 4), -999, dtype=np.int64)
    last[0, W, BBB] = -weeks_since  # the state is at week 0
    result = play_week(rules, at(rules, last_contact=last))
    assert result.state.alignment[0, BBB] == approx(50 - 0.1 * share * 10)


def test_R22b_a_contact_this_week_holds_the_country_at_the_drift_floor():
    """A country you contact this week drifts at drift_in_touch of the full rate, from where your contact
    left it."""
    rules = tiny_rules(drift_rate=0.1)
    result = play_week(rules, initial_state(rules), sheet(W, call(W, T1, BBB)))
    x1 = 50 + 10 * 0.8 * 1.0 * 0.25  # 52
    assert result.state.alignment[0, BBB] == approx(x1 - 0.1 * 0.3 * (x1 - 40))


def test_R23_the_side_a_country_leans_toward_holds_it_against_drift():
    """Only the side a country has moved toward (above its anchor: Washington; below: Moscow) slows its
    drift by keeping in touch; the other side's contacts do not hold it."""
    rules = tiny_rules(drift_rate=0.1)

    def drift_after(actor: int, country: int) -> float:
        last = np.full((1, 2, 4), -999, dtype=np.int64)
        last[0, actor, country] = -1
        state = at(rules, last_contact=last)
        return float(play_week(rules, state).state.alignment[0, country] - state.alignment[0, country])

    # Avalon (0) is below its anchor (20): Moscow holds it there.
    assert drift_after(M, AAA) == approx(0.1 * 0.3 * 20)
    assert drift_after(W, AAA) == approx(0.1 * 1.0 * 20)
    # Borduria (50) is above its anchor (40): Washington holds it there.
    assert drift_after(W, BBB) == approx(-0.1 * 0.3 * 10)
    assert drift_after(M, BBB) == approx(-0.1 * 1.0 * 10)


def test_R24_group_peers_pull_each_other_along():
    """Spill-over: each week a country moves spill_rate x sum over peers of (peer weight x (peer's alignment
    - its own)), after contacts and drift."""
    spill = np.zeros((4, 4))
    spill[AAA, BBB] = spill[BBB, AAA] = 0.5
    spill[CCC, AAA] = spill[CCC, BBB] = 0.5
    rules = tiny_rules(spill_rate=0.1, spill_matrix=spill)
    result = play_week(rules, initial_state(rules))
    assert result.state.alignment[0] == approx(
        [0 + 0.1 * 0.5 * 50, 50 + 0.1 * 0.5 * (0 - 50), -20 + 0.1 * (0.5 * 20 + 0.5 * 70), 90.0]
    )


def test_R24b_a_countrys_total_pull_from_its_peers_is_capped_at_one(flood):
    """When a scenario is compiled, each group shares its `spill` among a member's peers, and a member of
    several groups has its peer weights scaled down so that they sum to at most 1."""
    rules = flood.rules
    s, c = rules.spill_matrix, rules.country_index
    assert np.all(s.sum(axis=1) <= 1.0 + 1e-12)
    # Poland: B9 (spill 1.0, 8 peers), NATO (0.6, 15 peers), EU (0.8, 13 peers), OSCE (0.0): 2.4 scaled to 1.
    assert s[c("POL")].sum() == approx(1.0)
    assert s[c("POL"), c("ROU")] == approx((1.0 / 8 + 0.6 / 15 + 0.8 / 13) / 2.4)
    assert s[c("POL"), c("GBR")] == approx((0.6 / 15) / 2.4)
    # India: only the Quad (0.3, 2 peers), under the cap and left as it is.
    assert s[c("IND"), c("JPN")] == approx(0.15) and s[c("IND")].sum() == approx(0.3)
    assert s[c("CHE")].sum() == 0.0  # only in the OSCE, which does not spill


# ---------------------------------------------------------------------------------------------- events


def test_R25_a_dated_event_happens_in_its_week_only(rules):
    """A dated event happens in the week of its date, once."""
    rules = with_events(event(0, 2, effects=[("shift", {"countries": (AAA,), "by": 10.0})]))
    state, seen = initial_state(rules), []
    while state.turn < rules.n_turns:
        result = play_week(rules, state)
        seen.append(([e.event for e in result.records[0].events], float(result.state.alignment[0, AAA])))
        state = result.state
    assert seen == [([], 0.0), ([], 0.0), ([0], 10.0), ([], 10.0)]
    assert state.fired[0].tolist() == [True]


def test_R26_an_undated_trigger_happens_the_first_week_its_conditions_hold_and_only_once(rules):
    """An event without a date happens at the end of the first week in which all its conditions hold, and
    never again."""
    rules = with_events(
        event(
            0,
            -1,
            conditions=[("alignment_at_least", {"country": AAA, "value": 4.0})],
            effects=[("shift", {"countries": (BBB,), "by": -3.0})],
        )
    )
    r0 = play_week(rules, initial_state(rules))
    assert r0.records[0].events == () and r0.state.alignment[0, BBB] == 50.0
    r1 = play_week(rules, r0.state, sheet(W, call(W, T0, AAA)))  # Avalon reaches 5
    assert [e.event for e in r1.records[0].events] == [0] and r1.state.alignment[0, BBB] == 47.0
    r2 = play_week(rules, r1.state)
    assert r2.records[0].events == () and r2.state.alignment[0, BBB] == 47.0


def test_R27_condition_chance_is_drawn_from_the_games_seed(rules):
    """Condition `chance`: the event happens with probability p, drawn afresh each week from the game's seed
    (the same seed always gives the same weeks)."""

    def first_week(p: float, seed: int):
        rules_p = with_events(
            event(0, -1, conditions=[("chance", {"p": p})], effects=[("shift", {"countries": (DDD,), "by": -1.0})])
        )
        state = initial_state(rules_p)
        while state.turn < rules_p.n_turns:
            result = play_week(rules_p, state, seed=seed)
            if result.records[0].events:
                return state.turn
            state = result.state
        return None

    def expected(p: float, seed: int):
        draws = [Dice.single(seed).uniform(np.array([0]), t, Purpose.EVENT_CHANCE, 0)[0] for t in range(4)]
        return next((t for t, u in enumerate(draws) if u < p), None)

    weeks = [first_week(0.4, seed) for seed in range(12)]
    assert weeks == [expected(0.4, seed) for seed in range(12)]
    assert weeks == [first_week(0.4, seed) for seed in range(12)]
    assert len(set(weeks)) > 1  # the seed decides
    assert first_week(0.0, 3) is None
    assert first_week(1.0, 3) == 0


def test_R28_effect_shift_moves_alignment_at_once(rules):
    """Effect `shift`: moves the countries' alignment by a number of points at the end of the week."""
    rules = with_events(event(0, 0, effects=[("shift", {"countries": (AAA, DDD), "by": -5.0})]))
    result = play_week(rules, initial_state(rules))
    assert result.state.alignment[0].tolist() == [-5.0, 50.0, -20.0, 85.0]
    assert result.records[0].events[0].shifts == ((AAA, -5.0), (DDD, -5.0))


def test_R29_effect_shift_anchor_moves_the_structural_position(rules):
    """Effect `shift_anchor`: moves where the countries drift back to, not where they are now."""
    rules = with_events(event(0, 0, effects=[("shift_anchor", {"countries": (CCC,), "by": 30.0})]), drift_rate=0.1)
    r0 = play_week(rules, initial_state(rules))
    assert r0.state.alignment[0, CCC] == -20.0
    assert anchors(r0.state, rules)[0, CCC] == approx(10.0)
    r1 = play_week(rules, r0.state)
    assert r1.state.alignment[0, CCC] == approx(-20 + 0.1 * 30)


def test_R30_effect_tie_changes_a_tie_within_zero_and_one(rules):
    """Effect `tie`: changes one kind of tie (kept between 0 and 1), and so the structural position."""
    rules = with_events(
        event(0, 0, effects=[("tie", {"countries": (AAA,), "tie": 0, "by": 0.75})]),
        event(1, 0, effects=[("tie", {"countries": (DDD,), "tie": 1, "by": -1.0})]),
    )
    state = play_week(rules, initial_state(rules)).state
    assert state.ties[0, AAA].tolist() == [1.0, 0.0]  # 0.5 + 0.75 kept at 1
    assert state.ties[0, DDD].tolist() == [1.0, 0.0]  # 0.5 - 1 kept at 0
    assert anchors(state, rules)[0].tolist() == [40.0, 40.0, -20.0, 40.0]


def test_R31_effect_interest_changes_how_a_country_answers_a_topic(rules):
    """Effect `interest`: changes a country's interest in a topic, and so every later argument on it."""
    rules = with_events(event(0, 0, effects=[("interest", {"countries": (AAA,), "topic": T1, "by": 1.0})]))
    r0 = play_week(rules, initial_state(rules))
    assert r0.state.interest[0, AAA, T1] == approx(0.5)
    r1 = play_week(rules, r0.state, sheet(W, call(W, T1, AAA)))
    assert deltas(r1.records[0]) == approx([10 * 0.8 * 0.5 * 1.0 * 0.5])  # no longer backfires


def test_R31b_effect_interest_is_kept_within_minus_three_and_three(rules):
    """Effect `interest` keeps the interest between -3 and 3 (the range an author may write)."""
    rules = with_events(
        event(0, 0, effects=[("interest", {"countries": (BBB,), "topic": T1, "by": 3.0})]),
        event(1, 0, effects=[("interest", {"countries": (AAA,), "topic": T1, "by": -3.0})]),
    )
    state = play_week(rules, initial_state(rules)).state
    assert state.interest[0, BBB, T1] == 3.0
    assert state.interest[0, AAA, T1] == -3.0


def test_R31c_a_small_interest_change_moves_an_authored_interest_by_that_much():
    """Effect `interest` changes an interest by exactly `by` when the result stays inside the range a
    scenario author may write (-3 to 3)."""
    interest = np.array([[1.0, -2.5], [0.5, 1.0], [1.0, 1.0], [1.0, 0.5]])
    rules = with_events(
        event(0, 0, effects=[("interest", {"countries": (AAA,), "topic": T1, "by": 0.1})]), interest_start=interest
    )
    state = play_week(rules, initial_state(rules)).state
    assert state.interest[0, AAA, T1] == approx(-2.4)


def test_R32_effect_power_multiplies_a_sides_effect_in_later_weeks(rules):
    """Effect `power`: multiplies the effect of a side's contacts for `turns` weeks from `delay` weeks on."""
    rules = with_events(event(0, 0, effects=[("power", {"actor": W, "factor": 0.5, "turns": 1})]))
    r0 = play_week(rules, initial_state(rules), sheet(W, call(W, T0, CCC)))
    assert deltas(r0.records[0]) == approx([10 * 0.5 * 0.6])  # this week: full power
    assert r0.state.power_mod[0, W].tolist() == [1.0, 0.5, 1.0, 1.0, 1.0]
    r1 = play_week(rules, r0.state, sheet(W, call(W, T0, AAA)))
    assert deltas(r1.records[0]) == approx([10 * 0.5 * 1.0 * 0.5])  # next week: half
    r2 = play_week(rules, r1.state, sheet(W, call(W, T0, DDD)))
    assert deltas(r2.records[0]) == approx([10 * (100 - 90) / 200])


def test_R33_effect_deputy_busy_takes_a_deputy_off_the_phones(rules):
    """Effect `deputy_busy`: the deputy cannot place calls for `turns` weeks from `delay` weeks on."""
    rules = with_events(event(0, 0, effects=[("deputy_busy", {"deputy": D_ONE, "turns": 2, "delay": 1})]))
    state = initial_state(rules)
    refusals = []
    while state.turn < rules.n_turns:
        refusals.append(why_illegal(rules, state, Sheet(W), deputy_call(D_ONE, T0, AAA)))
        state = play_week(rules, state).state
    busy = "Deputy One is tied up this week"
    assert refusals == [None, busy, busy, None]


def _fires(rules, weeks: int = 1, seed: int = 0) -> list[list[int]]:
    state, out = initial_state(rules), []
    for _ in range(weeks):
        result = play_week(rules, state, seed=seed)
        out.append([e.event for e in result.records[0].events])
        state = result.state
    return out


def _when(*conditions) -> list:
    return [event(0, 0, conditions=list(conditions), effects=[("shift", {"countries": (DDD,), "by": 1.0})])]


def test_R34_condition_alignment_at_least_includes_the_value(rules):
    """Condition `alignment_at_least`: the country's alignment is at least the value (equal counts)."""
    assert _fires(with_events(*_when(("alignment_at_least", {"country": AAA, "value": 0.0})))) == [[0]]
    assert _fires(with_events(*_when(("alignment_at_least", {"country": AAA, "value": 0.5})))) == [[]]


def test_R35_condition_alignment_below_excludes_the_value(rules):
    """Condition `alignment_below`: the country's alignment is strictly below the value."""
    assert _fires(with_events(*_when(("alignment_below", {"country": BBB, "value": 50.0})))) == [[]]
    assert _fires(with_events(*_when(("alignment_below", {"country": BBB, "value": 50.5})))) == [[0]]


def test_R36_condition_mean_alignment_at_least_averages_the_countries(rules):
    """Condition `mean_alignment_at_least`: the plain average of the countries' alignments is at least the
    value."""
    three = (AAA, BBB, CCC)  # (0 + 50 - 20) / 3 = 10
    assert _fires(with_events(*_when(("mean_alignment_at_least", {"countries": three, "value": 10.0})))) == [[0]]
    assert _fires(with_events(*_when(("mean_alignment_at_least", {"countries": three, "value": 10.5})))) == [[]]


def test_R36b_condition_mean_alignment_below_is_the_complement(rules):
    """Condition `mean_alignment_below`: the plain average of the countries' alignments is below the value."""
    three = (AAA, BBB, CCC)
    assert _fires(with_events(*_when(("mean_alignment_below", {"countries": three, "value": 10.0})))) == [[]]
    assert _fires(with_events(*_when(("mean_alignment_below", {"countries": three, "value": 10.5})))) == [[0]]


def test_R37_condition_fired_waits_for_another_event(rules):
    """Condition `fired`: another event has happened; it sees events earlier in the scenario's list in the
    same week, and later ones from the next week."""
    shift = [("shift", {"countries": (DDD,), "by": -1.0})]
    after = with_events(event(0, 1, effects=shift), event(1, -1, conditions=[("fired", {"event": 0})], effects=shift))
    assert _fires(after, weeks=3) == [[], [0, 1], []]
    before = with_events(event(0, -1, conditions=[("fired", {"event": 1})], effects=shift), event(1, 1, effects=shift))
    assert _fires(before, weeks=3) == [[], [1], [0]]


def test_R38_condition_not_fired_requires_that_another_event_has_not_happened(rules):
    """Condition `not_fired`: another event has not happened (yet)."""
    shift = [("shift", {"countries": (DDD,), "by": -1.0})]
    blocked = with_events(
        event(0, 0, effects=shift), event(1, -1, conditions=[("not_fired", {"event": 0})], effects=shift)
    )
    assert _fires(blocked, weeks=3) == [[0], [], []]
    first = with_events(
        event(0, 2, effects=shift), event(1, -1, conditions=[("not_fired", {"event": 0})], effects=shift)
    )
    assert _fires(first, weeks=3) == [[1], [], [0]]


def test_R39_every_registered_effect_and_condition_has_a_rule_case():
    """Every effect and condition a scenario may use is pinned by a case (R19, R27-R38, R47, R52, R53)."""
    assert set(EFFECTS) == {
        "shift",
        "shift_anchor",
        "tie",
        "interest",
        "budget",
        "power",
        "deputy_busy",
        "track",
        "decide",
        "close",
        "line",
        "move_line",
    }
    assert set(CONDITIONS) == {
        "alignment_at_least",
        "alignment_below",
        "mean_alignment_at_least",
        "mean_alignment_below",
        "fired",
        "not_fired",
        "chance",
        "track_at_least",
        "track_below",
    }


# -------------------------------------------------------------------------------- the scale and causes


def test_R40_alignment_is_kept_within_the_scale_and_the_cut_is_recorded(rules):
    """Alignment stays within -100..100.  An event records what it really moved (it stops at the end of
    the scale); what contacts push past the end is recorded as a `limit` cause."""
    rules = with_events(
        event(0, 0, effects=[("shift", {"countries": (DDD,), "by": 20.0})]),
        event(1, 0, effects=[("shift", {"countries": (CCC,), "by": -100.0})]),
    )
    result = play_week(rules, initial_state(rules))
    assert result.state.alignment[0, DDD] == 100.0 and result.state.alignment[0, CCC] == -100.0
    moves = {m.country: m for m in result.records[0].moves}
    assert {c.kind: c.delta for c in moves[DDD].causes} == {CauseKind.EVENT: 10.0}
    assert {c.kind: c.delta for c in moves[CCC].causes} == {CauseKind.EVENT: -80.0}
    assert (moves[DDD].before, moves[DDD].after) == (90.0, 100.0)
    assert {e.event: dict(e.shifts) for e in result.records[0].events} == {0: {DDD: 10.0}, 1: {CCC: -80.0}}


def test_R40c_a_contact_pushing_past_the_end_of_the_scale_is_cut_as_a_limit(rules):
    """A call that would carry a country past +100 stops at +100; the excess is a `limit` cause."""
    from game.engine import Dice, Kind, Order, Sheet, resolve_turn

    rules = with_events()
    state = initial_state(rules)
    state = state.evolve(alignment=np.full_like(state.alignment, 99.9))
    order = Order(0, Kind.CALL, 0, (AAA,))
    result = resolve_turn(state, (Sheet(0, (order,)), Sheet(1)), rules, Dice.single(1))
    move = next(m for m in result.records[0].moves if m.country == AAA)
    kinds = {c.kind: c.delta for c in move.causes}
    assert move.after <= 100.0
    assert sum(kinds.values()) == pytest.approx(move.after - move.before)


def test_R40b_event_conditions_see_alignments_on_the_scale(rules):
    """Conditions judge alignments on the -100..100 scale: a country pushed past +100 by an event counts as
    +100 for later events of the same week."""
    rules = with_events(
        event(0, 0, effects=[("shift", {"countries": (DDD,), "by": 20.0})]),
        # (50 + 100) / 2 = 75 on the scale; (50 + 110) / 2 = 80 if the overshoot is kept
        event(1, -1, conditions=[("mean_alignment_at_least", {"countries": (BBB, DDD), "value": 77.0})]),
    )
    assert [e.event for e in play_week(rules, initial_state(rules)).records[0].events] == [0]


def test_R41_the_causes_of_every_move_add_up_to_the_move():
    """Each week's record splits every country's move (and every track's) into causes (contacts, talks with
    the rival, drift, spill-over, events, limit) that add up to exactly how far it moved; a country with no
    cause did not move."""
    spill = np.zeros((4, 4))
    spill[AAA, BBB] = spill[BBB, AAA] = spill[CCC, AAA] = 0.5
    rules = engage_rules(
        events=(
            event(0, 1, effects=[("shift", {"countries": (DDD, BBB), "by": 15.0})]),
            event(1, -1, conditions=[("chance", {"p": 0.5})], effects=[("shift", {"countries": (CCC,), "by": -7.0})]),
            event(2, 2, effects=[("track", {"track": 0, "by": 80.0})]),
        ),
        noise_sigma=0.5,
        drift_rate=0.15,
        spill_rate=0.1,
        spill_matrix=spill,
    )
    weeks = [
        (sheet(W, call(W, T0, AAA), visit(W, T0, BBB, CCC)), sheet(M, call(M, T0, AAA), convene(M, T0, PAIR))),
        (sheet(W, convene(W, T1, CORE), call(W, T1, DDD)), sheet(M, visit(M, T0, DDD))),
        (sheet(W, deputy_call(D_ONE, T0, DDD), engage(W, T1)), sheet(M, engage(M, T1))),
        (Sheet(W), sheet(M, call(M, T0, CCC), call(M, T0, CCC))),
    ]
    for seed in range(6):
        state = initial_state(rules)
        for sheets in weeks:
            result = play_week(rules, state, *sheets, seed=seed)
            before, after = state.alignment[0], result.state.alignment[0]
            moved = set()
            for move in result.records[0].moves:
                moved.add(move.country)
                assert (move.before, move.after) == (before[move.country], after[move.country])
                assert sum(c.delta for c in move.causes) == approx(move.after - move.before, abs=1e-9)
            assert all(after[c] == before[c] for c in range(4) if c not in moved)
            for move in result.records[0].tracks:
                assert (move.before, move.after) == (state.track[0, move.track], result.state.track[0, move.track])
                assert sum(c.delta for c in move.causes) == approx(move.after - move.before, abs=1e-9)
            state = result.state


# ---------------------------------------------------------------------------------- commitments, score


def test_R42_the_commitment_ladder_follows_the_thresholds(rules):
    """At the end each country stands on the best option of each rung whose line its alignment reaches:
    abstain, then vote yes; sanctions, arms, energy help; a closed line (NaN) is never reached, and an option
    without a line (absent) only by an event."""
    c = commitments(rules, np.array([[-40.0, -40.5, 0.0, 9.99], [30.0, 60.0, 100.0, 10.0]]))
    assert c.level[:, :, UN_VOTE].tolist() == [[ABSTAIN, NO, YES, YES], [YES] * 4]
    assert c.level[:, :, SANCTIONS].tolist() == [[0, 0, 0, 0], [1, 1, 1, 0]]
    assert c.level[:, :, ARMS].tolist() == [[0, 0, 0, 0], [0, 1, 0, 0]]  # Carpania: closed
    assert c.level[:, :, ENERGY].tolist() == [[0, 0, 0, 0], [0, 0, 0, 1]]  # Dorsia only
    assert (c.own == c.level).all() and c.blocs == ()


def test_R43_the_score_is_the_weighted_share_of_commitments_that_could_be_had(rules):
    """The score is 100 x the weighted points of the commitments made over the weighted points of every
    commitment open to each country; the tier is the best one whose minimum the score reaches."""
    # Best possible: Avalon 1+2+1, Borduria (weight 2) 2 x (1+2+1), Carpania 1+2, Dorsia 1+2+1+2: 21 points.
    finals = np.array(
        [
            [30.0, 60.0, 100.0, 10.0],  # 3 + 2 x 4 + 3 + (1 + 2) = 17
            [-40.0, -40.5, 0.0, 9.99],  # 0.5 + 0 + 1 + 1 = 2.5
            [100.0] * 4,
            [-100.0] * 4,
        ]
    )
    scores = score(rules, finals)
    assert scores == approx([100 * 17 / 21, 100 * 2.5 / 21, 100.0, 0.0])
    assert tier_index(rules, scores).tolist() == [0, 2, 0, 2]
    assert tier_index(rules, np.array([60.0, 59.9, 30.0, 29.9, 0.0])).tolist() == [0, 1, 1, 2, 2]


def test_the_tier_agrees_with_the_score_as_shown(rules):
    """A score shown as "60.0" is in the tier that starts at 60, even when it is 59.96 before rounding (the window
    once showed "Isolated Washington · 50" for 49.7 while the tier list said the next one starts at 50)."""
    shown = np.array([59.96, 59.94, 29.951])
    assert [f"{s:.1f}" for s in shown] == ["60.0", "59.9", "30.0"]
    assert tier_index(rules, shown).tolist() == [0, 1, 1]


def test_R43b_a_closed_un_yes_rung_does_not_count_toward_the_best_possible_score(rules):
    """When the UN 'yes' line is closed, the best a country can give is what its open rungs give, so a world
    that gives everything it can scores 100."""
    lines = rules.ladder.thresholds.copy()
    lines[:, UN_VOTE, YES] = NAN
    closed = dataclasses.replace(rules, ladder=dataclasses.replace(rules.ladder, thresholds=lines))
    assert score(closed, np.array([[100.0] * 4]))[0] == approx(100.0)


def _with_bloc(rules, rule, **kw):
    """The tiny world where Avalon, Borduria and Carpania (the Core group) decide sanctions together."""
    bloc = Bloc(SANCTIONS, (AAA, BBB, CCC), rule, **kw)
    return dataclasses.replace(rules, ladder=dataclasses.replace(rules.ladder, blocs=(bloc,)))


def test_R44_a_bloc_decides_by_unanimity_and_a_holdout_blocks_it(rules):
    """Under unanimity the bloc adopts a pledge only if every member reaches its line; a member below the level
    most members reach is a holdout, and holds every member back."""
    blocs = _with_bloc(rules, BlocRule.UNANIMITY)
    finals = np.array([[40.0, 40.0, 20.0, 40.0], [40.0, 40.0, 40.0, 40.0], [10.0, 40.0, 20.0, 40.0]])
    c = commitments(blocs, finals)
    (decision,) = c.blocs
    assert decision.level.tolist() == [0, 1, 0] and decision.proposal.tolist() == [1, 1, 0]
    assert c.level[:, :, SANCTIONS].tolist() == [[0, 0, 0, 1], [1, 1, 1, 1], [0, 0, 0, 1]]
    assert c.own[0, :, SANCTIONS].tolist() == [1, 1, 0, 1]  # what each would have done alone
    assert decision.holdouts[0].tolist() == [False, False, True, False]  # Carpania blocks
    assert not decision.holdouts[2].any()  # most stay out: nobody is held back
    assert score(blocs, finals[:1])[0] < score(rules, finals[:1])[0]  # a blocked bloc costs what its keen members gave


def test_R45_a_qualified_majority_carries_the_holdouts_along(rules):
    blocs = _with_bloc(rules, BlocRule.QUALIFIED_MAJORITY, quota=0.6)
    c = commitments(blocs, np.array([[40.0, 40.0, 20.0, -50.0], [40.0, 20.0, 20.0, 40.0]]))
    (decision,) = c.blocs
    assert decision.level.tolist() == [1, 0]  # two of three reach it; one of three does not
    assert c.level[:, :, SANCTIONS].tolist() == [[1, 1, 1, 0], [0, 0, 0, 1]]
    assert decision.holdouts[0].tolist() == [False, False, True, False]  # carried along


def test_R46_a_bloc_can_follow_its_leader(rules):
    blocs = _with_bloc(rules, BlocRule.LEADER, leader=BBB)
    c = commitments(blocs, np.array([[-50.0, 40.0, -50.0, 0.0], [40.0, 20.0, 40.0, 0.0]]))
    assert c.level[:, :, SANCTIONS].tolist() == [[1, 1, 1, 0], [0, 0, 0, 0]]
    assert c.blocs[0].holdouts[1].tolist() == [False, False, False, False]


def test_R47_events_decide_close_open_and_move_commitment_lines(rules):
    """Effects that decide a commitment outright or change its lines; the score reads the state's lines."""
    events = (
        event(0, 0, [("decide", {"countries": (CCC,), "rung": ARMS, "option": 1})]),
        event(1, 0, [("close", {"countries": (AAA,), "rung": SANCTIONS})]),
        event(2, 0, [("line", {"countries": (DDD,), "rung": UN_VOTE, "option": ABSENT, "at": -90.0})]),
        event(3, 0, [("move_line", {"countries": (BBB,), "rung": SANCTIONS, "by": -40.0, "option": -1})]),
    )
    world = dataclasses.replace(rules, events=events)
    start = initial_state(world)
    after = resolve_turn(start, (Sheet(W), Sheet(M)), world, Dice.single(1)).state
    assert after.decided[0, CCC, ARMS] == 1 and (after.decided[0, [AAA, BBB, DDD], ARMS] == -1).all()
    assert np.isnan(after.thresholds[0, AAA, SANCTIONS, 1]) and after.thresholds[0, BBB, SANCTIONS, 1] == -10.0
    assert start.thresholds[0, AAA, SANCTIONS, 1] == 30.0  # the previous week's state is untouched
    low = dataclasses.replace(after, alignment=np.array([[35.0, -5.0, -90.0, -85.0]]))
    c = commitments_of(world, low)
    assert c.level[0, :, SANCTIONS].tolist() == [0, 1, 0, 0]  # Avalon's line closed, Borduria's moved
    assert c.level[0, CCC, ARMS] == 1  # decided whatever its alignment
    assert c.level[0, DDD, UN_VOTE] == ABSENT  # the new line for staying away
    assert score_of(world, low)[0] == approx(score(world, low.alignment, None, low.thresholds, low.decided)[0])


# --------------------------------------------------------------------------------- legality contracts


def _legality_cases(flood):
    """Some states of the real scenario, with pending sheets for both sides."""
    rules = flood.rules
    game = play_game(flood, "historical", seed=4, record=False)
    states = [game.states[0], game.states[6], game.states[9]]  # week 6: Sherman and Ryabkov are in Geneva
    for state in states:
        for actor in (flood.player, flood.rival):
            pending = Sheet(actor)
            yield state, pending
            for order in legal_orders(rules, state, pending)[::97][:6]:
                if why_illegal(rules, state, pending, order) is None:
                    pending = pending.with_order(order)
            yield state, pending
            week_sheet = game.sheets[state.turn][actor]
            yield state, week_sheet


def test_R44_legal_orders_are_exactly_the_candidates_the_rules_allow(flood):
    """The legal orders offered to a player (and to the bots) are exactly the possible orders that
    `why_illegal` does not refuse, in the same order."""
    rules = flood.rules
    checked = 0
    for state, pending in _legality_cases(flood):
        expected = [o for o in candidate_orders(rules, pending.actor) if why_illegal(rules, state, pending, o) is None]
        assert legal_orders(rules, state, pending) == expected
        checked += 1
    assert checked == 18
    over = initial_state(rules).evolve(turn=rules.n_turns)
    assert legal_orders(rules, over, Sheet(flood.player)) == []
    assert why_illegal(rules, over, Sheet(flood.player), call(0, 0, 0)) == "the crisis is over"


def test_R45_an_illegal_sheet_is_refused_with_the_reason(rules):
    """An order sheet that breaks a rule is refused as a whole, naming the first bad order and why."""
    state = initial_state(rules)
    too_many = sheet(W, call(W, T0, AAA), call(W, T0, BBB), visit(W, T0, CCC))
    with pytest.raises(IllegalOrder, match=r"^order 3: a trip costs 2 calls of travel time; 1 left$"):
        validate_sheet(rules, state, too_many)
    with pytest.raises(IllegalOrder, match="order 3"):
        resolve_turn(state, (too_many,), rules, Dice.single(0))
    wrong_side = sheet(W, call(M, T0, AAA))
    with pytest.raises(IllegalOrder, match="order 1: that order belongs to another side's sheet"):
        resolve_turn(state, (wrong_side,), rules, Dice.single(0))
    with pytest.raises(IllegalOrder, match="order 1: Moscow has nothing to offer on Trade"):
        resolve_turn(state, (sheet(M, call(M, T1, AAA)),), rules, Dice.single(0))
    over = state.evolve(turn=rules.n_turns)
    with pytest.raises(ValueError, match="the crisis is over"):
        resolve_turn(over, (Sheet(W),), rules, Dice.single(0))


def test_R45b_a_side_has_one_order_sheet_a_week(rules):
    """Each side gives one order sheet a week: a second sheet for the same side cannot add a second budget."""
    full = sheet(W, call(W, T0, AAA), call(W, T0, BBB), call(W, T0, CCC))
    with pytest.raises((IllegalOrder, ValueError)):
        resolve_turn(initial_state(rules), (full, full), rules, Dice.single(0))


def _assert_same_state(batch, game: int, single) -> None:
    for name in ("alignment", "ties", "anchor_offset", "interest", "recent", "last_contact", "budget_mod"):
        assert np.array_equal(getattr(batch, name)[game], getattr(single, name)[0]), name
    for name in ("power_mod", "deputy_busy", "fired", "track"):
        assert np.array_equal(getattr(batch, name)[game], getattr(single, name)[0]), name
    assert batch.turn == single.turn


def test_R46_a_batch_of_games_plays_each_game_exactly_as_if_alone(rules):
    """Resolving many games at once (the Monte Carlo lab) gives each game exactly what resolving it alone with
    the same seed gives, records included."""
    spill = np.zeros((4, 4))
    spill[AAA, BBB] = spill[BBB, AAA] = 0.5
    rules = engage_rules(
        events=(
            event(0, 1, effects=[("shift", {"countries": (DDD,), "by": 12.0})]),
            event(1, -1, conditions=[("chance", {"p": 0.3})], effects=[("power", {"actor": M, "factor": 2.0})]),
            event(2, -1, conditions=[("track_at_least", {"track": 0, "value": 35.0})], effects=[]),
        ),
        noise_sigma=0.5,
        drift_rate=0.1,
        spill_rate=0.05,
        spill_matrix=spill,
    )
    pool_w = [
        call(W, T0, AAA),
        visit(W, T1, BBB, CCC),
        deputy_call(D_ONE, T0, DDD),
        convene(W, T0, CORE),
        call(W, T1, AAA),
        deputy_call(D_TWO, T1, CCC),
        engage(W, T1),
        engage(W, T1, deputy=D_TWO),
    ]
    pool_m = [
        call(M, T0, BBB),
        convene(M, T0, PAIR),
        visit(M, T0, DDD),
        deputy_call(D_THREE, T0, AAA, actor=M),
        engage(M, T1),
    ]
    seeds = [3, 1, 4, 1, 5]

    def sheets_for(game: int, turn: int):
        w = Sheet(W)
        for k in range(game + turn + 1):
            order = pool_w[(game * 5 + turn * 3 + k) % len(pool_w)]
            if why_illegal(rules, singles[game], w, order) is None:
                w = w.with_order(order)
        m = Sheet(M)
        for k in range(1 + (game + turn) % 3):
            order = pool_m[(game + 2 * turn + k) % len(pool_m)]
            if why_illegal(rules, singles[game], m, order) is None:
                m = m.with_order(order)
        return (w, m)

    batch = initial_state(rules, games=len(seeds))
    singles = [initial_state(rules) for _ in seeds]
    dice = Dice(seeds)
    while batch.turn < rules.n_turns:
        week = [sheets_for(g, batch.turn) for g in range(len(seeds))]
        together = resolve_contacts(
            batch, contacts_from_sheets(rules, week), rules, dice, True, engagements_from_sheets(rules, week)
        )
        for g, seed in enumerate(seeds):
            alone = resolve_turn(singles[g], week[g], rules, Dice.single(seed))
            _assert_same_state(together.state, g, alone.state)
            assert together.records[g] == alone.records[0]
            singles[g] = alone.state
        batch = together.state


def _replay_as_batch(flood, seeds):
    """Play single games with the random policy, then replay all their sheets as one batch."""
    rules = flood.rules
    games = [play_game(flood, "random", seed, record=False) for seed in seeds]
    batch, dice = initial_state(rules, games=len(seeds)), Dice(seeds)
    for week in range(rules.n_turns):
        sheets = [g.sheets[week] for g in games]
        contacts, talks = contacts_from_sheets(rules, sheets), engagements_from_sheets(rules, sheets)
        batch = resolve_contacts(batch, contacts, rules, dice, engagements=talks).state
        yield batch, [g.states[week + 1] for g in games]


def test_R46b_a_batch_of_real_games_matches_the_games_played_alone(flood):
    """The same holds for the real scenario: replaying the sheets of several games as one batch gives each
    game's states week by week (alignment to within rounding, see R46c)."""
    for batch, singles in _replay_as_batch(flood, [11, 12, 13, 14]):
        for i, single in enumerate(singles):
            assert batch.alignment[i] == approx(single.alignment[0], rel=0, abs=1e-9)
            for name in (
                "ties",
                "anchor_offset",
                "interest",
                "recent",
                "last_contact",
                "budget_mod",
                "power_mod",
                "track",
                "group_recent",
            ):
                assert np.array_equal(getattr(batch, name)[i], getattr(single, name)[0]), name
            assert np.array_equal(batch.deputy_busy[i], single.deputy_busy[0])
            assert np.array_equal(batch.fired[i], single.fired[0])


def test_R46c_a_batch_of_real_games_matches_bit_for_bit(flood):
    """A game's alignment in a batch is bit-for-bit the alignment it has when played alone, so that a
    threshold (a commitment, a trigger) can never come out differently in the Monte Carlo lab."""
    for batch, singles in _replay_as_batch(flood, [11, 12, 13, 14]):
        for i, single in enumerate(singles):
            assert np.array_equal(batch.alignment[i], single.alignment[0])


# ------------------------------------------------------------------------ tracks and talks with the rival


def test_R47_a_side_may_talk_to_the_rival_once_a_week_on_a_topic_that_moves_a_track():
    """Where a scenario keeps a channel, a side may talk to the other side itself, once a week, on a topic
    that moves a track (naming no country); leverage does not matter there."""
    rules = engage_rules()
    state = initial_state(rules)
    assert why_illegal(rules, state, Sheet(W), engage(W, T1)) is None
    assert why_illegal(rules, state, Sheet(M), engage(M, T1)) is None  # Moscow has no leverage on Trade
    assert why_illegal(rules, state, Sheet(W), engage(W, T0)) == "Moscow will not discuss Security"
    assert why_illegal(rules, state, sheet(W, engage(W, T1)), engage(W, T1, deputy=D_TWO)) == (
        "one contact with Moscow a week"
    )
    named = Order(W, Kind.ENGAGE, T1, (AAA,))
    assert why_illegal(rules, state, Sheet(W), named) == "a contact with Moscow names no country"
    closed = engage_rules(can_engage=np.array([True, False]))
    start = initial_state(closed)
    assert why_illegal(closed, start, Sheet(M), engage(M, T1)) == "Moscow keeps no channel to Washington in this crisis"
    assert not [o for o in legal_orders(closed, start, Sheet(M)) if o.kind == Kind.ENGAGE]
    assert why_illegal(tiny_rules(), initial_state(tiny_rules()), Sheet(W), engage(W, T1)) == (
        "Washington keeps no channel to Moscow in this crisis"
    )


def test_R48_talking_to_the_rival_costs_a_call_or_a_deputys_call():
    """Talking to the other side costs the principal one call, or uses up a deputy's call of the week."""
    rules = engage_rules()
    state = initial_state(rules)
    assert remaining(rules, state, sheet(W, engage(W, T1))) == {"calls": 2, "visits": 1, "deputies": 2}
    by_deputy = sheet(W, engage(W, T1, deputy=D_TWO))
    assert remaining(rules, state, by_deputy) == {"calls": 3, "visits": 1, "deputies": 1}
    assert why_illegal(rules, state, by_deputy, deputy_call(D_TWO, T0, AAA)) == (
        "Deputy Two has already placed a call this week"
    )
    spent = sheet(W, call(W, T0, AAA), call(W, T0, BBB), call(W, T0, CCC))
    assert why_illegal(rules, state, spent, engage(W, T1)) == "no calls left this week"
    assert why_illegal(rules, state, spent, engage(W, T1, deputy=D_ONE)) is None


def test_R49_talking_to_the_rival_moves_the_track_and_other_countries_react():
    """A talk with the other side moves each track by its strength x luck x power x the topic's track gain,
    and each country by its reaction to that side's talks x the strength; it is not a contact with them."""
    rules = engage_rules()
    result = play_week(rules, initial_state(rules), sheet(W, engage(W, T1)))
    assert result.state.track[0].tolist() == [10.0 + 1.0 * 20.0]  # no decay: the sides talked this week
    assert result.state.alignment[0].tolist() == [0.0 - 3.0, 50.0 + 2.0, -20.0, 90.0]
    (track,) = result.records[0].tracks
    assert [(c.kind, c.delta, c.actor, c.order) for c in track.causes] == [(CauseKind.ENGAGE, 20.0, W, 0)]
    moves = {m.country: [(c.kind, c.delta) for c in m.causes] for m in result.records[0].moves}
    assert moves == {AAA: [(CauseKind.ENGAGE, -3.0)], BBB: [(CauseKind.ENGAGE, 2.0)]}
    assert not result.state.recent.any() and (result.state.last_contact == -999).all()
    deputy = play_week(rules, initial_state(rules), sheet(W, engage(W, T1, deputy=D_TWO))).state
    assert deputy.track[0].tolist() == [10.0 + 0.5 * 20.0]
    assert deputy.alignment[0, :2].tolist() == [-1.5, 51.0]
    noisy = engage_rules(noise_sigma=0.4)
    state = play_week(noisy, initial_state(noisy), sheet(M, engage(M, T1)), seed=8).state
    z = Dice.single(8).normal(np.array([0]), 0, Purpose.CONTACT_NOISE, np.array([M]), np.array([0]))[0]
    assert state.track[0, 0] == approx(10.0 + 20.0 * max(0.0, 1.0 + 0.4 * z))
    assert state.alignment[0, DDD] == 86.0  # reactions carry no luck


def test_R50_a_track_fades_in_a_week_without_talks():
    """In a week when neither side talks to the other, every track loses its decay share (20% here)."""
    rules = engage_rules()
    quiet = play_week(rules, initial_state(rules))
    assert quiet.state.track[0].tolist() == [8.0]
    assert [(c.kind, c.delta) for c in quiet.records[0].tracks[0].causes] == [(CauseKind.DRIFT, approx(-2.0))]
    talked = play_week(rules, initial_state(rules), sheet(M, engage(M, T1))).state
    assert talked.track[0].tolist() == [30.0]  # Moscow's talk keeps the channel open too


def test_R51_a_track_stays_within_0_and_100_and_the_cut_is_recorded():
    """Tracks run from 0 to 100; what is cut off is recorded as a `limit` cause."""
    rules = engage_rules(track_start=np.array([95.0]))
    result = play_week(rules, initial_state(rules), sheet(W, engage(W, T1)))
    assert result.state.track[0].tolist() == [100.0]
    (move,) = result.records[0].tracks
    assert [(c.kind, c.delta) for c in move.causes] == [(CauseKind.ENGAGE, 20.0), (CauseKind.LIMIT, -15.0)]


def test_R52_effect_track_moves_a_track(rules):
    """Effect `track`: moves a track by a number of points, after this week's talks or decay."""
    rules = engage_rules(events=(event(0, 0, effects=[("track", {"track": 0, "by": 25.0})]),))
    result = play_week(rules, initial_state(rules))
    assert result.state.track[0].tolist() == [approx(10.0 * 0.8 + 25.0)]
    kinds = [(c.kind, c.delta) for c in result.records[0].tracks[0].causes]
    assert kinds == [(CauseKind.DRIFT, approx(-2.0)), (CauseKind.EVENT, approx(25.0))]


def test_R53_conditions_track_at_least_and_track_below():
    """Conditions `track_at_least` (the value counts) and `track_below` (strictly below) judge the track
    after this week's talks or decay (8 here)."""

    def fires(kind: str, value: float) -> bool:
        rules = engage_rules(events=tuple(_when((kind, {"track": 0, "value": value}))))
        return _fires(rules) == [[0]]

    assert fires("track_at_least", 8.0) and not fires("track_at_least", 8.5)
    assert fires("track_below", 8.5) and not fires("track_below", 8.0)


def test_R54_a_track_that_reaches_its_goal_adds_its_points_to_the_score():
    """A scored track adds its points to the best possible score, and to the score when it ends at or above
    its goal; a track without a goal is not scored."""
    rules = engage_rules()
    everything = np.array([[100.0] * 4])
    assert score(rules, everything, np.array([[40.0]]))[0] == approx(100.0)
    assert score(rules, everything, np.array([[39.99]]))[0] == approx(100 * 21 / 26)
    unscored = engage_rules(track_threshold=np.array([NAN]))
    assert score(unscored, everything, np.array([[0.0]]))[0] == approx(100.0)


def test_R44b_legal_orders_match_the_rules_with_talks_to_the_rival():
    """The legal orders are exactly the allowed candidates also where sides may talk to each other."""
    rules = engage_rules()
    busy = np.zeros((1, 3, rules.n_turns + 1), dtype=bool)
    busy[0, D_ONE, 0] = True
    for state in (initial_state(rules), at(rules, deputy_busy=busy)):
        for pending in (
            Sheet(W),
            sheet(W, engage(W, T1)),
            sheet(W, engage(W, T1, deputy=D_TWO), call(W, T0, AAA)),
            sheet(W, call(W, T0, AAA), visit(W, T1, DDD)),
            sheet(W, call(W, T0, AAA), call(W, T0, AAA), call(W, T0, AAA), deputy_call(D_TWO, T0, BBB)),
            Sheet(M),
            sheet(M, engage(M, T1)),
            sheet(M, deputy_call(D_THREE, T0, AAA, actor=M), call(M, T0, AAA)),
        ):
            validate_sheet(rules, state, pending)
            expected = [
                o for o in candidate_orders(rules, pending.actor) if why_illegal(rules, state, pending, o) is None
            ]
            assert legal_orders(rules, state, pending) == expected
