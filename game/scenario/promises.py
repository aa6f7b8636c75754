"""Pledges a side may attach to a call or a visit (the scenario's `promises`): their cross-reference checks and
their compilation to the engine's ``PromiseSpec``s."""

from __future__ import annotations

from collections.abc import Callable

from game.engine import PromiseSpec

from . import models as m
from .problems import did_you_mean

Report = Callable[[tuple, str, str, str], None]


def _places(doc: m.Scenario, name: str) -> list[str]:
    """The countries a name stands for: itself, or a group's members."""
    if name in doc.groups:
        return list(doc.groups[name].members)
    return [name] if name in doc.countries else []


def check_promises(doc: m.Scenario, report: Report, sources: Callable[[tuple, list], None]) -> None:
    """Every side, topic, country and group a promise names exists; the side can raise the topics it goes
    with; ids are unique; a promise cites what it rests on."""
    names = list(doc.countries) + list(doc.groups)
    seen: dict[str, int] = {}
    for i, promise in enumerate(doc.promises):
        base = ("promises", i)
        if promise.id in seen:
            report(base + ("id",), "error", "E203", f"promise id '{promise.id}' is used twice")
        seen[promise.id] = i
        side = doc.actors.get(promise.by)
        if side is None:
            words = f"unknown actor '{promise.by}'{did_you_mean(promise.by, doc.actors)}"
            report(base + ("by",), "error", "E201", words)
        for j, topic in enumerate(promise.topics):
            if topic not in doc.topics:
                words = f"unknown topic '{topic}'{did_you_mean(topic, doc.topics)}"
                report(base + ("topics", j), "error", "E201", words)
            elif side is not None and doc.topics[topic].leverage.get(promise.by, 0.0) <= 0:
                report(
                    base + ("topics", j),
                    "error",
                    "E203",
                    f"{side.name} has nothing to offer on '{topic}', so no call of its own goes with this promise",
                )
        if promise.keep.topic not in doc.topics:
            report(
                base + ("keep", "topic"),
                "error",
                "E201",
                f"unknown topic '{promise.keep.topic}'{did_you_mean(promise.keep.topic, doc.topics)}",
            )
        for key in ("to", "at"):
            listed = promise.to if key == "to" else promise.keep.at
            where = base + ((key,) if key == "to" else ("keep", "at"))
            for j, name in enumerate(listed):
                if name not in names:
                    words = f"unknown country or group '{name}'{did_you_mean(name, names)}"
                    report(where + (j,), "error", "E201", words)
        if not promise.sources and not promise.public_sources:
            report(base, "error", "E203", f"promise '{promise.id}' cites nothing (give sources or public_sources)")
        sources(base + ("sources",), promise.sources)


def compile_promises(doc: m.Scenario) -> tuple[tuple[PromiseSpec, ...], tuple[str, ...]]:
    """The engine's promises and their names, in the file's order."""
    countries, topics, actors = list(doc.countries), list(doc.topics), list(doc.actors)
    specs = []
    for p, promise in enumerate(doc.promises):
        offered = sorted({countries.index(c) for name in promise.to for c in _places(doc, name)})
        keep_in = sorted({countries.index(c) for name in promise.keep.at for c in _places(doc, name)})
        specs.append(
            PromiseSpec(
                index=p,
                code=promise.id,
                actor=actors.index(promise.by),
                topics=tuple(topics.index(t) for t in promise.topics),
                offered=tuple(offered),
                boost=promise.boost,
                within=promise.keep.within,
                keep_topic=topics.index(promise.keep.topic),
                keep_in=tuple(keep_in),
                kept_shift=promise.kept,
                broken_shift=promise.broken.shift,
                mistrust=promise.broken.mistrust,
                mistrust_weeks=promise.broken.weeks,
            )
        )
    return tuple(specs), tuple(promise.name for promise in doc.promises)
