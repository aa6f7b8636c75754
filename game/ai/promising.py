"""Promises for the bots: which orders keep the promises a side owes, and two reference players for the
balance lab that make promises - one that keeps them, one that never does.

The bots that play the game (greedy, the historical playbook, the rival personas) make no promises: a promise is a
commitment a person chooses, and the one legal-orders function lists orders without them.  The advisor never
suggests one either (it suggests only what ``legal_orders`` lists); it does suggest the call that keeps a promise
owed, so that its advice never lets a promise lapse unseen (``keeping_orders``).
"""

from __future__ import annotations

from dataclasses import replace

from game.engine import Dice, Kind, Order, Rules, Sheet, State, legal_promises, why_illegal
from game.scenario.build import Scenario

from .policies import Policy, historical


def owed(rules: Rules, state: State, actor: int, game: int = 0) -> list[tuple[int, int, int]]:
    """(due week, promise, country) of every promise ``actor`` owes in one game, soonest first."""
    due = state.promise_due
    if due.shape[1] != len(rules.promises):
        return []
    out = []
    for spec in rules.promises:
        if spec.actor == actor:
            for c in range(rules.n_countries):
                week = int(due[game, spec.index, c])
                if week >= 0:
                    out.append((week, spec.index, c))
    return sorted(out)


def kept_by(rules: Rules, sheet: Sheet, promise: int, country: int) -> bool:
    """Does ``sheet`` keep the promise: a call, visit or deputy's call on its topic where it names?"""
    spec = rules.promises[promise]
    where = spec.keep_in or (country,)
    return any(
        o.kind not in (Kind.MULTILATERAL, Kind.ENGAGE) and o.topic == spec.keep_topic and set(o.targets) & set(where)
        for o in sheet.orders
    )


def keeping_orders(rules: Rules, state: State, sheet: Sheet, within: int = 0, game: int = 0) -> list[Order]:
    """A call that keeps each promise the sheet's side owes, falling due within ``within`` weeks of this one and
    not kept by the sheet yet, soonest due first; each legal after the ones before it."""
    out: list[Order] = []
    plan = sheet
    for due, promise, country in owed(rules, state, sheet.actor, game):
        if due > state.turn + within or kept_by(rules, plan, promise, country):
            continue
        spec = rules.promises[promise]
        where = spec.keep_in or (country,)
        for place in where:
            order = Order(sheet.actor, Kind.CALL, spec.keep_topic, (place,))
            if why_illegal(rules, state, plan, order, game) is None:
                out.append(order)
                plan = plan.with_order(order)
                break
    return out


def with_promises(rules: Rules, state: State, sheet: Sheet) -> Sheet:
    """The sheet with the first legal promise attached to each call and visit that may carry one."""
    built = Sheet(sheet.actor, (), sheet.raises)
    for order in sheet.orders:
        offered = legal_promises(rules, state, built, order) if order.promise < 0 else []
        built = built.with_order(replace(order, promise=offered[0]) if offered else order)
    return built


def _keeping(rules: Rules, state: State, sheet: Sheet) -> Sheet:
    """The sheet, with calls that keep the promises due this week put first; the sheet's own principal's calls
    give way (the last first) when the week's calls run out."""
    keep = keeping_orders(rules, state, Sheet(sheet.actor))
    if not keep:
        return sheet
    rest = list(sheet.orders)
    plan = Sheet(sheet.actor, tuple(keep), sheet.raises)
    for order in rest:
        if why_illegal(rules, state, plan, order) is None:
            plan = plan.with_order(order)
    return plan


def promising_player(keep: bool) -> Policy:
    """The historical campaign with every promise it may make attached, keeping them when they fall due
    (``keep``) or never."""

    def play(scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
        rules = scenario.rules
        sheet = historical(scenario, state, actor, dice)
        if keep:
            sheet = _keeping(rules, state, sheet)
        return with_promises(rules, state, sheet)

    return play


promiser = promising_player(keep=True)
promise_breaker = promising_player(keep=False)


def promise_reason(rules: Rules, state: State, sheet: Sheet, order: Order) -> str | None:
    """ "keeps your promise to Poland (due this week; else −4 there)" when ``order`` keeps a promise owed that
    ``sheet`` does not keep yet; None otherwise."""
    for due, promise, country in owed(rules, state, sheet.actor):
        if kept_by(rules, sheet, promise, country) or not kept_by(
            rules, Sheet(sheet.actor, (order,)), promise, country
        ):
            continue
        when = "due this week" if due <= state.turn else f"due by week {due + 1}"
        spec = rules.promises[promise]
        return f"keeps your promise to {rules.labels.countries[country]} ({when}; else −{spec.broken_shift:g} there)"
    return None
