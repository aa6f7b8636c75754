"""What a resolution reports: typed records that the UI, logs and reports all read."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .model import Kind


class CauseKind(str, Enum):
    CONTACT = "contact"  # a call, visit, deputy call or multilateral call by ``actor``
    ENGAGE = "engage"  # ``actor`` talking to the other side itself (allies react; tracks move)
    ECHO = "echo"  # ``actor``'s argument pressed in ``country`` (order ``order``), heard in this one
    DRIFT = "drift"  # pull back toward the structural position while neglected
    SPILL = "spill"  # peers in shared groups pulling the country along
    EVENT = "event"  # a dated or triggered scenario event
    PROMISE = "promise"  # a promise kept (toward its side) or broken (away from it) this week
    LIMIT = "limit"  # cut off at the end of the scale


@dataclass(frozen=True, slots=True)
class Cause:
    kind: CauseKind
    delta: float
    actor: int = -1  # for CONTACT, ENGAGE and ECHO
    order: int = -1  # index into the actor's sheet, for CONTACT, ENGAGE and ECHO
    event: int = -1  # for EVENT
    country: int = -1  # for ECHO: the capital where the argument was pressed
    promise: int = -1  # for PROMISE: which one (its side is the promise's)


@dataclass(frozen=True, slots=True)
class ContactOutcome:
    """One contact (a call, one stop of a trip, one member of a group call) and what it did."""

    actor: int
    order: int
    kind: Kind
    country: int
    topic: int
    delta: float
    luck: float  # the noise factor (1 = as expected)
    fatigue: float  # the diminishing-returns factor (1 = fresh)


@dataclass(frozen=True, slots=True)
class EventOutcome:
    event: int
    shifts: tuple[tuple[int, float], ...]  # (country, alignment delta) of its direct effects


@dataclass(frozen=True, slots=True)
class PromiseOutcome:
    """A promise made, kept or broken in one capital this week.  ``shift``: the alignment keeping or breaking it
    moved (signed, + toward Washington; 0 for one made); ``due``: the week it falls due (for one made), else
    this week."""

    promise: int
    country: int
    status: str  # "made", "kept" or "broken"
    shift: float
    due: int


@dataclass(frozen=True, slots=True)
class Move:
    """How one country's alignment changed this week, split into its causes (they sum to after - before)."""

    country: int
    before: float
    after: float
    causes: tuple[Cause, ...]

    @property
    def delta(self) -> float:
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class TrackMove:
    """How a track (a channel to the rival, a corridor) changed this week, split into its causes."""

    track: int
    before: float
    after: float
    causes: tuple[Cause, ...]

    @property
    def delta(self) -> float:
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class TurnRecord:
    turn: int
    contacts: tuple[ContactOutcome, ...]
    events: tuple[EventOutcome, ...]
    moves: tuple[Move, ...]
    tracks: tuple[TrackMove, ...] = ()
    promises: tuple[PromiseOutcome, ...] = ()
