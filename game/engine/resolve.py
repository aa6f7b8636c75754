"""One week: every side's orders at once, then drift and spill-over, then dated events.

The rules live in array functions over a batch of games (``resolve_contacts``); a single game is a batch
of one, and ``resolve_turn`` only turns order sheets into the contact table.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .dice import Dice, Purpose
from .events import Work, fire_events, writes_this_week
from .model import Kind, Order, Rules, Sheet, State, anchors
from .orders import IllegalOrder, validate_sheet
from .records import Cause, CauseKind, ContactOutcome, EventOutcome, Move, PromiseOutcome, TrackMove, TurnRecord

# Noise keys: one draw per (actor, order, stop); sheets never get near these bounds.
_MAX_STOPS = 4096


@dataclass(frozen=True)
class Contacts:
    """A flat table of contacts over a batch (K rows)."""

    game: np.ndarray
    actor: np.ndarray
    kind: np.ndarray
    order: np.ndarray  # index of the order in its actor's sheet
    stop: np.ndarray  # stop of a trip / member position of a group call
    country: np.ndarray
    topic: np.ndarray
    strength: np.ndarray
    group: np.ndarray | None = None  # the group a group call convenes, -1 for other contacts (None: all -1)
    promise: np.ndarray | None = None  # the promise the contact's order makes there, -1 for none (None: all -1)

    def __post_init__(self) -> None:
        if self.group is None:
            object.__setattr__(self, "group", np.full(self.game.shape[0], -1, dtype=np.int64))
        if self.promise is None:
            object.__setattr__(self, "promise", np.full(self.game.shape[0], -1, dtype=np.int64))

    @property
    def size(self) -> int:
        return int(self.game.shape[0])

    @classmethod
    def empty(cls) -> Contacts:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z, z, z, z, z, z, np.zeros(0))


@dataclass(frozen=True)
class Engagements:
    """A flat table of contacts with the rival side itself (E rows)."""

    game: np.ndarray
    actor: np.ndarray
    order: np.ndarray
    topic: np.ndarray
    strength: np.ndarray

    @property
    def size(self) -> int:
        return int(self.game.shape[0])

    @classmethod
    def empty(cls) -> Engagements:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z, z, z, np.zeros(0))


def engagement_strength(rules: Rules, order: Order) -> float:
    if order.deputy < 0:
        return float(rules.kind_strength[Kind.CALL])
    strength = float(rules.kind_strength[Kind.DEPUTY_CALL])
    if rules.deputy_specialty[order.deputy] == order.topic:
        strength *= rules.deputy_specialty_bonus
    return strength


def engagements_from_sheets(rules: Rules, sheets_by_game: Sequence[Sequence[Sheet]]) -> Engagements:
    rows = [
        (g, sheet.actor, i, order.topic, engagement_strength(rules, order))
        for g, sheets in enumerate(sheets_by_game)
        for sheet in sheets
        for i, order in enumerate(sheet.orders)
        if order.kind == Kind.ENGAGE
    ]
    if not rows:
        return Engagements.empty()
    cols = list(zip(*rows))
    return Engagements(*(np.asarray(c, dtype=np.int64) for c in cols[:4]), np.asarray(cols[4], dtype=np.float64))


def order_contacts(rules: Rules, order: Order) -> list[tuple[int, int, float]]:
    """(stop, country, strength) of each contact an order makes with a country (none for ENGAGE)."""
    if order.kind == Kind.ENGAGE:
        return []
    base = float(rules.kind_strength[order.kind])
    if order.kind == Kind.VISIT:
        return [(i, c, base * rules.visit_stop_decay**i) for i, c in enumerate(order.targets)]
    if order.kind == Kind.MULTILATERAL:
        members = np.flatnonzero(rules.group_members[order.group])
        return [(i, int(c), base) for i, c in enumerate(members)]
    if order.kind == Kind.DEPUTY_CALL and rules.deputy_specialty[order.deputy] == order.topic:
        base *= rules.deputy_specialty_bonus
    return [(0, order.targets[0], base)]


def contacts_from_sheets(rules: Rules, sheets_by_game: Sequence[Sequence[Sheet]]) -> Contacts:
    rows = []
    for g, sheets in enumerate(sheets_by_game):
        for sheet in sheets:
            for i, order in enumerate(sheet.orders):
                group = order.group if order.kind == Kind.MULTILATERAL else -1
                for stop, country, strength in order_contacts(rules, order):
                    kind, promise = int(order.kind), order.promise
                    rows.append((g, sheet.actor, kind, i, stop, country, order.topic, strength, group, promise))
    if not rows:
        return Contacts.empty()
    cols = list(zip(*rows))
    ints = [np.asarray(col, dtype=np.int64) for col in cols[:7]]
    promise = np.asarray(cols[9], dtype=np.int64)
    return Contacts(
        *ints,
        np.asarray(cols[7], dtype=np.float64),
        np.asarray(cols[8], dtype=np.int64),
        promise if (promise >= 0).any() else None,
    )


def _prior_units(keys: np.ndarray, units: np.ndarray, n_keys: int) -> np.ndarray:
    """For each row, the sum of ``units`` of earlier rows with the same key in ``[0, n_keys)`` (rows keep
    their order)."""
    prior = np.zeros(keys.size)
    if keys.size == 0:
        return prior
    # Only rows whose key repeats can have earlier rows to add; most keys occur once, so the sort below
    # runs on a small subset (taken in table order, so each key's rows keep their order).
    repeated = np.flatnonzero(np.bincount(keys, minlength=n_keys)[keys] > 1)
    if repeated.size == 0:
        return prior
    rk = keys[repeated]
    # A stable argsort by key.  The table is made of runs already in key order (each side's sheets, game by
    # game), which numpy's stable sort (a merge sort of runs) exploits: a quarter of the time of sorting the
    # unique numbers key * size + place with the default sort.
    order = np.argsort(rk, kind="stable")
    sk, su = rk[order], units[repeated][order]
    # Add the earlier rows of the same key one lag at a time (groups are short).  Unlike a global running
    # sum, this never mixes in other games' numbers, so a game's bits do not depend on its batch.
    prior_sorted = np.zeros(sk.size)
    for lag in range(1, sk.size):
        same = sk[lag:] == sk[:-lag]
        if not same.any():
            break
        prior_sorted[lag:] += np.where(same, su[:-lag], 0.0)
    prior[repeated[order]] = prior_sorted
    return prior


def _sum_by(index: np.ndarray, weights: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``np.add.at(zeros(shape).reshape(-1), index, weights)``: the same additions in the same order (so the
    same bits), several times faster.  (bincount of an empty table is integer, hence the astype.)"""
    out = np.bincount(index, weights=weights, minlength=int(np.prod(shape)))
    return out.astype(np.float64, copy=False).reshape(shape)


def _flat(a: np.ndarray) -> np.ndarray:
    return a.reshape(-1)  # a view for the engine's own (contiguous) arrays, else a copy


# Spill-over is summed exactly.  The alignments it reads are put on a grid of 2^-16 points (and cut at
# +-2048, far past the scale's ends) and the peer weights on a grid of 2^-24, so every product and every
# partial sum is a whole multiple of 2^-40 below 2^52 in size: float64 holds each exactly, and the sum has one
# value whatever the order of its additions.  The product can then go to BLAS (in slices small enough to stay
# on one thread) and a game still gets the same bits alone or in a batch of any size.  The grids move a
# country's spill by less than 1e-5 points a week.
_SPILL_X_GRID = 2.0**16
_SPILL_W_GRID = 2.0**24
_SPILL_X_MAX = 2.0**11
_SPILL_SLICE = 256


def _spill_weights(spill: np.ndarray) -> np.ndarray:
    """The peer weights on their grid, transposed for ``x @ w``."""
    return np.ascontiguousarray((np.rint(spill * _SPILL_W_GRID) / _SPILL_W_GRID).T)


# Spill-over comes from groups, so countries fall into few classes: those in the same groups give and take the
# same weights (a member of NATO and the EU and nothing else weighs every NATO-only peer alike).  Summing the
# alignments of each class first and weighting class sums costs B x (C + S^2) instead of B x C^2 (S: classes,
# 15 for Flood the Zone's 28 countries, 28 for the General Assembly's 191).  Every product and partial sum stays
# a whole multiple of 2^-40 below 2^53 (a class sum is at most C x 2^11 on a 2^-16 grid, and a row's weights sum
# to at most 1), so the class path gives exactly the bits of the full product.
@dataclass(frozen=True)
class _SpillClasses:
    order: np.ndarray  # (C,) countries sorted by class
    starts: np.ndarray  # (S,) where each class begins in ``order``
    of: np.ndarray  # (C,) each country's class
    weights: np.ndarray  # (S, S) a member of class s weighs each peer of class t by weights[t, s] (for X @ w)
    own: np.ndarray  # (C,) what a country's class sum counts of itself plus its weights' sum, taken off again


_SPILL_CLASS_CACHE: dict[int, tuple[weakref.ref, _SpillClasses | None]] = {}


def _find_spill_classes(q: np.ndarray) -> _SpillClasses | None:
    """Classes of the grid weights ``q`` (C, C), or None where they would not save time.  Countries i and r share a
    class when they weigh every third country alike, every third country weighs them alike, and they weigh each
    other alike; the classes found are checked to rebuild ``q`` exactly."""
    n = q.shape[0]
    reps: list[int] = []
    of = np.empty(n, dtype=np.int64)
    for i in range(n):
        if reps:
            r = np.asarray(reps)
            rows = q[r] == q[i]
            cols = (q[:, r] == q[:, i : i + 1]).T
            k = np.arange(len(reps))
            rows[:, i] = cols[:, i] = rows[k, r] = cols[k, r] = True
            same = rows.all(axis=1) & cols.all(axis=1) & (q[i, r] == q[r, i])
            if same.any():
                of[i] = int(np.argmax(same))
                continue
        of[i] = len(reps)
        reps.append(i)
    s = len(reps)
    # Gathering by class costs about 30 products of the full C x C weights per country (benchmarks/
    # bench_general_assembly.py): below some 100 countries the full product is the cheaper, and it is the same bits.
    if 2 * (30 * n + s * s) >= n * n:
        return None
    w = q[np.ix_(reps, reps)].copy()
    for c in range(s):  # a class's weight on its own members: any two of them (0 for a class of one)
        members = np.flatnonzero(of == c)
        w[c, c] = q[members[0], members[1]] if members.size > 1 else 0.0
    rebuilt = w[np.ix_(of, of)]
    np.fill_diagonal(rebuilt, 0.0)
    if not np.array_equal(rebuilt, q):
        return None
    order = np.argsort(of, kind="stable")
    starts = np.searchsorted(of[order], np.arange(s))
    own = w[of, of] + q.sum(axis=1)
    return _SpillClasses(order, starts, of, np.ascontiguousarray(w.T), own)


def _spill_classes(spill: np.ndarray) -> _SpillClasses | None:
    """The classes of a scenario's peer weights, found once per array (the rules' arrays are never changed)."""
    hit = _SPILL_CLASS_CACHE.get(id(spill))
    if hit is not None and hit[0]() is spill:
        return hit[1]
    for key in [k for k, (ref, _) in _SPILL_CLASS_CACHE.items() if ref() is None]:
        del _SPILL_CLASS_CACHE[key]
    found = _find_spill_classes(np.rint(spill * _SPILL_W_GRID) / _SPILL_W_GRID)
    _SPILL_CLASS_CACHE[id(spill)] = (weakref.ref(spill), found)
    return found


def _spill_gap(x: np.ndarray, spill: np.ndarray) -> np.ndarray:
    """Each country's peers' alignments weighted by ties, less its own alignment times its weights' sum:
    ``(x @ spill.T) - x * spill.sum(1)``, computed exactly on the grids above."""
    xq = np.clip(x, -_SPILL_X_MAX, _SPILL_X_MAX)
    xq *= _SPILL_X_GRID
    np.rint(xq, out=xq)
    xq /= _SPILL_X_GRID
    classes = _spill_classes(spill)
    if classes is not None and x.shape[0] > 0:
        sums = np.add.reduceat(xq[:, classes.order], classes.starts, axis=1)
        out = np.empty((x.shape[0], classes.weights.shape[1]))
        for start in range(0, x.shape[0], _SPILL_SLICE):
            np.matmul(sums[start : start + _SPILL_SLICE], classes.weights, out=out[start : start + _SPILL_SLICE])
        out = out[:, classes.of]
        out -= xq * classes.own
        return out
    w = _spill_weights(spill)
    out = np.empty_like(x)
    for start in range(0, x.shape[0], _SPILL_SLICE):
        np.matmul(xq[start : start + _SPILL_SLICE], w, out=out[start : start + _SPILL_SLICE])
    out -= xq * w.sum(axis=0)
    return out


def contact_effects(
    rules: Rules, state: State, contacts: Contacts, luck: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Alignment delta of every contact (K,) and its fatigue factor, given the noise factors ``luck``
    (None: the expected effect, used by the AI)."""
    delta, fatigue, _, _, _ = _effects(rules, state, contacts, luck)
    return delta, fatigue


def _reach(rules: Rules) -> np.ndarray:
    """What does not change during a game, per (actor, country, topic), flat: the side's sign and power, its
    leverage on the topic and the country's mobility."""
    sign_power = rules.actor_sign * rules.actor_power
    reach = sign_power[:, None, None] * rules.leverage[:, None, :] * rules.mobility[None, :, None]
    return reach.reshape(-1)


def _effects(rules: Rules, state: State, contacts: Contacts, luck: np.ndarray | None):
    """``contact_effects``, with each contact's (game, actor, country) and (game, country) keys and its units
    of contact."""
    g, a, c, t = contacts.game, contacts.actor, contacts.country, contacts.topic
    n_a, n_c, n_t = rules.n_actors, rules.n_countries, rules.n_topics
    # The state is gathered through flat indices: one pass over a 1-D index instead of 3-D fancy indexing.
    # Indices and factors are computed in place in a few buffers (integer arithmetic is exact, and each
    # product keeps its order, so the bits are those of the plain expressions).
    ga = np.multiply(g, n_a)
    ga += a
    gc = np.multiply(g, n_c)
    gc += c
    keys = np.multiply(ga, n_c)
    keys += c
    units = contact_units(rules, contacts)
    prior = _prior_units(keys, units, state.recent.size)
    index = np.empty_like(keys)  # a work buffer for the other flat indices
    factor = np.take(_flat(state.recent), keys)  # a work buffer for the gathered factors
    prior += factor
    prior *= rules.fatigue_k
    prior += 1.0
    fatigue = np.divide(1.0, prior, out=prior)
    if rules.group_fatigue_k > 0.0:
        _tire_groups(rules, state, contacts, ga, fatigue)
    turn = min(state.turn, rules.n_turns)
    np.multiply(a, n_c, out=index)
    index += c
    index *= n_t
    index += t
    delta = np.take(_Static.of(rules).reach, index)
    delta *= contacts.strength
    np.multiply(ga, state.power_mod.shape[2], out=index)
    index += turn
    delta *= np.take(_flat(state.power_mod), index, out=factor)
    np.multiply(gc, n_t, out=index)
    index += t
    delta *= np.take(_flat(state.interest), index, out=factor)
    # Room: how far the country still is from this side's end of the scale.
    room = np.take(rules.actor_sign, a)
    room *= np.take(_flat(state.alignment), gc, out=factor)
    np.subtract(100.0, room, out=room)
    room /= 200.0
    np.clip(room, 0.0, 1.0, out=room)
    if rules.room_exponent != 1.0:
        room **= rules.room_exponent
    delta *= room
    delta *= fatigue
    if rules.promises:
        trust = _trust(rules, state, contacts, keys)
        if trust is not None:
            delta *= trust
    if luck is not None:
        delta *= luck
    return delta, fatigue, keys, gc, units


def trust_factor(rules: Rules, state: State, contacts: Contacts, keys: np.ndarray | None = None) -> np.ndarray:
    """Each contact's factor from promises (K,): ``1 + boost`` where its order makes a promise (the capital
    believes it), times ``1 - mistrust`` where the side broke a promise there and the mistrust still runs."""
    factor = _trust(rules, state, contacts, keys)
    return np.ones(contacts.size) if factor is None else factor


def _trust(rules: Rules, state: State, contacts: Contacts, keys: np.ndarray | None = None) -> np.ndarray | None:
    """``trust_factor``, or None where it is 1 for every contact (no promise made, no mistrust running: most
    weeks), so that the engine skips multiplying by ones (which changes no bit)."""
    promised = np.flatnonzero(contacts.promise >= 0)
    mistrust, until = _mistrust(rules, state)
    distrusted = mistrust.any()
    if promised.size == 0 and not distrusted:
        return None
    factor = np.ones(contacts.size)
    if promised.size:
        boost = np.array([spec.boost for spec in rules.promises])
        factor[promised] += boost[contacts.promise[promised]]
    if distrusted:
        if keys is None:
            keys = (contacts.game * rules.n_actors + contacts.actor) * rules.n_countries + contacts.country
        running = np.take(_flat(until), keys) > state.turn
        factor *= 1.0 - np.where(running, np.take(_flat(mistrust), keys), 0.0)
    return factor


def _mistrust(rules: Rules, state: State) -> tuple[np.ndarray, np.ndarray]:
    shape = (state.games, rules.n_actors, rules.n_countries)
    if state.mistrust.shape == shape:
        return state.mistrust, state.mistrust_until
    return np.zeros(shape), np.zeros(shape, dtype=np.int64)


def _promise_due(rules: Rules, state: State) -> np.ndarray:
    """The state's open promises, or none for a state made without them."""
    shape = (state.games, len(rules.promises), rules.n_countries)
    return state.promise_due if state.promise_due.shape == shape else np.full(shape, -1, dtype=np.int64)


@dataclass(frozen=True)
class Settlement:
    """What the week did to promises: made, kept and broken (B, P, C) bool, the alignment their keeping and
    breaking moved (B, P, C, signed), and the promise state after the week."""

    made: np.ndarray
    kept: np.ndarray
    broken: np.ndarray
    shift: np.ndarray
    due: np.ndarray
    mistrust: np.ndarray
    mistrust_until: np.ndarray


def settle_promises(rules: Rules, state: State, contacts: Contacts) -> Settlement | None:
    """Promises open at the start of the week are kept by this week's contacts (a call, a visit or a deputy's
    call on the promise's topic, in the capital it names) or broken when they fall due unkept; the promises
    this week's orders make open.  None when the scenario has no promises, or none is open or made."""
    n_p = len(rules.promises)
    if n_p == 0:
        return None
    turn = state.turn
    due = _promise_due(rules, state)
    if not (contacts.promise >= 0).any() and not (due >= 0).any():
        return None  # nothing open, nothing made (every bot's week): the state's promises stay as they are
    b, _, n_c = due.shape
    n_a, n_t = rules.n_actors, rules.n_topics
    keeping = contacts.kind != int(Kind.MULTILATERAL)
    heard = np.zeros(b * n_a * n_c * n_t, dtype=bool)
    keys = ((contacts.game * n_a + contacts.actor) * n_c + contacts.country) * n_t + contacts.topic
    heard[keys[keeping]] = True
    heard = heard.reshape(b, n_a, n_c, n_t)
    kept = np.zeros(due.shape, dtype=bool)
    sign_shift = np.zeros(due.shape)
    for spec in rules.promises:
        on_topic = heard[:, spec.actor, :, spec.keep_topic]  # (B, C)
        if spec.keep_in:
            on_topic = np.repeat(on_topic[:, list(spec.keep_in)].any(axis=1, keepdims=True), n_c, axis=1)
        kept[:, spec.index] = (due[:, spec.index] >= 0) & on_topic
    broken = (due >= 0) & ~kept & (due <= turn)
    mistrust, until = _mistrust(rules, state)
    mistrust, until = mistrust.copy(), until.copy()
    for spec in rules.promises:
        sign = float(rules.actor_sign[spec.actor])
        p = spec.index
        sign_shift[:, p] = sign * (spec.kept_shift * kept[:, p] - spec.broken_shift * broken[:, p])
        lost = broken[:, spec.index]  # (B, C)
        if lost.any():
            running = until[:, spec.actor] > turn
            share = np.where(running, np.maximum(mistrust[:, spec.actor], spec.mistrust), spec.mistrust)
            mistrust[:, spec.actor] = np.where(lost, share, mistrust[:, spec.actor])
            longer = np.maximum(until[:, spec.actor], turn + 1 + spec.mistrust_weeks)
            until[:, spec.actor] = np.where(lost, longer, until[:, spec.actor])
    made = np.zeros(due.shape, dtype=bool)
    rows = np.flatnonzero(contacts.promise >= 0)
    made[contacts.game[rows], contacts.promise[rows], contacts.country[rows]] = True
    after = np.where(kept | broken, -1, due)
    if made.any():
        within = np.array([min(turn + spec.within, rules.n_turns - 1) for spec in rules.promises])
        after = np.where(made, within[None, :, None], after)
    return Settlement(made, kept, broken, sign_shift, after, mistrust, until)


def contact_units(rules: Rules, contacts: Contacts) -> np.ndarray:
    """How much each contact adds to its country's fatigue, in calls: its strength as a share of a call's."""
    return contacts.strength / rules.kind_strength[Kind.CALL]


def _group_recent(rules: Rules, state: State) -> np.ndarray:
    """The state's recent convenings, or none yet for a state made without them."""
    shape = (state.games, rules.n_actors, rules.group_members.shape[0])
    return state.group_recent if state.group_recent.shape == shape else np.zeros(shape)


def _tire_groups(rules: Rules, state: State, contacts: Contacts, ga: np.ndarray, fatigue: np.ndarray) -> None:
    """Divide each group call's contacts by the group's own fatigue: a forum convened week after week by the
    same side listens less, over and above each member's fatigue."""
    convened = np.flatnonzero(contacts.group >= 0)
    if convened.size == 0:
        return
    n_g = rules.group_members.shape[0]
    tired = np.take(_flat(_group_recent(rules, state)), ga[convened] * n_g + contacts.group[convened])
    tired *= rules.group_fatigue_k
    tired += 1.0
    fatigue[convened] /= tired


def _convenings(rules: Rules, state: State, contacts: Contacts) -> np.ndarray:
    """Recent convenings after this week: last week's, faded as contacts fade, plus one per group call now."""
    recent = _group_recent(rules, state)
    called = np.flatnonzero((contacts.group >= 0) & (contacts.stop == 0))
    if called.size == 0 and not recent.any():
        return recent
    n_a, n_g = recent.shape[1:]
    key = (contacts.game[called] * n_a + contacts.actor[called]) * n_g + contacts.group[called]
    return recent * rules.fatigue_decay + _sum_by(key, np.ones(called.size), recent.shape)


@dataclass(frozen=True)
class _Static:
    """What the week's arithmetic reads from the rules and that never changes during a game, computed once per
    Rules object (its arrays are read-only): ``_reach`` and the echoes' lists."""

    reach: np.ndarray
    luck_scale: np.ndarray  # noise_sigma * volatility, per country
    # Per (topic, country), flat: how many countries hear its echo, where their list starts, and the lists
    # (hearing countries in order, with their shares), as ``np.nonzero`` of ``rules.echo[t, c]`` gives them.
    echo_count: np.ndarray
    echo_start: np.ndarray
    echo_country: np.ndarray
    echo_share: np.ndarray

    @classmethod
    def of(cls, rules: Rules) -> _Static:
        key = id(rules)
        hit = _STATICS.get(key)
        if hit is not None and hit[0]() is rules:
            return hit[1]
        n_t, n_c = rules.n_topics, rules.n_countries
        echo = rules.echo.reshape(n_t * n_c, -1) if rules.echo.size else np.zeros((n_t * n_c, n_c))
        pair, country = np.nonzero(echo)
        count = np.bincount(pair, minlength=n_t * n_c).astype(np.int64)
        static = cls(
            reach=_reach(rules),
            luck_scale=rules.noise_sigma * rules.volatility,
            echo_count=count,
            echo_start=(np.cumsum(count) - count).astype(np.int64),
            echo_country=country.astype(np.int64),
            echo_share=echo[pair, country],
        )
        for a in dataclasses.astuple(static):
            a.flags.writeable = False
        for k in [k for k, (ref, _) in _STATICS.items() if ref() is None]:
            del _STATICS[k]
        _STATICS[key] = (weakref.ref(rules), static)
        return static


_STATICS: dict[int, tuple[weakref.ref, _Static]] = {}


def echo_effects(rules: Rules, contacts: Contacts, delta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where each contact's argument is heard besides its own capital: the contact's row, the country that
    hears it and the alignment it moves there (the contact's ``delta`` times the scenario's share), rows in
    table order and, per row, countries in order."""
    static = _Static.of(rules)
    pair = contacts.topic * rules.n_countries
    pair += contacts.country
    n = np.take(static.echo_count, pair)
    rows = np.flatnonzero(n)
    if rows.size == 0:
        z = np.zeros(0, dtype=np.int64)
        return z, z, np.zeros(0)
    n = n[rows]
    total = int(n.sum())
    # Row j of the result is entry j - (where row r's entries start) + (where its pair's list starts).
    shift = np.take(static.echo_start, pair[rows])
    shift -= np.cumsum(n) - n
    flat = np.arange(total) + np.repeat(shift, n)
    r = np.repeat(rows, n)
    return r, np.take(static.echo_country, flat), np.take(delta, r) * np.take(static.echo_share, flat)


def contact_luck(rules: Rules, state: State, contacts: Contacts, dice: Dice) -> np.ndarray:
    z = dice.normal(
        contacts.game, state.turn, Purpose.CONTACT_NOISE, contacts.actor, contacts.order * _MAX_STOPS + contacts.stop
    )
    z *= np.take(_Static.of(rules).luck_scale, contacts.country)
    z += 1.0
    return np.maximum(z, 0.0, out=z)


@dataclass(frozen=True)
class TurnResult:
    state: State
    records: tuple[TurnRecord, ...]  # one per game when recorded, else empty


def resolve_turn(state: State, sheets: Sequence[Sheet], rules: Rules, dice: Dice, record: bool = True) -> TurnResult:
    """Resolve one week of a single game (a batch of one) from every side's order sheet."""
    if state.games != 1:
        raise ValueError("resolve_turn plays one game; use resolve_contacts for a batch")
    actors = [sheet.actor for sheet in sheets]
    if len(set(actors)) != len(actors):
        raise IllegalOrder("one order sheet per side and week")
    for sheet in sheets:
        validate_sheet(rules, state, sheet)
    return resolve_contacts(
        state,
        contacts_from_sheets(rules, [sheets]),
        rules,
        dice,
        record,
        engagements=engagements_from_sheets(rules, [sheets]),
        raised=raised_from_sheets(rules, [sheets]),
    )


def raised_from_sheets(rules: Rules, sheets_by_game: Sequence[Sequence[Sheet]]) -> np.ndarray | None:
    """(B, E) bool: the escalations raised on each game's sheets, or None when no sheet raises any."""
    if not any(sheet.raises for sheets in sheets_by_game for sheet in sheets):
        return None
    raised = np.zeros((len(sheets_by_game), len(rules.events)), dtype=bool)
    for g, sheets in enumerate(sheets_by_game):
        for sheet in sheets:
            raised[g, list(sheet.raises)] = True
    return raised


def resolve_contacts(
    state: State,
    contacts: Contacts,
    rules: Rules,
    dice: Dice,
    record: bool = False,
    engagements: Engagements | None = None,
    raised: np.ndarray | None = None,
) -> TurnResult:
    """Resolve one week for every game of the batch.  ``raised`` (B, E): the escalations raised this week."""
    if engagements is None:
        engagements = Engagements.empty()
    if state.turn >= rules.n_turns:
        raise ValueError("the crisis is over: no more weeks to resolve")
    if dice.games != state.games:
        raise ValueError(f"dice for {dice.games} games, state for {state.games}")
    turn = state.turn
    b, n_c = state.alignment.shape
    x0 = state.alignment

    # 1. Contacts, all sides at once, measured against the alignment at the start of the week.
    luck = contact_luck(rules, state, contacts, dice)
    delta, fatigue, at, gc, units = _effects(rules, state, contacts, luck)
    contact_delta = _sum_by(gc, delta, (b, n_c))
    echo = echo_effects(rules, contacts, delta)
    if echo[0].size:
        contact_delta += _sum_by(contacts.game[echo[0]] * n_c + echo[1], echo[2], (b, n_c))
    # Promises kept and broken this week move their capitals along with the contacts.
    settled = settle_promises(rules, state, contacts)
    if settled is not None:
        for p in range(len(rules.promises)):  # promise by promise, so that the sum's order is fixed
            contact_delta += settled.shift[:, p]

    # Contacts with the rival itself move the tracks, and every country reacts to the sight of them.
    e = engagements
    track0 = state.track
    if e.size:
        e_luck = np.maximum(
            0.0,
            1.0 + rules.noise_sigma * dice.normal(e.game, turn, Purpose.CONTACT_NOISE, e.actor, e.order * _MAX_STOPS),
        )
        e_power = state.power_mod[e.game, e.actor, min(turn, rules.n_turns)]
        track_gain = (e.strength * e_luck * e_power)[:, None] * rules.engage_gain[e.topic]  # (E, K)
        reaction = e.strength[:, None] * rules.engage_reaction[e.actor]  # (E, C)
        track1 = track0.copy()
        np.add.at(track1, e.game, track_gain)
        engaged = np.zeros(b, dtype=bool)
        engaged[e.game] = True
        track1 = np.where(engaged[:, None], track1, track1 * (1.0 - rules.track_decay))
        np.add.at(contact_delta, e.game, reaction)
    else:  # the same numbers, without a dozen calls on empty tables
        track_gain, reaction = np.zeros((0, track0.shape[1])), np.zeros((0, n_c))
        track1 = track0 * (1.0 - rules.track_decay)
    x1 = x0 + contact_delta

    recent = _sum_by(at, units, (b, rules.n_actors, n_c))  # touched this week
    recent += state.recent * rules.fatigue_decay  # (the same sum as recent * decay + touched)
    # Touched where a contact's units are positive (a scatter; np.where branches on every element).
    last_contact = state.last_contact.copy()
    _flat(last_contact)[at[units > 0]] = turn

    # 2. Drift: a country pushed off its structural position slides back unless the side holding it there
    # keeps in touch.  Which side holds it depends on which side of the anchor it sits.
    anchor = anchors(state, rules)
    offset = x1 - anchor
    toward = last_contact[:, np.argmax(rules.actor_sign)]
    away = last_contact[:, np.argmin(rules.actor_sign)]
    since = np.where(offset > 0, toward, away)  # the holder's last contact (integers: exact)
    np.subtract(turn, since, out=since)
    neglect = np.divide(since, rules.neglect_weeks)
    np.clip(neglect, rules.drift_in_touch, 1.0, out=neglect)
    neglect *= -rules.drift_rate
    neglect *= offset
    drift = neglect
    x2 = x1 + drift

    # 3. Spill-over: peers in shared groups pull each other along.
    spill = rules.spill_rate * _spill_gap(x2, rules.spill_matrix)
    x3 = x2 + spill

    # 4. Dated and triggered events, on the scale: conditions never see a value past its end (events keep
    # the scales themselves, so what they record is what they did).
    x3_on_scale = np.clip(x3, -100.0, 100.0)
    work = Work.of(state, x3_on_scale, np.clip(track1, 0.0, 100.0), writes_this_week(rules, turn), lazy=True)
    # What the scale's ends cut, for the records; before the events, which change x3_on_scale (the work's
    # alignment) in place.
    limit = x3_on_scale - x3 if record else None
    happened = fire_events(work, rules, turn, dice, record, raised)
    x4 = work.alignment
    track4 = work.track

    new_state = state.evolve(
        turn=turn + 1,
        alignment=x4,
        ties=work.ties,
        anchor_offset=work.anchor_offset,
        interest=work.interest,
        recent=recent,
        group_recent=_convenings(rules, state, contacts),
        last_contact=last_contact,
        budget_mod=work.budget_mod,
        power_mod=work.power_mod,
        deputy_busy=work.deputy_busy,
        fired=work.fired,
        track=track4,
        thresholds=work.thresholds,
        decided=work.decided,
    )
    if settled is not None:
        new_state = new_state.evolve(
            promise_due=settled.due, mistrust=settled.mistrust, mistrust_until=settled.mistrust_until
        )
    records: tuple[TurnRecord, ...] = ()
    if record:
        records = tuple(
            _record(
                game,
                turn,
                contacts,
                delta,
                echo,
                luck,
                fatigue,
                drift,
                spill,
                happened,
                limit,
                x0,
                x4,
                (e, reaction, track_gain, track0, track1, track4),
                settled,
            )
            for game in range(b)
        )
    return TurnResult(new_state, records)


def _track_record(game: int, eng) -> tuple[tuple[Cause, ...], tuple[TrackMove, ...]]:
    """Causes of alignment from engagements (per country) and the moves of every track."""
    e, reaction, gain, track0, track1, track4 = eng
    mine = np.flatnonzero(e.game == game)
    moves = []
    for k in range(track0.shape[1]):
        causes = [
            Cause(CauseKind.ENGAGE, float(gain[i, k]), actor=int(e.actor[i]), order=int(e.order[i])) for i in mine
        ]
        decay = track1[game, k] - track0[game, k] - sum(c.delta for c in causes)
        if abs(decay) > 1e-12:
            causes.append(Cause(CauseKind.DRIFT, float(decay)))
        on_scale = min(max(float(track1[game, k]), 0.0), 100.0)
        if on_scale != track1[game, k]:
            causes.append(Cause(CauseKind.LIMIT, on_scale - float(track1[game, k])))
        event = float(track4[game, k]) - on_scale
        if event != 0.0:
            causes.append(Cause(CauseKind.EVENT, event))
        if causes:
            moves.append(TrackMove(k, float(track0[game, k]), float(track4[game, k]), tuple(causes)))
    return tuple(moves)


def _promise_outcomes(game: int, rules_turn: int, settled: Settlement | None) -> tuple[PromiseOutcome, ...]:
    """The promises one game made, kept and broke this week, in (promise, country) order."""
    if settled is None:
        return ()
    out = []
    for status, mask in (("kept", settled.kept), ("broken", settled.broken), ("made", settled.made)):
        for p, c in zip(*np.nonzero(mask[game])):
            due = int(settled.due[game, p, c]) if status == "made" else rules_turn
            out.append(PromiseOutcome(int(p), int(c), status, float(settled.shift[game, p, c]), due))
    return tuple(out)


def _record(
    game, turn, contacts, delta, echo, luck, fatigue, drift, spill, happened, limit, x0, x4, eng, settled=None
) -> TurnRecord:
    mine = np.flatnonzero(contacts.game == game)
    outcomes = tuple(
        ContactOutcome(
            actor=int(contacts.actor[k]),
            order=int(contacts.order[k]),
            kind=Kind(int(contacts.kind[k])),
            country=int(contacts.country[k]),
            topic=int(contacts.topic[k]),
            delta=float(delta[k]),
            luck=float(luck[k]),
            fatigue=float(fatigue[k]),
        )
        for k in mine
    )
    events = tuple(
        EventOutcome(index, tuple((int(c), float(d)) for c, d in enumerate(shift[game]) if d != 0.0))
        for index, games, shift in happened
        if games[game]
    )
    heard: dict[int, list[tuple[tuple, float]]] = {}  # country -> (cause key, delta) of the echoes it heard
    for row, country, d in zip(*echo):
        if contacts.game[row] == game:
            key = (CauseKind.ECHO, int(contacts.actor[row]), int(contacts.order[row]), -1, int(contacts.country[row]))
            heard.setdefault(int(country), []).append((key, float(d)))
    moves = []
    for country in range(x0.shape[1]):
        causes: dict[tuple, float] = {}
        for o in outcomes:
            if o.country == country:
                key = (CauseKind.CONTACT, o.actor, o.order, -1, -1)
                causes[key] = causes.get(key, 0.0) + o.delta
        for key, d in heard.get(country, ()):
            causes[key] = causes.get(key, 0.0) + d
        e_table, reaction = eng[0], eng[1]
        for i in np.flatnonzero(e_table.game == game):
            if reaction[i, country] != 0.0:
                key = (CauseKind.ENGAGE, int(e_table.actor[i]), int(e_table.order[i]), -1, -1)
                causes[key] = causes.get(key, 0.0) + float(reaction[i, country])
        if settled is not None:
            for p in np.flatnonzero(settled.shift[game, :, country]):
                key = (CauseKind.PROMISE, -1, -1, int(p), -1)
                causes[key] = float(settled.shift[game, p, country])
        for ev in events:
            for c, d in ev.shifts:
                if c == country:
                    causes[(CauseKind.EVENT, -1, -1, ev.event, -1)] = d
        for kind, arr in ((CauseKind.DRIFT, drift), (CauseKind.SPILL, spill), (CauseKind.LIMIT, limit)):
            if arr[game, country] != 0.0:
                causes[(kind, -1, -1, -1, -1)] = float(arr[game, country])
        if causes:
            moves.append(
                Move(
                    country=country,
                    before=float(x0[game, country]),
                    after=float(x4[game, country]),
                    causes=tuple(_cause(k, d, a, o, e, c) for (k, a, o, e, c), d in causes.items()),
                )
            )
    return TurnRecord(
        turn=turn,
        contacts=outcomes,
        events=events,
        moves=tuple(moves),
        tracks=_track_record(game, eng),
        promises=_promise_outcomes(game, turn, settled),
    )


def _cause(kind: CauseKind, delta: float, actor: int, order: int, event: int, country: int) -> Cause:
    """A cause from its record key; a promise's key carries the promise where an event's carries the event."""
    if kind == CauseKind.PROMISE:
        return Cause(kind, delta, promise=event)
    return Cause(kind, delta, actor=actor, order=order, event=event, country=country)
