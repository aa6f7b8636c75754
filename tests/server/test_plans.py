"""The week's plan over HTTP: deputies' standing instructions, "repeat last week" and changing a queued order,
each for the seat's own side only; hostile and out-of-turn requests change nothing; the plan survives a
restart; and a game played with them through the server ends exactly as the same commands played headless."""

import json

import numpy as np
import pytest

from game.drafting import Draft
from game.engine import Kind
from game.server.app import MAX_BODY
from game.session import Session, order_from_dict, order_to_dict
from game.sim.settings import Settings

from .conftest import client_for, first_legal, join, reopen


def game_of(room):
    return next(iter(room.sessions.values()))


def recipe(room) -> str:
    """Everything that a request could change about the class's games, as stored and in memory."""
    stored = [room.store.game_recipe(g) for g in room.sessions]
    return json.dumps([stored, [s.to_dict() for s in room.sessions.values()]], sort_keys=True)


def fields(rules, order) -> dict:
    return {k: v for k, v in order_to_dict(rules, order).items() if k != "actor"}


def standing(deputy="nuland", country="DEU", topic="sanctions", **more) -> dict:
    return {"deputy": deputy, "country": country, "topic": topic, **more}


# ------------------------------------------------------------------------------------------ standing


def test_a_standing_instruction_queues_its_call_now_and_every_week_and_ends_on_request(make_room):
    room = make_room(turns=3)
    ann = join(room, "Ann")
    week = ann.get("/api/state").json()["week"]
    answer = ann.post("/api/standing", json=standing(week=week))
    assert answer.status_code == 200, answer.text
    state = answer.json()
    assert state["said"].startswith("Standing: Victoria Nuland calls Germany on their specialty")
    assert [s["deputy"] for s in state["plan"]["standing"]] == ["nuland"]
    assert [p["words"] for p in state["pending"]] == ["Victoria Nuland calls Germany on Sanctions coordination"]
    assert state["plan"]["orders"] == [{"index": 0, "standing": True, "dossier": "DEU"}]
    # Again with another capital: the rotation grows (the desktop's drafting model decides, not the server).
    state = ann.post("/api/standing", json=standing(country="POL")).json()
    assert "Germany, then Poland" in state["plan"]["standing"][0]["words"]
    ann.post("/api/ready", json={"ready": True})
    state = ann.get("/api/state").json()
    assert state["week"] == week + 1
    assert [p["words"] for p in state["pending"]] == ["Victoria Nuland calls Poland on Sanctions coordination"]
    # The dossier says which deputies' calls are standing and which could be.
    offers = ann.get("/api/dossier/POL").json()["offers"]
    nuland = next(o for o in offers if o["by"] == "Victoria Nuland" and o["order"]["topic"] == "sanctions")
    assert nuland["standing"] == {"on": True, "problem": None}
    state = ann.delete(f"/api/standing/nuland?week={week + 1}").json()
    assert state["plan"]["standing"] == [] and state["pending"] == []


def test_an_instruction_the_rules_refuse_says_why_in_the_engines_words_and_changes_nothing(make_room):
    room = make_room(turns=3)
    ann = join(room, "Ann")
    before = recipe(room)
    rules = room.scenario.rules
    nothing = next(t for t in rules.topics if rules.leverage[rules.actors.index("USA"), rules.topics.index(t)] <= 0)
    answer = ann.post("/api/standing", json=standing(topic=nothing))
    assert answer.status_code == 400 and "has nothing to offer on" in answer.json()["error"]
    offers = ann.get("/api/dossier/DEU").json()["offers"]
    refused = next(o for o in offers if o["by"] == "Victoria Nuland" and o["order"]["topic"] == nothing)
    assert refused["standing"]["problem"] == answer.json()["error"]
    assert recipe(room) == before


# ------------------------------------------------------------------------------------------- repeat


def test_repeat_last_week_queues_what_the_rules_still_allow_and_lists_the_rest(make_room):
    room = make_room(turns=3)
    ann = join(room, "Ann")
    first = ann.post("/api/repeat", json={})
    assert first.status_code == 409 and first.json()["error"] == "no week of yours to repeat yet"
    assert ann.get("/api/state").json()["plan"]["repeat_reason"] == "no week of yours to repeat yet"
    ann.post("/api/orders", json={"order": first_legal(ann, "DEU")})
    ann.post("/api/orders", json={"order": first_legal(ann, "FRA")})
    last = [p["words"] for p in ann.get("/api/state").json()["pending"]]
    ann.post("/api/ready", json={"ready": True})
    state = ann.post("/api/repeat", json={"week": room.sessions[1].turn}).json()
    queued = [p["words"] for p in state["pending"]]
    assert state["repeated"]["added"] == queued
    assert sorted(queued + [s["words"] for s in state["repeated"]["skipped"]]) == sorted(last)
    assert all(s["reason"] for s in state["repeated"]["skipped"])
    assert state["plan"]["repeat_reason"] is None
    # Again: what is queued is not queued twice.
    again = ann.post("/api/repeat", json={}).json()
    assert again["repeated"]["added"] == [] and [p["words"] for p in again["pending"]] == queued


# ------------------------------------------------------------------------------------------- change


def test_a_queued_order_is_changed_in_place_against_the_rest_of_the_plan(make_room):
    room = make_room(turns=3)
    ann = join(room, "Ann")
    ann.post("/api/orders", json={"order": first_legal(ann, "DEU")})
    ann.post("/api/orders", json={"order": first_legal(ann, "FRA")})
    # Offered while changing order 0: judged without it, so its own call is free again.
    offers = ann.get("/api/dossier/ITA?editing=0").json()["offers"]
    new = next(o["order"] for o in offers if o["legal"] and o["by"] == "Call")
    state = ann.put("/api/orders/0", json={"order": new, "week": room.sessions[1].turn}).json()
    assert [p["order"]["targets"] for p in state["pending"]] == [["ITA"], ["FRA"]]
    # A change the rules refuse says why in the engine's words (as the dossier did) and changes nothing.
    before = recipe(room)
    twice = ann.put("/api/orders/0", json={"order": state["pending"][1]["order"] | {"actor": None}})
    assert twice.status_code == 400 and twice.json()["where"] == "order.actor"
    offers = ann.get("/api/dossier/DEU?editing=0").json()["offers"]
    bad = next(o for o in offers if not o["legal"])
    refused = ann.put("/api/orders/0", json={"order": bad["order"]})
    assert refused.status_code == 400 and refused.json() == {"error": bad["reason"], "where": "order"}
    assert recipe(room) == before
    # Moved: the plan's order is the order it is shown in.
    state = ann.post("/api/orders/1/move", json={"to": 0}).json()
    assert [p["order"]["targets"] for p in state["pending"]] == [["FRA"], ["ITA"]]


def test_changing_a_standing_call_makes_it_this_weeks_own(make_room):
    room = make_room(turns=3)
    ann = join(room, "Ann")
    ann.post("/api/standing", json=standing())
    offers = ann.get("/api/dossier/DEU?editing=0").json()["offers"]
    new = next(o["order"] for o in offers if o["legal"] and o["by"] == "Victoria Nuland" and o["topic"] != "Sanctions")
    state = ann.put("/api/orders/0", json={"order": new}).json()
    assert state["plan"]["orders"][0]["standing"] is False
    assert [s["deputy"] for s in state["plan"]["standing"]] == ["nuland"]  # the instruction stays


# ------------------------------------------------------------------------------------------ hostile

CALL_FRA = {"kind": "call", "topic": "sanctions", "targets": ["FRA"]}


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "where"),
    [
        ("post", "/api/standing", standing(deputy="ryabkov"), 403, "deputy"),  # Moscow's deputy
        ("post", "/api/standing", standing(deputy="nobody"), 400, "deputy"),
        ("post", "/api/standing", standing(country="XXX"), 400, "country"),
        ("post", "/api/standing", standing(topic="<script>"), 400, "topic"),
        ("post", "/api/standing", standing(actor="RUS"), 400, "actor"),
        ("post", "/api/standing", standing(deputy=["nuland"]), 400, "deputy"),
        ("post", "/api/standing", standing(deputy="n" * 500), 400, "deputy"),
        ("post", "/api/standing", standing(week=7), 409, "week"),
        ("post", "/api/standing", [1, 2], 400, "body"),
        ("delete", "/api/standing/ryabkov", None, 403, "deputy"),
        ("delete", "/api/standing/nuland", None, 404, "deputy"),
        ("delete", "/api/standing/" + "x" * 70, None, 404, "deputy"),
        ("delete", "/api/standing/nuland?week=x", None, 400, "week"),
        ("post", "/api/repeat", {"week": -1}, 400, "week"),
        ("post", "/api/repeat", {"side": "RUS"}, 400, "side"),
        ("put", "/api/orders/0", {"order": {"kind": "call", "topic": "sanctions", "targets": ["FRA"]}}, 404, "index"),
        (
            "put",
            "/api/orders/99999",
            {"order": {"kind": "call", "topic": "sanctions", "targets": ["FRA"]}},
            404,
            "index",
        ),
        ("put", "/api/orders/-1", {"order": {"kind": "call", "topic": "sanctions", "targets": ["FRA"]}}, 404, "index"),
        ("put", "/api/orders/0", {"order": {"kind": "call", "topic": "xx", "targets": ["FRA"]}}, 400, "order"),
        ("put", "/api/orders/0", {"order": {"kind": "call", "topic": "sanctions"}, "week": "0"}, 400, "week"),
        ("post", "/api/orders/0/move", {"to": 5}, 404, "index"),
        ("post", "/api/orders/0/move", {"to": 10**9}, 400, "to"),
        ("get", "/api/dossier/DEU?editing=3", None, 404, "editing"),
        ("get", "/api/dossier/talks?editing=-2", None, 400, "editing"),
    ],
)
def test_bad_or_foreign_plan_requests_get_one_clear_line_and_change_nothing(
    make_room, method, path, body, status, where
):
    room = make_room(turns=3, two_sided=True)
    ann = join(room, "Ann", "10.0.0.1")
    join(room, "Ben", "10.0.0.2")
    before = recipe(room)
    answer = getattr(ann, method)(path, json=body) if body is not None else getattr(ann, method)(path)
    assert answer.status_code == status, answer.text
    assert answer.json()["where"] == where and "\n" not in answer.json()["error"]
    assert recipe(room) == before


def test_huge_and_deep_bodies_and_form_posts_are_refused_on_every_plan_route(make_room):
    room = make_room(turns=3)
    ann = join(room, "Ann")
    ann.post("/api/orders", json={"order": first_legal(ann)})
    before = recipe(room)
    for method, path in (("post", "/api/standing"), ("post", "/api/repeat"), ("put", "/api/orders/0")):
        send = getattr(ann, method)
        as_json = {"content-type": "application/json"}
        huge = send(path, content=b'{"a": "' + b"x" * (MAX_BODY + 10) + b'"}', headers=as_json)
        assert huge.status_code == 413
        deep = send(path, content=("[" * 5000 + "]" * 5000).encode(), headers=as_json)
        assert deep.status_code == 400 and "deeper" in deep.json()["error"]
        assert send(path, data={"deputy": "nuland"}).status_code == 415
        assert send(path, content=b"\xff\xfe", headers=as_json).status_code == 400
    assert recipe(room) == before


def test_another_seats_plan_is_out_of_reach_and_no_seat_changes_nobodys(make_room):
    room = make_room(turns=3, two_sided=True)
    ann = join(room, "Ann", "10.0.0.1")
    ben = join(room, "Ben", "10.0.0.2")
    ann.post("/api/standing", json=standing())
    before = recipe(room)
    # Moscow's seat can neither end Washington's instruction nor change Washington's order 0 (its own plan has
    # no order 0), and a request without a seat does nothing at all.
    assert ben.delete("/api/standing/nuland").status_code == 403
    assert ben.put("/api/orders/0", json={"order": first_legal(ben, "FRA")}).status_code == 404
    stranger = client_for(room, "10.0.0.9")
    assert stranger.post("/api/standing", json=standing()).status_code == 401
    assert stranger.post("/api/repeat", json={}).status_code == 401
    assert stranger.put("/api/orders/0", json={"order": first_legal(ann)}).status_code == 401
    assert recipe(room) == before
    assert ben.get("/api/state").json()["plan"]["standing"] == []  # Washington's instruction is not shown


def test_out_of_turn_ready_and_paused_change_nothing(make_room):
    room = make_room(turns=3, two_sided=True)
    ann = join(room, "Ann", "10.0.0.1")
    join(room, "Ben", "10.0.0.2")
    ann.post("/api/orders", json={"order": first_legal(ann)})
    ann.post("/api/orders", json={"order": first_legal(ann, "FRA")})
    ann.post("/api/standing", json=standing(country="POL"))
    ann.post("/api/ready", json={"ready": True})  # Moscow has not: the week waits, and Washington's plan is in
    before = recipe(room)
    for answer in (
        ann.post("/api/standing", json=standing(country="FRA")),
        ann.delete("/api/standing/nuland"),
        ann.put("/api/orders/0", json={"order": first_legal(ann, "ITA")}),
        ann.post("/api/orders/0/move", json={"to": 1}),
        ann.post("/api/repeat", json={}),
    ):
        assert answer.status_code == 409, answer.text
        assert answer.json()["error"] in ("your orders are in: take back 'ready' to change them",
                                          "no week of yours to repeat yet")  # fmt: skip
    assert recipe(room) == before
    ann.post("/api/ready", json={"ready": False})
    teacher = {"x-teacher-key": room.row.teacher_key}
    client_for(room, "10.0.0.5").post("/api/teacher/status", json={"status": "paused"}, headers=teacher)
    before = recipe(room)
    for answer in (ann.post("/api/standing", json=standing(country="FRA")), ann.put("/api/orders/0", json={})):
        assert answer.status_code in (400, 403)
    assert ann.post("/api/standing", json=standing(country="FRA")).json()["error"] == "the teacher has paused the class"
    assert recipe(room) == before


# ------------------------------------------------------------------------------------------ restart


def test_a_restart_keeps_standing_instructions_and_their_marked_calls(make_room):
    room = make_room(turns=3, two_sided=True)
    ann = join(room, "Ann", "10.0.0.1")
    ben = join(room, "Ben", "10.0.0.2")
    ann.post("/api/standing", json=standing(country="DEU"))
    ann.post("/api/standing", json=standing(country="POL"))
    ben.post("/api/standing", json=standing(deputy="ryabkov", country="HUN", topic="security_guarantees"))
    ann.post("/api/ready", json={"ready": True})
    ben.post("/api/ready", json={"ready": True})  # week resolved: the next week's calls are queued
    ann.post("/api/orders", json={"order": first_legal(ann, "FRA")})
    ann.post("/api/ready", json={"ready": True})
    before = game_of(room)
    token = ann.cookies.get("ftz_seat")

    again = reopen(room)
    after = game_of(again)
    assert after.standing == before.standing and len(after.standing) == 2
    for side in after.humans:
        assert after.pending_for(side) == before.pending_for(side)
        assert [after.is_standing(o) for o in after.pending_for(side).orders] == [
            before.is_standing(o) for o in before.pending_for(side).orders
        ]
    assert after.submitted == {after.player}
    client = client_for(again, "10.0.0.1")
    client.cookies.set("ftz_seat", token)
    state = client.get("/api/state").json()
    assert "Germany, then Poland" in state["plan"]["standing"][0]["words"]
    assert state["plan"]["orders"][0]["standing"] and state["ready"]


# ---------------------------------------------------------------------------------------- same game


def test_a_game_with_standing_instructions_repeat_and_changes_ends_as_the_same_played_headless(make_room, ftz):
    """The server (routes, the store, a restart in the middle) against the desktop's own commands on a
    Session of the same class settings: the same weeks, the same end."""
    settings = Settings(rival="historical", turns=3)
    room = make_room(seed=5, turns=3)
    ann = join(room, "Ann")
    headless = Session(ftz, 5, settings=settings)
    rules = headless.rules

    def both_standing(country):
        assert ann.post("/api/standing", json=standing(country=country)).status_code == 200
        draft = Draft(headless, kind=Kind.DEPUTY_CALL, deputy=rules.deputies.index("nuland"))
        draft.country, draft.topic = rules.countries.index(country), rules.topics.index("sanctions")
        assert draft.make_standing()[0] is not None

    def both_ready():
        assert ann.post("/api/ready", json={"ready": True}).status_code == 200
        headless.end_turn()

    # Week one: an instruction over two capitals and an order.
    both_standing("DEU")
    both_standing("POL")
    order = first_legal(ann, "FRA")
    assert ann.post("/api/orders", json={"order": order}).status_code == 200
    headless.add(order_from_dict(rules, {**order, "actor": "USA"}))
    both_ready()
    # Week two: repeat last week, the server restarts, then an order is changed.
    assert ann.post("/api/repeat", json={}).status_code == 200
    headless.repeat_last_week()
    token = ann.cookies.get("ftz_seat")
    room = reopen(room)
    ann = client_for(room, "10.0.0.1")
    ann.cookies.set("ftz_seat", token)
    pending = ann.get("/api/state").json()["pending"]
    last = pending[-1]["index"]
    offers = ann.get(f"/api/dossier/ITA?editing={last}").json()["offers"]
    new = next(o["order"] for o in offers if o["legal"] and o["by"] == "Call")
    assert ann.put(f"/api/orders/{last}", json={"order": new}).status_code == 200
    headless.replace(last, order_from_dict(rules, {**new, "actor": "USA"}))
    both_ready()
    # Week three: repeat again.
    ann.post("/api/repeat", json={})
    headless.repeat_last_week()
    both_ready()

    served = game_of(room)
    assert served.is_over and headless.is_over
    assert served.to_dict()["weeks"] == headless.to_dict()["weeks"]
    assert np.array_equal(served.state.alignment, headless.state.alignment)
    assert any(o.kind == Kind.DEPUTY_CALL for w in served.weeks[-3:] for s in w.sheets for o in s.orders)
    assert game_of(reopen(room)).to_dict()["weeks"] == headless.to_dict()["weeks"]


def test_a_deputy_named_with_a_line_break_is_refused_in_one_line(make_room):
    room = make_room(turns=3)
    ann = join(room, "Ann")
    for answer in (
        ann.delete("/api/standing/nul%0Aand"),
        ann.post("/api/standing", json=standing(deputy="nul\nand", country="D\nEU")),
    ):
        assert answer.status_code == 400 and "\n" not in answer.json()["error"], answer.text
