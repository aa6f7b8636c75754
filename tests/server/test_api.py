"""The class server over HTTP (Starlette's TestClient): joining, orders, readiness, the teacher's key, hostile
requests, a restart in the middle of a week, and a game through the server against the same game headless."""

import json
import re
import time

import numpy as np
import pytest

from game.classroom.play import finished_session
from game.server.app import MAX_BODY, json_depth_exceeds
from game.session import order_to_dict
from game.sim.loop import GameSpec
from game.sim.settings import Settings

from .conftest import client_for, first_legal, join, reopen

# ----------------------------------------------------------------------------------------------- joining


def test_a_student_joins_with_the_code_and_plays_washington_against_the_bot(make_room):
    room = make_room()
    client = join(room, "Ann")
    state = client.get("/api/state").json()
    assert state["seat"] == {"name": "Ann", "side": "USA", "label": "Washington"}
    assert [s["human"] for s in state["sides"]] == [True, False]
    assert state["week"] == 0 and state["weeks"] == room.scenario.rules.n_turns
    assert len(state["countries"]) == room.scenario.rules.n_countries
    assert state["remaining"]["calls"] > 0 and state["pending"] == []


def test_each_student_of_a_one_sided_class_gets_a_game_of_their_own(make_room):
    room = make_room()
    join(room, "Ann", "10.0.0.1")
    join(room, "Ben", "10.0.0.2")
    assert len(room.sessions) == 2
    assert {s.side for s in room.seats.values()} == {"USA"}


def test_a_two_sided_class_pairs_washington_with_moscow(make_room):
    room = make_room(two_sided=True)
    ann = join(room, "Ann", "10.0.0.1")
    ben = join(room, "Ben", "10.0.0.2")
    cy = join(room, "Cy", "10.0.0.3")
    assert [ann.get("/api/state").json()["seat"]["side"] for _ in range(1)] == ["USA"]
    assert ben.get("/api/state").json()["seat"]["side"] == "RUS"
    assert cy.get("/api/state").json()["seat"]["side"] == "USA"
    assert len(room.sessions) == 2


def test_a_full_class_takes_nobody_more(make_room, monkeypatch):
    from game.server import room as room_module

    monkeypatch.setattr(room_module, "MAX_SEATS", 2)
    room = make_room()
    join(room, "Ann", "10.0.0.1")
    join(room, "Ben", "10.0.0.2")
    answer = client_for(room, "10.0.0.3").post("/api/join", json={"code": room.row.code, "name": "Cy"})
    assert answer.status_code == 403 and "full" in answer.json()["error"]
    assert len(room.sessions) == 2


def test_a_wrong_class_code_is_refused_and_seats_nobody(make_room):
    room = make_room()
    client = client_for(room)
    answer = client.post("/api/join", json={"code": "XXXXXX", "name": "Ann"})
    assert answer.status_code == 403 and answer.json()["where"] == "code"
    assert room.seats == {} and client.get("/api/state").status_code == 401


# ------------------------------------------------------------------------------------------------ orders


def test_an_order_is_added_taken_back_and_refused_with_the_engines_reason(make_room):
    room = make_room()
    client = join(room, "Ann")
    order = first_legal(client)
    state = client.post("/api/orders", json={"order": order, "week": 0}).json()
    assert [p["order"]["targets"] for p in state["pending"]] == [order["targets"]]
    # Every offer the dossier calls legal is what the engine's legal_orders gives; a refused one says why.
    offers = client.get("/api/dossier/DEU").json()["offers"]
    refused = [o for o in offers if not o["legal"]]
    assert refused and all(o["reason"] for o in refused)
    answer = client.post("/api/orders", json={"order": refused[0]["order"]})
    assert answer.status_code == 400 and answer.json()["error"] == refused[0]["reason"]
    assert client.delete("/api/orders/0").json()["pending"] == []
    assert client.delete("/api/orders/0").status_code == 404


def test_the_dossiers_legal_offers_are_exactly_the_engines_legal_orders(make_room):
    room = make_room()
    client = join(room, "Ann")
    session = next(iter(room.sessions.values()))
    from game.engine import legal_orders

    germany = room.scenario.rules.countries.index("DEU")
    engine = {
        json.dumps(order_to_dict(session.rules, o), sort_keys=True)
        for o in legal_orders(session.rules, session.state, session.pending_for(session.player))
        if (o.targets == (germany,)) or (o.group >= 0 and session.rules.group_members[o.group, germany])
    }
    offered = {
        json.dumps({**o["order"], "actor": "USA"}, sort_keys=True)
        for o in client.get("/api/dossier/DEU").json()["offers"]
        if o["legal"]
    }
    assert offered == engine


def test_readiness_resolves_the_week_and_the_report_tells_why(make_room):
    room = make_room()
    client = join(room, "Ann")
    client.post("/api/orders", json={"order": first_legal(client)})
    state = client.post("/api/ready", json={"ready": True, "week": 0}).json()
    assert state["week"] == 1 and state["pending"] == [] and not state["ready"]
    report = state["report"]
    assert report["week"] == 0 and report["moves"] and all(m["causes"] for m in report["moves"])
    assert report["orders"]["USA"][0]["words"].startswith("Call Germany")
    assert report["orders"]["RUS"], "the bot's orders show once the week has resolved"


def test_a_two_sided_week_waits_for_both_sides_and_hides_the_other_sides_orders(make_room):
    room = make_room(two_sided=True)
    ann = join(room, "Ann", "10.0.0.1")
    early = ann.post("/api/ready", json={"ready": True})
    assert early.status_code == 409 and "not joined" in early.json()["error"]
    ben = join(room, "Ben", "10.0.0.2")
    ann.post("/api/orders", json={"order": first_legal(ann)})
    assert ben.get("/api/state").json()["pending"] == []  # Ann's order is hers alone
    assert "Germany" not in json.dumps(ben.get("/api/state").json()["sides"])
    state = ann.post("/api/ready", json={"ready": True}).json()
    assert state["week"] == 0 and state["ready"]
    assert [s["ready"] for s in ben.get("/api/state").json()["sides"]] == [True, False]
    late = ann.post("/api/orders", json={"order": first_legal(ann, "FRA")})
    assert late.status_code == 409  # ready means the orders are in
    moscow = ben.get("/api/dossier/FRA").json()["offers"]
    ben.post("/api/orders", json={"order": next(o["order"] for o in moscow if o["legal"])})
    state = ben.post("/api/ready", json={"ready": True}).json()
    assert state["week"] == 1
    assert state["report"]["orders"]["USA"] and state["report"]["orders"]["RUS"]


# ----------------------------------------------------------------------------------------------- teacher


def test_the_teacher_sees_the_class_and_pauses_it_with_the_key_only(make_room):
    room = make_room()
    ann = join(room, "Ann")
    teacher = client_for(room, "10.0.0.99")
    key = {"x-teacher-key": room.row.teacher_key}
    assert teacher.get("/api/teacher/class").status_code == 401
    assert teacher.get("/api/teacher/class", headers={"x-teacher-key": "guess"}).status_code == 401
    view = teacher.get("/api/teacher/class", headers=key).json()
    assert [(s["name"], s["side"], s["ready"]) for s in view["seats"]] == [("Ann", "USA", False)]
    assert view["games"][0]["week"] == 0 and view["class"]["code"] == room.row.code
    assert view["student_url"] == "http://testserver/"
    # A student's token is no teacher's key.
    token = ann.post("/api/join", json={"code": room.row.code, "name": "Ann2"}).json()["token"]
    assert (
        teacher.post("/api/teacher/status", json={"status": "paused"}, headers={"x-teacher-key": token}).status_code
        == 401
    )
    assert (
        teacher.post("/api/teacher/status", json={"status": "paused"}, headers=key).json()["class"]["status"]
        == "paused"
    )
    answer = ann.post("/api/orders", json={"order": first_legal(ann)})
    assert answer.status_code == 403 and "paused" in answer.json()["error"]
    teacher.post("/api/teacher/status", json={"status": "open"}, headers=key)
    assert ann.post("/api/orders", json={"order": first_legal(ann)}).status_code == 200


def test_the_teacher_resolves_every_week_and_the_timer_does_too(make_room):
    room = make_room()
    ann = join(room, "Ann", "10.0.0.1")
    join(room, "Ben", "10.0.0.2")
    ann.post("/api/orders", json={"order": first_legal(ann)})
    key = {"x-teacher-key": room.row.teacher_key}
    teacher = client_for(room, "10.0.0.99")
    view = teacher.post("/api/teacher/resolve", json={}, headers=key).json()
    assert [g["week"] for g in view["games"]] == [1, 1]
    assert ann.get("/api/state").json()["report"]["orders"]["USA"]  # queued, not ready: still given
    with client_for(room, "10.0.0.98") as timed:
        timed.post("/api/teacher/timer", json={"seconds": 1}, headers=key)
        deadline = time.monotonic() + 30  # a 1-second timer; generous for a loaded CI machine
        while time.monotonic() < deadline:
            with room.lock:  # the timer's resolution is whole when the lock is free and the deadline is gone
                if room.row.deadline is None and all(s.turn == 2 for s in room.sessions.values()):
                    break
            time.sleep(0.1)
    assert [s.turn for s in room.sessions.values()] == [2, 2]
    assert room.row.deadline is None


def test_the_timer_ends_the_week_it_was_set_in_and_not_a_games_next_one(make_room):
    room = make_room()
    ann = join(room, "Ann", "10.0.0.1")
    join(room, "Ben", "10.0.0.2")
    room.set_timer(60, now=0.0)
    assert room.deadline_passed(61.0) and not room.deadline_passed(59.0)
    ann.post("/api/ready", json={"ready": True})  # Ann's game moves on before the time is up
    moved = room.resolve_all(timer=True)
    turns = {s.name: room.sessions[s.game_id].turn for s in room.seats.values()}
    assert turns == {"Ann": 1, "Ben": 1} and len(moved) == 1
    assert reopen(room).row.timer_weeks == {} and room.row.deadline is None


def test_an_ended_class_takes_no_more_orders_or_students(make_room):
    room = make_room()
    ann = join(room, "Ann")
    key = {"x-teacher-key": room.row.teacher_key}
    ann.post("/api/teacher/status", json={"status": "ended"}, headers=key)
    assert ann.post("/api/orders", json={"order": first_legal(ann)}).status_code == 403
    assert client_for(room, "10.0.0.5").post("/api/join", json={"code": room.row.code, "name": "B"}).status_code == 403
    assert ann.get("/api/state").json()["class"]["status"] == "ended"


# ------------------------------------------------------------------------------------------------ hostile


def test_another_seats_token_acts_for_that_seat_only_and_a_forged_one_for_nobody(make_room):
    room = make_room()
    ann = join(room, "Ann", "10.0.0.1")
    ben = join(room, "Ben", "10.0.0.2")
    ann.post("/api/orders", json={"order": first_legal(ann)})
    assert ben.get("/api/state").json()["pending"] == []
    forged = client_for(room, "10.0.0.3")
    assert forged.get("/api/state", headers={"x-seat-token": "A" * 32}).status_code == 401
    assert forged.get("/api/state", headers={"x-seat-token": "A" * 5000}).status_code in (401, 431)
    # A body naming a side or a game is refused: the seat decides both.
    answer = ann.post("/api/orders", json={"order": {**first_legal(ann), "actor": "RUS"}})
    assert answer.status_code == 400 and answer.json()["where"] == "order.actor"


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"order": {"kind": "nuke", "topic": "sanctions", "targets": ["DEU"]}}, "order"),
        ({"order": {"kind": "call", "topic": "sanctions", "targets": ["XXX"]}}, "order"),
        ({"order": {"kind": "call", "topic": "sanctions", "targets": "DEU"}}, "order.targets"),
        ({"order": {"kind": "call", "topic": 3, "targets": ["DEU"]}}, "order.topic"),
        ({"order": {"kind": "call", "topic": "sanctions", "targets": ["DEU"] * 50}}, "order.targets"),
        ({"order": {"kind": "call", "topic": "sanctions", "targets": ["DEU"]}, "week": 7}, "week"),
        ({"orders": []}, "order"),
        ([1, 2, 3], "body"),
    ],
)
def test_a_bad_order_gets_a_clear_error_and_changes_nothing(make_room, body, where):
    room = make_room()
    ann = join(room, "Ann")
    answer = ann.post("/api/orders", json=body)
    assert 400 <= answer.status_code < 500
    assert answer.json()["where"] == where and answer.json()["error"]
    assert ann.get("/api/state").json()["pending"] == []


def test_a_huge_body_deep_json_and_a_form_post_are_refused(make_room):
    room = make_room()
    ann = join(room, "Ann")
    huge = ann.post(
        "/api/orders",
        content=b'{"order": "' + b"x" * (MAX_BODY + 10) + b'"}',
        headers={"content-type": "application/json"},
    )
    assert huge.status_code == 413 and "KiB" in huge.json()["error"]
    deep = ann.post(
        "/api/orders", content=("[" * 5000 + "]" * 5000).encode(), headers={"content-type": "application/json"}
    )
    assert deep.status_code == 400 and "deeper" in deep.json()["error"]
    form = ann.post("/api/ready", data={"ready": "true"})
    assert form.status_code == 415
    assert ann.get("/api/state").json()["week"] == 0


def test_the_depth_check_ignores_brackets_inside_strings():
    assert not json_depth_exceeds('{"a": "[[[[[[[[[[[[[[[[[[[[[[\\"[[[["}', 3)
    assert json_depth_exceeds('{"a": [[[{"b": []}]]]}', 4)


def test_a_name_with_script_is_kept_as_text_and_control_characters_are_refused(make_room):
    room = make_room()
    ann = join(room, "<script>alert(1)</script>")
    state = ann.get("/api/state")
    assert state.headers["content-type"].startswith("application/json")
    assert state.json()["seat"]["name"] == "<script>alert(1)</script>"
    page = ann.get("/")
    assert "alert(1)" not in page.text and "default-src 'self'" in page.headers["content-security-policy"]
    bad = client_for(room, "10.0.0.7").post("/api/join", json={"code": room.row.code, "name": "Ann\u202eevil"})
    assert bad.status_code == 400 and bad.json()["where"] == "name"
    long = client_for(room, "10.0.0.8").post("/api/join", json={"code": room.row.code, "name": "x" * 41})
    assert long.status_code == 400


def test_a_flood_from_one_client_is_throttled_and_does_not_stall_another(make_room):
    from starlette.testclient import TestClient

    from game.server.app import create_app

    room = make_room()
    app = create_app(room, clock=lambda: 0.0)  # one server, two computers; no time passes (no bucket refills)
    flooding = TestClient(app, client=("10.0.0.1", 50000))
    codes = [flooding.get("/api/state").status_code for _ in range(100)]
    assert codes[0] == 401 and codes.count(429) >= 30
    assert flooding.get("/api/state").headers["retry-after"] == "1"
    other = TestClient(app, client=("10.0.0.2", 50000))
    assert other.post("/api/join", json={"code": room.row.code, "name": "Ben"}).status_code == 200


# ------------------------------------------------------------------------------------------------ restart


def test_a_restart_in_the_middle_of_a_week_keeps_pending_orders_readiness_and_resolved_weeks(make_room):
    room = make_room(two_sided=True)
    ann = join(room, "Ann", "10.0.0.1")
    ben = join(room, "Ben", "10.0.0.2")
    ann.post("/api/orders", json={"order": first_legal(ann)})
    ann.post("/api/ready", json={"ready": True})
    ben.post("/api/ready", json={"ready": True})  # week 1 resolved
    ann.post("/api/orders", json={"order": first_legal(ann, "FRA")})
    ann.post("/api/ready", json={"ready": True})
    before = next(iter(room.sessions.values()))
    token = ann.cookies.get("ftz_seat")

    again = reopen(room)  # a new server on the same database file
    after = next(iter(again.sessions.values()))
    assert after.turn == before.turn == 1
    assert after.pending_for(after.player) == before.pending_for(before.player)
    assert after.submitted == {after.player}
    assert np.array_equal(after.state.alignment, before.state.alignment)
    assert again.row.code == room.row.code and again.row.teacher_key == room.row.teacher_key
    client = client_for(again, "10.0.0.1")
    client.cookies.set("ftz_seat", token)
    state = client.get("/api/state").json()
    assert state["seat"]["name"] == "Ann" and len(state["pending"]) == 1 and state["ready"]


def test_the_store_refuses_a_class_whose_scenario_changed(make_room, ftz):
    from game.session import SaveError

    room = make_room()
    room.store.db.execute("UPDATE classes SET scenario_digest = 'other'")
    room.store.db.commit()
    with pytest.raises(SaveError, match="has changed"):
        reopen(room)


# ---------------------------------------------------------------------------------------- same game


def test_a_game_through_the_server_ends_as_the_same_orders_played_headless(make_room, ftz):
    room = make_room(seed=5, turns=3)
    headless = finished_session(GameSpec(ftz, 5, Settings(rival="historical", turns=3), "historical"))
    ann = join(room, "Ann")
    for week in headless.weeks:
        if week.prelude:
            continue
        sheet = next(s for s in week.sheets if s.actor == headless.player)
        for order in sheet.orders:
            fields = {k: v for k, v in order_to_dict(headless.rules, order).items() if k != "actor"}
            assert ann.post("/api/orders", json={"order": fields}).status_code == 200
        ann.post("/api/ready", json={"ready": True, "week": week.state_before.turn})
    served = next(iter(room.sessions.values()))
    assert served.is_over and ann.get("/api/state").json()["over"]
    assert np.array_equal(served.state.alignment, headless.state.alignment)
    assert served.to_dict()["weeks"] == headless.to_dict()["weeks"]


# --------------------------------------------------------------------------------------------- websocket


def test_the_websocket_takes_a_seat_cookie_or_the_teachers_key_and_nothing_else(make_room):
    from starlette.websockets import WebSocketDisconnect

    room = make_room()
    ann = join(room, "Ann")
    with ann.websocket_connect("/ws") as socket:  # the seat's cookie goes with the handshake
        assert socket.receive_json() == {"notice": "hello"}
        ann.post("/api/orders", json={"order": first_legal(ann)})
        game = next(iter(room.sessions))
        assert socket.receive_json() == {"notice": "class", "game": game}
    teacher = client_for(room, "10.0.0.99")
    with teacher.websocket_connect("/ws") as socket:
        socket.send_text(json.dumps({"key": room.row.teacher_key}))
        assert socket.receive_json() == {"notice": "hello"}
    with teacher.websocket_connect("/ws") as socket:
        socket.send_text(json.dumps({"key": "guess"}))
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
        assert closed.value.code == 4401
    with teacher.websocket_connect("/ws") as socket:
        socket.send_text("[" * 1000)
        with pytest.raises(WebSocketDisconnect):
            socket.receive_json()


def test_a_change_to_one_game_is_told_to_that_games_pages_and_the_teachers_only(make_room):
    """With 30 students, a notice of every order to every page made 30 pages ask for their state again."""
    from starlette.testclient import TestClient

    from game.server.app import create_app

    room = make_room()
    app = create_app(room, timer_interval=0.05)  # one server: every page hears the same notices
    ann, bo = (TestClient(app, client=(f"10.0.0.{i}", 50000)) for i in (1, 2))
    teacher = TestClient(app, client=("10.0.0.9", 50000))
    games = {}
    for name, client in (("Ann", ann), ("Bo", bo)):
        token = client.post("/api/join", json={"code": room.row.code, "name": name}).json()["token"]
        games[name] = room.seat_for(token).game_id
    assert games["Ann"] != games["Bo"]
    sockets = (ann.websocket_connect("/ws"), bo.websocket_connect("/ws"), teacher.websocket_connect("/ws"))
    with sockets[0] as to_ann, sockets[1] as to_bo, sockets[2] as to_teacher:
        to_teacher.send_text(json.dumps({"key": room.row.teacher_key}))
        for socket in (to_ann, to_bo, to_teacher):
            assert socket.receive_json() == {"notice": "hello"}
        bo.post("/api/orders", json={"order": first_legal(bo)})
        ann.post("/api/orders", json={"order": first_legal(ann)})
        # Ann's page hears of her own order first: Bo's was not told to her.
        assert to_ann.receive_json() == {"notice": "class", "game": games["Ann"]}
        assert to_bo.receive_json() == {"notice": "class", "game": games["Bo"]}
        heard = [to_teacher.receive_json() for _ in range(2)]
        assert heard == [{"notice": "class", "game": games["Bo"]}, {"notice": "class", "game": games["Ann"]}]
        # What concerns the whole class (the teacher paused it) is told to every page.
        teacher.post("/api/teacher/status", json={"status": "paused"}, headers={"x-teacher-key": room.row.teacher_key})
        for socket in (to_ann, to_bo, to_teacher):
            assert socket.receive_json() == {"notice": "class"}


def test_the_qr_code_shows_the_students_address(make_room):
    room = make_room()
    from starlette.testclient import TestClient

    from game.server.app import create_app

    client = TestClient(create_app(room, student_url="http://192.0.2.7:8000/"))
    answer = client.get("/qr.svg")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in answer.content and b"<path" in answer.content


def test_under_fog_a_seat_sees_bands_and_no_numbers(make_room):
    room = make_room(fog=True)
    ann = join(room, "Ann")
    ann.post("/api/orders", json={"order": first_legal(ann)})
    state = ann.post("/api/ready", json={"ready": True}).json()
    assert state["fog"] and state["score"]["score"] is None and state["score"]["tier"]
    assert all(c["alignment"] is None and not any(ch.isdigit() for ch in c["shown"]) for c in state["countries"])
    moves = state["report"]["moves"]
    assert moves and all(m["change"] is None and not any(ch.isdigit() for ch in m["shown"]) for m in moves)
    assert all(o["change"] is None for side in state["report"]["orders"].values() for o in side)
    teacher = ann.get("/api/teacher/class", headers={"x-teacher-key": room.row.teacher_key}).json()
    assert isinstance(teacher["games"][0]["score"], float)  # the teacher sees the numbers


def test_a_failed_write_answers_an_error_and_the_game_stays_as_stored(make_room, monkeypatch):
    import sqlite3

    room = make_room()
    ann = join(room, "Ann")

    def full_disk(game_id, game):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(room.store, "save_game", full_disk)
    answer = ann.post("/api/orders", json={"order": first_legal(ann)})
    assert answer.status_code == 503 and "nothing changed" in answer.json()["error"]
    monkeypatch.undo()
    assert ann.get("/api/state").json()["pending"] == []
    assert reopen(room).sessions[next(iter(room.sessions))].pending_for(0).orders == ()


# ----------------------------------------------------------------------------------------- pages and map


def test_the_pages_fetch_nothing_from_outside_the_server():
    from game.server.app import STATIC

    for path in STATIC.iterdir():
        text = path.read_text(encoding="utf-8")
        # The only absolute address allowed is the SVG namespace, which names and fetches nothing.
        found = re.findall(r"(?:https?:)?//[\w.-]+\.\w+[^\s\"')]*", text)
        outside = [m for m in found if "www.w3.org/2000/svg" not in m]
        assert not outside, f"{path.name}: {outside}"


def test_the_map_draws_every_country_of_the_crisis_from_the_games_map_data(make_room):
    room = make_room()
    svg = client_for(room).get("/map.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    codes = set(re.findall(r'data-code="([A-Z]{3})"', svg.text))
    assert codes == set(room.scenario.rules.countries)
    assert len(svg.content) < 400_000


def test_talks_with_the_other_side_are_offered_where_the_scenario_gives_a_channel(db_path, make_room):
    from game.engine import Kind, legal_orders
    from game.scenario import load_scenario
    from game.server.room import ClassRoom
    from game.server.store import Store

    scenario = load_scenario("isolation_complication")
    room = ClassRoom.create(Store(db_path), scenario, 3, Settings(rival="historical"), "9C")
    ann = join(room, "Ann")
    assert ann.get("/api/state").json()["can_talk"]
    talks = ann.get("/api/dossier/talks").json()
    assert talks["name"] == "Talks with Moscow" and talks["meta"].startswith("Tracks: ")
    session = next(iter(room.sessions.values()))
    engine = {
        json.dumps(order_to_dict(session.rules, o), sort_keys=True)
        for o in legal_orders(session.rules, session.state, session.pending_for(session.player))
        if o.kind == Kind.ENGAGE
    }
    offered = {json.dumps({**o["order"], "actor": "USA"}, sort_keys=True) for o in talks["offers"] if o["legal"]}
    assert offered == engine and engine
    assert all(o["reason"] for o in talks["offers"] if not o["legal"])
    state = ann.post("/api/orders", json={"order": next(o["order"] for o in talks["offers"] if o["legal"])}).json()
    assert state["pending"][0]["order"]["kind"] == "engage"
    # Where the scenario gives no channel there is nothing to offer.
    flood = join(make_room(), "Ben", "10.0.0.2")
    assert not flood.get("/api/state").json()["can_talk"]
    assert flood.get("/api/dossier/talks").json()["offers"] == []


def test_a_trip_goes_on_to_other_capitals_of_the_region_as_the_engine_allows(make_room):
    from game.engine import Kind, legal_orders

    room = make_room()
    ann = join(room, "Ann")
    plain = ann.get("/api/dossier/DEU").json()
    assert "FRA" in [s["code"] for s in plain["stops"]] and "DEU" not in [s["code"] for s in plain["stops"]]
    assert plain["max_stops"] == room.scenario.rules.visit_max_stops
    trip = ann.get("/api/dossier/DEU?stops=FRA,ITA").json()
    visits = [o for o in trip["offers"] if o["by"] == "Visit"]
    assert all(o["order"]["targets"] == ["DEU", "FRA", "ITA"] for o in visits)
    assert [s["code"] for s in trip["stops"] if s["selected"]] == ["FRA", "ITA"]
    session = next(iter(room.sessions.values()))
    rules = session.rules
    engine = {
        rules.labels.topics[o.topic]
        for o in legal_orders(rules, session.state, session.pending_for(session.player))
        # legal_orders lists each trip once, its capitals in country order; the engine takes them in any order
        if o.kind == Kind.VISIT and {rules.countries[c] for c in o.targets} == {"DEU", "FRA", "ITA"}
    }
    assert {o["topic"] for o in visits if o["legal"]} == engine and engine
    # One stop too many: every topic is refused, with the engine's reason.
    too_long = ann.get("/api/dossier/DEU?stops=FRA,ITA,GBR").json()
    assert all(not o["legal"] and o["reason"] for o in too_long["offers"] if o["by"] == "Visit")
    state = ann.post("/api/orders", json={"order": next(o["order"] for o in visits if o["legal"])}).json()
    assert state["pending"][0]["words"].startswith("Visit Germany, France, Italy")
    for bad in ("XXX", "FRA,,,<script>", "A" * 50):
        answer = ann.get(f"/api/dossier/DEU?stops={bad}")
        assert answer.status_code == 400 and answer.json()["where"] == "stops"


def test_moscow_raises_an_escalation_washington_does_not_see_it_until_the_week_resolves(make_room):
    room = make_room(two_sided=True)
    ann = join(room, "Ann", "10.0.0.1")
    ben = join(room, "Ben", "10.0.0.2")
    assert ann.get("/api/state").json()["escalations"] == []  # Washington has none in this crisis
    mine = {e["id"]: e for e in ben.get("/api/state").json()["escalations"]}
    assert set(mine) == {"gas_squeeze", "troop_surge"}
    assert mine["gas_squeeze"]["reason"] == "this escalation cannot be raised before week 2"
    assert mine["troop_surge"]["reason"] is None
    refused = ben.post("/api/escalations", json={"escalation": "gas_squeeze", "raised": True})
    assert refused.status_code == 400 and "before week 2" in refused.json()["error"]
    state = ben.post("/api/escalations", json={"escalation": "troop_surge", "raised": True}).json()
    assert [e["raised"] for e in state["escalations"] if e["id"] == "troop_surge"] == [True]
    assert "troop" not in json.dumps(ann.get("/api/state").json()).lower()
    again = reopen(room)  # a raised escalation is pending like an order, and survives a restart
    assert next(iter(again.sessions.values())).pending_for(1).raises == (30,)
    for bad, where in ((("nothing", True), "escalation"), (("troop_surge", "yes"), "raised")):
        answer = ben.post("/api/escalations", json={"escalation": bad[0], "raised": bad[1]})
        assert answer.status_code == 400 and answer.json()["where"] == where
    theirs = ann.post("/api/escalations", json={"escalation": "troop_surge", "raised": True})
    assert theirs.status_code == 400 and "cannot raise Moscow's escalation" in theirs.json()["error"]
    ann.post("/api/ready", json={"ready": True})
    resolved = ben.post("/api/ready", json={"ready": True}).json()
    assert any("troops" in n.lower() for n in resolved["report"]["news"])
    assert [e["happened"] for e in resolved["escalations"] if e["id"] == "troop_surge"] == [True]
