"""The end of a student's game in the browser: the debrief the desktop shows when the crisis resolves
(``game/ui/screens/debrief.py``) and the after-action report (``game.classroom.report``), both from the
classroom floor's code - the score and tier from ``game.engine.standing``, the yardstick from
``classroom.play.history_session``, the commitments from ``classroom.html.rung_values``, the words from
``classroom.words`` - so the browser, the window and the printed report cannot disagree.

The yardstick game (the historical playbook on the same dice) is played once per game and kept: a finished game
never changes.  Everything is plain text for the page's ``textContent``; the report is the printable page itself.
"""

from __future__ import annotations

import json
import math
import threading

from game.classroom.html import rung_values
from game.classroom.play import history_session, score_history
from game.classroom.promise_words import tally_text
from game.classroom.report import render_report, who_won
from game.classroom.words import (
    bloc_lines,
    is_vote,
    move_lines,
    open_rungs,
    option_word,
    players_words,
    rung_open,
    signed,
    staff_use,
)
from game.dates import day_text
from game.engine import commitments_of, standing
from game.session import Session

from .room import ApiError, ClassRoom, Seat

MOVERS = 8  # the countries whose end position moved most, with why (the report's decision log has every week)
CAUSES = 4  # the biggest causes named for each

TAG_WORDS = {
    "event": "news and events",
    "drift": "drift back to its usual place",
    "spill": "pull of its neighbours and groups",
    "promise": "promises",
    "limit": "the end of the scale",
}


def _finished(room: ClassRoom, seat: Seat) -> Session:
    session = room.sessions[seat.game_id]
    if not session.is_over:
        raise ApiError(409, "the debrief opens when the crisis is over", "week")
    return session


class Debriefs:
    """The class's yardstick, played once (under its own lock: the room's stays free meanwhile).  Every game of
    a class is the same crisis on the same seed and settings, so they share one yardstick game."""

    def __init__(self, room: ClassRoom):
        self.room = room
        self._history: dict[tuple, Session] = {}
        self._lock = threading.Lock()

    def history(self, game_id: int, session: Session) -> Session:
        key = (session.seed, json.dumps(session.settings.to_dict(), sort_keys=True), session.rival_policy)
        with self._lock:
            if key not in self._history:
                self._history[key] = history_session(session)
            return self._history[key]

    def view(self, seat: Seat) -> dict:
        with self.room.lock:
            session = _finished(self.room, seat)
        return debrief_view(session, self.history(seat.game_id, session), seat.actor)

    def report(self, seat: Seat) -> str:
        with self.room.lock:
            session = _finished(self.room, seat)
        return render_report(session, history=self.history(seat.game_id, session))


def _verdicts(session: Session, s: float, hs: float) -> list[dict]:
    """Who won: one-sided, against the historical playbook (the desktop's box); two-sided, by the scenario's tiers
    (the report's "Who won")."""
    labels = session.rules.labels.actors
    if not session.two_sided:
        diff = s - hs
        line = (
            f"You did {abs(diff):.1f} points better than the historical playbook"
            if diff > 0.05
            else f"You did {abs(diff):.1f} points worse than the historical playbook"
            if diff < -0.05
            else "You matched the historical playbook"
        )
        return [{"side": labels[session.player], "line": line + " (same seed).", "won": diff > 0.05}]
    winner, tier, needed = who_won(session)
    out = []
    for actor in (session.player, session.rival):
        name = session.names.get(actor)
        who = f"{labels[actor]} ({name})" if name else labels[actor]
        if actor == session.player:
            need = f"{labels[actor]} needed {needed:.0f} for one of its better outcomes"
        else:
            need = f"{labels[actor]} needed to hold the score below {needed:.0f}"
        line = f"{who} {'won' if actor == winner else 'lost'}: the crisis ended at {s:.1f}, '{tier}'; {need}."
        out.append({"side": labels[actor], "line": line, "won": actor == winner})
    return out


def _movers(session: Session) -> list[dict]:
    """The countries that moved most over the weeks the players played, each with the share of each kind of cause
    and its biggest single causes (from the weeks' records, as the turn report words them)."""
    rules = session.rules
    labels = rules.labels.actors
    played = [w for w in session.weeks if not w.prelude]
    if not played:
        return []
    start = played[0].state_before.alignment[0]
    end = session.state.alignment[0]
    by_country: dict[int, dict] = {}
    for week in played:
        for line in move_lines(session, week):
            entry = by_country.setdefault(line.country, {"tags": {}, "causes": []})
            for text, delta, tag in line.causes:
                entry["tags"][tag] = entry["tags"].get(tag, 0.0) + delta
                entry["causes"].append((abs(delta), f"week {week.record.turn + 1}: {text}"))
    order = sorted(by_country, key=lambda c: (-abs(float(end[c] - start[c])), rules.labels.countries[c]))
    out = []
    for c in order[:MOVERS]:
        entry = by_country[c]
        tags = []
        for tag, total in sorted(entry["tags"].items(), key=lambda kv: -abs(kv[1])):
            if abs(total) < 0.05:
                continue
            word = labels[session.player] if tag == "you" else labels[session.rival] if tag == "rival" else None
            tags.append(f"{word or TAG_WORDS.get(tag, tag)} {signed(total)}")
        biggest = [text for _, text in sorted(entry["causes"], key=lambda t: -t[0])[:CAUSES]]
        out.append(
            {
                "name": rules.labels.countries[c],
                "start": round(float(start[c]), 1),
                "end": round(float(end[c]), 1),
                "change": signed(float(end[c] - start[c])),
                "by": tags,
                "biggest": biggest,
            }
        )
    return out


def debrief_view(session: Session, history: Session, actor: int) -> dict:
    """The debrief of a finished game for side ``actor``: the result and the yardstick, who won, the game line,
    the commitments table (end positions against history), the tracks, and what moved and why."""
    sc, rules = session.scenario, session.rules
    doc = sc.doc
    tier, s = standing(rules, session.state)
    h_tier, hs = standing(history.rules, history.state)
    description = next((t.description for t in doc.commitments.tiers if t.name == tier), "")
    rungs = open_rungs(sc)
    mine, theirs = rung_values(sc, session.state), rung_values(sc, history.state)
    final, hist = session.state.alignment[0], history.state.alignment[0]

    def cell(rung: str, value: int) -> str:
        if is_vote(rules, rung):
            return option_word(rules, rung, value)
        return "✓" if value else "✗"

    countries = []
    for c in sorted(range(rules.n_countries), key=lambda c: -final[c]):
        cells = []
        for rung, _, _ in rungs:
            if not rung_open(rules, rung, c):
                cells.append({"text": "—", "history": "—", "differs": False})
                continue
            a, b = int(mine[rung][c]), int(theirs[rung][c])
            cells.append({"text": cell(rung, a), "history": cell(rung, b), "differs": a != b})
        countries.append(
            {
                "code": rules.countries[c],
                "name": rules.labels.countries[c],
                "start": round(float(rules.alignment_start[c]), 1),
                "end": round(float(final[c]), 1),
                "history": round(float(hist[c]), 1),
                "commitments": cells,
            }
        )
    tracks = []
    for k, code in enumerate(rules.tracks):
        goal = float(rules.track_threshold[k])
        end = float(session.state.track[0, k])
        tracks.append(
            {
                "name": doc.tracks[code].name,
                "start": round(float(rules.track_start[k])),
                "end": round(end),
                "history": round(float(history.state.track[0, k])),
                "goal": None if math.isnan(goal) else round(goal),
                "reached": None if math.isnan(goal) else end >= goal,
            }
        )
    game_line = [session.settings.describe(), f"seed {session.seed}"]
    if session.settings.staff != 0:  # "staff off" is in the settings already
        game_line.append(staff_use(session, limit_too=False))
    kept = tally_text(session, actor)
    if kept:
        game_line.insert(0, kept)
    if session.settings.fog:
        game_line.append("the fog has lifted: these are the exact numbers")
    scores = score_history(session)
    cal = doc.calendar
    return {
        "title": doc.title,
        "resolves": f"{day_text(cal.resolves)} · {cal.resolves_label or 'the crisis resolves'}",
        "players": players_words(session),
        "tier": tier,
        "score": round(s, 1),
        "description": description,
        "history": {"tier": h_tier, "score": round(hs, 1), "both": session.two_sided},
        "verdicts": _verdicts(session, s, hs),
        "game_line": game_line,
        "staff_use": staff_use(session),
        "rungs": [{"name": name, "meaning": meaning} for _, name, meaning in rungs],
        "countries": countries,
        "blocs": [f"This game: {line}" for line in bloc_lines(sc, commitments_of(rules, session.state))]
        + [f"The historical playbook: {line}" for line in bloc_lines(sc, commitments_of(rules, history.state))],
        "tracks": tracks,
        "scores": [round(float(x), 1) for x in scores],
        "movers": _movers(session),
    }
