"""Where the crisis stands when the students take over: history's weeks played through the game's own engine.

A shorter game (teacher setting ``turns``) starts later; the weeks before are played as history went.  The
handout must show the positions of the first week the students play, not of week 1, so :func:`takeover` runs a
``Session`` - which plays that prelude on creation, with the game's dice - and reads its state.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from game.dates import day_text
from game.scenario import Scenario
from game.session import Session
from game.sim.settings import Settings, fog_band

from .html import esc, swatch

# The seed a handout without a game code plays history's weeks with; the page says the luck may differ.
HANDOUT_SEED = 0


@dataclass(frozen=True)
class Takeover:
    """Where the crisis stands when the students take over (week ``week`` 0-based; 0 for a full game)."""

    week: int
    date: dt.date
    alignment: np.ndarray  # (C,)
    interest: np.ndarray  # (C, T)
    news: tuple[str, ...]  # headlines of history's weeks, in order
    events: tuple[int, ...]  # the engine indices of those events (Scenario.event), for their sources
    exact: bool  # played with the game's own dice (a game code): every student sees these positions

    @property
    def label(self) -> str:
        return f"week {self.week + 1} ({day_text(self.date)})"


def takeover(sc: Scenario, settings: Settings, seed: int | None = None) -> Takeover:
    """Play history's weeks as the game does (a Session plays its prelude on creation) and read the state."""
    session = Session(sc, HANDOUT_SEED if seed is None else seed, settings=settings)
    state = session.state
    events = tuple(e.event for w in session.weeks for e in w.record.events if e.event >= 0)
    news = tuple(session.scenario.event(i).headline for i in events)
    week = session.first_turn
    return Takeover(
        week=week,
        date=sc.doc.calendar.start + dt.timedelta(days=7 * week),
        alignment=np.asarray(state.alignment[0], dtype=float),
        interest=np.asarray(state.interest[0], dtype=float),
        news=news,
        events=events,
        exact=seed is not None,
    )


def standing_words(value: float, fog: bool) -> str:
    """A standing in words with the map's colour; the number the game shows too, unless under fog."""
    band = fog_band(value)
    rounded = round(value)
    number = "" if fog else " (0)" if rounded == 0 else f" ({rounded:+d})".replace("-", "−")
    return f"{swatch(band.middle if fog else value)}{esc(band.label)}{number}"


def as_of_note(point: Takeover) -> str:
    """Which week the positions are of, and how far to trust them."""
    if point.week == 0:
        return f"Positions as of {point.label}, the start of the crisis."
    dice = (
        "played with your game's own luck: your game starts exactly here"
        if point.exact
        else "one run of history's weeks; the luck of your own game may shift them by a few points"
    )
    return f"Positions as of {point.label}, when you take over ({dice})."
