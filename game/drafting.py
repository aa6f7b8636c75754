"""Drafting an order, without a window: what one side has chosen so far, what it is offered, and why anything
is refused.

The map screen, the class server's browser client, the bots' tests and the tutorial all ask the same
questions while an order is put together — which kinds of action, deputies, groups, trip stops and topics
may be picked, and what is still missing — so the answers live here, beside the session, and read the
engine's structured refusals (:class:`game.engine.Refusal`).  A choice is refused only by a refusal that is
*about* that choice: a topic by "nothing to offer on it", a deputy by "tied up", a group by "already
convened"; a refusal about the week's budget belongs to the order as a whole (:meth:`Draft.refusal`).
Nothing here reads the words of a refusal.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.engine import IllegalOrder, Kind, Order, Refusal, RefusalCode, Sheet, legal_orders, refusal
from game.engine.orders import engage_topics, rival_of
from game.plan import SPECIALTY, Standing
from game.session import Session

# The kinds a side may always draft, in the order the screens offer them; talks with the rival follow when
# the scenario gives the side a channel.
BASE_KINDS = (Kind.CALL, Kind.VISIT, Kind.DEPUTY_CALL, Kind.MULTILATERAL)
KIND_NAMES = {Kind.CALL: "Call", Kind.VISIT: "Visit", Kind.DEPUTY_CALL: "Deputy", Kind.MULTILATERAL: "Group"}


def _missing(words: str, about: str) -> Refusal:
    return Refusal(RefusalCode.INCOMPLETE, words, about)


@dataclass(frozen=True)
class Choice:
    """One thing that may be picked while drafting (a kind, deputy, group, topic or trip stop)."""

    value: int  # the Kind, or the deputy, group, topic or country index; -1 is "you" among engagers
    label: str
    selected: bool
    refusal: Refusal | None  # why it cannot be picked now; None when it is offered

    @property
    def offered(self) -> bool:
        return self.refusal is None


@dataclass
class Draft:
    """The order one side is putting together: the side whose turn it is in the session (the desktop's hot
    seat), or ``side`` when given (the class server, where both sides give orders at once)."""

    session: Session
    country: int | None = None
    kind: Kind = Kind.CALL
    topic: int | None = None
    deputy: int | None = None
    group: int | None = None
    stops: list[int] = field(default_factory=list)  # trip stops after the country itself
    engager: int = -1  # who talks to the rival: -1 the principal, else a deputy
    editing: int | None = None  # the queued order being changed in place (its index in the plan), if any
    promise: int | None = None  # the promise attached to a call or a visit, if any
    side: int | None = None  # the side drafting; None: the session's active side

    # ------------------------------------------------------------------------------------------ reading

    @property
    def rules(self):
        return self.session.rules

    @property
    def actor(self) -> int:
        return self.session.active if self.side is None else self.side

    @property
    def rival(self) -> int:
        return rival_of(self.rules, self.actor)

    def can_engage(self) -> bool:
        return bool(self.rules.can_engage[self.actor])

    def usable_topic(self) -> int:
        """The topic the side has most to offer on: what a probe for a deputy or a group is made with."""
        return int(np.argmax(self.rules.leverage[self.actor]))

    def my_deputies(self) -> list[int]:
        rules = self.rules
        return [d for d in range(len(rules.deputies)) if rules.deputy_actor[d] == self.actor]

    def groups_of(self, country: int) -> list[int]:
        rules = self.rules
        return [g for g in range(len(rules.groups)) if rules.group_members[g, country]]

    def _probe_topic(self) -> int:
        return self.topic if self.topic is not None else self.usable_topic()

    def _sheet(self) -> Sheet:
        """The plan the draft is checked against: while an order is being changed, the plan without it (so
        its own deputy or calls are not counted twice)."""
        sheet = self.session.pending_for(self.actor)
        if self.editing is not None and self.editing >= len(sheet.orders):
            self.editing = None  # the order went (taken back, the week ended)
        return sheet if self.editing is None else sheet.without(self.editing)

    def _check(self, order: Order) -> Refusal | None:
        return refusal(self.rules, self.session.state, self._sheet(), order)

    def _refused_about(self, order: Order, about: str, index: int) -> Refusal | None:
        refused = self._check(order)
        return refused if refused is not None and refused.is_about(about, index) else None

    def offered_kinds(self) -> list[Kind]:
        """The kinds of action this side may draft at all, in the order the screens show them."""
        return list(BASE_KINDS) + ([Kind.ENGAGE] if self.can_engage() else [])

    def kinds(self) -> list[Choice]:
        """Every kind of action the side may draft; a kind is refused when the week has nothing left for it
        (no calls, no trip, no free deputy, no group to convene, the rival already talked to)."""
        kinds = self.offered_kinds()
        legal = legal_orders(self.rules, self.session.state, self._sheet())
        out = []
        for kind in kinds:
            refused = None
            if not any(o.kind == kind for o in legal):
                refused = self._kind_refusal(kind)
            out.append(Choice(int(kind), self.kind_label(kind), kind == self.kind, refused))
        return out

    def kind_refusal(self, kind: Kind) -> Refusal | None:
        """Why ``kind`` cannot be picked at all now, where that is quick to know: a deputy's call with no deputy
        free (the other kinds' refusals are the whole order's, :meth:`refusal`; :meth:`kinds` has them all)."""
        if kind == Kind.DEPUTY_CALL and self.my_deputies() and self._first_free_deputy() is None:
            return Refusal(RefusalCode.DEPUTY_BUSY, "none of your deputies is free this week", "kind")
        return None

    def kind_label(self, kind: Kind) -> str:
        """A kind's name on its button: Call, Visit, Deputy, Group, or 'Talk to Moscow'."""
        if kind == Kind.ENGAGE:
            return f"Talk to {self.rules.labels.actors[self.rival]}"
        return KIND_NAMES[kind]

    def _kind_refusal(self, kind: Kind) -> Refusal:
        """Why no order of ``kind`` is legal this week: the engine's refusal of a representative order."""
        rules, actor, topic = self.rules, self.actor, self.usable_topic()
        country = self.country if self.country is not None else 0
        if kind == Kind.CALL or kind == Kind.VISIT:
            probe = Order(actor, kind, topic, (country,))
        elif kind == Kind.DEPUTY_CALL:
            mine = self.my_deputies()
            if not mine:
                return Refusal(RefusalCode.UNKNOWN_DEPUTY, "no deputy works for this side", "kind")
            refusals = [self._check(Order(actor, kind, topic, (country,), deputy=d)) for d in mine]
            if all(r is not None and r.about == "deputy" for r in refusals):
                return Refusal(RefusalCode.DEPUTY_BUSY, "every deputy is busy this week", "kind")
            return next(r for r in refusals if r is not None)
        elif kind == Kind.MULTILATERAL:
            conveners = [g for g in range(len(rules.groups)) if rules.group_conveners[actor, g]]
            if not conveners:
                words = f"{rules.labels.actors[actor]} can convene no group"
                return Refusal(RefusalCode.NOT_CONVENER, words, "kind")
            refusals = [self._check(Order(actor, kind, topic, group=g)) for g in conveners]
            if all(r is not None and r.code == RefusalCode.GROUP_USED for r in refusals):
                return Refusal(RefusalCode.GROUP_USED, "every group has been convened this week", "kind")
            return next(r for r in refusals if r is not None and r.code != RefusalCode.GROUP_USED)
        else:
            probe = Order(actor, kind, self._engage_topic(), deputy=-1)
        refused = self._check(probe)
        if refused is None:  # the principal may talk, so no deputy is free (legal_orders offers neither)
            refused = Refusal(RefusalCode.DEPUTY_BUSY, "nobody is free to talk this week", "kind")
        return refused

    def _engage_topic(self) -> int:
        topics = engage_topics(self.rules)
        if self.topic is not None and (self.topic in topics or not topics):
            return self.topic
        return topics[0] if topics else 0

    def deputies(self) -> list[Choice]:
        """The side's deputies for a deputy's call on the country; refused when the refusal is about the
        deputy (tied up, already called this week)."""
        rules, country = self.rules, self.country if self.country is not None else 0
        out = []
        for d in self.my_deputies():
            order = Order(self.actor, Kind.DEPUTY_CALL, self._probe_topic(), (country,), deputy=d)
            refused = self._refused_about(order, "deputy", d)
            out.append(Choice(d, rules.labels.deputies[d], self.deputy == d, refused))
        return out

    def engagers(self) -> list[Choice]:
        """Who may talk to the rival: "You" (-1), then each deputy (refused when that deputy is not free)."""
        rules = self.rules
        out = [Choice(-1, "You", self.engager == -1, None)]
        for d in self.my_deputies():
            order = Order(self.actor, Kind.ENGAGE, self._probe_topic(), deputy=d)
            refused = self._refused_about(order, "deputy", d)
            out.append(Choice(d, rules.labels.deputies[d], self.engager == d, refused))
        return out

    def groups(self) -> list[Choice]:
        """The groups the country belongs to, each refused when the side cannot convene it now."""
        if self.country is None:
            return []
        rules = self.rules
        out = []
        for g in self.groups_of(self.country):
            refused = self._check(Order(self.actor, Kind.MULTILATERAL, self.usable_topic(), group=g))
            out.append(Choice(g, rules.labels.groups[g], self.group == g, refused))
        return out

    def topics(self) -> list[Choice]:
        """Every topic, refused only when the refusal is about the topic (nothing to offer on it; the rival
        will not discuss it); a refusal about the budget is the whole order's (:meth:`refusal`)."""
        rules = self.rules
        out = []
        for t in range(rules.n_topics):
            if self.kind == Kind.ENGAGE:
                probe = Order(self.actor, Kind.ENGAGE, t, deputy=self.engager)
            else:
                probe = Order(self.actor, Kind.CALL, t, (self.country if self.country is not None else 0,))
            out.append(Choice(t, rules.labels.topics[t], self.topic == t, self._refused_about(probe, "topic", t)))
        return out

    def stop_options(self) -> list[Choice]:
        """The other capitals of the country's region, in the order the country list shows them."""
        if self.country is None:
            return []
        rules = self.rules
        region = rules.region_of[self.country]
        others = [c for c in range(rules.n_countries) if rules.region_of[c] == region and c != self.country]
        return [Choice(c, rules.labels.countries[c], c in self.stops, None) for c in others]

    def order(self) -> Order | None:
        """The order drafted so far, or None while a choice is missing."""
        if self.missing() is not None:
            return None
        actor, c, topic = self.actor, self.country, self.topic
        promise = -1 if self.promise is None else self.promise
        if self.kind == Kind.ENGAGE:
            return Order(actor, Kind.ENGAGE, topic, deputy=self.engager)
        if self.kind == Kind.CALL:
            return Order(actor, Kind.CALL, topic, (c,), promise=promise)
        if self.kind == Kind.VISIT:
            return Order(actor, Kind.VISIT, topic, (c, *self.stops), promise=promise)
        if self.kind == Kind.DEPUTY_CALL:
            return Order(actor, Kind.DEPUTY_CALL, topic, (c,), deputy=self.deputy)
        return Order(actor, Kind.MULTILATERAL, topic, group=self.group)

    def missing(self) -> Refusal | None:
        """The first choice still to be made, as an INCOMPLETE refusal, or None."""
        if self.country is None:
            return _missing("choose a country", "country")
        if self.kind == Kind.MULTILATERAL and self.group is None:
            return _missing("choose a group to convene", "group")
        if self.kind == Kind.DEPUTY_CALL and self.deputy is None:
            busy = self.kind_refusal(Kind.DEPUTY_CALL)
            return busy if busy is not None else _missing("choose a deputy", "deputy")
        if self.topic is None:
            return _missing("choose a topic", "topic")
        return None

    def refusal(self) -> Refusal | None:
        """Why the drafted order cannot be added now: a missing choice, else the engine's refusal; None when
        it can."""
        missing = self.missing()
        if missing is not None:
            return missing
        return self._check(self.order())

    def promises(self) -> list[Choice]:
        """The side's promises that could go with a call or a visit to the drafted capital (on the drafted
        topic, once one is chosen), each refused only by a refusal about the promise itself (already owed
        there, the limit reached, no week left); none for other kinds of action."""
        rules = self.rules
        if self.country is None or self.kind not in (Kind.CALL, Kind.VISIT):
            return []
        out = []
        targets = (self.country, *self.stops) if self.kind == Kind.VISIT else (self.country,)
        for spec in rules.promises:
            if spec.actor != self.actor or not all(c in spec.offered for c in targets):
                continue
            if self.topic is not None and self.topic not in spec.topics:
                continue
            topic = self.topic if self.topic is not None else spec.topics[0]
            probe = Order(self.actor, self.kind, topic, targets, promise=spec.index)
            refused = self._refused_about(probe, "promise", spec.index)
            out.append(Choice(spec.index, rules.labels.promises[spec.index], self.promise == spec.index, refused))
        return out

    # ----------------------------------------------------------------------------------------- changing

    def _first_free_deputy(self) -> int | None:
        free = [c.value for c in self.deputies() if c.offered]
        return free[0] if free else None

    def _first_usable_group(self) -> int | None:
        usable = [c.value for c in self.groups() if c.offered]
        return usable[0] if usable else None

    def select(self, country: int | None) -> None:
        """Work on ``country``; another country starts a new trip with no topic and, for a group call, its first
        group."""
        if country != self.country:
            self.stops = []
            self.group = None
            self.topic = None  # a topic is chosen for a capital: one the last capital liked may push this one away
            self.promise = None  # a promise is made to one capital
            self.country = country
            if country is not None and self.kind == Kind.MULTILATERAL:
                self.group = self._first_usable_group()

    def set_kind(self, kind: Kind) -> None:
        """Choose a kind of action; the deputy's call again cycles the deputy, the group call again the group."""
        kind = Kind(kind)
        if kind == self.kind == Kind.DEPUTY_CALL:
            self.cycle_deputy()
            return
        if kind == self.kind == Kind.MULTILATERAL and self.country is not None:
            self.cycle_group()
            return
        self.kind = kind
        if kind == Kind.DEPUTY_CALL:
            offered = {c.value for c in self.deputies() if c.offered}
            if self.deputy not in offered:
                self.deputy = self._first_free_deputy()
        if kind == Kind.MULTILATERAL and self.country is not None:
            self.group = self._first_usable_group()

    def set_topic(self, topic: int) -> None:
        self.topic = topic
        if self.promise is not None and topic not in self.rules.promises[self.promise].topics:
            self.promise = None  # it does not go with this topic

    def set_promise(self, promise: int | None) -> None:
        """Attach a promise (None: none); a chip of a promise already attached takes it off again."""
        self.promise = None if promise == self.promise else promise

    def cycle_promise(self) -> Choice | None:
        """The next promise offered for the draft after the one attached, then none again (the keyboard's way
        to promise); returns the promise now attached, or None."""
        offered = [c for c in self.promises() if c.offered]
        values = [c.value for c in offered]
        if not values:
            self.promise = None
            return None
        i = values.index(self.promise) if self.promise in values else -1
        self.promise = values[i + 1] if i + 1 < len(values) else None
        return next((c for c in offered if c.value == self.promise), None)

    def set_deputy(self, deputy: int) -> None:
        """A deputy's chip: that deputy places a call."""
        self.kind = Kind.DEPUTY_CALL
        self.deputy = deputy

    def set_group(self, group: int) -> None:
        self.group = group

    def set_engager(self, deputy: int) -> None:
        self.engager = deputy

    def cycle_deputy(self) -> None:
        """The next free deputy after the current one."""
        free = {c.value for c in self.deputies() if c.offered}
        mine = self.my_deputies()
        if not mine:
            return
        i = mine.index(self.deputy) if self.deputy in mine else -1
        for step in range(1, len(mine) + 1):
            d = mine[(i + step) % len(mine)]
            if d in free:
                self.deputy = d
                return

    def cycle_group(self) -> None:
        """The next group the country belongs to (convened or not: the Add button then says why not)."""
        if self.country is None:
            return
        groups = self.groups_of(self.country)
        if groups:
            i = groups.index(self.group) if self.group in groups else -1
            self.group = groups[(i + 1) % len(groups)]

    def toggle_stop(self, country: int) -> None:
        if country in self.stops:
            self.stops.remove(country)
        else:
            self.stops.append(country)

    def next_stop(self) -> None:
        """Make the draft a trip and add the region's next capital (after the last allowed stop, start over),
        so a trip needs no mouse."""
        if self.country is None:
            return
        self.kind = Kind.VISIT
        if len(self.stops) + 1 >= self.rules.visit_max_stops:
            self.stops = []
            return
        for choice in self.stop_options():
            if choice.value not in self.stops:
                self.stops.append(choice.value)
                return

    def add(self) -> Refusal | None:
        """Add the drafted order to the side's sheet (or, while changing a queued order, put it in that
        order's place); returns why not instead when it cannot be.  After an order the trip starts afresh and
        a deputy's call moves on to the next free deputy."""
        refused = self.refusal()
        if refused is not None:
            return refused
        if self.editing is not None:
            try:
                if self.side is None:
                    self.session.replace(self.editing, self.order())
                else:
                    self.session.replace_for(self.side, self.editing, self.order())
            except IllegalOrder as exc:
                return Refusal(RefusalCode.WRONG_SHAPE, str(exc), "plan", self.editing)
            self.editing = None
            return None
        if self.side is None:
            self.session.add(self.order())
        else:
            self.session.add_for(self.side, self.order())
        self.stops = []
        self.promise = None  # a promise is made once
        if self.kind == Kind.DEPUTY_CALL:
            self.deputy = self._first_free_deputy()
        return None

    # ------------------------------------------------------------------------------- the week's plan

    def edit(self, index: int) -> None:
        """Change queued order ``index`` in place: the draft takes its kind, country, deputy, group, stops and
        topic; :meth:`add` then puts the changed order back where it was."""
        order = self.session.pending_for(self.actor).orders[index]
        self.editing = index
        self.kind, self.topic = Kind(order.kind), order.topic
        self.stops = list(order.targets[1:]) if order.kind == Kind.VISIT else []
        if order.targets:
            self.country = order.targets[0]
        elif order.kind == Kind.MULTILATERAL:
            members = [c for c in range(self.rules.n_countries) if self.rules.group_members[order.group, c]]
            self.country = self.country if self.country in members else (members[0] if members else None)
        self.group = order.group if order.group >= 0 else None
        self.promise = order.promise if order.promise >= 0 else None
        if order.kind == Kind.DEPUTY_CALL:
            self.deputy = order.deputy
        elif order.kind == Kind.ENGAGE:
            self.engager = order.deputy

    def stop_editing(self) -> None:
        self.editing = None

    def make_standing(self) -> tuple[Standing | None, str]:
        """Turn the drafted deputy's call into that deputy's standing instruction, or, when the deputy already
        has one on this topic, add the country to its capitals (again: take it out).  The drafted topic is
        stored as "their specialty" when it is.  Returns the instruction now in force (None: none) and what
        happened in words, or None and why not."""
        session, rules = self.session, self.rules
        if self.kind != Kind.DEPUTY_CALL or self.deputy is None or self.country is None:
            return None, "draft a deputy's call first (D): its deputy, country and topic become the instruction"
        topic = self.topic if self.topic is not None else int(rules.deputy_specialty[self.deputy])
        if topic < 0:
            return None, "choose a topic"
        if topic == rules.deputy_specialty[self.deputy]:
            topic = SPECIALTY
        old = session.standing.get(self.deputy)
        name = rules.labels.deputies[self.deputy]
        if old is not None and old.topic == topic:
            capitals = [c for c in old.capitals if c != self.country]
            if len(capitals) == len(old.capitals):
                capitals.append(self.country)
            if not capitals:
                if self.side is None:
                    session.clear_standing(self.deputy)
                else:
                    session.clear_standing_for(self.side, self.deputy)
                return None, f"{name} has no standing instruction now"
            new = Standing(self.deputy, tuple(capitals), topic, old.since)
        else:
            new = Standing(self.deputy, (self.country,), topic, session.turn)
        try:
            if self.side is None:
                session.set_standing(new)
            else:
                session.set_standing_for(self.side, new)
        except IllegalOrder as exc:
            return None, str(exc)
        return new, f"Standing: {standing_words(session, new)}"

    def click_capital(self, country: int) -> bool:
        """A click on the map while drafting a trip: another capital of the trip's region is added as the
        next stop, or taken out if it is one (True); any other click is not the trip's (False)."""
        if self.kind != Kind.VISIT or self.country is None or country == self.country:
            return False
        if self.rules.region_of[country] != self.rules.region_of[self.country]:
            return False
        self.toggle_stop(country)
        return True


def standing_words(session: Session, standing: Standing) -> str:
    """An instruction in words: "Victoria Nuland calls Germany, then Poland, on their specialty (Energy)"."""
    labels = session.rules.labels
    places = ", then ".join(labels.countries[c] for c in standing.capitals)
    spec = int(session.rules.deputy_specialty[standing.deputy])
    topic = f"their specialty ({labels.topics[spec]})" if standing.topic == SPECIALTY else labels.topics[standing.topic]
    return f"{labels.deputies[standing.deputy]} calls {places} on {topic}"
