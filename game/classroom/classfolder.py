"""A class's handed-in games in one go: folders, files and patterns in, a folder of results out.

    result = make_class_folder(["D:\\handed-in", "extra/*.json"], "results")   # the Teacher screen, the CLI
    result.summary              # "24 games graded, 4 files left out (2 duplicates, ...); wrote ... to results"
    result.problem_lines        # every file left out and every other problem, one line each

    results = class_results([(Path("ann.json"), replay_json), ...], scenario)   # the class server: from memory
    results.files               # {"class.html": b"...", "class.csv": ..., "reports/Ann.html": ...}, as written

It writes ``class.html`` (the class view, each name linked to its report), ``class.csv`` (the gradebook: one row
per file handed in, UTF-8 with BOM) and ``reports/<player>.html`` (one after-action report per game) into the
folder, each atomically.  It never aborts on one bad file: a file of another scenario or code, a second copy, a
damaged or oversized file, a link or a file that is not a replay is left out, named, with its reason.  It raises
ClassFolderError (one line) only for what the teacher gave: a scenario or a code that cannot be used, a results
folder that cannot be written.

The inputs are expanded here, not by a shell (Windows' does not expand ``*.json``, and a folder is no pattern):
a folder is read with its subfolders down to ``MAX_DEPTH`` levels (links are not followed, hidden files and the
results folder itself are skipped), a pattern is expanded with ``glob``, a file named is read as named.  At most
``MAX_FILES`` files are read; each is capped in size by the replay reader.
"""

from __future__ import annotations

import glob
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.files import OneLineError
from game.scenario import Scenario, ScenarioError, load_scenario

from .classview import (
    NOT_READ,
    ClassView,
    ClassViewError,
    LeftOut,
    class_csv,
    grade_class,
    load_class,
    render_class,
    write_gradebook,
)
from .codes import CodeError, make_code, parse_code, resolve_setup
from .play import history_session
from .replay import Replay
from .report import render_report, write_html

MAX_FILES = 300  # a class, even a year group, hands in fewer; more is a wrong folder (a whole drive)
MAX_DEPTH = 3  # subfolders below a folder given: per-class or per-group folders, not a whole disk
MAX_SCANNED = 5000  # folder entries looked at in all, so that a wrong folder ends quickly
PAGE_NAME, CSV_NAME, REPORTS_NAME = "class.html", "class.csv", "reports"

# Files a computer puts into any shared folder by itself: not handed in, not worth a line.
_SYSTEM_FILES = {"desktop.ini", "thumbs.db"}


class ClassFolderError(OneLineError):
    """What the teacher gave cannot be used (a scenario, a code, the results folder); one line."""


@dataclass
class Found:
    """The inputs expanded: the files to read, the files refused without reading, and inputs that matched
    nothing (a mistyped pattern)."""

    files: list[Path] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _native(text: str) -> str:
    """A path typed or pasted as on Windows (``class\\b\\*.json``) works here too; on Windows both slashes
    already work.  A name with a real backslash in it (legal, rare on POSIX) is kept when it exists."""
    if os.sep == "/" and "\\" in text and not os.path.lexists(text):
        return text.replace("\\", "/")
    return text


class _Walker:
    def __init__(self, skip: list[Path]):
        self.found = Found()
        self.skip = skip
        self.scanned = 0
        self.seen: set[str] = set()
        self.stopped = False

    def _skipped(self, path: Path) -> bool:
        return any(_same(path, s) for s in self.skip)

    def take(self, path: Path) -> None:
        key = os.path.normcase(os.path.realpath(path))
        if key not in self.seen:  # a file named twice (a folder and a pattern that overlap) is read once
            self.seen.add(key)
            self.found.files.append(path)

    def leave(self, path: Path, reason: str) -> None:
        self.found.left_out.append(LeftOut(path, f"{path}: {reason}", NOT_READ))

    def entry(self, path: Path, depth: int, named: bool) -> None:
        """One path met in a folder or a pattern (``named``: given by the teacher as it is)."""
        if self._skipped(path):
            return
        try:
            if path.is_symlink() and not named:
                self.leave(path, "a link, not a file handed in (links are not followed)")
                return
            if path.is_dir():
                self.folder(path, depth)
                return
            if named or path.is_file():
                if not named and not path.name.lower().endswith(".json"):
                    self.leave(path, "not a .json file (a handed-in game is a .json replay)")
                    return
                self.take(path)
                return
        except OSError as exc:
            self.leave(path, f"cannot be read ({exc.strerror or exc})")
            return
        self.leave(path, "not a regular file")

    def folder(self, folder: Path, depth: int) -> None:
        if depth > MAX_DEPTH:
            self.leave(folder, f"a folder more than {MAX_DEPTH} levels down: not read")
            return
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self.found.problems.append(f"{folder}: the folder cannot be read ({exc.strerror or exc})")
            return
        for e in entries:
            if self.stopped:
                return
            self.scanned += 1
            if self.scanned > MAX_SCANNED:
                self.stopped = True
                self.found.problems.append(
                    f"{folder}: more than {MAX_SCANNED} entries in these folders; the rest was not looked at "
                    "(choose the folder of the class's games)"
                )
                return
            if e.name.startswith(".") or e.name.lower() in _SYSTEM_FILES:
                continue  # hidden files (".DS_Store", macOS's "._ben.json" shadows) and system files
            # A file in the folder is at the folder's depth; a subfolder one level further down.
            self.entry(Path(e.path), depth + 1 if e.is_dir(follow_symlinks=False) else depth, named=False)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def expand_inputs(inputs: list[str | os.PathLike], skip: list[Path] = ()) -> Found:
    """Folders, files and glob patterns, expanded by the game itself (never a shell), in the order given and
    without repeats.  ``skip``: paths never read (the results folder, when it lies inside a folder given)."""
    walker = _Walker(list(skip))
    for raw in inputs:
        text = _native(os.path.expanduser(os.fspath(raw)))
        if glob.has_magic(text) and not os.path.lexists(text):
            matches = sorted(glob.glob(text))
            if not matches:
                walker.found.problems.append(f"{text}: no file matches this pattern")
            for match in matches:
                walker.entry(Path(match), 0, named=False)
        elif os.path.isdir(text):
            walker.folder(Path(text), 0)
        else:
            walker.entry(Path(text), 0, named=True)  # the reader says why it cannot be read, if it cannot
    found = walker.found
    if len(found.files) > MAX_FILES:
        for path in found.files[MAX_FILES:]:
            message = f"{path}: more than {MAX_FILES} files handed in; not read (grade the class in parts)"
            found.left_out.append(LeftOut(path, message, NOT_READ))
        del found.files[MAX_FILES:]
    return found


# ------------------------------------------------------------------------------------------- file names

_UNSAFE = re.compile('[\x00-\x1f\x7f-\x9f<>:"/\\\\|?*\u202a-\u202e\u2066-\u2069]+')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME = 60


def safe_file_name(name: str, taken: set[str], suffix: str = ".html") -> str:
    """A file name from a player's name that every system accepts and that no other report has: no characters
    Windows refuses, no control or direction characters, no trailing dot or space, no device name (CON, NUL),
    no leading dot (hidden) or dash (an option), at most ``MAX_NAME`` characters; unique ignoring case (Windows
    and macOS do), with " (2)" added when taken.  ``taken`` holds the names given so far and is updated."""
    text = _UNSAFE.sub(" ", unicodedata.normalize("NFC", name))
    text = " ".join(text.split()).lstrip(".- ")[:MAX_NAME].rstrip(". ") or "player"
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text
    candidate, n = text, 2
    while (candidate + suffix).casefold() in taken:
        candidate = f"{text} ({n})"
        n += 1
    taken.add((candidate + suffix).casefold())
    return candidate + suffix


# ----------------------------------------------------------------------------------------------- result


@dataclass
class ClassFolder:
    """What ``make_class_folder`` did, for a screen or a terminal to show."""

    out_dir: Path
    handed_in: int = 0  # files found (read or refused)
    graded: int = 0
    page: Path | None = None
    csv: Path | None = None
    reports: list[tuple[str, Path]] = field(default_factory=list)  # (player, report)
    left_out: list[LeftOut] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # not about one file: a pattern matching nothing, a write
    notes: list[str] = field(default_factory=list)  # the class view's notes (a mixed class: the code graded)
    error: str | None = None  # why nothing was graded
    view: ClassView | None = None

    @property
    def ok(self) -> bool:
        return self.graded > 0

    @property
    def summary(self) -> str:
        """One line: how many graded, how many left out and why, what was written where."""
        counts = Counter(lo.flag for lo in self.left_out)
        why = ", ".join(f"{n} {flag}" for flag, n in counts.most_common())
        left = f"{_count(len(self.left_out), 'file')} left out ({why})" if self.left_out else "no file left out"
        if not self.ok:
            return f"no game graded of {_count(self.handed_in, 'file')}: {self.error or left}"
        wrote = [p.name for p in (self.page, self.csv) if p is not None]
        if self.reports:
            wrote.append(_count(len(self.reports), "report"))
        return f"{_count(self.graded, 'game')} graded, {left}; wrote {', '.join(wrote)} to {self.out_dir}"

    @property
    def problem_lines(self) -> list[str]:
        """Every file left out (the file and its reason) and every other problem, one line each."""
        return [*self.notes, *(lo.message for lo in self.left_out), *self.problems]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _scenario_of(scenario, code: str | None) -> tuple[Scenario | None, str | None]:
    if isinstance(scenario, (str, os.PathLike)):
        try:
            scenario = load_scenario(scenario)
        except ScenarioError as exc:
            first = exc.problems[0] if exc.problems else exc
            raise ClassFolderError(f"scenario {os.fspath(scenario)}: {first}") from None
    if code is None:
        return scenario, None
    try:
        setup = parse_code(code)
        canonical = make_code(setup)
        found = resolve_setup(setup, [scenario.path] if scenario is not None and scenario.path else [])
    except CodeError as exc:
        raise ClassFolderError(str(exc)) from None
    if scenario is not None and found.id != scenario.id:
        raise ClassFolderError(f"the code {canonical} is for scenario '{found.id}', not '{scenario.id}'")
    return scenario or found, canonical


def make_class_folder(
    inputs: list[str | os.PathLike],
    out_dir: str | os.PathLike,
    scenario: Scenario | str | os.PathLike | None = None,
    code: str | None = None,
    *,
    charts=None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ClassFolder:
    """Grade a class's handed-in games into ``out_dir``: ``class.html``, ``class.csv`` and a report per game.
    ``scenario``: the one to grade against (default: the bundled or one's own scenario of the games' id);
    ``code``: the game code to grade (default: the class's most common); ``progress(what, done, total)``
    hears of each game replayed and each report written, so that a screen can keep drawing.  Raises
    ClassFolderError for a bad scenario, code or results folder; everything about the files handed in is in
    the result."""
    out = Path(out_dir)
    scenario, code = _scenario_of(scenario, code)
    if out.exists() and not out.is_dir():
        raise ClassFolderError(f"{out}: not a folder (give a folder for the results)")
    # The results, if written into a folder given (or into the folder itself), are not handed-in games.
    found = expand_inputs(inputs, [out / PAGE_NAME, out / CSV_NAME, out / REPORTS_NAME])
    result = ClassFolder(out, problems=list(found.problems))
    result.handed_in = len(found.files) + len(found.left_out)
    if not found.files:
        result.left_out = found.left_out
        result.error = "no .json file found" + (f" ({found.problems[0]})" if found.problems else "")
        return result
    try:
        view = load_class(found.files, scenario, code, found.left_out, progress)
    except ClassViewError as exc:
        result.left_out, result.error = exc.left_out, str(exc)
        return result
    result.view, result.graded, result.left_out, result.notes = view, len(view.entries), view.left_out, view.notes
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ClassFolderError(f"{out}: cannot make the results folder ({exc.strerror or exc})") from None
    links = _write_reports(view, out, result, charts, progress)
    page, csv_path = out / PAGE_NAME, out / CSV_NAME
    try:
        write_html(render_class(view, charts, CSV_NAME, links), page)
        result.page = page
        write_gradebook(view, csv_path)
        result.csv = csv_path
    except OSError as exc:
        raise ClassFolderError(f"{out}: cannot write the class view ({exc.strerror or exc})") from None
    return result


def _report_pages(view: ClassView, charts, progress=None):
    """One report per graded replay (a result file has no orders to report on): (entry, file name in
    ``reports/``, the page), one at a time so that a report is written before the next is made."""
    taken: set[str] = set()
    histories: dict[tuple, object] = {}
    games = [e for e in view.entries if e.session is not None]
    for done, e in enumerate(games, 1):
        if progress is not None:
            progress("writing the reports", done, len(games))
        game = e.session
        key = (game.seed, tuple(sorted(game.settings.to_dict().items())), game.rival_policy)
        if key not in histories:
            histories[key] = history_session(game)
        name = safe_file_name(e.name if not e.two_sided else " - ".join(s.name for s in e.sides), taken)
        page = render_report(Replay(game, e.path), history=histories[key], charts=charts, source_name=e.path.name)
        yield e, name, page


def _write_reports(view: ClassView, out: Path, result: ClassFolder, charts, progress=None) -> dict[Path, str]:
    """One report per graded replay; returns the links for the class page.  A report that cannot be written is
    a problem line, not the end of the class."""
    folder = out / REPORTS_NAME
    links: dict[Path, str] = {}
    for e, name, page in _report_pages(view, charts, progress):
        path = folder / name
        try:
            write_html(page, path)
        except OSError as exc:
            result.problems.append(f"{path}: the report cannot be written ({exc.strerror or exc})")
            continue
        result.reports.append((e.name, path))
        links[e.path] = f"{REPORTS_NAME}/{name}"
    return links


# ----------------------------------------------------------------------------------------- in memory


@dataclass
class ClassResults:
    """``class_results``: what ``make_class_folder`` would write, held in memory (the class server serves it)."""

    files: dict[str, bytes] = field(default_factory=dict)  # path in the folder ("reports/Ann.html") -> bytes
    reports: dict[Path, str] = field(default_factory=dict)  # each graded game's file -> its report's path
    view: ClassView | None = None
    left_out: list[LeftOut] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None  # why nothing was graded

    @property
    def ok(self) -> bool:
        return self.view is not None


def class_results(
    games: list[tuple[Path, object]],
    scenario: Scenario,
    code: str | None = None,
    *,
    charts=None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ClassResults:
    """The class view, the gradebook and a report per game, from games already read - (the file each would be,
    its JSON), as the class server holds them - made by the same code as ``make_class_folder`` and equal byte
    for byte to what it writes from the same files: ``class.html``, ``class.csv`` (UTF-8 with BOM) and
    ``reports/<player>.html``."""
    result = ClassResults()
    if not games:
        result.error = "no game to grade"
        return result
    try:
        view = grade_class(games, scenario, code, None, progress)
    except ClassViewError as exc:
        result.left_out, result.error = exc.left_out, str(exc)
        return result
    result.view, result.left_out, result.notes = view, view.left_out, view.notes
    for e, name, page in _report_pages(view, charts, progress):
        result.files[f"{REPORTS_NAME}/{name}"] = page.encode("utf-8")
        result.reports[e.path] = f"{REPORTS_NAME}/{name}"
    result.files[PAGE_NAME] = render_class(view, charts, CSV_NAME, result.reports).encode("utf-8")
    result.files[CSV_NAME] = class_csv(view).encode("utf-8-sig")
    return result
