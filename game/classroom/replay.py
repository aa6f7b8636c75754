"""Replays: every game's recipe written to the player's data folder, opened again and stepped through.

A replay is a save (``game.session``: scenario id and digest, seed, settings, every order sheet) of a game,
written as it goes, plus a few fields for people and for the class view (``kind``, ``written``, ``result``).
Opening a replay replays the sheets through the engine, so every state, sheet and "why it moved" record of
every week is available again - exactly, because the engine is deterministic.

For the desktop game::

    recorder = ReplayRecorder(session)      # at the start of a game: picks replays/<scenario>-<time>.json
    problem = recorder.write()              # after every week (and at the end): atomic; None or one line

    replay = open_replay(path)              # ReplayError (one line) for a bad file
    for frame in replay.frames:             # one per week played: the stepper's pages
        frame.state_before, frame.sheets[actor], frame.record, frame.score_after, frame.prelude
    replay.session_at(k)                    # a Session after k weeks (for the map and dossiers at that week)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.engine import Sheet, State, TurnRecord
from game.files import JsonFileError, OneLineError, atomic_write, read_json, replays_dir
from game.scenario import Scenario
from game.session import MAX_SAVE_BYTES, SAVE_FORMAT, SaveError, Session, scenario_digest

from .codes import CodeError, code_for
from .play import result_summary, score_history

REPLAY_KIND = "replay"


class ReplayError(OneLineError):
    """A replay that cannot be opened; the message is one line naming the file and the reason."""


def replay_data(session: Session, written: dt.datetime | None = None) -> dict:
    """The JSON of a replay: the session's save, with the result once the crisis is over.  Only resolved weeks:
    the orders being given (a side's pending sheet, which side has handed over) are left out."""
    data = session.to_dict()
    # A replay is written at every autosave, also in the middle of a week; pending orders there would show a
    # hot-seat side's hidden orders to anyone opening the file, and a week that never happened in the viewer.
    data["pending"], data["pending_rival"], data["submitted"] = [], [], []
    # The sheets played are the record; standing instructions only wrote them (and a hot-seat side's are secret).
    data["standing"], data["pending_standing"] = [], {}
    data["kind"] = REPLAY_KIND
    if written is not None:
        data["written"] = written.isoformat(timespec="seconds")
    if session.is_over:
        summary = result_summary(session)
        data["result"] = {"outcome": summary["outcome"], "score": summary["score"], "code": summary["code"]}
    return data


def write_replay(session: Session, path: str | os.PathLike, written: dt.datetime | None = None) -> Path:
    """Write a replay atomically (a half-written replay never replaces a good one)."""
    text = json.dumps(replay_data(session, written), indent=1, ensure_ascii=False)
    return atomic_write(path, text.encode("utf-8"))


def _slug(text: str) -> str:
    # Letters of any script stay ("chloé-martin", "李雷"): a student finds the file by their name.
    return re.sub(r"[\W_]+", "-", text.lower()).strip("-")[:40] or "game"


def default_replay_path(session: Session, when: dt.datetime) -> Path:
    """``replays/<scenario>-<YYYYmmdd-HHMMSS>[-<player>].json`` in the data folder (a number added if taken)."""
    name = "-".join(
        [_slug(session.scenario.id), when.strftime("%Y%m%d-%H%M%S")]
        + ([_slug(session.names[session.player])] if session.player in session.names else [])
    )
    folder = replays_dir()
    path = folder / f"{name}.json"
    n = 2
    while path.exists():
        path = folder / f"{name}-{n}.json"
        n += 1
    return path


class ReplayRecorder:
    """Keeps one game's replay file up to date.  ``write`` never raises: a read-only or full disk must not stop
    the game, so it returns a one-line problem for the window to show (None when written)."""

    def __init__(self, session: Session, path: str | os.PathLike | None = None, now: dt.datetime | None = None):
        self.session = session
        self.started = now or dt.datetime.now()
        self._path = Path(path) if path is not None else None

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = default_replay_path(self.session, self.started)
        return self._path

    def write(self) -> str | None:
        try:
            write_replay(self.session, self.path, dt.datetime.now())
        except OSError as exc:
            return f"cannot write the replay {self.path}: {exc.strerror or exc}"
        return None


# -------------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Frame:
    """One week of a replay, for the stepper."""

    index: int  # 0-based week
    label: str  # "week of 29 November 2021"
    prelude: bool  # played by the historical playbooks before the players took over
    state_before: State
    state_after: State
    sheets: dict[int, Sheet]  # by actor
    record: TurnRecord
    score_before: float
    score_after: float

    @property
    def number(self) -> int:
        return self.index + 1


class Replay:
    """A finished or unfinished game opened from its replay (or save) file."""

    def __init__(self, session: Session, path: Path | None = None, data: dict | None = None):
        self.session = session
        self.path = path
        self.data = data or {}
        scores = score_history(session)
        self.frames: tuple[Frame, ...] = tuple(
            Frame(
                index=i,
                label=session.scenario.week_label(i),
                prelude=week.prelude,
                state_before=week.state_before,
                state_after=session.weeks[i + 1].state_before if i + 1 < len(session.weeks) else session.state,
                sheets={sheet.actor: sheet for sheet in week.sheets},
                record=week.record,
                score_before=float(scores[i]),
                score_after=float(scores[i + 1]),
            )
            for i, week in enumerate(session.weeks)
        )

    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    @property
    def finished(self) -> bool:
        return self.session.is_over

    @property
    def code(self) -> str | None:
        try:
            return code_for(self.session)
        except CodeError:
            return None

    @property
    def name(self) -> str:
        """Who played (the names in the file, else the file's name)."""
        names = [self.session.names[a] for a in self.session.humans if a in self.session.names]
        if names:
            return " / ".join(names)
        return self.path.stem if self.path else "game"

    def __len__(self) -> int:
        return len(self.frames)

    def frame(self, index: int) -> Frame:
        return self.frames[index]

    def session_at(self, weeks: int) -> Session:
        """A new Session holding the first ``weeks`` weeks of this game (0: before the first week)."""
        if not 0 <= weeks <= len(self.session.weeks):
            raise IndexError(f"the replay has {len(self.session.weeks)} weeks, not {weeks}")
        s = self.session
        copy = Session(s.base_scenario, s.seed, s.rival_policy, settings=s.settings, play_prelude=False)
        copy.names = dict(s.names)
        for week in s.weeks[:weeks]:
            by_actor = {sheet.actor: sheet for sheet in week.sheets}
            for event in week.injects:
                copy.release(event)
            copy._resolve(by_actor.get(s.player, Sheet(s.player)), by_actor.get(s.rival, Sheet(s.rival)))
        return copy

    def history(self) -> np.ndarray:
        return self.session.history()


def open_replay(path: str | os.PathLike, scenario: Scenario | None = None) -> Replay:
    """Open a replay or a save.  Raises ReplayError with one line: no such file, truncated or corrupt JSON,
    not a replay, another version of the scenario, a scenario that is not here, a sheet the rules refuse."""
    path = Path(path)
    return replay_from_data(read_replay_json(path), path, scenario)


def read_replay_json(path: Path, what: str = "replay"):
    """The JSON of a replay, a save or (``what``: the class view's words) a result file, read as a file from
    someone else (``game.files.read_json``: a regular file, the save's size limit, bounded nesting).  Raises
    ReplayError with one line: no such file, not a regular file, too large, unreadable, cut short, corrupt."""
    try:
        return read_json(path, MAX_SAVE_BYTES, what)
    except JsonFileError as exc:
        raise ReplayError(f"{path}: {exc}") from None


def replay_from_data(data, path: Path | None = None, scenario: Scenario | None = None) -> Replay:
    source = str(path) if path else "replay"
    if not isinstance(data, dict) or data.get("format") != SAVE_FORMAT:
        raise ReplayError(f"{source}: not a Flood the Zone replay or save")
    if scenario is not None and data.get("scenario_digest") not in (None, scenario_digest(scenario)):
        raise ReplayError(_version_message(source, data, scenario))
    try:
        session = Session.from_dict(data, source, scenario)
    except SaveError as exc:
        message = str(exc)
        if "has changed since this game was saved" in message:
            from game.session import _scenario_for

            with contextlib.suppress(SaveError):
                message = _version_message(source, data, _scenario_for(data, source))
        raise ReplayError(message) from None
    return Replay(session, path, data)


def _version_message(source: str, data: dict, scenario: Scenario) -> str:
    return (
        f"{source}: made with another version of scenario '{data.get('scenario')}' (fingerprint "
        f"{data.get('scenario_digest')}, this game has {scenario_digest(scenario)}); it cannot be replayed here"
    )


def recomputed_result(data, path: Path, scenarios: dict) -> str:
    """What a replay's game really came to, played again from its orders ("United West 65.3", or "unfinished,
    week 4"): a stored ``result`` is someone's say-so.  ``scenarios`` caches the scenario of each (id, digest)
    between calls.  Raises ReplayError (one line) when the replay cannot be played again."""
    key = (data.get("scenario"), data.get("scenario_digest")) if isinstance(data, dict) else None
    scenario = scenarios.get(key) if key is not None and not isinstance(key[0], (list, dict)) else None
    replay = replay_from_data(data, path, scenario)
    if key is not None and scenario is None:
        with contextlib.suppress(TypeError):
            scenarios[key] = replay.session.scenario
    session = replay.session
    if not session.is_over:
        return f"unfinished, week {len(session.weeks) + 1}"
    summary = result_summary(session)
    return f"{summary['outcome']} {float(summary['score']):.1f}"


def replay_of(session: Session) -> Replay:
    """A Replay of a session in memory (the debrief's report button, the stepper right after a game)."""
    return Replay(session)
