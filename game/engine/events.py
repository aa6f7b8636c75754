"""Scenario events: registered conditions and effects.

A scenario event is ``when: [conditions...]`` -> ``effects: [...]``.  Each condition and effect is a
registered pure function over the state arrays of a batch.  The registries below are the single source
for the scenario compiler (which parameters exist, of which kind) and for the generated authoring docs.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .dice import Dice, Purpose
from .model import ConditionSpec, EffectSpec, Resource, Rules, State

# Parameter kinds the scenario compiler knows how to turn from YAML into numbers.
PARAM_KINDS = {
    "countries": "a list of country codes and/or group ids (a group stands for all its members)",
    "country": "one country code",
    "topic": "a topic id",
    "actor": "an actor id (the player's side or the rival)",
    "deputy": "a deputy id",
    "tie": "a tie kind id",
    "resource": "`calls` or `visits`",
    "event": "the id of another event",
    "track": "a track id (a quantity of the whole crisis, 0..100)",
    "rung": "the id of a rung of the commitment ladder (e.g. sanctions)",
    "option": "the id of one of the rung's options (a pledge's are `no` and `yes`)",
    "number": "a number",
    "integer": "a whole number",
    "probability": "a number from 0 to 1",
}


@dataclass(frozen=True)
class Param:
    name: str
    kind: str
    doc: str
    default: object = None  # None: required
    minimum: float | None = None
    maximum: float | None = None


@dataclass
class Work:
    """Mutable copies of the arrays that events may change during one resolution."""

    alignment: np.ndarray
    ties: np.ndarray
    anchor_offset: np.ndarray
    interest: np.ndarray
    budget_mod: np.ndarray
    power_mod: np.ndarray
    deputy_busy: np.ndarray
    fired: np.ndarray
    track: np.ndarray
    thresholds: np.ndarray
    decided: np.ndarray

    # The state's arrays not yet copied (``of(..., lazy=True)``): ``own`` copies them when an effect is applied.
    _borrowed: frozenset = dataclasses.field(default=frozenset(), repr=False, compare=False)

    @classmethod
    def of(
        cls,
        state: State,
        alignment: np.ndarray,
        track: np.ndarray | None = None,
        writes: frozenset | None = None,
        lazy: bool = False,
    ) -> Work:
        """``writes``: the state arrays this week's events may change (None: all).  Only those are copied;
        the others are the state's own read-only arrays, so a write the registry did not declare fails loudly
        instead of changing the previous week's state.

        ``lazy`` (the engine's own call): ``alignment`` and ``track`` are the caller's fresh arrays, taken as
        they are, and the ``writes`` arrays are copied only when an event that writes them happens
        (``fire_events`` calls ``own``): in most weeks nothing that writes them fires, and on Flood the Zone
        the lines and interests alone are 5.6 KB a game.  Code applying effects itself calls ``own`` first."""

        def own(name: str) -> np.ndarray:
            value = getattr(state, name)
            return value.copy() if not lazy and (writes is None or name in writes) else value

        work = cls(
            alignment=alignment if lazy else alignment.copy(),
            ties=own("ties"),
            anchor_offset=own("anchor_offset"),
            interest=own("interest"),
            budget_mod=own("budget_mod"),
            power_mod=own("power_mod"),
            deputy_busy=own("deputy_busy"),
            fired=state.fired.copy(),
            track=(state.track if track is None else track)
            if lazy
            else (state.track if track is None else track).copy(),
            thresholds=own("thresholds"),
            decided=own("decided"),
        )
        if lazy:
            work._borrowed = frozenset(_STATE_WRITES) if writes is None else frozenset(writes)
        return work

    def own(self, names) -> None:
        """Copy the named arrays still borrowed from the state, before an effect writes them."""
        for name in names:
            if name in self._borrowed:
                setattr(self, name, getattr(self, name).copy())
                self._borrowed = self._borrowed - {name}


# The state arrays an effect may declare it writes (``EffectType.writes``): all but the three always copied.
_STATE_WRITES = tuple(
    f.name for f in dataclasses.fields(Work) if f.name not in ("alignment", "fired", "track", "_borrowed")
)


@dataclass(frozen=True)
class EffectType:
    name: str
    summary: str
    params: tuple[Param, ...]
    apply: Callable[[Work, np.ndarray, EffectSpec, Rules, int], None]
    example: str
    writes: tuple[str, ...] = ()  # the State arrays (other than alignment, fired, track) it changes


@dataclass(frozen=True)
class ConditionType:
    name: str
    summary: str
    params: tuple[Param, ...]
    holds: Callable[[Work, ConditionSpec, Rules, int, Dice, int], np.ndarray]
    example: str


EFFECTS: dict[str, EffectType] = {}
CONDITIONS: dict[str, ConditionType] = {}


def _effect(name: str, summary: str, params: tuple[Param, ...], example: str, writes: tuple[str, ...] = ()):
    def register(fn):
        EFFECTS[name] = EffectType(name, summary, params, fn, example, writes)
        return fn

    return register


def _condition(name: str, summary: str, params: tuple[Param, ...], example: str):
    def register(fn):
        CONDITIONS[name] = ConditionType(name, summary, params, fn, example)
        return fn

    return register


def _idx(games: np.ndarray, columns) -> tuple[np.ndarray | slice, np.ndarray]:
    """Open-mesh index of the selected games x selected columns (every game: a slice, ten times faster)."""
    columns = np.asarray(columns, dtype=np.int64)
    if games.all():
        return slice(None), columns
    return np.ix_(np.flatnonzero(games), columns)


def _future(rules: Rules, turn: int, spec: EffectSpec) -> slice:
    """The schedule slots an effect books: ``turns`` weeks starting ``delay`` weeks after this one."""
    first = turn + int(spec.param("delay", 1))
    return slice(min(first, rules.n_turns), min(first + int(spec.param("turns", 1)), rules.n_turns + 1))


_DELAY = Param("delay", "integer", "weeks after this one that the change starts", default=1, minimum=1, maximum=52)


_COUNTRIES = Param("countries", "countries", "who is affected")


@_effect(
    "shift",
    "Moves the alignment of the countries at once by a number of points (positive: toward Washington).",
    (_COUNTRIES, Param("by", "number", "alignment points", minimum=-100, maximum=100)),
    "shift: {countries: [DEU, FRA], by: 4}",
)
def _shift(work: Work, games, spec: EffectSpec, rules: Rules, turn: int) -> None:
    work.alignment[_idx(games, spec.param("countries"))] += float(spec.param("by"))


@_effect(
    "shift_anchor",
    "Moves the structural position the countries drift back to when neglected.",
    (_COUNTRIES, Param("by", "number", "alignment points", minimum=-100, maximum=100)),
    "shift_anchor: {countries: [CHN], by: -10}",
    writes=("anchor_offset",),
)
def _shift_anchor(work: Work, games, spec: EffectSpec, rules: Rules, turn: int) -> None:
    work.anchor_offset[_idx(games, spec.param("countries"))] += float(spec.param("by"))


@_effect(
    "tie",
    "Changes one kind of tie (0 = none, 1 = very strong); ties set the structural position.",
    (_COUNTRIES, Param("tie", "tie", "which tie"), Param("by", "number", "change", minimum=-1, maximum=1)),
    "tie: {countries: [IND], tie: russia_arms, by: 0.1}",
    writes=("ties",),
)
def _tie(work: Work, games, spec: EffectSpec, rules: Rules, turn: int) -> None:
    rows, cols = _idx(games, spec.param("countries"))
    k = int(spec.param("tie"))
    work.ties[rows, cols, k] = np.clip(work.ties[rows, cols, k] + float(spec.param("by")), 0.0, 1.0)


@_effect(
    "interest",
    "Changes how strongly the countries answer arguments on a topic (negative values make it backfire).",
    (_COUNTRIES, Param("topic", "topic", "which topic"), Param("by", "number", "change", minimum=-3, maximum=3)),
    "interest: {countries: [DEU], topic: energy_supply, by: 0.5}",
    writes=("interest",),
)
def _interest(work: Work, games, spec: EffectSpec, rules: Rules, turn: int) -> None:
    rows, cols = _idx(games, spec.param("countries"))
    t = int(spec.param("topic"))
    work.interest[rows, cols, t] = np.clip(work.interest[rows, cols, t] + float(spec.param("by")), -3.0, 3.0)


@_effect(
    "budget",
    "Adds to (or takes from) a side's calls or visits for the next weeks.",
    (
        Param("actor", "actor", "whose budget"),
        Param("resource", "resource", "calls or visits"),
        Param("by", "integer", "how many more (negative: fewer)", minimum=-20, maximum=20),
        Param("turns", "integer", "for how many weeks", default=1, minimum=1, maximum=52),
        _DELAY,
    ),
    "budget: {actor: USA, resource: visits, by: 1, turns: 2}",
    writes=("budget_mod",),
)
def _budget(work: Work, games, spec: EffectSpec, rules: Rules, turn: int) -> None:
    a, r = int(spec.param("actor")), Resource(int(spec.param("resource")))
    work.budget_mod[np.flatnonzero(games), a, r, _future(rules, turn, spec)] += int(spec.param("by"))


@_effect(
    "power",
    "Multiplies the effect of a side's calls and visits for the next weeks.",
    (
        Param("actor", "actor", "whose power"),
        Param("factor", "number", "multiplier", minimum=0, maximum=5),
        Param("turns", "integer", "for how many weeks", default=1, minimum=1, maximum=52),
        _DELAY,
    ),
    "power: {actor: USA, factor: 0.8, turns: 1}",
    writes=("power_mod",),
)
def _power(work: Work, games, spec: EffectSpec, rules: Rules, turn: int) -> None:
    a = int(spec.param("actor"))
    work.power_mod[np.flatnonzero(games), a, _future(rules, turn, spec)] *= float(spec.param("factor"))


@_effect(
    "deputy_busy",
    "Takes a deputy off the phones for the next weeks (talks, travel).",
    (
        Param("deputy", "deputy", "who"),
        Param("turns", "integer", "for how many weeks", default=1, minimum=1, maximum=52),
        _DELAY,
    ),
    "deputy_busy: {deputy: sherman, turns: 1}",
    writes=("deputy_busy",),
)
def _deputy_busy(work: Work, games, spec: EffectSpec, rules: Rules, turn: int) -> None:
    d = int(spec.param("deputy"))
    work.deputy_busy[np.flatnonzero(games), d, _future(rules, turn, spec)] = True


@_effect(
    "track",
    "Moves a track (a quantity of the whole crisis, 0..100) by a number of points.",
    (Param("track", "track", "which track"), Param("by", "number", "points", minimum=-100, maximum=100)),
    "track: {track: channel, by: 10}",
)
def _track(work: Work, games, spec: EffectSpec, rules: Rules, turn: int) -> None:
    work.track[np.flatnonzero(games), int(spec.param("track"))] += float(spec.param("by"))


_RUNG = Param("rung", "rung", "which commitment")


def _option_columns(spec: EffectSpec, rules: Rules) -> slice | int:
    option = spec.param("option", -1)
    return slice(1, None) if option is None or int(option) < 0 else int(option)


@_effect(
    "decide",
    "Decides a commitment outright: the countries stand on the option whatever their alignment (a bloc whose "
    "members are all decided decides that too).",
    (_COUNTRIES, _RUNG, Param("option", "option", "the option they take")),
    "decide: {countries: [DEU], rung: arms, option: 'yes'}",
    writes=("decided",),
)
def _decide(work: Work, games, spec: EffectSpec, rules: Rules, turn: int) -> None:
    rows, cols = _idx(games, spec.param("countries"))
    work.decided[rows, cols, int(spec.param("rung"))] = int(spec.param("option"))


@_effect(
    "close",
    "Closes a commitment to the countries: no alignment takes them past its first option (a rung that no "
    "longer applies, a vote they will sit out).",
    (_COUNTRIES, _RUNG),
    "close: {countries: [CHE], rung: arms}",
    writes=("thresholds",),
)
def _close(work: Work, games, spec: EffectSpec, rules: Rules, turn: int) -> None:
    rows, cols = _idx(games, spec.param("countries"))
    work.thresholds[rows, cols, int(spec.param("rung")), 1:] = np.nan


@_effect(
    "line",
    "Sets the line (the final alignment needed) of one option of a commitment for the countries, opening it "
    "if it was closed.",
    (
        _COUNTRIES,
        _RUNG,
        Param("option", "option", "which option (a pledge: yes)"),
        Param("at", "number", "the alignment needed", minimum=-100, maximum=100),
    ),
    "line: {countries: [DEU], rung: arms, option: 'yes', at: 30}",
    writes=("thresholds",),
)
def _line(work: Work, games, spec: EffectSpec, rules: Rules, turn: int) -> None:
    rows, cols = _idx(games, spec.param("countries"))
    work.thresholds[rows, cols, int(spec.param("rung")), int(spec.param("option"))] = float(spec.param("at"))


@_effect(
    "move_line",
    "Moves the lines of a commitment for the countries (negative: easier to reach); one option's, or every "
    "option's when none is named.  A closed line stays closed.",
    (
        _COUNTRIES,
        _RUNG,
        Param("by", "number", "alignment points", minimum=-200, maximum=200),
        Param("option", "option", "which option (default: all)", default=-1),
    ),
    "move_line: {countries: [HUN], rung: sanctions, by: -15}",
    writes=("thresholds",),
)
def _move_line(work: Work, games, spec: EffectSpec, rules: Rules, turn: int) -> None:
    rows, cols = _idx(games, spec.param("countries"))
    work.thresholds[rows, cols, int(spec.param("rung")), _option_columns(spec, rules)] += float(spec.param("by"))


@_condition(
    "track_at_least",
    "A track has reached at least the value.",
    (Param("track", "track", "which track"), Param("value", "number", "threshold", minimum=0, maximum=100)),
    "track_at_least: {track: channel, value: 50}",
)
def _track_at_least(work: Work, spec: ConditionSpec, rules: Rules, turn: int, dice: Dice, event: int) -> np.ndarray:
    return work.track[:, int(spec.param("track"))] >= float(spec.param("value"))


@_condition(
    "track_below",
    "A track is below the value.",
    (Param("track", "track", "which track"), Param("value", "number", "threshold", minimum=0, maximum=100)),
    "track_below: {track: channel, value: 20}",
)
def _track_below(work: Work, spec: ConditionSpec, rules: Rules, turn: int, dice: Dice, event: int) -> np.ndarray:
    return work.track[:, int(spec.param("track"))] < float(spec.param("value"))


@_condition(
    "alignment_at_least",
    "The country's alignment is at least the value.",
    (Param("country", "country", "which country"), Param("value", "number", "threshold", minimum=-100, maximum=100)),
    "alignment_at_least: {country: DEU, value: 20}",
)
def _at_least(work: Work, spec: ConditionSpec, rules: Rules, turn: int, dice: Dice, event: int) -> np.ndarray:
    return work.alignment[:, int(spec.param("country"))] >= float(spec.param("value"))


@_condition(
    "alignment_below",
    "The country's alignment is below the value.",
    (Param("country", "country", "which country"), Param("value", "number", "threshold", minimum=-100, maximum=100)),
    "alignment_below: {country: DEU, value: 0}",
)
def _below(work: Work, spec: ConditionSpec, rules: Rules, turn: int, dice: Dice, event: int) -> np.ndarray:
    return work.alignment[:, int(spec.param("country"))] < float(spec.param("value"))


@_condition(
    "mean_alignment_at_least",
    "The average alignment of the countries is at least the value.",
    (_COUNTRIES, Param("value", "number", "threshold", minimum=-100, maximum=100)),
    "mean_alignment_at_least: {countries: [B9], value: 50}",
)
def _mean_at_least(work: Work, spec: ConditionSpec, rules: Rules, turn: int, dice: Dice, event: int) -> np.ndarray:
    cols = np.asarray(spec.param("countries"), dtype=np.int64)
    return work.alignment[:, cols].mean(axis=1) >= float(spec.param("value"))


@_condition(
    "mean_alignment_below",
    "The average alignment of the countries is below the value.",
    (_COUNTRIES, Param("value", "number", "threshold", minimum=-100, maximum=100)),
    "mean_alignment_below: {countries: [B9], value: 40}",
)
def _mean_below(work: Work, spec: ConditionSpec, rules: Rules, turn: int, dice: Dice, event: int) -> np.ndarray:
    cols = np.asarray(spec.param("countries"), dtype=np.int64)
    return work.alignment[:, cols].mean(axis=1) < float(spec.param("value"))


@_condition(
    "fired",
    "Another event has already happened in this game.",
    (Param("event", "event", "which event"),),
    "fired: {event: geneva_talks}",
)
def _fired(work: Work, spec: ConditionSpec, rules: Rules, turn: int, dice: Dice, event: int) -> np.ndarray:
    return work.fired[:, int(spec.param("event"))].copy()


@_condition(
    "not_fired",
    "Another event has not happened (yet) in this game.",
    (Param("event", "event", "which event"),),
    "not_fired: {event: geneva_talks}",
)
def _not_fired(work: Work, spec: ConditionSpec, rules: Rules, turn: int, dice: Dice, event: int) -> np.ndarray:
    return ~work.fired[:, int(spec.param("event"))]


@_condition(
    "chance",
    "Happens with the given probability (drawn from the game's seed).",
    (Param("p", "probability", "probability", minimum=0, maximum=1),),
    "chance: {p: 0.5}",
)
def _chance(work: Work, spec: ConditionSpec, rules: Rules, turn: int, dice: Dice, event: int) -> np.ndarray:
    games = np.arange(work.alignment.shape[0])
    return dice.uniform(games, turn, Purpose.EVENT_CHANCE, event) < float(spec.param("p"))


def writes_this_week(rules: Rules, turn: int) -> frozenset:
    """The state arrays the events that may happen in week ``turn`` can change (most weeks: none)."""
    return frozenset(
        name
        for event in rules.events
        if event.turn < 0 or event.turn == turn
        for effect in event.effects
        for name in EFFECTS[effect.kind].writes
    )


def fire_events(
    work: Work, rules: Rules, turn: int, dice: Dice, record: bool = True, raised: np.ndarray | None = None
) -> list[tuple[int, np.ndarray, np.ndarray | None]]:
    """Apply this week's events.  Returns (event index, games mask, alignment delta (B, C)) per event
    that happened in at least one game; the delta is None unless ``record`` (only records read it).
    ``raised`` (B, E) bool: the escalations a side raised this week in each game (None: none)."""
    happened = []
    for event in rules.events:
        if event.turn >= 0 and event.turn != turn:
            continue
        if work.fired[:, event.index].all():
            continue
        games = ~work.fired[:, event.index]
        if event.raised_by >= 0:
            # An escalation happens only where its side raised it, through the same path as any event.
            if raised is None:
                continue
            games &= raised[:, event.index]
            if not games.any():
                continue
        for cond in event.conditions:
            games &= CONDITIONS[cond.kind].holds(work, cond, rules, turn, dice, event.index)
        if not games.any():
            continue
        before = work.alignment.copy() if record else None
        for effect in event.effects:
            work.own(EFFECTS[effect.kind].writes)
            EFFECTS[effect.kind].apply(work, games, effect, rules, turn)
        # Keep the scales after each event, so the next event's conditions see on-scale values and the
        # recorded shift is what the event really did.
        np.clip(work.alignment, -100.0, 100.0, out=work.alignment)
        np.clip(work.track, 0.0, 100.0, out=work.track)
        work.fired[games, event.index] = True
        happened.append((event.index, games, None if before is None else work.alignment - before))
    return happened
