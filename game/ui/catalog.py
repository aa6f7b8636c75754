"""The scenario picker's list: bundled scenarios, the player's own folder and a file named on the command line.

A file with errors stays in the list, with its first error, so the author sees why it cannot be played.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.dates import day_text
from game.files import user_scenario_files
from game.scenario import Problem, Scenario, bundled_scenarios, check


@dataclass
class ScenarioEntry:
    path: Path
    origin: str  # "bundled", "yours" or "command line"
    scenario: Scenario | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def playable(self) -> bool:
        return self.scenario is not None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def title(self) -> str:
        return self.scenario.title if self.scenario else self.path.name

    @property
    def has_tutorial(self) -> bool:
        """A scenario that teaches the controls with a guided tutorial (its `tutorial:` section)."""
        return self.scenario is not None and bool(self.scenario.tutorial)

    @property
    def subtitle(self) -> str:
        if self.scenario is None:
            return f"cannot be played: {len(self.errors)} error{'s' if len(self.errors) != 1 else ''}"
        doc = self.scenario.doc
        return doc.subtitle or f"{doc.calendar.weeks} weeks from {day_text(doc.calendar.start)}"

    @property
    def first_error(self) -> str:
        errors = self.errors
        return str(errors[0]) if errors else ""


def load_entry(path: Path, origin: str) -> ScenarioEntry:
    scenario, problems = check(path)
    return ScenarioEntry(Path(path), origin, scenario, list(problems))


def scenario_files() -> list[tuple[Path, str]]:
    return [(p, "bundled") for p in bundled_scenarios()] + [(p, "yours") for p in user_scenario_files()]


def build_catalog(extra: Path | None = None) -> tuple[list[ScenarioEntry], int]:
    """Every entry, and the index to highlight first (the command-line file when given).  A bundled tutorial
    comes first (after a file from the command line), so that a new player finds it at the top, highlighted."""
    files = scenario_files()
    highlight = 0
    if extra is not None:
        extra = Path(extra)
        try:
            resolved = extra.resolve() if extra.exists() else extra
        except OSError:  # a name too long for the file system: check() names the problem in the list
            resolved = extra
        known = [p.resolve() for p, _ in files]
        if resolved in known:
            highlight = known.index(resolved)
        else:
            files.insert(0, (extra, "command line"))
            highlight = 0
    entries = [load_entry(p, origin) for p, origin in files]
    chosen = entries[highlight] if entries and extra is not None else None
    entries.sort(key=lambda e: {"command line": 0}.get(e.origin, 1 if e.origin == "bundled" and e.has_tutorial else 2))
    return entries, entries.index(chosen) if chosen is not None else 0
