"""Order-sheet policies: idle, random, greedy and the historical playbook.

Every policy builds its sheet only through the engine's ``legal_orders``/``why_illegal``, so a bot can never
do what a player could not.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from game.engine import (
    Contacts,
    Dice,
    Kind,
    Order,
    Purpose,
    RefusalCode,
    Rules,
    Sheet,
    State,
    contact_effects,
    contacts_from_sheets,
    legal_orders,
    refusal,
    why_illegal,
)
from game.engine.resolve import engagement_strength
from game.scenario.build import Scenario

Policy = Callable[[Scenario, State, int, Dice], Sheet]


def idle(scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
    """Does nothing: the baseline every other policy must beat."""
    return Sheet(actor)


def scaled(half, n):
    """One of ``n`` choices, uniformly, from 32 random bits (a Python int or an int64 array of them)."""
    return (half * n) >> 32


def random_policy(scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
    """Spends the whole budget at random: a random kind of order, then a random order of that kind.

    Each step takes one keyed 64-bit draw (actor, draw number): its high half picks the kind, its low half
    the order (``batch_policies.batch_random`` makes the same choices for a batch of games at once)."""
    rules = scenario.rules
    sheet = Sheet(actor)
    groups: dict[tuple[int, int], list[Order]] = {}
    for order in legal_orders(rules, state, sheet):
        groups.setdefault((int(order.kind), order.deputy), []).append(order)
    keys = sorted(groups)
    draw = 0
    purpose = Purpose.POLICY if actor == scenario.player else Purpose.RIVAL_POLICY
    while keys:
        word = int(dice.words(0, state.turn, purpose, actor, draw))
        draw += 1
        key = keys[scaled(word >> 32, len(keys))]
        options = groups[key]
        order = options[scaled(word & 0xFFFFFFFF, len(options))]
        if why_illegal(rules, state, sheet, order) is None:
            sheet = sheet.with_order(order)
        else:
            keys.remove(key)
    return sheet


# ----------------------------------------------------------------------------------------------- greedy


def _smooth_value(rules: Rules, x: np.ndarray, countries: np.ndarray | None = None) -> np.ndarray:
    """A smooth version of the commitment points countries give at alignment ``x``: what a move is worth
    to the player's side.  ``countries`` names the country of each entry of ``x`` (default: all, in order)."""
    if countries is None:
        countries = np.arange(rules.n_countries)
    abstain, yes, sanctions, arms, energy = rules.rung_points
    scale = 6.0
    total = np.zeros(np.shape(x))
    for points, thresholds in (
        (abstain, rules.threshold_un_abstain),
        (yes - abstain, rules.threshold_un_yes),
        (sanctions, rules.threshold_sanctions),
        (arms, rules.threshold_arms),
        (energy, rules.threshold_energy),
    ):
        t = thresholds[countries]
        open_rung = ~np.isnan(t)
        with np.errstate(over="ignore"):
            total += np.where(open_rung, points / (1.0 + np.exp(-(x - np.nan_to_num(t)) / scale)), 0.0)
    return rules.score_weight[countries] * total


def _candidate_table(rules: Rules, actor: int, candidates: list[Order]) -> Contacts:
    """The contacts each candidate order would make, as one table whose ``game`` is the candidate's index."""
    return contacts_from_sheets(rules, [[Sheet(actor, (order,))] for order in candidates])


def _expected_gain(rules: Rules, state: State, sheet: Sheet, table: Contacts, n: int) -> np.ndarray:
    """Expected gain in (smoothed) commitment value of adding each candidate to the pending sheet.

    Candidates are evaluated in one vectorised call: each candidate is a "game" of a batch that starts from
    the state after the pending orders' expected effects, so fatigue from the pending sheet counts too.
    """
    pending = contacts_from_sheets(rules, [[sheet]])
    pending_delta, _ = contact_effects(rules, state, pending)
    x = state.alignment[0].copy()
    np.add.at(x, pending.country, pending_delta)
    recent = state.recent[0].copy()
    np.add.at(recent, (pending.actor, pending.country), pending.strength / rules.kind_strength[Kind.CALL])
    after = state.evolve(alignment=x[None, :], recent=recent[None, :, :])
    delta, _ = contact_effects(rules, _broadcast(after, n), table)
    value = _smooth_value(rules, x)
    per_contact = _smooth_value(rules, x[table.country] + delta, table.country) - value[table.country]
    gain = np.zeros(n)
    np.add.at(gain, table.game, per_contact)
    return gain * rules.actor_sign[sheet.actor]


def _broadcast(state: State, n: int) -> State:
    """The same single-game state repeated ``n`` times (read-only views; no copies)."""
    return state.tiled(n, copy=False)


def _cost(rules: Rules, order: Order) -> float:
    if order.kind == Kind.VISIT:
        return 1.0 + rules.visit_travel_calls
    if order.kind == Kind.DEPUTY_CALL:
        return 0.05  # deputies have their own budget: using them costs the principal nothing
    return 1.0


def _engage_value(rules: Rules, state: State, actor: int, options: list[Order]) -> np.ndarray:
    """What a contact with the rival is worth this week, in the same units as ``_expected_gain``: progress
    of the scored tracks toward their goals (linear credit, so a distant goal still pulls), the decay it
    prevents, and the allies' reactions."""
    values = np.zeros(len(options))
    engage = [i for i, o in enumerate(options) if o.kind == Kind.ENGAGE]
    if not engage:
        return values
    turn = min(state.turn, rules.n_turns)
    track = state.track[0]
    goal = rules.track_threshold
    scored = ~np.isnan(goal) & (rules.track_points > 0)
    safe_goal = np.where(scored, goal, 1.0)

    def progress(t: np.ndarray) -> float:
        return float((rules.track_points * np.clip(t / safe_goal, 0.0, 1.0) * scored).sum())

    x = state.alignment[0]
    base_countries = _smooth_value(rules, x).sum()
    for i in engage:
        order = options[i]
        strength = engagement_strength(rules, order) * state.power_mod[0, actor, turn]
        moved = track + strength * rules.engage_gain[order.topic] + track * rules.track_decay
        reaction = strength * rules.engage_reaction[actor]
        countries = _smooth_value(rules, x + reaction).sum() - base_countries
        values[i] = progress(moved) - progress(track) + countries
    return values * rules.actor_sign[actor]


def greedy(scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
    """Adds, one at a time, the legal order with the best expected gain in commitments per unit of budget,
    looking one week ahead and ignoring what the other side may do."""
    rules = scenario.rules
    sheet = Sheet(actor)
    options = legal_orders(rules, state, sheet)
    if not options:
        return sheet
    table = _candidate_table(rules, actor, options)
    costs = np.array([_cost(rules, o) for o in options])
    # Orders of one class (same kind, deputy and group) become illegal together as the budget runs out.
    classes = np.array([hash((int(o.kind), o.deputy, o.group if o.kind == Kind.MULTILATERAL else -1)) for o in options])
    alive = np.ones(len(options), dtype=bool)
    engage = _engage_value(rules, state, actor, options)
    while alive.any():
        gains = _expected_gain(rules, state, sheet, table, len(options)) + engage
        ranking = np.where(alive, gains / costs, -np.inf)
        for index in np.argsort(-ranking, kind="stable"):
            if ranking[index] <= 0:
                return sheet  # nothing left that helps (dead candidates rank at -inf, after all live ones)
            if not alive[index]:
                continue
            if why_illegal(rules, state, sheet, options[index]) is None:
                sheet = sheet.with_order(options[index])
                break
            alive &= classes != classes[index]
        else:
            return sheet
    return sheet


# ------------------------------------------------------------------------------------------- historical


def historical(scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
    """What the side really did: the week's documented contacts, then the standing outreach lines of the
    campaign in rotation for the calls and deputies left."""
    rules = scenario.rules
    sheet = Sheet(actor)
    for entry in scenario.playbook.get(actor, {}).get(state.turn, ()):
        if why_illegal(rules, state, sheet, entry.order) is None:
            sheet = sheet.with_order(entry.order)
    lines = scenario.outreach.get(actor, ())
    if not lines:
        return sheet
    position = (state.turn * 7) % len(lines)
    attempts = 0
    while attempts < len(lines):
        country, topic = lines[position % len(lines)]
        order = Order(actor, Kind.CALL, topic, (country,))
        position += 1
        if why_illegal(rules, state, sheet, order) is None:
            sheet = sheet.with_order(order)
            attempts = 0
        else:
            attempts += 1
            if refusal(rules, state, sheet, order).code == RefusalCode.NO_CALLS:
                break
    for deputy in range(len(rules.deputies)):
        if rules.deputy_actor[deputy] != actor:
            continue
        for _ in range(len(lines)):
            country, topic = lines[position % len(lines)]
            position += 1
            order = Order(actor, Kind.DEPUTY_CALL, topic, (country,), deputy=deputy)
            refused = refusal(rules, state, sheet, order)
            if refused is None:
                sheet = sheet.with_order(order)
                break
            if refused.code in (RefusalCode.DEPUTY_BUSY, RefusalCode.DEPUTY_USED):
                break
    return sheet


POLICIES: dict[str, Policy] = {
    "historical": historical,
    "random": random_policy,
    "greedy": greedy,
    "idle": idle,
}


def make_policy(name: str) -> Policy:
    """A policy by name: one of ``POLICIES``, ``advisor``, or a rival persona ``persona[:level]``
    (``game.ai.personas``; imported only when asked for)."""
    if name in POLICIES:
        return POLICIES[name]
    if name == "advisor":
        from .advisor import advisor_policy

        return advisor_policy
    from .personas import parse_persona, persona_policy

    if parse_persona(name) is not None:
        return persona_policy(name)
    raise ValueError(f"unknown policy '{name}' (choose from {', '.join(POLICIES)})") from None
