"""Check a parsed scenario against the pydantic models and say, for an author, what is wrong and where.

Every pydantic error becomes a :class:`Problem` at the mark of the value (or key) it concerns.  Messages are
written from the models themselves (types, bounds, patterns, literal choices), not copied from pydantic:
``calendar.weeks: expected an integer from 1 to 60, got 'twelve'``.
"""

from __future__ import annotations

import datetime as dt
import os
import types
import typing
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from game.scenario.models import Scenario
from game.scenario.problems import Problem, ScenarioError, did_you_mean
from game.scenario.yamlmarks import Marks, ParsedYaml, Path, display_text, parse_yaml, read_yaml_file

__all__ = ["check_file", "check_text", "describe_path", "load_document", "validate_document"]

# Known string patterns of the models, in words.  An unknown pattern is shown as it is.
_PATTERN_WORDS = {
    r"^[A-Z]{3}$": "a three-letter code in capitals, like USA",
    r"^[a-z][a-z0-9_]*$": "an identifier (lower-case letters, digits and underscores, starting with a letter)",
    r"^[A-Za-z0-9_]+$": "a name of letters, digits and underscores",
}
_CONSTRAINTS = ("gt", "ge", "lt", "le", "min_length", "max_length", "pattern")


@dataclass
class _Shape:
    """A type from the models with its constraints gathered from ``Annotated``/``Field`` metadata."""

    tp: Any
    constraints: dict[str, Any] = field(default_factory=dict)
    nullable: bool = False


def _gather(metadata: typing.Iterable[Any], into: dict[str, Any]) -> None:
    for item in metadata:
        inner = getattr(item, "metadata", None)
        if isinstance(inner, list):  # a FieldInfo inside Annotated[...]
            _gather(inner, into)
        for name in _CONSTRAINTS:
            value = getattr(item, name, None)
            if value is not None and not callable(value):
                into[name] = value


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def _shape(tp: Any, metadata: typing.Iterable[Any] = ()) -> _Shape:
    constraints: dict[str, Any] = {}
    _gather(metadata, constraints)
    nullable = False
    while True:
        if get_origin(tp) is Annotated:
            base, *extra = get_args(tp)
            _gather(extra, constraints)
            tp = base
        elif _is_union(tp):
            members = [a for a in get_args(tp) if a is not type(None)]
            nullable = nullable or len(members) < len(get_args(tp))
            if len(members) != 1:
                tp = Union[tuple(members)]  # noqa: UP007 - built from a runtime tuple
                break
            tp = members[0]
        else:
            break
    return _Shape(tp, constraints, nullable)


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _step(shape: _Shape, elem: str | int) -> tuple[_Shape | None, _Shape | None]:
    """The shape one path element below ``shape``, and the key shape if it was a dict entry."""
    tp = shape.tp
    if _is_union(tp):
        wanted = list if isinstance(elem, int) else dict
        for member in get_args(tp):
            member_shape = _shape(member)
            origin = get_origin(member_shape.tp) or member_shape.tp
            if origin is wanted or (wanted is dict and _is_model(member_shape.tp)):
                return _step(member_shape, elem)
        return None, None
    if _is_model(tp):
        info = tp.model_fields.get(elem) if isinstance(elem, str) else None
        return (_shape(info.annotation, info.metadata), None) if info is not None else (None, None)
    origin, args = get_origin(tp), get_args(tp)
    if origin is dict and len(args) == 2 and isinstance(elem, str):
        return _shape(args[1]), _shape(args[0])
    if origin is list and args and isinstance(elem, int):
        return _shape(args[0]), None
    return None, None


def _shape_at(path: Path) -> tuple[_Shape | None, _Shape | None]:
    shape: _Shape | None = _Shape(Scenario)
    key: _Shape | None = None
    for elem in path:
        if shape is None:
            return None, None
        shape, key = _step(shape, elem)
    return shape, key


def _num(x: Any) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def _range(c: dict[str, Any]) -> str:
    low = f"at least {_num(c['ge'])}" if "ge" in c else f"greater than {_num(c['gt'])}" if "gt" in c else ""
    high = f"at most {_num(c['le'])}" if "le" in c else f"less than {_num(c['lt'])}" if "lt" in c else ""
    if "ge" in c and "le" in c:
        return f" from {_num(c['ge'])} to {_num(c['le'])}"
    return " " + " and ".join(p for p in (low, high) if p) if low or high else ""


def _length(c: dict[str, Any], unit: str) -> str:
    low, high = c.get("min_length"), c.get("max_length")
    if low and high:
        return f" of {low} to {high} {unit}s"
    if low:
        return f" of at least {low} {unit}{'s' if low != 1 else ''}"
    if high:
        return f" of at most {high} {unit}s"
    return ""


def _literal(value: Any) -> str:
    return f"'{value}'" if isinstance(value, str) else _num(value)


def _plural(shape: _Shape) -> str:
    tp = shape.tp
    if tp is str:
        return "codes like USA" if shape.constraints.get("pattern") == r"^[A-Z]{3}$" else "text"
    if _is_model(tp) or get_origin(tp) is dict or tp is dict:
        return "mappings"
    return {int: "integers", float: "numbers", bool: "true/false values", dt.date: "dates"}.get(tp, "values")


def describe(shape: _Shape) -> str:
    """What a value of this shape looks like, in words for a scenario author."""
    tp, c = shape.tp, shape.constraints
    origin = get_origin(tp)
    if _is_model(tp):
        names = [name for name, info in tp.model_fields.items() if info.is_required()] or list(tp.model_fields)
        shown = ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")
        text = f"a mapping with the fields {shown}"
    elif origin is Literal:
        values = get_args(tp)
        text = _literal(values[0]) if len(values) == 1 else "one of " + ", ".join(_literal(v) for v in values)
    elif tp is bool:
        text = "true or false"
    elif tp is int:
        text = "an integer" + _range(c)
    elif tp is float:
        text = "a number" + _range(c)
    elif tp is str:
        pattern = c.get("pattern")
        if pattern is not None:
            text = _PATTERN_WORDS.get(pattern, f"text matching the pattern {pattern}")
        else:
            text = "text" + _length(c, "character")
    elif tp is dt.date:
        text = "a date like 2022-01-03"
    elif origin is list:
        args = get_args(tp)
        item = f" of {_plural(_shape(args[0]))}" if args else ""
        if c.get("min_length") == 1 and not c.get("max_length"):
            text = "a non-empty list" + item
        else:
            text = "a list" + item + _length(c, "item").replace(" of", " with", 1)
    elif origin is dict or tp is dict:
        text = "a mapping" + (" with at least one entry" if c.get("min_length") else "")
    elif _is_union(tp):
        text = " or ".join(describe(_shape(m)) for m in get_args(tp))
    else:
        text = "a value of another kind"
    return text + (", or null" if shape.nullable else "")


def describe_path(path: Path) -> str | None:
    """What the models expect at a document path, in words; None if the path is not in the models."""
    shape, _ = _shape_at(tuple(path))
    return describe(shape) if shape is not None else None


def dotted(path: Path) -> str:
    """``("events", 3, "effects", 0)`` -> ``events[3].effects[0]``."""
    text = ""
    for elem in path:
        name = display_text(str(elem))
        text += f"[{elem}]" if isinstance(elem, int) else (f".{name}" if text else name)
    return text or "the top level"


def _got(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        text = repr(value)
        return text if len(text) <= 40 else text[:37] + "..."
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + display_text(value) + "'"
    if isinstance(value, list):
        return "an empty list" if not value else "a list"
    if isinstance(value, dict):
        return "an empty mapping" if not value else "a mapping"
    return f"a {type(value).__name__}"


def _doc_path(data: Any, loc: tuple) -> tuple[Path, bool]:
    """Map a pydantic ``loc`` onto the document: keep the elements that exist in the data.

    Others are union member tags (``'str'``, ``'list[str]'``), the name of a missing field, or ``'[key]'``
    (the error is about the key of the last element, not its value).
    """
    node, path, key_mode = data, [], False
    for elem in loc:
        if elem == "[key]":
            key_mode = True
            continue
        in_dict = isinstance(node, dict) and isinstance(elem, str) and elem in node
        in_list = isinstance(node, list) and type(elem) is int and 0 <= elem < len(node)
        if in_dict or in_list:
            path.append(elem)
            node = node[elem]
    return tuple(path), key_mode


def _members(tp: Any) -> list[Any]:
    """The types a value may have: the members of a union (each unwrapped), else the type itself."""
    return [_shape(a).tp for a in get_args(tp)] if _is_union(tp) else [tp]


def _fields_of(path: Path) -> list[str]:
    shape, _ = _shape_at(path)
    if shape is None:
        return []
    return [name for tp in _members(shape.tp) if _is_model(tp) for name in tp.model_fields]


def _literal_choices(tp: Any) -> list[str]:
    """The literal values a value may take, also among the members of a union (``add_order`` or a mapping)."""
    return [str(v) for member in _members(tp) if get_origin(member) is Literal for v in get_args(member)]


def _type_message(error: dict, path: Path, key_mode: bool) -> str:
    shape, key_shape = _shape_at(path)
    target = key_shape if key_mode else shape
    ctx = error.get("ctx") or {}
    if target is not None:
        expected = describe(target)
    elif error["type"] == "literal_error" and "expected" in ctx:
        expected = "one of " + str(ctx["expected"])
    else:
        expected = error.get("msg", "a different value").lower()
    value = error.get("input")
    extra = ""
    choices = _literal_choices(target.tp) if target is not None else []
    if isinstance(value, str) and choices:
        extra = did_you_mean(value, choices)
    elif error["type"].startswith("date") and isinstance(ctx.get("error"), str):
        extra = f" ({ctx['error']})"
    if path == ("format",) and value == 1:
        extra = (
            " (format 1 put the ladder under commitments.thresholds and points: write it as commitments.rungs, "
            "a country's `closed` as `thresholds: {rung: null}`, `energy_producer` as the rung's `open_to`; "
            "see docs/scenario-format.md)"
        )
    if key_mode:
        parent = dotted(path[:-1])
        return f"{parent}: the key {_got(path[-1] if path else value)} is not {expected}{extra}"
    return f"{dotted(path)}: expected {expected}, got {_got(value)}{extra}"


def _problems_from(exc: ValidationError, data: Any, marks: Marks, filename: str) -> list[Problem]:
    found: list[tuple[Path, bool, str, tuple[int, int], str]] = []
    for error in exc.errors(include_url=False):
        loc = tuple(error.get("loc", ()))
        path, key_mode = _doc_path(data, loc)
        kind = error.get("type", "")
        if kind == "missing":
            name = str(loc[-1]) if loc else "?"
            where = f"in {dotted(path)}" if path else "at the top level"
            shape, _ = _step(_shape_at(path)[0] or _Shape(None), name) if loc else (None, None)
            hint = ""
            if shape is not None and not (_is_model(shape.tp) or get_origin(shape.tp) in (list, dict)):
                hint = f" ({describe(shape)})"
            found.append((path, False, "E101", marks.key(path), f"missing field '{name}' {where}{hint}"))
        elif kind == "extra_forbidden":
            name = str(path[-1]) if path else str(loc[-1] if loc else "?")
            parent = path[:-1]
            where = f"in {dotted(parent)}" if parent else "at the top level"
            suggestion = did_you_mean(name, _fields_of(parent))
            message = f"unknown field '{display_text(name)}' {where}{suggestion}"
            found.append((path, True, "E102", marks.key(path), message))
        else:
            position = marks.key(path) if key_mode else marks.value(path)
            found.append((path, key_mode, "E103", position, _type_message(error, path, key_mode)))
    # A union reports every member's failure; when one member got further into the value (its errors lie
    # deeper), the other members' "wrong type" at the outer path is noise.
    problems = []
    seen_type_errors: set[tuple[Path, bool]] = set()
    for path, key_mode, code, (line, column), message in found:
        if code == "E103":
            deeper = any(len(other) > len(path) and other[: len(path)] == path for other, *_ in found)
            if (deeper and not key_mode) or (path, key_mode) in seen_type_errors:
                continue
            seen_type_errors.add((path, key_mode))
        problems.append(Problem(filename, line, column, "error", code, message))
    return problems


def _ordered(problems: typing.Iterable[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.line, p.column, p.severity, p.code, p.message))


def validate_document(parsed: ParsedYaml, filename: str) -> tuple[Scenario | None, list[Problem]]:
    """Validate parsed YAML against the scenario models.

    Returns the scenario (None if there is any error) and ALL the problems of the document: those found while
    reading the YAML (``parsed.problems``) and those of the schema, deduplicated and sorted by line and column.
    """
    problems = list(parsed.problems)
    data = parsed.data
    if data is None and any(p.severity == "error" for p in problems):
        return None, _ordered(problems)
    if not isinstance(data, dict):
        what = "the file is empty" if data is None else f"the top of the file is {_got(data)}"
        message = f"{what}; a scenario is a mapping of fields (format, id, title, calendar, countries, ...)"
        problems.append(Problem(filename, 1, 1, "error", "E103", message))
        return None, _ordered(problems)
    scenario: Scenario | None = None
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        problems.extend(_problems_from(exc, data, parsed.marks, filename))
    problems = _ordered(problems)
    if any(p.severity == "error" for p in problems):
        scenario = None
    return scenario, problems


def check_text(text: str, filename: str = "<text>") -> tuple[Scenario | None, list[Problem], ParsedYaml]:
    """Parse and validate YAML text."""
    parsed = parse_yaml(text, filename)
    scenario, problems = validate_document(parsed, filename)
    return scenario, problems, parsed


def check_file(path: str | os.PathLike) -> tuple[Scenario | None, list[Problem], ParsedYaml | None]:
    """Read, parse and validate a scenario file; never raises.

    The ParsedYaml is None when the file could not be read at all (E001), so there is no document to point into.
    """
    filename = os.fspath(path)
    parsed = read_yaml_file(path)
    if any(p.code == "E001" for p in parsed.problems):
        return None, list(parsed.problems), None
    scenario, problems = validate_document(parsed, filename)
    return scenario, problems, parsed


def load_document(path: str | os.PathLike) -> Scenario:
    """The scenario document in ``path``; raises :class:`ScenarioError` listing every problem if it has errors.

    This checks the file against the models only; references between its parts are checked elsewhere.
    """
    scenario, problems, _ = check_file(path)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario
