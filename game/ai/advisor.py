"""The advisor ("Ask your staff"): the next orders worth giving, each with a one-line reason.

How it decides, for one game at the start of (or part-way through) filling a week's sheet:

1. **Shortlist.**  Every legal order is scored by the greedy bot's one-week measure (expected gain in
   commitments per unit of budget); the best of each class of order (principal's call, each deputy, a trip,
   each group call, a contact with the rival) and then the best overall make a shortlist.  Where a scored
   track is fed by contacts with the rival (The Rational Way's channel to Moscow), the contact that feeds it
   most is always on the list: the one-week measure cannot see a channel that only weekly contact builds.
2. **Kept up** (the ranking).  Each candidate is played out to the end of the crisis with the pending plan
   plus the candidate repeated every week, against the pending plan alone repeated (``outlook.kept_up``: the
   top bar's expected end, with its rollouts, seeds and model of the rival).  ``kept_up`` is the change of
   the expected end, so the number beside a suggestion is the number it was ranked by, and adding it moves the
   top bar by that much.
3. **This week** (a second figure, not ranked by).  ``rollouts`` games with the pending sheet plus the
   candidate this week only, then the historical campaign for our side, against as many without it.
   ``expected_gain`` is the mean difference: what the order does alone, often +0.0 since one order seldom
   crosses a line by itself.
4. **Advice.**  The candidates in order of ``kept_up`` that still fit the budget together and do not work
   the same capitals as a suggestion before them.  Every comparison plays every candidate with the same
   rollout seeds, so luck cancels out.

The work is fixed by ``candidates`` and the rollouts, so the advice is a pure function of the scenario, the
state, the pending sheet and ``seed``.  ``budget_seconds`` is a safety net for slow machines: the this-week
figure is left out if the ranking already took half of it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from game.engine import Dice, Kind, Order, Rules, RungKind, Sheet, State, legal_orders, why_illegal
from game.engine.orders import rival_of
from game.engine.outcome import score_of
from game.scenario.build import Scenario

from .batch_policies import play_weeks
from .catalog import SheetBatch, catalog, tables
from .named import batch_policy_named
from .outlook import ROLLOUTS as OUTLOOK_ROLLOUTS
from .outlook import kept_up, rollout_model, rollout_seeds
from .policies import channel_tracks
from .promising import keeping_orders, promise_reason
from .value import expected_gain, order_cost

__all__ = ["Advice", "advise", "advisor_policy", "reason", "rollout_seeds", "shortlist"]


@dataclass(frozen=True)
class Advice:
    order: Order
    reason: str  # one line for the player
    expected_gain: float  # this week alone: final score points over not giving it (the asking side's view)
    spread: float = 0.0  # 95% half-width of expected_gain over the rollouts
    kept_up: float = 0.0  # change of the expected end if it is given every week (the ranking; same view)
    kept_up_spread: float = 0.0  # 95% half-width of kept_up


# ---------------------------------------------------------------------------------------- shortlist


def _reached(rules: Rules, order: Order) -> set[int]:
    if order.kind == Kind.MULTILATERAL:
        return {int(c) for c in np.flatnonzero(rules.group_members[order.group])}
    return set(order.targets)


def _class(order: Order) -> tuple:
    if order.kind == Kind.MULTILATERAL:
        return (int(order.kind), order.group)
    return (int(order.kind), order.deputy)


def shortlist(
    rules: Rules, state: State, pending: Sheet, legal: list[Order], size: int
) -> tuple[list[Order], list[Order]]:
    """The candidates worth a rollout, and every legal order that helps this week, best first (both by the
    greedy bot's one-week measure: expected gain in commitments per unit of budget)."""
    cat = catalog(rules, pending.actor)
    oids = np.asarray(cat.ids_of(legal), dtype=np.int64)
    batch = SheetBatch(pending.actor, np.arange(oids.size), np.full(oids.size, len(pending.orders)), oids)
    table, _ = tables(rules, [batch])
    gains = expected_gain(rules, state, pending, table, oids.size)
    costs = np.array([order_cost(rules, o) for o in legal])
    ratio = gains / costs
    ranked = np.argsort(-ratio, kind="stable")
    chosen: list[int] = []
    seen: set[tuple] = set()
    for i in ranked:  # the best of each class first, so a deputy or a trip is always considered
        key = _class(legal[i])
        if key not in seen and (ratio[i] > 0 or legal[i].kind == Kind.ENGAGE):
            seen.add(key)
            chosen.append(int(i))
    chosen = chosen[:size]
    channel = _channel_contact(rules, legal)
    if channel is not None and channel not in chosen and size > 0:
        chosen = chosen[: size - 1] + [channel]
    for i in ranked:
        if len(chosen) >= size:
            break
        if int(i) not in chosen and ratio[i] > 0:
            chosen.append(int(i))
    helpful = [legal[i] for i in ranked if ratio[i] > 0]
    return [legal[i] for i in chosen], helpful


def _channel_contact(rules: Rules, legal: list[Order]) -> int | None:
    """The index of the legal contact with the rival that feeds the scored tracks most (the Secretary's own
    before a deputy's, as the keeper picks it), or None where no scored track is fed by contacts."""
    feeds = channel_tracks(rules)
    best = None
    for i, order in enumerate(legal):
        if order.kind != Kind.ENGAGE or feeds[order.topic] <= 0:
            continue
        key = (-feeds[order.topic], order.deputy >= 0)
        if best is None or key < best[0]:
            best = (key, i)
    return None if best is None else best[1]


# ----------------------------------------------------------------------------------------- rollouts


def _repeat(state: State, n: int) -> State:
    return state.tiled(n)


def rollout_scores(
    scenario: Scenario,
    state: State,
    actor: int,
    pending: Sheet,
    options: list[Order | None],
    seeds: np.ndarray,
    rival_policy: str = "historical",
    continuation: str = "historical",
) -> np.ndarray:
    """Final scores (len(options), len(seeds)) of playing each option (None: nothing more) after the
    pending sheet this week, then ``continuation`` for our side and ``rival_policy`` for the other."""
    rules = scenario.rules
    cat = catalog(rules, actor)
    k, m = len(options), seeds.size
    games = k * m
    batch_state = _repeat(state, games)
    dice = Dice(np.tile(seeds, k))
    base = cat.ids_of(pending.orders)
    game_rows, oid_rows = [], []
    for i, option in enumerate(options):
        ids = base + ([cat.id_of(option)] if option is not None else [])
        for g in range(i * m, (i + 1) * m):
            game_rows.extend([g] * len(ids))
            oid_rows.extend(ids)
    first = SheetBatch.from_rows(actor, np.asarray(game_rows, dtype=np.int64), np.asarray(oid_rows, dtype=np.int64))
    policies = {actor: batch_policy_named(continuation)}
    for other in range(rules.n_actors):
        if other != actor:
            policies[other] = batch_policy_named(rival_policy)
    final = play_weeks(scenario, batch_state, dice, policies, first={actor: first})
    return score_of(rules, final).reshape(k, m)


# ------------------------------------------------------------------------------------------ reasons


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _respond(interest: float) -> str:
    if interest >= 1.2:
        return "responds strongly to"
    if interest >= 0.8:
        return "responds to"
    if interest >= 0.4:
        return "listens to"
    return "is lukewarm on"


def _thresholds(rules: Rules, c: int) -> list[tuple[float, str]]:
    """The country's open lines on the commitment ladder, lowest first, each with its words."""
    ladder = rules.ladder
    out = []
    for r in range(ladder.n_rungs):
        vote = ladder.kinds[r] == RungKind.VOTE
        for o in range(1, len(ladder.options[r])):
            value = float(ladder.thresholds[c, r, o])
            if not np.isnan(value):
                out.append((value, rules.labels.line(r, o, vote)))
    return sorted(out)


def _points(n: float) -> str:
    n = round(abs(n))
    return "1 point" if n == 1 else f"{n} points"


def _stakes(rules: Rules, x: float, c: int, sign: float, exact: bool = True) -> str | None:
    """What is at stake for the country near its current alignment, from the asking side's view.  Without
    ``exact`` (a game under fog, where players see bands, not numbers) the distance is told in words."""
    best = None
    for value, name in _thresholds(rules, c):
        gap = sign * (value - x)  # > 0: the rung lies ahead, toward our end of the scale
        if 0 < gap <= 12:
            if gap < 0.5:
                text = f"on the brink of {name}" if sign > 0 else f"on the brink of dropping out of {name}"
            elif sign > 0:
                text = f"{_points(gap)} short of {name}" if exact else f"within reach of {name}"
            else:
                text = f"{_points(gap)} above the line for {name}" if exact else f"not far above the line for {name}"
            cand = (gap, text)
        elif -6 <= gap <= 0:  # just past it on our side: worth holding there
            if sign > 0:
                text = f"only {_points(gap)} past {name}" if exact else f"just past {name}"
            else:
                text = f"only {_points(gap)} below the line for {name}" if exact else f"just below the line for {name}"
            cand = (-gap + 0.5, text)
        else:
            continue
        if best is None or cand[0] < best[0]:
            best = cand
    return None if best is None else best[1]


def _context(rules: Rules, state: State, actor: int, c: int, game: int) -> str | None:
    rival = rival_of(rules, actor)
    turn = state.turn
    them, us = rules.labels.actors[rival], rules.labels.actors[actor]
    last_rival = int(state.last_contact[game, rival, c])
    if last_rival == turn - 1:
        return f"{them} was in touch last week"
    if state.recent[game, rival, c] >= 1.5:
        return f"{them} has been working on it"
    last_us = int(state.last_contact[game, actor, c])
    if turn >= 2 and turn - last_us >= 3:
        return f"no call from {us} for {turn - last_us} weeks" if last_us >= 0 else f"no call from {us} yet"
    return None


_LINE = 180  # characters of a reason the staff's card shows on one line


def _costs(rules: Rules, state: State, actor: int, order: Order, game: int) -> str | None:
    """What the order costs beyond its own capitals: a group convened lately listens less, and capitals that
    hear the argument the other way move away."""
    convened = state.group_recent if state.group_recent.shape[2] == rules.group_members.shape[0] else None
    tired = order.kind == Kind.MULTILATERAL and convened is not None and rules.group_fatigue_k > 0
    if tired and convened[game, actor, order.group] >= 0.5:
        return "it was convened lately and listens less"
    pressed = np.flatnonzero(rules.group_members[order.group]) if order.kind == Kind.MULTILATERAL else order.targets
    if not len(pressed) or not 0 <= order.topic < rules.n_topics:
        return None
    share = rules.echo[order.topic, list(pressed)].sum(axis=0)
    share[list(pressed)] = 0.0
    alarmed = [rules.labels.countries[c] for c in np.flatnonzero(share < 0)]
    if not alarmed:
        return None
    if len(alarmed) > 2:
        alarmed = [alarmed[0], f"{len(alarmed) - 1} more"]
    return f"heard the other way in {' and '.join(alarmed)}"


def reason(scenario: Scenario, state: State, actor: int, order: Order, game: int = 0, *, exact: bool = True) -> str:
    """One line saying why the order is worth giving now (``exact=False``: distances in words, not points)."""
    rules = scenario.rules
    labels = rules.labels
    sign = float(rules.actor_sign[actor])
    topic = _lower(labels.topics[order.topic]) if 0 <= order.topic < rules.n_topics else "it"
    if order.kind == Kind.ENGAGE:
        moved = [labels.tracks[k] for k in np.flatnonzero(rules.engage_gain[order.topic] != 0)] if rules.tracks else []
        what = f" moves {', '.join(_lower(t) for t in moved)}" if moved else " keeps the channel open"
        if channel_tracks(rules)[order.topic] > 0:  # a scored channel decays without weekly contact
            what = f" builds the {', '.join(_lower(t) for t in moved)}, which scores only if kept up week after week"
        return f"Talking to {labels.actors[rival_of(rules, actor)]} about {topic}{what}"
    if order.kind == Kind.MULTILATERAL:
        members = np.flatnonzero(rules.group_members[order.group])
        x = state.alignment[game, members]
        nearest = None
        for c, xc in zip(members, x):
            stake = _stakes(rules, float(xc), int(c), sign, exact)
            if stake:
                nearest = f"{labels.countries[c]} is {stake}"
                break
        name = labels.groups[order.group]
        name = _lower(name) if name.lower().startswith("the ") else f"the {name}"
        head = f"Convening {name} on {topic} reaches {members.size} capitals at once"
        parts = [head] + [p for p in (nearest, _costs(rules, state, actor, order, game)) if p]
        return "; ".join(parts) if len("; ".join(parts)) <= _LINE else "; ".join(parts[:2])
    countries = list(order.targets)
    # The stop (or the one country) the argument works best on.
    interest = state.interest[game, countries, order.topic]
    c = countries[int(np.argmax(interest))]
    x = float(state.alignment[game, c])
    parts = [f"{labels.countries[c]} {_respond(float(state.interest[game, c, order.topic]))} {topic}"]
    if order.kind == Kind.VISIT:
        names = [labels.countries[t] for t in countries]
        where = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts[0] = f"A trip to {where}: " + parts[0]
    elif order.kind == Kind.DEPUTY_CALL and rules.deputy_specialty[order.deputy] == order.topic:
        parts.append(f"it is {labels.deputies[order.deputy]}'s field")
    stake = _stakes(rules, x, c, sign, exact)
    if stake:
        parts.append(f"it is {stake}")
    cost = _costs(rules, state, actor, order, game)
    # The cost elsewhere only if the line stays short enough to show whole.
    if cost and len("; ".join([*parts, cost])) <= _LINE:
        parts.append(cost)
    context = _context(rules, state, actor, c, game)
    if context:
        parts.append(context)
    return "; ".join(parts[:3])


# ------------------------------------------------------------------------------------------- advise


def advise(
    scenario: Scenario,
    state: State,
    actor: int,
    pending_sheet: Sheet | None = None,
    seed: int = 0,
    budget_seconds: float | None = 0.3,
    *,
    game: int = 0,
    candidates: int = 16,
    rollouts: int = 32,
    kept_up_rollouts: int = OUTLOOK_ROLLOUTS,
    rival_policy: str = "historical",
    continuation: str = "historical",
    exact: bool = True,
) -> list[Advice]:
    """The orders worth adding to ``pending_sheet`` now, best first by ``kept_up``, each legal after the ones
    before it.

    ``state`` may be a batch; ``game`` says which game.  Returns [] when no order is legal.  ``rival_policy``
    is the other side's policy in every rollout (modelled as the top bar's expected end models it:
    ``outlook.rollout_model``).  ``rollouts`` plays the this-week figure (0 leaves it out) and
    ``kept_up_rollouts`` the ranking.  With ``budget_seconds=None`` the whole work is always done (the advice
    is then a pure function of the arguments); with a budget the this-week figure is left out if the ranking
    took half of it.  ``exact=False`` words the reasons without alignment figures (a game under fog).
    """
    return _advise(
        scenario,
        state,
        actor,
        pending_sheet,
        seed,
        budget_seconds,
        game=game,
        candidates=candidates,
        rollouts=rollouts,
        kept_up_rollouts=kept_up_rollouts,
        rival_policy=rival_policy,
        continuation=continuation,
        exact=exact,
    )[0]


def _advise(
    scenario: Scenario,
    state: State,
    actor: int,
    pending_sheet: Sheet | None,
    seed: int,
    budget_seconds: float | None,
    *,
    game: int = 0,
    candidates: int = 16,
    rollouts: int = 32,
    kept_up_rollouts: int = OUTLOOK_ROLLOUTS,
    rival_policy: str = "historical",
    continuation: str = "historical",
    exact: bool = True,
    reasons: bool = True,
) -> tuple[list[Advice], list[Order]]:
    started = time.perf_counter()
    rules = scenario.rules
    pending = pending_sheet if pending_sheet is not None else Sheet(actor)
    if pending.actor != actor:
        raise ValueError("the pending sheet belongs to another side")
    one = state.game(game) if state.games != 1 or game != 0 else state
    legal = legal_orders(rules, one, pending)
    if not legal:
        return [], []
    options, helpful = shortlist(rules, one, pending, legal, candidates)
    # The calls that keep a promise falling due this week or next are always played out (a promise's cost
    # lies weeks ahead, where the one-week shortlist does not look).
    options += [o for o in keeping_orders(rules, one, pending, within=1) if o not in options]
    if not options:
        return [], helpful
    kept = kept_up(scenario, one, actor, pending, options, rival_policy, seed, max(2, kept_up_rollouts))
    gain, spread = np.zeros(len(options)), np.zeros(len(options))
    in_time = budget_seconds is None or time.perf_counter() - started < budget_seconds / 2
    if rollouts > 0 and in_time:
        model = rollout_model(rival_policy)
        seeds = rollout_seeds(seed, one.turn, 0, rollouts)
        scores = rollout_scores(scenario, one, actor, pending, [None, *options], seeds, model, continuation)
        diff = float(rules.actor_sign[actor]) * (scores[1:] - scores[0][None, :])
        gain = diff.mean(axis=1)
        if diff.shape[1] > 1:
            spread = 1.96 * diff.std(axis=1, ddof=1) / np.sqrt(diff.shape[1])
    ranked = sorted(range(len(options)), key=lambda i: (-kept.gains[i], i))
    advice: list[Advice] = []
    sheet = pending
    covered: set[int] = set()
    for i in ranked:
        if advice and kept.gains[i] <= 0:
            break
        order = options[i]
        if why_illegal(rules, one, sheet, order) is not None:
            continue
        # Each candidate was played out alone: two suggestions on the same capitals would overstate both (a
        # call that keeps a promise is worth its promise wherever else the plan reaches).
        reached = _reached(rules, order)
        keeps = promise_reason(rules, one, sheet, order)
        if advice and reached and len(reached & covered) * 2 > len(reached) and keeps is None:
            continue
        covered |= reached
        sheet = sheet.with_order(order)
        line = reason(scenario, one, actor, order, exact=exact) if reasons else ""
        line = f"{keeps[0].upper()}{keeps[1:]}. {line}" if keeps and line else line
        advice.append(
            Advice(
                order,
                line,
                round(float(gain[i]), 3),
                round(float(spread[i]), 3),
                round(float(kept.gains[i]), 3),
                round(float(kept.spreads[i]), 3),
            )
        )
    return advice, helpful


BOT_CANDIDATES = 12  # the advisor bot's shortlist and rollouts: smaller than the window's, so that the balance
BOT_ROLLOUTS = 16  # lab can play it on every bundled scenario in minutes
BOT_SURE = 1  # the bot follows a suggestion only while its kept_up is outside its 95% interval


def advisor_policy(scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
    """The advisor as a bot, played as a player who follows the staff: ask, add the first suggestion, ask
    again for the plan as it now is, until the staff sees nothing more worth adding; then, for the budget
    left, the other orders that help this week by the greedy measure.  Deterministic: no time budget, rollout
    seeds from the game's seed."""
    seed = int(dice.seeds[0] >> np.uint64(1))
    rules = scenario.rules
    sheet = Sheet(actor)
    helpful: list[Order] = []
    while True:
        suggestions, helpful = _advise(
            scenario,
            state,
            actor,
            sheet,
            seed,
            None,
            candidates=BOT_CANDIDATES,
            rollouts=0,
            kept_up_rollouts=BOT_ROLLOUTS,
            reasons=False,
        )
        if not suggestions or suggestions[0].kept_up <= BOT_SURE * suggestions[0].kept_up_spread:
            break
        sheet = sheet.with_order(suggestions[0].order)
    for order in helpful:
        if order.kind != Kind.ENGAGE and why_illegal(rules, state, sheet, order) is None:
            sheet = sheet.with_order(order)
    return sheet
