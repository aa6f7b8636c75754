"""The replay list never shows a result it has not checked: a replay's stored ``result`` is what someone wrote
in the file, so the list plays each replay again from its orders and shows what the game really came to
(issue 15: a forged result must not pass for a real one)."""

from __future__ import annotations

import json

from game.classroom.play import play_session, result_summary
from game.classroom.replay import write_replay
from game.sim.settings import Settings
from game.ui.screens.replays import checked_entry, read_entry


def _replay(ftz, tmp_path, name="ana.json"):
    session = play_session(ftz, 4217, Settings(), "random")
    return session, write_replay(session, tmp_path / name)


def test_a_forged_result_is_replaced_by_the_games_real_one_and_named(ftz, tmp_path):
    session, path = _replay(ftz, tmp_path)
    real = result_summary(session)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["result"].update(score=100.0, outcome="Grand coalition")
    path.write_text(json.dumps(data), encoding="utf-8")

    listed = read_entry(path, "replays")
    assert not listed.checked and "as the file says" in listed.detail

    checked = checked_entry(listed, {})
    assert checked.checked and checked.result == f"{real['outcome']} {float(real['score']):.1f}"
    assert checked.problem == f"the file says Grand coalition 100.0, but its orders give {checked.result}"
    assert "100.0" not in checked.result


def test_an_honest_replay_checks_clean_and_the_scenario_is_loaded_once(ftz, tmp_path):
    _, path = _replay(ftz, tmp_path)
    scenarios: dict = {}
    checked = checked_entry(read_entry(path, "replays"), scenarios)
    assert checked.checked and not checked.problem and "checking" not in checked.detail
    assert len(scenarios) == 1
    again = checked_entry(read_entry(path, "replays"), scenarios)
    assert again == checked and len(scenarios) == 1


def test_a_replay_whose_orders_the_rules_refuse_says_it_cannot_be_played_again(ftz, tmp_path):
    _, path = _replay(ftz, tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["weeks"][0] = "not a week"
    path.write_text(json.dumps(data), encoding="utf-8")
    checked = checked_entry(read_entry(path, "replays"), {})
    assert checked.checked and checked.problem.startswith("cannot be played again: ")
    assert "Traceback" not in checked.problem and "\n" not in checked.problem
