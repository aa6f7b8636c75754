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

SCHEMA_VERSION = 2  # 2: teams (classes.team, seats.role and seats.ready; a side may have several seats)

# A seat plays one role of its side: the Secretary ("secretary": the calls, the trip, the groups, the talks and
# the escalations) or one deputy (the scenario's deputy id: that deputy's call).  One student per side is a
# team of one: the Secretary, who also gives the calls of every deputy nobody else holds.
SEATS_TABLE = """
CREATE TABLE IF NOT EXISTS {name} (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id),
    game_id INTEGER NOT NULL REFERENCES games(id),
    side TEXT NOT NULL,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    joined REAL NOT NULL,
    role TEXT NOT NULL DEFAULT 'secretary',
    ready INTEGER NOT NULL DEFAULT 0,
    UNIQUE (game_id, side, role)
);
"""

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
    created REAL NOT NULL,
    team INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS games (
    id INTEGER PRIMARY KEY,
    class_id INTEGER NOT NULL REFERENCES classes(id),
    seed INTEGER NOT NULL
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
CREATE TABLE IF NOT EXISTS injects (
    class_id INTEGER NOT NULL REFERENCES classes(id),
    inject TEXT NOT NULL,
    released REAL NOT NULL,
    PRIMARY KEY (class_id, inject)
);
CREATE TABLE IF NOT EXISTS game_injects (
    game_id INTEGER NOT NULL REFERENCES games(id),
    inject TEXT NOT NULL,
    week INTEGER NOT NULL,
    PRIMARY KEY (game_id, inject)
);
CREATE TABLE IF NOT EXISTS staff (
    game_id INTEGER NOT NULL REFERENCES games(id),
    side TEXT NOT NULL,
    used INTEGER NOT NULL DEFAULT 0,
    week INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (game_id, side)
);
CREATE TABLE IF NOT EXISTS plans (
    game_id INTEGER PRIMARY KEY REFERENCES games(id),
    plan TEXT NOT NULL
);
""" + SEATS_TABLE.format(name="seats")


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
    team: int = 1  # seats per side at most: the Secretary and team - 1 deputies (fewer where a side has fewer)


@dataclass(frozen=True)
class SeatRow:
    id: int
    game_id: int
    side: str
    name: str
    token_hash: str
    role: str = "secretary"  # "secretary" or the scenario's id of one deputy of the side
    ready: bool = False  # this seat is done with the week (its side is ready when all its seats are)


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
            if version == 1:
                self._migrate_from_1()
            with self.db:
                self.db.executescript(SCHEMA)
                self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot use the class database ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the class database ({exc.strerror or exc})") from None

    def close(self) -> None:
        self.db.close()

    def _migrate_from_1(self) -> None:
        """A class database written before teams, brought up to schema 2 in place, in one transaction: every
        class is one student per side, every seat its side's Secretary, readiness as its side's.  The seats
        table is rebuilt because SQLite cannot drop its old UNIQUE (game_id, side)."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("ALTER TABLE classes ADD COLUMN team INTEGER NOT NULL DEFAULT 1")
            db.execute(SEATS_TABLE.format(name="seats_v2"))
            db.execute(
                "INSERT INTO seats_v2 (id, class_id, game_id, side, name, token_hash, joined, role, ready) "
                "SELECT s.id, s.class_id, s.game_id, s.side, s.name, s.token_hash, s.joined, 'secretary', "
                "COALESCE((SELECT p.ready FROM pending p WHERE p.game_id = s.game_id AND p.side = s.side), 0) "
                "FROM seats s"
            )
            db.execute("DROP TABLE seats")
            db.execute("ALTER TABLE seats_v2 RENAME TO seats")
            db.execute("PRAGMA user_version=2")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

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
        team: int = 1,
    ) -> ClassRow:
        with self.db:
            cursor = self.db.execute(
                "INSERT INTO classes (name, code, teacher_key, scenario, scenario_path, scenario_digest, seed,"
                " settings, created, team) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (name, code, teacher_key, scenario, scenario_path, scenario_digest, seed, json.dumps(settings),
                 time.time(), team),
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
        self,
        class_id: int,
        game_id: int | None,
        seed: int,
        side: str,
        name: str,
        token_hash: str,
        game: dict,
        role: str = "secretary",
    ) -> SeatRow:
        """A seat, in a new game when ``game_id`` is None (then ``game`` is its recipe so far: the weeks the
        game's prelude played and each human side's empty sheet, stored in the same transaction).  Joining a
        team's game may change it (a side that was ready is not, now that it has one more seat): a ``game`` for
        an existing ``game_id`` is written in the same transaction too."""
        with self.db:
            if game_id is None:
                game_id = self.db.execute(
                    "INSERT INTO games (class_id, seed) VALUES (?, ?)", (class_id, seed)
                ).lastrowid
                self._write_game(game_id, game)
            elif game:
                self._write_game(game_id, game)
            cursor = self.db.execute(
                "INSERT INTO seats (class_id, game_id, side, name, token_hash, joined, role)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (class_id, game_id, side, name, token_hash, time.time(), role),
            )
        return _seat(self.db.execute("SELECT * FROM seats WHERE id = ?", (cursor.lastrowid,)).fetchone())

    # ----------------------------------------------------------------------------- weeks and pending

    # ------------------------------------------------------------------------------------------ injects

    def released(self, class_id: int) -> dict[str, float]:
        """The injects the teacher released in the class: id -> when (UNIX time), oldest first."""
        rows = self.db.execute(
            "SELECT inject, released FROM injects WHERE class_id = ? ORDER BY released, inject", (class_id,)
        )
        return {r["inject"]: r["released"] for r in rows}

    def release_inject(self, class_id: int, inject: str, when: float, games: dict[int, dict]) -> None:
        """The teacher released ``inject``: the class's row and every game it goes to (``games``: game id ->
        its recipe, which holds the release) in one transaction."""
        with self.db:
            self.db.execute(
                "INSERT INTO injects (class_id, inject, released) VALUES (?, ?, ?)", (class_id, inject, when)
            )
            for game_id, game in games.items():
                self._write_game(game_id, game)

    # ----------------------------------------------------------------------------- weeks and pending

    def game_recipe(self, game_id: int) -> dict:
        """``{"weeks": [sheets...], "pending": {side: (orders, ready)}, "injects": [{"week", "inject"}],
        "staff": {side: (used, this week)}}`` as
        stored."""
        weeks = [
            json.loads(r["sheets"])
            for r in self.db.execute("SELECT sheets FROM weeks WHERE game_id = ? ORDER BY week", (game_id,))
        ]
        pending = {
            r["side"]: (json.loads(r["orders"]), bool(r["ready"]))
            for r in self.db.execute("SELECT side, orders, ready FROM pending WHERE game_id = ?", (game_id,))
        }
        injects = [
            {"week": r["week"], "inject": r["inject"]}
            for r in self.db.execute(
                "SELECT week, inject FROM game_injects WHERE game_id = ? ORDER BY week, rowid", (game_id,)
            )
        ]
        # The staff suggestions each side took (in all, and this week): a class database written before
        # "Ask your staff" came to the browser has the table empty, and its games count none.
        staff = {
            r["side"]: (r["used"], r["week"])
            for r in self.db.execute("SELECT side, used, week FROM staff WHERE game_id = ?", (game_id,))
        }
        plan = self.db.execute("SELECT plan FROM plans WHERE game_id = ?", (game_id,)).fetchone()
        return {
            "weeks": weeks,
            "pending": pending,
            "injects": injects,
            "staff": staff,
            "plan": json.loads(plan["plan"]) if plan else {},
        }

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
        # An inject released in a game keeps the week it landed in (or will land in): it is never moved.
        for entry in game.get("injects", ()):
            self.db.execute(
                "INSERT OR IGNORE INTO game_injects (game_id, inject, week) VALUES (?, ?, ?)",
                (game_id, entry["inject"], entry["week"]),
            )
        self.db.execute("DELETE FROM pending WHERE game_id = ?", (game_id,))
        for side, (orders, ready) in game["pending"].items():
            self.db.execute(
                "INSERT INTO pending (game_id, side, orders, ready) VALUES (?, ?, ?, ?)",
                (game_id, side, json.dumps(orders), int(ready)),
            )
        if "staff" in game:
            self.db.execute("DELETE FROM staff WHERE game_id = ?", (game_id,))
            for side, (used, week) in game["staff"].items():
                self.db.execute(
                    "INSERT INTO staff (game_id, side, used, week) VALUES (?, ?, ?, ?)", (game_id, side, used, week)
                )
        # Each seat's readiness (teams): written with the pending sheets, so a resolved week clears both at once.
        for seat_id, ready in game.get("seats_ready", {}).items():
            self.db.execute("UPDATE seats SET ready = ? WHERE id = ? AND game_id = ?", (int(ready), seat_id, game_id))
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
        team=row["team"],
    )


def _seat(row: sqlite3.Row) -> SeatRow:
    return SeatRow(
        row["id"], row["game_id"], row["side"], row["name"], row["token_hash"], row["role"], bool(row["ready"])
    )
