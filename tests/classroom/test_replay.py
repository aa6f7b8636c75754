"""Replays: written into the data folder as a game goes, opened again and stepped through week by week, and
every bad file refused with one line."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from game.classroom.play import result_summary
from game.classroom.replay import ReplayError, ReplayRecorder, open_replay, replay_of, write_replay
from game.files import replays_dir
from game.session import Session


def test_the_recorder_keeps_one_file_per_game_in_the_data_folder(ftz, home):
    session = Session(ftz, 7)
    session.names[session.player] = "Ana Müller"
    recorder = ReplayRecorder(session, now=dt.datetime(2024, 3, 5, 10, 30, 0))
    assert recorder.path == replays_dir() / "flood-the-zone-20240305-103000-ana-müller.json"
    assert replays_dir() == home / "replays"
    assert recorder.write() is None
    session.end_turn()
    assert recorder.write() is None
    assert len(open_replay(recorder.path)) == 1
    assert [p.name for p in replays_dir().iterdir()] == [recorder.path.name]  # overwritten, no temp files left
    other = ReplayRecorder(Session(ftz, 8), now=dt.datetime(2024, 3, 5, 10, 30, 0))
    assert other.path.name == "flood-the-zone-20240305-103000.json"


def test_a_replay_holds_only_resolved_weeks_never_the_orders_being_given(ftz, tmp_path):
    from game.engine import Kind
    from game.sim.settings import Settings

    session = Session(ftz, 7, settings=Settings(two_sided=True))
    session.submit()
    session.submit()  # week 1 resolved, with empty sheets
    mine = next(o for o in session.legal_orders() if o.kind == Kind.CALL)
    session.add(mine)
    assert session.submit() is None  # Washington has handed over; Moscow gives its orders
    theirs = next(o for o in session.legal_orders() if o.kind == Kind.CALL)
    session.add(theirs)
    path = write_replay(session, tmp_path / "mid-week.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["pending"], data["pending_rival"], data["submitted"]) == ([], [], [])
    assert data["weeks"] == session.to_dict()["weeks"] and len(data["weeks"]) == 1
    replay = open_replay(path)
    assert len(replay) == 1 and replay.session.turn == 1 and replay.session.submitted == set()
    assert all(not replay.session.pending_for(a).orders for a in replay.session.humans)
    # The save of the same moment keeps both sides' orders: it is what the game goes on from.
    saved = session.to_dict()
    assert len(saved["pending"]) == 1 and len(saved["pending_rival"]) == 1 and saved["submitted"] == ["USA"]


def test_a_recorder_that_cannot_write_says_so_in_one_line(ftz, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    problem = ReplayRecorder(Session(ftz, 7), blocker / "game.json").write()
    assert problem.startswith("cannot write the replay") and "\n" not in problem


def test_a_replay_steps_through_every_week(short_two_sided, tmp_path):
    path = write_replay(short_two_sided, tmp_path / "pair.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["kind"] == "replay" and data["result"]["code"] and data["players"] == {"USA": "Ana", "RUS": "Ben"}
    replay = open_replay(path)
    assert replay.finished and replay.name == "Ana / Ben" and replay.code == data["result"]["code"]
    assert len(replay) == 13
    assert [f.prelude for f in replay.frames] == [True] * 7 + [False] * 6
    for a, b in zip(replay.frames, replay.frames[1:]):
        np.testing.assert_array_equal(a.state_after.alignment, b.state_before.alignment)
        assert a.score_after == b.score_before
    last = replay.frame(12)
    assert last.number == 13 and last.label == "week of 20 February 2023"
    assert last.score_after == pytest.approx(result_summary(short_two_sided)["score"], abs=0.01)
    assert set(last.sheets) == {0, 1} and last.record.turn == 12
    at_9 = replay.session_at(9)
    assert at_9.turn == 9 and at_9.names == {0: "Ana", 1: "Ben"}
    np.testing.assert_array_equal(at_9.history(), short_two_sided.history()[:10])
    with pytest.raises(IndexError):
        replay.session_at(14)


def test_a_replay_of_a_game_in_memory_needs_no_file(finished):
    replay = replay_of(finished)
    assert len(replay) == 13 and replay.path is None and replay.name == "Ana"


def _bad(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReplayError) as info:
        open_replay(path)
    message = str(info.value)
    assert message.startswith(str(path)) and "\n" not in message
    return message


def test_a_truncated_replay_is_refused(replay_file, tmp_path):
    text = replay_file.read_text(encoding="utf-8")
    assert "the file is cut short (truncated at line" in _bad(tmp_path, "cut.json", text[: len(text) // 3])


def test_a_replay_from_another_version_of_the_scenario_is_refused(replay_file, tmp_path):
    data = json.loads(replay_file.read_text(encoding="utf-8"))
    data["scenario_digest"] = "0123456789abcdef"
    message = _bad(tmp_path, "old.json", json.dumps(data))
    assert "made with another version of scenario 'flood_the_zone' (fingerprint 0123456789abcdef" in message


@pytest.mark.parametrize(
    "text, message",
    [
        ("[1, 2, 3]", "not a Flood the Zone replay or save"),
        (
            '{"format": "flood-the-zone-save", "version": 2, "scenario": "atlantis", "seed": 1, "weeks": []}',
            "scenario 'atlantis' is not available",
        ),
        ('{"a": 1,\n "b": oops, "c": 3, "d": 4}', "corrupt replay (line 2, column"),
        ('{"format": "flood-the-zone-save", "version": 7}', "made by a newer version of the game"),
    ],
)
def test_other_bad_files_are_refused_with_the_reason(tmp_path, text, message):
    assert message in _bad(tmp_path, "bad.json", text)


def test_a_missing_replay_is_one_line(tmp_path):
    with pytest.raises(ReplayError, match="no such file"):
        open_replay(tmp_path / "nowhere.json")
