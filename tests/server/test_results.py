"""The end of a class over HTTP: the class view, the gradebook, every report and replay, and a zip of them, for
the teacher's key only; equal byte for byte to what ``python -m game report --class`` makes from the replays
served; hostile names escaped everywhere; unfinished games marked and not ranked."""

import csv
import io
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from game.server.app import RESULTS_COOKIE

from ..conftest import run_main
from .conftest import client_for, first_legal, join

SCRIPT_NAME = "<script>alert(1)</script>"
FORMULA_NAME = "=cmd|' /C calc'!A0"


def _key(room) -> dict:
    return {"x-teacher-key": room.row.teacher_key}


def _play_weeks(client, weeks: int) -> None:
    for _ in range(weeks):
        client.post("/api/orders", json={"order": first_legal(client)})
        assert client.post("/api/ready", json={"ready": True}).status_code == 200


def _ended_class(make_room):
    """A three-week class: two students finish (a hostile name each), two named Ann (one finishes, one stops
    after a week), and one never plays a week; then the teacher ends it."""
    room = make_room(turns=3)
    students = {}
    for i, name in enumerate([SCRIPT_NAME, FORMULA_NAME, "Ann", "Ann", "Zoë"]):
        students[i] = join(room, name, f"10.0.0.{i + 1}")
    for i in (0, 1, 2):
        _play_weeks(students[i], 3)
    _play_weeks(students[3], 1)
    teacher = client_for(room, "10.0.0.99")
    assert teacher.post("/api/teacher/status", json={"status": "ended"}, headers=_key(room)).status_code == 200
    return room, teacher, students


def _files_of_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        top = {n.split("/", 1)[0] for n in names}
        assert len(top) == 1, names  # one folder, as a teacher unzips it
        return {n.split("/", 1)[1]: archive.read(n) for n in names}


def _url(path: str) -> str:
    return "/teacher/results/" + "/".join(quote(part) for part in path.split("/"))


# ---------------------------------------------------------------------------------------------- the key


def test_every_results_route_needs_the_teachers_key(make_room):
    room, teacher, students = _ended_class(make_room)
    index = teacher.get("/api/teacher/results", headers=_key(room)).json()
    game = index["games"][0]
    routes = ["/api/teacher/results", *(_url(p) for p in ("class.html", "class.csv", game["report"], game["replay"]))]
    routes.append(_url(index["zip"]))
    token = students[0].cookies.get("ftz_seat")
    for route in routes:
        stranger = client_for(room, "10.0.0.50")
        assert stranger.get(route).status_code == 401, route
        assert stranger.get(route, headers={"x-teacher-key": "guess"}).status_code == 401, route
        assert stranger.get(route, headers={"x-teacher-key": token}).status_code == 401, route
        # A student's seat cookie opens nothing here, nor does a made-up results cookie.
        assert students[1].get(route).status_code == 401, route
        stranger.cookies.set(RESULTS_COOKIE, "0" * 64, path="/teacher/results")
        assert stranger.get(route).status_code == 401, route
        assert client_for(room, "10.0.0.51").get(route, headers=_key(room)).status_code == 200, route
    # The index, asked for with the key, gives the browser the cookie that opens the pages and files (and only
    # those: it is not sent to the API, where the header is still needed).
    answer = teacher.get("/api/teacher/results", headers=_key(room))
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/teacher/results" in cookie
    assert room.row.teacher_key not in cookie
    for route in routes[1:]:
        assert teacher.get(route).status_code == 200, route
    assert teacher.get("/api/teacher/results").status_code == 401


def test_the_results_wait_for_the_end_of_the_class(make_room):
    room = make_room(turns=3)
    join(room, "Ann")
    teacher = client_for(room, "10.0.0.99")
    answer = teacher.get("/api/teacher/results", headers=_key(room))
    assert answer.status_code == 409 and "when the class ends" in answer.json()["error"]
    assert teacher.get("/teacher/results/class.html", headers=_key(room)).status_code == 409
    teacher.post("/api/teacher/status", json={"status": "ended"}, headers=_key(room))
    assert teacher.get("/api/teacher/results", headers=_key(room)).status_code == 200


def test_a_file_not_in_the_results_is_not_found(make_room):
    room, teacher, _ = _ended_class(make_room)
    for path in ("nothing.html", "../class.sqlite", "reports/../../class.csv", "replays/", "%2e%2e/x"):
        assert teacher.get("/teacher/results/" + path, headers=_key(room)).status_code == 404, path


# --------------------------------------------------------------------------------------- the same code


def test_the_results_are_what_report_class_makes_from_the_same_replays(make_room, tmp_path, capsys):
    room, teacher, _ = _ended_class(make_room)
    index = teacher.get("/api/teacher/results", headers=_key(room)).json()
    zip_bytes = teacher.get(_url(index["zip"]), headers=_key(room)).content
    zipped = _files_of_zip(zip_bytes)
    # A copy is kept beside the class database: an ended class is not picked up again by ``host``.
    assert Path(index["kept"]).parent == room.store.path.parent / "class-results"
    assert Path(index["kept"]).read_bytes() == zip_bytes
    # Every file the page links to is the zip's, byte for byte.
    served = {"class.html", "class.csv", *(g["report"] for g in index["games"]), *(g["replay"] for g in index["games"])}
    assert set(zipped) == served
    for path in served:
        assert teacher.get(_url(path), headers=_key(room)).content == zipped[path], path
    # The teacher's replays, graded offline as a folder handed in: the same class view, gradebook and reports.
    folder = tmp_path / "handed-in"
    for path, data in zipped.items():
        if path.startswith("replays/"):
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
    out = tmp_path / "offline"
    rc, stdout, err = run_main(capsys, "report", "--class", str(folder / "replays"), "--out", str(out))
    assert rc == 0, err
    offline = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert offline == {p: data for p, data in zipped.items() if not p.startswith("replays/")}
    # Each replay is the desktop game's replay of that game: its weeks, its players, its result.
    for g in index["games"]:
        data = json.loads(zipped[g["replay"]])
        assert data["kind"] == "replay" and data["pending"] == [] and data["class"] == "9B"
        assert data["class_game"] == g["game"]
        session = room.sessions[g["game"]]
        assert len(data["weeks"]) == len(session.weeks)
        assert ("result" in data) == session.is_over


def test_the_gradebook_downloads_as_excel_reads_it(make_room):
    room, teacher, _ = _ended_class(make_room)
    answer = teacher.get("/teacher/results/class.csv", headers=_key(room))
    assert answer.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    assert answer.headers["content-type"].startswith("text/csv")
    assert answer.headers["content-disposition"].startswith("attachment;")
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert len(rows) == 5 and {r["status"] for r in rows} == {"graded"}
    names = [r["name"] for r in rows]
    assert "Zoë" in names and "Ann" in names and "Ann (2)" in names


# ------------------------------------------------------------------------------------------ hostile names


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def test_hostile_names_are_text_in_every_page_and_no_formula_in_the_gradebook(make_room):
    room, teacher, _ = _ended_class(make_room)
    index = teacher.get("/api/teacher/results", headers=_key(room)).json()
    assert [g["players"][0]["name"] for g in index["games"]][:2] == [SCRIPT_NAME, FORMULA_NAME]
    pages = ["class.html", *(g["report"] for g in index["games"])]
    for path in pages:
        answer = teacher.get(_url(path), headers=_key(room))
        text = answer.text
        parser = _Tags()
        parser.feed(text)
        assert "script" not in parser.tags, path
        assert SCRIPT_NAME not in text, path
        # The page's own policy: its inline styles and SVG, no script, nothing fetched, not framed.
        policy = answer.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy and "frame-ancestors 'none'" in policy
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;" in teacher.get("/teacher/results/class.html", headers=_key(room)).text
    )
    rows = list(csv.reader(io.StringIO(teacher.get("/teacher/results/class.csv", headers=_key(room)).text)))
    cells = [cell for row in rows[1:] for cell in row]
    assert "'" + FORMULA_NAME in cells
    # A cell that starts like a formula is a plain number ("+1.5" against history), never text.
    assert all(re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", c) for c in cells if c.startswith(("=", "+", "-", "@")))
    # File names from names: nothing a file system refuses, and the download's name is plain ASCII beside
    # its exact UTF-8 form.
    for g in index["games"]:
        for path in (g["report"], g["replay"]):
            assert not set(path.split("/", 1)[1]) & set('<>:"/\\|?*'), path
            disposition = teacher.get(_url(g["replay"]), headers=_key(room)).headers["content-disposition"]
            disposition.encode("ascii")


def test_two_students_of_the_same_name_each_keep_their_game(make_room):
    room, teacher, _ = _ended_class(make_room)
    index = teacher.get("/api/teacher/results", headers=_key(room)).json()
    anns = [g for g in index["games"] if g["players"][0]["name"].startswith("Ann")]
    assert [g["players"][0]["name"] for g in anns] == ["Ann", "Ann (2)"]
    assert all(g["graded"] and g["left_out"] is None for g in anns)
    assert anns[0]["report"] != anns[1]["report"]


# ------------------------------------------------------------------------------------------ unfinished


def test_unfinished_games_are_marked_and_not_ranked(make_room):
    room, teacher, _ = _ended_class(make_room)
    index = teacher.get("/api/teacher/results", headers=_key(room)).json()
    by_name = {g["players"][0]["name"]: g for g in index["games"]}
    assert by_name["Ann"]["finished"] and by_name["Ann"]["rank"] == 1
    for name, weeks in (("Ann (2)", 1), ("Zoë", 0)):
        g = by_name[name]
        assert not g["finished"] and g["rank"] is None and g["flags"] == ["unfinished"]
        assert g["weeks_played"] == weeks and g["report"]
    assert index["weeks"] == 3 and "3 finished" in index["summary"] and "not ranked" in index["summary"]
    gradebook = teacher.get(_url("class.csv"), headers=_key(room)).content.decode("utf-8-sig")
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(gradebook))}
    assert rows["Zoë"]["finished"] == "no" and rows["Zoë"]["rank"] == "" and rows["Zoë"]["flags"] == "unfinished"
    report = teacher.get(_url(by_name["Ann (2)"]["report"]), headers=_key(room)).text
    assert "This game stopped after week" in report


@pytest.mark.parametrize("students", [0, 1])
def test_a_class_with_nobody_or_a_lone_two_sided_player_still_ends_with_results(make_room, students):
    room = make_room(turns=3, two_sided=True)
    if students:
        ann = join(room, "Ann")
        ann.post("/api/orders", json={"order": first_legal(ann)})
    teacher = client_for(room, "10.0.0.99")
    teacher.post("/api/teacher/status", json={"status": "ended"}, headers=_key(room))
    index = teacher.get("/api/teacher/results", headers=_key(room)).json()
    if not students:
        assert index["games"] == [] and index["class_view"] is None and "Nobody joined" in index["summary"]
        assert teacher.get("/teacher/results/class.html", headers=_key(room)).status_code == 404
        return
    (game,) = index["games"]
    assert game["players"] == [{"side": "Washington", "name": "Ann"}, {"side": "Moscow", "name": None}]
    assert game["graded"] and not game["finished"] and game["weeks_played"] == 0
    # The week Ann was giving orders in when the class ended was never played: it is not in the replay.
    data = json.loads(teacher.get(_url(game["replay"]), headers=_key(room)).content)
    assert data["pending"] == [] and len(data["weeks"]) == len(room.sessions[game["game"]].weeks)


def test_two_students_whose_names_name_nobody_are_two_games_not_one_handed_in_twice(make_room):
    room = make_room(turns=3)
    join(room, "!!!", "10.0.0.1")
    join(room, "???", "10.0.0.2")
    join(room, "!!!", "10.0.0.3")
    teacher = client_for(room, "10.0.0.99")
    teacher.post("/api/teacher/status", json={"status": "ended"}, headers=_key(room))
    index = teacher.get("/api/teacher/results", headers=_key(room)).json()
    assert [g["graded"] for g in index["games"]] == [True, True, True]
    assert len({g["report"] for g in index["games"]}) == 3
