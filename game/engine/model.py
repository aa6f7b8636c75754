"""The engine's data: static rules, the mutable-by-copy game state, and orders.

Everything is indexed by integers (countries, topics, actors, groups, deputies); names live at the edges.
Every state array has a leading batch axis (``B`` games played in lockstep); a single game is ``B == 1``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import IntEnum

import numpy as np


class Kind(IntEnum):
    """What an order is."""

    CALL = 0  # the principal phones one capital
    VISIT = 1  # a trip to one or more capitals of one region
    DEPUTY_CALL = 2  # a named deputy phones one capital (weaker, own budget)
    MULTILATERAL = 3  # a call with a whole group (smaller effect on each member)
    ENGAGE = 4  # a contact with the rival side itself (by the principal, or a deputy), moving the tracks


KIND_LABELS = {
    Kind.CALL: "call",
    Kind.VISIT: "visit",
    Kind.DEPUTY_CALL: "deputy call",
    Kind.MULTILATERAL: "multilateral call",
    Kind.ENGAGE: "contact with the rival",
}


class Resource(IntEnum):
    CALLS = 0
    VISITS = 1


class RungKind(IntEnum):
    """What a commitment is: one of several ordered options (a UN vote: no, absent, abstain, yes), or a
    pledge that is made or not (sanctions, arms)."""

    VOTE = 0
    PLEDGE = 1


class BlocRule(IntEnum):
    """How a bloc decides a commitment that all its members then apply together."""

    UNANIMITY = 0  # the level every member reaches; members below the majority's level are holdouts
    QUALIFIED_MAJORITY = 1  # the level a quota of the members reaches; the rest are carried along
    LEADER = 2  # the level the leader reaches; every member follows it


@dataclass(frozen=True)
class Bloc:
    """Members that decide one rung together (the EU's sanctions)."""

    rung: int
    members: tuple[int, ...]
    rule: BlocRule
    leader: int = -1
    quota: float = 0.55  # share of the members a qualified majority needs


@dataclass(frozen=True, eq=False)
class Ladder:
    """The commitments a crisis resolves into, as data: rungs with ordered options (level 0, the first
    option, is where a country stands below every line), the points each option earns, and per country the
    final alignment each option needs.  Nothing in the engine names a particular rung."""

    rungs: tuple[str, ...]  # ids, e.g. ("un_vote", "sanctions", "arms", "energy_help")
    kinds: tuple[RungKind, ...]
    options: tuple[tuple[str, ...], ...]  # per rung, worst first; a pledge is ("no", "yes")
    points: np.ndarray  # (R, O) points of standing at each option, before the country's weight
    thresholds: np.ndarray  # (C, R, O) alignment needed for each option; NaN: not reached by alignment
    blocs: tuple[Bloc, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "points", _frozen(self.points))
        object.__setattr__(self, "thresholds", _frozen(self.thresholds))
        object.__setattr__(self, "_open", _frozen(~np.isnan(self.thresholds).all(axis=2)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ladder):
            return NotImplemented
        return (
            (self.rungs, self.kinds, self.options, self.blocs) == (other.rungs, other.kinds, other.options, other.blocs)
            and np.array_equal(self.points, other.points)
            and np.array_equal(self.thresholds, other.thresholds, equal_nan=True)
        )

    def __hash__(self) -> int:
        return hash((self.rungs, self.options))

    @property
    def n_rungs(self) -> int:
        return len(self.rungs)

    @property
    def n_options(self) -> int:
        return int(self.points.shape[1]) if self.points.ndim == 2 else 0

    def rung_index(self, rung: str) -> int:
        return self.rungs.index(rung)

    def option_index(self, rung: int, option: str) -> int:
        return self.options[rung].index(option)

    def is_open(self) -> np.ndarray:
        """(C, R) bool: can the country's alignment take it past the first option of the rung at all?"""
        return self._open

    def bloc_members(self, bloc: Bloc) -> np.ndarray:
        """The members that take part in the bloc's decision: those the rung is open to."""
        return np.array([c for c in bloc.members if self._open[c, bloc.rung]], dtype=np.int64)


@dataclass(frozen=True, slots=True)
class Order:
    """One line of an order sheet.  ``targets`` are country ids (one for calls, the stops of a trip)."""

    actor: int
    kind: Kind
    topic: int
    targets: tuple[int, ...] = ()
    group: int = -1
    deputy: int = -1
    promise: int = -1  # a promise (index into ``Rules.promises``) made in every capital the order reaches, or -1


@dataclass(frozen=True, slots=True)
class Sheet:
    """All orders of one actor for one turn, and the escalations it raises (``raises``: event indices of the
    scenario's escalations, which are events that only their side can set off)."""

    actor: int
    orders: tuple[Order, ...] = ()
    raises: tuple[int, ...] = ()

    def with_order(self, order: Order) -> Sheet:
        return Sheet(self.actor, self.orders + (order,), self.raises)

    def without(self, index: int) -> Sheet:
        return Sheet(self.actor, self.orders[:index] + self.orders[index + 1 :], self.raises)

    def with_raise(self, event: int) -> Sheet:
        return Sheet(self.actor, self.orders, self.raises + (int(event),))


@dataclass(frozen=True, slots=True)
class PromiseSpec:
    """A pledge a side may attach to a call or a visit of its principal (a consultation, deliveries, a reply).

    The capital believes it: the contact's effect is multiplied by ``1 + boost``.  It then falls due ``within``
    weeks later (at the latest in the last week): a contact by the side in ``keep_in`` (empty: the capital it
    was made to) on ``keep_topic`` by the end of that week keeps it (``kept_shift`` alignment points toward the
    side); otherwise it is broken at the end of the week it fell due (``broken_shift`` points away from the
    side, and the side's contacts there lose ``mistrust`` of their effect for ``mistrust_weeks`` weeks).
    A group call does not keep a promise: a seat among thirty is not the consultation promised."""

    index: int
    code: str
    actor: int
    topics: tuple[int, ...]  # the topics of the orders it may go with
    offered: tuple[int, ...]  # the countries it may be made to
    boost: float
    within: int
    keep_topic: int
    keep_in: tuple[int, ...]
    kept_shift: float
    broken_shift: float
    mistrust: float
    mistrust_weeks: int


@dataclass(frozen=True)
class _RegistrySpec:
    """A compiled registry item: the registered name and its numeric parameters."""

    kind: str
    params: tuple[tuple[str, object], ...]

    def param(self, name: str, default=None):
        for key, value in self.params:
            if key == name:
                return value
        return default


class EffectSpec(_RegistrySpec):
    """An event effect (see ``events.EFFECTS``)."""


class ConditionSpec(_RegistrySpec):
    """An event condition (see ``events.CONDITIONS``)."""


@dataclass(frozen=True, slots=True)
class EventSpec:
    """A scenario event.  ``turn`` is the week it is dated in, or -1 for an undated trigger that fires the
    first week its conditions hold.

    An escalation (``raised_by`` >= 0) is an undated event that only that side can set off, by raising it on
    its sheet from week ``earliest`` on; it happens at most once, in the week it is raised and its conditions
    hold.  ``history`` is the week history raised it (the historical playbook raises it then), -1 if it never
    did."""

    index: int
    turn: int
    conditions: tuple[ConditionSpec, ...]
    effects: tuple[EffectSpec, ...]
    raised_by: int = -1
    earliest: int = 0
    history: int = -1
    inject: bool = False  # a teacher's prepared news (``injects.release_injects``): never fires by itself


def _frozen(array: np.ndarray) -> np.ndarray:
    array = np.array(array, copy=True)
    array.flags.writeable = False
    return array


@dataclass(frozen=True)
class Labels:
    """Display names, index-aligned with the Rules' code tuples; used only to word refusals and records."""

    countries: tuple[str, ...]
    topics: tuple[str, ...]
    actors: tuple[str, ...]
    groups: tuple[str, ...]
    regions: tuple[str, ...]
    deputies: tuple[str, ...]
    tracks: tuple[str, ...] = ()
    rungs: tuple[str, ...] = ()  # the commitments' names
    options: tuple[tuple[str, ...], ...] = ()  # per rung, what a country on each option does ("votes yes")
    promises: tuple[str, ...] = ()  # what each promise pledges, in words ("a follow-up consultation")

    def line(self, rung: int, option: int, vote: bool) -> str:
        """A line of the ladder in words: the pledge's name, or a vote's name and option."""
        if not vote:
            return self.rungs[rung]
        return f"{self.rungs[rung]} ({self.options[rung][option]})"


@dataclass(frozen=True)
class Rules:
    """Everything that stays fixed during a game.  Built by the scenario package."""

    labels: Labels

    # Index spaces.
    countries: tuple[str, ...]  # ISO 3166-1 alpha-3 codes
    topics: tuple[str, ...]
    actors: tuple[str, ...]  # actors[0] is the player's side (Washington), actors[1] the rival
    groups: tuple[str, ...]
    regions: tuple[str, ...]
    deputies: tuple[str, ...]
    tie_kinds: tuple[str, ...]
    n_turns: int

    # Per country.
    alignment_start: np.ndarray  # (C,) in [-100, 100]
    ties_start: np.ndarray  # (C, K) in [0, 1]
    anchor_offset_start: np.ndarray  # (C,) alignment points added to the tie-derived anchor
    interest_start: np.ndarray  # (C, T) how strongly an argument on a topic moves the country
    mobility: np.ndarray  # (C,) how easily the country moves at all (big powers move less)
    volatility: np.ndarray  # (C,) multiplier on the noise of contacts (mixed messaging)
    region_of: np.ndarray  # (C,) region index
    score_weight: np.ndarray  # (C,)

    # Ties -> structural anchor.
    tie_weight: np.ndarray  # (K,) alignment points per unit of tie (positive pulls to Washington)

    # Groups.
    group_members: np.ndarray  # (G, C) bool
    group_conveners: np.ndarray  # (A, G) bool: who may convene the group
    spill_matrix: np.ndarray  # (C, C) peer weights; each row sums to at most 1 (0: no peers)

    # Actors and orders.
    actor_sign: np.ndarray  # (A,) +1 pulls toward Washington, -1 toward Moscow
    actor_power: np.ndarray  # (A,) alignment points one unit of strength moves at full interest and full room
    leverage: np.ndarray  # (A, T) what each side can offer on a topic (0: cannot raise it)
    base_budget: np.ndarray  # (A, R) calls and visits per week
    deputy_actor: np.ndarray  # (D,) which actor a deputy serves
    deputy_specialty: np.ndarray  # (D,) topic index or -1
    kind_strength: np.ndarray  # (len(Kind),) strength of one contact of each kind
    visit_travel_calls: int  # calls a trip costs in travel time
    visit_max_stops: int
    visit_stop_decay: float  # each further stop of a trip is worth this much of the one before
    deputy_specialty_bonus: float
    room_exponent: float

    # Dynamics.
    noise_sigma: float
    fatigue_k: float
    fatigue_decay: float
    drift_rate: float
    drift_in_touch: float  # share of the drift that runs even for a country kept in touch
    neglect_weeks: float
    spill_rate: float

    # Events.
    events: tuple[EventSpec, ...]

    # What the crisis resolves into.
    ladder: Ladder
    tiers: tuple[tuple[str, float], ...]  # (name, minimum score), best first

    # Tracks: quantities of the whole crisis (a channel to the rival, a grain corridor), 0..100, and contacts
    # with the rival itself that move them.  Optional: a scenario without tracks leaves them empty (None).
    tracks: tuple[str, ...] = ()
    track_start: np.ndarray | None = None  # (K,)
    track_decay: np.ndarray | None = None  # (K,) share lost in a week without any contact with the rival
    track_threshold: np.ndarray | None = None  # (K,) level that counts at the end (NaN: not scored)
    track_points: np.ndarray | None = None  # (K,) score points for reaching it
    can_engage: np.ndarray | None = None  # (A,) bool: may this side contact the rival directly?
    engage_gain: np.ndarray | None = None  # (T, K) track points one contact with the rival on a topic moves
    engage_reaction: np.ndarray | None = None  # (A, C) alignment points countries move when a side engages
    # Trade-offs.  An argument pressed in one capital is heard in others: echo[t, a, b] is the share of a contact's
    # effect in country a on topic t that country b moves too (negative: b is alarmed).  A group convened week
    # after week tires as a whole: each member's contact is divided by 1 + group_fatigue_k * the side's recent
    # convenings of that group (State.group_recent).
    echo: np.ndarray | None = None  # (T, C, C)
    group_fatigue_k: float = 0.0
    # Promises a side may attach to a call or a visit, and how many of its promises may be open at once.
    promises: tuple[PromiseSpec, ...] = ()
    promise_limit: int = 0

    def __post_init__(self) -> None:
        k, a, c, t = len(self.tracks), len(self.actors), len(self.countries), len(self.topics)
        defaults = {
            "track_start": np.zeros(k),
            "track_decay": np.zeros(k),
            "track_threshold": np.full(k, np.nan),
            "track_points": np.zeros(k),
            "can_engage": np.zeros(a, dtype=bool),
            "engage_gain": np.zeros((t, k)),
            "engage_reaction": np.zeros((a, c)),
            "echo": np.zeros((t, c, c)),
        }
        for name, value in defaults.items():
            if getattr(self, name) is None:
                object.__setattr__(self, name, value)
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, np.ndarray):
                object.__setattr__(self, f.name, _frozen(value))

    @property
    def n_countries(self) -> int:
        return len(self.countries)

    @property
    def n_topics(self) -> int:
        return len(self.topics)

    @property
    def n_actors(self) -> int:
        return len(self.actors)

    def country_index(self, code: str) -> int:
        return self.countries.index(code)

    def topic_index(self, code: str) -> int:
        return self.topics.index(code)

    def actor_index(self, code: str) -> int:
        return self.actors.index(code)


@dataclass(frozen=True)
class State:
    """The state of ``B`` games at the start of week ``turn`` (``turn == n_turns``: the crisis is over).

    Arrays are never mutated: every step returns a new State (``evolve``).
    """

    turn: int
    alignment: np.ndarray  # (B, C)
    ties: np.ndarray  # (B, C, K)
    anchor_offset: np.ndarray  # (B, C)
    interest: np.ndarray  # (B, C, T)
    recent: np.ndarray  # (B, A, C) decayed count of recent contacts (diminishing returns)
    last_contact: np.ndarray  # (B, A, C) turn of the actor's last contact, -999 if never
    budget_mod: np.ndarray  # (B, A, R, n_turns + 1) additive budget changes scheduled by events
    power_mod: np.ndarray  # (B, A, n_turns + 1) multiplicative power changes scheduled by events
    deputy_busy: np.ndarray  # (B, D, n_turns + 1) bool
    fired: np.ndarray  # (B, E) bool
    track: np.ndarray | None = None  # (B, K); None is read as no tracks
    # The commitment lines as events have left them (B, C, R, O) (most games: a read-only view of the rules'),
    # and levels events have decided outright (B, C, R), -1 where alignment decides.
    thresholds: np.ndarray | None = None
    decided: np.ndarray | None = None
    # (B, A, G) decayed count of each side's recent convenings of each group (a group's own fatigue); None is
    # read as no convenings yet.
    group_recent: np.ndarray | None = None
    # Open promises (B, P, C): the week each falls due, -1 where none is open.  Mistrust after a broken promise
    # (B, A, C): the share of the side's contacts lost in the country, while ``turn < mistrust_until``.  None is
    # read as none of either.
    promise_due: np.ndarray | None = None
    mistrust: np.ndarray | None = None
    mistrust_until: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.thresholds is None or self.decided is None:
            raise TypeError("a State needs its commitment lines (initial_state makes them from the rules)")
        b, a, c = self.recent.shape
        if self.track is None:
            object.__setattr__(self, "track", np.zeros((b, 0)))
        if self.group_recent is None:
            object.__setattr__(self, "group_recent", np.zeros((b, a, 0)))
        if self.promise_due is None:
            object.__setattr__(self, "promise_due", np.full((b, 0, c), -1, dtype=np.int64))
        if self.mistrust is None:
            object.__setattr__(self, "mistrust", np.zeros((b, a, c)))
        if self.mistrust_until is None:
            object.__setattr__(self, "mistrust_until", np.zeros((b, a, c), dtype=np.int64))
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, np.ndarray) and value.flags.writeable:
                value.flags.writeable = False

    @property
    def games(self) -> int:
        return int(self.alignment.shape[0])

    def evolve(self, **changes) -> State:
        return dataclasses.replace(self, **changes)

    def tiled(self, n: int, copy: bool = True) -> State:
        """This single-game state repeated for ``n`` games: copies, or read-only views with ``copy=False``."""

        def rep(a: np.ndarray) -> np.ndarray:
            if not copy or (a.ndim and a.strides[0] == 0):  # a shared view (the rules' lines) stays shared
                return np.broadcast_to(a, (n,) + a.shape[1:])
            return np.repeat(a, n, axis=0)

        arrays = {f.name: rep(getattr(self, f.name)) for f in dataclasses.fields(self) if f.name != "turn"}
        return dataclasses.replace(self, **arrays)

    def game(self, index: int) -> State:
        """The state of one game of a batch, as a batch of one."""
        return self.select(slice(index, index + 1))

    def select(self, games) -> State:
        """The games ``games`` (a slice, or an index array) of the batch, every array taken alike."""
        arrays = {f.name: getattr(self, f.name)[games] for f in dataclasses.fields(self) if f.name != "turn"}
        return State(turn=self.turn, **arrays)

    def open_promises(self, rules: Rules, actor: int, game: int = 0) -> int:
        """How many of ``actor``'s promises are open in one game."""
        due = self.promise_due
        if due.shape[1] != len(rules.promises):
            return 0
        mine = [p.index for p in rules.promises if p.actor == actor]
        return int((due[game, mine] >= 0).sum()) if mine else 0


def _tiled(start: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    # C order (astype of a broadcast view would keep its strides: game-minor arrays, slow to gather from).
    return np.array(np.broadcast_to(start, shape), dtype=np.float64, order="C")


def initial_state(rules: Rules, games: int = 1) -> State:
    """The state before the first week, for ``games`` identical games."""
    b, c, a = games, rules.n_countries, rules.n_actors
    horizon = rules.n_turns + 1
    lines = rules.ladder.thresholds  # shared read-only views: events that change them copy them first
    undecided = np.full(lines.shape[:2], -1, dtype=np.int64)
    return State(
        turn=0,
        alignment=_tiled(rules.alignment_start, (b, c)),
        ties=_tiled(rules.ties_start, (b,) + rules.ties_start.shape),
        anchor_offset=_tiled(rules.anchor_offset_start, (b, c)),
        interest=_tiled(rules.interest_start, (b,) + rules.interest_start.shape),
        recent=np.zeros((b, a, c)),
        last_contact=np.full((b, a, c), -999, dtype=np.int64),
        budget_mod=np.zeros((b, a, len(Resource), horizon), dtype=np.int64),
        power_mod=np.ones((b, a, horizon)),
        deputy_busy=np.zeros((b, len(rules.deputies), horizon), dtype=bool),
        fired=np.zeros((b, len(rules.events)), dtype=bool),
        track=_tiled(rules.track_start, (b, len(rules.tracks))),
        thresholds=np.broadcast_to(lines, (b,) + lines.shape),
        decided=np.broadcast_to(undecided, (b,) + undecided.shape),
        group_recent=np.zeros((b, a, len(rules.groups))),
        promise_due=np.full((b, len(rules.promises), c), -1, dtype=np.int64),
        mistrust=np.zeros((b, a, c)),
        mistrust_until=np.zeros((b, a, c), dtype=np.int64),
    )


# The last anchors computed and the (read-only) arrays they came from.  Ties and anchor offsets change only
# when an event writes them, and a week without such an event passes the same array objects on to the next
# state, so most weeks of a batch find their anchors here instead of summing a (B, C, K) product again.
_LAST_ANCHORS: list = [None, None, None, None]  # ties, anchor_offset, tie_weight, anchors


def anchors(state: State, rules: Rules) -> np.ndarray:
    """Structural position of each country (B, C): where it drifts back to when left alone."""
    ties, offset, weight, last = _LAST_ANCHORS
    if ties is state.ties and offset is state.anchor_offset and weight is rules.tie_weight:
        return last
    # Summed tie kind by tie kind, elementwise (not a BLAS product, nor numpy's short row sums, which cost
    # ~10 ns a row): a game gives the same bits alone or in a batch.
    weighted = np.zeros(state.anchor_offset.shape)
    for k, weight in enumerate(rules.tie_weight.tolist()):
        if weight != 0.0:
            weighted += state.ties[..., k] * weight
    raw = state.anchor_offset + weighted
    out = np.clip(raw, -100.0, 100.0)
    if not (state.ties.flags.writeable or state.anchor_offset.flags.writeable or rules.tie_weight.flags.writeable):
        out.flags.writeable = False
        _LAST_ANCHORS[:] = [state.ties, state.anchor_offset, rules.tie_weight, out]
    return out
