"""A tiny hand-made world for the numbered rule cases: small enough to compute every number by hand.

Four countries in two regions, two topics, two sides (Washington +1, Moscow -1), three deputies, two
groups.  Luck, drift and spill-over are switched off unless a case switches them on, so that an expected
value is the product of the factors of ``game.engine.resolve.contact_effects`` and nothing else.

    country  region  start  mobility  interest t0 / t1   ties ally / energy  offset  anchor
    AAA (0)  north      0     1.0        1.0 / -0.5          0.5 / 0.0         0       20
    BBB (1)  north     50     1.0        0.5 /  1.0          1.0 / 0.0         0       40
    CCC (2)  north    -20     0.5        1.0 /  1.0          0.0 / 1.0        10      -20
    DDD (3)  south     90     1.0        1.0 /  0.5          1.0 / 0.5         0       25

    tie weights: ally +40, energy -30
    Washington: power 10, leverage t0 1.0 / t1 0.8, 3 calls and 1 visit a week
    Moscow:     power  8, leverage t0 0.5 / t1 0.0 (cannot raise t1), 2 calls and 1 visit a week
"""

from __future__ import annotations

import dataclasses

import numpy as np

from game.engine import (
    ConditionSpec,
    Dice,
    EffectSpec,
    EventSpec,
    Kind,
    Labels,
    Ladder,
    Order,
    Rules,
    RungKind,
    Sheet,
    State,
    initial_state,
    resolve_turn,
)

W, M = 0, 1  # Washington (+1) and Moscow (-1)
AAA, BBB, CCC, DDD = 0, 1, 2, 3
T0, T1 = 0, 1  # "Security" (both sides) and "Trade" (Washington only)
D_ONE, D_TWO, D_THREE = 0, 1, 2  # Washington's specialist on T0, Washington's generalist, Moscow's
CORE, PAIR = 0, 1  # CORE = AAA, BBB, CCC (Washington convenes); PAIR = BBB, DDD (both convene)
NORTH, SOUTH = 0, 1
CALLS, VISITS = 0, 1

NAN = float("nan")


def tiny_rules(**changes) -> Rules:
    """The tiny world's Rules; keyword arguments replace fields (e.g. ``drift_rate=0.1``)."""
    rules = Rules(
        labels=Labels(
            countries=("Avalon", "Borduria", "Carpania", "Dorsia"),
            topics=("Security", "Trade"),
            actors=("Washington", "Moscow"),
            groups=("Core group", "Pair"),
            regions=("North", "South"),
            deputies=("Deputy One", "Deputy Two", "Deputy Three"),
            rungs=("UN vote", "Sanctions", "Arms", "Energy help"),
            options=(("votes no", "absent", "abstains", "votes yes"), ("no", "yes"), ("no", "yes"), ("no", "yes")),
        ),
        countries=("AAA", "BBB", "CCC", "DDD"),
        topics=("t0", "t1"),
        actors=("WAS", "MOS"),
        groups=("CORE", "PAIR"),
        regions=("north", "south"),
        deputies=("one", "two", "three"),
        tie_kinds=("ally", "energy"),
        n_turns=4,
        alignment_start=np.array([0.0, 50.0, -20.0, 90.0]),
        ties_start=np.array([[0.5, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 0.5]]),
        anchor_offset_start=np.array([0.0, 0.0, 10.0, 0.0]),
        interest_start=np.array([[1.0, -0.5], [0.5, 1.0], [1.0, 1.0], [1.0, 0.5]]),
        mobility=np.array([1.0, 1.0, 0.5, 1.0]),
        volatility=np.array([1.0, 1.0, 1.0, 1.0]),
        region_of=np.array([NORTH, NORTH, NORTH, SOUTH]),
        score_weight=np.array([1.0, 2.0, 1.0, 1.0]),
        tie_weight=np.array([40.0, -30.0]),
        group_members=np.array([[True, True, True, False], [False, True, False, True]]),
        group_conveners=np.array([[True, True], [False, True]]),
        spill_matrix=np.zeros((4, 4)),
        actor_sign=np.array([1.0, -1.0]),
        actor_power=np.array([10.0, 8.0]),
        leverage=np.array([[1.0, 0.8], [0.5, 0.0]]),
        base_budget=np.array([[3, 1], [2, 1]]),
        deputy_actor=np.array([W, W, M]),
        deputy_specialty=np.array([T0, -1, T0]),
        # call, visit, deputy call, multilateral (and 0 for any later kind of order)
        kind_strength=np.array([1.0, 2.0, 0.5, 0.5] + [0.0] * (len(Kind) - 4)),
        visit_travel_calls=2,
        visit_max_stops=2,
        visit_stop_decay=0.5,
        deputy_specialty_bonus=1.5,
        room_exponent=1.0,
        noise_sigma=0.0,
        fatigue_k=0.5,
        fatigue_decay=0.5,
        drift_rate=0.0,
        drift_in_touch=0.3,
        neglect_weeks=4.0,
        spill_rate=0.0,
        events=(),
        ladder=classic_ladder(
            un_abstain=[-40.0, -40.0, -40.0, -40.0],
            un_yes=[0.0, 0.0, 0.0, 0.0],
            sanctions=[30.0, 30.0, 30.0, 30.0],
            arms=[60.0, 60.0, NAN, 60.0],
            energy=[NAN, NAN, NAN, 10.0],
            points=(0.5, 1.0, 2.0, 1.0, 2.0),
        ),
        tiers=(("Win", 60.0), ("Draw", 30.0), ("Loss", 0.0)),
    )
    return dataclasses.replace(rules, **changes) if changes else rules


UN_VOTE, SANCTIONS, ARMS, ENERGY = range(4)  # the rungs of the classic ladder
NO, ABSENT, ABSTAIN, YES = range(4)  # the options of its vote


def classic_ladder(un_abstain, un_yes, sanctions, arms, energy, points, blocs=()) -> Ladder:
    """The ladder of the first crises: a UN vote (no, absent, abstain, yes), sanctions, arms and energy help,
    with per-country lines (NaN: closed) and points (abstain, yes, sanctions, arms, energy)."""
    abstain_pts, yes_pts, sanctions_pts, arms_pts, energy_pts = points
    n = len(un_abstain)
    lines = np.full((n, 4, 4), NAN)
    lines[:, UN_VOTE, ABSTAIN] = un_abstain
    lines[:, UN_VOTE, YES] = un_yes
    lines[:, SANCTIONS, 1] = sanctions
    lines[:, ARMS, 1] = arms
    lines[:, ENERGY, 1] = energy
    table = np.zeros((4, 4))
    table[UN_VOTE, ABSTAIN], table[UN_VOTE, YES] = abstain_pts, yes_pts
    table[SANCTIONS, 1], table[ARMS, 1], table[ENERGY, 1] = sanctions_pts, arms_pts, energy_pts
    return Ladder(
        rungs=("un_vote", "sanctions", "arms", "energy_help"),
        kinds=(RungKind.VOTE, RungKind.PLEDGE, RungKind.PLEDGE, RungKind.PLEDGE),
        options=(("no", "absent", "abstain", "yes"), ("no", "yes"), ("no", "yes"), ("no", "yes")),
        points=table,
        thresholds=lines,
        blocs=tuple(blocs),
    )


def engage_rules(**changes) -> Rules:
    """The tiny world with one track, "Channel" (start 10, loses 20% a week without contact, worth 5 points
    at 40), and a channel between the sides: raising Trade with the other side moves it 20 points a contact;
    when Washington talks to Moscow, Avalon moves -3 and Borduria +2; when Moscow does, Dorsia moves -4."""
    reaction = np.zeros((2, 4))
    reaction[W, AAA], reaction[W, BBB], reaction[M, DDD] = -3.0, 2.0, -4.0
    base = tiny_rules()
    settings = dict(
        labels=dataclasses.replace(base.labels, tracks=("Channel",)),
        tracks=("channel",),
        track_start=np.array([10.0]),
        track_decay=np.array([0.2]),
        track_threshold=np.array([40.0]),
        track_points=np.array([5.0]),
        can_engage=np.array([True, True]),
        engage_gain=np.array([[0.0], [20.0]]),  # Security: nothing; Trade: +20
        engage_reaction=reaction,
    )
    settings.update(changes)
    return dataclasses.replace(base, **settings)


def engage(actor: int, topic: int, deputy: int = -1) -> Order:
    return Order(actor, Kind.ENGAGE, topic, deputy=deputy)


def event(index: int, turn: int, effects=(), conditions=()) -> EventSpec:
    """An event from ``(kind, {param: value})`` pairs, as the scenario compiler would build it."""
    return EventSpec(
        index=index,
        turn=turn,
        conditions=tuple(ConditionSpec(kind, tuple(params.items())) for kind, params in conditions),
        effects=tuple(EffectSpec(kind, tuple(params.items())) for kind, params in effects),
    )


def with_events(*events: EventSpec, **changes) -> Rules:
    return tiny_rules(events=tuple(events), **changes)


# Orders, in words.
def call(actor: int, topic: int, country: int) -> Order:
    return Order(actor, Kind.CALL, topic, (country,))


def visit(actor: int, topic: int, *stops: int) -> Order:
    return Order(actor, Kind.VISIT, topic, tuple(stops))


def deputy_call(deputy: int, topic: int, country: int, actor: int = W) -> Order:
    return Order(actor, Kind.DEPUTY_CALL, topic, (country,), deputy=deputy)


def convene(actor: int, topic: int, group: int) -> Order:
    return Order(actor, Kind.MULTILATERAL, topic, group=group)


def sheet(actor: int, *orders: Order) -> Sheet:
    return Sheet(actor, tuple(orders))


def play_week(rules: Rules, state: State, *sheets: Sheet, seed: int = 0):
    """Resolve one week of a single game; returns the TurnResult."""
    return resolve_turn(state, sheets, rules, Dice.single(seed))


def after_week(rules: Rules, *sheets: Sheet, state: State | None = None, seed: int = 0) -> np.ndarray:
    """The alignment (C,) after one week from ``state`` (default: the start)."""
    state = initial_state(rules) if state is None else state
    return play_week(rules, state, *sheets, seed=seed).state.alignment[0]


def at(rules: Rules, alignment=None, **changes) -> State:
    """The start state of the tiny world with some arrays replaced (a batch of one)."""
    state = initial_state(rules)
    if alignment is not None:
        changes["alignment"] = np.asarray(alignment, dtype=np.float64)[None, :]
    return state.evolve(**changes) if changes else state
