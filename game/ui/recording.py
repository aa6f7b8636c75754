"""Every game the desktop game plays writes its replay into the player's data folder, ``replays/``.

The file (``game.classroom.replay``: the game's recipe - scenario and digest, seed, settings, every order
sheet - plus its result once the crisis is over) is named after the scenario and the date and time the game
started, e.g. ``flood_the_zone-20240305-103000.json``, so that a student finds theirs to hand in.  It is
written atomically after every week (with the autosave) and for the last time when the crisis is over.

A game continued from a save goes on writing the replay it started, when that file is still there: the
newest replay of the same scenario, seed and settings whose weeks are the first weeks of the game.  Nothing
here imports pygame.
"""

from __future__ import annotations

from pathlib import Path

from game.classroom.replay import REPLAY_KIND, ReplayRecorder
from game.files import read_json, replays_dir
from game.session import MAX_SAVE_BYTES, Session, scenario_digest

LOOK_AT = 60  # the newest replays looked at for a continued game (a class's folder can hold hundreds)


def recorder_for(session: Session, continued: bool = False) -> ReplayRecorder:
    """The recorder of a new game (a new file), or of a continued one (its replay file, when found)."""
    path = find_replay(session) if continued else None
    return ReplayRecorder(session, path)


def played(session: Session) -> bool:
    """Has a person played a week yet?  (The weeks before a shorter game's start are history's, not theirs.)"""
    return session.is_over or any(not week.prelude for week in session.weeks)


def find_replay(session: Session) -> Path | None:
    """The replay file this game was being written to, if it is still in the folder."""
    folder = replays_dir()
    try:
        files = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)[:LOOK_AT]
    except OSError:
        return None
    mine = session.to_dict()
    digest = scenario_digest(session.scenario)
    for path in files:
        try:
            data = read_json(path, MAX_SAVE_BYTES, "replay")
        except ValueError:
            continue
        if not isinstance(data, dict) or data.get("kind") != REPLAY_KIND:
            continue
        same_game = (
            data.get("scenario") == mine["scenario"]
            and data.get("scenario_digest") == digest
            and data.get("seed") == mine["seed"]
            and data.get("settings") == mine["settings"]
            and data.get("rival_policy") == mine["rival_policy"]
        )
        # Players' names may be typed later (at a hand-over): the orders, not the names, say it is this game.
        weeks = data.get("weeks")
        if same_game and isinstance(weeks, list) and weeks and weeks == mine["weeks"][: len(weeks)]:
            return path
    return None
