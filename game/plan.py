"""The week's plan beyond one order at a time: deputies' standing instructions, repeating last week, and
changing or moving an order already queued.

A thirteen-week crisis asks for ten or more orders a week; most weeks repeat the last with a change or two.
So a deputy may be given a *standing instruction* — capitals to call in turn, on a topic or on their
specialty — that yields their call every week until it is changed, and last week's orders can be queued again
in one go.  Everything here is a pure function of the rules, the state and a sheet: legality is the engine's
(:func:`game.engine.refusal`), and whatever is refused comes back with its refusal instead of being dropped
silently.  The session (``game.session``) holds the instructions, fills them in when a week starts and saves
them; this module reads no file and imports nothing above the engine.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from game.engine import Kind, Order, Refusal, RefusalCode, Rules, Sheet, State, refusal
from game.engine.orders import deputies_of

SPECIALTY = -1  # a standing instruction's topic: whatever the deputy is strongest on


@dataclass(frozen=True)
class Standing:
    """A deputy's standing instruction: call ``capitals`` in turn, one a week, on ``topic`` (SPECIALTY: the
    deputy's own).  ``since`` is the week it was given; the rotation counts from there, so a save needs no
    counter and a week replayed gives the same call."""

    deputy: int
    capitals: tuple[int, ...]
    topic: int = SPECIALTY
    since: int = 0


@dataclass(frozen=True)
class Skipped:
    """An order a plan could not queue, and the engine's reason."""

    order: Order
    refusal: Refusal


def standing_topic(rules: Rules, standing: Standing) -> int:
    return int(rules.deputy_specialty[standing.deputy]) if standing.topic == SPECIALTY else standing.topic


def standing_problem(rules: Rules, actor: int, standing: Standing) -> str | None:
    """Why an instruction cannot be given at all (whatever the week), in words; None when it can."""
    names = rules.labels
    if standing.deputy not in deputies_of(rules, actor):
        return "only your own deputies take standing instructions"
    who = names.deputies[standing.deputy]
    if not standing.capitals:
        return f"{who}'s instruction names no capital"
    if len(set(standing.capitals)) != len(standing.capitals):
        return f"{who}'s instruction names a capital twice"
    if any(not 0 <= c < rules.n_countries for c in standing.capitals):
        return "unknown country"
    topic = standing_topic(rules, standing)
    if topic < 0:
        return f"{who} has no specialty: choose a topic"
    if not 0 <= topic < rules.n_topics:
        return "unknown topic"
    if rules.leverage[actor, topic] <= 0:
        return f"{names.actors[actor]} has nothing to offer on {names.topics[topic]}"
    return None


def standing_call(rules: Rules, state: State, sheet: Sheet, standing: Standing) -> tuple[Order | None, list[Skipped]]:
    """This week's call of a standing instruction: the capital whose turn it is, or the next one the rules
    allow; the capitals passed over come back with their refusals.  A refusal about the deputy or the topic
    holds for every capital, so it ends the search (the deputy makes no call this week)."""
    n = len(standing.capitals)
    start = (state.turn - standing.since) % n
    topic = standing_topic(rules, standing)
    skipped: list[Skipped] = []
    for step in range(n):
        country = standing.capitals[(start + step) % n]
        order = Order(sheet.actor, Kind.DEPUTY_CALL, topic, (country,), deputy=standing.deputy)
        refused = refusal(rules, state, sheet, order)
        if refused is None:
            return order, skipped
        skipped.append(Skipped(order, refused))
        if not refused.is_about("country"):
            break
    return None, skipped


def repeat_orders(rules: Rules, state: State, sheet: Sheet, orders) -> tuple[Sheet, list[Order], list[Skipped]]:
    """``orders`` (last week's) added to ``sheet`` in turn where the rules still allow them; an order already
    on the sheet (a standing instruction's call, say) is not queued twice, nor reported.  A promise is not
    repeated: it was made once, and last week's promised call, repeated, is the call that keeps it."""
    added: list[Order] = []
    skipped: list[Skipped] = []
    for order in orders:
        order = dataclasses.replace(order, promise=-1) if order.promise >= 0 else order
        if order in sheet.orders:
            continue
        refused = refusal(rules, state, sheet, order)
        if refused is None:
            sheet = sheet.with_order(order)
            added.append(order)
        else:
            skipped.append(Skipped(order, refused))
    return sheet, added, skipped


def sheet_refusal(rules: Rules, state: State, sheet: Sheet) -> Refusal | None:
    """The first refusal met adding the sheet's orders one by one (an edited or reordered plan is checked
    whole, as the week will check it), or None."""
    built = Sheet(sheet.actor)
    for order in sheet.orders:
        refused = refusal(rules, state, built, order)
        if refused is not None:
            return refused
        built = built.with_order(order)
    return None


def replaced(sheet: Sheet, index: int, order: Order) -> Sheet:
    orders = list(sheet.orders)
    orders[index] = order
    return Sheet(sheet.actor, tuple(orders))


def moved(sheet: Sheet, index: int, to: int) -> Sheet:
    orders = list(sheet.orders)
    orders.insert(to, orders.pop(index))
    return Sheet(sheet.actor, tuple(orders))


def replace_refusal(rules: Rules, state: State, sheet: Sheet, index: int, order: Order) -> Refusal | None:
    """Why order ``index`` may not become ``order``: the engine's refusal of the new order against the rest
    of the plan (so that its own budget or deputy is not counted twice), or None."""
    if not 0 <= index < len(sheet.orders):
        return Refusal(RefusalCode.INCOMPLETE, "that order is no longer in the plan", "plan", index)
    return refusal(rules, state, sheet.without(index), order)


def standing_to_dict(rules, standing: Standing) -> dict:
    return {
        "deputy": rules.deputies[standing.deputy],
        "capitals": [rules.countries[c] for c in standing.capitals],
        "topic": "specialty" if standing.topic == SPECIALTY else rules.topics[standing.topic],
        "since": standing.since,
    }


def standing_from_dict(rules, data) -> Standing:
    """Raises ValueError (one line, for a save's reader) for anything that does not name this scenario's things."""
    if not isinstance(data, dict) or set(data) - {"deputy", "capitals", "topic", "since"}:
        raise ValueError("a standing instruction has deputy, capitals, topic and since")
    deputy, capitals, topic, since = (data.get(k) for k in ("deputy", "capitals", "topic", "since"))
    if deputy not in rules.deputies:
        raise ValueError(f"a standing instruction for unknown deputy '{str(deputy)[:40]}'")
    if not isinstance(capitals, list) or not 0 < len(capitals) <= rules.n_countries:
        raise ValueError(f"{deputy}'s standing instruction needs a list of capitals")
    unknown = [c for c in capitals if c not in rules.countries]
    if unknown:
        raise ValueError(f"{deputy}'s standing instruction names unknown country '{str(unknown[0])[:40]}'")
    if topic != "specialty" and topic not in rules.topics:
        raise ValueError(f"{deputy}'s standing instruction has unknown topic '{str(topic)[:40]}'")
    if isinstance(since, bool) or not isinstance(since, int) or not 0 <= since <= rules.n_turns:
        raise ValueError(f"{deputy}'s standing instruction has no week it was given ('since')")
    return Standing(
        rules.deputies.index(deputy),
        tuple(rules.countries.index(c) for c in capitals),
        SPECIALTY if topic == "specialty" else rules.topics.index(topic),
        since,
    )


def read_standing(rules: Rules, pending: dict[int, Sheet], data: dict) -> tuple[dict, dict]:
    """A save's standing instructions (``standing``) and which pending orders are their calls
    (``pending_standing``), for the sides people play (``pending``: their sheets); every field is checked and
    anything wrong raises ValueError in one line."""
    entries = data.get("standing") or []
    marked = data.get("pending_standing") or {}
    if not isinstance(entries, list) or not isinstance(marked, dict):
        raise ValueError("malformed standing instructions")
    standing: dict[int, Standing] = {}
    for entry in entries:
        instruction = standing_from_dict(rules, entry)
        actor = int(rules.deputy_actor[instruction.deputy])
        if actor not in pending:
            raise ValueError("a standing instruction for a deputy no person plays")
        problem = standing_problem(rules, actor, instruction)
        if problem or instruction.deputy in standing:
            raise ValueError(f"a standing instruction cannot be given ({problem or 'given twice'})")
        standing[instruction.deputy] = instruction
    marks: dict[int, set[Order]] = {}
    for code, indices in marked.items():
        actor = rules.actors.index(code) if code in rules.actors else -1
        if actor not in pending or not isinstance(indices, list):
            raise ValueError("standing calls marked for a side no person plays")
        orders = pending[actor].orders
        for i in indices:
            if isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(orders):
                raise ValueError("a standing call marked that is not among the pending orders")
            if orders[i].deputy not in standing:
                raise ValueError("a standing call marked for a deputy with no instruction")
            marks.setdefault(actor, set()).add(orders[i])
    return standing, marks
