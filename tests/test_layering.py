"""Import layering, checked statically over every file of the ``game`` package and once at run time.

    engine  <-  scenario  <-  ai  <-  sim  <-  session  <-  cli / ui

* ``game/engine``: standard library and numpy only; no other ``game`` package; no global randomness, no
  clock, no file I/O.
* ``game/scenario`` alone reads YAML; ``game/ui`` alone imports pygame / pygame_gui.
* ``game/ai`` and ``game/sim`` import neither pygame nor yaml.
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
LAYERS = ["engine", "scenario", "ai", "sim", "session", "cli", "ui"]  # each may import only those before it
SHARED = {"game", "game.assets", "game.worldmap"}  # helpers outside the layering (never for the engine)

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


def python_files(folder: Path = GAME) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def layer_of(path: Path) -> str:
    """'engine', 'scenario', ... or 'session'; '' for the shared helpers and the package root."""
    rel = path.relative_to(GAME).with_suffix("")
    return rel.parts[0] if rel.parts[0] in LAYERS else ""


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def imports(path: Path, module: str | None = None) -> list[Import]:
    """Every module the file imports, anywhere in it (also inside functions), relative ones resolved; a
    ``from package import name`` also counts ``package.name`` (it may be a submodule).  ``module`` is the
    file's dotted name (default: from its place under the repository)."""
    package = (module or module_name(path)).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    out: list[Import] = []
    for node in ast.walk(parse(path)):
        if isinstance(node, ast.Import):
            out.extend(Import(alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            out.append(Import(module, node.lineno))
            out.extend(Import(f"{module}.{alias.name}", node.lineno) for alias in node.names if alias.name != "*")
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
                out.append(Import(literal.value, node.lineno))
    return out


def top(module: str) -> str:
    return module.split(".")[0]


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


ALL_FILES = python_files()
ENGINE_FILES = python_files(GAME / "engine")


def test_the_package_has_the_expected_layers():
    assert len(ENGINE_FILES) >= 5
    for layer in ("engine", "scenario", "ai", "sim"):
        assert (GAME / layer / "__init__.py").is_file(), layer
    assert (GAME / "session.py").is_file()


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
def test_only_the_scenario_package_reads_yaml(path):
    if layer_of(path) == "scenario":
        return
    bad = [f"{where(path, i.line)}: imports {i.module}" for i in imports(path) if top(i.module) == "yaml"]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: str(p.relative_to(GAME)))
def test_layers_import_only_the_layers_below_them(path):
    layer = layer_of(path)
    if not layer:
        return
    allowed = LAYERS[: LAYERS.index(layer) + 1]
    bad = []
    for imp in imports(path):
        if top(imp.module) != "game" or imp.module in SHARED or any(imp.module.startswith(s + ".") for s in SHARED):
            continue
        target = imp.module.split(".")[1]
        if target in LAYERS and target not in allowed:
            bad.append(f"{where(path, imp.line)}: {layer} imports {imp.module}")
    assert not bad, "\n".join(bad)


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
    found = {i.module for i in imports(fake, module="game.engine.fake")}
    assert {"os.path", "game.scenario", "game.ui", "game.ui.screens", "pygame", "yaml"} <= found


def test_importing_everything_but_the_ui_loads_no_pygame():
    code = (
        "import sys\n"
        "import game.engine\n"
        "engine_only = sorted(m for m in sys.modules if m.split('.')[0] in {'yaml', 'pydantic', 'pygame'})\n"
        "import game.engine, game.scenario, game.sim, game.ai, game.session\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'pygame', 'pygame_gui'})\n"
        "print(engine_only, loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[] []"
