"""What an order is worth to the side giving it, one week ahead: the measure the greedy bot ranks by, the
advisor shortlists with and the personas value positions with.

``smooth_value`` is a smooth version of the commitment points countries give at an alignment, so that a move
toward a threshold is worth something before it crosses it; ``expected_gain`` adds up, for candidate orders at
once, what each would change in it; ``engage_value`` is the same measure for a contact with the rival; and
``order_cost`` what an order takes from the week's budget.
"""

from __future__ import annotations

import numpy as np

from game.engine import (
    BlocRule,
    Contacts,
    Kind,
    Order,
    Rules,
    Sheet,
    State,
    contact_effects,
    contacts_from_sheets,
    echo_effects,
)
from game.engine.resolve import contact_units, engagement_strength


def smooth_value(
    rules: Rules,
    x: np.ndarray,
    countries: np.ndarray | None = None,
    lines: np.ndarray | None = None,
    without_blocs: bool = False,
) -> np.ndarray:
    """A smooth version of the commitment points countries give at alignment ``x``: what a move is worth
    to the player's side.  ``countries`` names the country of each entry of ``x`` (default: all, in order);
    ``lines`` are one game's commitment lines (C, R, O) (default: the rules').  ``without_blocs`` leaves out
    what the members of a bloc deciding in unanimity give on its rung: that is worth something only together
    (``bloc_gain``)."""
    if countries is None:
        countries = np.arange(rules.n_countries)
    ladder = rules.ladder
    lines = ladder.thresholds if lines is None else lines
    if without_blocs and ladder.blocs:
        lines = np.array(lines, dtype=np.float64)
        for bloc in unanimous_blocs(rules):
            lines[list(bloc.members), bloc.rung, :] = np.nan
    scale = 6.0
    total = np.zeros(np.shape(x))
    for r in range(ladder.n_rungs):
        below = np.full(np.shape(countries), ladder.points[r, 0])  # points of the option under the next line
        for o in range(1, len(ladder.options[r])):
            t = lines[countries, r, o]
            open_line = ~np.isnan(t)
            step = ladder.points[r, o] - below
            with np.errstate(over="ignore"):
                total += np.where(open_line, step / (1.0 + np.exp(-(x - np.nan_to_num(t)) / scale)), 0.0)
            below = np.where(open_line, ladder.points[r, o], below)
    return rules.score_weight[countries] * total


def expected_gain(rules: Rules, state: State, sheet: Sheet, table: Contacts, n: int) -> np.ndarray:
    """Expected gain in (smoothed) commitment value of adding each candidate to the pending sheet.

    Candidates are evaluated in one vectorised call: each candidate is a "game" of a batch that starts from
    the state after the pending orders' expected effects, so fatigue from the pending sheet counts too.
    """
    pending = contacts_from_sheets(rules, [[sheet]])
    pending_delta, _ = contact_effects(rules, state, pending)
    x = state.alignment[0].copy()
    np.add.at(x, pending.country, pending_delta)
    rows, heard, echoed = echo_effects(rules, pending, pending_delta)
    np.add.at(x, heard, echoed)
    recent = state.recent[0].copy()
    np.add.at(recent, (pending.actor, pending.country), contact_units(rules, pending))
    convened = state.group_recent[0].copy()
    called = (pending.group >= 0) & (pending.stop == 0)
    if convened.shape[1] == rules.group_members.shape[0]:
        np.add.at(convened, (pending.actor[called], pending.group[called]), 1.0)
    after = state.evolve(alignment=x[None, :], recent=recent[None, :, :], group_recent=convened[None, :, :])
    delta, _ = contact_effects(rules, _broadcast(after, n), table)
    lines = state.thresholds[0]
    value = smooth_value(rules, x, lines=lines)
    per_contact = smooth_value(rules, x[table.country] + delta, table.country, lines) - value[table.country]
    gain = np.zeros(n)
    np.add.at(gain, table.game, per_contact)
    # What the argument does where it is heard (an echo can cost as much as the contact wins).
    rows, heard, echoed = echo_effects(rules, table, delta)
    if rows.size:
        np.add.at(gain, table.game[rows], smooth_value(rules, x[heard] + echoed, heard, lines) - value[heard])
    return gain * rules.actor_sign[sheet.actor]


def _broadcast(state: State, n: int) -> State:
    """The same single-game state repeated ``n`` times (read-only views; no copies)."""
    return state.tiled(n, copy=False)


def order_cost(rules: Rules, order: Order) -> float:
    if order.kind == Kind.VISIT:
        return 1.0 + rules.visit_travel_calls
    if order.kind == Kind.DEPUTY_CALL:
        return 0.05  # deputies have their own budget: using them costs the principal nothing
    return 1.0


def engage_value(rules: Rules, state: State, actor: int, options: list[Order]) -> np.ndarray:
    """What a contact with the rival is worth this week, in the same units as ``expected_gain``: progress
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
    base_countries = smooth_value(rules, x).sum()
    for i in engage:
        order = options[i]
        strength = engagement_strength(rules, order) * state.power_mod[0, actor, turn]
        moved = track + strength * rules.engage_gain[order.topic] + track * rules.track_decay
        reaction = strength * rules.engage_reaction[actor]
        countries = smooth_value(rules, x + reaction).sum() - base_countries
        values[i] = progress(moved) - progress(track) + countries
    return values * rules.actor_sign[actor]


def unanimous_blocs(rules: Rules) -> list:
    """The blocs that decide in unanimity: a member's step over its line is worth the whole bloc's points,
    or nothing, as the other members stand."""
    return [b for b in rules.ladder.blocs if b.rule == BlocRule.UNANIMITY]


def bloc_gain(
    rules: Rules, x: np.ndarray, delta: np.ndarray, country: np.ndarray, lines: np.ndarray, scale: float = 6.0
) -> np.ndarray:
    """The smooth value (G, K) of moving ``country[k]`` by ``delta[g, k]`` from where the countries stand
    (``x`` (G, C)) for the blocs deciding in unanimity: a bloc adopts its rung only if every member passes its
    line, so its whole weighted points ride on the member furthest below (``lines``: (G, C, R, O))."""
    out = np.zeros(delta.shape)
    ladder = rules.ladder
    for bloc in unanimous_blocs(rules):
        members = ladder.bloc_members(bloc)
        if members.size < 2:
            continue
        top = len(ladder.options[bloc.rung]) - 1
        total = float((rules.score_weight[members] * ladder.points[bloc.rung, top]).sum())
        line = lines[:, members, bloc.rung, top]  # (G, M)
        margin = x[:, members] - line
        order = np.argsort(margin, axis=1, kind="stable")
        lowest = np.take_along_axis(margin, order[:, :1], axis=1)[:, 0]
        second = np.take_along_axis(margin, order[:, 1:2], axis=1)[:, 0]
        position = np.full(rules.n_countries, -1, dtype=np.int64)
        position[members] = np.arange(members.size)
        where = position[country]  # (K,) the member each contact reaches, -1 outside the bloc
        inside = where >= 0
        if not inside.any():
            continue
        own = np.take_along_axis(margin, np.broadcast_to(np.maximum(where, 0), delta.shape), axis=1)
        others = np.where(order[:, :1] == np.maximum(where, 0)[None, :], second[:, None], lowest[:, None])
        before = np.minimum(own, others)
        after = np.minimum(own + delta, others)
        with np.errstate(over="ignore"):
            change = total * (1.0 / (1.0 + np.exp(-after / scale)) - 1.0 / (1.0 + np.exp(-before / scale)))
        out += np.where(inside[None, :], change, 0.0)
    return out
