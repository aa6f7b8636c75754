"""How many inputs (key presses and clicks) a full crisis takes a player who knows the controls (issue 14).

Not a speed measurement: a count.  The script plays a whole crisis through the same drafting model and session
the window uses (``game.drafting.Draft``, ``game.session.Session``), and every call it makes stands for one key
or click of the window's key map:

- a click on a country (map or list): ``Draft.select``;  a kind key (C V D G): ``Draft.set_kind``, not pressed
  when that kind is already chosen;  a click on a deputy's row: ``Draft.set_deputy``;  a topic key (1-9):
  ``Draft.set_topic``, not pressed when that topic is already chosen;  a click on a capital of the trip's
  region on the map: ``Draft.click_capital``;  Enter: ``Draft.add``;  I: ``Draft.make_standing``;
- R: ``Session.repeat_last_week``;  a click on a queued order (or P): ``Draft.edit``;
- ending a week is two inputs: Space, then Enter to leave the turn report.

The player: in the first week gives each deputy a standing instruction (two capitals each, on their specialty:
the capitals most interested in it), plans a trip to the three capitals of one region most interested in one
topic (clicking them on the map) and spends the calls left on the capitals furthest from them, each on its
keenest topic.  Every later week: R (repeat last week), then move at most two calls from the capital that has
come closest to the capital now furthest away, when they are 10 points or more apart (click the order, click
the capital, its topic key, Enter), then end the week.

    python benchmarks/inputs_per_week.py [--scenario flood_the_zone] [--seed 3] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.drafting import Draft  # noqa: E402
from game.engine import Kind  # noqa: E402
from game.scenario import load_scenario  # noqa: E402
from game.session import Session  # noqa: E402

MAX_CHANGES = 2  # orders a player adjusts in a week after repeating the last
RETARGET_GAP = 10.0  # alignment points between two capitals that make a call worth moving


@dataclass
class Player:
    """Drives a Draft as the window's keys do, counting each input."""

    session: Session
    draft: Draft = field(init=False)
    inputs: int = 0

    def __post_init__(self):
        self.draft = Draft(self.session)

    def click_country(self, c: int) -> None:
        self.draft.select(c)
        self.inputs += 1

    def kind(self, kind: Kind) -> None:
        if self.draft.kind != kind:
            self.draft.set_kind(kind)
            self.inputs += 1

    def deputy(self, d: int) -> None:
        if self.draft.deputy != d:
            self.draft.set_deputy(d)
            self.inputs += 1

    def topic(self, t: int) -> None:
        if self.draft.topic != t:
            self.draft.set_topic(t)
            self.inputs += 1

    def map_capital(self, c: int) -> None:
        assert self.draft.click_capital(c)
        self.inputs += 1

    def enter(self) -> bool:
        self.inputs += 1
        return self.draft.add() is None

    def standing(self) -> None:
        self.inputs += 1
        standing, words = self.draft.make_standing()
        assert standing is not None, words

    def repeat(self) -> None:
        self.inputs += 1
        self.session.repeat_last_week()

    def edit(self, index: int) -> None:
        self.inputs += 1
        self.draft.edit(index)

    def end_week(self) -> None:
        self.inputs += 2  # Space, and Enter to leave the turn report
        self.draft.stop_editing()
        self.session.end_turn()


def keenest(session: Session, country: int) -> int:
    """The topic a capital cares most for, among those the player can offer."""
    interest = session.state.interest[0, country].copy()
    interest[session.rules.leverage[session.player] <= 0] = -np.inf
    return int(np.argmax(interest))


def first_week(p: Player) -> None:
    session, rules = p.session, p.session.rules
    me, interest = session.player, session.state.interest[0]
    taken: set[int] = set()
    for d in p.draft.my_deputies():
        spec = int(rules.deputy_specialty[d])
        if spec < 0 or rules.leverage[me, spec] <= 0:  # a specialty the side can offer nothing on
            spec = p.draft.usable_topic()
        ranked = [int(c) for c in np.argsort(-interest[:, spec], kind="stable") if int(c) not in taken][:2]
        taken.update(ranked)
        for c in ranked:
            p.click_country(c)
            p.kind(Kind.DEPUTY_CALL)
            p.deputy(d)
            p.topic(spec)
            p.standing()
    # The trip: the region and topic with the most interest among three of its capitals.
    best = None
    for region in range(len(rules.regions)):
        members = [int(c) for c in np.flatnonzero(rules.region_of == region)]
        for t in range(rules.n_topics):
            if rules.leverage[me, t] <= 0 or len(members) < 2:
                continue
            top = sorted(members, key=lambda c: -interest[c, t])[: rules.visit_max_stops]
            value = float(interest[top, t].sum())
            if best is None or value > best[0]:
                best = (value, top, t)
    _, stops, topic = best
    p.click_country(stops[0])
    p.kind(Kind.VISIT)
    for c in stops[1:]:
        p.map_capital(c)
    p.topic(topic)
    assert p.enter(), p.draft.refusal()
    # The calls left: the capitals furthest from the player, each on its keenest topic.
    reached = {c for o in session.pending.orders for c in o.targets}
    sign = 1 if rules.actor_sign[me] > 0 else -1
    for c in sorted(range(rules.n_countries), key=lambda c: sign * session.alignment()[c]):
        if session.remaining()["calls"] < 1:
            break
        if c in reached:
            continue
        p.click_country(c)
        p.kind(Kind.CALL)
        p.topic(keenest(session, c))
        p.enter()


def later_week(p: Player) -> None:
    """R, then up to two changes: a call whose capital has come closest moves to the capital now furthest
    away (click the order, click the capital, its topic, Enter)."""
    session, rules = p.session, p.session.rules
    sign = 1 if rules.actor_sign[session.player] > 0 else -1
    p.repeat()
    for _ in range(MAX_CHANGES):
        where = sign * session.alignment()
        reached = {c for o in session.pending.orders for c in o.targets}
        calls = [i for i, o in enumerate(session.pending.orders) if o.kind == Kind.CALL]
        others = [c for c in range(rules.n_countries) if c not in reached]
        if not calls or not others:
            return
        closest = max(calls, key=lambda i: where[session.pending.orders[i].targets[0]])
        furthest = min(others, key=lambda c: where[c])
        if where[session.pending.orders[closest].targets[0]] - where[furthest] < RETARGET_GAP:
            return
        p.edit(closest)
        p.click_country(furthest)
        p.topic(keenest(session, furthest))
        p.enter()


def by_hand(orders) -> int:
    """The inputs the same week takes entered order by order (no standing instructions, no repeat): for each
    order a click on its country, its kind key when it changes, its deputy's row, its topic key when it
    changes, a click per further trip stop, Enter; then Space and Enter."""
    inputs, kind, topic = 2, Kind.CALL, None
    for order in orders:
        inputs += 1 + (order.kind != kind) + (order.kind == Kind.DEPUTY_CALL) + (order.topic != topic)
        inputs += max(0, len(order.targets) - 1) + 1
        kind, topic = order.kind, order.topic
    return inputs


def play(scenario: str = "flood_the_zone", seed: int = 3) -> dict:
    session = Session(load_scenario(scenario), seed)
    p = Player(session)
    weeks = []
    while not session.is_over:
        before = p.inputs
        (first_week if not weeks else later_week)(p)
        orders = session.pending.orders
        p.end_week()
        weeks.append(
            {"week": len(weeks) + 1, "inputs": p.inputs - before, "orders": len(orders), "by_hand": by_hand(orders)}
        )
    return {
        "scenario": scenario,
        "seed": seed,
        "weeks": weeks,
        "total_inputs": p.inputs,
        "orders_given": sum(w["orders"] for w in weeks),
        "total_by_hand": sum(w["by_hand"] for w in weeks),
        "score": float(session.state.alignment[0].mean()),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="flood_the_zone")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = play(args.scenario, args.seed)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0
    print(f"{result['scenario']}, seed {result['seed']}")
    print("week  inputs  orders  by hand")
    for w in result["weeks"]:
        print(f"{w['week']:>4}  {w['inputs']:>6}  {w['orders']:>6}  {w['by_hand']:>7}")
    later = [w["inputs"] for w in result["weeks"][1:]]
    print(
        f"total {result['total_inputs']} inputs for {result['orders_given']} orders (by hand: "
        f"{result['total_by_hand']}); weeks 2+: {min(later)}-{max(later)} inputs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
