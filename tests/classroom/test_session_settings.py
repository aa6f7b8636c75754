"""The Session with teacher settings: a shorter game's prelude, the configured rules, two-sided (hot-seat) play
and save format 2 (which still reads format 1)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.classroom.play import play_session
from game.engine import IllegalOrder, Kind, Sheet, TurnRecord, legal_orders
from game.session import SAVE_VERSION, SaveError, Session
from game.sim import play_game
from game.sim.settings import Settings


@pytest.mark.parametrize("policy, rival", [("historical", "historical"), ("random", "wedge:2")])
def test_with_default_settings_a_headless_session_is_play_game(ftz, policy, rival):
    game = play_game(ftz, policy, 11, rival_policy=rival)
    session = play_session(ftz, 11, Settings(rival=rival), policy)
    np.testing.assert_array_equal(session.history(), game.alignment_history)


def test_a_shorter_game_plays_the_first_weeks_as_history_went(ftz):
    session = Session(ftz, 5, settings=Settings(turns=4))
    assert session.first_turn == 9 and session.turn == 9 and not session.is_over
    assert [w.prelude for w in session.weeks] == [True] * 9
    history = play_game(ftz, "historical", 5)
    np.testing.assert_array_equal(session.history(), history.alignment_history[:10])
    session.end_turn()
    assert session.weeks[-1].prelude is False


def test_settings_change_the_rules_the_session_plays(ftz):
    session = Session(ftz, 5, settings=Settings(noise="none"))
    assert session.rules.noise_sigma == 0.0
    record = session.end_turn()
    assert all(c.luck == 1.0 for c in record.contacts)
    assert session.base_scenario is ftz


def test_two_sided_play_hands_over_and_resolves_when_both_have_submitted(ftz):
    s = Session(ftz, 3, settings=Settings(two_sided=True))
    assert s.humans == (ftz.player, ftz.rival) and s.active == ftz.player
    mine = next(o for o in s.legal_orders() if o.kind == Kind.CALL)
    s.add(mine)
    assert s.submit() is None  # hand over: nothing resolves yet
    assert s.turn == 0 and s.active == ftz.rival and s.waiting_for == (ftz.rival,)
    # The second player sees only their own sheet, built by the same legal-orders function as the AI's.
    assert s.pending.actor == ftz.rival and not s.pending.orders
    assert s.legal_orders() == legal_orders(ftz.rules, s.state, Sheet(ftz.rival))
    with pytest.raises(IllegalOrder, match="another side's sheet"):
        s.add(mine)
    call = next(o for o in s.legal_orders() if o.kind == Kind.CALL)
    for _ in range(int(ftz.rules.base_budget[ftz.rival, 0])):
        s.add(call)
    with pytest.raises(IllegalOrder, match="no calls left this week"):
        s.add(call)  # the rival's budget is the AI rival's
    record = s.submit()
    assert isinstance(record, TurnRecord) and s.turn == 1 and s.active == ftz.player
    sheets = {sheet.actor: sheet for sheet in s.weeks[0].sheets}
    assert sheets[ftz.player].orders == (mine,) and len(sheets[ftz.rival].orders) == 4


def test_two_historical_bots_through_the_hot_seat_are_play_game(ftz):
    session = play_session(ftz, 8, Settings(two_sided=True), "historical", "historical")
    np.testing.assert_array_equal(session.history(), play_game(ftz, "historical", 8).alignment_history)


def test_a_save_in_the_middle_of_a_hand_over_keeps_both_sheets(ftz, tmp_path):
    s = Session(ftz, 3, settings=Settings(two_sided=True, turns=6, noise="calm"))
    s.names = {ftz.player: "Ana", ftz.rival: "Ben"}
    s.add(s.legal_orders()[0])
    s.submit()
    s.add(s.legal_orders()[2])
    loaded = Session.load(s.save(tmp_path / "hot.json"))
    assert loaded.settings == s.settings and loaded.names == s.names
    assert loaded.active == ftz.rival and loaded.submitted == {ftz.player}
    assert loaded.pending_for(ftz.player) == s.pending_for(ftz.player)
    assert loaded.pending_for(ftz.rival) == s.pending_for(ftz.rival)
    assert [w.prelude for w in loaded.weeks] == [w.prelude for w in s.weeks]
    np.testing.assert_array_equal(loaded.history(), s.history())


def test_a_format_1_save_still_loads(ftz, tmp_path):
    s = Session(ftz, 21, "greedy")
    s.end_turn()
    data = s.to_dict()
    assert data["version"] == SAVE_VERSION == 2
    for key in ("settings", "players", "pending_rival", "submitted"):
        del data[key]
    data["version"] = 1
    loaded = Session.from_dict(json.loads(json.dumps(data)))
    assert loaded.settings == Settings(rival="greedy") and loaded.rival_policy == "greedy"
    np.testing.assert_array_equal(loaded.history(), s.history())


@pytest.mark.parametrize(
    "change, message",
    [
        ({"settings": {"turns": 99}}, "turns must be a whole number from 1 to 60"),
        ({"settings": {"noise": "loud"}}, "unknown noise 'loud'"),
        ({"players": {"XYZ": "Zed"}}, "unknown side 'XYZ'"),
        ({"submitted": ["USA"]}, "every side submitted but the week was not resolved"),
        ({"pending_rival": [{"actor": "RUS", "kind": "call", "topic": "sanctions"}]}, "one-sided game"),
    ],
)
def test_bad_settings_in_a_save_are_one_line_errors(ftz, change, message):
    data = Session(ftz, 1).to_dict()
    data.update(change)
    with pytest.raises(SaveError, match=message) as info:
        Session.from_dict(data)
    assert "\n" not in str(info.value)


def test_the_digest_of_a_scenario_without_settings_is_unchanged(ftz):
    """Old saves must keep loading: the new ``settings`` field does not enter the digest when absent."""
    import hashlib

    from game.session import scenario_digest

    text = ftz.doc.model_dump_json(exclude={"settings"})
    assert scenario_digest(ftz) == hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
