"""The bots and promises (issue 14): the advisor never suggests a promise but always weighs the call that keeps
one falling due, and says so; the answering rival goes first where the other side broke its word; the balance
lab's promising players keep or break what they promise."""

from __future__ import annotations

from collections import Counter

import numpy as np

from game.ai.advisor import advise
from game.ai.answering import answering, doubted
from game.ai.promising import keeping_orders, promise_reason, with_promises
from game.engine import Dice, Kind, Order, Sheet, initial_state, resolve_turn
from game.sim import play_game


def _promise(rules, code):
    return next(p.index for p in rules.promises if p.code == code)


def _owing_poland(ftz, weeks_on: int = 2):
    """A game where Washington promised Warsaw a consultation in week 1, then did nothing for Poland."""
    rules = ftz.rules
    pol = rules.country_index("POL")
    call = Order(
        0, Kind.CALL, rules.topic_index("security_guarantees"), (pol,), promise=_promise(rules, "allied_consultation")
    )
    state = resolve_turn(initial_state(rules), [Sheet(0, (call,))], rules, Dice(np.array([3]))).state
    for _ in range(weeks_on - 1):
        state = resolve_turn(state, [Sheet(0)], rules, Dice(np.array([3]))).state
    return rules, state, pol


def test_the_advisor_suggests_keeping_a_promise_due_and_never_a_promise(ftz):
    rules, state, pol = _owing_poland(ftz)
    assert state.promise_due[0, _promise(rules, "allied_consultation"), pol] == state.turn  # due this week
    keep = keeping_orders(rules, state, Sheet(0))
    assert [(o.kind, o.targets, o.topic) for o in keep] == [
        (Kind.CALL, (pol,), rules.topic_index("security_guarantees"))
    ]
    advice = advise(ftz, state, 0, seed=1, budget_seconds=None, candidates=8, rollouts=8)
    assert all(a.order.promise < 0 for a in advice)
    kept = [a for a in advice if a.order == keep[0]]
    assert kept, [a.reason for a in advice]
    assert kept[0].reason.startswith("Keeps your promise to Poland (due this week; else −4 there).")
    assert promise_reason(rules, state, Sheet(0, (keep[0],)), keep[0]) is None  # kept already by the plan


def test_the_answering_rival_goes_first_where_the_promise_was_broken(ftz):
    rules, state, pol = _owing_poland(ftz, weeks_on=3)  # broken at the end of week 3
    assert state.mistrust[0, 0, pol] > 0
    assert doubted(ftz, state, 1) == [pol]
    sheet = answering(ftz, state, 1, Dice(np.array([3])))
    assert any(o.targets == (pol,) for o in sheet.orders if o.kind == Kind.CALL)
    assert doubted(ftz, initial_state(rules), 1) == []


def test_with_promises_attaches_only_what_the_rules_allow(ftz):
    rules = ftz.rules
    state = initial_state(rules)
    pol, chn = rules.country_index("POL"), rules.country_index("CHN")
    security = rules.topic_index("security_guarantees")
    sheet = Sheet(0, (Order(0, Kind.CALL, security, (pol,)), Order(0, Kind.CALL, security, (chn,))))
    promised = with_promises(rules, state, sheet)
    assert [o.promise for o in promised.orders] == [_promise(rules, "allied_consultation"), -1]


def test_the_promising_players_keep_or_break_what_they_promise(ftz):
    kept = Counter(o.status for r in play_game(ftz, "promiser", 1).records for o in r.promises)
    broken = Counter(o.status for r in play_game(ftz, "promise_breaker", 1).records for o in r.promises)
    assert kept["made"] > 5 and kept["broken"] == 0 and kept["kept"] == kept["made"]
    assert broken["broken"] > 0 and broken["made"] == kept["made"]


def test_the_batch_tables_carry_a_promise_as_the_sheets_do(ftz):
    """The advisor's rollouts and the expected end play a plan through the batch tables: a promised order in
    the plan moves its capital as the same sheet does in the engine, and opens its promise."""
    from game.ai.catalog import SheetBatch, catalog, tables
    from game.engine import contacts_from_sheets, resolve_contacts

    rules = ftz.rules
    pol = rules.country_index("POL")
    call = Order(
        0, Kind.CALL, rules.topic_index("security_guarantees"), (pol,), promise=_promise(rules, "allied_consultation")
    )
    cat = catalog(rules, 0)
    batch = SheetBatch(0, np.zeros(1, dtype=np.int64), np.zeros(1, dtype=np.int64), np.array([cat.id_of(call)]))
    table, _ = tables(rules, [batch])
    direct = contacts_from_sheets(rules, [[Sheet(0, (call,))]])
    assert np.array_equal(table.promise, direct.promise)
    a = resolve_contacts(initial_state(rules), table, rules, Dice(np.array([9]))).state
    b = resolve_contacts(initial_state(rules), direct, rules, Dice(np.array([9]))).state
    assert np.array_equal(a.alignment, b.alignment) and np.array_equal(a.promise_due, b.promise_due)
    assert a.promise_due[0, call.promise, pol] >= 0
