"""Safe YAML reading that remembers where every value came from.

PyYAML's loaders throw away positions, stop at the first problem, silently keep the last of two duplicate keys
and happily expand a "billion laughs".  Here the document is only *composed* (a node tree with marks, never
``yaml.load``), and the plain Python data is built from the nodes by hand, so that:

- every value and every mapping key has a 1-based ``(line, column)`` (:class:`Marks`);
- duplicate keys, non-text keys, bare YAML 1.1 booleans (``NO``, ``on``, ``yes``), nesting and alias expansion
  beyond fixed bounds all become :class:`Problem` records, and reading goes on to find the others;
- nothing raises: an unreadable file or broken YAML is a problem too.

Speed: where PyYAML was built with libyaml (the PyPI wheels are), libyaml's C parser turns the text into events
several times faster than the pure-Python scanner, and a small composer here builds the same nodes (same marks,
same tags) from them, for the same builder.  Whatever that path does not settle exactly as the pure-Python loader
would -- any syntax, character or composition error, nesting past ``MAX_DEPTH``, a byte-order mark -- makes the
text be read again by the pure-Python loader, whose messages and scanner-level depth cut-off are the reference.
So a broken or hostile file costs at most one extra pure-Python read, and a good file is fast.

The data is what ``yaml.safe_load`` would give for a clean document.  Where a problem has been reported the data
is a best effort to let validation carry on (a bool key ``NO`` is kept as the text ``'NO'``, a refused value is
``None``); such a document always carries an error, so it can never be mistaken for a good one.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

try:  # PyYAML built with libyaml (the PyPI wheels); a build without it reads everything with pure Python
    from yaml._yaml import CParser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    CParser = None

from game.scenario.problems import Problem, Severity

# Bounds on the work one file may cause.  A real scenario is a few hundred kilobytes, nests about eight levels
# and uses aliases (if at all) for a handful of shared values; these limits are far above that.
MAX_BYTES = 1_000_000
MAX_DEPTH = 50
MAX_ALIAS_NODES = 10_000
# Longer numbers are refused: Python's int() is quadratic on huge digit strings (and YAML 1.1 base-60 ints).
MAX_NUMBER_CHARS = 64

Path = tuple[str | int, ...]
Position = tuple[int, int]

_T = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP = (_T + s for s in ("str", "int", "float", "bool", "null", "timestamp"))
_SEQ, _MAP, _MERGE, _VALUE = (_T + s for s in ("seq", "map", "merge", "value"))
_TYPE_WORDS = {_INT: "an integer", _FLOAT: "a number", _NULL: "null (nothing)", _TIMESTAMP: "a date"}


@dataclass
class Marks:
    """Positions of the values and keys of a document, by path (``("events", 3, "effects", 0)``)."""

    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def value(self, path: Path | list) -> Position:
        """Where the value at ``path`` starts, else where its nearest recorded ancestor starts, else (1, 1)."""
        path = tuple(path)
        for n in range(len(path), -1, -1):
            pos = self.values.get(path[:n])
            if pos is not None:
                return pos
        return (1, 1)

    def key(self, path: Path | list) -> Position:
        """Where the key of the entry at ``path`` is; for a list item or the root, where the value starts.

        Falls back to the nearest ancestor (its key, else its value), then (1, 1).
        """
        path = tuple(path)
        for n in range(len(path), -1, -1):
            pos = self.keys.get(path[:n]) or self.values.get(path[:n])
            if pos is not None:
                return pos
        return (1, 1)


@dataclass
class ParsedYaml:
    """A YAML document as plain data, where each part of it came from, and what was wrong with it."""

    data: Any
    marks: Marks
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


class _Refused(ScalarNode):
    """Stands in for a collection nested too deeply; the composer skipped its events."""


class _AliasNode(Node):
    """An ``*alias`` kept as a node of its own, so that its position and expansion can be accounted for."""

    id = "alias"

    def __init__(self, target: Node, anchor: str, start_mark, end_mark):
        super().__init__(target.tag, target, start_mark, end_mark)
        self.target = target
        self.anchor = anchor


class _NestingError(yaml.MarkedYAMLError):
    pass


class _MarkedLoader(yaml.SafeLoader):
    """Composes only; records bare scalars, keeps aliases visible and cuts off deep nesting."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self._depth = 0

    def fetch_flow_collection_start(self, token_class):
        # PyYAML's scanner is quadratic in flow depth ([[[[...): stop before the work explodes.
        if self.flow_level >= MAX_DEPTH:
            raise _NestingError(None, None, f"nesting deeper than {MAX_DEPTH} levels is refused", self.get_mark())
        super().fetch_flow_collection_start(token_class)

    def add_indent(self, column):
        # Same for block nesting: fail fast on "- - - - ..." rather than compose it and cut it off.
        added = super().add_indent(column)
        if added and len(self.indents) > MAX_DEPTH:
            raise _NestingError(None, None, f"nesting deeper than {MAX_DEPTH} levels is refused", self.get_mark())
        return added

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            event = self.get_event()
            if event.anchor not in self.anchors:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                )
            return _AliasNode(self.anchors[event.anchor], event.anchor, event.start_mark, event.end_mark)
        if not self.check_event(CollectionStartEvent):
            return super().compose_node(parent, index)
        if self._depth >= MAX_DEPTH:
            return self._skip_collection()
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_scalar_node(self, anchor):
        event = self.peek_event()
        node = super().compose_scalar_node(anchor)
        # Only an untagged plain scalar is resolved by its look (``NO`` -> false); ``!!bool no`` is deliberate.
        node.bare = event.tag is None and event.style is None
        return node

    def _skip_collection(self) -> _Refused:
        """Consume a whole too-deep collection without building nodes (no recursion, no memory)."""
        first = self.peek_event()
        node = _Refused(_NULL, "", first.start_mark, first.end_mark)
        level = 0
        while True:
            event = self.get_event()
            if isinstance(event, (CollectionStartEvent, ScalarEvent)) and event.anchor is not None:
                # Later aliases to anything in here then meet the same refusal, not an "undefined alias".
                self.anchors[event.anchor] = node
            if isinstance(event, CollectionStartEvent):
                level += 1
            elif isinstance(event, CollectionEndEvent):
                level -= 1
            if level == 0:
                node.end_mark = event.end_mark
                return node


class _NotForLibyaml(Exception):
    """The libyaml path stops here: the pure-Python loader reads the text and says what it says."""


# The parser tried first; the tests set it to None to run everything through the pure-Python loader as well.
LIBYAML = CParser
_RESOLVE = Resolver().resolve
# Where libyaml reads text that PyYAML refuses or marks otherwise (found by fuzzing both, tests/scenario/
# test_yamlmarks.py): tabs, a byte-order mark (anywhere: libyaml drops it), a comment right after a block scalar's
# indicator (``|#``), tags (``!?!``), directives, and an empty node in flow style (``{? }``).  Such text, rare in a
# scenario, goes to the pure-Python loader.  (libyaml refuses the same characters as PyYAML's reader, and any
# refusal of libyaml's goes there too, for Python's message.)
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][-+0-9]*#")
_SEQ_OR_MAP = {SequenceStartEvent: (SequenceNode, SequenceEndEvent), MappingStartEvent: (MappingNode, MappingEndEvent)}


def _compose_libyaml(text: str) -> Node | None:
    """The node tree of ``text`` as :class:`_MarkedLoader` composes it, from libyaml's events.

    Raises :class:`_NotForLibyaml` wherever the pure-Python loader is to decide.  libyaml parses lazily, event
    by event, so a file nested far too deep is given up after about ``MAX_DEPTH`` levels of it were scanned.
    """
    if "\t" in text or "\ufeff" in text:
        raise _NotForLibyaml
    parser = None
    try:
        parser = LIBYAML(text)
        # Without a final line break libyaml puts what is empty at the very end on a line after the last one.
        last_line = None
        if text and text[-1] not in "\r\n\x85\u2028\u2029":
            last_line = sum(text.count(c) for c in "\n\r\x85\u2028\u2029") - text.count("\r\n")
        return _compose_events(parser.get_event, text, last_line)
    except _NotForLibyaml:
        raise
    except Exception:  # noqa: BLE001 - any complaint of libyaml's is re-read for the pure-Python message
        raise _NotForLibyaml from None
    finally:
        if parser is not None:
            parser.dispose()


def _compose_events(next_event, text: str, last_line: int | None) -> Node | None:
    """What PyYAML's composer (with :class:`_MarkedLoader`'s additions) builds, without its recursion.

    ``last_line``: the 0-based number of the last line of a text that does not end with a line break.
    """
    if type(next_event()) is not StreamStartEvent:
        raise _NotForLibyaml
    event = next_event()
    if type(event) is StreamEndEvent:
        return None
    if type(event) is not DocumentStartEvent or event.version is not None or event.tags:
        raise _NotForLibyaml
    anchors: dict[str, Node] = {}
    stack: list[Node] = []  # the open collections; a mapping's value goes in after its key
    keys: list[Node | None] = []
    flow = 0  # open collections in flow style
    root = None
    while True:
        event = next_event()
        kind = type(event)
        if last_line is not None and event.start_mark.line > last_line:
            raise _NotForLibyaml
        if getattr(event, "tag", None) is not None:
            raise _NotForLibyaml  # an explicit tag (rare, and mostly refused): Python's reading
        if kind is ScalarEvent:
            style = event.style
            if style and style in "|>" and _BLOCK_HEADER_COMMENT.match(text, event.start_mark.index):
                raise _NotForLibyaml
            if not style and not event.value and flow:
                raise _NotForLibyaml  # an empty node in flow style (``{? }``): libyaml marks it elsewhere
            node = ScalarNode(
                _RESOLVE(ScalarNode, event.value, event.implicit), event.value, event.start_mark, event.end_mark
            )
            node.style = style or None  # libyaml's plain style is '', Python's None
            node.bare = not style
        elif kind is AliasEvent:
            if event.anchor not in anchors:
                raise _NotForLibyaml
            node = _AliasNode(anchors[event.anchor], event.anchor, event.start_mark, event.end_mark)
        elif kind in _SEQ_OR_MAP:
            if len(stack) >= MAX_DEPTH:
                raise _NotForLibyaml
            cls = _SEQ_OR_MAP[kind][0]
            node = cls(_RESOLVE(cls, None, event.implicit), [], event.start_mark, None, flow_style=event.flow_style)
            if event.anchor is not None:
                if event.anchor in anchors:
                    raise _NotForLibyaml  # "found duplicate anchor": Python's message
                anchors[event.anchor] = node
            stack.append(node)
            keys.append(None)
            flow += bool(event.flow_style)
            continue
        elif kind is SequenceEndEvent or kind is MappingEndEvent:
            node = stack.pop()
            keys.pop()
            flow -= bool(node.flow_style)
            node.end_mark = event.end_mark
            if type(node) is not _SEQ_OR_MAP[SequenceStartEvent if kind is SequenceEndEvent else MappingStartEvent][0]:
                raise _NotForLibyaml
        else:
            raise _NotForLibyaml
        if kind is ScalarEvent and event.anchor is not None:
            if event.anchor in anchors:
                raise _NotForLibyaml
            anchors[event.anchor] = node
        if not stack:
            root = node
            break
        parent = stack[-1]
        if type(parent) is SequenceNode:
            parent.value.append(node)
        elif keys[-1] is None:
            keys[-1] = node
        else:
            parent.value.append((keys[-1], node))
            keys[-1] = None
    if type(next_event()) is not DocumentEndEvent or type(next_event()) is not StreamEndEvent:
        raise _NotForLibyaml  # a second document: Python's message
    return root


class _AliasBudgetExceeded(Exception):
    pass


def _pos(node: Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def display_text(text: str, limit: int = 40) -> str:
    """``text`` shortened and with line breaks and control characters escaped, to quote it in a one-line message."""
    text = text if len(text) <= limit else text[: limit - 3] + "..."
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii") for ch in text)


_show = display_text


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_T) :] if tag.startswith(_T) else tag


class _Builder:
    """Turns a composed node tree into plain data, recording marks and problems on the way."""

    def __init__(self, filename: str):
        self.filename = filename
        self.marks = Marks()
        self.problems: list[Problem] = []
        self._constructor = SafeConstructor()
        self._alias_level = 0
        self._alias_nodes = 0
        self._alias_refused = False
        self._active: set[int] = set()  # ids of collection nodes being built: an alias to one is recursive

    def report(self, pos: Position, severity: Severity, code: str, message: str) -> None:
        self.problems.append(Problem(self.filename, pos[0], pos[1], severity, code, message))

    def _count(self) -> None:
        if self._alias_level:
            self._alias_nodes += 1
            if self._alias_nodes > MAX_ALIAS_NODES:
                raise _AliasBudgetExceeded

    def build(self, node: Node, path: Path, depth: int, record: bool = True) -> Any:
        if record:
            self.marks.values[path] = _pos(node)
        if isinstance(node, _AliasNode):
            return self._alias(node, path, depth)
        self._count()
        if isinstance(node, _Refused):
            self.report(_pos(node), "error", "E004", f"nesting deeper than {MAX_DEPTH} levels is refused")
            return None
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if depth > MAX_DEPTH:
            # Reachable only through aliases: the composer already cut off deeper text.
            self.report(_pos(node), "error", "E004", f"nesting deeper than {MAX_DEPTH} levels is refused")
            return None
        if node.tag not in (_SEQ, _MAP):
            self.report(_pos(node), "error", "E004", f"the tag {_tag_name(node.tag)} is not allowed; remove it")
        self._active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
            return self._mapping(node, path, depth)
        finally:
            self._active.discard(id(node))

    def _alias(self, node: _AliasNode, path: Path, depth: int) -> Any:
        if id(node.target) in self._active:
            self.report(_pos(node), "error", "E004", f"alias *{node.anchor} refers to something that contains it")
            return None
        if self._alias_level:
            return self.build(node.target, path, depth, record=False)
        self._alias_level += 1
        try:
            return self.build(node.target, path, depth, record=False)
        except _AliasBudgetExceeded:
            if not self._alias_refused:
                # Reported once: every later alias is refused for the same reason, at no cost.
                self._alias_refused = True
                self.report(
                    _pos(node),
                    "error",
                    "E004",
                    f"aliases expand to more than {MAX_ALIAS_NODES:,} values in all; *{node.anchor} here is refused",
                )
            return None
        finally:
            self._alias_level -= 1

    def _scalar(self, node: ScalarNode) -> Any:
        tag, text = node.tag, node.value
        if tag in (_STR, _VALUE):
            return text
        if tag in (_INT, _FLOAT) and len(text) > MAX_NUMBER_CHARS:
            self.report(_pos(node), "error", "E004", f"the number {_show(text)} is too long")
            return text
        if tag not in (_INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP):
            self.report(_pos(node), "error", "E004", f"the tag {_tag_name(tag)} is not allowed; remove it")
            return text
        try:
            value = SafeConstructor.yaml_constructors[tag](self._constructor, node)
        except Exception:  # noqa: BLE001 - PyYAML raises ValueError, KeyError or AttributeError on bad text
            if tag == _TIMESTAMP and getattr(node, "bare", False):
                # It only looks like a date (2022-02-30): keep the text, the schema says what is wrong with it.
                return text
            self.report(_pos(node), "error", "E004", f"'{_show(text)}' cannot be read as {_tag_name(tag)}")
            return text
        if tag == _BOOL and getattr(node, "bare", False) and text.lower() not in ("true", "false"):
            word = "true" if value else "false"
            self.report(
                _pos(node),
                "warning",
                "W303",
                f"bare {text} is read as {word}; quote it: '{text}' (or write {word} if a yes/no is meant)",
            )
        return value

    def _key(self, key_node: Node, path: Path) -> str | None:
        """The text of a key, or None when the entry cannot be kept (a list or mapping as a key)."""
        node = key_node.target if isinstance(key_node, _AliasNode) else key_node
        if not isinstance(node, ScalarNode) or isinstance(node, _Refused):
            self.report(_pos(key_node), "error", "E004", "a key must be text, not a list or a mapping")
            return None
        self._count()
        text = node.value
        if node.tag in (_STR, _VALUE):
            return text
        if node.tag == _BOOL:
            word = "true" if text.lower() in ("yes", "true", "on") else "false"
            what = f"the boolean {word}" if text.lower() != word else "a boolean"
            self.report(_pos(key_node), "error", "E004", f"key {text} is read as {what}, not text; quote it: '{text}'")
        elif node.tag == _NULL:
            self.report(_pos(key_node), "error", "E004", "a key is empty (null); keys must be text")
        else:
            what, shown = _TYPE_WORDS.get(node.tag, _tag_name(node.tag)), _show(text)
            self.report(_pos(key_node), "error", "E004", f"key {shown} reads as {what}; quote it: '{shown}'")
        return text

    def _mapping(self, node: MappingNode, path: Path, depth: int) -> dict:
        result: dict[str, Any] = {}
        merges = []
        entries = []
        for key_node, value_node in node.value:
            target = key_node.target if isinstance(key_node, _AliasNode) else key_node
            if isinstance(target, ScalarNode) and target.tag == _MERGE:
                merges.append(value_node)
            else:
                entries.append((key_node, value_node))
        for value_node in merges:
            self._merge(value_node, path, depth, result)
        first: dict[str, Position] = {}
        for key_node, value_node in entries:
            key = self._key(key_node, path)
            if key is None:
                continue
            pos = _pos(key_node)
            if key in first:
                self.report(pos, "error", "E003", f"duplicate key '{_show(key)}' (first at line {first[key][0]})")
            else:
                first[key] = pos
            self.marks.keys[path + (key,)] = pos
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result

    def _merge(self, value_node: Node, path: Path, depth: int, result: dict) -> None:
        """``<<: *base`` or ``<<: [*a, *b]``: copy entries in, the earlier source winning, as SafeLoader does."""
        source = value_node.target if isinstance(value_node, _AliasNode) else value_node
        sources = source.value if isinstance(source, SequenceNode) else [value_node]
        merged: dict[str, Any] = {}
        for item in reversed(sources):
            target = item.target if isinstance(item, _AliasNode) else item
            if not isinstance(target, MappingNode):
                self.report(_pos(item), "error", "E004", "'<<' must be followed by a mapping or a list of mappings")
                continue
            value = self.build(item, path, depth, record=False)
            if isinstance(value, dict):
                merged.update(value)
        result.update(merged)


def _syntax_problem(exc: yaml.YAMLError, text: str, filename: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        pos = exc.position
        line = text.count("\n", 0, pos) + 1
        column = pos - (text.rfind("\n", 0, pos) + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        return Problem(filename, line, column, "error", "E002", f"the character U+{char:04X} is not allowed in YAML")
    if isinstance(exc, _NestingError):
        mark = exc.problem_mark
        return Problem(filename, mark.line + 1, mark.column + 1, "error", "E004", exc.problem)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        message = exc.problem or exc.context or "cannot be read"
        if exc.context and exc.problem:
            where = ""
            if exc.context_mark is not None:
                where = f" at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
            message = f"{exc.problem} ({exc.context}{where})"
        if "'\\t'" in message:
            message += "; indent with spaces, not tabs"
        return Problem(filename, line, column, "error", "E002", "YAML syntax error: " + " ".join(message.split()))
    return Problem(filename, 1, 1, "error", "E002", "YAML syntax error: " + " ".join(str(exc).split()))


def parse_yaml(text: str, filename: str) -> ParsedYaml:
    """Read one YAML document from ``text``; never raises.  ``filename`` is what problems are reported against."""
    size = len(text) if len(text) > MAX_BYTES else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        return ParsedYaml(
            None, Marks(), [Problem(filename, 1, 1, "error", "E001", f"the file is larger than 1 MB ({size:,} bytes)")]
        )
    try:
        if LIBYAML is None:
            raise _NotForLibyaml
        root = _compose_libyaml(text)
    except _NotForLibyaml:
        loader = None
        try:
            loader = _MarkedLoader(text)  # the reader checks for unprintable characters here already
            root = loader.get_single_node()
        except yaml.YAMLError as exc:
            return ParsedYaml(None, Marks(), [_syntax_problem(exc, text, filename)])
        finally:
            if loader is not None:
                loader.dispose()
    if root is None:
        return ParsedYaml(None, Marks(), [])
    builder = _Builder(filename)
    data = builder.build(root, (), 1)
    problems = sorted(set(builder.problems), key=lambda p: (p.line, p.column, p.severity, p.code, p.message))
    return ParsedYaml(data, builder.marks, problems)


def _undecodable(raw: bytes, exc: UnicodeDecodeError, filename: str) -> Problem:
    start = exc.start
    line_start = raw.rfind(b"\n", 0, start) + 1
    line = raw.count(b"\n", 0, start) + 1
    column = len(raw[line_start:start].decode("utf-8", "replace")) + 1
    return Problem(
        filename,
        line,
        column,
        "error",
        "E001",
        f"the file is not UTF-8 (byte 0x{raw[start]:02X} at offset {start}); save it as UTF-8",
    )


def read_yaml_file(path: str | os.PathLike) -> ParsedYaml:
    """Read and parse a YAML file; an unreadable file is an ``E001`` problem, never an exception."""
    filename = os.fspath(path) if isinstance(path, os.PathLike) else str(path)

    def fail(message: str) -> ParsedYaml:
        return ParsedYaml(None, Marks(), [Problem(filename, 1, 1, "error", "E001", message)])

    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return fail("this is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            return fail("this is not a regular file")
        with open(FsPath(path), "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return fail("no such file")
    except IsADirectoryError:
        return fail("this is a directory, not a file")
    except PermissionError:
        return fail("permission denied")
    except OSError as exc:
        return fail(f"cannot read the file: {exc.strerror or exc.__class__.__name__}")
    except ValueError:
        return fail("not a valid file name")
    if len(raw) > MAX_BYTES:
        return fail(f"the file is larger than 1 MB ({max(info.st_size, len(raw)):,} bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ParsedYaml(None, Marks(), [_undecodable(raw, exc, filename)])
    return parse_yaml(text, filename)
