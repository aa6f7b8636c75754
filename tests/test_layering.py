"""Import layering, checked statically over every file of the ``game`` package and once at run time.

The floors, each importing only the floors below it (and itself)::

    engine  <-  scenario  <-  ai  <-  sim  <-  session  <-  classroom  <-  ui | server  <-  cli

* ``ui`` (the pygame window) and ``server`` (the class server) share a floor and never import each other.
* ``cli`` is the entry point: it may start the window, but only from inside a function (``python -m game
  simulate`` must not load pygame).
* Every internal import is checked, lazy ones inside functions included; a file of ``game`` that is in no floor
  and not listed in ``SHARED`` fails the test, so a new top-level module has to be placed on purpose.
* A shared leaf (``SHARED``) may be imported from any floor, so it may import nothing above the lowest floor that
  imports it (for the engine: nothing at all, the engine stays pure).
* No import circles between files: the file graph (every internal import, lazy ones included) is acyclic.
* ``game/engine``: standard library and numpy only; no other ``game`` module; no global randomness, no clock, no
  file I/O.  ``game/scenario`` alone reads YAML; ``game/ui`` alone imports pygame / pygame_gui.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GAME = ROOT / "game"
PYGAME = {"pygame", "pygame_gui"}
# The class server's web stack: only game/server imports it (the command line starts it from inside a function).
WEB_STACK = {"starlette", "uvicorn", "websockets", "segno"}

# The floors from the bottom up; the floors of one tier sit side by side and may not import each other.
TIERS: tuple[tuple[str, ...], ...] = (
    ("engine",),
    ("scenario",),
    ("ai",),
    ("sim",),
    ("session",),
    ("classroom",),
    ("ui", "server"),
    ("cli",),
)
RANK = {floor: rank for rank, tier in enumerate(TIERS) for floor in tier}
# Floors that are single files rather than packages (paths relative to the repository).
FILE_FLOORS = {
    "game/session.py": "session",
    "game/drafting.py": "session",  # the order-drafting model beside the session (it drafts a session's orders)
    "game/plan.py": "session",  # the week's plan: standing instructions, repeat last week, edits (the session's)
    "game/savefile.py": "session",  # the typed shape of a save file, checked before the session replays it
    "game/__main__.py": "cli",
}
# Shared leaves: small modules any floor may use.  Each imports nothing above the lowest floor that uses it.
SHARED = {
    "game/__init__.py",  # the version
    "game/assets.py",  # where the data files are, checkout or wheel
    "game/worldmap.py",  # the map's geometry and projection, pure numpy (drawn by the ui; the server may share it)
    "game/files.py",  # atomic writes and the player's data folder
    "game/dates.py",  # dates in words without glibc-only strftime codes
}
# Imports that must stay inside a function: the entry point starts the window or the server only when asked, so
# that ``simulate`` and ``validate`` never load pygame.
LAZY_ONLY = {("cli", "ui"), ("cli", "server")}

# What the engine may not use even though it is in the standard library.
ENGINE_FORBIDDEN_MODULES = {
    "random",  # randomness comes from game.engine.dice, keyed by seed
    "secrets",
    "time",  # no clock
    "os",  # no I/O
    "io",
    "pathlib",
    "shutil",
    "tempfile",
    "glob",
    "socket",
    "subprocess",
    "pickle",
    "shelve",
    "sqlite3",
    "json",
    "csv",
    "logging",
    "threading",
    "multiprocessing",
    "urllib",
    "http",
}
CLOCK_CALLS = {"now", "today", "utcnow", "time", "time_ns", "perf_counter", "monotonic", "process_time"}
IO_CALLS = {
    "open",
    "input",
    "read_text",
    "write_text",
    "read_bytes",
    "write_bytes",
    "load",
    "save",
    "savez",
    "savez_compressed",
    "loadtxt",
    "savetxt",
    "genfromtxt",
    "fromfile",
    "tofile",
}
SEEDED_NUMPY_RANDOM = {"SeedSequence", "Generator", "PCG64", "PCG64DXSM", "Philox", "SFC64", "BitGenerator"}


@dataclass(frozen=True)
class Import:
    module: str  # absolute dotted name
    line: int
    lazy: bool = False  # inside a function: runs only when the function is called
    names: tuple[str, ...] | None = None  # ``from module import names``: the names (None: not a from-import)
    member: bool = False  # ``module.name`` of a from-import: the name, which may or may not be a submodule


def python_files(folder: Path = GAME) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _in_functions(tree: ast.Module) -> set[int]:
    """The ids of the nodes inside a function or lambda (their imports run only when it is called)."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            inside.update(id(n) for n in ast.walk(node) if n is not node)
    return inside


def imports(path: Path, module: str | None = None) -> list[Import]:
    """Every module the file imports, anywhere in it (also inside functions), relative ones resolved; a
    ``from package import name`` also counts ``package.name`` (it may be a submodule).  ``module`` is the
    file's dotted name (default: from its place under the repository)."""
    package = (module or module_name(path)).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    tree = parse(path)
    lazy = _in_functions(tree)
    out: list[Import] = []
    for node in ast.walk(tree):
        inside = id(node) in lazy
        if isinstance(node, ast.Import):
            out.extend(Import(alias.name, node.lineno, inside) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.append(Import(name, node.lineno, inside, tuple(a.name for a in node.names)))
            out.extend(
                Import(f"{name}.{a.name}", node.lineno, inside, member=True) for a in node.names if a.name != "*"
            )
        elif isinstance(node, ast.Call):
            # importlib.import_module("x") / __import__("x") with a literal name
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            literal = node.args[0] if node.args else None
            if (
                name in ("import_module", "__import__")
                and isinstance(literal, ast.Constant)
                and isinstance(literal.value, str)
            ):
                out.append(Import(literal.value, node.lineno, inside))
    return out


def top(module: str) -> str:
    return module.split(".")[0]


def where(path: Path, line: int, root: Path = ROOT) -> str:
    return f"{path.relative_to(root).as_posix()}:{line}"


# ------------------------------------------------------------------------------------- the file graph


@dataclass(frozen=True)
class Edge:
    source: str  # file, relative to the repository ("game/ai/advisor.py")
    target: str
    line: int
    lazy: bool


def internal_edges(root: Path = ROOT) -> list[Edge]:
    """Every import between two files of ``root/game``, each resolved to the file it needs: the longest dotted
    prefix that is a module (``import game.ui.screens.play`` needs ``play.py``), for ``from package import x`` the
    submodule ``x`` or else the package's ``__init__.py`` (``from game.ai import make_policy``).  A package's own
    ``__init__`` running before its submodules is not an edge: it is no choice of the importing file."""
    files = python_files(root / "game")
    by_module = {module_name(p, root): p.relative_to(root).as_posix() for p in files}
    edges: dict[tuple[str, str, int], Edge] = {}
    for path in files:
        source = path.relative_to(root).as_posix()
        for imp in imports(path, module_name(path, root)):
            if top(imp.module) != "game":
                continue
            if imp.member and imp.module not in by_module:
                continue  # a name defined in the module, counted by the from-import itself
            if imp.names and all(f"{imp.module}.{n}" in by_module for n in imp.names):
                continue  # only submodules are imported: each is its own edge
            parts = imp.module.split(".")
            target = next(
                (by_module[".".join(parts[:n])] for n in range(len(parts), 0, -1) if ".".join(parts[:n]) in by_module),
                None,
            )
            if target is None or target == source:
                continue
            key = (source, target, imp.line)
            if key not in edges or edges[key].lazy:  # a module-level import of the same line wins
                edges[key] = Edge(source, target, imp.line, imp.lazy)
    return sorted(edges.values(), key=lambda e: (e.source, e.line, e.target))


def floor_of(file: str) -> str:
    """The floor of a file of the package ("engine", ..., "cli"), "shared" for a shared leaf, "" if none."""
    if file in SHARED:
        return "shared"
    if file in FILE_FLOORS:
        return FILE_FLOORS[file]
    parts = file.split("/")
    return parts[1] if len(parts) > 2 and parts[1] in RANK else ""


def floor_problems(edges: list[Edge], files: list[str]) -> list[str]:
    """Every import that breaks the floors, as ``file:line: what``; and every file in no floor."""
    bad = [
        f"{f}: in no floor (add it to FILE_FLOORS or SHARED in tests/test_layering.py)"
        for f in files
        if not floor_of(f)
    ]
    found: dict[tuple[str, int, str], tuple[str, str]] = {}
    for e in edges:
        mine, theirs = floor_of(e.source), floor_of(e.target)
        if not mine or not theirs or mine == "shared" or theirs in ("shared", mine):
            continue
        if (mine, theirs) in LAZY_ONLY and not e.lazy:
            text = f"{mine} imports {e.target} ({theirs}) when it is loaded; only inside a function"
        elif RANK[theirs] >= RANK[mine]:
            side = "beside" if RANK[theirs] == RANK[mine] else "above"
            text = f"{mine} imports {e.target} ({theirs}, a floor {side} it)"
        else:
            continue
        # ``from game.classroom import report, Settings`` needs both files: one line, the module named
        key = (e.source, e.line, theirs)
        if key not in found or found[key][0].endswith("__init__.py"):
            found[key] = (e.target, f"{e.source}:{e.line}: {text}")
    bad.extend(text for _, text in found.values())
    # A shared leaf serves every floor that uses it, so it may not reach above the lowest of them.
    users: dict[str, set[str]] = {}
    for e in edges:
        users.setdefault(e.target, set()).add(e.source)
    for leaf in sorted(f for f in files if floor_of(f) == "shared"):
        lowest = _lowest_user(leaf, users, set())
        found = {}
        for e in edges:
            theirs = floor_of(e.target)
            if e.source != leaf or theirs == "shared":
                continue
            if lowest is None or (theirs in RANK and RANK[theirs] > lowest):
                used = "nothing" if lowest is None else " / ".join(TIERS[lowest])
                key = (e.line, theirs)
                if key not in found or found[key][0].endswith("__init__.py"):
                    found[key] = (
                        e.target,
                        f"{e.source}:{e.line}: the shared {leaf} imports {e.target} ({theirs}), above the lowest "
                        f"floor that uses it ({used})",
                    )
        bad.extend(text for _, text in found.values())
    return bad


def _lowest_user(leaf: str, users: dict[str, set[str]], seen: set[str]) -> int | None:
    """The rank of the lowest floor importing ``leaf``, directly or through other shared leaves."""
    ranks = []
    for user in users.get(leaf, ()):
        floor = floor_of(user)
        if floor == "shared" and user not in seen:
            rank = _lowest_user(user, users, seen | {leaf})
            if rank is not None:
                ranks.append(rank)
        elif floor in RANK:
            ranks.append(RANK[floor])
    return min(ranks) if ranks else None


def import_cycles(edges: list[Edge]) -> list[list[str]]:
    """The import circles: each strongly connected group of two or more files (Tarjan), as one circle through
    them, sorted."""
    graph: dict[str, list[str]] = {}
    for e in edges:
        graph.setdefault(e.source, [])
        if e.target not in graph[e.source]:
            graph[e.source].append(e.target)
        graph.setdefault(e.target, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        # iterative Tarjan: the graph of a large package would hit the recursion limit on a long chain
        work = [(node, iter(sorted(graph[node])))]
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        while work:
            v, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[v] = min(low[v], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                group = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    group.append(w)
                    if w == v:
                        break
                if len(group) > 1:
                    groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def _circle_text(group: list[str], edges: list[Edge]) -> str:
    """One circle through the group's first file, each step with the line that imports the next file."""
    inside = set(group)
    step = {}
    for e in edges:
        if e.source in inside and e.target in inside:
            step.setdefault(e.source, {}).setdefault(e.target, e.line)
    start = group[0]
    # breadth-first back to the start, so the circle shown is a shortest one
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        nxt = []
        for f in frontier:
            for t in sorted(step.get(f, {})):
                if t == start:
                    path = paths[f]
                    hops = [f"{a}:{step[a][b]}" for a, b in zip(path, path[1:] + [start])]
                    return f"{len(group)} files in a circle ({', '.join(group)}); e.g. " + " -> ".join(hops + [start])
                if t not in paths:
                    paths[t] = paths[f] + [t]
                    nxt.append(t)
        frontier = nxt
    return ", ".join(group)


ALL_FILES = python_files()
ENGINE_FILES = python_files(GAME / "engine")
EDGES = internal_edges()


def layer_of(path: Path) -> str:
    return floor_of(path.relative_to(ROOT).as_posix())


def test_the_package_has_the_expected_floors():
    assert len(ENGINE_FILES) >= 5
    for floor in ("engine", "scenario", "ai", "sim", "classroom", "ui", "server", "cli"):
        assert (GAME / floor / "__init__.py").is_file(), floor
    assert (GAME / "session.py").is_file()
    assert len(EDGES) > 300  # the graph sees the game's imports (an empty graph would pass everything)


PROBLEMS = floor_problems(EDGES, [p.relative_to(ROOT).as_posix() for p in ALL_FILES])


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(GAME)))
def test_every_import_goes_down_the_floors(path):
    file = path.relative_to(ROOT).as_posix()
    bad = [p for p in PROBLEMS if p.startswith(file + ":")]
    assert not bad, "\n".join(bad)


def test_there_are_no_import_circles_between_files():
    cycles = import_cycles(EDGES)
    assert not cycles, "\n".join(_circle_text(group, EDGES) for group in cycles)


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: p.name)
def test_the_engine_imports_only_the_standard_library_and_numpy(path):
    bad = []
    for imp in imports(path):
        root = top(imp.module)
        if root == "game":
            # Only the engine's own modules; the package root counts as another package.
            if imp.module != "game.engine" and not imp.module.startswith("game.engine."):
                bad.append(f"{where(path, imp.line)}: imports {imp.module}")
        elif root == "numpy":
            continue
        elif root not in sys.stdlib_module_names:
            bad.append(f"{where(path, imp.line)}: imports {imp.module} (not stdlib or numpy)")
        elif root in ENGINE_FORBIDDEN_MODULES:
            bad.append(f"{where(path, imp.line)}: imports {imp.module} (no randomness, clock or I/O in the engine)")
    assert not bad, "\n".join(bad)


def _dotted(node: ast.AST) -> str:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda p: p.name)
def test_the_engine_reads_no_clock_no_files_and_no_global_random(path):
    bad = []
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.Call):
            name = _dotted(node.func)
            last = name.rsplit(".", 1)[-1]
            if last in CLOCK_CALLS and (name == last or "date" in name or "time" in name):
                bad.append(f"{where(path, node.lineno)}: calls {name}() (a clock)")
            if last in IO_CALLS and (name == last or name.startswith(("np.", "numpy.")) or "path" in name.lower()):
                bad.append(f"{where(path, node.lineno)}: calls {name}() (file I/O)")
            if last in {"tofile", "read_text", "write_text", "read_bytes", "write_bytes"}:
                bad.append(f"{where(path, node.lineno)}: calls {name}() (file I/O)")
        if isinstance(node, ast.Attribute):
            name = _dotted(node)
            for prefix in ("np.random.", "numpy.random."):
                if name.startswith(prefix) and name[len(prefix) :].split(".")[0] not in SEEDED_NUMPY_RANDOM:
                    bad.append(f"{where(path, node.lineno)}: uses {name} (global or unseeded randomness)")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(GAME)))
def test_only_the_ui_imports_pygame(path):
    if layer_of(path) == "ui":
        return
    bad = [f"{where(path, i.line)}: imports {i.module}" for i in imports(path) if top(i.module) in PYGAME]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(GAME)))
def test_only_the_server_imports_the_web_stack(path):
    if layer_of(path) == "server":
        return
    bad = [f"{where(path, i.line)}: imports {i.module}" for i in imports(path) if top(i.module) in WEB_STACK]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(GAME)))
def test_only_the_scenario_package_reads_yaml(path):
    if layer_of(path) == "scenario":
        return
    bad = [f"{where(path, i.line)}: imports {i.module}" for i in imports(path) if top(i.module) == "yaml"]
    assert not bad, "\n".join(bad)


def _tree(root: Path, files: dict[str, str]) -> list[str]:
    """A package on disk under ``root`` from {path: source}; returns the paths (every folder gets its __init__)."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        folder = path.parent
        while folder != root:
            (folder / "__init__.py").touch()
            folder = folder.parent
    return [p.relative_to(root).as_posix() for p in python_files(root / "game")]


def test_the_floor_check_reports_an_upward_import(tmp_path):
    """The test of the test: upward imports injected into a small package, through the same scanner and checker."""
    files = _tree(
        tmp_path,
        {
            "game/engine/model.py": "import numpy\n",
            "game/ai/x.py": "from game.engine import model\ndef f():\n    from game.ui.screens.play import Play\n",
            "game/ai/y.py": "from ..classroom import report\n",
            "game/classroom/report.py": "from game.session import Session\n",
            "game/session.py": "from game.ai import x\n",
            "game/ui/screens/play.py": "import game.server.app\nfrom game.classroom import report\n",
            "game/server/app.py": "from game.session import Session\n",
            "game/cli/main.py": "import game.ui.screens.play\ndef play():\n    from game.ui.screens import play\n",
            "game/files.py": "import os\n",
            "game/dates.py": "from game.ai import x\n",
            "game/scenario/x.py": "from game.dates import y\n",
            "game/sim/z.py": "from game.dates import y\n",
            "game/newthing.py": "",
        },
    )
    problems = floor_problems(internal_edges(tmp_path), files)
    assert any(
        p.startswith("game/ai/x.py:3: ai imports game/ui/screens/play.py (ui, a floor above it)") for p in problems
    )
    assert any(p.startswith("game/ai/y.py:1: ai imports game/classroom/report.py") for p in problems)
    assert any(
        p.startswith("game/ui/screens/play.py:1: ui imports game/server/app.py (server, a floor beside it)")
        for p in problems
    )
    assert any(
        p.startswith("game/cli/main.py:1: cli imports game/ui/screens/play.py (ui) when it is loaded") for p in problems
    )
    assert not any(p.startswith("game/cli/main.py:3") for p in problems)  # the entry point starts the window lazily
    assert any(
        p.startswith("game/dates.py:1: the shared game/dates.py imports game/ai/x.py (ai), above the lowest floor")
        for p in problems
    )
    assert any(p.startswith("game/newthing.py: in no floor") for p in problems)
    # the downward imports are not reported
    for fine in ("game/classroom/report.py", "game/session.py", "game/server/app.py", "game/scenario/x.py"):
        assert not any(p.startswith(fine) for p in problems), fine
    assert len(problems) == 6, "\n".join(problems)


def test_the_circle_check_reports_every_circle_with_its_files(tmp_path):
    _tree(
        tmp_path,
        {
            "game/ai/a.py": "from . import b\n",
            "game/ai/b.py": "def f():\n    from .c import g\n",  # lazy imports close circles too
            "game/ai/c.py": "from game.ai.a import h\n",
            "game/ui/app.py": "from .screens import title\n",
            "game/ui/screens/title.py": "def go():\n    from game.ui import app\n",
            "game/sim/fine.py": "from game.ai import a\n",
        },
    )
    edges = internal_edges(tmp_path)
    cycles = import_cycles(edges)
    assert cycles == [
        ["game/ai/a.py", "game/ai/b.py", "game/ai/c.py"],
        ["game/ui/app.py", "game/ui/screens/title.py"],
    ]
    text = _circle_text(cycles[0], edges)
    assert "game/ai/a.py:1 -> game/ai/b.py:2 -> game/ai/c.py:1 -> game/ai/a.py" in text


def test_a_package_running_its_init_is_no_circle(tmp_path):
    """``from . import theme`` needs ``theme.py``, not the package's ``__init__`` (Python has run it already); a
    name defined in ``__init__`` does need it."""
    _tree(
        tmp_path,
        {
            "game/ui/__init__.py": "from .app import run\n",
            "game/ui/app.py": "from . import theme\nfrom .screens import title\n",
            "game/ui/theme.py": "",
            "game/ui/screens/title.py": "from .. import theme\n",
            "game/cli/main.py": "def play():\n    from game.ui import run\n",
        },
    )
    edges = internal_edges(tmp_path)
    assert import_cycles(edges) == []
    pairs = {(e.source, e.target) for e in edges}
    assert ("game/cli/main.py", "game/ui/__init__.py") in pairs
    assert ("game/ui/screens/title.py", "game/ui/theme.py") in pairs
    assert not any(t == "game/ui/__init__.py" for s, t in pairs if s.startswith("game/ui/"))


def test_the_import_scanner_sees_relative_lazy_and_dynamic_imports(tmp_path):
    """The checks above are only as good as the scanner: it must see every way of importing."""
    resolve = {i.module for i in imports(GAME / "engine" / "resolve.py")}
    assert {"game.engine.dice", "game.engine.events", "numpy"} <= resolve
    fake = tmp_path / "fake.py"
    fake.write_text(
        "import os.path\n"
        "from .. import scenario\n"
        "from ..ui import screens\n"
        "def f():\n"
        "    import pygame\n"
        "    importlib.import_module('yaml')\n"
    )
    found = {i.module: i.lazy for i in imports(fake, module="game.engine.fake")}
    assert {"os.path", "game.scenario", "game.ui", "game.ui.screens", "pygame", "yaml"} <= set(found)
    assert not found["game.ui.screens"] and found["pygame"] and found["yaml"]


def test_importing_everything_but_the_ui_loads_no_pygame():
    """Every module of the package but the window's (and ``__main__``, which runs the game) is imported in a
    fresh interpreter: none may load pygame, and the engine alone loads no yaml or pydantic."""
    code = (
        "import sys, pkgutil, importlib\n"
        "import game.engine\n"
        "engine_only = sorted(m for m in sys.modules if m.split('.')[0] in {'yaml', 'pydantic', 'pygame'})\n"
        "import game\n"
        "names = [m.name for m in pkgutil.walk_packages(game.__path__, 'game.')\n"
        "         if not m.name.startswith('game.ui') and m.name != 'game.__main__']\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'pygame', 'pygame_gui'})\n"
        "print(len(names) > 40, engine_only, loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True [] []"
