"""``python -m game host``: open (or pick up) a class in the database and serve it with uvicorn.

The command line decides the scenario, seed and settings (a scenario and options, or a game code) and hands
them here; a class of the same name that has not ended is picked up as it was, with its own scenario, seed,
settings, code and teacher key, so a teacher who restarts the laptop reprints the same addresses.

The QR code is drawn by segno (PyPI, pure Python with no dependencies, maintained, about 100 KB): a QR encoder
of our own would be a few hundred lines of Reed-Solomon and mask scoring to test, for one picture.
"""

from __future__ import annotations

import io
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path

from game.files import data_dir
from game.scenario import Scenario
from game.sim.settings import Settings

from .room import ClassRoom, max_team
from .store import Store

DATABASE = "class-server.sqlite"
WS_MAX_SIZE = 4096  # bytes in one websocket message: a hello with a key is under 100


class HostError(Exception):
    """The class cannot be served; the message is one line."""


@dataclass(frozen=True)
class Addresses:
    student: str
    teacher: str


def database_path() -> Path:
    return data_dir() / DATABASE


def open_class(
    store: Store, scenario: Scenario, seed: int | None, settings: Settings, name: str, team: int = 1
) -> tuple[ClassRoom, bool]:
    """(the class, whether it was picked up): the class named ``name`` that has not ended, else a new one
    with teams of ``team`` students per side (a picked-up class keeps its own)."""
    row = store.open_class_named(name)
    if row is not None:
        if row.scenario != scenario.id:
            raise HostError(
                f"class '{name}' is playing '{row.scenario}', not '{scenario.id}': end it on the teacher's page or "
                "choose another --name"
            )
        return ClassRoom(store, row.id, scenario), True
    if not 1 <= team <= max_team(scenario):
        raise HostError(
            f"--team: a side of '{scenario.id}' has at most {max_team(scenario)} seats (the Secretary and its deputies)"
        )
    seed = secrets.randbelow(2**31) if seed is None else seed
    return ClassRoom.create(store, scenario, seed, settings, name, team), False


def lan_address() -> str | None:
    """This machine's address on the local network (what students' browsers reach), found from the host name
    without sending anything; None when there is none but the loopback."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        return None
    for info in infos:
        address = info[4][0]
        if not address.startswith("127."):
            return address
    return None


def addresses(room: ClassRoom, host: str, port: int) -> Addresses:
    base = f"http://{host}:{port}"
    # The key is after '#': the browser keeps it, so it never reaches a server log or another site's Referer.
    return Addresses(student=f"{base}/", teacher=f"{base}/teacher#key={room.row.teacher_key}")


def qr_text(text: str) -> str:
    """A QR code of ``text`` in block characters, two rows of modules per line."""
    import segno

    out = io.StringIO()
    segno.make(text, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def serve(
    scenario: Scenario,
    seed: int | None,
    settings: Settings,
    name: str,
    port: int,
    lan: bool,
    out=None,
    team: int = 1,
) -> int:
    import sys

    import uvicorn

    from .app import create_app

    out = out or sys.stdout
    store = Store(database_path())
    room, picked_up = open_class(store, scenario, seed, settings, name, team)
    listen = "0.0.0.0" if lan else "127.0.0.1"
    shown_host = (lan_address() or "127.0.0.1") if lan else "127.0.0.1"
    where = addresses(room, shown_host, port)
    verb = "picked up" if picked_up else "opened"
    print(f"Class '{room.row.name}' {verb}: {room.scenario.doc.title} ({room.settings.describe()})", file=out)
    if room.team > 1:
        print(f"  teams of up to {room.team} students per side (the Secretary, then deputies)", file=out)
    print(f"  students go to   {where.student}", file=out)
    print(f"  class code       {room.row.code}", file=out)
    print(f"  teacher's page   {where.teacher}   (keep this address to yourself)", file=out)
    if not lan:
        print("  only this computer can join; add --lan to open the class to the school network", file=out)
    print(qr_text(where.student), file=out)
    print(f"The class is kept in {store.path}; stop with Ctrl+C, start again to pick it up.", file=out)
    out.flush()
    app = create_app(room, student_url=where.student)
    # No access log: a student's name never appears in a URL, but the teacher's terminal is for the addresses.
    # A notice-only websocket needs small frames: the default 16 MiB would let one client make the server
    # buffer that much.
    uvicorn.run(
        app,
        host=listen,
        port=port,
        log_level="warning",
        access_log=False,
        ws="websockets",
        ws_max_size=WS_MAX_SIZE,
    )
    return 0
