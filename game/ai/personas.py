"""Rival personas: recognisable styles of the Russian side, each at four levels of strength.

A persona is a *style* - which capitals and which arguments it prefers - read from the scenario's own data
(ties, groups, interests, leverage), so it plays any scenario, not just Flood the Zone:

* ``charm_tour`` - Lavrov's charm tour: trips and calls to the capitals outside the Western alliances, on
  the soft arguments (dialogue, trade and business, a "new world order").
* ``energy_pressure`` - gas as a lever: the energy argument, pressed on the countries that depend on Russian
  energy.
* ``wedge`` - the wedge between allies: the least committed members of the other side's alliances, on what
  each answers most, and the groups the rival may convene itself (the OSCE) on dialogue.

Levels (``persona:level``; 3 when omitted):

1. *novice* - half the principal's calls, to targets of the style drawn at random; no deputies, no trips.
2. *steady* - the whole budget on a fixed rotation through the style's best targets, as a scripted
   campaign would (the historical playbook works the same way).
3. *sharp* - every order chosen for its expected gain in commitments this week (the greedy bot's measure),
   among the style's orders only.
4. *ruthless* - looks ahead to the day of the commitments: besides level 3's plan it makes one aimed at the
   end of the crisis - it plays the rest of the crisis out (the other side modelled by its historical
   playbook, itself at level 3) to see where each capital will stand at the end, and values each move, over
   every strong argument the side has, by the commitments its lasting share changes *there* - then plays both
   plans to the end on the same seeds and keeps the one that ends with the better score.

The historical playbook stays the default rival (``historical``); the personas are opt-in.  Each persona
policy works on a whole batch of games at once (``.batch``) and on one game (a batch of one), so the same
code serves ``simulate``, the balance lab and the game.
"""

from __future__ import annotations

import dataclasses
import weakref
from dataclasses import dataclass

import numpy as np

from game.engine import Dice, Kind, Order, Purpose, Resource, Rules, Sheet, State
from game.engine.orders import rival_of
from game.engine.outcome import score_of
from game.scenario.build import Scenario

from .answering import escalation_to_raise
from .batch_policies import LegalityCached, free_deputies, play_weeks, tile_state, week_budgets
from .catalog import SheetBatch, catalog
from .policies import historical
from .value import bloc_gain, smooth_value, unanimous_blocs

LEVELS = {1: "novice", 2: "steady", 3: "sharp", 4: "ruthless"}
DEFAULT_LEVEL = 3

_ENERGY_WORDS = ("energy", "gas", "oil", "fuel")
_SOFT_WORDS = ("dialogue", "business", "trade", "order", "talk", "peace", "invest", "grain", "food", "diplomacy")


@dataclass(frozen=True)
class Persona:
    id: str
    name: str
    summary: str


PERSONAS = {
    p.id: p
    for p in (
        Persona(
            "charm_tour",
            "Lavrov's charm tour",
            "Trips and calls to the capitals outside the Western alliances, on dialogue, business and a new "
            "world order.",
        ),
        Persona(
            "energy_pressure",
            "Energy pressure",
            "The gas lever, pressed on the countries that depend on Russian energy.",
        ),
        Persona(
            "wedge",
            "The wedge between allies",
            "Work on the least committed members of the other side's alliances; convene what Moscow may "
            "convene (the OSCE) on dialogue.",
        ),
    )
}


def persona_names() -> list[str]:
    """Every ``persona:level`` name, for help texts and the balance lab."""
    return [f"{p}:{level}" for p in PERSONAS for level in LEVELS]


# ------------------------------------------------------------------------------------------- styles


def _words(code: str, words: tuple[str, ...]) -> bool:
    code = code.lower()
    return any(w in code for w in words)


@dataclass(frozen=True)
class Style:
    """A persona's preferences for one actor of one scenario, as arrays."""

    weight: np.ndarray  # (C, T) >= 0: how much the style likes raising topic t with country c
    trips: tuple[tuple[tuple[int, ...], int], ...]  # (stops, topic) of the trips the style makes
    groups: tuple[tuple[int, int], ...]  # (group, topic) of the group calls the style makes


def _topic_sets(rules: Rules, actor: int) -> tuple[np.ndarray, np.ndarray]:
    usable = rules.leverage[actor] > 0
    energy = usable & np.array([_words(t, _ENERGY_WORDS) for t in rules.topics])
    if not energy.any() and usable.any():
        energy = np.zeros_like(usable)
        energy[int(np.argmax(np.where(usable, rules.leverage[actor], -np.inf)))] = True
    soft = usable & np.array([_words(t, _SOFT_WORDS) for t in rules.topics])
    if not soft.any():
        soft = usable & ~energy
    if not soft.any():
        soft = usable.copy()
    return energy, soft


def _tie(rules: Rules, words: tuple[str, ...]) -> np.ndarray:
    cols = [k for k, code in enumerate(rules.tie_kinds) if _words(code, words)]
    if not cols:
        return np.zeros(rules.n_countries)
    return np.clip(rules.ties_start[:, cols].max(axis=1), 0.0, 1.0)


def build_style(rules: Rules, persona: str, actor: int) -> Style:
    c_n = rules.n_countries
    other = rival_of(rules, actor)
    sign = rules.actor_sign[actor]
    usable = rules.leverage[actor] > 0
    energy, soft = _topic_sets(rules, actor)
    interest = np.clip(rules.interest_start, 0.0, None) * rules.leverage[actor][None, :]
    ally = (
        rules.group_members[rules.group_conveners[other]].any(axis=0)
        if rules.group_conveners[other].any()
        else (np.zeros(c_n, dtype=bool))
    )
    alliance = _tie(rules, ("alliance",))
    if alliance.any():
        # The other side's allies proper, not every country it can convene (the Gulf producers, the Quad).
        ally = alliance >= 0.5
    alliance = np.maximum(alliance, ally * 0.5)
    # Toward the other side's end of the scale: 0 for a country already on ours, up to 1 at the far end.
    lean = np.clip(-sign * rules.alignment_start / 100.0, -1.0, 1.0)
    trips_out: list[tuple[tuple[int, ...], int]] = []
    groups_out: list[tuple[int, int]] = []
    if persona == "charm_tour":
        hedger = np.where(np.abs(rules.alignment_start) <= 40, 1.0, 0.3) * (lean < 0.6)
        w = soft[None, :] * interest * ((1.0 - 0.7 * alliance) * hedger)[:, None]
    elif persona == "energy_pressure":
        dependence = _tie(rules, _ENERGY_WORDS)
        w = energy[None, :] * interest * (0.25 + dependence)[:, None] * (lean < 0.7)[:, None]
    elif persona == "wedge":
        # The weak links: allies least firmly on the other side (its end of the scale is -sign).
        weak = np.clip((60.0 + sign * rules.alignment_start) / 40.0, 0.2, 1.0)
        w = usable[None, :] * interest * (ally * weak)[:, None]
        if not ally.any():
            w = usable[None, :] * interest * weak[:, None]
        for g in np.flatnonzero(rules.group_conveners[actor]):
            members = rules.group_members[g]
            if (members & ally).any():
                t = int(np.argmax(np.where(soft, (interest * members[:, None]).sum(axis=0), -np.inf)))
                groups_out.append((int(g), t))
    else:
        raise ValueError(f"unknown persona '{persona}' (choose from {', '.join(PERSONAS)})")
    w = np.where(usable[None, :], w, 0.0)
    if persona == "charm_tour" and rules.visit_max_stops >= 1:
        liked = w.max(axis=1)
        for region in range(len(rules.regions)):
            members = [int(c) for c in np.flatnonzero(rules.region_of == region) if liked[c] > 0]
            members = sorted(members, key=lambda c: -liked[c])[: max(1, rules.visit_max_stops)]
            if not members:
                continue
            stops = tuple(sorted(members[: rules.visit_max_stops]))
            t = int(np.argmax(np.where(soft, w[list(stops)].sum(axis=0), -np.inf)))
            trips_out.append((stops, t))
    return Style(w, tuple(trips_out), tuple(groups_out))


def _cached(cache: dict, rules: Rules, key: tuple, build):
    """A per-Rules cache entry that dies with the rules (a perturbed copy in the balance lab, say)."""
    full = (id(rules), *key)
    hit = cache.get(full)
    if hit is None or hit[0]() is not rules:
        hit = (weakref.ref(rules, lambda _ref, full=full: cache.pop(full, None)), build())
        cache[full] = hit
    return hit[1]


_STYLES: dict[tuple, tuple[weakref.ref, Style]] = {}


def style_of(rules: Rules, persona: str, actor: int) -> Style:
    return _cached(_STYLES, rules, (persona, actor), lambda: build_style(rules, persona, actor))


def _top_pairs(style: Style, n: int) -> list[tuple[int, int]]:
    flat = style.weight.ravel()
    order = np.argsort(-flat, kind="stable")
    t_n = style.weight.shape[1]
    return [(int(i // t_n), int(i % t_n)) for i in order[:n] if flat[i] > 0]


# --------------------------------------------------------------------------------- level 1: novice


def _novice(scenario: Scenario, state: State, actor: int, dice: Dice, persona: str) -> SheetBatch:
    rules = scenario.rules
    b = state.games
    style = style_of(rules, persona, actor)
    flat = style.weight.ravel()
    if b == 0 or flat.sum() <= 0 or state.turn >= rules.n_turns:
        return SheetBatch.empty(actor)
    cdf = np.cumsum(flat) / flat.sum()
    calls = week_budgets(rules, state, actor)[:, Resource.CALLS]
    n = (calls + 1) // 2
    most = int(n.max())
    purpose = Purpose.POLICY if actor == scenario.player else Purpose.RIVAL_POLICY
    # Keys 7000+: this persona's own draws, apart from the random bot's.
    u = dice.uniform(np.arange(b)[:, None], state.turn, purpose, actor, 7000 + np.arange(most)[None, :])
    pair = np.minimum(np.searchsorted(cdf, u, side="right"), flat.size - 1)
    cat = catalog(rules, actor)
    t_n = rules.n_topics
    ids = np.array(
        [cat.id_of(Order(actor, Kind.CALL, int(p % t_n), (int(p // t_n),))) for p in range(flat.size)], dtype=np.int64
    )
    take = np.arange(most)[None, :] < n[:, None]
    game = np.broadcast_to(np.arange(b)[:, None], take.shape)[take]
    return SheetBatch.from_rows(actor, game, ids[pair[take]])


# --------------------------------------------------------------------------------- level 2: steady


def _steady_sheet(scenario: Scenario, state: State, actor: int, persona: str) -> Sheet:
    """One game's sheet: the style's signature move, then its best targets in rotation."""
    from game.engine import why_illegal

    rules = scenario.rules
    style = style_of(rules, persona, actor)
    sheet = Sheet(actor)
    week = state.turn
    if style.trips:
        stops, topic = style.trips[week % len(style.trips)]
        order = Order(actor, Kind.VISIT, topic, stops)
        if why_illegal(rules, state, sheet, order) is None:
            sheet = sheet.with_order(order)
    for group, topic in style.groups:
        order = Order(actor, Kind.MULTILATERAL, topic, group=group)
        if why_illegal(rules, state, sheet, order) is None:
            sheet = sheet.with_order(order)
    pairs = _top_pairs(style, 8)
    if not pairs:
        return sheet
    position = week * 3
    for _ in range(len(pairs) * 2):
        c, t = pairs[position % len(pairs)]
        order = Order(actor, Kind.CALL, t, (c,))
        if why_illegal(rules, state, sheet, order) is not None:
            break
        sheet = sheet.with_order(order)
        position += 1
    for deputy in range(len(rules.deputies)):
        if rules.deputy_actor[deputy] != actor:
            continue
        c, t = pairs[position % len(pairs)]
        position += 1
        order = Order(actor, Kind.DEPUTY_CALL, t, (c,), deputy=deputy)
        if why_illegal(rules, state, sheet, order) is None:
            sheet = sheet.with_order(order)
    return sheet


# ---------------------------------------------------------------------------- levels 3-4: scoring


_GRID = np.linspace(-100.0, 100.0, 801)
_GRID_STEP = _GRID[1] - _GRID[0]


class _ValueTable:
    """The greedy bot's smooth commitment value of each country, tabulated on a grid (linear in between)
    so that a batch can evaluate thousands of candidate moves cheaply."""

    def __init__(self, rules: Rules):
        c_n = rules.n_countries
        # A bloc's rung is valued together (``bloc_gain``), not country by country.
        values = np.stack([smooth_value(rules, _GRID, np.full(_GRID.size, c), without_blocs=True) for c in range(c_n)])
        self.flat = values.ravel()
        self.n = _GRID.size

    def __call__(self, x: np.ndarray, country: np.ndarray) -> np.ndarray:
        pos = (np.clip(x, -100.0, 100.0) + 100.0) / _GRID_STEP
        i = np.minimum(pos.astype(np.int64), self.n - 2)
        frac = pos - i
        base = country * self.n + i
        return self.flat[base] * (1.0 - frac) + self.flat[base + 1] * frac


@dataclass(frozen=True)
class _Candidates:
    oid: np.ndarray  # (N,) catalogue ids
    cost: np.ndarray  # (N,) budget units (a deputy's call is nearly free, as for the greedy bot)
    klass: np.ndarray  # (N,) 0 principal call, 1 visit, 2 + d deputy d, 100 + g group g
    c_cand: np.ndarray  # (K,) candidate of each contact
    c_country: np.ndarray
    c_topic: np.ndarray
    c_strength: np.ndarray
    c_mult: np.ndarray  # sign * power * strength * leverage * mobility: the state-free factors
    c_first: np.ndarray  # (N,) first contact of each candidate (contacts are grouped by candidate)
    c_n: np.ndarray  # (N,) contacts of each candidate
    bonus: np.ndarray  # (N,) style preference multiplier
    group_of: np.ndarray  # (K,) the group a contact convenes, or -1 (a convened group tires as a whole)
    e_contact: np.ndarray  # (E,) the contact whose argument is heard elsewhere (the scenario's echoes)
    e_country: np.ndarray  # (E,) the capital that hears it
    e_share: np.ndarray  # (E,) the share of the contact's shift it moves there (negative: away)
    e_to_cand: np.ndarray  # (E, N) 1 where echo e belongs to candidate n: sums each candidate's echoes


def _candidates(rules: Rules, persona: str, actor: int, level: int) -> _Candidates:
    style = style_of(rules, persona, actor)
    cat = catalog(rules, actor)
    w = style.weight
    top = w.max() if w.size else 0.0
    deps = [d for d in range(len(rules.deputies)) if rules.deputy_actor[d] == actor]
    if level >= 4:
        # Every argument that moves a country more than the default interest does, and the style's own.
        reach = np.clip(rules.interest_start, 0.0, None) * rules.leverage[actor][None, :] * rules.mobility[:, None]
        usable = reach[:, rules.leverage[actor] > 0]
        strong = reach > np.quantile(usable, 0.6) if usable.size else np.zeros_like(reach, dtype=bool)
        pairs = [(c, t) for c, t in zip(*np.nonzero(strong | (w >= 0.15 * top)))]
    else:
        pairs = [(c, t) for c, t in zip(*np.nonzero(w >= 0.15 * top)) if top > 0]
    orders: list[tuple[Order, float, int, float]] = []
    for c, t in pairs:
        pref = 1.0
        orders.append((Order(actor, Kind.CALL, int(t), (int(c),)), 1.0, 0, pref))
        for d in deps:
            orders.append((Order(actor, Kind.DEPUTY_CALL, int(t), (int(c),), deputy=d), 0.05, 2 + d, pref))
    for stops, t in style.trips:
        orders.append((Order(actor, Kind.VISIT, t, stops), 1.0 + rules.visit_travel_calls, 1, 1.0))
    for g, t in style.groups:
        orders.append((Order(actor, Kind.MULTILATERAL, t, group=g), 1.0, 100 + g, 1.0))
    ids = np.array([cat.id_of(o) for o, *_ in orders], dtype=np.int64)
    cat.arrays()
    n = cat.n_contacts[ids]
    cand = np.repeat(np.arange(ids.size), n)
    spans = [np.arange(cat.first_contact[i], cat.first_contact[i] + cat.n_contacts[i]) for i in ids]
    flat = np.concatenate(spans) if spans else np.zeros(0, dtype=np.int64)
    country = cat.c_country[flat]
    topic = cat.topic[ids][cand]
    strength = cat.c_strength[flat]
    mult = (
        rules.actor_sign[actor]
        * rules.actor_power[actor]
        * strength
        * rules.leverage[actor, topic]
        * rules.mobility[country]
    )
    group_of = np.where(cat.kind[ids] == int(Kind.MULTILATERAL), cat.group[ids], -1)[cand]
    echo = rules.echo[topic, country] if rules.echo.size else np.zeros((cand.size, rules.n_countries))
    e_contact, e_country = np.nonzero(echo)
    e_to_cand = np.zeros((e_contact.size, ids.size))
    e_to_cand[np.arange(e_contact.size), cand[e_contact]] = 1.0
    return _Candidates(
        oid=ids,
        cost=np.array([o[1] for o in orders]),
        klass=np.array([o[2] for o in orders], dtype=np.int64),
        c_cand=cand,
        c_country=country,
        c_topic=topic,
        c_strength=strength,
        c_mult=mult,
        c_first=(np.cumsum(n) - n).astype(np.int64),
        c_n=n.astype(np.int64),
        bonus=np.array([o[3] for o in orders]),
        group_of=group_of.astype(np.int64),
        e_contact=e_contact.astype(np.int64),
        e_country=e_country.astype(np.int64),
        e_share=echo[e_contact, e_country],
        e_to_cand=e_to_cand,
    )


_CANDIDATES: dict[tuple, tuple[weakref.ref, _Candidates]] = {}
_VALUES: dict[tuple, tuple[weakref.ref, _ValueTable]] = {}


def _scoring_tables(rules: Rules, persona: str, actor: int, level: int) -> tuple[_Candidates, _ValueTable]:
    candidates = _cached(_CANDIDATES, rules, (persona, actor, level), lambda: _candidates(rules, persona, actor, level))
    return candidates, _cached(_VALUES, rules, (), lambda: _ValueTable(rules))


def _scoring(
    scenario: Scenario,
    state: State,
    actor: int,
    persona: str,
    level: int,
    at: np.ndarray | None = None,
    lasting: float = 1.0,
) -> SheetBatch:
    """Greedy in lock step over the batch: each step adds, in every game still choosing, the legal
    candidate with the best expected gain per unit of budget; a game stops when nothing helps.  ``level``
    picks the candidates: 3 the style's orders, 4 every strong argument as well.  The gain is the change of
    the commitment value at ``at`` (B, C) - by default this week's alignment - when a move's ``lasting``
    share is added to it."""
    rules = scenario.rules
    b = state.games
    if b == 0 or state.turn >= rules.n_turns:
        return SheetBatch.empty(actor)
    have = week_budgets(rules, state, actor)
    deps, free = free_deputies(rules, state, actor)
    work = _Greedy(
        calls=have[:, Resource.CALLS].astype(np.int64),
        visits=have[:, Resource.VISITS].astype(np.int64),
        dep_free=np.zeros((b, len(rules.deputies)), dtype=bool),
        group_used=np.zeros((b, len(rules.groups)), dtype=bool),
        pending_units=np.zeros((b, rules.n_countries)),
        pending_delta=np.zeros((b, rules.n_countries)),
        placed=np.zeros(b, dtype=np.int64),
    )
    work.dep_free[:, deps] = free
    cand, value = _scoring_tables(rules, persona, actor, level)
    if cand.oid.size:
        _greedy_pass(rules, state, actor, cand, value, work, state.alignment if at is None else at, lasting)
    if not work.rows_game:
        return SheetBatch.empty(actor)
    game = np.concatenate(work.rows_game)
    slot = np.concatenate(work.rows_slot)
    position = (np.cumsum(work.placed) - work.placed)[game] + slot
    out = np.empty((3, game.size), dtype=np.int64)
    out[0, position], out[1, position], out[2, position] = game, slot, np.concatenate(work.rows_oid)
    return SheetBatch(actor, out[0], out[1], out[2])


@dataclass
class _Greedy:
    """What a greedy pass carries over to the next: budgets left, what the sheet already does, the rows."""

    calls: np.ndarray
    visits: np.ndarray
    dep_free: np.ndarray
    group_used: np.ndarray
    pending_units: np.ndarray
    pending_delta: np.ndarray
    placed: np.ndarray
    rows_game: list = dataclasses.field(default_factory=list)
    rows_slot: list = dataclasses.field(default_factory=list)
    rows_oid: list = dataclasses.field(default_factory=list)


def _greedy_pass(
    rules: Rules,
    state: State,
    actor: int,
    cand: _Candidates,
    value: _ValueTable,
    work: _Greedy,
    at: np.ndarray,
    lasting: float,
) -> None:
    b = state.games
    turn = state.turn
    sign = rules.actor_sign[actor]
    x0 = state.alignment
    cc, ct = cand.c_country, cand.c_topic
    room = np.clip((100.0 - sign * x0[:, cc]) / 200.0, 0.0, 1.0) ** rules.room_exponent
    base = cand.c_mult[None, :] * state.power_mod[:, actor, turn][:, None] * state.interest[:, cc, ct] * room
    convened = cand.group_of >= 0
    if rules.group_fatigue_k > 0 and convened.any() and state.group_recent.shape[2] == len(rules.groups):
        # A group this side convened lately listens less as a whole, as the engine divides its contacts.
        tired = state.group_recent[:, actor, :][:, np.maximum(cand.group_of, 0)]
        base = base / np.where(convened[None, :], 1.0 + rules.group_fatigue_k * tired, 1.0)
    ec, ee = cand.e_contact, cand.e_country
    echoes = ec.size > 0
    recent = state.recent[:, actor, :]
    units = cand.c_strength / rules.kind_strength[Kind.CALL]
    klass = cand.klass
    principal = klass == 0
    visit = klass == 1
    deputy = (klass >= 2) & (klass < 100)
    group = klass >= 100
    dep_of = np.where(deputy, klass - 2, 0)
    group_of = np.where(group, klass - 100, 0)
    need_calls = np.where(principal | group, 1, np.where(visit, rules.visit_travel_calls, 0))
    blocs = bool(unanimous_blocs(rules))
    live = np.arange(b)
    for _step in range(64):
        if live.size == 0:
            break
        fatigue = 1.0 / (1.0 + rules.fatigue_k * (recent[live][:, cc] + work.pending_units[live][:, cc]))
        delta = base[live] * fatigue * lasting
        x_now = at[live][:, cc] + work.pending_delta[live][:, cc]
        country = np.broadcast_to(cc, x_now.shape)
        change = value(x_now + delta, country) - value(x_now, country)
        if blocs:
            x_all = at[live] + work.pending_delta[live]
            change = change + bloc_gain(rules, x_all, delta, cc, state.thresholds[live])
        gains = np.add.reduceat(change, cand.c_first, axis=1)
        if echoes:
            # The argument heard in other capitals moves them too, often away: counted as the engine does.
            heard = delta[:, ec] * cand.e_share[None, :]
            x_heard = at[live][:, ee] + work.pending_delta[live][:, ee]
            where = np.broadcast_to(ee, x_heard.shape)
            gains = gains + (value(x_heard + heard, where) - value(x_heard, where)) @ cand.e_to_cand
        ratio = sign * gains * cand.bonus / cand.cost
        legal = (work.calls[live][:, None] >= need_calls[None, :]) & np.where(
            visit, work.visits[live][:, None] >= 1, True
        )
        legal &= np.where(deputy, work.dep_free[live][:, dep_of], True)
        legal &= np.where(group, ~work.group_used[live][:, group_of], True)
        ratio = np.where(legal, ratio, -np.inf)
        best = np.argmax(ratio, axis=1)
        good = ratio[np.arange(live.size), best] > 1e-9
        g_live, pick = live[good], best[good]
        work.rows_game.append(g_live)
        work.rows_slot.append(work.placed[g_live])
        work.rows_oid.append(cand.oid[pick])
        work.placed[g_live] += 1
        work.calls[g_live] -= need_calls[pick]
        work.visits[g_live] -= visit[pick]
        is_dep = deputy[pick]
        work.dep_free[g_live[is_dep], dep_of[pick][is_dep]] = False
        is_group = group[pick]
        work.group_used[g_live[is_group], group_of[pick][is_group]] = True
        # The chosen order's contacts tire its countries and move them, for the next step's estimates.
        n_c = cand.c_n[pick]
        local = np.repeat(np.flatnonzero(good), n_c)
        j = np.repeat(cand.c_first[pick] - np.cumsum(n_c) + n_c, n_c) + np.arange(int(n_c.sum()))
        np.add.at(work.pending_units, (live[local], cc[j]), units[j])
        np.add.at(work.pending_delta, (live[local], cc[j]), delta[local, j])
        if echoes:
            chosen = np.zeros((live.size, cand.oid.size), dtype=bool)
            chosen[np.flatnonzero(good), pick] = True
            row, e = np.nonzero(chosen[:, cand.c_cand[ec]])
            np.add.at(work.pending_delta, (live[row], ee[e]), delta[row, ec[e]] * cand.e_share[e])
        live = g_live


# ------------------------------------------------------------------------------------------ policies

_FORECASTS = 2  # playthroughs that say where each capital will stand at the end
_TRIALS = 4  # playthroughs of each of level 4's two plans, on the same seeds for both
_CONTINUE = 3  # how this side plays on in those playthroughs


def _rollout_seeds(dice: Dice, turn: int, count: int, salt: int = 0) -> np.ndarray:
    """(count, B) seeds for level 4's playthroughs, from each game's own seed (not its future luck)."""
    with np.errstate(over="ignore"):
        base = dice.seeds[None, :] ^ (np.uint64(turn + 1 + 4096 * salt) * np.uint64(0xD1B54A32D192ED03))
        mixed = base + np.arange(1, count + 1, dtype=np.uint64)[:, None] * np.uint64(0x9E3779B97F4A7C15)
    return (mixed >> np.uint64(1)).astype(np.int64)


def _playthroughs(
    scenario: Scenario, state: State, actor: int, persona: str, seeds: np.ndarray, first: SheetBatch
) -> State:
    """Every game of the batch played to the end once per row of ``seeds`` (copy ``r`` of game ``g`` is game
    ``r * B + g``), ``first`` giving this side's sheets for this week, the other side on its historical
    playbook and this side as level ``_CONTINUE`` after that."""
    rules = scenario.rules
    policies = {
        rival_of(rules, actor): LegalityCached(historical),
        actor: _continuation(persona).batch,
    }
    copies = tile_state(state, seeds.shape[0])
    return play_weeks(scenario, copies, Dice(seeds.reshape(-1)), policies, first={actor: first})


def _tiled_plans(plans: list[SheetBatch], copies: int, b: int) -> SheetBatch:
    """Plan ``i`` for copies ``i * copies`` to ``(i + 1) * copies - 1`` of a batch of ``b`` games."""
    parts = [(p.game + (i * copies + r) * b, p.slot, p.oid) for i, p in enumerate(plans) for r in range(copies)]
    game, slot, oid = (np.concatenate(column) for column in zip(*parts))
    return SheetBatch(plans[0].actor, game, slot, oid)


def _lasting(rules: Rules, turn: int) -> float:
    """The share of a push this week still there at the end of the crisis, if the side that made it keeps in
    touch: drift takes ``drift_rate * drift_in_touch`` of the offset each remaining week."""
    weeks_after = max(rules.n_turns - turn - 1, 0)
    return float((1.0 - rules.drift_rate * rules.drift_in_touch) ** weeks_after)


# Escalations a crisis at the sharp and ruthless levels (the scenario's, e.g. a gas squeeze): they read the board
# as the answering rival does (``answering.escalation_to_raise``); novice and steady never escalate.
ESCALATIONS = {1: 0, 2: 0, 3: 1, 4: 2}


class PersonaPolicy:
    """A persona at a level, as a one-game policy (``policy(scenario, state, actor, dice) -> Sheet``) with
    its batch form in ``.batch``.  ``escalate`` False: never raises an escalation (level 4's playthroughs,
    which would otherwise weigh them game by game in every rollout)."""

    def __init__(self, persona: str, level: int = DEFAULT_LEVEL, escalate: bool = True):
        if persona not in PERSONAS:
            raise ValueError(f"unknown persona '{persona}' (choose from {', '.join(PERSONAS)})")
        if level not in LEVELS:
            raise ValueError(f"unknown level {level} (choose from {', '.join(map(str, LEVELS))})")
        self.persona, self.level = persona, level
        self.name = f"{persona}:{level}"
        self.max_raises = ESCALATIONS[level] if escalate else 0
        self._steady = LegalityCached(self._steady_one) if level == 2 else None

    def __repr__(self) -> str:
        return f"PersonaPolicy({self.name})"

    def _steady_one(self, scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
        return _steady_sheet(scenario, state, actor, self.persona)

    def batch(self, scenario: Scenario, state: State, actor: int, dice: Dice) -> SheetBatch:
        if self.level == 1:
            return _novice(scenario, state, actor, dice, self.persona)
        if self.level == 2:
            return self._steady(scenario, state, actor, dice)
        if self.level == 3:
            return self._escalating(scenario, state, actor, _scoring(scenario, state, actor, self.persona, 3))
        return self._escalating(scenario, state, actor, self._lookahead(scenario, state, actor, dice))

    def _escalating(self, scenario: Scenario, state: State, actor: int, batch: SheetBatch) -> SheetBatch:
        """The batch with, game by game, the escalation worth raising this week (if any)."""
        if not self.max_raises or state.turn >= scenario.rules.n_turns:
            return batch
        if not any(e.raised_by == actor for e in scenario.rules.events):
            return batch
        raised = [
            (g, e)
            for g in range(state.games)
            if (e := escalation_to_raise(scenario, state.game(g), actor, self.max_raises)) is not None
        ]
        return batch.with_raises(*zip(*raised)) if raised else batch

    def _lookahead(self, scenario: Scenario, state: State, actor: int, dice: Dice) -> SheetBatch:
        """Level 4: two plans for the week - level 3's, and the one aimed at the end of the crisis
        (``_aimed_at_the_end``) - each played to the end ``_TRIALS`` times on the same seeds; per game, the
        plan whose playthroughs end with the better score (tracks and triggered events included, which the
        greedy measure does not see)."""
        rules = scenario.rules
        b = state.games
        if b == 0 or state.turn >= rules.n_turns:
            return SheetBatch.empty(actor)
        plans = [
            _scoring(scenario, state, actor, self.persona, 3),
            self._aimed_at_the_end(scenario, state, actor, dice),
        ]
        seeds = np.tile(_rollout_seeds(dice, state.turn, _TRIALS, salt=1), (len(plans), 1))
        final = _playthroughs(scenario, state, actor, self.persona, seeds, _tiled_plans(plans, _TRIALS, b))
        outcome = score_of(rules, final).reshape(len(plans), _TRIALS, b).mean(axis=1)
        choice = np.argmax(rules.actor_sign[actor] * outcome, axis=0)  # a tie keeps level 3's plan
        keep = [choice[p.game] == i for i, p in enumerate(plans)]
        rows = np.concatenate([p.game[w] for p, w in zip(plans, keep)])
        order = np.argsort(rows, kind="stable")
        return SheetBatch(
            actor,
            rows[order],
            np.concatenate([p.slot[w] for p, w in zip(plans, keep)])[order],
            np.concatenate([p.oid[w] for p, w in zip(plans, keep)])[order],
        )

    def _aimed_at_the_end(self, scenario: Scenario, state: State, actor: int, dice: Dice) -> SheetBatch:
        """Where each capital will stand at the end if this side spends nothing this week (the mean of
        ``_FORECASTS`` playthroughs), then level 3's measure over every strong argument, evaluated at that end
        with the share of this week's moves that drift leaves by then."""
        b = state.games
        final = _playthroughs(
            scenario, state, actor, self.persona, _rollout_seeds(dice, state.turn, _FORECASTS), SheetBatch.empty(actor)
        )
        end = final.alignment.reshape(_FORECASTS, b, -1).mean(axis=0)
        lasting = _lasting(scenario.rules, state.turn)
        return _scoring(scenario, state, actor, self.persona, 4, at=end, lasting=lasting)

    def __call__(self, scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
        if self.level == 2:
            return _steady_sheet(scenario, state, actor, self.persona)
        batch = self.batch(scenario, state, actor, dice)
        return catalog(scenario.rules, actor).sheets(batch, 1)[0]


def parse_persona(name: str) -> tuple[str, int] | None:
    """``'wedge:4'`` -> ('wedge', 4); ``'wedge'`` -> ('wedge', 3); None if not a persona name."""
    persona, _, level = name.partition(":")
    if persona not in PERSONAS:
        return None
    if not level:
        return persona, DEFAULT_LEVEL
    if not level.isdigit() or int(level) not in LEVELS:
        raise ValueError(f"unknown level '{level}' for persona {persona} (choose from 1 to {max(LEVELS)})")
    return persona, int(level)


_POLICIES: dict[tuple[str, int], PersonaPolicy] = {}


def persona_policy(name: str) -> PersonaPolicy:
    parsed = parse_persona(name)
    if parsed is None:
        raise ValueError(f"unknown persona '{name}'")
    if parsed not in _POLICIES:
        _POLICIES[parsed] = PersonaPolicy(*parsed)
    return _POLICIES[parsed]


_CONTINUATIONS: dict[str, PersonaPolicy] = {}


def _continuation(persona: str) -> PersonaPolicy:
    """How level 4's playthroughs go on: level ``_CONTINUE`` of the persona, without escalations."""
    if persona not in _CONTINUATIONS:
        _CONTINUATIONS[persona] = PersonaPolicy(persona, _CONTINUE, escalate=False)
    return _CONTINUATIONS[persona]


def describe(name: str) -> str:
    persona, level = parse_persona(name) or (name, 0)
    p = PERSONAS[persona]
    return f"{p.name} ({LEVELS[level]}): {p.summary}"


__all__ = [
    "DEFAULT_LEVEL",
    "LEVELS",
    "PERSONAS",
    "Persona",
    "PersonaPolicy",
    "describe",
    "parse_persona",
    "persona_names",
    "persona_policy",
    "style_of",
]
