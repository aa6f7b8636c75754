"""The teacher's injects over HTTP: the key, the release to every game, what a student sees when it lands,
repeats, unknown ids, an ended class, a restart and a student who joins after the release."""

import numpy as np

from game.session import Session

from .conftest import client_for, join, reopen

INJECT = "zagreb_mixed_signals"


def _teacher(room):
    return client_for(room, "10.0.0.99"), {"x-teacher-key": room.row.teacher_key}


def test_the_teacher_page_lists_the_scenarios_injects_none_released(make_room, ftz):
    room = make_room()
    teacher, key = _teacher(room)
    view = teacher.get("/api/teacher/class", headers=key).json()
    assert [i["id"] for i in view["injects"]] == [i.id for i in ftz.doc.injects]
    first = view["injects"][0]
    assert not first["released"] and first["headline"].startswith("What if")
    assert "POLITICO" in first["source"] and first["note"]


def test_a_release_needs_the_teachers_key(make_room):
    room = make_room()
    ann = join(room, "Ann")
    teacher, _ = _teacher(room)
    for headers in ({}, {"x-teacher-key": "guess"}):
        answer = teacher.post("/api/teacher/injects", json={"inject": INJECT}, headers=headers)
        assert answer.status_code == 401
    # A student's own token is no teacher's key either.
    token = ann.post("/api/join", json={"code": room.row.code, "name": "Ann2"}).json()["token"]
    forged = teacher.post("/api/teacher/injects", json={"inject": INJECT}, headers={"x-teacher-key": token})
    assert forged.status_code == 401
    assert all(not s.released for s in room.sessions.values())
    assert room.store.released(room.row.id) == {}


def test_a_released_inject_lands_in_every_game_at_the_weeks_end_and_the_students_see_it(make_room, ftz):
    room = make_room()
    ann, bob = join(room, "Ann"), join(room, "Bob", "10.0.0.2")
    teacher, key = _teacher(room)
    hrv = ftz.rules.countries.index("HRV")
    view = teacher.post("/api/teacher/injects", json={"inject": INJECT}, headers=key).json()
    item = next(i for i in view["injects"] if i["id"] == INJECT)
    assert item["released"] and item["waiting"] == 2 and item["landed"] == 0
    # Nothing lands before the week ends.
    assert ann.get("/api/state").json()["report"] is None
    ann.post("/api/ready", json={"ready": True, "week": 0})
    report = ann.get("/api/state").json()["report"]
    assert [i["id"] for i in report["injects"]] == [INJECT]
    assert report["injects"][0]["headline"] not in report["news"]  # shown once, as the teacher's
    croatia = next(m for m in report["moves"] if m["country"] == "HRV")
    assert any("mixed signals from Zagreb" in c for c in croatia["causes"])
    # Bob's game has not resolved: his inject waits for his week's end.
    assert bob.get("/api/state").json()["report"] is None
    bob.post("/api/ready", json={"ready": True, "week": 0})
    assert [i["id"] for i in bob.get("/api/state").json()["report"]["injects"]] == [INJECT]
    view = teacher.get("/api/teacher/class", headers=key).json()
    item = next(i for i in view["injects"] if i["id"] == INJECT)
    assert item["landed"] == 2 and item["waiting"] == 0
    # Each game is exactly its orders replayed with the inject at the end of week 1.
    for session in room.sessions.values():
        assert session.weeks[-1].injects == (ftz.inject_index(INJECT),)
        assert session.state.fired[0, ftz.inject_index(INJECT)]
    assert room.sessions[1].weeks[-1].record.events[-1].shifts == ((hrv, -6.0),)


def test_an_inject_is_released_once_and_unknown_or_malformed_ids_are_refused(make_room):
    room = make_room()
    join(room, "Ann")
    teacher, key = _teacher(room)
    assert teacher.post("/api/teacher/injects", json={"inject": INJECT}, headers=key).status_code == 200
    again = teacher.post("/api/teacher/injects", json={"inject": INJECT}, headers=key)
    assert again.status_code == 409 and "already" in again.json()["error"]
    for body, status in (
        ({"inject": "no_such_news"}, 404),
        ({"inject": "gas_squeeze"}, 404),  # an escalation is the rival's, not the teacher's
        ({"inject": "stockholm_meeting"}, 404),  # nor is a dated event
        ({"inject": ""}, 400),
        ({"inject": "x" * 500}, 400),
        ({"inject": 3}, 400),
        ({"inject": INJECT, "week": 2}, 400),
        ({}, 400),
    ):
        answer = teacher.post("/api/teacher/injects", json=body, headers=key)
        assert answer.status_code == status, (body, answer.text)
        assert answer.json()["where"]
    assert list(room.store.released(room.row.id)) == [INJECT]
    assert [s.released for s in room.sessions.values()] == [[room.scenario.inject_index(INJECT)]]


def test_an_ended_class_releases_nothing(make_room):
    room = make_room()
    join(room, "Ann")
    teacher, key = _teacher(room)
    teacher.post("/api/teacher/status", json={"status": "ended"}, headers=key)
    answer = teacher.post("/api/teacher/injects", json={"inject": INJECT}, headers=key)
    assert answer.status_code == 403 and "ended" in answer.json()["error"]
    assert room.store.released(room.row.id) == {}


def test_a_release_survives_a_restart_and_a_late_student_gets_it_too(make_room, ftz):
    room = make_room()
    ann = join(room, "Ann")
    ann.post("/api/ready", json={"ready": True, "week": 0})
    teacher, key = _teacher(room)
    teacher.post("/api/teacher/injects", json={"inject": INJECT}, headers=key)
    again = reopen(room)
    event = ftz.inject_index(INJECT)
    assert again.sessions[1].released == [event] and again.sessions[1].turn == 1
    carl = join(again, "Carl", "10.0.0.3")  # joins after the release: his game gets the news too
    game = next(s for s in again.seats.values() if s.name == "Carl").game_id
    assert again.sessions[game].released == [event]
    carl.post("/api/ready", json={"ready": True, "week": 0})
    assert again.sessions[game].weeks[-1].injects == (event,)
    later = reopen(again)
    for gid, session in again.sessions.items():
        assert later.sessions[gid].to_dict() == session.to_dict()
        assert np.array_equal(later.sessions[gid].state.alignment, session.state.alignment)
    # The class's game is a save like any other: it loads and plays to the same state.
    loaded = Session.from_dict(again.sessions[game].to_dict(), "save", ftz)
    assert np.array_equal(loaded.state.alignment, again.sessions[game].state.alignment)


def test_a_failed_write_releases_nothing(make_room, monkeypatch):
    import sqlite3

    room = make_room()
    join(room, "Ann")
    teacher, key = _teacher(room)

    def full_disk(*args):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(room.store, "release_inject", full_disk)
    answer = teacher.post("/api/teacher/injects", json={"inject": INJECT}, headers=key)
    assert answer.status_code == 503 and "nothing changed" in answer.json()["error"]
    monkeypatch.undo()
    assert [s.released for s in room.sessions.values()] == [[]]
    assert teacher.post("/api/teacher/injects", json={"inject": INJECT}, headers=key).status_code == 200
