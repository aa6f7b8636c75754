"""Handing a game in: the finished game's replay copied into a folder the student picks (a USB stick, a shared
drive), under a name the teacher can sort by, e.g. ``Chloé Martin - 9B - Flood the Zone - FTZ-081-0Y8-015.json``.

The file is the game's replay (``replay.replay_data``: what the class view and the reports read), written
whole or not at all and never over another file (``files.write_new_file``: a second hand-in of the same name
becomes ``... (2).json``).  What the name is made of went through ``session.clean_name`` when it was typed,
and the name as a whole through ``files.safe_file_name``: a student called ``CON``, ``a/b`` or ``=cmd``
hands in a file every system can hold.

Only a finished game can be handed in.  A class view compares results played with the same dice to the same
end; the score of a game stopped in week 5 is what the crisis would give if it resolved then, not a result,
and ranked beside finished games it would mislead.  A student who runs out of time saves the game (it goes
on next lesson) and hands it in once it is over.  The tutorial is practice and is not handed in either.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from game.files import OneLineError, write_new_file
from game.session import Session

from .codes import CodeError, code_for
from .replay import replay_data


class HandInError(OneLineError):
    """A game that cannot be handed in (not over, the tutorial, no player's name); the words say why."""


def players_line(session: Session) -> str:
    """Who played, for a file name or a heading: "Chloé Martin", or both sides' names joined with " & "."""
    names = [session.names[a] for a in session.humans if session.names.get(a)]
    return " & ".join(names)


def hand_in_stem(session: Session) -> str:
    """The hand-in file's name without ``.json``: the player, the class (when given), the scenario's title and
    the game code (or the seed, for a game no code holds)."""
    title = session.scenario.doc.title or session.scenario.id
    try:
        code = code_for(session)
    except CodeError:
        code = f"seed {session.seed}"
    parts = [players_line(session) or "Unnamed player", session.class_name, title, code]
    return " - ".join(p for p in parts if p)


def hand_in_refusal(session: Session) -> str:
    """Why ``session`` cannot be handed in ("" when it can)."""
    if session.scenario.tutorial and not session.two_sided:
        return "the tutorial is practice: play a crisis to hand one in"
    if not session.is_over:
        return (
            f"the game is in week {session.turn + 1} of {session.rules.n_turns}: only a finished game can be "
            "handed in (save it and finish it later)"
        )
    if not players_line(session):
        return "this game has no player's name (it was saved before the game asked for one)"
    return ""


def hand_in(session: Session, folder: str | os.PathLike, now: dt.datetime | None = None) -> Path:
    """Write the game's replay into ``folder``; returns the file written.  Raises HandInError for a game that
    cannot be handed in and OSError for a folder that refuses the file (missing, read-only, full)."""
    why = hand_in_refusal(session)
    if why:
        raise HandInError(why)
    data = replay_data(session, now or dt.datetime.now())
    text = json.dumps(data, indent=1, ensure_ascii=False)
    return write_new_file(Path(folder), hand_in_stem(session), ".json", text.encode("utf-8"))
