"""``python -m game host``: its errors, the addresses and QR code it prints, a class picked up by its name, and
a real server process that is stopped and started again."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from game.server.host import HostError, addresses, open_class, qr_text
from game.server.store import Store, StoreError
from game.sim.settings import Settings
from tests.conftest import ROOT, run_game


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["host"], "give a SCENARIO or --code CODE"),
        (["host", "--code", "XX"], "is not a game code"),
        (["host", "flood_the_zone", "--port", "0"], "a port is from 1 to 65535"),
        (["host", "flood_the_zone", "--name", ""], "a class's name is 1 to 40"),
        (["host", "--code", "FTZ-081-0Y8-015", "--seed", "3"], "--code carries the seed"),
        (["host", "no_such_scenario"], "no_such_scenario"),
    ],
)
def test_host_refuses_bad_options_in_one_line(tmp_path, args, message):
    done = run_game(*args, env={"FLOOD_THE_ZONE_HOME": str(tmp_path)})
    assert done.returncode in (1, 2)
    assert message in done.stderr and len(done.stderr.strip().splitlines()) <= 2


def test_a_class_of_the_same_name_is_picked_up_and_another_scenario_is_refused(ftz, tmp_path):
    from game.scenario import load_scenario

    store = Store(tmp_path / "db.sqlite")
    first, picked = open_class(store, ftz, None, Settings(), "9B")
    again, picked_again = open_class(store, ftz, 5, Settings(two_sided=True), "9B")
    assert not picked and picked_again
    kept = (again.row.code, again.row.teacher_key, again.row.seed)
    assert kept == (first.row.code, first.row.teacher_key, first.row.seed)
    assert again.settings == Settings()  # the class keeps the settings it started with
    with pytest.raises(HostError, match="is playing 'flood_the_zone'"):
        open_class(store, load_scenario("tutorial"), None, Settings(), "9B")
    other, picked_other = open_class(store, ftz, None, Settings(), "10A")
    assert not picked_other and other.row.code != first.row.code


def test_the_teacher_key_travels_after_the_hash_and_the_qr_code_is_block_text(ftz, tmp_path):
    room, _ = open_class(Store(tmp_path / "db.sqlite"), ftz, 1, Settings(), "9B")
    where = addresses(room, "192.0.2.7", 8000)
    assert where.student == "http://192.0.2.7:8000/"
    assert where.teacher == f"http://192.0.2.7:8000/teacher#key={room.row.teacher_key}"
    qr = qr_text(where.student).splitlines()
    assert len(qr) > 10 and len({len(line) for line in qr if line}) == 1 and set("".join(qr)) <= set(" █▀▄")


def test_a_database_that_is_not_sqlite_is_one_clear_error(tmp_path):
    path = tmp_path / "db.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot use the class database"):
        Store(path)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(tmp_path, port):
    env = dict(os.environ, FLOOD_THE_ZONE_HOME=str(tmp_path), PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "game", "host", "flood_the_zone", "--name", "9B", "--port", str(port), "--seed", "4"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(url: str, seconds: float = 60) -> bytes:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                return answer.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _stop(process) -> str:
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=30)
    return out


def _read_code(process) -> tuple[str, list[str]]:
    """The class code from the lines host prints before it starts serving."""
    # Read up to the last line printed before serving: what is left in the text buffer would be lost to
    # communicate(), which reads the pipe itself.
    lines, code = [], None
    while line := process.stdout.readline():
        lines.append(line)
        found = re.search(r"class code\s+(\w+)", line)
        code = found.group(1) if found else code
        if "stop with Ctrl+C" in line and code:
            return code, lines
    raise AssertionError("host printed no class code:\n" + "".join(lines) + process.stderr.read())


def _call(port: int, path: str, body: bytes | None = None, token: str | None = None) -> dict:
    headers = {"content-type": "application/json"}
    if token:
        headers["x-seat-token"] = token
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


def test_the_host_command_serves_the_class_and_a_restart_picks_it_up(tmp_path):
    port = _free_port()
    process = _start(tmp_path, port)
    try:
        code, lines = _read_code(process)
        page = _wait_for(f"http://127.0.0.1:{port}/")
        token = _call(port, "/api/join", json.dumps({"code": code, "name": "Ann"}).encode())["token"]
        first = _call(port, "/api/dossier/DEU", token=token)
        order = next(o["order"] for o in first["offers"] if o["legal"])
        _call(port, "/api/orders", json.dumps({"order": order}).encode(), token)
    finally:
        out = "".join(lines) + _stop(process)
    assert b"student.js" in page
    assert f"http://127.0.0.1:{port}/" in out and "/teacher#key=" in out and "█" in out
    assert (tmp_path / "class-server.sqlite").is_file()

    process = _start(tmp_path, port)
    try:
        code_again, lines = _read_code(process)
        _wait_for(f"http://127.0.0.1:{port}/")
        state = _call(port, "/api/state", token=token)
    finally:
        out_again = "".join(lines) + _stop(process)
    assert "picked up" in out_again and code_again == code
    assert state["seat"]["name"] == "Ann" and len(state["pending"]) == 1
