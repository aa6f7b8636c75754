"""The week's plan (game/plan.py through the session and the drafting model): deputies' standing instructions,
repeating last week, and changing or moving a queued order (issue 14)."""

from __future__ import annotations

import dataclasses
import json

import pytest

from game.drafting import Draft
from game.engine import IllegalOrder, Kind, Order, RefusalCode, Sheet
from game.plan import SPECIALTY, Standing, standing_call
from game.session import SaveError, Session


@pytest.fixture
def session(ftz):
    return Session(ftz, seed=3)


def code(names, name):
    return list(names).index(name)


def deputy_calls(session) -> dict[int, Order]:
    return {o.deputy: o for o in session.pending.orders if o.kind == Kind.DEPUTY_CALL}


def test_a_standing_instruction_yields_its_call_every_week_rotating_through_its_capitals(session):
    rules = session.rules
    nuland, deu, pol, fra = (code(rules.deputies, "nuland"), *(code(rules.countries, c) for c in ["DEU", "POL", "FRA"]))
    session.set_standing(Standing(nuland, (deu, pol, fra), SPECIALTY, session.turn))
    specialty = int(rules.deputy_specialty[nuland])
    seen = []
    for _ in range(5):
        call = deputy_calls(session)[nuland]
        assert session.is_standing(call) and call.topic == specialty and call.deputy == nuland
        seen.append(call.targets[0])
        session.end_turn()
    assert seen == [deu, pol, fra, deu, pol]


def test_a_refused_capital_is_skipped_with_its_refusal_and_a_busy_deputy_calls_nobody(session):
    rules, state, me = session.rules, session.state, session.player
    nuland, deu = code(rules.deputies, "nuland"), code(rules.countries, "DEU")
    # A capital the rules refuse (here one the scenario does not have) is passed over for the next.
    order, skipped = standing_call(rules, state, Sheet(me), Standing(nuland, (rules.n_countries, deu), 3, 0))
    assert order is not None and order.targets == (deu,)
    assert [s.refusal.code for s in skipped] == [RefusalCode.UNKNOWN_COUNTRY]
    # A deputy tied up this week makes no call, and says why: no other capital would change that.
    busy = state.deputy_busy.copy()
    busy[0, nuland, state.turn] = True
    tied = dataclasses.replace(state, deputy_busy=busy)
    order, skipped = standing_call(rules, tied, Sheet(me), Standing(nuland, (deu, 0, 1), 3, 0))
    assert order is None and [s.refusal.code for s in skipped] == [RefusalCode.DEPUTY_BUSY]


def test_an_instruction_is_refused_when_it_cannot_be_given(session):
    rules = session.rules
    ryabkov = code(rules.deputies, "ryabkov")  # Moscow's
    with pytest.raises(IllegalOrder, match="only your own deputies"):
        session.set_standing(Standing(ryabkov, (0,), SPECIALTY, 0))
    nuland = code(rules.deputies, "nuland")
    with pytest.raises(IllegalOrder, match="no capital"):
        session.set_standing(Standing(nuland, (), SPECIALTY, 0))
    assert session.standing == {} and not session.pending.orders


def test_the_player_changes_or_ends_an_instruction_and_edits_a_standing_call_for_this_week_only(session):
    rules = session.rules
    nuland, deu, pol = code(rules.deputies, "nuland"), code(rules.countries, "DEU"), code(rules.countries, "POL")
    session.set_standing(Standing(nuland, (deu,), SPECIALTY, session.turn))
    session.set_standing(Standing(nuland, (pol,), 0, session.turn))  # changed: this week's call follows
    assert [o.targets for o in session.pending.orders] == [(pol,)] and session.pending.orders[0].topic == 0
    # Changed in place this week: no longer the instruction's, which stays as it was for next week.
    session.replace(0, dataclasses.replace(session.pending.orders[0], topic=1))
    assert not session.is_standing(session.pending.orders[0])
    session.end_turn()
    assert session.pending.orders[0].targets == (pol,) and session.pending.orders[0].topic == 0
    session.undo(0)  # removed for this week; next week it is back
    assert not session.pending.orders
    session.end_turn()
    assert len(session.pending.orders) == 1
    session.clear_standing(nuland)  # ended: this week's call goes, and no more come
    assert not session.pending.orders and session.standing == {}
    session.end_turn()
    assert not session.pending.orders


def test_standing_instructions_survive_save_and_load(session, tmp_path):
    rules = session.rules
    nuland, burns = code(rules.deputies, "nuland"), code(rules.deputies, "burns")
    deu, pol = code(rules.countries, "DEU"), code(rules.countries, "POL")
    session.set_standing(Standing(nuland, (deu, pol), SPECIALTY, session.turn))
    session.end_turn()
    session.set_standing(Standing(burns, (pol,), 1, session.turn))
    session.add(Order(session.player, Kind.CALL, 0, (deu,)))
    path = session.save(tmp_path / "s.json")
    loaded = Session.load(path)
    assert loaded.standing == session.standing
    assert loaded.pending.orders == session.pending.orders
    assert [loaded.is_standing(o) for o in loaded.pending.orders] == [True, True, False]
    session.end_turn()
    loaded.end_turn()
    assert loaded.pending.orders == session.pending.orders and loaded.alignment().tolist() == (
        session.alignment().tolist()
    )


@pytest.mark.parametrize(
    ("standing", "marks", "message"),
    [
        ([{"deputy": "nobody", "capitals": ["DEU"], "topic": "specialty", "since": 0}], {}, "unknown deputy"),
        ([{"deputy": "nuland", "capitals": "DEU", "topic": "specialty", "since": 0}], {}, "list of capitals"),
        ([{"deputy": "nuland", "capitals": ["XXX"], "topic": "specialty", "since": 0}], {}, "unknown country"),
        ([{"deputy": "nuland", "capitals": ["DEU"], "topic": "golf", "since": 0}], {}, "unknown topic"),
        ([{"deputy": "nuland", "capitals": ["DEU"], "topic": "specialty", "since": True}], {}, "since"),
        ([{"deputy": "nuland", "capitals": ["DEU", "DEU"], "topic": "specialty", "since": 0}], {}, "twice"),
        ([{"deputy": "ryabkov", "capitals": ["DEU"], "topic": "specialty", "since": 0}], {}, "no person plays"),
        ([], {"USA": [0]}, "not among the pending orders"),
        ("all", {}, "malformed standing"),
    ],
)
def test_a_bad_standing_instruction_in_a_save_is_refused_in_one_line(session, tmp_path, standing, marks, message):
    data = session.to_dict()
    data["standing"], data["pending_standing"] = standing, marks
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(SaveError, match=message) as err:
        Session.load(path)
    assert "\n" not in str(err.value) and str(path) in str(err.value)


def test_repeat_last_week_queues_what_is_still_legal_and_lists_the_rest(session):
    rules, me = session.rules, session.player
    deu, pol = code(rules.countries, "DEU"), code(rules.countries, "POL")
    nuland = code(rules.deputies, "nuland")
    week1 = [
        Order(me, Kind.CALL, 0, (deu,)),
        Order(me, Kind.DEPUTY_CALL, 1, (pol,), deputy=nuland),
        Order(me, Kind.CALL, 2, (pol,)),
    ]
    for o in week1:
        session.add(o)
    session.end_turn()
    # This week a call is already queued by hand and Nuland is tied up: what is left is still queued.
    busy = session.state.deputy_busy.copy()
    busy[0, nuland, session.turn] = True
    session.state = dataclasses.replace(session.state, deputy_busy=busy)
    session.add(week1[0])
    added, skipped = session.repeat_last_week()
    assert added == [week1[2]] and session.pending.orders == (week1[0], week1[2])
    assert [(s.order, s.refusal.code) for s in skipped] == [(week1[1], RefusalCode.DEPUTY_BUSY)]
    assert session.repeat_last_week() == ([], [skipped[0]])  # again: nothing twice


def test_repeat_leaves_a_deputy_with_a_standing_instruction_to_it(session):
    rules, me = session.rules, session.player
    nuland, deu, pol = code(rules.deputies, "nuland"), code(rules.countries, "DEU"), code(rules.countries, "POL")
    session.set_standing(Standing(nuland, (deu, pol), SPECIALTY, session.turn))
    session.add(Order(me, Kind.CALL, 0, (deu,)))
    session.end_turn()
    added, skipped = session.repeat_last_week()  # Nuland calls Poland this week, as instructed: no refusal
    assert added == [Order(me, Kind.CALL, 0, (deu,))] and skipped == []
    assert deputy_calls(session)[nuland].targets == (pol,)


def test_repeat_in_the_first_week_queues_nothing(session):
    assert session.repeat_last_week() == ([], [])


def test_a_queued_order_is_changed_in_place_moved_and_deleted(session):
    rules, me = session.rules, session.player
    deu, pol, fra = (code(rules.countries, c) for c in ("DEU", "POL", "FRA"))
    orders = [Order(me, Kind.CALL, 0, (deu,)), Order(me, Kind.CALL, 1, (pol,)), Order(me, Kind.CALL, 2, (fra,))]
    for o in orders:
        session.add(o)
    draft = Draft(session)
    draft.edit(1)
    assert (draft.kind, draft.country, draft.topic, draft.editing) == (Kind.CALL, pol, 1, 1)
    draft.select(fra)
    draft.set_topic(4)
    assert draft.refusal() is None  # checked against the plan without the order being changed
    assert draft.add() is None and draft.editing is None
    assert session.pending.orders[1] == Order(me, Kind.CALL, 4, (fra,)) and len(session.pending.orders) == 3
    session.move(2, 0)
    assert session.pending.orders[0] == orders[2]
    session.undo(1)
    assert session.pending.orders == (orders[2], Order(me, Kind.CALL, 4, (fra,)))
    with pytest.raises(IndexError):
        session.move(0, 5)


def test_a_change_the_rules_refuse_leaves_the_plan_as_it_was(session):
    rules, me = session.rules, session.player
    nuland, burns, deu = code(rules.deputies, "nuland"), code(rules.deputies, "burns"), code(rules.countries, "DEU")
    session.add(Order(me, Kind.DEPUTY_CALL, 0, (deu,), deputy=nuland))
    session.add(Order(me, Kind.DEPUTY_CALL, 0, (deu,), deputy=burns))
    before = session.pending
    draft = Draft(session)
    draft.edit(1)
    assert draft.deputy == burns and {c.value: c.offered for c in draft.deputies()}[burns]
    draft.deputy = nuland  # Nuland has called this week already
    refused = draft.add()
    assert refused.code == RefusalCode.DEPUTY_USED and session.pending == before


def test_the_draft_makes_a_standing_instruction_and_adds_capitals_to_it(session):
    rules = session.rules
    nuland, deu, pol = code(rules.deputies, "nuland"), code(rules.countries, "DEU"), code(rules.countries, "POL")
    draft = Draft(session)
    assert draft.make_standing()[0] is None  # nothing drafted yet
    draft.select(deu)
    draft.set_deputy(nuland)
    draft.set_topic(int(rules.deputy_specialty[nuland]))
    standing, words = draft.make_standing()
    assert standing == Standing(nuland, (deu,), SPECIALTY, session.turn) and "their specialty" in words
    draft.select(pol)
    draft.set_deputy(nuland)
    draft.set_topic(int(rules.deputy_specialty[nuland]))
    standing, words = draft.make_standing()
    assert standing.capitals == (deu, pol) and "Germany, then Poland" in words
    assert draft.make_standing()[0].capitals == (deu,)  # again: Poland out
    draft.select(deu)
    draft.set_deputy(nuland)
    draft.set_topic(int(rules.deputy_specialty[nuland]))
    assert draft.make_standing()[0] is None and nuland not in session.standing


def test_clicking_capitals_of_the_region_builds_a_trip_in_order(session):
    rules = session.rules
    deu, fra, gbr, pol = (code(rules.countries, c) for c in ("DEU", "FRA", "GBR", "POL"))
    draft = Draft(session)
    draft.select(deu)
    assert not draft.click_capital(fra)  # not drafting a trip: a click opens the country
    draft.set_kind(Kind.VISIT)
    assert draft.click_capital(gbr) and draft.click_capital(fra) and draft.stops == [gbr, fra]
    assert draft.click_capital(gbr) and draft.stops == [fra]
    assert not draft.click_capital(pol)  # another region: a new trip starts there
    assert not draft.click_capital(deu)


def test_a_whole_crisis_takes_a_handful_of_inputs_a_week_after_the_first():
    from benchmarks.inputs_per_week import play

    result = play("flood_the_zone", 3)
    weeks = result["weeks"]
    assert len(weeks) == 13 and all(w["orders"] >= 8 for w in weeks)
    assert all(w["inputs"] <= 11 for w in weeks[1:])  # R, two changes of four inputs each, Space, Enter
    assert all(w["by_hand"] >= 30 for w in weeks)  # the same plans, order by order
    assert result["total_inputs"] * 4 < result["total_by_hand"]


def test_a_replay_holds_the_sheets_played_not_the_instructions(session, tmp_path):
    from game.classroom.replay import open_replay, write_replay

    rules = session.rules
    nuland, deu, pol = code(rules.deputies, "nuland"), code(rules.countries, "DEU"), code(rules.countries, "POL")
    session.set_standing(Standing(nuland, (deu, pol), SPECIALTY, session.turn))
    session.end_turn()
    session.end_turn()
    replay = open_replay(write_replay(session, tmp_path / "r.json"))
    played = [frame.sheets[session.player].orders for frame in replay.frames]
    assert [o.targets for sheet in played for o in sheet] == [(deu,), (pol,)]
    assert replay.session_at(len(replay.frames)).standing == {}


def test_repeating_a_promised_call_repeats_the_call_not_the_promise(ftz):
    """Last week's promised call, repeated, is the call that keeps the promise; the promise itself was made once."""
    from game.engine import Kind, Order
    from game.session import Session

    rules = ftz.rules
    allies = next(p.index for p in rules.promises if p.code == "allied_consultation")
    promised = Order(
        0, Kind.CALL, rules.topic_index("security_guarantees"), (rules.country_index("POL"),), promise=allies
    )
    session = Session(ftz, 4)
    session.add(promised)
    session.end_turn()
    added, skipped = session.repeat_last_week()
    assert added == [Order(0, Kind.CALL, promised.topic, promised.targets)] and skipped == []
    session.end_turn()
    assert [o.status for o in session.weeks[-1].record.promises] == ["kept"]
