"""Budgets and legality of orders: the one place the UI, the AI and the tests ask "may I do this?"."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .model import Kind, Order, Resource, Rules, Sheet, State


class IllegalOrder(ValueError):
    """An order the rules refuse; the message is the text a player sees."""


class RefusalCode(str, enum.Enum):
    """Every way the rules refuse an order.  Callers decide by the code (and what it is about), never by the
    words, so rewording a refusal or naming two things alike cannot change what a bot or a screen does."""

    CRISIS_OVER = "crisis_over"
    WRONG_SHEET = "wrong_sheet"
    UNKNOWN_ACTOR = "unknown_actor"
    UNKNOWN_KIND = "unknown_kind"
    UNKNOWN_TOPIC = "unknown_topic"
    UNKNOWN_COUNTRY = "unknown_country"
    UNKNOWN_DEPUTY = "unknown_deputy"
    UNKNOWN_GROUP = "unknown_group"
    NO_LEVERAGE = "no_leverage"
    WRONG_SHAPE = "wrong_shape"
    NO_CALLS = "no_calls"
    NO_VISITS = "no_visits"
    NO_TRAVEL_CALLS = "no_travel_calls"
    DEPUTY_NOT_OURS = "deputy_not_ours"
    DEPUTY_BUSY = "deputy_busy"
    DEPUTY_USED = "deputy_used"
    NOT_CONVENER = "not_convener"
    GROUP_USED = "group_used"
    TRIP_STOPS = "trip_stops"
    TRIP_REPEAT = "trip_repeat"
    TRIP_REGIONS = "trip_regions"
    NO_CHANNEL = "no_channel"
    ENGAGE_TOPIC = "engage_topic"
    ENGAGE_USED = "engage_used"
    PROMISE_UNKNOWN = "promise_unknown"
    PROMISE_KIND = "promise_kind"
    PROMISE_NOT_OURS = "promise_not_ours"
    PROMISE_TOPIC = "promise_topic"
    PROMISE_COUNTRY = "promise_country"
    PROMISE_OPEN = "promise_open"
    PROMISE_LIMIT = "promise_limit"
    PROMISE_LATE = "promise_late"
    INCOMPLETE = "incomplete"  # drafting only: a choice is still missing


@dataclass(frozen=True)
class Refusal:
    """Why an order is refused: a code, what it is about (``about`` names the kind of thing, ``index`` which
    one: a topic, deputy, group or country), and the sentence a player sees."""

    code: RefusalCode
    words: str
    about: str = ""
    index: int = -1

    def __str__(self) -> str:
        return self.words

    def is_about(self, about: str, index: int | None = None) -> bool:
        return self.about == about and (index is None or self.index == index)


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


def deputy_refusal(rules: Rules, state: State, sheet: Sheet, deputy: int, game: int = 0) -> Refusal | None:
    if not 0 <= deputy < len(rules.deputies):
        return Refusal(RefusalCode.UNKNOWN_DEPUTY, "unknown deputy", "deputy", deputy)
    name = rules.labels.deputies[deputy]
    if rules.deputy_actor[deputy] != sheet.actor:
        words = f"{name} does not work for {rules.labels.actors[sheet.actor]}"
        return Refusal(RefusalCode.DEPUTY_NOT_OURS, words, "deputy", deputy)
    if state.deputy_busy[game, deputy, min(state.turn, rules.n_turns)]:
        return Refusal(RefusalCode.DEPUTY_BUSY, f"{name} is tied up this week", "deputy", deputy)
    if any(o.deputy == deputy for o in sheet.orders):
        return Refusal(RefusalCode.DEPUTY_USED, f"{name} has already placed a call this week", "deputy", deputy)
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


_NO_CALLS = Refusal(RefusalCode.NO_CALLS, "no calls left this week", "budget")


def _engage_refusal(rules: Rules, state: State, sheet: Sheet, order: Order, game: int) -> Refusal | None:
    me, rival = rules.labels.actors[order.actor], rules.labels.actors[rival_of(rules, order.actor)]
    if not rules.can_engage[order.actor]:
        words = f"{me} keeps no channel to {rival} in this crisis"
        return Refusal(RefusalCode.NO_CHANNEL, words, "actor", order.actor)
    if order.targets or order.group >= 0:
        return Refusal(RefusalCode.WRONG_SHAPE, f"a contact with {rival} names no country", "kind")
    if not 0 <= order.topic < rules.n_topics:
        return Refusal(RefusalCode.UNKNOWN_TOPIC, "unknown topic", "topic", order.topic)
    if order.topic not in engage_topics(rules):
        words = f"{rival} will not discuss {rules.labels.topics[order.topic]}"
        return Refusal(RefusalCode.ENGAGE_TOPIC, words, "topic", order.topic)
    if any(o.kind == Kind.ENGAGE for o in sheet.orders):
        return Refusal(RefusalCode.ENGAGE_USED, f"one contact with {rival} a week", "kind")
    if order.deputy >= 0:
        return deputy_refusal(rules, state, sheet, order.deputy, game)
    if remaining(rules, state, sheet, game)["calls"] < 1:
        return _NO_CALLS
    return None


def _topic_refusal(rules: Rules, actor: int, topic: int) -> Refusal | None:
    if not 0 <= topic < rules.n_topics:
        return Refusal(RefusalCode.UNKNOWN_TOPIC, "unknown topic", "topic", topic)
    if rules.leverage[actor, topic] <= 0:
        words = f"{rules.labels.actors[actor]} has nothing to offer on {rules.labels.topics[topic]}"
        return Refusal(RefusalCode.NO_LEVERAGE, words, "topic", topic)
    return None


def _target_refusal(rules: Rules, country: int) -> Refusal | None:
    if not 0 <= country < rules.n_countries:
        return Refusal(RefusalCode.UNKNOWN_COUNTRY, "unknown country", "country", country)
    return None


def _shape(words: str) -> Refusal:
    return Refusal(RefusalCode.WRONG_SHAPE, words, "kind")


def refusal(rules: Rules, state: State, sheet: Sheet, order: Order, game: int = 0) -> Refusal | None:
    """None if ``order`` may be added to ``sheet`` this week, else why not (a code, what it is about, words)."""
    found = _order_refusal(rules, state, sheet, order, game)
    if found is None and order.promise >= 0:
        return promise_refusal(rules, state, sheet, order, game)
    return found


def _order_refusal(rules: Rules, state: State, sheet: Sheet, order: Order, game: int) -> Refusal | None:
    if state.turn >= rules.n_turns:
        return Refusal(RefusalCode.CRISIS_OVER, "the crisis is over")
    if order.actor != sheet.actor:
        return Refusal(RefusalCode.WRONG_SHEET, "that order belongs to another side's sheet", "actor", order.actor)
    if not 0 <= order.actor < rules.n_actors:
        return Refusal(RefusalCode.UNKNOWN_ACTOR, "unknown actor", "actor", order.actor)
    if order.kind == Kind.ENGAGE:
        if order.promise >= 0:
            return _promise("a promise goes with a call or a visit to a capital", RefusalCode.PROMISE_KIND)
        return _engage_refusal(rules, state, sheet, order, game)
    if order.deputy >= 0 and order.kind != Kind.DEPUTY_CALL:
        return _shape("only a deputy's call or a contact with the rival names a deputy")
    if order.group >= 0 and order.kind != Kind.MULTILATERAL:
        return _shape("only a multilateral call names a group")
    topic = _topic_refusal(rules, order.actor, order.topic)
    if topic:
        return topic
    left = remaining(rules, state, sheet, game)
    if order.kind == Kind.CALL:
        if len(order.targets) != 1:
            return _shape("a call has exactly one country")
        return _target_refusal(rules, order.targets[0]) or (_NO_CALLS if left["calls"] < 1 else None)
    if order.kind == Kind.DEPUTY_CALL:
        if len(order.targets) != 1:
            return _shape("a deputy's call has exactly one country")
        return _target_refusal(rules, order.targets[0]) or deputy_refusal(rules, state, sheet, order.deputy, game)
    if order.kind == Kind.MULTILATERAL:
        return _multilateral_refusal(rules, sheet, order, left)
    if order.kind == Kind.VISIT:
        return _visit_refusal(rules, order, left)
    return Refusal(RefusalCode.UNKNOWN_KIND, "unknown kind of order", "kind")


def _multilateral_refusal(rules: Rules, sheet: Sheet, order: Order, left: dict[str, int]) -> Refusal | None:
    g = order.group
    if not 0 <= g < len(rules.groups):
        return Refusal(RefusalCode.UNKNOWN_GROUP, "unknown group", "group", g)
    if not rules.group_conveners[order.actor, g]:
        words = f"{rules.labels.actors[order.actor]} cannot convene {rules.labels.groups[g]}"
        return Refusal(RefusalCode.NOT_CONVENER, words, "group", g)
    if order.targets:
        return _shape("a multilateral call names a group, not countries")
    if left["calls"] < 1:
        return _NO_CALLS
    if any(o.kind == Kind.MULTILATERAL and o.group == g for o in sheet.orders):
        words = f"{rules.labels.groups[g]} has already been convened this week"
        return Refusal(RefusalCode.GROUP_USED, words, "group", g)
    return None


def _visit_refusal(rules: Rules, order: Order, left: dict[str, int]) -> Refusal | None:
    if not 1 <= len(order.targets) <= rules.visit_max_stops:
        return Refusal(RefusalCode.TRIP_STOPS, f"a trip visits 1 to {rules.visit_max_stops} capitals", "trip")
    for country in order.targets:
        unknown = _target_refusal(rules, country)
        if unknown:
            return unknown
    if len(set(order.targets)) != len(order.targets):
        return Refusal(RefusalCode.TRIP_REPEAT, "a trip visits each capital once", "trip")
    if len({int(rules.region_of[c]) for c in order.targets}) > 1:
        return Refusal(RefusalCode.TRIP_REGIONS, "a trip chains capitals of one region only", "trip")
    if left["visits"] < 1:
        return Refusal(RefusalCode.NO_VISITS, "no visits left this week", "budget")
    if left["calls"] < rules.visit_travel_calls:
        words = f"a trip costs {rules.visit_travel_calls} calls of travel time; {left['calls']} left"
        return Refusal(RefusalCode.NO_TRAVEL_CALLS, words, "budget")
    return None


def _promise(words: str, code: RefusalCode, index: int = -1) -> Refusal:
    return Refusal(code, words, "promise", index)


def promise_due_week(rules: Rules, turn: int, promise: int) -> int:
    """The week a promise made in week ``turn`` falls due: ``within`` weeks on, the last week at the latest."""
    return min(turn + rules.promises[promise].within, rules.n_turns - 1)


def promised_on_sheet(sheet: Sheet) -> list[tuple[int, int]]:
    """(promise, country) of every promise the sheet makes, in order."""
    return [(o.promise, c) for o in sheet.orders if o.promise >= 0 for c in o.targets]


def promise_refusal(rules: Rules, state: State, sheet: Sheet, order: Order, game: int = 0) -> Refusal | None:
    """Why the promise ``order`` carries may not be made (the order itself being legal), or None."""
    p = order.promise
    if not 0 <= p < len(rules.promises):
        return _promise("unknown promise", RefusalCode.PROMISE_UNKNOWN, p)
    spec = rules.promises[p]
    what = rules.labels.promises[p]
    if order.kind not in (Kind.CALL, Kind.VISIT):
        return _promise("a promise goes with a call or a visit of your own", RefusalCode.PROMISE_KIND, p)
    if spec.actor != order.actor:
        words = f"{rules.labels.actors[order.actor]} cannot promise {what}"
        return _promise(words, RefusalCode.PROMISE_NOT_OURS, p)
    if order.topic not in spec.topics:
        topic = rules.labels.topics[order.topic]
        return _promise(f"{what} does not go with a talk on {topic}", RefusalCode.PROMISE_TOPIC, p)
    for c in order.targets:
        if c not in spec.offered:
            words = f"{rules.labels.countries[c]} is not looking for {what}"
            return _promise(words, RefusalCode.PROMISE_COUNTRY, p)
    if state.turn + 1 >= rules.n_turns:
        return _promise("no week is left to keep a promise", RefusalCode.PROMISE_LATE, p)
    due = state.promise_due
    planned = promised_on_sheet(sheet)
    for c in order.targets:
        if (due.shape[1] == len(rules.promises) and due[game, p, c] >= 0) or (p, c) in planned:
            words = f"{rules.labels.countries[c]} is still waiting for {what}"
            return _promise(words, RefusalCode.PROMISE_OPEN, p)
    planned_mine = sum(rules.promises[q].actor == order.actor for q, _ in planned)
    mine = state.open_promises(rules, order.actor, game) + planned_mine
    if mine + len(order.targets) > rules.promise_limit:
        words = f"{rules.promise_limit} promises open at once at most; {mine} open"
        return _promise(words, RefusalCode.PROMISE_LIMIT, p)
    return None


def legal_promises(rules: Rules, state: State, sheet: Sheet, order: Order, game: int = 0) -> list[int]:
    """The promises that may go with ``order`` (given without one) on ``sheet`` this week: exactly those that
    ``refusal`` accepts.  ``legal_orders`` lists orders without promises; a promise is a choice on top of one."""
    if order.kind not in (Kind.CALL, Kind.VISIT) or _order_refusal(rules, state, sheet, order, game) is not None:
        return []
    out = []
    for spec in rules.promises:
        if spec.actor == order.actor and order.topic in spec.topics:
            promised = Order(order.actor, order.kind, order.topic, order.targets, promise=spec.index)
            if promise_refusal(rules, state, sheet, promised, game) is None:
                out.append(spec.index)
    return out


def why_illegal(rules: Rules, state: State, sheet: Sheet, order: Order, game: int = 0) -> str | None:
    """None if ``order`` may be added to ``sheet`` this week, else the reason in words (``refusal`` gives the
    structured answer that code should decide by)."""
    found = refusal(rules, state, sheet, order, game)
    return found.words if found else None


def candidate_orders(rules: Rules, actor: int) -> Iterator[Order]:
    """Every order the actor could ever give (legal or not this week), in a fixed order; without promises
    (``legal_promises`` lists those that may go with one)."""
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
    """Every order without a promise that may be added to ``sheet`` this week (``legal_promises`` answers which
    promises may go with one).

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
        refused = refusal(rules, state, built, order, game)
        if refused:
            raise IllegalOrder(f"order {index + 1}: {refused.words}")
        built = built.with_order(order)
    for index, event in enumerate(sheet.raises):
        refused = escalation_refusal(rules, state, sheet.actor, event, sheet.raises[:index])
        if refused:
            raise IllegalOrder(refused)


def escalation_refusal(rules: Rules, state: State, actor: int, event: int, already: tuple[int, ...] = ()) -> str | None:
    """Why ``actor`` may not raise escalation ``event`` this week, in words, or None.  One that has already
    happened may be raised again and does nothing (an escalation happens at most once)."""
    if not 0 <= event < len(rules.events) or rules.events[event].raised_by < 0:
        return f"event {event} is not an escalation"
    spec = rules.events[event]
    name = rules.labels.actors[actor]
    if spec.raised_by != actor:
        return f"{name} cannot raise {rules.labels.actors[spec.raised_by]}'s escalation"
    if state.turn < spec.earliest:
        return f"this escalation cannot be raised before week {spec.earliest + 1}"
    if event in already:
        return "an escalation is raised once a week"
    return None
