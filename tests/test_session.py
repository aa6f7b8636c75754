"""The session the UI and CLI share: pending orders, undo, history, atomic save and load."""

import json
import os

import numpy as np
import pytest

from game.engine import IllegalOrder, Kind
from game.session import SAVE_VERSION, SaveError, Session
from game.sim import play_game


def test_orders_wait_until_end_turn_and_undo_takes_any_back(ftz):
    s = Session(ftz, 3)
    before = s.alignment().copy()
    orders = s.legal_orders()
    calls = [o for o in orders if o.kind == Kind.CALL][:3]
    for o in calls:
        s.add(o)
    assert s.pending.orders == tuple(calls)
    np.testing.assert_array_equal(s.alignment(), before)
    assert s.undo(1) == calls[1]
    assert s.pending.orders == (calls[0], calls[2])
    assert s.remaining()["calls"] == 6 - 2
    record = s.end_turn()
    assert s.turn == 1 and not s.pending.orders
    assert any(c.actor == ftz.player for c in record.contacts)


def test_an_illegal_order_is_refused_with_the_engines_reason(ftz):
    s = Session(ftz, 3)
    call = next(o for o in s.legal_orders() if o.kind == Kind.CALL)
    for _ in range(6):
        s.add(call)
    with pytest.raises(IllegalOrder, match="no calls left this week"):
        s.add(call)


def test_a_session_reproduces_play_game_with_the_same_orders(ftz):
    """The UI's path and the headless path are the same rules: same sheets and seed, same result."""
    game = play_game(ftz, "random", seed=8)
    s = Session(ftz, 8, "historical")
    for week in game.sheets:
        for order in week[ftz.player].orders:
            s.add(order)
        s.end_turn()
    np.testing.assert_allclose(s.history(), game.alignment_history)


def test_save_and_load_round_trip(ftz, tmp_path):
    s = Session(ftz, 21)
    for _ in range(3):
        s.add(s.legal_orders()[10])
        s.end_turn()
    s.add(s.legal_orders()[0])
    path = s.save(tmp_path / "slot1.json")
    loaded = Session.load(path)
    assert loaded.turn == 3
    np.testing.assert_array_equal(loaded.history(), s.history())
    assert loaded.pending.orders == s.pending.orders
    # the save is readable JSON naming things by their codes
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["version"] == SAVE_VERSION and data["scenario"] == "flood_the_zone"
    assert data["weeks"][0][0][0]["actor"] == "USA"


def test_the_class_and_the_staff_advice_taken_are_saved(ftz, tmp_path):
    s = Session(ftz, 21)
    s.names[s.player], s.class_name = "Chloé", "9B"
    s.add(s.legal_orders()[0], from_staff=True)
    s.add(s.legal_orders()[5])
    loaded = Session.load(s.save(tmp_path / "slot1.json"))
    assert (loaded.names[loaded.player], loaded.class_name) == ("Chloé", "9B")
    assert loaded.staff_used == {s.player: 1}
    # a save from before these fields reads as no class and no advice taken
    data = json.loads((tmp_path / "slot1.json").read_text(encoding="utf-8"))
    del data["class"], data["staff_used"]
    older = Session.from_dict(data)
    assert (older.class_name, older.staff_used) == ("", {})


def test_save_is_atomic_and_leaves_no_temporary_files(ftz, tmp_path, monkeypatch):
    s = Session(ftz, 2)
    path = s.save(tmp_path / "slot.json")
    original = path.read_bytes()
    s.add(s.legal_orders()[0])

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        s.save(path)
    assert path.read_bytes() == original
    assert [p.name for p in tmp_path.iterdir()] == ["slot.json"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "corrupt save"),
        ('{"format": "something else"}', "not a Flood the Zone save"),
        ('{"format": "flood-the-zone-save", "version": 99}', "newer version"),
        ('{"format": "flood-the-zone-save", "version": 1, "scenario": "flood_the_zone"}', "missing"),
        ("\udcff", "cannot be read"),
    ],
)
def test_bad_saves_give_one_clear_line(ftz, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    with pytest.raises(SaveError) as err:
        Session.load(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)
    assert "\n" not in str(err.value)


def test_a_save_with_an_impossible_week_is_refused(ftz, tmp_path):
    s = Session(ftz, 2)
    s.add(s.legal_orders()[0])
    s.end_turn()
    data = s.to_dict()
    data["weeks"][0][0] = data["weeks"][0][0] * 9  # nine times the same call: over the budget
    path = tmp_path / "cheat.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match="cannot be replayed"):
        Session.load(path)


def test_a_save_of_a_changed_scenario_is_refused(ftz, tmp_path):
    data = Session(ftz, 2).to_dict()
    data["scenario_digest"] = "0" * 16
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match="has changed"):
        Session.load(path)


def test_missing_save(tmp_path):
    with pytest.raises(SaveError, match="no such save"):
        Session.load(tmp_path / "nothing.json")


def _promised_call(ftz, country: str, topic: str = "security_guarantees"):
    from game.engine import Order

    rules = ftz.rules
    allies = next(p.index for p in rules.promises if p.code == "allied_consultation")
    return Order(0, Kind.CALL, rules.topic_index(topic), (rules.country_index(country),), promise=allies)


def test_promises_survive_a_save_and_replay_to_the_same_trust(ftz, tmp_path):
    s = Session(ftz, 5)
    s.add(_promised_call(ftz, "POL"))
    s.add(_promised_call(ftz, "DEU"))
    s.end_turn()
    s.add(_promised_call(ftz, "ITA"))
    s.end_turn()
    s.end_turn()  # week 3: Poland and Germany fall due unkept; broken
    s.add(_promised_call(ftz, "FRA"))  # pending, with its promise
    assert s.state.mistrust[0, 0].any()
    path = s.save(tmp_path / "promises.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["weeks"][0][0][0]["promise"] == "allied_consultation"
    assert "promise" not in data["weeks"][0][1][0]  # the rival's orders carry none: the key is left out
    loaded = Session.load(path)
    np.testing.assert_array_equal(loaded.history(), s.history())
    np.testing.assert_array_equal(loaded.state.promise_due, s.state.promise_due)
    np.testing.assert_array_equal(loaded.state.mistrust, s.state.mistrust)
    np.testing.assert_array_equal(loaded.state.mistrust_until, s.state.mistrust_until)
    assert loaded.pending.orders == s.pending.orders
    assert [o.status for w in loaded.weeks for o in w.record.promises].count("broken") == 2


@pytest.mark.parametrize(
    "promise, message",
    [("a_promise_nobody_made", "unknown promise 'a_promise_nobody_made'"), (["x"], "unknown promise")],
)
def test_a_save_naming_an_unknown_promise_gives_one_clear_line(ftz, tmp_path, promise, message):
    s = Session(ftz, 2)
    s.add(_promised_call(ftz, "POL"))
    s.end_turn()
    data = s.to_dict()
    data["weeks"][0][0][0]["promise"] = promise
    path = tmp_path / "odd.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError) as err:
        Session.load(path)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_a_save_promising_where_the_scenario_offers_nothing_cannot_be_replayed(ftz, tmp_path):
    s = Session(ftz, 2)
    s.add(_promised_call(ftz, "POL"))
    s.end_turn()
    data = s.to_dict()
    data["weeks"][0][0][0]["targets"] = ["CHN"]  # Beijing is offered no consultation
    path = tmp_path / "cheat.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError, match="cannot be replayed"):
        Session.load(path)
