"""Arguments heard beyond the capital they are pressed in (the scenario's `echoes`): their cross-reference
checks and their compilation to the engine's ``Rules.echo`` (T, C, C) shares."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import models as m
from .problems import did_you_mean

Report = Callable[[tuple, str, str, str], None]


def _places(doc: m.Scenario, name: str) -> list[str]:
    """The countries a name stands for: itself, or a group's members."""
    if name in doc.groups:
        return list(doc.groups[name].members)
    return [name] if name in doc.countries else []


def check_echoes(doc: m.Scenario, report: Report, sources: Callable[[tuple, list], None]) -> None:
    """Every topic, country and group an echo names exists; no capital hears its own argument; no pair of
    capitals is given two shares for one topic (the second would silently add to the first)."""
    names = list(doc.countries) + list(doc.groups)
    seen: dict[tuple[str, str, str], int] = {}
    for i, echo in enumerate(doc.echoes):
        base = ("echoes", i)
        if echo.topic not in doc.topics:
            report(
                base + ("topic",),
                "error",
                "E201",
                f"unknown topic '{echo.topic}'{did_you_mean(echo.topic, doc.topics)}",
            )
        pressed: list[str] = []
        for j, name in enumerate(echo.pressed_in):
            if name not in names:
                report(
                    base + ("pressed_in", j),
                    "error",
                    "E201",
                    f"unknown country or group '{name}'{did_you_mean(name, names)}",
                )
            pressed += _places(doc, name)
        for name, share in echo.heard_in.items():
            where = base + ("heard_in", name)
            if name not in names:
                report(where, "error", "E201", f"unknown country or group '{name}'{did_you_mean(name, names)}")
                continue
            if share == 0.0:
                report(where, "warning", "W306", f"a share of 0 in '{name}' does nothing; leave it out")
            for heard in _places(doc, name):
                if heard in pressed:
                    report(
                        where,
                        "error",
                        "E203",
                        f"'{name}' cannot hear its own argument: {heard} is among the capitals it is pressed in",
                    )
                    break
                for source in pressed:
                    key = (echo.topic, source, heard)
                    if key in seen and seen[key] != i:
                        report(
                            where,
                            "error",
                            "E203",
                            f"'{name}': echo {seen[key] + 1} already gives {heard} a share of {echo.topic} "
                            f"pressed in {source}",
                        )
                        break
                    seen[key] = i
        sources(base + ("sources",), echo.sources)


def compile_echoes(doc: m.Scenario) -> np.ndarray:
    """echo[t, a, b]: the share of a contact's effect in country a on topic t that country b moves too."""
    countries, topics = list(doc.countries), list(doc.topics)
    echo = np.zeros((len(topics), len(countries), len(countries)))
    for e in doc.echoes:
        t = topics.index(e.topic)
        pressed = [countries.index(c) for name in e.pressed_in for c in _places(doc, name)]
        for name, share in e.heard_in.items():
            for c in _places(doc, name):
                echo[t, pressed, countries.index(c)] = share
    return echo
