"""The teacher's prepared news (the scenario's ``injects``): their cross-reference checks.  They compile with
the events (``build.compile_rules``), since their effects are the events' own."""

from __future__ import annotations

from collections.abc import Callable

from game.engine.events import EFFECTS

from . import models as m

Report = Callable[[tuple, str, str, str], None]


def check_injects(
    doc: m.Scenario,
    report: Report,
    sources: Callable[[tuple, list], None],
    registry_item: Callable[[tuple, dict, dict, str], None],
) -> None:
    """Ids are unique (among the events and escalations too: a save and the teacher's page name an inject by
    its id); every effect is a registered one with parameters that name this scenario's countries, groups,
    topics...; an inject cites what it rests on."""
    taken = {e.id: "event" for e in doc.events} | {e.id: "escalation" for e in doc.escalations}
    for i, inject in enumerate(doc.injects):
        base = ("injects", i)
        if inject.id in taken:
            words = f"inject id '{inject.id}' is used twice (also an {taken[inject.id]})"
            report(base + ("id",), "error", "E203", words)
        taken.setdefault(inject.id, "inject")
        if not inject.sources and not inject.public_sources:
            report(base, "error", "E203", f"inject '{inject.id}' cites nothing (give sources or public_sources)")
        for j, eff in enumerate(inject.effects):
            registry_item(base + ("effects", j), eff, EFFECTS, "effect")
        sources(base + ("sources",), inject.sources)
