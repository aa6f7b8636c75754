"""What an order will do, told before it is given: the stakes a player sees while drafting.

The engine decides a contact's effect in ``resolve._effects``: the side's sign and power, its leverage on the
topic, the country's mobility, the messenger's strength (a deputy's own field, a trip's later stops), events'
power changes, the country's interest in the topic, the room left toward the side's end of the scale, fatigue
from recent and earlier contacts this week, and luck ``max(0, 1 + sigma * z)``.  :func:`preview_order` reads the
same numbers for one drafted order, on top of the orders already planned this week:

* the **expected shift** of every capital it reaches: the engine's expected effect (``contact_effects`` without
  luck) times the exact mean of the luck factor, a normal cut at zero (``luck_mean``);
* a **range**: the shift at the 10th and the 90th percentile of the luck factor (``RANGE``), so eight outcomes
  in ten fall inside it;
* the **reasons** as data (:class:`Reasons`), each factor of the product, and the rival's recent pressure;
* the first-order **spill-over** to group peers (``spill_rate * ties * shift``, the biggest few);
* the **commitment lines** the shift crosses, may cross (the range's far end does) or still falls short of, each
  with what it is worth in score points (:class:`LineCross`).

:func:`line_gaps` is every country's distance to its next line and its margin over the line it stands on, from
one side's point of view (the map and the country list draw it).  Nothing here is random or reads the clock;
the window, the class server and the tests read the same numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from game.engine import Kind, Order, Rules, RungKind, Sheet, State, contact_effects, contacts_from_sheets
from game.engine.orders import promise_due_week, rival_of
from game.engine.outcome import max_points, score

# The range a preview states: the shift at these quantiles of the luck factor.
RANGE = (0.10, 0.90)
_Z_HIGH = 1.2815515655446004  # the standard normal's 90th percentile (the 10th is its negative)
# How many peers the spill-over names at most, and the smallest spill worth naming (alignment points).
SPILL_SHOWN = 3
SPILL_MIN = 0.05
# A capital whose next line is this close (alignment points) gets a distance tag in the window's list and map.
REACH = 10.0
_NEVER = -999  # the state's last contact of a side that never made one


def luck_mean(sigma: float) -> float:
    """E[max(0, 1 + sigma * z)] for a standard normal z: the normal's mean above the cut at 0,
    ``Phi(1/sigma) + sigma * phi(1/sigma)``."""
    if sigma <= 0.0:
        return 1.0
    u = 1.0 / sigma
    cdf = 0.5 * (1.0 + math.erf(u / math.sqrt(2.0)))
    pdf = math.exp(-0.5 * u * u) / math.sqrt(2.0 * math.pi)
    return cdf + sigma * pdf


def luck_quantiles(sigma: float) -> tuple[float, float]:
    """The luck factor at the ``RANGE`` quantiles (max(0, .) keeps the cut: a quantile below it is 0)."""
    return max(0.0, 1.0 - sigma * _Z_HIGH), max(0.0, 1.0 + sigma * _Z_HIGH)


@dataclass(frozen=True)
class Luck:
    """The noise of one contact: ``sigma`` is the scenario's noise times the country's volatility."""

    sigma: float
    mean: float
    low: float
    high: float


@dataclass(frozen=True)
class Reasons:
    """Every factor of one contact's effect (their product, with the side's sign, is the shift at luck 1), and
    what the rival has been doing with the country."""

    interest: float  # the country's interest in the topic (negative: the argument pushes it away)
    leverage: float  # what the side can offer on the topic
    power: float  # the side's power this week (events may have changed it)
    mobility: float  # how easily the country moves at all
    kind: Kind
    strength: float  # the messenger's strength in units of a principal's call (deputy's field, trip stop)
    specialty: bool  # a deputy calling in its own field (the bonus is in ``strength``)
    stop: int  # the stop of a trip (0: the first); the member's place in a group call
    stop_decay: float  # the factor a trip's later stop loses (1 for the first stop and other kinds)
    recent: float  # the side's recent contacts with the country (decayed units of a call), before this week
    planned: float  # units of contact already planned this week with the country, before this order
    fatigue: float  # 1 / (1 + fatigue_k * (recent + planned))
    alignment: float  # where the country stands (under fog the window shows none of it)
    room: float  # the share of the scale left toward the side's end, to the room exponent
    rival_recent: float  # the rival's recent contacts with the country (decayed units)
    rival_weeks: int  # weeks since the rival's last contact (-1: never)
    luck: Luck
    believed: float = 0.0  # the boost of a promise the order makes here (the factor is 1 + believed)
    mistrust: float = 0.0  # the share lost to a promise the side broke here (the factor is 1 - mistrust)
    mistrust_until: int = 0  # the week the mistrust ends (0-based: it runs while the turn is below it)


@dataclass(frozen=True)
class LineCross:
    """A commitment line on the way of a shift: its words, where it is, what it is worth and how much is still
    missing after the expected shift (0 when the shift crosses it)."""

    country: int
    rung: int
    option: int
    label: str
    line: float
    worth: float  # score points (0-100) the line is worth on its own: points * weight / the most there is * 100
    score_change: float  # the change of "if it ended today" as the country goes past it, others as they stand
    missing: float  # alignment points still missing after the expected shift (0: crossed)
    crossed: bool  # the expected shift takes the country past it
    may_cross: bool  # the range's far end does


@dataclass(frozen=True)
class CountryPreview:
    country: int
    shift: float  # expected (signed: + toward Washington)
    low: float  # the range: the lower and upper shift at RANGE's quantiles of luck
    high: float
    at_luck_one: float  # the shift at luck 1 (the product of the reasons)
    reasons: Reasons
    lines: tuple[LineCross, ...]  # crossed, may cross, then the next line still ahead
    score_change: float  # change of "if it ended today" from the expected shift of this country alone


@dataclass(frozen=True)
class Spill:
    country: int
    shift: float


@dataclass(frozen=True)
class PromiseStakes:
    """What the promise an order carries adds now and owes later: the expected extra shift it buys (over the
    same order without it), the week it falls due, and what keeping and breaking it move."""

    promise: int
    extra: float  # expected, signed (+ toward Washington), over every capital it is made in
    due: int  # the week (0-based) it falls due
    kept: float  # alignment points toward the side when kept (per capital)
    broken: float  # alignment points away from the side when broken (per capital)
    mistrust: float
    mistrust_weeks: int


@dataclass(frozen=True)
class OrderPreview:
    order: Order
    countries: tuple[CountryPreview, ...]
    spill: tuple[Spill, ...]
    promise: PromiseStakes | None = None

    @property
    def shift(self) -> float:
        """The expected shifts added over the capitals reached."""
        return sum(c.shift for c in self.countries)

    def of(self, country: int) -> CountryPreview | None:
        for c in self.countries:
            if c.country == country:
                return c
        return None


# ------------------------------------------------------------------------------------------- the lines


def score_scale(rules: Rules) -> float:
    """Score points (0-100) per weighted ladder point: 100 / the most there is (tracks included)."""
    scored = ~np.isnan(rules.track_threshold)
    total = float(max_points(rules).sum() + np.where(scored, rules.track_points, 0.0).sum())
    return 100.0 / total if total > 0 else 0.0


def _open_lines(rules: Rules, state: State, c: int) -> list[tuple[float, int, int]]:
    """(line, rung, option) of the country's lines its alignment decides (an event's decision and a closed or
    never-by-alignment line left out), lowest first."""
    lines = state.thresholds[0, c]
    decided = state.decided[0, c]
    out = []
    for r in range(rules.ladder.n_rungs):
        if decided[r] >= 0:
            continue
        for o in range(1, len(rules.ladder.options[r])):
            t = float(lines[r, o])
            if not math.isnan(t):
                out.append((t, r, o))
    return sorted(out)


def _line_label(rules: Rules, r: int, o: int) -> str:
    return rules.labels.line(r, o, rules.ladder.kinds[r] == RungKind.VOTE)


def _worth(rules: Rules, c: int, r: int, o: int, scale: float) -> float:
    """The line's own points: the option's over the option below it, weighted, in score points."""
    points = rules.ladder.points[r]
    return float((points[o] - points[o - 1]) * rules.score_weight[c] * scale)


def _scores_at(rules: Rules, state: State, c: int, values: list[float]) -> np.ndarray:
    """The score if it ended now with country ``c`` at each of ``values`` (everyone else where they stand)."""
    x = np.repeat(state.alignment[:1], len(values), axis=0)
    x[:, c] = values
    n = len(values)
    return score(
        rules,
        x,
        np.repeat(state.track[:1], n, axis=0),
        np.broadcast_to(state.thresholds[0], (n,) + state.thresholds.shape[1:]),
        np.broadcast_to(state.decided[0], (n,) + state.decided.shape[1:]),
    )


def _past(line: float, sign: float) -> float:
    """The alignment just past a line in the side's direction (a line is reached at exactly its value; below
    it by the smallest step under it)."""
    return line if sign > 0 else math.nextafter(line, -math.inf)


def _before(line: float, sign: float) -> float:
    return math.nextafter(line, -math.inf) if sign > 0 else line


def lines_on_the_way(
    rules: Rules, state: State, c: int, sign: float, shift: float, far: float, scale: float | None = None
) -> tuple[LineCross, ...]:
    """The lines a shift of ``shift`` (expected) up to ``far`` (the range's far end) meets from where country
    ``c`` stands, in the side's direction, and the first line beyond both; each with its worth and the score's
    change as the country goes past it (the lines before it passed, everyone else as they stand)."""
    scale = score_scale(rules) if scale is None else scale
    x = float(state.alignment[0, c])
    ahead = [(t, r, o) for t, r, o in _open_lines(rules, state, c) if (t > x if sign > 0 else t <= x)]
    ahead.sort(key=lambda line: sign * line[0])
    out = []
    for t, r, o in ahead:
        gap = (t - x) if sign > 0 else (x - t)  # alignment points to go past it (from x), > 0 or just 0 below
        moved = sign * shift
        reach = max(sign * far, moved)
        crossed = moved >= gap if sign > 0 else moved > gap
        may = reach >= gap if sign > 0 else reach > gap
        before, past = _scores_at(rules, state, c, [_before(t, sign), _past(t, sign)])
        out.append(
            LineCross(
                country=c,
                rung=r,
                option=o,
                label=_line_label(rules, r, o),
                line=t,
                worth=_worth(rules, c, r, o, scale),
                score_change=float(past - before),
                missing=0.0 if crossed else float(gap - moved),
                crossed=bool(crossed),
                may_cross=bool(may),
            )
        )
        if not may:
            break  # the first line beyond the range ends the list
    return tuple(out)


# --------------------------------------------------------------------------------------------- orders


def preview_order(rules: Rules, state: State, side: int, order: Order, plan: Sheet | None = None) -> OrderPreview:
    """What ``order`` by ``side`` would do this week, after the orders of ``plan`` (the side's sheet so far):
    per capital it reaches, the expected shift, its range and reasons, the lines on the way; then the
    spill-over to group peers.  A contact with the rival itself reaches no capital (empty preview)."""
    state = state.game(0) if state.games != 1 else state
    plan = plan if plan is not None and plan.actor == side else Sheet(side)
    sheet = Sheet(side, tuple(plan.orders) + (order,))
    table = contacts_from_sheets(rules, [[sheet]])
    expected, fatigue = contact_effects(rules, state, table)
    mine = np.flatnonzero(table.order == len(plan.orders))
    sign = float(rules.actor_sign[side])
    rival = rival_of(rules, side)
    turn = min(state.turn, rules.n_turns)
    power = float(rules.actor_power[side] * state.power_mod[0, side, turn])
    call = float(rules.kind_strength[Kind.CALL])
    units = table.strength / call
    scale = score_scale(rules)
    countries = []
    shifts = np.zeros(rules.n_countries)
    for k in mine:
        c, t = int(table.country[k]), int(table.topic[k])
        sigma = float(rules.noise_sigma * rules.volatility[c])
        luck = Luck(sigma, luck_mean(sigma), *luck_quantiles(sigma))
        base = float(expected[k])
        ends = sorted((base * luck.low, base * luck.high))
        x = float(state.alignment[0, c])
        room = min(max((100.0 - sign * x) / 200.0, 0.0), 1.0) ** rules.room_exponent
        stop = int(table.stop[k])
        decay = rules.visit_stop_decay**stop if order.kind == Kind.VISIT else 1.0
        specialty = order.kind == Kind.DEPUTY_CALL and rules.deputy_specialty[order.deputy] == t
        earlier = np.flatnonzero((table.country == c) & (np.arange(table.size) < k))
        last = int(state.last_contact[0, rival, c])
        reasons = Reasons(
            interest=float(state.interest[0, c, t]),
            leverage=float(rules.leverage[side, t]),
            power=power,
            mobility=float(rules.mobility[c]),
            kind=Kind(order.kind),
            strength=float(units[k]),
            specialty=bool(specialty),
            stop=stop,
            stop_decay=float(decay),
            recent=float(state.recent[0, side, c]),
            planned=float(units[earlier].sum()),
            fatigue=float(fatigue[k]),
            alignment=x,
            room=float(room),
            rival_recent=float(state.recent[0, rival, c]),
            rival_weeks=turn - last if last > _NEVER else -1,
            luck=luck,
            believed=float(rules.promises[order.promise].boost) if 0 <= order.promise < len(rules.promises) else 0.0,
            mistrust=_mistrust_at(rules, state, side, c),
            mistrust_until=_mistrust_end(rules, state, side, c),
        )
        shift = base * luck.mean
        # An argument the country dislikes moves it away: then the lines on its way are the ones behind it.
        direction = sign if shift * sign >= 0 else -sign
        far = ends[1] if direction > 0 else ends[0]
        now, then = _scores_at(rules, state, c, [x, x + shift])
        countries.append(
            CountryPreview(
                country=c,
                shift=shift,
                low=ends[0],
                high=ends[1],
                at_luck_one=base,
                reasons=reasons,
                lines=lines_on_the_way(rules, state, c, direction, shift, far, scale),
                score_change=float(then - now),
            )
        )
        shifts[c] += shift
    return OrderPreview(
        order, tuple(countries), spill_of(rules, shifts), _promise_stakes(rules, state, order, countries)
    )


def _mistrust_at(rules: Rules, state: State, side: int, country: int) -> float:
    """The share of ``side``'s contacts in ``country`` lost to a broken promise this week (0: none)."""
    if state.mistrust.shape[1:] != (rules.n_actors, rules.n_countries):
        return 0.0
    running = int(state.mistrust_until[0, side, country]) > state.turn
    return float(state.mistrust[0, side, country]) if running else 0.0


def _mistrust_end(rules: Rules, state: State, side: int, country: int) -> int:
    if state.mistrust.shape[1:] != (rules.n_actors, rules.n_countries):
        return 0
    return int(state.mistrust_until[0, side, country])


def _promise_stakes(rules: Rules, state: State, order: Order, countries: list[CountryPreview]) -> PromiseStakes | None:
    if not 0 <= order.promise < len(rules.promises):
        return None
    spec = rules.promises[order.promise]
    # the shift with the promise is (1 + boost) times the shift without it: the difference is what it buys
    extra = sum(p.shift * spec.boost / (1.0 + spec.boost) for p in countries)
    return PromiseStakes(
        promise=spec.index,
        extra=float(extra),
        due=promise_due_week(rules, state.turn, spec.index),
        kept=spec.kept_shift,
        broken=spec.broken_shift,
        mistrust=spec.mistrust,
        mistrust_weeks=spec.mistrust_weeks,
    )


def spill_of(rules: Rules, shifts: np.ndarray) -> tuple[Spill, ...]:
    """The first-order spill-over of ``shifts`` (C,) onto the countries not moved themselves: each peer moves by
    ``spill_rate`` times its tie weight to the moved country times the shift; the biggest few."""
    moved = shifts != 0.0
    pull = rules.spill_rate * (rules.spill_matrix[:, moved] @ shifts[moved])
    pull[moved] = 0.0
    ranked = np.argsort(-np.abs(pull), kind="stable")[:SPILL_SHOWN]
    return tuple(Spill(int(j), float(pull[j])) for j in ranked if abs(pull[j]) >= SPILL_MIN)


# ------------------------------------------------------------------------------------- every country


@dataclass(frozen=True)
class LineGap:
    """One country's place between its lines, from one side's point of view: the next line the side wants it
    past (``ahead``, ``need`` alignment points away) and the line it would lose (``behind``, ``margin`` points
    above it for Washington; below it for Moscow)."""

    country: int
    ahead: LineCross | None
    need: float
    behind: LineCross | None
    margin: float
    against: bool = False  # the side that wants the country below its lines (the rival): ahead is a line to pull it off


def line_gaps(rules: Rules, state: State, side: int) -> list[LineGap]:
    """Every country's distance to its next line in ``side``'s direction and its margin over the line behind."""
    state = state.game(0) if state.games != 1 else state
    sign = float(rules.actor_sign[side])
    scale = score_scale(rules)
    out = []
    for c in range(rules.n_countries):
        x = float(state.alignment[0, c])
        ahead = lines_on_the_way(rules, state, c, sign, 0.0, 0.0, scale)
        nxt = ahead[0] if ahead else None
        back = lines_on_the_way(rules, state, c, -sign, 0.0, 0.0, scale)
        held = back[0] if back else None
        out.append(
            LineGap(
                country=c,
                ahead=nxt,
                need=nxt.missing if nxt is not None else math.inf,
                behind=held,
                margin=abs(x - held.line) if held is not None else math.inf,
                against=sign < 0,
            )
        )
    return out
