"""The news feed of a seat's game, as the desktop's feed under the map shows it (``game/ui/panels/feed.py``): the
promises kept and broken, then every event of the weeks resolved so far, newest first, each with its date (or
"this game" for a move a side raised, "what-if" for an event not in the sources), its story and its source cited
by title, outlet and date (``game.classroom.sources``); and what the other side did last week.

The feed reads only the resolved weeks' records (``week.record.events``, ``week.record.promises``), so whatever
puts news into a week's record - a dated or triggered event, an escalation, anything a teacher releases that
the engine records as an event - shows here without this module knowing of it.  Everything is plain text; the
page puts it in with ``textContent``.
"""

from __future__ import annotations

from game.classroom.promise_words import promise_news
from game.classroom.sources import cite_public, cite_seed
from game.classroom.words import contact_lines, fogged, signed
from game.dates import day_text
from game.engine.orders import rival_of

from .room import ClassRoom, Seat

MAX_ITEMS = 200  # a crisis has a few dozen events; a bound keeps a malformed scenario's page small


def _event_item(session, turn: int, index: int) -> dict:
    ev = session.scenario.event(index)
    rules = session.rules
    raised_by = getattr(ev, "by", None)
    if ev.date:
        when, kind = day_text(ev.date, "%b"), "dated"
    elif raised_by is not None:
        when, kind = "this game", "raised"
    else:
        when, kind = "what-if", "what-if"
    note = ""
    if raised_by is not None:
        who = rules.labels.actors[rules.actors.index(raised_by)] if raised_by in rules.actors else raised_by
        note = f"Raised by {who} in this game, week {turn + 1}: a move of the game, not a dated event."
    elif ev.invented or not ev.date:
        note = "A what-if event of the game, not in the sources."
    sources = [cite_seed(s.seed) for s in ev.sources[:1]]
    sources += [cite_public(p) for p in getattr(ev, "public_sources", ())]
    return {
        "week": turn + 1,
        "kind": kind,
        "when": when,
        "headline": ev.headline,
        "body": ev.body,
        "sources": sources,
        "note": note,
        "tone": "",
    }


def news_view(room: ClassRoom, seat: Seat) -> dict:
    """The seat's feed: ``items`` newest first (promises first, as the desktop lists them), ``moves``: what the
    other side did in the last week resolved, with what each order achieved (not under the teacher's fog)."""
    session = room.sessions[seat.game_id]
    rules = session.rules
    mine = seat.actor == session.player
    promised, events = [], []
    for week in reversed(session.weeks):
        turn = week.record.turn
        for text, tone in promise_news(session, week):
            if tone == "note":
                continue  # a promise made is in its side's orders; the feed says what came of it
            if not mine:  # the tone is the scored side's: good news for Washington is bad for Moscow
                tone = "bad" if tone == "good" else "good"
            promised.append(
                {"week": turn + 1, "kind": "promise", "when": f"week {turn + 1}", "headline": text, "body": "",
                 "sources": [], "note": "", "tone": tone}
            )  # fmt: skip
        events += [_event_item(session, turn, e.event) for e in week.record.events if e.event >= 0]
    other = rival_of(rules, seat.actor)
    fog = fogged(session)
    last = session.weeks[-1] if session.weeks else None  # as the desktop's feed: the week just resolved
    moves = []
    if last is not None:
        for text, total in contact_lines(session, last, other):
            moves.append({"words": text, "change": None if fog else signed(total)})
    return {
        "week": session.turn,
        "items": (promised + events)[:MAX_ITEMS],
        "other": rules.labels.actors[other],
        "moves_week": last.record.turn + 1 if last is not None else None,
        "moves": moves,
    }
