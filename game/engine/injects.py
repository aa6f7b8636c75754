"""Injects: prepared news a teacher releases when they choose, applied at the end of the next resolution.

A scenario's ``injects:`` compile to ``EventSpec``s after the events and the escalations, dated in a week that
never comes (``rules.n_turns``), so ``fire_events`` passes them over.  A released inject goes through
:func:`release_injects` once the week's own resolution is done: its effects are the events' registered ones
(``events.EFFECTS``), applied to every game of the batch in the order given, on the scales; it is marked fired
(an inject happens at most once a game) and recorded like an event (an ``EventOutcome`` and an ``EVENT`` cause
of each country it moved), so every report that shows a week's news shows it.  Nothing here draws luck, reads
a clock or depends on when the teacher clicked: the same sheets and the same releases give the same game.

This is a step of its own after ``resolve_contacts`` rather than a stage inside it, so the week's pipeline is
unchanged for every game without a release (the bots, the batch engine, the Monte Carlo lab).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

import numpy as np

from .events import EFFECTS, Work
from .model import Rules, State
from .records import Cause, CauseKind, EventOutcome, Move, TrackMove, TurnRecord
from .resolve import TurnResult


def inject_events(rules: Rules) -> tuple[int, ...]:
    """The event indices of the scenario's injects (after the events and the escalations)."""
    return tuple(e.index for e in rules.events if e.inject)


def inject_refusal(rules: Rules, state: State, event: int, released: Sequence[int] = ()) -> str | None:
    """Why inject ``event`` may not be released now (words), or None: it must be one of the scenario's
    injects, not released already in this game (this week or before), and the crisis must still be on."""
    if event not in inject_events(rules):
        return "no such inject in this crisis"
    if state.turn >= rules.n_turns:
        return "the crisis is over"
    if event in released or bool(state.fired[:, event].any()):
        return "it has been released already"
    return None


def release_injects(rules: Rules, result: TurnResult, injects: Sequence[int]) -> TurnResult:
    """The week's result with the released ``injects`` (event indices, in the order released) applied after
    it: every game of the batch, effects booked from the resolved week (a ``budget`` with ``delay: 1`` is next
    week's).  An inject already fired in a game is passed over there.  The records gain the inject's
    ``EventOutcome`` and an ``EVENT`` cause in each move and track move it made."""
    if not injects:
        return result
    state = result.state
    turn = state.turn - 1  # the week just resolved
    work = Work.of(state, state.alignment, state.track)
    happened: list[tuple[int, np.ndarray, np.ndarray, np.ndarray]] = []
    for event in injects:
        spec = rules.events[event]
        games = ~work.fired[:, event]
        if not games.any():
            continue
        before, track_before = work.alignment.copy(), work.track.copy()
        for effect in spec.effects:
            EFFECTS[effect.kind].apply(work, games, effect, rules, turn)
        np.clip(work.alignment, -100.0, 100.0, out=work.alignment)
        np.clip(work.track, 0.0, 100.0, out=work.track)
        work.fired[games, event] = True
        happened.append((event, games, work.alignment - before, work.track - track_before))
    new_state = state.evolve(
        alignment=work.alignment,
        ties=work.ties,
        anchor_offset=work.anchor_offset,
        interest=work.interest,
        budget_mod=work.budget_mod,
        power_mod=work.power_mod,
        deputy_busy=work.deputy_busy,
        fired=work.fired,
        track=work.track,
        thresholds=work.thresholds,
        decided=work.decided,
    )
    records = tuple(
        _with_injects(record, game, happened, state.alignment[game], state.track[game])
        for game, record in enumerate(result.records)
    )
    return TurnResult(new_state, records)


def _with_injects(record: TurnRecord, game: int, happened, alignment: np.ndarray, track: np.ndarray) -> TurnRecord:
    """``alignment`` and ``track``: the game's, as the week left them before any inject (a country or track the
    week did not move starts its move there)."""
    events = list(record.events)
    moves = {m.country: m for m in record.moves}
    tracks = {t.track: t for t in record.tracks}
    for event, games, shift, track_shift in happened:
        if not games[game]:
            continue
        shifts = tuple((int(c), float(d)) for c, d in enumerate(shift[game]) if d != 0.0)
        events.append(EventOutcome(event, shifts))
        for country, d in shifts:
            old = moves.get(country)
            cause = Cause(CauseKind.EVENT, d, event=event)
            if old is None:
                base = float(alignment[country])
                moves[country] = Move(country, base, base + d, (cause,))
            else:
                moves[country] = Move(country, old.before, old.after + d, old.causes + (cause,))
        for k, d in enumerate(track_shift[game]):
            if d == 0.0:
                continue
            cause = Cause(CauseKind.EVENT, float(d), event=event)
            old = tracks.get(k)
            if old is None:
                base = float(track[k])
                tracks[k] = TrackMove(k, base, base + float(d), (cause,))
            else:
                tracks[k] = TrackMove(k, old.before, old.after + float(d), old.causes + (cause,))
    return dataclasses.replace(
        record,
        events=tuple(events),
        moves=tuple(moves[c] for c in sorted(moves)),
        tracks=tuple(tracks[k] for k in sorted(tracks)),
    )
