"""From a validated and checked document (``checks.py``) to the engine's Rules and the playable Scenario."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from game.dates import day_text
from game.engine import (
    Bloc,
    BlocRule,
    ConditionSpec,
    EffectSpec,
    EventSpec,
    Kind,
    Labels,
    Ladder,
    Order,
    Resource,
    Rules,
    RungKind,
)
from game.engine.events import CONDITIONS, EFFECTS, Param

from . import models as m
from .echoes import compile_echoes
from .promises import compile_promises
from .tutorial import TutorialStep, compile_tutorial


@dataclass(frozen=True)
class PlaybookOrder:
    """A documented contact as an engine order, with where it comes from."""

    turn: int
    date: dt.date
    order: Order
    who: str
    sources: tuple[m.Source, ...]


@dataclass(frozen=True)
class Scenario:
    """A playable scenario: the engine's rules plus everything the edges show (names, texts, sources)."""

    doc: m.Scenario
    rules: Rules
    path: Path | None
    player: int
    rival: int
    week_starts: tuple[dt.date, ...]
    event_ids: tuple[str, ...]
    playbook: dict[int, dict[int, tuple[PlaybookOrder, ...]]]  # actor -> turn -> documented orders
    outreach: dict[int, tuple[tuple[int, int], ...]]  # actor -> rotation of (country, topic)
    tutorial: tuple[TutorialStep, ...] = ()  # the guided tutorial's steps, in order (none: no tutorial)

    @property
    def id(self) -> str:
        return self.doc.id

    @property
    def title(self) -> str:
        return self.doc.title

    def country(self, index: int) -> m.Country:
        return self.doc.countries[self.rules.countries[index]]

    def event(self, index: int) -> m.Event | m.Escalation | m.Inject:
        """An event by its engine index; the escalations follow the events, and the injects the escalations."""
        n = len(self.doc.events)
        if index < n:
            return self.doc.events[index]
        if index < n + len(self.doc.escalations):
            return self.doc.escalations[index - n]
        return self.doc.injects[index - n - len(self.doc.escalations)]

    def inject_index(self, inject_id: str) -> int:
        """The engine index of the inject named ``inject_id``; ValueError for none of that name."""
        ids = [i.id for i in self.doc.injects]
        if inject_id not in ids:
            raise ValueError(f"no inject '{inject_id[:60]}' in this crisis")
        return len(self.doc.events) + len(self.doc.escalations) + ids.index(inject_id)

    def is_inject(self, index: int) -> bool:
        return 0 <= index < len(self.rules.events) and self.rules.events[index].inject

    def escalations(self, actor: int) -> tuple[int, ...]:
        """The engine indices of the escalations ``actor`` may raise."""
        return tuple(e.index for e in self.rules.events if e.raised_by == actor)

    def week_label(self, turn: int) -> str:
        if turn >= len(self.week_starts):
            return day_text(self.doc.calendar.resolves)
        start = self.week_starts[turn]
        return f"week of {day_text(start)}"


# ---------------------------------------------------------------------------------------- compiling


def _week_of(doc: m.Scenario, day: dt.date) -> int:
    """The week a date falls in; a date outside the crisis maps to ``weeks`` (a week that never comes)."""
    week = (day - doc.calendar.start).days // 7
    return week if 0 <= week < doc.calendar.weeks else doc.calendar.weeks


def expand_countries(doc: m.Scenario, names: Sequence[str]) -> list[int]:
    """Country indices of a list of country codes and group ids (a group stands for all its members)."""
    countries = list(doc.countries)
    out: set[int] = set()
    for name in names:
        if name in doc.groups:
            out.update(countries.index(c) for c in doc.groups[name].members)
        elif name in doc.countries:
            out.add(countries.index(name))
    return sorted(out)


def rung_options(rung: m.Rung) -> list[str]:
    """A rung's option ids, worst first (a pledge's are ``no`` and ``yes``)."""
    return [o.id for o in rung.options] if rung.options else ["no", "yes"]


def compile_ladder(doc: m.Scenario) -> Ladder:
    """The commitment ladder as the engine's arrays: per rung its options' points, per country its lines."""
    rungs = doc.commitments.rungs
    countries = list(doc.countries)
    n_options = max(len(rung_options(r)) for r in rungs)
    points = np.zeros((len(rungs), n_options))
    lines = np.full((len(countries), len(rungs), n_options), np.nan)
    blocs = []
    for r, rung in enumerate(rungs):
        options = rung_options(rung)
        if rung.options:
            default = [np.nan] + [np.nan if o.threshold is None else o.threshold for o in rung.options[1:]]
            points[r, : len(options)] = [o.points for o in rung.options]
        else:
            default = [np.nan, np.nan if rung.threshold is None else rung.threshold]
            points[r, 1] = rung.points or 0.0
        open_to = set(range(len(countries))) if rung.open_to is None else set(expand_countries(doc, rung.open_to))
        for c, code in enumerate(countries):
            own = doc.countries[code].thresholds
            if rung.id not in own:
                if c in open_to:
                    lines[c, r, : len(options)] = default
            elif own[rung.id] is None:
                continue  # closed to this country
            elif isinstance(own[rung.id], dict):
                row = list(default)
                for option, value in own[rung.id].items():
                    row[options.index(option)] = np.nan if value is None else value
                lines[c, r, : len(options)] = row
            else:
                lines[c, r, 1] = own[rung.id]
        if rung.bloc is not None:
            members = tuple(countries.index(c) for c in doc.groups[rung.bloc.group].members)
            leader = countries.index(rung.bloc.leader) if rung.bloc.leader else -1
            rule = {"unanimity": BlocRule.UNANIMITY, "qualified_majority": BlocRule.QUALIFIED_MAJORITY}.get(
                rung.bloc.rule, BlocRule.LEADER
            )
            blocs.append(Bloc(r, members, rule, leader, rung.bloc.quota))
    return Ladder(
        rungs=tuple(r.id for r in rungs),
        kinds=tuple(RungKind.VOTE if r.options else RungKind.PLEDGE for r in rungs),
        options=tuple(tuple(rung_options(r)) for r in rungs),
        points=points,
        thresholds=lines,
        blocs=tuple(blocs),
    )


def _compile_params(doc: m.Scenario, spec_params: Sequence[Param], params: dict) -> tuple[tuple[str, object], ...]:
    countries, groups = list(doc.countries), doc.groups
    out = []
    for p in spec_params:
        value = params.get(p.name, p.default)
        if p.kind == "countries":
            idx: set[int] = set()
            for v in value if isinstance(value, list) else [value]:
                if v in groups:
                    idx.update(countries.index(c) for c in groups[v].members)
                else:
                    idx.add(countries.index(v))
            value = tuple(sorted(idx))
        elif p.kind == "country":
            value = countries.index(value)
        elif p.kind == "topic":
            value = list(doc.topics).index(value)
        elif p.kind == "actor":
            value = list(doc.actors).index(value)
        elif p.kind == "deputy":
            value = list(doc.deputies).index(value)
        elif p.kind == "tie":
            value = list(doc.tie_kinds).index(value)
        elif p.kind == "event":
            value = [e.id for e in doc.events].index(value)
        elif p.kind == "track":
            value = list(doc.tracks).index(value)
        elif p.kind == "rung":
            value = [r.id for r in doc.commitments.rungs].index(value)
        elif p.kind == "option":
            if value is None or value == p.default:
                value = -1
            else:
                rung = doc.commitments.rung(params["rung"])
                value = rung_options(rung).index(value)
        elif p.kind == "resource":
            value = int(Resource.CALLS if value == "calls" else Resource.VISITS)
        elif p.kind == "integer":
            value = int(value)
        else:
            value = float(value)
        out.append((p.name, value))
    return tuple(out)


def compile_rules(doc: m.Scenario) -> Rules:
    """Build the engine's Rules.  Assumes ``check_references`` found no errors."""
    countries = list(doc.countries)
    topics = list(doc.topics)
    actors = list(doc.actors)
    groups = list(doc.groups)
    regions = list(doc.regions)
    deputies = list(doc.deputies)
    ties = list(doc.tie_kinds)
    C, T, A, G = len(countries), len(topics), len(actors), len(groups)
    cs = list(doc.countries.values())

    interest = np.full((C, T), doc.default_interest)
    tie_matrix = np.zeros((C, len(ties)))
    for i, c in enumerate(cs):
        for t, v in c.interests.items():
            interest[i, topics.index(t)] = v
        for k, v in c.ties.items():
            tie_matrix[i, ties.index(k)] = v

    members = np.zeros((G, C), dtype=bool)
    conveners = np.zeros((A, G), dtype=bool)
    spill = np.zeros((C, C))
    for g, group in enumerate(doc.groups.values()):
        idx = [countries.index(c) for c in group.members]
        members[g, idx] = True
        for a in group.conveners:
            conveners[actors.index(a), g] = True
        if group.spill > 0 and len(idx) > 1:
            for i in idx:
                for j in idx:
                    if i != j:
                        spill[i, j] += group.spill / (len(idx) - 1)
    # A country's total pull from its peers is capped at 1 (members of many groups are not pulled harder).
    rows = spill.sum(axis=1, keepdims=True)
    spill = np.divide(spill, rows, out=np.zeros_like(spill), where=rows > 1.0) + spill * (rows <= 1.0)

    leverage = np.zeros((A, T))
    for t, topic in enumerate(doc.topics.values()):
        for a, v in topic.leverage.items():
            leverage[actors.index(a), t] = v

    dyn = doc.dynamics
    strength = np.zeros(len(Kind))
    strength[Kind.CALL] = dyn.kind_strength.call
    strength[Kind.VISIT] = dyn.kind_strength.visit
    strength[Kind.DEPUTY_CALL] = dyn.kind_strength.deputy_call
    strength[Kind.MULTILATERAL] = dyn.kind_strength.multilateral

    events = []
    for i, ev in enumerate(doc.events):
        events.append(
            EventSpec(
                index=i,
                turn=_week_of(doc, ev.date) if ev.date is not None else -1,
                conditions=tuple(
                    ConditionSpec(name, _compile_params(doc, CONDITIONS[name].params, params))
                    for cond in ev.when
                    for name, params in cond.items()
                ),
                effects=tuple(
                    EffectSpec(name, _compile_params(doc, EFFECTS[name].params, params))
                    for eff in ev.effects
                    for name, params in eff.items()
                ),
            )
        )

    for e, esc in enumerate(doc.escalations):
        events.append(
            EventSpec(
                index=len(doc.events) + e,
                turn=-1,
                conditions=tuple(
                    ConditionSpec(name, _compile_params(doc, CONDITIONS[name].params, params))
                    for cond in esc.when
                    for name, params in cond.items()
                ),
                effects=tuple(
                    EffectSpec(name, _compile_params(doc, EFFECTS[name].params, params))
                    for eff in esc.effects
                    for name, params in eff.items()
                ),
                raised_by=actors.index(esc.by),
                earliest=max(0, (esc.earliest - doc.calendar.start).days // 7) if esc.earliest is not None else 0,
                history=_week_of(doc, esc.history) if esc.history is not None else -1,
            )
        )

    for i, inject in enumerate(doc.injects):
        # Dated in a week that never comes: only a release (``game.engine.injects``) sets it off.
        events.append(
            EventSpec(
                index=len(doc.events) + len(doc.escalations) + i,
                turn=doc.calendar.weeks,
                conditions=(),
                effects=tuple(
                    EffectSpec(name, _compile_params(doc, EFFECTS[name].params, params))
                    for eff in inject.effects
                    for name, params in eff.items()
                ),
                inject=True,
            )
        )

    tracks = list(doc.tracks)
    engage_gain = np.zeros((T, len(tracks)))
    for t, topic in enumerate(doc.topics.values()):
        for k, v in topic.tracks.items():
            engage_gain[t, tracks.index(k)] = v
    engage_reaction = np.zeros((A, C))
    player = actors.index(doc.player)
    engage_reaction[player] = [c.engage_reaction for c in cs]

    tiers = sorted(((t.name, t.min_score) for t in doc.commitments.tiers), key=lambda t: -t[1])
    promises, promise_names = compile_promises(doc)
    return Rules(
        labels=Labels(
            countries=tuple(c.name for c in cs),
            topics=tuple(t.name for t in doc.topics.values()),
            actors=tuple(a.name for a in doc.actors.values()),
            groups=tuple(g.name for g in doc.groups.values()),
            regions=tuple(r.name for r in doc.regions.values()),
            deputies=tuple(d.name for d in doc.deputies.values()),
            tracks=tuple(t.name for t in doc.tracks.values()),
            rungs=tuple(r.name for r in doc.commitments.rungs),
            options=tuple(
                tuple(o.label for o in r.options) if r.options else (r.not_made, r.made) for r in doc.commitments.rungs
            ),
            promises=promise_names,
        ),
        countries=tuple(countries),
        topics=tuple(topics),
        actors=tuple(actors),
        groups=tuple(groups),
        regions=tuple(regions),
        deputies=tuple(deputies),
        tie_kinds=tuple(ties),
        n_turns=doc.calendar.weeks,
        alignment_start=np.array([c.alignment for c in cs], dtype=np.float64),
        ties_start=tie_matrix,
        anchor_offset_start=np.array([c.anchor_offset for c in cs], dtype=np.float64),
        interest_start=interest,
        mobility=np.array([c.mobility for c in cs]),
        volatility=np.array([c.volatility for c in cs]),
        region_of=np.array([regions.index(c.region) for c in cs], dtype=np.int64),
        score_weight=np.array([c.weight for c in cs]),
        tie_weight=np.array([k.weight for k in doc.tie_kinds.values()], dtype=np.float64),
        group_members=members,
        group_conveners=conveners,
        spill_matrix=spill,
        actor_sign=np.array([a.sign for a in doc.actors.values()], dtype=np.float64),
        actor_power=np.array([a.power for a in doc.actors.values()], dtype=np.float64),
        leverage=leverage,
        base_budget=np.array([[a.calls, a.visits] for a in doc.actors.values()], dtype=np.int64),
        deputy_actor=np.array([actors.index(d.actor) for d in doc.deputies.values()], dtype=np.int64),
        deputy_specialty=np.array(
            [topics.index(d.specialty) if d.specialty else -1 for d in doc.deputies.values()], dtype=np.int64
        ),
        kind_strength=strength,
        visit_travel_calls=dyn.visit_travel_calls,
        visit_max_stops=dyn.visit_max_stops,
        visit_stop_decay=dyn.visit_stop_decay,
        deputy_specialty_bonus=dyn.deputy_specialty_bonus,
        room_exponent=dyn.room_exponent,
        noise_sigma=dyn.noise_sigma,
        fatigue_k=dyn.fatigue_k,
        fatigue_decay=dyn.fatigue_decay,
        drift_rate=dyn.drift_rate,
        drift_in_touch=dyn.drift_in_touch,
        neglect_weeks=dyn.neglect_weeks,
        spill_rate=dyn.spill_rate,
        group_fatigue_k=dyn.group_fatigue_k,
        events=tuple(events),
        tracks=tuple(tracks),
        track_start=np.array([t.start for t in doc.tracks.values()], dtype=np.float64),
        track_decay=np.array([t.decay for t in doc.tracks.values()], dtype=np.float64),
        track_threshold=np.array([np.nan if t.goal is None else t.goal for t in doc.tracks.values()], dtype=np.float64),
        track_points=np.array([t.points for t in doc.tracks.values()], dtype=np.float64),
        can_engage=np.array([a.engage for a in doc.actors.values()], dtype=bool),
        engage_gain=engage_gain,
        engage_reaction=engage_reaction,
        echo=compile_echoes(doc),
        promises=promises,
        promise_limit=dyn.promise_limit,
        ladder=compile_ladder(doc),
        tiers=tuple(tiers),
    )


_KINDS = {
    "call": Kind.CALL,
    "visit": Kind.VISIT,
    "deputy_call": Kind.DEPUTY_CALL,
    "multilateral": Kind.MULTILATERAL,
    "engage": Kind.ENGAGE,
}


def compile_scenario(doc: m.Scenario, path: Path | None = None) -> Scenario:
    rules = compile_rules(doc)
    countries, topics, actors = list(doc.countries), list(doc.topics), list(doc.actors)
    playbook: dict[int, dict[int, list[PlaybookOrder]]] = {}
    outreach: dict[int, tuple[tuple[int, int], ...]] = {}
    for code, book in doc.playbooks.items():
        a = actors.index(code)
        weeks: dict[int, list[PlaybookOrder]] = {}
        for e in sorted(book.documented, key=lambda e: e.date):
            kind = _KINDS[e.kind]
            topic = topics.index(e.topic)
            if kind == Kind.ENGAGE:
                deputy = list(doc.deputies).index(e.deputy) if e.deputy else -1
                order = Order(a, kind, topic, deputy=deputy)
            elif kind == Kind.MULTILATERAL:
                order = Order(a, kind, topic, group=list(doc.groups).index(e.to))
            else:
                targets = tuple(countries.index(c) for c in (e.to if isinstance(e.to, list) else [e.to]))
                deputy = list(doc.deputies).index(e.deputy) if e.deputy else -1
                order = Order(a, kind, topic, targets, deputy=deputy)
            turn = _week_of(doc, e.date)
            weeks.setdefault(turn, []).append(PlaybookOrder(turn, e.date, order, e.who, tuple(e.sources)))
        playbook[a] = {t: tuple(v) for t, v in weeks.items()}
        outreach[a] = tuple((countries.index(o.to), topics.index(o.topic)) for o in book.outreach)
    start = doc.calendar.start
    return Scenario(
        doc=doc,
        rules=rules,
        path=path,
        player=actors.index(doc.player),
        rival=actors.index(doc.rival),
        week_starts=tuple(start + dt.timedelta(days=7 * w) for w in range(doc.calendar.weeks)),
        event_ids=tuple(e.id for e in doc.events),
        playbook=playbook,
        outreach=outreach,
        tutorial=compile_tutorial(doc),
    )
