"""The class server's database: classes, games, seats, resolved weeks and pending orders in one SQLite file.

A game is kept as its recipe - the class's scenario, seed and settings, then every resolved week's sheets and
each human side's pending orders and readiness - and rebuilt by replaying it (:mod:`game.server.room`), so the
database can hold no state the rules could not produce.  Every change is one transaction; a week's
resolution stores the week and clears the pending orders together, so a crash between the two cannot lose a
submitted week or play it twice.  Standard library only.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS classes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    code TEXT NOT NULL,
    teacher_key TEXT NOT NULL,
    scenario TEXT NOT NULL,
    scenario_path TEXT,
    scenario_digest TEXT NOT NULL,
    seed INTEGER NOT NULL,
    settings TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paused', 'ended')),
    deadline REAL,
    timer_weeks TEXT,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS games (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id),
    seed INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS seats (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id),
    game_id INTEGER NOT NULL REFERENCES games(id),
    side TEXT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    joined REAL NOT NULL,
    UNIQUE (game_id, side)
);
CREATE TABLE IF NOT EXISTS weeks (
    game_id INTEGER NOT NULL REFERENCES games(id),
    week INTEGER NOT NULL,
    sheets TEXT NOT NULL,
    PRIMARY KEY (game_id, week)
);
CREATE TABLE IF NOT EXISTS pending (
    game_id INTEGER NOT NULL REFERENCES games(id),
    side TEXT NOT NULL,
    orders TEXT NOT NULL,
    ready INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (game_id, side)
);
CREATE TABLE IF NOT EXISTS plans (
    game_id INTEGER PRIMARY KEY REFERENCES games(id),
    plan TEXT NOT NULL
);
"""


class StoreError(Exception):
    """The database cannot be opened or is not the class server's; the message is one line."""


@dataclass(frozen=True)
class ClassRow:
    id: int
    name: str
    code: str
    teacher_key: str
    scenario: str
    scenario_path: str | None
    scenario_digest: str
    seed: int
    settings: dict
    status: str
    deadline: float | None
    timer_weeks: dict[int, int]  # the week each game was in when the timer was set: the weeks it ends


@dataclass(frozen=True)
class SeatRow:
    id: int
    game_id: int
    side: str
    name: str
    token_hash: str


class Store:
    """One SQLite file.  ``check_same_thread=False`` because uvicorn and the test client call from other
    threads than the one that opened it; the room's lock makes every use one at a time."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, check_same_thread=False, timeout=10)
            self.db.row_factory = sqlite3.Row
            # WAL: readers never wait for the writer; FULL: a committed week survives a power cut.
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("PRAGMA foreign_keys=ON")
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path}: made by a newer version of the game (schema {version})")
            with self.db:
                self.db.executescript(SCHEMA)
                self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot use the class database ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the class database ({exc.strerror or exc})") from None

    def close(self) -> None:
        self.db.close()

    # ------------------------------------------------------------------------------------------ classes

    def open_class_named(self, name: str) -> ClassRow | None:
        """The newest class of this name that has not ended."""
        row = self.db.execute(
            "SELECT * FROM classes WHERE name = ? AND status != 'ended' ORDER BY id DESC LIMIT 1", (name,)
        ).fetchone()
        return _class(row) if row else None

    def class_row(self, class_id: int) -> ClassRow:
        return _class(self.db.execute("SELECT * FROM classes WHERE id = ?", (class_id,)).fetchone())

    def create_class(
        self,
        *,
        name: str,
        code: str,
        teacher_key: str,
        scenario: str,
        scenario_path: str | None,
        scenario_digest: str,
        seed: int,
        settings: dict,
    ) -> ClassRow:
        with self.db:
            cursor = self.db.execute(
                "INSERT INTO classes (name, code, teacher_key, scenario, scenario_path, scenario_digest, seed,"
                " settings, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (name, code, teacher_key, scenario, scenario_path, scenario_digest, seed, json.dumps(settings),
                 time.time()),
            )  # fmt: skip
        return self.class_row(cursor.lastrowid)

    def set_status(self, class_id: int, status: str) -> None:
        with self.db:
            self.db.execute("UPDATE classes SET status = ? WHERE id = ?", (status, class_id))

    def set_deadline(self, class_id: int, deadline: float | None, weeks: dict[int, int] | None = None) -> None:
        weeks_text = json.dumps({str(g): w for g, w in (weeks or {}).items()}) if deadline is not None else None
        with self.db:
            self.db.execute(
                "UPDATE classes SET deadline = ?, timer_weeks = ? WHERE id = ?", (deadline, weeks_text, class_id)
            )

    # ------------------------------------------------------------------------------------ games, seats

    def games(self, class_id: int) -> list[tuple[int, int]]:
        """(game id, seed) of every game of the class, oldest first."""
        rows = self.db.execute("SELECT id, seed FROM games WHERE class_id = ? ORDER BY id", (class_id,))
        return [(r["id"], r["seed"]) for r in rows]

    def seats(self, class_id: int) -> list[SeatRow]:
        rows = self.db.execute("SELECT * FROM seats WHERE class_id = ? ORDER BY id", (class_id,))
        return [_seat(r) for r in rows]

    def seat_by_token(self, token_hash: str) -> SeatRow | None:
        row = self.db.execute("SELECT * FROM seats WHERE token_hash = ?", (token_hash,)).fetchone()
        return _seat(row) if row else None

    def add_seat(
        self, class_id: int, game_id: int | None, seed: int, side: str, name: str, token_hash: str, game: dict
    ) -> SeatRow:
        """A seat, in a new game when ``game_id`` is None (then ``game`` is its recipe so far: the weeks the
        game's prelude played and each human side's empty sheet, stored in the same transaction)."""
        with self.db:
            if game_id is None:
                game_id = self.db.execute(
                    "INSERT INTO games (class_id, seed) VALUES (?, ?)", (class_id, seed)
                ).lastrowid
                self._write_game(game_id, game)
            cursor = self.db.execute(
                "INSERT INTO seats (class_id, game_id, side, name, token_hash, joined) VALUES (?, ?, ?, ?, ?, ?)",
                (class_id, game_id, side, name, token_hash, time.time()),
            )
        return _seat(self.db.execute("SELECT * FROM seats WHERE id = ?", (cursor.lastrowid,)).fetchone())

    # ----------------------------------------------------------------------------- weeks and pending

    def game_recipe(self, game_id: int) -> dict:
        """``{"weeks": [sheets...], "pending": {side: (orders, ready)}}`` as stored."""
        weeks = [
            json.loads(r["sheets"])
            for r in self.db.execute("SELECT sheets FROM weeks WHERE game_id = ? ORDER BY week", (game_id,))
        ]
        pending = {
            r["side"]: (json.loads(r["orders"]), bool(r["ready"]))
            for r in self.db.execute("SELECT side, orders, ready FROM pending WHERE game_id = ?", (game_id,))
        }
        plan = self.db.execute("SELECT plan FROM plans WHERE game_id = ?", (game_id,)).fetchone()
        return {"weeks": weeks, "pending": pending, "plan": json.loads(plan["plan"]) if plan else {}}

    def save_game(self, game_id: int, game: dict) -> None:
        """Store a game's weeks not stored yet and replace its pending sheets, in one transaction."""
        with self.db:
            self._write_game(game_id, game)

    def _write_game(self, game_id: int, game: dict) -> None:
        stored = self.db.execute("SELECT COUNT(*) FROM weeks WHERE game_id = ?", (game_id,)).fetchone()[0]
        for week, sheets in enumerate(game["weeks"]):
            if week >= stored:
                self.db.execute(
                    "INSERT INTO weeks (game_id, week, sheets) VALUES (?, ?, ?)", (game_id, week, json.dumps(sheets))
                )
        self.db.execute("DELETE FROM pending WHERE game_id = ?", (game_id,))
        for side, (orders, ready) in game["pending"].items():
            self.db.execute(
                "INSERT INTO pending (game_id, side, orders, ready) VALUES (?, ?, ?, ?)",
                (game_id, side, json.dumps(orders), int(ready)),
            )
        # The deputies' standing instructions and which pending orders are their calls (the save format's
        # "standing" and "pending_standing"); a new table, so a database from before it opens as it was.
        self.db.execute("DELETE FROM plans WHERE game_id = ?", (game_id,))
        if game.get("plan"):
            self.db.execute("INSERT INTO plans (game_id, plan) VALUES (?, ?)", (game_id, json.dumps(game["plan"])))


def _class(row: sqlite3.Row) -> ClassRow:
    return ClassRow(
        id=row["id"],
        name=row["name"],
        code=row["code"],
        teacher_key=row["teacher_key"],
        scenario=row["scenario"],
        scenario_path=row["scenario_path"],
        scenario_digest=row["scenario_digest"],
        seed=row["seed"],
        settings=json.loads(row["settings"]),
        status=row["status"],
        deadline=row["deadline"],
        timer_weeks={int(g): w for g, w in json.loads(row["timer_weeks"] or "{}").items()},
    )


def _seat(row: sqlite3.Row) -> SeatRow:
    return SeatRow(row["id"], row["game_id"], row["side"], row["name"], row["token_hash"])
