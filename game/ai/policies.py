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
    RefusalCode,
    Rules,
    Sheet,
    State,
    contacts_from_sheets,
    legal_orders,
    refusal,
    why_illegal,
)
from game.scenario.build import Scenario

from .catalog import catalog
from .random_bot import batch_random, random_policy_by_orders
from .value import engage_value, expected_gain, order_cost

Policy = Callable[[Scenario, State, int, Dice], Sheet]


def idle(scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
    """Does nothing: the baseline every other policy must beat."""
    return Sheet(actor)


def random_policy(scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
    """Spends the whole budget at random: a random kind of order, then a random order of that kind.

    Each step takes one keyed 64-bit draw (actor, draw number): its high half picks the kind, its low half
    the order.  A game alone is played by the batch bot on a batch of one (``batch_policies.batch_random``,
    orders as catalogue numbers): the same draws and the same choices as ``random_policy_by_orders``, the
    procedure written out over ``Order`` objects, without building the ~3,900 legal orders of every step."""
    if state.games != 1 or dice.games != 1:
        return random_policy_by_orders(scenario, state, actor, dice)
    return catalog(scenario.rules, actor).sheets(batch_random(scenario, state, actor, dice), 1)[0]


# ----------------------------------------------------------------------------------------------- greedy


def _candidate_table(rules: Rules, actor: int, candidates: list[Order]) -> Contacts:
    """The contacts each candidate order would make, as one table whose ``game`` is the candidate's index."""
    return contacts_from_sheets(rules, [[Sheet(actor, (order,))] for order in candidates])


def greedy(scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
    """Adds, one at a time, the legal order with the best expected gain in commitments per unit of budget,
    looking one week ahead and ignoring what the other side may do."""
    rules = scenario.rules
    sheet = Sheet(actor)
    options = legal_orders(rules, state, sheet)
    if not options:
        return sheet
    table = _candidate_table(rules, actor, options)
    costs = np.array([order_cost(rules, o) for o in options])
    # Orders of one class (same kind, deputy and group) become illegal together as the budget runs out.
    classes = np.array([hash((int(o.kind), o.deputy, o.group if o.kind == Kind.MULTILATERAL else -1)) for o in options])
    alive = np.ones(len(options), dtype=bool)
    engage = engage_value(rules, state, actor, options)
    while alive.any():
        gains = expected_gain(rules, state, sheet, table, len(options)) + engage
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
    campaign in rotation for the calls and deputies left, and any escalation in the week history raised it."""
    return outreach_fill(scenario, state, actor, documented_sheet(scenario, state, actor))


def documented_sheet(scenario: Scenario, state: State, actor: int) -> Sheet:
    """The week's documented contacts (those still legal), and the escalations history raised this week."""
    rules = scenario.rules
    sheet = Sheet(actor)
    for entry in scenario.playbook.get(actor, {}).get(state.turn, ()):
        if why_illegal(rules, state, sheet, entry.order) is None:
            sheet = sheet.with_order(entry.order)
    for event in rules.events:
        if event.raised_by == actor and event.history == state.turn:
            sheet = sheet.with_raise(event.index)
    return sheet


def outreach_fill(scenario: Scenario, state: State, actor: int, sheet: Sheet) -> Sheet:
    """``sheet`` with the calls and deputies left spent on the campaign's standing outreach lines, in the
    week's rotation."""
    rules = scenario.rules
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


def channel_tracks(rules: Rules) -> np.ndarray:
    """(T,) how much an engagement on each topic feeds the scored tracks (a channel to the rival worth points)."""
    scored = ~np.isnan(rules.track_threshold) & (rules.track_points > 0)
    if rules.engage_gain.size == 0 or not scored.any():
        return np.zeros(rules.n_topics)
    return (rules.engage_gain * scored).sum(axis=1)


def keeper(scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
    """The greedy bot that also keeps a line to the rival open every week, where a scored track needs one.

    Greedy values a contact with the rival by this week's progress only, so it lets a channel decay that only
    weekly contact builds (The Rational Way's top tier needs one): this bot gives its least valuable call to
    the contact that feeds the scored tracks most.  Elsewhere it is the greedy bot."""
    rules = scenario.rules
    sheet = greedy(scenario, state, actor, dice)
    feeds = channel_tracks(rules)
    if not (feeds > 0).any() or any(o.kind == Kind.ENGAGE for o in sheet.orders):
        return sheet
    engages = [o for o in legal_orders(rules, state, Sheet(actor)) if o.kind == Kind.ENGAGE and feeds[o.topic] > 0]
    if not engages:
        return sheet
    # the contact that feeds the channel most first, the Secretary's own before a deputy's
    for order in sorted(engages, key=lambda o: (-feeds[o.topic], o.deputy >= 0)):
        if why_illegal(rules, state, sheet, order) is None:
            return sheet.with_order(order)
        calls = [i for i, o in enumerate(sheet.orders) if o.kind == Kind.CALL and o.deputy < 0]
        if calls:  # the greedy bot adds its best first: its last call is the least worth
            trimmed = sheet.without(calls[-1])
            if why_illegal(rules, state, trimmed, order) is None:
                return trimmed.with_order(order)
    return sheet


POLICIES: dict[str, Policy] = {
    "historical": historical,
    "random": random_policy,
    "greedy": greedy,
    "idle": idle,
}
