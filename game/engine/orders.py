"""Budgets and legality of orders: the one place the UI, the AI and the tests ask "may I do this?"."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np

from .model import Kind, Order, Resource, Rules, Sheet, State


class IllegalOrder(ValueError):
    """An order the rules refuse; the message is the text a player sees."""


def budget(rules: Rules, state: State, actor: int, game: int = 0) -> dict[Resource, int]:
    """Calls and visits the actor has this week before any order is placed."""
    turn = min(state.turn, rules.n_turns)
    base = rules.base_budget[actor]
    mod = state.budget_mod[game, actor, :, turn]
    return {r: max(0, int(base[r] + mod[r])) for r in Resource}


def sheet_cost(rules: Rules, orders) -> dict[Resource, int]:
    calls = visits = 0
    for order in orders:
        if order.kind in (Kind.CALL, Kind.MULTILATERAL) or (order.kind == Kind.ENGAGE and order.deputy < 0):
            calls += 1
        elif order.kind == Kind.VISIT:
            visits += 1
            calls += rules.visit_travel_calls
    return {Resource.CALLS: calls, Resource.VISITS: visits}


def remaining(rules: Rules, state: State, sheet: Sheet, game: int = 0) -> dict[str, int]:
    """What is left of the week's budget after the pending sheet: calls, visits, free deputies."""
    have = budget(rules, state, sheet.actor, game)
    used = sheet_cost(rules, sheet.orders)
    free = [d for d in deputies_of(rules, sheet.actor) if deputy_refusal(rules, state, sheet, d, game) is None]
    return {
        "calls": have[Resource.CALLS] - used[Resource.CALLS],
        "visits": have[Resource.VISITS] - used[Resource.VISITS],
        "deputies": len(free),
    }


def deputies_of(rules: Rules, actor: int) -> list[int]:
    return [d for d in range(len(rules.deputies)) if rules.deputy_actor[d] == actor]


def deputy_refusal(rules: Rules, state: State, sheet: Sheet, deputy: int, game: int = 0) -> str | None:
    if not 0 <= deputy < len(rules.deputies):
        return "unknown deputy"
    name = rules.labels.deputies[deputy]
    if rules.deputy_actor[deputy] != sheet.actor:
        return f"{name} does not work for {rules.labels.actors[sheet.actor]}"
    if state.deputy_busy[game, deputy, min(state.turn, rules.n_turns)]:
        return f"{name} is tied up this week"
    if any(o.deputy == deputy for o in sheet.orders):
        return f"{name} has already placed a call this week"
    return None


def rival_of(rules: Rules, actor: int) -> int:
    """The other side (scenarios have two actors with opposite signs)."""
    others = [a for a in range(rules.n_actors) if rules.actor_sign[a] != rules.actor_sign[actor]]
    return others[0] if others else actor


def engage_topics(rules: Rules) -> list[int]:
    """Topics that move at least one track when raised with the rival."""
    if rules.engage_gain.size == 0:
        return []
    return [int(t) for t in np.flatnonzero(np.abs(rules.engage_gain).sum(axis=1) > 0)]


def _engage_refusal(rules: Rules, state: State, sheet: Sheet, order: Order, game: int) -> str | None:
    me, rival = rules.labels.actors[order.actor], rules.labels.actors[rival_of(rules, order.actor)]
    if not rules.can_engage[order.actor]:
        return f"{me} keeps no channel to {rival} in this crisis"
    if order.targets or order.group >= 0:
        return f"a contact with {rival} names no country"
    if not 0 <= order.topic < rules.n_topics:
        return "unknown topic"
    if order.topic not in engage_topics(rules):
        return f"{rival} will not discuss {rules.labels.topics[order.topic]}"
    if any(o.kind == Kind.ENGAGE for o in sheet.orders):
        return f"one contact with {rival} a week"
    if order.deputy >= 0:
        if not 0 <= order.deputy < len(rules.deputies):
            return "unknown deputy"
        return deputy_refusal(rules, state, sheet, order.deputy, game)
    if remaining(rules, state, sheet, game)["calls"] < 1:
        return "no calls left this week"
    return None


def _topic_refusal(rules: Rules, actor: int, topic: int) -> str | None:
    if not 0 <= topic < rules.n_topics:
        return "unknown topic"
    if rules.leverage[actor, topic] <= 0:
        return f"{rules.labels.actors[actor]} has nothing to offer on {rules.labels.topics[topic]}"
    return None


def _target_refusal(rules: Rules, country: int) -> str | None:
    if not 0 <= country < rules.n_countries:
        return "unknown country"
    return None


def why_illegal(rules: Rules, state: State, sheet: Sheet, order: Order, game: int = 0) -> str | None:
    """None if ``order`` may be added to ``sheet`` this week, else the reason in words."""
    if state.turn >= rules.n_turns:
        return "the crisis is over"
    if order.actor != sheet.actor:
        return "that order belongs to another side's sheet"
    if not 0 <= order.actor < rules.n_actors:
        return "unknown actor"
    if order.kind == Kind.ENGAGE:
        return _engage_refusal(rules, state, sheet, order, game)
    if order.deputy >= 0 and order.kind != Kind.DEPUTY_CALL:
        return "only a deputy's call or a contact with the rival names a deputy"
    if order.group >= 0 and order.kind != Kind.MULTILATERAL:
        return "only a multilateral call names a group"
    refusal = _topic_refusal(rules, order.actor, order.topic)
    if refusal:
        return refusal
    left = remaining(rules, state, sheet, game)
    if order.kind == Kind.CALL:
        if len(order.targets) != 1:
            return "a call has exactly one country"
        refusal = _target_refusal(rules, order.targets[0])
        if refusal:
            return refusal
        if left["calls"] < 1:
            return "no calls left this week"
        return None
    if order.kind == Kind.DEPUTY_CALL:
        if len(order.targets) != 1:
            return "a deputy's call has exactly one country"
        refusal = _target_refusal(rules, order.targets[0])
        if refusal:
            return refusal
        if not 0 <= order.deputy < len(rules.deputies):
            return "unknown deputy"
        return deputy_refusal(rules, state, sheet, order.deputy, game)
    if order.kind == Kind.MULTILATERAL:
        if not 0 <= order.group < len(rules.groups):
            return "unknown group"
        if not rules.group_conveners[order.actor, order.group]:
            return f"{rules.labels.actors[order.actor]} cannot convene {rules.labels.groups[order.group]}"
        if order.targets:
            return "a multilateral call names a group, not countries"
        if left["calls"] < 1:
            return "no calls left this week"
        if any(o.kind == Kind.MULTILATERAL and o.group == order.group for o in sheet.orders):
            return f"{rules.labels.groups[order.group]} has already been convened this week"
        return None
    if order.kind == Kind.VISIT:
        if not 1 <= len(order.targets) <= rules.visit_max_stops:
            return f"a trip visits 1 to {rules.visit_max_stops} capitals"
        for country in order.targets:
            refusal = _target_refusal(rules, country)
            if refusal:
                return refusal
        if len(set(order.targets)) != len(order.targets):
            return "a trip visits each capital once"
        regions = {int(rules.region_of[c]) for c in order.targets}
        if len(regions) > 1:
            return "a trip chains capitals of one region only"
        if left["visits"] < 1:
            return "no visits left this week"
        if left["calls"] < rules.visit_travel_calls:
            return f"a trip costs {rules.visit_travel_calls} calls of travel time; {left['calls']} left"
        return None
    return "unknown kind of order"


def candidate_orders(rules: Rules, actor: int) -> Iterator[Order]:
    """Every order the actor could ever give (legal or not this week), in a fixed order."""
    topics = [t for t in range(rules.n_topics) if rules.leverage[actor, t] > 0]
    countries = range(rules.n_countries)
    for t in topics:
        for c in countries:
            yield Order(actor, Kind.CALL, t, (c,))
    for d in deputies_of(rules, actor):
        for t in topics:
            for c in countries:
                yield Order(actor, Kind.DEPUTY_CALL, t, (c,), deputy=d)
    for g in np.flatnonzero(rules.group_conveners[actor]):
        for t in topics:
            yield Order(actor, Kind.MULTILATERAL, t, group=int(g))
    for trip in trips(rules):
        for t in topics:
            yield Order(actor, Kind.VISIT, t, trip)
    if rules.can_engage[actor]:
        for d in [-1, *deputies_of(rules, actor)]:
            for t in engage_topics(rules):
                yield Order(actor, Kind.ENGAGE, t, deputy=d)


def trips(rules: Rules) -> Iterator[tuple[int, ...]]:
    """All trips: sets of 1..max_stops capitals of one region, stops in country order."""
    for region in range(len(rules.regions)):
        members = [int(c) for c in np.flatnonzero(rules.region_of == region)]
        for stops in range(1, rules.visit_max_stops + 1):
            yield from itertools.combinations(members, stops)


def legal_orders(rules: Rules, state: State, sheet: Sheet, game: int = 0) -> list[Order]:
    """Every order that may be added to ``sheet`` this week.

    Equivalent to filtering ``candidate_orders`` through ``why_illegal`` (a test pins that), but checks the
    budget once per kind so that the AI can call it every time it adds an order.
    """
    if state.turn >= rules.n_turns:
        return []
    actor = sheet.actor
    left = remaining(rules, state, sheet, game)
    topics = [t for t in range(rules.n_topics) if rules.leverage[actor, t] > 0]
    out: list[Order] = []
    if left["calls"] >= 1:
        out.extend(Order(actor, Kind.CALL, t, (c,)) for t in topics for c in range(rules.n_countries))
    for d in deputies_of(rules, actor):
        if deputy_refusal(rules, state, sheet, d, game) is None:
            out.extend(
                Order(actor, Kind.DEPUTY_CALL, t, (c,), deputy=d) for t in topics for c in range(rules.n_countries)
            )
    if left["calls"] >= 1:
        used = {o.group for o in sheet.orders if o.kind == Kind.MULTILATERAL}
        for g in np.flatnonzero(rules.group_conveners[actor]):
            if int(g) not in used:
                out.extend(Order(actor, Kind.MULTILATERAL, t, group=int(g)) for t in topics)
    if left["visits"] >= 1 and left["calls"] >= rules.visit_travel_calls:
        out.extend(Order(actor, Kind.VISIT, t, trip) for trip in trips(rules) for t in topics)
    if rules.can_engage[actor] and not any(o.kind == Kind.ENGAGE for o in sheet.orders):
        callers = [d for d in deputies_of(rules, actor) if deputy_refusal(rules, state, sheet, d, game) is None]
        if left["calls"] >= 1:
            callers.insert(0, -1)
        out.extend(Order(actor, Kind.ENGAGE, t, deputy=d) for d in callers for t in engage_topics(rules))
    return out


def validate_sheet(rules: Rules, state: State, sheet: Sheet, game: int = 0) -> None:
    """Raise IllegalOrder naming the first order that the rules refuse."""
    built = Sheet(sheet.actor)
    for index, order in enumerate(sheet.orders):
        reason = why_illegal(rules, state, built, order, game)
        if reason:
            raise IllegalOrder(f"order {index + 1}: {reason}")
        built = built.with_order(order)
