"""Which cues a resolved week plays, read from its record (no pygame: the tests check it without a mixer).

A week always ends with ``week_end``; then ``rival`` if Moscow gave orders, ``news`` if a dated event of the
crisis arrived, and last the verdict: ``line_gained`` if a country crossed a commitment line toward the
player's side, ``line_lost`` if one crossed away from it (both, one after the other, in a mixed week).  The
"player's side" is the scenario's player (Washington), also in a two-sided game, whose score is counted for it.
"""

from __future__ import annotations

import numpy as np

from game.engine import State, commitments_of


def lines_crossed(rules, before: State, after: State, actor: int) -> tuple[int, int]:
    """How many (country, commitment) pairs moved to another option toward ``actor``'s side and away from it
    between two states of one game: a higher option needs a higher alignment, i.e. is Washington's way."""
    was = commitments_of(rules, before).level[0]
    now = commitments_of(rules, after).level[0]
    step = np.sign(now - was) * int(rules.actor_sign[actor])
    return int(np.count_nonzero(step > 0)), int(np.count_nonzero(step < 0))


def week_cues(session, index: int = -1) -> tuple[str, ...]:
    """The cues of the session's week ``index`` (the last one by default), in the order they play."""
    weeks = session.weeks
    index %= len(weeks)
    week = weeks[index]
    after = weeks[index + 1].state_before if index + 1 < len(weeks) else session.state
    cues = ["week_end"]
    if any(sheet.actor == session.rival and sheet.orders for sheet in week.sheets):
        cues.append("rival")
    if week.record.events:
        cues.append("news")
    gained, lost = lines_crossed(session.rules, week.state_before, after, session.player)
    if gained:
        cues.append("line_gained")
    if lost:
        cues.append("line_lost")
    return tuple(cues)
