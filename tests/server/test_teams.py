"""Teams (issue 17): a side played by several seats - the Secretary's calls, trip, groups, talks and escalations on
one, each deputy's call on another.  Over HTTP: who gets which role, the refusals when an order is not the seat's
role's, the team's shared sheet hidden from the other side, a side ready when all its seats are, a seat that never
gets ready (the teacher and the timer), a restart, a class database from before teams migrated in place, hostile
seat choices, and a team game ending exactly as the same orders played headless."""

import json
import sqlite3

import numpy as np
import pytest

from game.classroom.play import finished_session
from game.server.room import ClassRoom
from game.server.store import SCHEMA_VERSION, Store
from game.session import order_to_dict
from game.sim.loop import GameSpec
from game.sim.settings import Settings

from .conftest import client_for, join, reopen


@pytest.fixture
def team_room(ftz, db_path):
    """``team_room(team=3, two_sided=True, turns=3)``: a class of teams on ``ftz`` in a fresh database."""
    stores = []

    def make(team=3, seed=11, name="9B", **settings):
        store = Store(db_path)
        stores.append(store)
        return ClassRoom.create(store, ftz, seed, Settings(rival="historical", **settings), name, team)

    yield make
    for store in stores:
        store.close()


def _order(kind, topic="sanctions", targets=("DEU",), deputy=None, group=None):
    order = {"kind": kind, "topic": topic, "targets": list(targets)}
    if deputy is not None:
        order["deputy"] = deputy
    if group is not None:
        order["group"] = group
    return order


def _legal(client, by, country="DEU"):
    """The first legal offer of the dossier given by ``by`` (Call, Visit, a deputy's name)."""
    offers = client.get(f"/api/dossier/{country}").json()["offers"]
    return next(o["order"] for o in offers if o["by"] == by and o["legal"])


def _six(room):
    """Six students in join order: Washington's and Moscow's Secretaries, then a deputy of each side in turn."""
    names = ["Ann", "Ben", "Cy", "Dee", "Eve", "Fay"]
    return {n: join(room, n, f"10.0.0.{i + 1}") for i, n in enumerate(names)}


# ------------------------------------------------------------------------------------------------- roles


def test_students_fill_each_sides_secretary_then_one_deputy_of_each_side_in_turn(team_room):
    room = team_room(team=3, two_sided=True)
    c = _six(room)
    roles = {
        n: (cl.get("/api/state").json()["seat"]["side"], cl.get("/api/state").json()["role"]) for n, cl in c.items()
    }
    assert {n: (side, r["id"]) for n, (side, r) in roles.items()} == {
        "Ann": ("USA", "secretary"),
        "Ben": ("RUS", "secretary"),
        "Cy": ("USA", "sherman"),
        "Dee": ("RUS", "ryabkov"),
        "Eve": ("USA", "nuland"),
        "Fay": ("RUS", "peskov"),
    }
    assert roles["Ann"][1]["label"] == "Secretary of State Antony Blinken" and roles["Ann"][1]["team"]
    assert roles["Cy"][1]["label"] == "Wendy Sherman"
    assert len(room.sessions) == 1
    join(room, "Gus", "10.0.0.7")  # the first game is full: a new one, as its Washington Secretary
    assert len(room.sessions) == 2
    gus = next(s for s in room.seats.values() if s.name == "Gus")
    ann_game = next(s.game_id for s in room.seats.values() if s.name == "Ann")
    assert (gus.side, gus.role) == ("USA", "secretary") and gus.game_id != ann_game
    # The stored rows say the same.
    rows = {r.name: (r.side, r.role) for r in room.store.seats(room.row.id)}
    assert rows["Eve"] == ("USA", "nuland") and rows["Gus"] == ("USA", "secretary")


def test_a_side_with_fewer_deputies_has_a_smaller_team_and_a_one_sided_team_plays_the_bot(team_room):
    room = team_room(team=6, two_sided=True)
    for i in range(9):  # Washington: the Secretary and 5 deputies; Moscow: the Secretary and 2
        join(room, f"S{i}", f"10.0.1.{i}")
    assert len(room.sessions) == 1
    sides = [s.side for s in room.seats.values()]
    assert sides.count("USA") == 6 and sides.count("RUS") == 3
    join(room, "S9", "10.0.1.9")
    assert len(room.sessions) == 2
    solo = team_room(team=2, name="9C")
    a, b, c = (join(solo, n, f"10.0.2.{i}") for i, n in enumerate("ABC"))
    assert [x.get("/api/state").json()["role"]["id"] for x in (a, b, c)] == ["secretary", "sherman", "secretary"]
    assert [s["human"] for s in a.get("/api/state").json()["sides"]] == [True, False]
    assert len(solo.sessions) == 2


def test_a_team_larger_than_the_crisis_allows_is_refused(ftz, db_path):
    with pytest.raises(ValueError, match="1 to 6"):
        ClassRoom.create(Store(db_path), ftz, 1, Settings(), "9B", team=7)


# ---------------------------------------------------------------------------------------------- refusals


def test_an_order_that_is_not_the_seats_roles_is_refused_with_whose_it_is(team_room):
    room = team_room(team=3, two_sided=True)
    c = _six(room)
    ann, cy, eve, dee = c["Ann"], c["Cy"], c["Eve"], c["Dee"]
    call = _legal(ann, "Call")
    # A deputy may not place the Secretary's call, nor another deputy's.
    refused = cy.post("/api/orders", json={"order": call})
    assert refused.status_code == 403 and refused.json()["where"] == "role"
    assert "Ann" in refused.json()["error"] and "Wendy Sherman" in refused.json()["error"]
    nuland = _order("deputy_call", deputy="nuland")
    refused = cy.post("/api/orders", json={"order": nuland})
    assert refused.status_code == 403 and refused.json()["error"].startswith("Victoria Nuland's call is Eve's")
    # ...and the Secretary may not place a call of a deputy a student plays, but does give an unplayed one's.
    sherman = _legal(cy, "Wendy Sherman")
    assert ann.post("/api/orders", json={"order": sherman}).status_code == 403
    assert cy.post("/api/orders", json={"order": sherman}).status_code == 200
    assert ann.post("/api/orders", json={"order": _legal(ann, "William Burns")}).status_code == 200
    assert ann.post("/api/orders", json={"order": call}).status_code == 200
    assert eve.post("/api/orders", json={"order": _legal(eve, "Victoria Nuland", "FRA")}).status_code == 200
    # The dossier offers a seat its own role's orders; the others are refused with the same words.
    offers = cy.get("/api/dossier/ITA").json()["offers"]
    calls = [o for o in offers if o["by"] == "Call"]
    assert calls and all(not o["legal"] and "Ann" in o["reason"] for o in calls)
    assert all("Eve's to give" in o["reason"] for o in offers if o["by"] == "Victoria Nuland")
    # Escalations are the Secretary's: Moscow's deputy is refused, Moscow's Secretary raises.
    raised = dee.post("/api/escalations", json={"escalation": "troop_surge", "raised": True})
    assert raised.status_code == 403 and "Ben" in raised.json()["error"]
    assert all("Ben" in e["reason"] for e in dee.get("/api/state").json()["escalations"])
    assert c["Ben"].post("/api/escalations", json={"escalation": "troop_surge", "raised": True}).status_code == 200


def test_each_seat_sees_its_teams_sheet_changes_only_its_own_and_the_other_side_sees_nothing(team_room):
    room = team_room(team=3, two_sided=True)
    c = _six(room)
    ann, cy = c["Ann"], c["Cy"]
    ann.post("/api/orders", json={"order": _legal(ann, "Call")})
    cy.post("/api/orders", json={"order": _legal(cy, "Wendy Sherman", "POL")})
    for client in (ann, cy, c["Eve"]):
        pending = client.get("/api/state").json()["pending"]
        assert [(p["by"], p["who"]) for p in pending] == [
            ("Secretary of State Antony Blinken", "Ann"),
            ("Wendy Sherman", "Cy"),
        ]
    assert [p["mine"] for p in cy.get("/api/state").json()["pending"]] == [False, True]
    refused = cy.delete("/api/orders/0")
    assert refused.status_code == 403 and "Ann" in refused.json()["error"]
    assert ann.delete("/api/orders/1").status_code == 403
    words = [p["words"] for p in ann.get("/api/state").json()["pending"]]
    for moscow in (c["Ben"], c["Dee"], c["Fay"]):
        state = moscow.get("/api/state").json()
        assert state["pending"] == [] and not any(w in json.dumps(state) for w in words)
        # Moscow sees who plays Washington and whether they are ready, not what they queued.
        assert [t["name"] for t in state["sides"][0]["team"]] == ["Ann", "Cy", "Eve"]
    assert cy.delete("/api/orders/1").json()["pending"][0]["who"] == "Ann"


# --------------------------------------------------------------------------------------------- readiness


def test_a_side_is_ready_when_all_its_seats_are_and_the_week_when_every_side_is(team_room):
    room = team_room(team=2, two_sided=True)
    ann, ben, cy, dee = (join(room, n, f"10.0.0.{i}") for i, n in enumerate(["Ann", "Ben", "Cy", "Dee"]))
    week = next(iter(room.sessions.values())).turn
    ann.post("/api/orders", json={"order": _legal(ann, "Call")})
    state = ann.post("/api/ready", json={"ready": True}).json()
    assert state["ready"] and not state["sides"][0]["ready"]
    assert [(t["name"], t["ready"]) for t in state["sides"][0]["team"]] == [("Ann", True), ("Cy", False)]
    late = ann.post("/api/orders", json={"order": _legal(ann, "Call", "FRA")})
    assert late.status_code == 409 and "take back 'ready'" in late.json()["error"]
    # Cy is not ready yet and still gives his own call.
    assert cy.post("/api/orders", json={"order": _legal(cy, "Wendy Sherman", "POL")}).status_code == 200
    assert not cy.get("/api/state").json()["ready"]
    state = cy.post("/api/ready", json={"ready": True}).json()
    assert state["sides"][0]["ready"] and state["week"] == week
    # Ann takes back her readiness: Washington is not ready any more.
    assert not ann.post("/api/ready", json={"ready": False}).json()["sides"][0]["ready"]
    assert cy.get("/api/state").json()["ready"]
    ann.post("/api/ready", json={"ready": True})
    ben.post("/api/ready", json={"ready": True})
    assert next(iter(room.sessions.values())).turn == week
    state = dee.post("/api/ready", json={"ready": True}).json()
    assert state["week"] == week + 1 and not state["ready"]
    assert state["report"]["orders"]["USA"] and all(not t["ready"] for s in state["sides"] for t in s["team"])
    assert room.ready_seats == set()
    assert all(not r.ready for r in room.store.seats(room.row.id))


def test_a_seat_that_never_gets_ready_is_ended_by_the_teacher_or_the_timer(team_room):
    room = team_room(team=3, two_sided=True)
    c = _six(room)
    week = next(iter(room.sessions.values())).turn
    for name in ("Ann", "Cy", "Ben", "Dee", "Fay"):  # Eve has left
        c[name].post("/api/ready", json={"ready": True})
    assert next(iter(room.sessions.values())).turn == week
    teacher = client_for(room, "10.0.0.99")
    key = {"x-teacher-key": room.row.teacher_key}
    view = teacher.get("/api/teacher/class", headers=key).json()
    usa = view["games"][0]["sides"][0]["team"]
    assert [(t["label"], t["name"], t["ready"]) for t in usa] == [
        ("Secretary of State Antony Blinken", "Ann", True),
        ("Wendy Sherman", "Cy", True),
        ("Victoria Nuland", "Eve", False),
    ]
    assert {(s["name"], s["role"], s["ready"]) for s in view["seats"]} >= {
        ("Eve", "nuland", False),
        ("Cy", "sherman", True),
    }
    view = teacher.post("/api/teacher/resolve", json={}, headers=key).json()
    assert view["games"][0]["week"] == week + 1
    assert room.ready_seats == set()
    # The next week, the timer does the same.
    for name in ("Ann", "Cy", "Ben", "Dee", "Fay"):
        c[name].post("/api/ready", json={"ready": True})
    room.set_timer(60, now=0.0)
    assert room.resolve_all(timer=True) and next(iter(room.sessions.values())).turn == week + 2


def test_a_new_seat_joining_a_ready_side_makes_it_wait_for_them(team_room):
    room = team_room(team=2, two_sided=True)
    ann = join(room, "Ann", "10.0.0.1")
    join(room, "Ben", "10.0.0.2")
    assert ann.post("/api/ready", json={"ready": True}).json()["sides"][0]["ready"]
    cy = join(room, "Cy", "10.0.0.3")  # Washington's deputy arrives late
    state = ann.get("/api/state").json()
    assert not state["sides"][0]["ready"] and not state["ready"]
    assert reopen(room).sessions[next(iter(room.sessions))].submitted == set()
    assert cy.get("/api/state").json()["role"]["id"] == "sherman"


def test_a_restart_keeps_each_seats_role_and_readiness(team_room):
    room = team_room(team=3, two_sided=True)
    c = _six(room)
    c["Cy"].post("/api/orders", json={"order": _legal(c["Cy"], "Wendy Sherman")})
    c["Cy"].post("/api/ready", json={"ready": True})
    c["Ben"].post("/api/ready", json={"ready": True})
    again = reopen(room)
    assert again.team == 3
    assert {s.name for s in again.seats.values() if s.id in again.ready_seats} == {"Cy", "Ben"}
    assert {s.name: s.role for s in again.seats.values()} == {s.name: s.role for s in room.seats.values()}
    client = client_for(again, "10.0.0.3")
    client.cookies.set("ftz_seat", c["Cy"].cookies.get("ftz_seat"))
    state = client.get("/api/state").json()
    assert state["ready"] and state["role"]["id"] == "sherman" and state["pending"][0]["mine"]


# -------------------------------------------------------------------------------------------- migration

V1_SCHEMA = """
CREATE TABLE classes (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, code TEXT NOT NULL, teacher_key TEXT NOT NULL,
    scenario TEXT NOT NULL, scenario_path TEXT, scenario_digest TEXT NOT NULL, seed INTEGER NOT NULL,
    settings TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused', 'ended')),
    deadline REAL, timer_weeks TEXT, created REAL NOT NULL
);
CREATE TABLE games (id INTEGER PRIMARY KEY, class_id INTEGER NOT NULL REFERENCES classes(id), seed INTEGER NOT NULL);
CREATE TABLE seats (
    id INTEGER PRIMARY KEY, class_id INTEGER NOT NULL REFERENCES classes(id),
    game_id INTEGER NOT NULL REFERENCES games(id), side TEXT NOT NULL, name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE, joined REAL NOT NULL, UNIQUE (game_id, side)
);
CREATE TABLE weeks (
    game_id INTEGER NOT NULL REFERENCES games(id), week INTEGER NOT NULL, sheets TEXT NOT NULL,
    PRIMARY KEY (game_id, week)
);
CREATE TABLE pending (
    game_id INTEGER NOT NULL REFERENCES games(id), side TEXT NOT NULL, orders TEXT NOT NULL,
    ready INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (game_id, side)
);
PRAGMA user_version=1;
"""


def test_a_class_database_from_before_teams_opens_migrated_in_place(make_room, tmp_path, ftz):
    # A two-sided class in the middle of its second week, copied row by row into the schema the class server
    # wrote before teams (schema 1: no team, no role, one seat per side).
    room = make_room(two_sided=True)
    ann = join(room, "Ann", "10.0.0.1")
    ben = join(room, "Ben", "10.0.0.2")
    ann.post("/api/orders", json={"order": _legal(ann, "Call")})
    ann.post("/api/ready", json={"ready": True})
    ben.post("/api/ready", json={"ready": True})
    ann.post("/api/orders", json={"order": _legal(ann, "Wendy Sherman", "FRA")})
    ann.post("/api/ready", json={"ready": True})
    before = next(iter(room.sessions.values()))
    old = tmp_path / "old.sqlite"
    db = sqlite3.connect(old)
    db.executescript(V1_SCHEMA)
    src = room.store.db
    columns = {
        "classes": "id, name, code, teacher_key, scenario, scenario_path, scenario_digest, seed, settings, status,"
        " deadline, timer_weeks, created",
        "games": "id, class_id, seed",
        "seats": "id, class_id, game_id, side, name, token_hash, joined",
        "weeks": "game_id, week, sheets",
        "pending": "game_id, side, orders, ready",
    }
    for table, cols in columns.items():
        rows = src.execute(f"SELECT {cols} FROM {table}").fetchall()
        marks = ", ".join("?" * len(cols.split(",")))
        db.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", [tuple(r) for r in rows])
    db.commit()
    db.close()

    store = Store(old)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    seats_sql = store.db.execute("SELECT sql FROM sqlite_master WHERE name = 'seats'").fetchone()[0]
    assert "UNIQUE (game_id, side, role)" in seats_sql
    migrated = ClassRoom(store, room.row.id, ftz)
    assert migrated.team == 1
    assert {(s.name, s.role) for s in migrated.seats.values()} == {("Ann", "secretary"), ("Ben", "secretary")}
    assert {s.name for s in migrated.seats.values() if s.id in migrated.ready_seats} == {"Ann"}
    after = next(iter(migrated.sessions.values()))
    assert after.turn == before.turn and after.submitted == {after.player}
    assert after.pending_for(after.player) == before.pending_for(before.player)
    assert np.array_equal(after.state.alignment, before.state.alignment)
    # The class plays on: Ann's cookie still works, Moscow's readiness resolves the week.
    client = client_for(migrated, "10.0.0.2")
    client.cookies.set("ftz_seat", ben.cookies.get("ftz_seat"))
    assert client.post("/api/ready", json={"ready": True}).json()["week"] == before.turn + 1
    store.close()
    assert Store(old).db.execute("PRAGMA user_version").fetchone()[0] == 2  # opening again changes nothing


def test_a_failed_migration_leaves_the_old_database_as_it_was(tmp_path, monkeypatch):
    from game.server import store as store_module

    old = tmp_path / "old.sqlite"
    db = sqlite3.connect(old)
    db.executescript(V1_SCHEMA)
    db.execute("INSERT INTO classes VALUES (1, '9B', 'ACDEFG', 'k', 'x', NULL, 'd', 1, '{}', 'open', NULL, NULL, 0)")
    db.commit()
    db.close()
    monkeypatch.setattr(store_module, "SEATS_TABLE", "CREATE TABLE {name} (broken")
    with pytest.raises(store_module.StoreError):
        Store(old)
    db = sqlite3.connect(old)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "team" not in [r[1] for r in db.execute("PRAGMA table_info(classes)")]
    db.close()


# ----------------------------------------------------------------------------------------------- hostile


@pytest.mark.parametrize(
    "body",
    [
        {"order": {**_order("call"), "role": "secretary"}},
        {"order": _order("deputy_call", deputy="'; DROP TABLE seats; --")},
        {"order": _order("deputy_call", deputy="ryabkov")},
        {"order": _order("deputy_call", deputy=3)},
        {"order": _order("deputy_call", deputy="x" * 61)},
    ],
)
def test_hostile_role_values_in_an_order_are_refused_and_change_nothing(team_room, body):
    room = team_room(team=2, two_sided=True)
    ann = join(room, "Ann", "10.0.0.1")
    join(room, "Ben", "10.0.0.2")
    cy = join(room, "Cy", "10.0.0.3")
    for client in (ann, cy):
        answer = client.post("/api/orders", json=body)
        assert 400 <= answer.status_code < 500 and answer.json()["error"]
    assert ann.get("/api/state").json()["pending"] == []
    assert {r.role for r in room.store.seats(room.row.id)} == {"secretary", "sherman"}


def test_a_student_picks_a_free_seat_on_the_join_page_and_a_taken_or_made_up_one_is_refused(team_room):
    room = team_room(team=3, two_sided=True)
    ann = join(room, "Ann", "10.0.0.1")
    anyone = client_for(room, "10.0.0.50")
    assert anyone.get("/api/seats?code=WRONG1").status_code == 403
    listing = anyone.get(f"/api/seats?code={room.row.code.lower()}").json()
    assert listing["team"] == 3 and listing["two_sided"]
    free = [(s["side"], s["role"]) for s in listing["seats"]]
    assert free == [("RUS", "secretary"), ("USA", "sherman"), ("RUS", "ryabkov"), ("USA", "nuland"), ("RUS", "peskov")]
    assert listing["seats"][1]["with"] == ["Ann"] and listing["seats"][1]["label"] == "Wendy Sherman"
    game = listing["seats"][0]["game"]
    nuland = {"game": game, "side": "USA", "role": "nuland"}
    answer = anyone.post("/api/join", json={"code": room.row.code, "name": "Eve", "seat": nuland})
    assert answer.status_code == 200 and answer.json()["seat"]["role"] == "nuland"
    # The seat is taken now; the next student without a choice gets the next free one (Moscow's Secretary).
    again = client_for(room, "10.0.0.51").post("/api/join", json={"code": room.row.code, "name": "Gus", "seat": nuland})
    assert again.status_code == 409 and again.json()["where"] == "seat"
    assert join(room, "Ben", "10.0.0.2").get("/api/state").json()["seat"]["side"] == "RUS"
    assert ann.get("/api/state").json()["sides"][0]["team"][2]["name"] == "Eve"


@pytest.mark.parametrize(
    "seat",
    [
        {"game": 1, "side": "USA", "role": "secretary"},  # taken
        {"game": 1, "side": "RUS", "role": "sherman"},  # Washington's deputy on Moscow's side
        {"game": 1, "side": "USA", "role": "burns"},  # a deputy the class's teams of three do not have
        {"game": 99, "side": "RUS", "role": "secretary"},  # no such game
        {"game": 1, "side": "XXX", "role": "secretary"},
        {"game": 1, "side": "USA", "role": "'; DROP TABLE seats; --"},
        {"game": 1, "side": "USA", "role": ["secretary"]},
        {"game": "1", "side": "USA", "role": "sherman"},
        {"game": 1, "side": "USA", "role": "sherman", "ready": True},
        {"game": 1, "side": "USA", "role": "x" * 61},
        {"game": -1, "side": "USA", "role": "sherman"},
    ],
)
def test_hostile_seat_choices_are_refused_and_seat_nobody(team_room, seat):
    room = team_room(team=3, two_sided=True)
    join(room, "Ann", "10.0.0.1")
    assert next(iter(room.sessions)) == 1
    answer = client_for(room, "10.0.0.2").post("/api/join", json={"code": room.row.code, "name": "Bo", "seat": seat})
    assert answer.status_code in (400, 409) and answer.json()["error"]
    assert [s.name for s in room.seats.values()] == ["Ann"]
    assert [r.name for r in room.store.seats(room.row.id)] == ["Ann"]


def test_a_one_student_class_offers_no_seats_to_choose(team_room):
    room = team_room(team=1)
    join(room, "Ann")
    assert client_for(room, "10.0.0.9").get(f"/api/seats?code={room.row.code}").json()["seats"] == []


@pytest.mark.parametrize("role", ["ryabkov", "nobody", "<script>", ""])
def test_a_database_edited_to_give_a_seat_a_role_of_no_side_is_refused_on_opening(team_room, role):
    from game.session import SaveError

    room = team_room(team=2)
    join(room, "Ann")
    room.store.db.execute("UPDATE seats SET role = ?", (role,))
    room.store.db.commit()
    with pytest.raises(SaveError, match="no role of USA"):
        reopen(room)


# ------------------------------------------------------------------------------------------- same game


def test_a_team_game_ends_as_the_same_orders_played_headless(team_room, ftz):
    """Both sides' weeks of a headless game (the historical playbook on each side), given through the server by
    two teams of three, each order by the seat whose role it is: the same weeks, the same end."""
    room = team_room(team=3, two_sided=True, seed=5, turns=3)
    headless = finished_session(GameSpec(ftz, 5, Settings(rival="historical", turns=3, two_sided=True), "historical"))
    seats = _six(room)
    by_role = {(s.side, s.role): seats[s.name] for s in room.seats.values()}
    rules = headless.rules
    used_roles = set()
    for week in headless.weeks:
        if week.prelude:
            continue
        for sheet in week.sheets:
            side = rules.actors[sheet.actor]
            for order in sheet.orders:
                role = rules.deputies[order.deputy] if order.deputy >= 0 else "secretary"
                client = by_role.get((side, role), by_role[(side, "secretary")])
                used_roles.add(role)
                fields = {k: v for k, v in order_to_dict(rules, order).items() if k != "actor"}
                answer = client.post("/api/orders", json={"order": fields})
                assert answer.status_code == 200, answer.text
            for event in sheet.raises:
                spec = headless.scenario.event(event)
                answer = by_role[(side, "secretary")].post(
                    "/api/escalations", json={"escalation": spec.id, "raised": True}
                )
                assert answer.status_code == 200, answer.text
        for client in seats.values():
            client.post("/api/ready", json={"ready": True, "week": week.state_before.turn})
    served = next(iter(room.sessions.values()))
    assert served.is_over and seats["Fay"].get("/api/state").json()["over"]
    assert used_roles & {"sherman", "nuland", "ryabkov", "peskov"}, "the deputies' seats gave orders"
    assert np.array_equal(served.state.alignment, headless.state.alignment)
    assert served.to_dict()["weeks"] == headless.to_dict()["weeks"]


# ------------------------------------------------------------------------------------------------- host


def test_host_takes_a_team_size_the_crisis_can_field_and_a_picked_up_class_keeps_its_own(ftz, tmp_path):
    from game.server.host import HostError, open_class
    from tests.conftest import run_game

    for size, message in (("0", "a team is 1 to 12"), ("x", "a team is 1 to 12"), ("7", "at most 6 seats")):
        done = run_game("host", "flood_the_zone", "--team", size, env={"FLOOD_THE_ZONE_HOME": str(tmp_path)})
        assert done.returncode in (1, 2) and message in done.stderr, done.stderr
    assert "--team N" in run_game("host", "--help").stdout
    store = Store(tmp_path / "db.sqlite")
    first, _ = open_class(store, ftz, 1, Settings(two_sided=True), "9B", team=4)
    again, picked = open_class(store, ftz, 1, Settings(), "9B", team=2)
    assert picked and first.team == again.team == 4 and again.row.team == 4
    with pytest.raises(HostError, match="at most 6 seats"):
        open_class(store, ftz, 1, Settings(), "10A", team=9)
    store.close()


def test_in_a_team_each_seat_plans_only_its_own_roles_part(team_room):
    """The week's plan (standing instructions, repeat, change, move) keeps to the seat's role as orders do."""
    room = team_room(team=3, two_sided=True, turns=3)
    c = _six(room)
    ann, cy = c["Ann"], c["Cy"]
    week = ann.get("/api/state").json()["week"]
    nuland = {"deputy": "nuland", "country": "DEU", "topic": "sanctions", "week": week}
    # Victoria Nuland is Eve's: neither her Secretary nor Wendy Sherman's player gives her instructions.
    for seat in (ann, cy):
        refused = seat.post("/api/standing", json=nuland)
        assert refused.status_code == 403 and refused.json()["where"] == "role", refused.text
    assert c["Eve"].post("/api/standing", json=nuland).status_code == 200
    assert cy.delete(f"/api/standing/nuland?week={week}").status_code == 403
    # Change and move: the Secretary's call is Ann's to change, Wendy Sherman's is Cy's.
    assert ann.post("/api/orders", json={"order": _legal(ann, "Call")}).status_code == 200
    assert cy.post("/api/orders", json={"order": _legal(cy, "Wendy Sherman")}).status_code == 200
    sheet = ann.get("/api/state").json()["pending"]
    ann_index = next(p["index"] for p in sheet if p["who"] == "Ann")
    assert (
        cy.put(
            f"/api/orders/{ann_index}", json={"order": _order("deputy_call", deputy="sherman", targets=("FRA",))}
        ).status_code
        == 403
    )
    assert cy.post(f"/api/orders/{ann_index}/move", json={"to": 0}).status_code in (403, 404)
    # A ready seat changes nothing, and "repeat last week" queues only the seat's own role's orders.
    for seat in c.values():
        assert seat.post("/api/ready", json={"ready": True}).status_code == 200
    assert ann.get("/api/state").json()["week"] == week + 1
    repeated = cy.post("/api/repeat", json={}).json()
    # (Victoria Nuland's standing call is queued at the week's start: Eve's instruction, not a repeat.)
    assert {p["who"] for p in repeated["pending"]} == {"Cy", "Eve"}, repeated["pending"]
