"""What a bot's plans are made of: the share of each kind of order, and how often a group call comes first.

The balance lab asks whether a dull strategy beats history; this asks whether one kind of order crowds out
the others in the plans of the bots that play well (the greedy bot and the advisor), which a dull-strategy
screen cannot see: a bot that convenes a group every week and fills the rest of its sheet with calls is not
a spam strategy, yet the game then has one obvious first move.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from game.engine import Kind, initial_state
from game.scenario import Scenario

from .loop import GameSpec, resolve_week


@dataclass(frozen=True)
class OrderMix:
    policy: str
    games: int
    weeks: int  # weeks with at least one order of the side
    orders: int
    kinds: dict[str, float]  # kind -> share of the orders
    group_of_calls: float  # share of the principal's calls (calls and group calls) that convene a group
    group_first: float  # share of weeks whose first call is a group call
    group_weekly: float  # share of weeks with at least one group call
    group_again: float  # share of group calls convening a group the side convened the week before

    def text(self) -> str:
        kinds = ", ".join(f"{k} {v:.0%}" for k, v in self.kinds.items())
        return (
            f"{self.policy}: {self.orders} orders in {self.weeks} weeks of {self.games} games - {kinds}; group "
            f"calls {self.group_of_calls:.0%} of the calls, the first call in {self.group_first:.0%} of weeks, "
            f"any group call in {self.group_weekly:.0%} of weeks; {self.group_again:.0%} of group calls convene last "
            "week's group again"
        )


def order_mix(scenario: Scenario, policy: str, seeds: Iterable[int]) -> OrderMix:
    """Play ``policy`` for the player against the historical rival on each seed and count its orders."""
    counts = {kind.name.lower(): 0 for kind in Kind}
    weeks = orders = first = weekly = games = again = 0
    player = scenario.player
    for seed in seeds:
        games += 1
        spec = GameSpec(scenario, int(seed), policy=policy)
        state = initial_state(spec.rules)
        last_week: set[int] = set()
        while state.turn < spec.rules.n_turns:
            sheets, result = resolve_week(spec, state, record=False)
            state = result.state
            mine = [o for sheet in sheets if sheet.actor == player for o in sheet.orders]
            convened = {o.group for o in mine if o.kind == Kind.MULTILATERAL}
            again += len(convened & last_week)
            last_week = convened
            if not mine:
                continue
            weeks += 1
            orders += len(mine)
            for order in mine:
                counts[Kind(order.kind).name.lower()] += 1
            calls = [o for o in mine if o.kind in (Kind.CALL, Kind.MULTILATERAL)]
            first += bool(calls) and calls[0].kind == Kind.MULTILATERAL
            weekly += any(o.kind == Kind.MULTILATERAL for o in mine)
    share = {k: n / orders for k, n in counts.items() if n} if orders else {}
    calls = counts["call"] + counts["multilateral"]
    of_calls = counts["multilateral"] / calls if calls else 0.0
    return OrderMix(
        policy,
        games,
        weeks,
        orders,
        share,
        of_calls,
        first / max(weeks, 1),
        weekly / max(weeks, 1),
        again / max(counts["multilateral"], 1),
    )
