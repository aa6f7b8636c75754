"""Finding, checking and loading scenario files: the one entry point the rest of the game uses."""

from __future__ import annotations

import os
import re
from pathlib import Path

from game.assets import AssetError, scenarios_dir, seeds_dir

from .build import Scenario, compile_scenario
from .checks import SeedLibrary, check_references, normalise_text
from .document import validate_document
from .extends import Document, read_document
from .problems import Problem, ScenarioError, did_you_mean

# A seed is an article of a few pages; a larger file is not one (and is not read whole to check passages).
MAX_SEED_BYTES = 5_000_000
_PLAIN_NAME = re.compile(r"^[^/\\\x00]+$")


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
    text = os.fspath(name_or_path)
    try:
        if path.is_file():
            return path
        if path.is_dir():
            raise ScenarioError([Problem(text, 1, 1, "error", "E001", f"'{text}' is a folder, not a scenario file")])
    except OSError as exc:  # a name too long for the file system, a folder one may not enter
        reason = exc.strerror or type(exc).__name__
        raise ScenarioError([Problem(text, 1, 1, "error", "E001", f"cannot open '{text}': {reason}")]) from None
    if path.suffix == "" and os.sep not in text and "/" not in text:
        for candidate in bundled_scenarios():
            if candidate.stem == text:
                return candidate
    names = [p.stem for p in bundled_scenarios()]
    hint = did_you_mean(text, names) or (f" (bundled: {', '.join(names)})" if names else "")
    raise ScenarioError([Problem(text, 1, 1, "error", "E001", f"no scenario file or bundled scenario '{text}'{hint}")])


class SeedFolders(SeedLibrary):
    """Seed articles looked up in several folders, the first that has the file winning.

    A scenario's own articles live in a ``seeds/`` folder next to it; the game's seeds are always looked in
    too, so a scenario built on them (or extending a bundled one) needs no copy.
    """

    def __init__(self, folders: list[Path]):
        unique: list[Path] = []
        for folder in folders:
            if folder not in unique:
                unique.append(folder)
        super().__init__(unique[0] if unique else None)
        self.folders = unique

    def _file(self, name: str) -> Path | None:
        if not _PLAIN_NAME.match(name) or name in (".", ".."):
            return None
        for folder in self.folders:
            candidate = folder / name
            try:
                if candidate.is_file():
                    return candidate
            except (OSError, ValueError):
                continue
        return None

    def text(self, name: str) -> str | None:
        if name not in self._cache:
            path = self._file(name)
            text = None
            if path is not None:
                try:
                    with open(path, "rb") as handle:
                        raw = handle.read(MAX_SEED_BYTES + 1)
                    if len(raw) <= MAX_SEED_BYTES:
                        text = normalise_text(raw.decode("utf-8-sig"))
                except (OSError, UnicodeDecodeError, ValueError):
                    text = None
            self._cache[name] = text
        return self._cache[name]

    def looked_in(self) -> str:
        if not self.folders:
            return "no seeds folder"
        return " or ".join(str(folder.resolve()) for folder in self.folders)

    def names(self) -> list[str]:
        found: set[str] = set()
        for folder in self.folders:
            try:
                if folder.is_dir():
                    found.update(p.name for p in folder.glob("*.txt"))
            except OSError:
                continue
        return sorted(found)


def seed_folders(document: Document) -> list[Path]:
    """Where the seeds of a scenario are looked for: ``seeds/`` next to each file of its extends chain, then
    the game's own seeds."""
    folders = [Path(file).parent / "seeds" for file in document.files]
    bundled = seeds_dir()
    if bundled is not None:
        folders.append(bundled)
    return [f for f in folders if f.is_dir()]


def _point(document: Document, where: tuple, message: str) -> tuple[int, int]:
    """Where a cross-reference problem is shown: at the key when the key itself is wrong (an unknown topic in
    ``interests: {secruity: 1.6}``) or the problem is about a whole mapping or list (a country without
    sources: its ``DEU:`` line); else at the value."""
    if where and isinstance(where[-1], str):
        node = document.data
        for elem in where:
            try:
                node = node[elem]
            except (KeyError, IndexError, TypeError):
                node = None
                break
        if f"'{where[-1]}'" in message or isinstance(node, (dict, list)):
            return document.marks.key(where)
    return document.marks.value(where)


def check(
    path: str | os.PathLike, seeds: Path | None = None, inputs: list[Path] | None = None
) -> tuple[Scenario | None, list[Problem]]:
    """Every problem of a scenario file (and of the files it extends), and the playable scenario when there is
    no error.  ``seeds``: the one folder of seed articles to use (default: see :func:`seed_folders`).
    ``inputs``: a list that gets what the result depends on: the files of the extends chain and the seed
    folders (the scenario picker's cache checks their contents to know when to read a file again).

    Never raises.
    """
    document = read_document(path, bundled_scenarios)
    if inputs is not None:
        inputs.extend(Path(file) for file in document.files)
    problems = list(document.problems)
    doc = None
    unreadable = document.data is None and any(p.severity == "error" for p in problems)  # a syntax error said why
    if document.complete and not unreadable:
        doc, found = validate_document(document.parsed(), document.filename)
        problems.extend(document.relocate(p) for p in found)
    if doc is not None:

        def report(where: tuple, severity: str, code: str, message: str) -> None:
            pos = _point(document, where, message)
            problems.append(document.inherited(pos, severity, code, message))  # type: ignore[arg-type]

        library = SeedFolders([seeds] if seeds is not None else seed_folders(document))
        if inputs is not None:
            inputs.extend(library.folders)
        check_references(doc, report, library)
    problems = sorted(set(problems), key=document.order)
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
