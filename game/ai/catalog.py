"""Orders as numbers: a per-scenario catalogue that lets many games' order sheets be handled as arrays.

The batch engine (``resolve_contacts``) takes a flat table of contacts.  A one-game sheet is turned into that
table by ``contacts_from_sheets``, one Python object at a time; for thousands of games a week we instead give
every order an integer id once per scenario, precompute the contacts each id makes (a trip's stops, a group
call's members) and the budget it costs, and describe a batch of sheets as three integer columns
(game, place in the sheet, order id).  Expanding those columns into the contact table is then a handful of
numpy operations, and the table is row for row the one ``contacts_from_sheets`` builds for the same sheets.
"""

from __future__ import annotations

import dataclasses
import functools
import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from game.engine import Contacts, Kind, Order, Rules, Sheet, candidate_orders
from game.engine.orders import deputies_of, engage_topics, trips
from game.engine.resolve import Engagements, engagement_strength, order_contacts


@dataclass(frozen=True)
class SheetBatch:
    """The order sheets of one actor in a batch of games: row ``i`` is order number ``slot[i]`` of game
    ``game[i]``'s sheet, catalogue id ``oid[i]``.  Rows are sorted by game, then by slot."""

    actor: int
    game: np.ndarray
    slot: np.ndarray
    oid: np.ndarray
    # The escalations raised: game ``raised_game[i]`` raises event ``raised_event[i]`` (most weeks: none).
    raised_game: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    raised_event: np.ndarray = dataclasses.field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def size(self) -> int:
        return int(self.game.shape[0])

    def with_raises(self, game, event) -> SheetBatch:
        return dataclasses.replace(
            self, raised_game=np.asarray(game, dtype=np.int64), raised_event=np.asarray(event, dtype=np.int64)
        )

    @classmethod
    def empty(cls, actor: int) -> SheetBatch:
        z = np.zeros(0, dtype=np.int64)
        return cls(actor, z, z, z)

    @classmethod
    def from_rows(cls, actor: int, game: np.ndarray, oid: np.ndarray) -> SheetBatch:
        """Rows already in (game, sheet) order; slots are numbered within each game."""
        game = np.asarray(game, dtype=np.int64)
        oid = np.asarray(oid, dtype=np.int64)
        if game.size == 0:
            return cls.empty(actor)
        starts = np.r_[True, game[1:] != game[:-1]]
        index = np.arange(game.size)
        first = np.maximum.accumulate(np.where(starts, index, 0))
        return cls(actor, game, index - first, oid)

    def counts(self, games: int) -> np.ndarray:
        """Orders in each game's sheet (games,)."""
        return np.bincount(self.game, minlength=games)


class OrderCatalog:
    """Every order one actor may give in a scenario, numbered, with its contacts and costs as arrays.

    Ids ``0 .. n_candidates - 1`` follow ``candidate_orders``; an order outside that list (a documented trip
    whose stops are not in country order, say) gets the next free id the first time it is seen.
    """

    def __init__(self, rules: Rules, actor: int):
        # Held weakly: the module cache below must not keep a scenario's rules (and this catalogue) alive.
        self._rules = weakref.ref(rules)
        self.actor = actor
        self.orders: list[Order] = []
        self.index: dict[Order, int] = {}
        self._rows: list[tuple] = []
        self._contacts: list[list[tuple[int, int, float]]] = []
        self._dirty = True
        for order in candidate_orders(rules, actor):
            self._add(order)
        self.n_candidates = len(self.orders)
        self._refresh()
        self._build_groups()

    @property
    def rules(self) -> Rules:
        rules = self._rules()
        if rules is None:
            raise RuntimeError("the rules of this catalogue are gone")
        return rules

    # -------------------------------------------------------------------------------------------- ids

    def _add(self, order: Order) -> int:
        oid = len(self.orders)
        self.orders.append(order)
        self.index[order] = oid
        rules = self.rules
        calls = visits = 0
        if order.kind in (Kind.CALL, Kind.MULTILATERAL) or (order.kind == Kind.ENGAGE and order.deputy < 0):
            calls = 1
        elif order.kind == Kind.VISIT:
            visits, calls = 1, rules.visit_travel_calls
        engage = engagement_strength(rules, order) if order.kind == Kind.ENGAGE else 0.0
        self._rows.append((int(order.kind), order.topic, order.deputy, order.group, calls, visits, engage))
        self._contacts.append(order_contacts(rules, order))
        self._dirty = True
        return oid

    def id_of(self, order: Order) -> int:
        oid = self.index.get(order)
        if oid is None:
            if order.actor != self.actor:
                raise ValueError("an order of another side")
            oid = self._add(order)
        return oid

    def ids_of(self, orders: Sequence[Order]) -> list[int]:
        return [self.id_of(o) for o in orders]

    def _refresh(self) -> None:
        if not self._dirty:
            return
        cols = list(zip(*self._rows)) if self._rows else [()] * 7
        self.kind = np.asarray(cols[0], dtype=np.int64)
        self.topic = np.asarray(cols[1], dtype=np.int64)
        self.deputy = np.asarray(cols[2], dtype=np.int64)
        self.group = np.asarray(cols[3], dtype=np.int64)
        self.calls_cost = np.asarray(cols[4], dtype=np.int64)
        self.visits_cost = np.asarray(cols[5], dtype=np.int64)
        self.engage_strength = np.asarray(cols[6], dtype=np.float64)
        self.is_engage = self.kind == int(Kind.ENGAGE)
        self.n_contacts = np.array([len(c) for c in self._contacts], dtype=np.int64)
        self.first_contact = np.r_[0, np.cumsum(self.n_contacts)[:-1]].astype(np.int64)
        flat = [row for rows in self._contacts for row in rows]
        self.c_stop = np.array([r[0] for r in flat], dtype=np.int64)
        self.c_country = np.array([r[1] for r in flat], dtype=np.int64)
        self.c_strength = np.array([r[2] for r in flat], dtype=np.float64)
        # Per contact, the kind and topic of the order making it: the contact table then needs no per-order
        # gather.
        self.c_kind = np.repeat(self.kind, self.n_contacts)
        self.c_topic = np.repeat(self.topic, self.n_contacts)
        convened = np.where(self.kind == int(Kind.MULTILATERAL), self.group, -1)
        self.c_group = np.repeat(convened, self.n_contacts)
        # A person's promised order (a plan played out by the outlook or the advisor) keeps its promise.
        promise = np.array([o.promise for o in self.orders], dtype=np.int64)
        self.c_promise = np.repeat(promise, self.n_contacts)
        self._dirty = False

    def arrays(self) -> OrderCatalog:
        """The catalogue with its arrays up to date (after new ids were handed out)."""
        self._refresh()
        return self

    # --------------------------------------------------------------------- the legal_orders grouping

    def _build_groups(self) -> None:
        """The (kind, deputy) classes the random bot draws from, each with its options in the order
        ``legal_orders`` lists them for an empty sheet."""
        rules, actor = self.rules, self.actor
        topics = [t for t in range(rules.n_topics) if rules.leverage[actor, t] > 0]
        countries = range(rules.n_countries)
        deps = deputies_of(rules, actor)
        options: dict[tuple[int, int], list[int]] = {}
        if topics and rules.n_countries:
            options[(int(Kind.CALL), -1)] = [
                self.index[Order(actor, Kind.CALL, t, (c,))] for t in topics for c in countries
            ]
            for d in deps:
                options[(int(Kind.DEPUTY_CALL), d)] = [
                    self.index[Order(actor, Kind.DEPUTY_CALL, t, (c,), deputy=d)] for t in topics for c in countries
                ]
        groups = [int(g) for g in np.flatnonzero(rules.group_conveners[actor])]
        if topics and groups:
            options[(int(Kind.MULTILATERAL), -1)] = [
                self.index[Order(actor, Kind.MULTILATERAL, t, group=g)] for g in groups for t in topics
            ]
        all_trips = list(trips(rules))
        if topics and all_trips:
            options[(int(Kind.VISIT), -1)] = [
                self.index[Order(actor, Kind.VISIT, t, trip)] for trip in all_trips for t in topics
            ]
        e_topics = engage_topics(rules)
        if rules.can_engage[actor] and e_topics:
            for d in [-1, *deps]:
                options[(int(Kind.ENGAGE), d)] = [self.index[Order(actor, Kind.ENGAGE, t, deputy=d)] for t in e_topics]
        self.class_keys: list[tuple[int, int]] = sorted(options)
        self.class_options = [np.asarray(options[k], dtype=np.int64) for k in self.class_keys]
        self.deputies = deps

    # ---------------------------------------------------------------------------------- conversions

    def batch_from_sheets(self, sheets: Sequence[Sheet]) -> SheetBatch:
        """One sheet per game, in game order."""
        game, oid = [], []
        for g, sheet in enumerate(sheets):
            for order in sheet.orders:
                game.append(g)
                oid.append(self.id_of(order))
        batch = SheetBatch.from_rows(self.actor, np.asarray(game, dtype=np.int64), np.asarray(oid, dtype=np.int64))
        raised = [(g, e) for g, sheet in enumerate(sheets) for e in sheet.raises]
        return batch.with_raises(*zip(*raised)) if raised else batch

    def sheets(self, batch: SheetBatch, games: int) -> list[Sheet]:
        """The batch as one ``Sheet`` per game (for records, tests and the one-game code paths)."""
        out: list[list[Order]] = [[] for _ in range(games)]
        for g, oid in zip(batch.game.tolist(), batch.oid.tolist()):
            out[g].append(self.orders[oid])
        raises: list[list[int]] = [[] for _ in range(games)]
        for g, e in zip(batch.raised_game.tolist(), batch.raised_event.tolist()):
            raises[g].append(e)
        return [Sheet(self.actor, tuple(o), tuple(r)) for o, r in zip(out, raises)]


_CATALOGS: dict[tuple[int, int], tuple[weakref.ref, OrderCatalog]] = {}


def catalog(rules: Rules, actor: int) -> OrderCatalog:
    """The catalogue of ``actor``'s orders under ``rules`` (built once per Rules object)."""
    key = (id(rules), actor)
    hit = _CATALOGS.get(key)
    if hit is not None and hit[0]() is rules:
        return hit[1]
    made = OrderCatalog(rules, actor)
    _CATALOGS[key] = (weakref.ref(rules, lambda _ref, key=key: _CATALOGS.pop(key, None)), made)
    return made


@dataclass(frozen=True)
class _Joint:
    """Several actors' catalogues end to end, so that their sheets expand into one table in one pass."""

    order_offset: tuple[int, ...]  # where each catalogue's ids start
    n_contacts: np.ndarray
    first_contact: np.ndarray
    c_actor: np.ndarray
    c_kind: np.ndarray
    c_stop: np.ndarray
    c_country: np.ndarray
    c_topic: np.ndarray
    c_strength: np.ndarray
    c_group: np.ndarray
    c_promise: np.ndarray
    is_engage: np.ndarray
    topic: np.ndarray
    engage_strength: np.ndarray

    @functools.cached_property
    def any_promise(self) -> bool:
        """Whether any order carries a promise (else no table does, and the promise column is not gathered)."""
        return bool((self.c_promise >= 0).any())

    @classmethod
    def of(cls, cats: Sequence[OrderCatalog]) -> _Joint:
        sizes = [len(c.orders) for c in cats]
        contacts = [int(c.n_contacts.sum()) for c in cats]
        return cls(
            order_offset=tuple(int(x) for x in np.cumsum([0, *sizes[:-1]])),
            n_contacts=np.concatenate([c.n_contacts for c in cats]),
            first_contact=np.concatenate(
                [c.first_contact + off for c, off in zip(cats, np.cumsum([0, *contacts[:-1]]))]
            ),
            c_actor=np.concatenate([np.full(n, c.actor, dtype=np.int64) for c, n in zip(cats, contacts)]),
            **{
                name: np.concatenate([getattr(c, name) for c in cats])
                for name in (
                    "c_kind", "c_stop", "c_country", "c_topic", "c_strength", "c_group", "c_promise", "is_engage",
                    "topic", "engage_strength",
                )
            },
        )  # fmt: skip


# The last joint catalogue, with weak references to the catalogues and their sizes when it was built.
_LAST_JOINT: list = [(), (), None]


def _joint(cats: Sequence[OrderCatalog]) -> _Joint:
    refs, sizes, joint = _LAST_JOINT
    now = tuple(len(c.orders) for c in cats)
    if joint is None or sizes != now or len(refs) != len(cats) or any(r() is not c for r, c in zip(refs, cats)):
        joint = _Joint.of(cats)
        _LAST_JOINT[:] = [tuple(weakref.ref(c) for c in cats), now, joint]
    return joint


def _promises_or_none(promise: np.ndarray) -> np.ndarray | None:
    """The contacts' promises, or None when none carries one (the engine then skips the promise factor)."""
    return promise if (promise >= 0).any() else None


def tables(rules: Rules, batches: Sequence[SheetBatch]) -> tuple[Contacts, Engagements]:
    """The contact and engagement tables of every side's sheets, in the row order ``contacts_from_sheets``
    gives for the same sheets game by game (per game: actors in the order given, orders, stops)."""
    batches = [b for b in batches if b.size]
    if not batches:
        return Contacts.empty(), Engagements.empty()
    joint = _joint([catalog(rules, b.actor).arrays() for b in batches])
    # The sides' sheets one after the other, with ids into the joint catalogue.
    game = np.concatenate([b.game for b in batches])
    slot = np.concatenate([b.slot for b in batches])
    oid = np.concatenate([b.oid + off for b, off in zip(batches, joint.order_offset)])
    n = joint.n_contacts[oid]
    total = int(n.sum())
    if total:
        # Each order's contacts one after the other: table row j holds joint contact
        # j - (where the order's rows start) + (where its contacts start in the joint catalogue).
        start = np.cumsum(n) - n
        flat = np.arange(total) + np.repeat(joint.first_contact[oid] - start, n)
        contacts = Contacts(
            np.repeat(game, n),
            np.take(joint.c_actor, flat),
            np.take(joint.c_kind, flat),
            np.repeat(slot, n),
            np.take(joint.c_stop, flat),
            np.take(joint.c_country, flat),
            np.take(joint.c_topic, flat),
            np.take(joint.c_strength, flat),
            np.take(joint.c_group, flat),
            _promises_or_none(np.take(joint.c_promise, flat)) if joint.any_promise else None,
        )
    else:
        contacts = Contacts.empty()
    engage = joint.is_engage[oid]
    if engage.any():
        eo = oid[engage]
        actor = np.concatenate([np.full(b.size, b.actor, dtype=np.int64) for b in batches])
        engagements = Engagements(game[engage], actor[engage], slot[engage], joint.topic[eo], joint.engage_strength[eo])
    else:
        engagements = Engagements.empty()
    return contacts, engagements
