"""The class server's "Ask your staff", news feed and debrief: the staff on, limited and off; the same advice and
the same counts as the desktop's session for the same game (so the gradebook and the reports agree); the advisor
off the event loop, once per seat and plan however often it is asked; hostile requests; the feed and the debrief
from the classroom code."""

import asyncio
import threading
from pathlib import Path

import anyio
import pytest

from game.ai.advisor import advise
from game.classroom.advice import advice_arguments
from game.classroom.classview import _entry_from_session
from game.classroom.play import history_session
from game.classroom.sources import cite_seed
from game.classroom.words import staff_use
from game.engine import standing
from game.session import Session, order_to_dict

from .conftest import client_for, join, reopen

pytest.importorskip("starlette")


def _game(room):
    """The first student's game."""
    game_id = min(room.sessions)
    return game_id, room.sessions[game_id]


def _desktop(room) -> Session:
    """The same game as a desktop session: the class's scenario, seed and settings."""
    return Session(room.scenario, room.row.seed, settings=room.settings)


def _ask(client) -> dict:
    answer = client.get("/api/staff")
    assert answer.status_code == 200, answer.text
    return answer.json()


def _take(client, advice: dict, index: int):
    return client.post(
        "/api/staff/orders", json={"suggestion": index, "question": advice["question"], "week": advice["week"]}
    )


def test_the_staff_advises_as_the_desktop_and_counts_as_the_desktop(make_room):
    room = make_room(turns=3)
    ann = join(room, "Ann")
    assert ann.get("/api/state").json()["staff"] == {
        "mode": "on",
        "limit": None,
        "left": None,
        "used": 0,
        "limit_words": "",
    }
    desktop = _desktop(room)
    rules = desktop.rules
    taken = 0
    for _week in range(2):
        advice = _ask(ann)
        expected = advise(**advice_arguments(desktop, desktop.player, desktop.pending))
        assert [s["words"] for s in advice["suggestions"]] == [desktop.describe(a.order) for a in expected]
        assert advice["suggestions"], "a fresh week always has something worth doing"
        first = advice["suggestions"][0]
        assert first["reason"] and first["worth"].startswith("Kept up:") and first["can_add"]
        state = _take(ann, advice, 0).json()
        desktop.add(expected[0].order, from_staff=True)
        taken += 1
        assert [p["words"] for p in state["pending"]] == [desktop.describe(o) for o in desktop.pending.orders]
        # The plan changed: the staff answers again for it, and the first suggestion shows as added or gone.
        again = _ask(ann)
        assert again["question"] != advice["question"]
        expected = advise(**advice_arguments(desktop, desktop.player, desktop.pending))
        assert [s["words"] for s in again["suggestions"]] == [desktop.describe(a.order) for a in expected]
        if expected:
            _take(ann, again, 0)
            desktop.add(expected[0].order, from_staff=True)
            taken += 1
        # An order the student gives themself is not the staff's.
        order = next(o for o in desktop.legal_orders() if o not in desktop.pending.orders)
        data = {k: v for k, v in order_to_dict(rules, order).items() if k != "actor"}
        assert ann.post("/api/orders", json={"order": data}).status_code == 200
        desktop.add(order)
        assert ann.post("/api/ready", json={"ready": True}).status_code == 200
        desktop.end_turn()
    game_id, session = _game(room)
    assert session.staff_used == desktop.staff_used == {desktop.player: taken}
    assert staff_use(session) == staff_use(desktop) == f"took {taken} orders from the staff"
    assert session.to_dict()["staff_used"] == desktop.to_dict()["staff_used"]
    path = Path("game.json")
    assert _entry_from_session(path, session, {}).staff_used == _entry_from_session(path, desktop, {}).staff_used
    # A server started again on the same database counts the same.
    assert reopen(room).sessions[game_id].staff_used == desktop.staff_used
    assert ann.get("/api/state").json()["staff"]["used"] == taken


def test_a_limited_staff_allows_so_many_a_week_and_says_so(make_room):
    room = make_room(turns=3, staff=1)
    ann = join(room, "Ann")
    state = ann.get("/api/state").json()
    assert state["staff"]["mode"] == "limited" and state["staff"]["left"] == 1
    advice = _ask(ann)
    assert advice["limit_words"] == "Your teacher allows 1 staff suggestion a week: 1 left this week."
    assert _take(ann, advice, 0).status_code == 200
    advice = _ask(ann)
    assert advice["left"] == 0 and advice["refused"]
    assert advice["limit_words"].endswith("none left this week; the advice is still yours to read.")
    assert not any(s["can_add"] for s in advice["suggestions"])
    refused = _take(ann, advice, 0)
    assert refused.status_code == 403
    assert refused.json()["error"] == "your teacher allows 1 staff suggestion a week: none left"
    game_id, session = _game(room)
    assert len(session.pending_for(session.player).orders) == 1 and session.staff_week == {session.player: 1}
    # The week's count survives a restart: a restarted server gives no suggestion back.
    assert reopen(room).sessions[game_id].staff_left(session.player) == 0
    ann.post("/api/ready", json={"ready": True})
    advice = _ask(ann)
    assert advice["left"] == 1 and any(s["can_add"] for s in advice["suggestions"])
    assert session.staff_used == {session.player: 1}


def test_the_staff_off_is_not_offered_and_the_api_refuses(make_room):
    room = make_room(turns=2, staff=0)
    ann = join(room, "Ann")
    assert ann.get("/api/state").json()["staff"]["mode"] == "off"
    answer = ann.get("/api/staff")
    assert answer.status_code == 403
    assert answer.json() == {"error": "your teacher turned the staff's advice off for this game", "where": "staff"}
    taken = ann.post("/api/staff/orders", json={"suggestion": 0, "question": "0" * 16, "week": None})
    assert taken.status_code == 403
    _, session = _game(room)
    assert session.staff_used == {} and not session.pending_for(session.player).orders


def test_hostile_staff_requests_change_nothing(make_room):
    room = make_room(turns=2)
    ann = join(room, "Ann")
    ben = join(room, "Ben", "10.0.0.2")
    advice = _ask(ann)
    good = {"suggestion": 0, "question": advice["question"], "week": advice["week"]}
    assert client_for(room, "10.0.0.3").get("/api/staff").status_code == 401
    assert client_for(room, "10.0.0.3").post("/api/staff/orders", json=good).status_code == 401
    # Ben cannot add from Ann's answer (his own question differs: he has not asked), nor from a made-up one.
    assert ben.post("/api/staff/orders", json=good).status_code == 409
    assert ann.post("/api/staff/orders", json={**good, "question": "f" * 16}).status_code == 409
    for body in (
        {**good, "suggestion": -1},
        {**good, "suggestion": 10**9},
        {**good, "suggestion": "0"},
        {**good, "order": {"kind": "call"}},
        {**good, "question": "x" * 1000},
        {"suggestion": 0},
    ):
        assert ann.post("/api/staff/orders", json=body).status_code == 400, body
    assert ann.post("/api/staff/orders", json={**good, "suggestion": 99}).status_code == 404
    form = ann.post("/api/staff/orders", content=b"suggestion=0", headers={"content-type": "text/plain"})
    assert form.status_code == 415
    assert ann.post("/api/staff/orders", json={**good, "week": advice["week"] + 1}).status_code == 409
    _, session = _game(room)
    assert session.staff_used == {} and not session.pending_for(session.player).orders
    # The same suggestion twice: the second is already queued.
    assert ann.post("/api/staff/orders", json=good).status_code == 200
    assert ann.post("/api/staff/orders", json=good).status_code == 409
    assert session.staff_used == {session.player: 1}


def test_asking_runs_the_advisor_once_per_plan_off_the_event_loop(make_room):
    room = make_room(turns=2)
    join(room, "Ann")
    join(room, "Ben", "10.0.0.2")
    ann, ben = list(room.seats.values())
    from game.server.staff import StaffDesk

    gate = threading.Event()
    calls = []

    def slow_advisor(**arguments):
        calls.append(arguments["actor"])
        gate.wait(timeout=60)
        return advise(**arguments)

    desk = StaffDesk(room, threads=1, advisor=slow_advisor)

    async def main():
        flood = [asyncio.create_task(desk.ask(ann)) for _ in range(8)]
        other = asyncio.create_task(desk.ask(ben))
        # While the staff works (held at the gate), the event loop answers other work, the room's lock included.
        for _ in range(200):
            await asyncio.sleep(0.01)
            if calls:
                break
        assert calls == [ann.actor]
        from game.server.views import seat_view

        def read():
            with room.lock:
                return seat_view(room, ben)

        assert (await anyio.to_thread.run_sync(read))["seat"]["name"] == "Ben"
        gate.set()
        answers = await asyncio.gather(*flood)
        await other
        return answers

    answers = asyncio.run(main())
    assert len({a["question"] for a in answers}) == 1
    assert len(calls) == 2  # once for Ann's eight asks, once for Ben


def test_the_news_feed_holds_the_weeks_events_with_their_sources(make_room):
    room = make_room(turns=3)
    ann = join(room, "Ann")
    _, session = _game(room)
    feed = ann.get("/api/news").json()
    events = [(w.record.turn, e.event) for w in reversed(session.weeks) for e in w.record.events if e.event >= 0]
    assert [i["headline"] for i in feed["items"] if i["kind"] != "promise"] == [
        session.scenario.event(e).headline for _, e in events
    ]
    dated = next(i for i in feed["items"] if i["kind"] == "dated")
    same = [session.scenario.event(e) for _, e in events]
    event = next(ev for ev in same if ev.headline == dated["headline"])
    assert dated["sources"][0] == cite_seed(event.sources[0].seed)
    assert not any(".txt" in s for i in feed["items"] for s in i["sources"])  # cited by title, never by file
    before = len(feed["items"])
    ann.post("/api/ready", json={"ready": True})
    feed = ann.get("/api/news").json()
    assert feed["week"] == session.turn and len(feed["items"]) >= before
    assert feed["moves_week"] == session.weeks[-1].record.turn + 1
    assert feed["moves"] and all(m["change"] for m in feed["moves"])  # Moscow's historical moves, with effects


def test_the_debrief_and_the_report_when_the_crisis_is_over(make_room):
    room = make_room(turns=2)
    ann = join(room, "<script>alert(1)</script>")
    assert ann.get("/api/debrief").status_code == 409
    assert ann.get("/report").status_code == 409
    while not room.sessions[_game(room)[0]].is_over:
        assert ann.post("/api/ready", json={"ready": True}).status_code == 200
    _, session = _game(room)
    debrief = ann.get("/api/debrief").json()
    tier, score = standing(session.rules, session.state)
    history = history_session(session)
    h_tier, h_score = standing(history.rules, history.state)
    assert (debrief["tier"], debrief["score"]) == (tier, round(score, 1))
    assert (debrief["history"]["tier"], debrief["history"]["score"]) == (h_tier, round(h_score, 1))
    assert debrief["players"] == "<script>alert(1)</script> (9B)"
    assert len(debrief["countries"]) == session.rules.n_countries
    assert debrief["countries"][0]["end"] == round(float(session.state.alignment[0].max()), 1)
    assert debrief["movers"] and all(m["biggest"] for m in debrief["movers"])
    report = ann.get("/report")
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/html")
    assert "script-src" not in report.headers["content-security-policy"]  # no script at all: default-src 'none'
    assert "default-src 'none'" in report.headers["content-security-policy"]
    assert "<script>alert" not in report.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in report.text
    assert "After-action report" in report.text
    assert ann.get("/api/staff").status_code == 409  # nothing left to advise on


def test_each_side_of_a_two_sided_game_asks_its_own_staff(make_room):
    room = make_room(turns=2, two_sided=True)
    ann = join(room, "Ann")
    ben = join(room, "Ben", "10.0.0.2")
    desktop = Session(room.scenario, room.row.seed, settings=room.settings)
    for client, side in ((ann, desktop.player), (ben, desktop.rival)):
        advice = _ask(client)
        expected = advise(**advice_arguments(desktop, side, desktop.pending_for(side)))
        assert [s["words"] for s in advice["suggestions"]] == [desktop.describe(a.order) for a in expected]
        assert advice["side"] == desktop.rules.labels.actors[side]
        assert _take(client, advice, 0).status_code == 200
        desktop.add(expected[0].order, from_staff=True)  # the hot seat's active side: Washington, then Moscow
        if side == desktop.player:
            desktop.submit()
    _, session = _game(room)
    assert session.staff_used == desktop.staff_used == {desktop.player: 1, desktop.rival: 1}
    assert (
        staff_use(session)
        == staff_use(desktop)
        == ("Washington took 1 order from the staff; Moscow took 1 order from the staff")
    )
    # Each staff answers for its own side's orders only (Washington's stay secret from Moscow's staff).
    assert _ask(ben)["after"] == _ask(ann)["after"] == "after your 1 order"
