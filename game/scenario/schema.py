"""The JSON Schema of scenario files, for editors: generated from the models and the event registries.

    python -m game.scenario.schema            # print it
    python -m game.scenario.schema --write    # write scenarios/scenario.schema.json
    python -m game.scenario.schema --check    # exit 1 if that file is stale

A scenario file names it in its first line, ``# yaml-language-server: $schema=scenario.schema.json``, and an
editor with a YAML language server (VS Code's YAML extension, for one) then completes field names, shows each
field's description and flags mistakes as you type.  The validator (``python -m game validate``) stays the
authority: it also checks what a schema cannot (references between parts, sources, dates).

On top of ``Scenario.model_json_schema()``:

- the conditions and effects of events are spelled out from the registries (each name with its parameters,
  their kinds, ranges and defaults), so an editor completes ``shift: {countries: ..., by: ...}``;
- a mapping keyed by codes or ids accepts no key that breaks the pattern, as the validator does;
- a file with ``extends:`` is checked against a partial version of the format (nothing is required, since
  it is inherited) whose events may also be ``{id: x, remove: true}``.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

from game.engine.events import CONDITIONS, EFFECTS, PARAM_KINDS, Param

from .generated import generated_file_main
from .models import Scenario

__all__ = ["SCHEMA_FILE", "generate", "render", "registry_schema", "main"]

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "scenarios" / "scenario.schema.json"
REGENERATE = "python -m game.scenario.schema --write"

_CODE = r"^[A-Z]{3}$"
_IDENT = r"^[a-z][a-z0-9_]*$"
_GROUP = r"^[A-Za-z0-9_]+$"


def _param_schema(p: Param) -> dict[str, Any]:
    kind = p.kind
    if kind == "countries":
        one = {"type": "string", "pattern": _GROUP}
        schema: dict[str, Any] = {"anyOf": [one, {"type": "array", "items": one, "minItems": 1}]}
    elif kind in ("country", "actor"):
        schema = {"type": "string", "pattern": _CODE}
    elif kind in ("topic", "deputy", "tie", "event", "track"):
        schema = {"type": "string", "pattern": _IDENT}
    elif kind == "resource":
        schema = {"enum": ["calls", "visits"]}
    elif kind in ("number", "integer", "probability"):
        schema = {"type": "integer" if kind == "integer" else "number"}
        if p.minimum is not None:
            schema["minimum"] = p.minimum
        if p.maximum is not None:
            schema["maximum"] = p.maximum
    else:  # a kind added to the engine later: still documented, just not typed
        schema = {}
    words = PARAM_KINDS.get(kind, kind)
    schema["description"] = f"{p.doc} ({words})" + ("" if p.default is None else f"; default {p.default}")
    if p.default is not None:
        schema["default"] = p.default
    return schema


def registry_schema(registry: dict, what: str) -> dict[str, Any]:
    """One list item of ``when:`` or ``effects:``: a mapping with exactly one registered name."""
    properties = {}
    for name in sorted(registry):
        spec = registry[name]
        properties[name] = {
            "type": "object",
            "description": f"{spec.summary} Example: {spec.example}",
            "properties": {p.name: _param_schema(p) for p in spec.params},
            "required": [p.name for p in spec.params if p.default is None],
            "additionalProperties": False,
        }
    return {
        "type": "object",
        "description": f"one {what}: its name, then its parameters, e.g. {next(iter(registry.values())).example}",
        "properties": properties,
        "minProperties": 1,
        "maxProperties": 1,
        "additionalProperties": False,
    }


def _walk(node: Any, visit) -> None:
    if isinstance(node, dict):
        visit(node)
        for value in node.values():
            _walk(value, visit)
    elif isinstance(node, list):
        for value in node:
            _walk(value, visit)


def _close_pattern_maps(node: dict) -> None:
    # The validator refuses a key that breaks the pattern (``deu`` among country codes); so does the schema.
    if "patternProperties" in node and "additionalProperties" not in node:
        node["additionalProperties"] = False
        names = node.get("propertyNames")
        patterns = list(node["patternProperties"])
        if isinstance(names, dict) and len(patterns) == 1:
            names["pattern"] = patterns[0]


def _partial(defs: dict[str, Any]) -> dict[str, Any]:
    """Copies of the definitions with nothing required (for a file that inherits the rest), named ``X_partial``.

    Events stay whole: an event in a child replaces the inherited one of its id entirely.
    """
    out = {}
    for name, schema in defs.items():
        if name == "Event":
            continue
        part = copy.deepcopy(schema)

        def rewrite(node: dict) -> None:
            node.pop("required", None)
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/") and not ref.endswith("/Event"):
                node["$ref"] = ref + "_partial"

        _walk(part, rewrite)
        out[name + "_partial"] = part
    return out


def generate() -> dict[str, Any]:
    """The schema as a JSON-ready dict."""
    full = Scenario.model_json_schema()
    defs = full.pop("$defs")
    event = defs["Event"]["properties"]
    event["when"]["items"] = registry_schema(CONDITIONS, "condition")
    event["effects"]["items"] = registry_schema(EFFECTS, "effect")
    defs["Scenario"] = full
    for schema in defs.values():
        _walk(schema, _close_pattern_maps)
    partial = _partial(defs)
    removal = {
        "type": "object",
        "description": "deletes the inherited event of this id",
        "properties": {
            "id": {"type": "string", "pattern": _IDENT, "description": "the id of the inherited event"},
            "remove": {"const": True, "description": "true: the event is deleted"},
        },
        "required": ["id", "remove"],
        "additionalProperties": False,
    }
    partial["Scenario_partial"]["properties"]["events"]["items"] = {
        "anyOf": [{"$ref": "#/$defs/Event"}, {"$ref": "#/$defs/EventRemoval"}]
    }
    defs["EventRemoval"] = removal
    defs.update(partial)
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$comment": f"Generated from game/scenario/models.py and the event registries by `{REGENERATE}`; "
        "do not edit. The format is described in docs/scenario-format.md.",
        "title": "Flood the Zone scenario",
        "description": "A scenario of the crisis-diplomacy game Flood the Zone (docs/scenario-format.md).",
        "type": "object",
        "if": {"required": ["extends"], "properties": {"extends": {"type": "string"}}},
        "then": {"$ref": "#/$defs/Scenario_partial"},
        "else": {"$ref": "#/$defs/Scenario"},
        "$defs": defs,
    }


def render() -> str:
    """The schema file's text."""
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    return generated_file_main(argv, render(), SCHEMA_FILE, REGENERATE, "game.scenario.schema")


if __name__ == "__main__":
    sys.exit(main())
