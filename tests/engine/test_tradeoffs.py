"""Rule cases for the trade-offs of issue 14, in the manner of ``test_rules.py`` (the tiny world of
``worlds.py``, every number worked out by hand):

* an argument pressed in one capital is heard in others (``Rules.echo``): the capital that hears it moves by
  its share of the contact's effect, after fatigue and luck, the same way or (negative share) the other way;
* a group convened week after week by the same side tires as a forum (``Rules.group_fatigue_k``).
"""

from __future__ import annotations

import numpy as np
import pytest

from game.engine import CauseKind, Dice, initial_state, resolve_contacts
from game.engine.resolve import contacts_from_sheets, engagements_from_sheets, resolve_turn

from .worlds import AAA, BBB, CCC, CORE, DDD, PAIR, T0, T1, M, W, call, convene, play_week, sheet, tiny_rules, visit

approx = pytest.approx


def echo_rules(**changes):
    """The tiny world where Security pressed in Avalon is heard in Borduria at -0.5 (alarmed) and in Dorsia
    at +0.25 (won over too)."""
    echo = np.zeros((2, 4, 4))
    echo[T0, AAA, BBB] = -0.5
    echo[T0, AAA, DDD] = 0.25
    return tiny_rules(echo=echo, **changes)


def causes_of(record, country):
    return next(m for m in record.moves if m.country == country).causes


def test_R60_an_argument_pressed_in_one_capital_moves_another_by_its_share():
    """Washington calls Avalon on Security: Avalon +5.0 (see R01); Borduria hears it at -0.5 (-2.5) and
    Dorsia at +0.25 (+1.25); Carpania hears nothing."""
    rules = echo_rules()
    result = play_week(rules, initial_state(rules), sheet(W, call(W, T0, AAA)))
    x = result.state.alignment[0]
    assert x[AAA] == approx(5.0)
    assert x[BBB] == approx(50.0 - 2.5)
    assert x[DDD] == approx(90.0 + 1.25)
    assert x[CCC] == -20.0


def test_R61_the_echo_follows_the_effect_after_fatigue_and_the_side_that_pressed_it():
    """A second call in the same week is tired (1 / 1.5) and so is its echo; Moscow's call on Avalon
    (-8 x 0.5 x 0.5 = -2.0) alarms Borduria the other way: +1.0 toward Washington.  Another topic is not
    heard."""
    rules = echo_rules()
    twice = play_week(rules, initial_state(rules), sheet(W, call(W, T0, AAA), call(W, T0, AAA)))
    assert twice.state.alignment[0, BBB] == approx(50.0 - 0.5 * (5.0 + 5.0 / 1.5))
    moscow = play_week(rules, initial_state(rules), sheet(M, call(M, T0, AAA)))
    assert moscow.state.alignment[0, BBB] == approx(50.0 + 1.0)
    trade = play_week(rules, initial_state(rules), sheet(W, call(W, T1, AAA)))
    assert trade.state.alignment[0, BBB] == 50.0


def test_R62_an_echo_is_recorded_as_a_cause_naming_the_side_the_order_and_the_capital():
    """Borduria's move lists the echo as its own cause: Washington's order 1 (the call to Avalon), pressed in
    Avalon; Avalon's own move has only the contact.  The causes still add up to the move."""
    rules = echo_rules()
    record = play_week(rules, initial_state(rules), sheet(W, call(W, T1, CCC), call(W, T0, AAA))).records[0]
    (echo,) = causes_of(record, BBB)
    assert (echo.kind, echo.actor, echo.order, echo.country) == (CauseKind.ECHO, W, 1, AAA)
    assert echo.delta == approx(-2.5)
    assert [c.kind for c in causes_of(record, AAA)] == [CauseKind.CONTACT]
    for move in record.moves:
        assert sum(c.delta for c in move.causes) == approx(move.delta)


def test_R63_a_trip_and_a_group_call_echo_from_each_capital_they_press():
    """Each stop of a trip and each member of a group call is a contact of its own: the echo comes from the
    stop in Avalon (the first, at full strength 2.0: +10 x room 0.5 = 10) and from Avalon as a member of the
    Core group (strength 0.5: 2.5)."""
    rules = echo_rules()
    trip = play_week(rules, initial_state(rules), sheet(W, visit(W, T0, AAA, BBB))).records[0]
    echo = [c for c in causes_of(trip, BBB) if c.kind == CauseKind.ECHO]
    assert [(c.country, c.delta) for c in echo] == [(AAA, approx(-5.0))]
    group = play_week(rules, initial_state(rules), sheet(W, convene(W, T0, CORE))).records[0]
    echo = [c for c in causes_of(group, BBB) if c.kind == CauseKind.ECHO]
    assert [(c.country, c.delta) for c in echo] == [(AAA, approx(-1.25))]


def test_R64_a_batch_with_echoes_and_tired_groups_plays_each_game_bit_for_bit_as_alone():
    """Games with different sheets, luck on, echoes and group fatigue: resolving them as one batch gives each
    game exactly the bits it gets alone, week after week (the dice are keyed by game)."""
    rules = echo_rules(noise_sigma=0.3, group_fatigue_k=2.0, spill_rate=0.05)
    weeks = [
        [
            [sheet(W, call(W, T0, AAA), convene(W, T0, CORE)), sheet(M, call(M, T0, AAA))],
            [sheet(W, visit(W, T0, AAA, BBB))],
            [sheet(W, convene(W, T0, PAIR)), sheet(M, convene(M, T0, PAIR))],
        ],
        [
            [sheet(W, convene(W, T0, CORE), call(W, T0, AAA))],
            [sheet(W, call(W, T1, AAA)), sheet(M, call(M, T0, AAA))],
            [sheet(W, convene(W, T0, PAIR), call(W, T0, DDD))],
        ],
    ]
    seeds = [5, 6, 7]
    batch = initial_state(rules, games=3)
    singles = [initial_state(rules) for _ in seeds]
    dice = Dice(seeds)
    for week in weeks:
        contacts = contacts_from_sheets(rules, week)
        batch = resolve_contacts(batch, contacts, rules, dice, engagements=engagements_from_sheets(rules, week)).state
        singles = [resolve_turn(s, w, rules, Dice.single(seed)).state for s, w, seed in zip(singles, week, seeds)]
        for g, single in enumerate(singles):
            assert np.array_equal(batch.alignment[g], single.alignment[0])
            assert np.array_equal(batch.group_recent[g], single.group_recent[0])


def test_R65_a_group_convened_week_after_week_tires_as_a_forum():
    """group_fatigue_k 2: the Core group convened a second week running hears Washington at a third, over and
    above each member's own fatigue (Avalon remembers half a call: 1 / (1 + 0.5 x 0.5) = 0.8).  The memory
    of convenings fades like contacts (1 -> 1.5 after two weeks running)."""
    rules = tiny_rules(group_fatigue_k=2.0)
    first = play_week(rules, initial_state(rules), sheet(W, convene(W, T0, CORE)))
    assert [c.fatigue for c in first.records[0].contacts] == [1.0, 1.0, 1.0]
    assert first.state.group_recent[0, W, CORE] == 1.0
    second = play_week(rules, first.state, sheet(W, convene(W, T0, CORE)))
    assert second.records[0].contacts[0].fatigue == approx(0.8 / 3.0)
    assert second.state.group_recent[0, W, CORE] == approx(1.5)
    assert second.state.group_recent[0, W, PAIR] == 0.0


def test_R66_another_group_or_the_other_side_is_not_tired_by_your_convenings():
    """After Washington convened the Core group, the Pair (Borduria, Dorsia) is fresh as a forum: Borduria
    is tired only as a member (half a call remembered: 0.8), Dorsia not at all; and Moscow convening the
    Pair is not tired by Washington's convenings.  Bilateral calls never meet a group's fatigue."""
    rules = tiny_rules(group_fatigue_k=2.0)
    state = play_week(rules, initial_state(rules), sheet(W, convene(W, T0, CORE), convene(W, T0, PAIR))).state
    record = play_week(rules, state, sheet(W, call(W, T0, CCC)), sheet(M, convene(M, T0, PAIR))).records[0]
    assert [c.fatigue for c in record.contacts if c.actor == M] == [1.0, 1.0]
    assert [c.fatigue for c in record.contacts if c.actor == W] == [approx(0.8)]


def test_R67_without_group_fatigue_a_group_call_is_tired_only_through_its_members():
    """group_fatigue_k 0 (the default) keeps the old rule: the Core group convened again is tired only by
    its members' memory of half a call each."""
    rules = tiny_rules()
    state = play_week(rules, initial_state(rules), sheet(W, convene(W, T0, CORE))).state
    record = play_week(rules, state, sheet(W, convene(W, T0, CORE))).records[0]
    assert [c.fatigue for c in record.contacts] == [approx(0.8)] * 3
