"""``extends:``: a scenario that inherits from another and overrides a few of its parts.

The chain of files is merged as plain data *before* validation, so the merged document goes through exactly the
same schema and cross-reference checks as a single file.  The merge rules (also in docs/scenario-format.md):

- mappings merge key by key, recursively: the child's value wins, the parent's other keys are kept, new keys
  are added after the parent's (so a new country comes after the inherited ones);
- any other value, lists included, is replaced whole by the child's;
- except the top-level ``events`` list, which merges by ``id``: a child event with the id of a parent event
  replaces it in place, ``{id: x, remove: true}`` deletes it, any other child event is added at the end.

Every value keeps the position it had in the file it came from.  Positions of the chain's files share one
:class:`Marks` by numbering lines per file: line ``n`` of the ``i``-th file of the chain is stored as
``i * LINE_STRIDE + n``, so the validators (which only know one file) report positions that
:meth:`Document.problem` and :meth:`Document.relocate` turn back into the right file and line.  The top file
is number 0, so a scenario without ``extends`` is reported exactly as before.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .problems import Problem, Severity, did_you_mean
from .yamlmarks import Marks, ParsedYaml, Position, display_text, read_yaml_file

__all__ = ["LINE_STRIDE", "MAX_CHAIN", "Document", "find_parent", "merge", "read_document"]

LINE_STRIDE = 10_000_000  # far above the lines a file within yamlmarks.MAX_BYTES can have
MAX_CHAIN = 8  # a variant of a variant of ...: deeper than this is surely a mistake

DataPath = tuple[str | int, ...]


@dataclass
class Document:
    """A scenario's data with its ``extends`` chain merged in, and where every value came from."""

    files: list[str]
    data: Any = None
    marks: Marks = field(default_factory=Marks)
    problems: list[Problem] = field(default_factory=list)
    complete: bool = True  # False: the chain could not be followed; the data is not worth validating

    @property
    def filename(self) -> str:
        return self.files[0]

    def locate(self, pos: Position) -> tuple[str, int, int]:
        """The file, line and column of a (possibly file-numbered) position."""
        index, line = divmod(pos[0], LINE_STRIDE)
        if not 0 <= index < len(self.files):
            index, line = 0, pos[0]
        return self.files[index], line, pos[1]

    def problem(self, pos: Position, severity: Severity, code: str, message: str) -> Problem:
        file, line, column = self.locate(pos)
        return Problem(file, line, column, severity, code, message)

    def relocate(self, problem: Problem) -> Problem:
        """A problem of the merged data, reported against the top file at a file-numbered line, moved to the
        file the value comes from (with a word on where to change it)."""
        if problem.file != self.filename or problem.line < LINE_STRIDE:
            return problem
        return self.inherited((problem.line, problem.column), problem.severity, problem.code, problem.message)

    def inherited(self, pos: Position, severity: Severity, code: str, message: str) -> Problem:
        """A problem of the merged data at ``pos``; if the value is inherited, the message says where to act."""
        found = self.problem(pos, severity, code, message)
        if found.file != self.filename:
            found = replace(found, message=f"{message} (inherited by {Path(self.filename).name}: change it there)")
        return found

    def parsed(self) -> ParsedYaml:
        """The merged data as if it were one parsed file (its own problems are kept apart, in ``problems``)."""
        return ParsedYaml(self.data, self.marks, [])

    def order(self, problem: Problem) -> tuple:
        """Sort key: the top file first, then its parents in chain order; by line and column in each."""
        index = self.files.index(problem.file) if problem.file in self.files else len(self.files)
        return (index, problem.file, problem.line, problem.column, problem.severity, problem.code, problem.message)


def _numbered(marks: Marks, index: int) -> Marks:
    if index == 0:
        return marks
    shift = index * LINE_STRIDE
    return Marks(
        values={p: (line + shift, col) for p, (line, col) in marks.values.items()},
        keys={p: (line + shift, col) for p, (line, col) in marks.keys.items()},
    )


def find_parent(ref: str, child_dir: Path, bundled: Sequence[Path]) -> Path | None:
    """The file ``extends: ref`` names: a path relative to the child's folder (``.yaml`` may be left out),
    else a bundled scenario of that name."""
    candidates = [child_dir / ref]
    if not ref.endswith((".yaml", ".yml")):
        candidates.append(child_dir / (ref + ".yaml"))
    for candidate in candidates:
        try:
            if candidate.is_file():
                return candidate
        except (OSError, ValueError):  # a name the file system refuses (too long, a NUL byte)
            continue
    stem = ref[: -len(".yaml")] if ref.endswith(".yaml") else ref
    if "/" not in stem and "\\" not in stem:
        for path in bundled:
            if path.stem == stem:
                return path
    return None


def _real(path: Path) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return os.path.abspath(path)


def read_document(path: str | os.PathLike, bundled: Callable[[], Sequence[Path]] = lambda: ()) -> Document:
    """Read a scenario file and, through ``extends``, every file it inherits from; merge them.  Never raises.

    ``bundled`` lists the bundled scenario files (for ``extends: flood_the_zone``).
    """
    doc = Document(files=[])

    def load(file: Path, chain: tuple[str, ...]) -> tuple[Any, Marks] | None:
        index = len(doc.files)
        doc.files.append(os.fspath(file))
        parsed = read_yaml_file(file)
        doc.problems.extend(parsed.problems)
        if any(p.code == "E001" for p in parsed.problems):
            return None
        data, marks = parsed.data, _numbered(parsed.marks, index)
        if not isinstance(data, dict) or "extends" not in data or data["extends"] is None:
            return data, marks
        ref = data["extends"]
        where = marks.value(("extends",))

        def fail(message: str) -> None:
            doc.problems.append(doc.problem(where, "error", "E005", message))

        if not isinstance(ref, str) or not ref.strip():
            fail("extends: expected the name of a bundled scenario or a path to a scenario file")
            return None
        shown = display_text(ref)
        names = [p.stem for p in bundled()]
        parent = find_parent(ref, file.parent, bundled())
        if parent is None:
            hint = did_you_mean(ref, names) or (f" (bundled scenarios: {', '.join(names)})" if names else "")
            fail(f"extends: no scenario '{shown}' next to this file nor among the bundled scenarios{hint}")
            return None
        real = _real(parent)
        if real in chain:
            loop = " -> ".join([Path(p).name for p in chain[chain.index(real) :]] + [Path(real).name])
            fail(f"extends: '{shown}' leads back to a file that extends it (a loop: {loop})")
            return None
        if len(chain) > MAX_CHAIN:
            fail(f"extends: more than {MAX_CHAIN} scenarios extend one another; is there a loop?")
            return None
        before = len(doc.problems)
        inherited = load(parent, chain + (real,))
        own = [p for p in doc.problems[before:] if p.file == os.fspath(parent) and p.severity == "error"]
        if inherited is None:
            if any(p.code == "E001" for p in own):
                fail(f"extends: '{shown}' ({os.fspath(parent)}) cannot be read: {own[0].message}")
            else:
                fail(f"extends: '{shown}' ({os.fspath(parent)}) cannot be used: its own extends fails (see there)")
            return None
        if not isinstance(inherited[0], dict):
            if own:
                what = "has errors that stop it from being read (listed with its name)"
            elif inherited[0] is None:
                what = "is empty"
            else:
                what = "is not a scenario (its top level is not a mapping of fields)"
            fail(f"extends: '{shown}' ({os.fspath(parent)}) {what}")
            return None
        return merge(inherited[0], inherited[1], data, marks, _Reporter(doc))

    top = Path(os.fspath(path))
    loaded = load(top, (_real(top),))
    if loaded is None:
        doc.complete = False
    else:
        doc.data, doc.marks = loaded
    return doc


class _Reporter:
    def __init__(self, doc: Document):
        self.doc = doc

    def __call__(self, pos: Position, severity: Severity, code: str, message: str) -> None:
        self.doc.problems.append(self.doc.problem(pos, severity, code, message))


# --------------------------------------------------------------------------------------------- merging


def _copy_marks(value: Any, src: Marks, src_path: DataPath, out: Marks, dst_path: DataPath) -> None:
    """Carry the marks of ``value`` (at ``src_path`` in ``src``) over to ``dst_path`` in ``out``."""
    stack = [(value, src_path, dst_path)]
    while stack:
        node, s, d = stack.pop()
        pos = src.values.get(s)
        if pos is not None:
            out.values[d] = pos
        key = src.keys.get(s)
        if key is not None:
            out.keys[d] = key
        if isinstance(node, dict):
            stack.extend((v, s + (k,), d + (k,)) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend((v, s + (i,), d + (i,)) for i, v in enumerate(node))


def merge(
    parent: Any,
    parent_marks: Marks,
    child: Any,
    child_marks: Marks,
    report: Callable[[Position, Severity, str, str], None],
) -> tuple[Any, Marks]:
    """Merge a child document over its parent; return the data and the marks of where each value came from."""
    out = Marks()
    data = _merge(parent, parent_marks, child, child_marks, (), out, report)
    return data, out


def _merge(parent, pm: Marks, child, cm: Marks, path: DataPath, out: Marks, report) -> Any:
    if not (isinstance(parent, dict) and isinstance(child, dict)):
        if path == ("events",) and isinstance(parent, list) and isinstance(child, list):
            return _merge_events(parent, pm, child, cm, out, report)
        _copy_marks(child, cm, path, out, path)
        return child
    for table in ("values", "keys"):
        pos = getattr(cm, table).get(path)
        if pos is not None:
            getattr(out, table)[path] = pos
    result: dict[str, Any] = {}
    for key, value in parent.items():
        sub = path + (key,)
        if key in child:
            result[key] = _merge(value, pm, child[key], cm, sub, out, report)
        else:
            _copy_marks(value, pm, sub, out, sub)
            result[key] = value
    for key, value in child.items():
        if key not in parent:
            _copy_marks(value, cm, path + (key,), out, path + (key,))
            result[key] = value
    return result


def _event_id(item: Any) -> str | None:
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return item["id"]
    return None


def _merge_events(parent: list, pm: Marks, child: list, cm: Marks, out: Marks, report) -> list:
    base = ("events",)
    for table in ("values", "keys"):
        pos = getattr(cm, table).get(base)
        if pos is not None:
            getattr(out, table)[base] = pos
    slots: list[tuple[Marks, int, Any] | None] = [(pm, i, item) for i, item in enumerate(parent)]
    where: dict[str, int] = {}
    for i, item in enumerate(parent):
        ident = _event_id(item)
        if ident is not None:
            where.setdefault(ident, i)
    removed: dict[str, Position] = {}
    replaced: set[str] = set()
    for j, item in enumerate(child):
        ident = _event_id(item)
        if isinstance(item, dict) and "remove" in item:
            at = cm.value(base + (j, "remove"))
            if item["remove"] is not True:
                report(
                    at,
                    "error",
                    "E103",
                    f"events[{j}].remove: only 'remove: true' is allowed (it deletes the "
                    "inherited event of this id); leave the key out otherwise",
                )
                continue
            if ident is None:
                report(
                    cm.value(base + (j,)),
                    "error",
                    "E101",
                    f"events[{j}]: 'remove: true' needs the id of the inherited event to delete",
                )
                continue
            extra = sorted(k for k in item if k not in ("id", "remove"))
            if extra:
                report(
                    cm.key(base + (j, extra[0])),
                    "error",
                    "E203",
                    f"event '{display_text(ident)}' is removed, "
                    f"so '{display_text(extra[0])}' does nothing; keep only id and remove",
                )
            if ident in removed:
                report(
                    at,
                    "error",
                    "E203",
                    f"event '{display_text(ident)}' is already removed (line {removed[ident][0] % LINE_STRIDE})",
                )
            elif ident in where and ident not in replaced:
                slots[where[ident]] = None
                removed[ident] = cm.value(base + (j,))
            else:
                known = [e for e in where if e not in removed and e not in replaced]
                report(
                    cm.value(base + (j, "id")),
                    "error",
                    "E201",
                    f"no inherited event '{display_text(ident)}' to remove{did_you_mean(ident, known)}",
                )
            continue
        if ident is not None and ident in where and ident not in removed and ident not in replaced:
            slots[where[ident]] = (cm, j, item)
            replaced.add(ident)  # a second child event with this id is added, and the duplicate-id check reports it
        else:
            slots.append((cm, j, item))
    result = []
    for slot in slots:
        if slot is None:
            continue
        marks, index, item = slot
        _copy_marks(item, marks, base + (index,), out, base + (len(result),))
        result.append(item)
    return result
