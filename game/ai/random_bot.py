"""The random bot: spends the whole budget at random, for one game (``random_policy_by_orders``, over ``Order``
objects) or for a batch of games at once (``batch_random``, over catalogue numbers), with the same draws and the
same choices.  ``policies.random_policy`` (a game alone) is ``batch_random`` on a batch of one."""

from __future__ import annotations

import numpy as np

from game.engine import Dice, Kind, Order, Purpose, Resource, Rules, Sheet, State, legal_orders, why_illegal
from game.scenario.build import Scenario

from .catalog import SheetBatch, catalog

# Draws of the random bot are made in blocks of this many steps for every game at once.
_DRAW_BLOCK = 8


def scaled(half, n):
    """One of ``n`` choices, uniformly, from 32 random bits (a Python int or an int64 array of them)."""
    return (half * n) >> 32


def random_policy_by_orders(scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
    """``random_policy`` over the legal ``Order`` objects, choice by choice: the reference the batch bot is
    tested against, and its fallback where its packed counters do not fit."""
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


def week_budgets(rules: Rules, state: State, actor: int) -> np.ndarray:
    """Calls and visits of ``actor`` this week in every game (B, 2): ``orders.budget`` for a batch."""
    turn = min(state.turn, rules.n_turns)
    return np.maximum(0, rules.base_budget[actor][None, :] + state.budget_mod[:, actor, :, turn])


def free_deputies(rules: Rules, state: State, actor: int) -> tuple[list[int], np.ndarray]:
    """The actor's deputies and, per game, which of them are not tied up this week (B, D_actor)."""
    deps = [d for d in range(len(rules.deputies)) if rules.deputy_actor[d] == actor]
    turn = min(state.turn, rules.n_turns)
    return deps, ~state.deputy_busy[:, deps, turn]


def _purpose(scenario: Scenario, actor: int) -> Purpose:
    return Purpose.POLICY if actor == scenario.player else Purpose.RIVAL_POLICY


class _RandomPlan:
    """What the vectorised random bot needs from a catalogue, computed once: the classes of order
    (kind, deputy) with their options, and for every order what it uses up of the week (``why_illegal``'s
    budget, deputy, group and talk checks) packed into one integer."""

    # What is left of the week is one int64 of fields, each with a guard bit on top: calls and visits
    # (10 bits each), then one bit per deputy, per group (convened once a week) and for the one talk with
    # the rival.  An order's cost has the same layout, so ``((left | guards) - cost) & guards == guards``
    # tells whether every field covers its cost (a field that cannot borrows its own guard bit, and no
    # borrow reaches the next field), and ``left - cost`` spends it.
    COUNT_BITS = 10

    def __init__(self, rules: Rules, actor: int):
        cat = catalog(rules, actor).arrays()
        self.size = len(cat.orders)
        self.keys = cat.class_keys
        self.deputies = cat.deputies
        local = {d: i for i, d in enumerate(self.deputies)}
        self.n_options = np.array([len(o) for o in cat.class_options], dtype=np.int64)
        self.option_start = np.r_[0, np.cumsum(self.n_options)[:-1]].astype(np.int64)
        self.options = np.concatenate(cat.class_options) if cat.class_options else np.zeros(0, dtype=np.int64)
        count = self.COUNT_BITS + 1
        n_dep, n_groups = len(self.deputies), len(rules.groups)
        once_at = 2 * count  # first one-bit field: deputies, then groups, then the talk with the rival
        self.fits = once_at + 2 * (n_dep + n_groups + 1) <= 63 and (
            max(cat.calls_cost.max(initial=0), cat.visits_cost.max(initial=0)) < (1 << self.COUNT_BITS)
        )
        once_bits = [once_at + 2 * i for i in range(n_dep + n_groups + 1)]
        self.guards = (1 << self.COUNT_BITS) | (1 << (count + self.COUNT_BITS))
        for bit in once_bits:
            self.guards |= 1 << (bit + 1)
        self.once_full = sum(1 << bit for bit in once_bits)  # every deputy, group and the talk still unused
        if self.fits:
            dep = np.array([local.get(int(d), -1) for d in cat.deputy], dtype=np.int64)
            multi = cat.kind == int(Kind.MULTILATERAL)
            group = np.where(multi, cat.group, 0)
            cost = cat.calls_cost | (cat.visits_cost << count)
            cost |= np.where(dep >= 0, np.left_shift(1, once_at + 2 * np.maximum(dep, 0)), 0)
            cost |= np.where(multi, np.left_shift(1, once_at + 2 * (n_dep + group)), 0)
            cost |= np.where(cat.is_engage, 1 << once_bits[-1], 0)
            self.cost = cost.astype(np.int64)
        u = len(self.keys)
        self.class_bit = np.left_shift(1, np.arange(max(u, 1), dtype=np.int64))
        # For every set of live classes (a bit mask): how many there are and which is the k-th (flat:
        # mask * u + k).
        self.small = u <= 14
        if self.small:
            masks = np.arange(1 << u)
            bits = (masks[:, None] >> np.arange(u)[None, :]) & 1
            self.popcount = bits.sum(axis=1)
            cum = np.cumsum(bits, axis=1)
            kth = np.zeros((1 << u, max(u, 1)), dtype=np.int64)
            for k in range(u):
                kth[:, k] = np.argmax(cum > k, axis=1)
            self.kth = kth.reshape(-1)

    @classmethod
    def of(cls, rules: Rules, actor: int) -> _RandomPlan:
        cat = catalog(rules, actor)
        plan = getattr(cat, "_random_plan", None)
        if plan is None or plan.size != len(cat.orders):
            plan = cls(rules, actor)
            cat._random_plan = plan
        return plan


def batch_random(scenario: Scenario, state: State, actor: int, dice: Dice) -> SheetBatch:
    """``policies.random_policy`` for every game of the batch at once (same draws, same orders).

    Per game the one-game bot loops: a 64-bit draw with key (actor, draw number); its high half picks one of
    the n classes still offered, its low half one of that class's options (``policies.scaled``); the order
    is added if ``why_illegal`` allows, else the class is dropped.  Here every game runs the same loop in
    lock step (the draw number is the step number in every game), with what is left of its week packed in
    one integer (``_RandomPlan``) and its classes still offered as a bit mask.
    """
    rules = scenario.rules
    b = state.games
    if state.turn >= rules.n_turns or b == 0:
        return SheetBatch.empty(actor)
    plan = _RandomPlan.of(rules, actor)
    u_classes = len(plan.keys)
    have = week_budgets(rules, state, actor)
    if (
        u_classes == 0
        or not plan.small
        or not plan.fits
        or have.max() >= (1 << plan.COUNT_BITS)
        or plan.size >= 1 << 24
        or b >= 1 << 23
    ):
        sheets = [random_policy_by_orders(scenario, state.game(i), actor, dice.subset([i])) for i in range(b)]
        return catalog(rules, actor).batch_from_sheets(sheets)
    calls_left = have[:, Resource.CALLS].astype(np.int64)
    visits_left = have[:, Resource.VISITS].astype(np.int64)
    _, free = free_deputies(rules, state, actor)

    # The classes ``legal_orders`` offers for an empty sheet, per game, as a bit mask.
    alive = np.zeros(b, dtype=np.int64)
    for u, (kind, deputy) in enumerate(plan.keys):
        if kind in (Kind.CALL, Kind.MULTILATERAL):
            offered = calls_left >= 1
        elif kind == Kind.DEPUTY_CALL:
            offered = free[:, plan.deputies.index(deputy)]
        elif kind == Kind.VISIT:
            offered = (visits_left >= 1) & (calls_left >= rules.visit_travel_calls)
        else:  # ENGAGE, by the principal or a deputy
            offered = (calls_left >= 1) if deputy < 0 else free[:, plan.deputies.index(deputy)]
        alive |= offered.astype(np.int64) << u

    purpose = _purpose(scenario, actor)
    guards = np.int64(plan.guards)
    # The games still choosing and their counters, kept compact (one row per such game): a step is then
    # elementwise work on short arrays, and a game leaves every array at once when its last class is dropped.
    live = np.flatnonzero(alive)
    mask = alive[live]
    left = calls_left[live] | (visits_left[live] << (plan.COUNT_BITS + 1)) | plan.once_full
    # Every choice is recorded as one number, game << 40 | step << 24 | order id: sorting the legal ones
    # puts each game's orders together, in the order they were chosen.
    tag = live << 40
    chosen: list[np.ndarray] = []
    kept: list[np.ndarray] = []
    step = offset = 0
    high = low = np.zeros((0, 0), dtype=np.int64)  # the block's draws, (step in block, live game)
    while live.size:
        if step >= offset + high.shape[0]:
            # The next steps' draws for the games still choosing; each is the draw the one-game bot makes.
            offset = step
            words = dice.words(live[None, :], state.turn, purpose, actor, np.arange(step, step + _DRAW_BLOCK)[:, None])
            high = (words >> np.uint64(32)).view(np.int64)
            low = (words & np.uint64(0xFFFFFFFF)).view(np.int64)
        k = step - offset
        cls = plan.kth[mask * u_classes + scaled(high[k], plan.popcount[mask])]
        oid = plan.options[plan.option_start[cls] + scaled(low[k], plan.n_options[cls])]
        cost = plan.cost[oid]
        legal = ((left | guards) - cost) & guards == guards
        oid |= tag
        oid |= step << 24
        chosen.append(oid)
        kept.append(legal)
        left = left - cost * legal
        mask = mask ^ plan.class_bit[cls] * ~legal
        done = mask == 0
        if done.any():
            keep = ~done
            live, mask, left, tag = live[keep], mask[keep], left[keep], tag[keep]
            high, low = high[:, keep], low[:, keep]
        step += 1
    if not chosen:
        return SheetBatch.empty(actor)
    # Each step's codes are in game order, so the concatenation is a few sorted runs: the stable sort (a merge
    # of runs) orders them in a fraction of the default sort's time (the result is the same: codes are unique).
    codes = np.sort(np.concatenate(chosen)[np.concatenate(kept)], kind="stable")
    return SheetBatch.from_rows(actor, codes >> 40, codes & ((1 << 24) - 1))
