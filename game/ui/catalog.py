"""The scenario picker's list: bundled scenarios, the player's own folder and a file named on the command line.

A file with errors stays in the list, with its first error, so the author sees why it cannot be played.

Reading and checking every scenario is most of the title screen's start-up, so the list's lines (title, subtitle,
id, length) come from a cache in the data folder (``cache/scenario-list.json``) when nothing they were read from
has changed: the entry of a file holds the SHA-256 digests of every file it depended on (the file, the files it
extends, the seed articles in its seed folders) and of the game's scenario code, and is used only when all of
them are the same now.  A scenario is still read and checked in full before it is shown in detail or played
(:attr:`ScenarioEntry.scenario`), so the cache decides only what the list says, never what is played.  A cache
file that is missing, damaged, too large or of another game version is ignored and written anew, atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from game import __version__
from game.dates import day_text
from game.files import JsonFileError, data_dir, read_json, user_scenario_files
from game.files import _write_temporary as write_temporary
from game.scenario import Problem, Scenario, bundled_scenarios, check

CACHE_NAME = "scenario-list.json"
CACHE_FORMAT = 1
MAX_CACHE_BYTES = 2_000_000  # a line per scenario: a few hundred bytes each
MAX_SEEDS_PER_FOLDER = 500  # a seed folder holding more is not hashed: its scenarios are read every time
MAX_HASHED_BYTES = 20_000_000
_SUMMARY_FIELDS = {"title": str, "subtitle": str, "id": str, "turns": int, "tutorial": bool}


@dataclass
class ScenarioEntry:
    path: Path
    origin: str  # "bundled", "yours" or "command line"
    _scenario: Scenario | None = None
    problems: list[Problem] = field(default_factory=list)
    # The list's line from the cache (title, subtitle, id, turns, tutorial) until the scenario itself is read.
    summary: dict | None = None

    @property
    def scenario(self) -> Scenario | None:
        """The playable scenario, read and checked in full on first use (None: it has errors)."""
        if self.summary is not None:
            self._scenario, self.problems = check(self.path)
            self.summary = None
        return self._scenario

    @property
    def loaded(self) -> bool:
        return self.summary is None

    @property
    def playable(self) -> bool:
        return self.summary is not None or self._scenario is not None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def title(self) -> str:
        if self.summary is not None:
            return self.summary["title"]
        return self._scenario.title if self._scenario else self.path.name

    @property
    def scenario_id(self) -> str | None:
        if self.summary is not None:
            return self.summary["id"]
        return self._scenario.id if self._scenario else None

    @property
    def turns(self) -> int | None:
        """The scenario's number of weekly turns (None: it cannot be played)."""
        if self.summary is not None:
            return self.summary["turns"]
        return self._scenario.rules.n_turns if self._scenario else None

    @property
    def has_tutorial(self) -> bool:
        """A scenario that teaches the controls with a guided tutorial (its `tutorial:` section)."""
        if self.summary is not None:
            return self.summary["tutorial"]
        return self._scenario is not None and bool(self._scenario.tutorial)

    @property
    def subtitle(self) -> str:
        if self.summary is not None:
            return self.summary["subtitle"]
        if self._scenario is None:
            return f"cannot be played: {len(self.errors)} error{'s' if len(self.errors) != 1 else ''}"
        doc = self._scenario.doc
        return doc.subtitle or f"{doc.calendar.weeks} weeks from {day_text(doc.calendar.start)}"

    @property
    def first_error(self) -> str:
        errors = self.errors
        return str(errors[0]) if errors else ""


def load_entry(path: Path, origin: str, inputs: list[Path] | None = None) -> ScenarioEntry:
    scenario, problems = check(path, inputs=inputs)
    return ScenarioEntry(Path(path), origin, scenario, list(problems))


def scenario_files() -> list[tuple[Path, str]]:
    return [(p, "bundled") for p in bundled_scenarios()] + [(p, "yours") for p in user_scenario_files()]


def build_catalog(extra: Path | None = None, cache: Path | None = None) -> tuple[list[ScenarioEntry], int]:
    """Every entry, and the index to highlight first (the command-line file when given).  A bundled tutorial
    comes first (after a file from the command line), so that a new player finds it at the top, highlighted.

    ``cache``: the list's cache file (default: in the data folder)."""
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
    entries = ListCache(cache if cache is not None else default_cache_path()).entries(files)
    chosen = entries[highlight] if entries and extra is not None else None
    entries.sort(key=lambda e: {"command line": 0}.get(e.origin, 1 if e.origin == "bundled" and e.has_tutorial else 2))
    return entries, entries.index(chosen) if chosen is not None else 0


# ------------------------------------------------------------------------------------------------- the cache


def default_cache_path() -> Path:
    return data_dir() / "cache" / CACHE_NAME


def _code_digest() -> str:
    """The game's version and its scenario-reading code: a new game reads every scenario again."""
    digest = hashlib.sha256(__version__.encode())
    here = Path(__file__).resolve()
    for source in sorted((here.parents[1] / "scenario").glob("*.py")) + [here, here.parents[1] / "dates.py"]:
        try:
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
        except OSError:
            digest.update(source.name.encode() + b"\0?")
    return digest.hexdigest()


class ListCache:
    """The digests and the list lines of the scenarios last read, by file; see the module's notes."""

    def __init__(self, path: Path):
        self.path = path
        self._hashed = 0
        self._digests: dict[str, str | None] = {}

    def digest(self, file: Path) -> str | None:
        """The SHA-256 of a regular file's bytes (None: none, unreadable, or too much to hash)."""
        key = str(file)
        if key not in self._digests:
            value = None
            try:
                if file.is_file() and self._hashed + file.stat().st_size <= MAX_HASHED_BYTES:
                    data = file.read_bytes()
                    self._hashed += len(data)
                    value = hashlib.sha256(data).hexdigest()
            except (OSError, ValueError):
                value = None
            self._digests[key] = value
        return self._digests[key]

    def inputs(self, paths: list[Path]) -> dict[str, str] | None:
        """Digests of what a scenario was read from: its files, and every seed article in its seed folders (a
        folder's listing counts too: a seed added or removed can mend or break a citation).  None: uncacheable."""
        found: dict[str, str] = {}
        for path in paths:
            try:
                folder = path.is_dir()
            except (OSError, ValueError):
                return None
            if folder:
                seeds = _seeds(path)
                if seeds is None:
                    return None
                found[f"{path}/"] = _listing(seeds)
            for file in seeds if folder else [path]:
                value = self.digest(file)
                if value is None:
                    return None
                found[str(file)] = value
        return found

    def _read(self, code: str) -> dict:
        """The cached lines by file name; anything wrong with the cache file gives none (it is rebuilt)."""
        try:
            data = read_json(self.path, MAX_CACHE_BYTES, "cache")
        except (JsonFileError, OSError):
            return {}
        if not isinstance(data, dict) or data.get("format") != CACHE_FORMAT or data.get("code") != code:
            return {}
        lines = data.get("scenarios")
        return lines if isinstance(lines, dict) else {}

    def _usable(self, line) -> dict | None:
        """The summary of a cached line whose inputs all have the digests they had, else None."""
        if not isinstance(line, dict):
            return None
        inputs, summary = line.get("inputs"), line.get("summary")
        if not isinstance(inputs, dict) or not inputs or not isinstance(summary, dict):
            return None
        if set(summary) != set(_SUMMARY_FIELDS) or not all(
            type(summary[k]) is kind for k, kind in _SUMMARY_FIELDS.items()
        ):
            return None
        if not isinstance(summary["turns"], int) or not 0 < summary["turns"] < 10_000:
            return None
        for name, digest in inputs.items():
            if not isinstance(name, str) or not isinstance(digest, str):
                return None
            if name.endswith("/"):
                seeds = _seeds(Path(name[:-1]))
                if seeds is None or _listing(seeds) != digest:
                    return None
            elif self.digest(Path(name)) != digest:
                return None
        return summary

    def entries(self, files: list[tuple[Path, str]]) -> list[ScenarioEntry]:
        """An entry for each file: from the cache where its line is still good, else read and checked."""
        code = _code_digest()
        cached = self._read(code)
        lines: dict[str, dict] = {}
        entries = []
        for path, origin in files:
            key = str(Path(path).resolve()) if Path(path).exists() else str(path)
            summary = self._usable(cached.get(key))
            if summary is not None:
                entries.append(ScenarioEntry(Path(path), origin, summary=summary))
                lines[key] = cached[key]
                continue
            inputs: list[Path] = [Path(path)]
            entry = load_entry(path, origin, inputs)
            entries.append(entry)
            digests = self.inputs([p.resolve() for p in inputs]) if entry.scenario is not None else None
            if digests:  # a file with errors is read every time: its fix may be a file it could not find
                lines[key] = {"inputs": digests, "summary": _summary(entry)}
        if lines != cached:
            self._write({"format": CACHE_FORMAT, "code": code, "scenarios": lines})
        return entries

    def _write(self, data: dict) -> None:
        # Whole or not at all, and always a new regular file: whatever else is at the cache's name (a pipe, a
        # link) is replaced, never written into.  A read-only or full data folder: the list is read in full next
        # time, nothing is lost.
        with contextlib.suppress(OSError, ValueError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = write_temporary(self.path.parent, f".{self.path.name}.", json.dumps(data, indent=1).encode())
            try:
                os.replace(tmp, self.path)
            except OSError:
                os.unlink(tmp)
                raise


def _seeds(folder: Path) -> list[Path] | None:
    try:
        seeds = sorted(folder.glob("*.txt"))
    except (OSError, ValueError):
        return None
    return seeds if len(seeds) <= MAX_SEEDS_PER_FOLDER else None


def _listing(seeds: list[Path]) -> str:
    return hashlib.sha256("\0".join(p.name for p in seeds).encode("utf-8", "surrogateescape")).hexdigest()


def _summary(entry: ScenarioEntry) -> dict:
    return {
        "title": entry.title,
        "subtitle": entry.subtitle,
        "id": entry.scenario_id,
        "turns": entry.turns,
        "tutorial": entry.has_tutorial,
    }
