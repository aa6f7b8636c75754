"""Finding, checking and loading scenario files: the one entry point the rest of the game uses."""

from __future__ import annotations

import os
from pathlib import Path

from game.assets import AssetError, scenarios_dir, seeds_dir

from .build import Scenario, SeedLibrary, check_references, compile_scenario
from .document import check_file
from .problems import Problem, ScenarioError, did_you_mean


def bundled_scenarios() -> list[Path]:
    """The scenario files shipped with the game, sorted by name."""
    try:
        folder = scenarios_dir()
    except AssetError:
        return []
    return sorted(folder.glob("*.yaml"))


def resolve(name_or_path: str | os.PathLike) -> Path:
    """A path to a scenario file: an existing path as given, else a bundled scenario of that name."""
    path = Path(name_or_path)
    if path.is_file():
        return path
    text = os.fspath(name_or_path)
    if path.suffix == "" and os.sep not in text and "/" not in text:
        for candidate in bundled_scenarios():
            if candidate.stem == text:
                return candidate
    names = [p.stem for p in bundled_scenarios()]
    hint = did_you_mean(text, names) or (f" (bundled: {', '.join(names)})" if names else "")
    raise ScenarioError([Problem(text, 1, 1, "error", "E001", f"no scenario file or bundled scenario '{text}'{hint}")])


def check(path: str | os.PathLike, seeds: Path | None = None) -> tuple[Scenario | None, list[Problem]]:
    """Every problem of a scenario file, and the playable scenario when it has no errors.  Never raises."""
    filename = os.fspath(path)
    doc, problems, parsed = check_file(path)
    problems = list(problems)
    if doc is not None and parsed is not None:
        marks = parsed.marks

        def report(where: tuple, severity: str, code: str, message: str) -> None:
            line, col = marks.value(where)
            problems.append(Problem(filename, line, col, severity, code, message))  # type: ignore[arg-type]

        check_references(doc, report, SeedLibrary(seeds if seeds is not None else seeds_dir()))
    problems = sorted(set(problems), key=lambda p: (p.line, p.column, p.code, p.message))
    if doc is None or any(p.severity == "error" for p in problems):
        return None, problems
    return compile_scenario(doc, Path(path)), problems


def load_scenario(name_or_path: str | os.PathLike) -> Scenario:
    """The playable scenario; raises ScenarioError listing every error if it cannot be played."""
    path = resolve(name_or_path)
    scenario, problems = check(path)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario
