"""Promises (issue 14: costs that carry over): a promise attached to a call is believed (the contact moves the
capital ``1 + boost`` times as much), falls due ``within`` weeks later, is kept by a contact on its topic in the
capital it names, and is broken when it falls due unkept (the capital moves away, and the side's contacts there
lose ``mistrust`` of their effect for some weeks).  Played on Flood the Zone's own promises."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from game.engine import (
    CauseKind,
    Dice,
    Kind,
    Order,
    RefusalCode,
    Sheet,
    candidate_orders,
    initial_state,
    legal_orders,
    legal_promises,
    refusal,
    resolve_turn,
)

W = 0


@pytest.fixture(scope="module")
def rules(flood):
    return flood.rules


def _promise(rules, code: str) -> int:
    return next(p.index for p in rules.promises if p.code == code)


def _call(rules, topic: str, country: str, promise: str | None = None, kind=Kind.CALL) -> Order:
    p = _promise(rules, promise) if promise else -1
    return Order(W, kind, rules.topic_index(topic), (rules.country_index(country),), promise=p)


def _week(rules, state, *orders, seed=7):
    return resolve_turn(state, [Sheet(W, tuple(orders))], rules, Dice(np.array([seed])))


def _play(rules, weeks, seed=7):
    """Play ``weeks`` (a list of order tuples) from the start; the state and every record."""
    state, records = initial_state(rules), []
    for orders in weeks:
        result = _week(rules, state, *orders, seed=seed)
        state, records = result.state, records + list(result.records)
    return state, records


def test_a_promise_is_believed_by_its_boost(rules):
    plain = _week(rules, initial_state(rules), _call(rules, "security_guarantees", "POL")).records[0]
    promised = _week(
        rules, initial_state(rules), _call(rules, "security_guarantees", "POL", "allied_consultation")
    ).records[0]
    boost = rules.promises[_promise(rules, "allied_consultation")].boost
    # same seed, same luck: the promised call moves Warsaw exactly 1 + boost times as much
    assert promised.contacts[0].delta == pytest.approx(plain.contacts[0].delta * (1.0 + boost), rel=1e-12)
    made = promised.promises
    assert [(o.status, o.country, o.due) for o in made] == [("made", rules.country_index("POL"), 2)]


def test_a_promise_kept_in_time_closes_with_a_small_gain(rules):
    pol = rules.country_index("POL")
    p = _promise(rules, "allied_consultation")
    state, records = _play(
        rules,
        [
            (_call(rules, "security_guarantees", "POL", "allied_consultation"),),
            (),
            (_call(rules, "security_guarantees", "POL"),),  # week 3: the week it falls due, kept
        ],
    )
    assert state.promise_due[0, p, pol] == -1
    kept = [o for o in records[2].promises if o.status == "kept"]
    assert [(o.promise, o.country) for o in kept] == [(p, pol)]
    causes = [c for m in records[2].moves if m.country == pol for c in m.causes if c.kind == CauseKind.PROMISE]
    assert [(c.promise, c.delta) for c in causes] == [(p, rules.promises[p].kept_shift)]
    assert not state.mistrust.any()


def test_a_promise_broken_costs_alignment_and_trust(rules):
    pol = rules.country_index("POL")
    p = _promise(rules, "allied_consultation")
    spec = rules.promises[p]
    # a call on another topic does not keep it; nor does a group call on its topic (a seat among thirty)
    group = Order(W, Kind.MULTILATERAL, rules.topic_index("security_guarantees"), group=rules.groups.index("B9"))
    state, records = _play(
        rules,
        [
            (_call(rules, "security_guarantees", "POL", "allied_consultation"),),
            (_call(rules, "sanctions", "POL"),),
            (group,),
        ],
    )
    assert [o.status for o in records[1].promises] == []
    broken = [o for o in records[2].promises if o.status == "broken"]
    assert [(o.promise, o.country, o.shift) for o in broken] == [(p, pol, -spec.broken_shift)]
    causes = [c for m in records[2].moves if m.country == pol for c in m.causes if c.kind == CauseKind.PROMISE]
    assert [c.delta for c in causes] == [-spec.broken_shift]
    assert state.promise_due[0, p, pol] == -1
    assert state.mistrust[0, W, pol] == spec.mistrust
    assert state.mistrust_until[0, W, pol] == 3 + spec.mistrust_weeks

    # the mistrust: the next call to Warsaw lands at 1 - mistrust of what it would have
    trusting = state.evolve(mistrust=np.zeros_like(state.mistrust))
    after = _week(rules, state, _call(rules, "security_guarantees", "POL")).records[0].contacts[0].delta
    before = _week(rules, trusting, _call(rules, "security_guarantees", "POL")).records[0].contacts[0].delta
    assert after == pytest.approx(before * (1.0 - spec.mistrust), rel=1e-12)
    # ...and ends when its weeks are over
    late = state.evolve(turn=int(state.mistrust_until[0, W, pol]))
    assert _week(rules, late, _call(rules, "sanctions", "POL")).state.mistrust_until[0, W, pol] == 6


def test_a_promise_kept_elsewhere_when_it_names_where(rules):
    deu = rules.country_index("DEU")
    p = _promise(rules, "gas_for_europe")
    state, records = _play(
        rules,
        [
            (_call(rules, "energy_supply", "DEU", "gas_for_europe"),),
            (_call(rules, "energy_supply", "KWT"),),  # a producer: the deliveries are lined up
        ],
    )
    assert state.promise_due[0, p, deu] == -1
    assert [(o.status, o.country) for o in records[1].promises] == [("kept", deu)]


def test_the_rules_of_attaching_a_promise(rules):
    state = initial_state(rules)
    sheet = Sheet(W)
    code = lambda order, s=sheet, st=state: getattr(refusal(rules, st, s, order), "code", None)  # noqa: E731
    assert code(_call(rules, "security_guarantees", "POL", "allied_consultation")) is None
    assert code(_call(rules, "sanctions", "POL", "allied_consultation")) == RefusalCode.PROMISE_TOPIC
    assert code(_call(rules, "security_guarantees", "IND", "allied_consultation")) == RefusalCode.PROMISE_COUNTRY
    deputy_call = dataclasses.replace(
        _call(rules, "security_guarantees", "POL", "allied_consultation"), kind=Kind.DEPUTY_CALL, deputy=0
    )
    assert code(deputy_call) == RefusalCode.PROMISE_KIND
    assert code(dataclasses.replace(_call(rules, "security_guarantees", "POL"), promise=99)) == (
        RefusalCode.PROMISE_UNKNOWN
    )
    rival = Order(1, Kind.CALL, rules.topic_index("dialogue"), (rules.country_index("POL"),), promise=0)
    assert getattr(refusal(rules, state, Sheet(1), rival), "code", None) == RefusalCode.PROMISE_NOT_OURS
    # one open promise of a kind per capital: the same one twice on a sheet, or while it is open
    once = sheet.with_order(_call(rules, "security_guarantees", "POL", "allied_consultation"))
    assert code(_call(rules, "dialogue", "POL", "allied_consultation"), once) == RefusalCode.PROMISE_OPEN
    opened = _week(rules, state, _call(rules, "security_guarantees", "POL", "allied_consultation")).state
    assert code(_call(rules, "dialogue", "POL", "allied_consultation"), sheet, opened) == RefusalCode.PROMISE_OPEN
    # the limit counts open promises and the sheet's: a trip promising in three capitals fills it
    trip = Order(
        W,
        Kind.VISIT,
        rules.topic_index("security_guarantees"),
        tuple(rules.country_index(c) for c in ("EST", "LVA", "LTU")),
        promise=_promise(rules, "allied_consultation"),
    )
    assert code(trip, sheet, opened) == RefusalCode.PROMISE_LIMIT
    assert code(trip) is None
    # no week left to keep it
    last = state.evolve(turn=rules.n_turns - 1)
    assert code(_call(rules, "security_guarantees", "POL", "allied_consultation"), sheet, last) == (
        RefusalCode.PROMISE_LATE
    )


def test_legal_promises_are_exactly_those_refusal_accepts(rules):
    state = _week(rules, initial_state(rules), _call(rules, "energy_supply", "DEU", "gas_for_europe")).state
    sheet = Sheet(W, (_call(rules, "security_guarantees", "POL", "allied_consultation"),))
    legal = set(legal_orders(rules, state, sheet))
    checked = 0
    for order in candidate_orders(rules, W):
        offered = set(legal_promises(rules, state, sheet, order))
        for spec in rules.promises:
            promised = dataclasses.replace(order, promise=spec.index)
            accepted = order in legal and refusal(rules, state, sheet, promised) is None
            assert accepted == (spec.index in offered), (order, spec.code)
            checked += accepted
    assert checked > 20


def test_a_promise_made_late_falls_due_in_the_last_week(rules):
    state = initial_state(rules).evolve(turn=rules.n_turns - 2)
    made = _week(rules, state, _call(rules, "energy_supply", "DEU", "gas_for_europe")).records[0].promises
    assert [o.due for o in made] == [rules.n_turns - 1]


def test_promises_play_the_same_alone_and_in_a_batch(rules):
    """A batch of games carries each game's promises: the batch's second game is the single game."""
    from game.engine import contacts_from_sheets, resolve_contacts

    weeks = [
        (_call(rules, "security_guarantees", "POL", "allied_consultation"),),
        (_call(rules, "sanctions", "POL"),),
        (),
        (_call(rules, "security_guarantees", "POL"),),
    ]
    single, _ = _play(rules, weeks, seed=11)
    batch = initial_state(rules, 2)
    for orders in weeks:
        table = contacts_from_sheets(rules, [[Sheet(W)], [Sheet(W, orders)]])
        batch = resolve_contacts(batch, table, rules, Dice(np.array([5, 11]))).state
    assert np.array_equal(batch.alignment[1], single.alignment[0])
    assert np.array_equal(batch.mistrust[1], single.mistrust[0])
    assert not batch.mistrust[0].any()
