"""The end of a class: its results for the teacher, made by the code of ``python -m game report --class``.

When the class has ended, every game is written out as the replay the desktop game writes
(``game.classroom.replay.replay_data``, built on ``Session.to_dict``) and graded by
``game.classroom.classfolder.class_results`` - the same grading and pages as ``make_class_folder``, from
memory instead of a folder - so the class view, the gradebook and each report served here are, byte for
byte, what ``report --class`` makes from the replays served beside them.  A zip holds all of it to keep.

Two students of a class may share a name; the offline tool would take the second "Ann" for the first one's
game handed in twice, so a name already taken in the class is written into the replays as "Ann (2)".

An ended class changes no more, so the results are made once (in a worker thread, the first time the teacher
asks) and kept, in memory and as a zip beside the class database (an ended class is not picked up again).
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from game.classroom.classfolder import CSV_NAME, PAGE_NAME, ClassResults, class_results, safe_file_name
from game.classroom.classview import Entry
from game.classroom.replay import replay_data
from game.files import atomic_write
from game.session import NAME_LIMIT, clean_name

from .room import ApiError, ClassRoom

REPLAYS_NAME = "replays"
ZIP_NAME = "results.zip"
KEPT_FOLDER = "class-results"  # beside the class database: where the zip of every ended class is kept
ZIP_DATE = (2000, 1, 1, 0, 0, 0)  # every member's date: the same results make the same zip


def results_pass(teacher_key: str) -> str:
    """The value of the results cookie: derived from the teacher's key (so a restart keeps it good) without
    giving the key away."""
    return hmac.new(teacher_key.encode("utf-8"), b"flood-the-zone class results", hashlib.sha256).hexdigest()


@dataclass
class GameFile:
    """One game of the class as a replay file: its game id, the file's name in ``replays/`` and its JSON."""

    game: int
    name: str
    data: dict
    players: list[dict]  # {"side": "Washington", "name": "Ann" or None (nobody joined)}


@dataclass
class Results:
    """What the teacher gets: every file by its path in the folder (``class.html``, ``class.csv``,
    ``reports/...``, ``replays/...``), the zip of them all, and a summary for the teacher's page."""

    folder: str  # the zip's top folder ("9B results")
    files: dict[str, bytes] = field(default_factory=dict)
    zip: bytes = b""
    index: dict = field(default_factory=dict)


def _unique_names(games: list[tuple[int, dict]]) -> None:
    """A name (or pair of names) already taken in the class gets " (2)", " (3)": each replay names its own
    players, and no game is taken for another's copy."""
    taken: set[tuple[str, ...]] = set()
    for _game, data in games:
        players = data.get("players") or {}
        sides = list(players)
        key = tuple(" ".join(clean_name(players[s]).split()).casefold() for s in sides)
        if not sides or not any(key):
            continue
        n = 1
        first = clean_name(players[sides[0]])
        while key in taken:
            n += 1
            suffix = f" ({n})"
            renamed = first[: NAME_LIMIT - len(suffix)].rstrip() + suffix
            key = (renamed.casefold(), *key[1:])
            players[sides[0]] = renamed
        taken.add(key)


def game_files(room: ClassRoom) -> list[GameFile]:
    """Every game of the class as the replay the desktop game writes (resolved weeks only: a week left
    unfinished when the class ended was never played), named after its players and its game."""
    with room.lock:
        games = [(game_id, replay_data(session)) for game_id, session in sorted(room.sessions.items())]
        for game_id, data in games:
            # Which game of the class it was: also keeps two students' games two files when they hold the same
            # orders under names that name nobody ("!!!"), which the grading would count once.
            data["class_game"] = game_id
        rules = room.scenario.rules
        humans = {game_id: list(session.humans) for game_id, session in room.sessions.items()}
    _unique_names(games)
    taken: set[str] = set()
    out = []
    for game_id, data in games:
        players = [
            {"side": rules.labels.actors[a], "name": data["players"].get(rules.actors[a])} for a in humans[game_id]
        ]
        who = " - ".join(p["name"] for p in players if p["name"]) or "nobody"
        name = safe_file_name(f"{who} (game {game_id})", taken, ".json")
        out.append(GameFile(game_id, name, data, players))
    return out


def make_results(room: ClassRoom) -> Results:
    """Grade the class's games and make every page, the gradebook, the replays and the zip."""
    games = game_files(room)
    paths = {g.game: Path(REPLAYS_NAME) / g.name for g in games}
    made: ClassResults = class_results([(paths[g.game], g.data) for g in games], room.scenario)
    folder = safe_file_name(f"{room.row.name} results", set(), "")
    results = Results(folder=folder, files=dict(made.files))
    for g in games:
        text = json.dumps(g.data, indent=1, ensure_ascii=False)  # as ``write_replay`` writes it
        results.files[f"{REPLAYS_NAME}/{g.name}"] = text.encode("utf-8")
    results.zip = _zip(folder, results.files)
    results.index = _index(room, games, paths, made)
    return results


def _zip(folder: str, files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files, key=lambda n: (n.count("/"), n)):
            info = zipfile.ZipInfo(f"{folder}/{name}", ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return out.getvalue()


def _index(room: ClassRoom, games: list[GameFile], paths: dict[int, Path], made: ClassResults) -> dict:
    """The results as the teacher's page lists them: each game with its players, its result (or why it is
    not graded), its report and its replay."""
    view = made.view
    entries: dict[Path, Entry] = {e.path: e for e in view.entries} if view else {}
    left_out = {lo.path: lo for lo in made.left_out}
    rows = []
    for g in games:
        path = paths[g.game]
        e = entries.get(path)
        lo = left_out.get(path)
        if e is None and lo is not None:
            e = lo.entry
        rows.append(
            {
                "game": g.game,
                "players": g.players,
                "graded": path in entries,
                "left_out": lo.reason if lo is not None else None,
                "finished": e.finished if e else None,
                "weeks_played": e.weeks_played if e else None,
                "score": round(e.score, 1) if e else None,
                "outcome": e.outcome if e else None,
                "rank": e.rank if e else None,
                "winner": e.winner if e else None,
                "flags": e.flags if e else [],
                "report": made.reports.get(path),
                "replay": f"{REPLAYS_NAME}/{g.name}",
            }
        )
    graded = len(entries)
    finished = sum(1 for e in entries.values() if e.finished)
    if not games:
        summary = "Nobody joined this class: there is no game to report on."
    elif view is None:
        summary = f"No game could be graded: {made.error}"
    else:
        summary = (
            f"{graded} of {len(games)} {'game' if len(games) == 1 else 'games'} graded, {finished} finished"
            + (f", {len(made.left_out)} left out" if made.left_out else "")
            + (
                "; unfinished games are not ranked (their result is where the crisis stood)"
                if finished < graded
                else ""
            )
            + "."
        )
    return {
        "summary": summary,
        "notes": list(made.notes),
        "graded": graded,
        "class_view": PAGE_NAME if view else None,
        "gradebook": CSV_NAME if view else None,
        "zip": ZIP_NAME,
        "zip_name": f"{_download_name(room.row.name)} results.zip",
        # The weeks the students play (a shortened crisis starts late: history played the first ones).
        "weeks": room.scenario.rules.n_turns - room.settings.first_turn(room.scenario.rules.n_turns),
        "games": rows,
    }


def _download_name(name: str) -> str:
    return safe_file_name(name, set(), "")


class ResultsCache:
    """The class's results, made once when first asked for after the class has ended (the class changes no
    more) and kept; two requests at once wait for the one making them."""

    def __init__(self, room: ClassRoom):
        self.room = room
        self._lock = threading.Lock()
        self._results: Results | None = None

    def get(self) -> Results:
        if self.room.row.status != "ended":
            raise ApiError(409, "the results are made when the class ends (End the class)", "status")
        with self._lock:
            if self._results is None:
                results = make_results(self.room)
                results.index.update(keep_copy(self.room, results))
                self._results = results
            return self._results


def keep_copy(room: ClassRoom, results: Results) -> dict:
    """The zip written beside the class database as well: an ended class is not picked up again by ``host``, so
    a teacher who closes the laptop before downloading still has the results.  A copy that cannot be written
    is said on the page, and the results are served all the same."""
    if not results.files:
        return {"kept": None, "kept_problem": None}  # nobody joined: nothing to keep
    path = room.store.path.parent / KEPT_FOLDER / f"{results.folder} (class {room.row.id}).zip"
    try:
        atomic_write(path, results.zip)
    except OSError as exc:
        return {"kept": None, "kept_problem": f"no copy could be kept on this computer ({exc.strerror or exc})"}
    return {"kept": str(path), "kept_problem": None}
