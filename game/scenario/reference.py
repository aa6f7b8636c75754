"""The scenario format reference (docs/scenario-format.md), generated so that it cannot drift from the code.

    python -m game.scenario.reference            # print it
    python -m game.scenario.reference --write    # write docs/scenario-format.md
    python -m game.scenario.reference --check    # exit 1 if that file is stale

Every field comes from the pydantic models (type, range, default, description); every condition and effect of
events from the engine's registries; every problem code from ``problems.CODES``.  What the models do not say
is written here: a meaning for fields without a description (:data:`MEANINGS`), an example value for every
field (:data:`EXAMPLES`, each checked against its field by the tests), and the prose around the tables.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import yaml
from pydantic import BaseModel, TypeAdapter

from game.engine.events import CONDITIONS, EFFECTS, PARAM_KINDS

from . import models as m
from . import tutorial
from .document import _is_model, _is_union, _num, _Shape, _shape, describe
from .generated import generated_file_main
from .problems import CODES
from .reference_texts import CELL_EXAMPLES, EXAMPLES, INTROS, MEANINGS, NO_BLOCK

__all__ = ["DOC_FILE", "EXAMPLES", "MEANINGS", "all_models", "field_adapter", "main", "render"]

DOC_FILE = Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md"
REGENERATE = "python -m game.scenario.reference --write"

_PATTERN_TYPE = {
    r"^[A-Z]{3}$": "three-letter code in capitals",
    r"^[a-z][a-z0-9_]*$": "id (lower case letters, digits, _)",
    r"^[A-Za-z0-9_]+$": "id (letters, digits, _)",
}
_KEY_WORDS = {
    r"^[A-Z]{3}$": "three-letter code",
    r"^[a-z][a-z0-9_]*$": "id",
    r"^[A-Za-z0-9_]+$": "group id",
}


# ---------------------------------------------------------------------------------------------- models


def all_models() -> list[type[BaseModel]]:
    """Every model of the format, in the order a reader meets them from the top level."""
    seen: list[type[BaseModel]] = [m.Scenario, m.Source]
    i = 0
    while i < len(seen):
        for info in seen[i].model_fields.values():
            for model in _models_in(info.annotation):
                if model not in seen:
                    seen.append(model)
        i += 1
    return seen


def _models_in(tp: Any) -> list[type[BaseModel]]:
    if _is_model(tp):
        return [tp]
    return [found for arg in get_args(tp) for found in _models_in(arg)]


def field_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    """Validates one field's value with all its constraints (for checking :data:`EXAMPLES`)."""
    info = model.model_fields[name]
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)]) if info.metadata else TypeAdapter(info.annotation)


def meaning(model: type[BaseModel], name: str) -> str:
    info = model.model_fields[name]
    return MEANINGS.get((model.__name__, name)) or info.description or MEANINGS.get(name, "")


def _anchor(model: type[BaseModel]) -> str:
    return f"[{model.__name__}](#{model.__name__.lower()})"


def _type_words(shape: _Shape) -> str:
    tp, c = shape.tp, shape.constraints
    origin, args = get_origin(tp), get_args(tp)
    if _is_model(tp):
        text = _anchor(tp)
    elif origin is list and args:
        inner = _shape(args[0])
        pattern = inner.constraints.get("pattern")
        if get_origin(inner.tp) is dict and not _is_model(inner.tp):
            text = "list of mappings"
        elif inner.tp is str and pattern in _KEY_WORDS:
            text = f"list of {_KEY_WORDS[pattern]}s"
        elif inner.tp is str:
            text = "list of text"
        else:
            text = f"list of {_type_words(inner)}"
        if c.get("min_length"):
            text += f" (at least {c['min_length']})"
    elif origin is dict and len(args) == 2:
        key = _shape(args[0])
        key_words = _KEY_WORDS.get(key.constraints.get("pattern", ""), "text")
        text = f"mapping: {key_words} → {_type_words(_shape(args[1]))}"
        if c.get("min_length"):
            text += " (at least one entry)"
    elif _is_union(tp):
        text = " or ".join(_type_words(_shape(a)) for a in args)
    elif origin is Literal:
        text = describe(_Shape(tp))
    elif tp is str and c.get("pattern") in _PATTERN_TYPE:
        text = _PATTERN_TYPE[c["pattern"]]
    else:
        text = describe(_Shape(tp, c))
        for article in ("a ", "an "):
            if text.startswith(article):
                text = text[len(article) :]
    return text + (", or null" if shape.nullable else "")


def _default(info) -> str:
    if info.is_required():
        return "**required**"
    value = info.get_default(call_default_factory=True)
    if isinstance(value, BaseModel):
        return "all defaults"
    return f"`{_inline(value)}`"


def _inline(value: Any) -> str:
    """A value as it is written in flow-style YAML."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _num(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        plain = value and value.strip() == value and not any(ch in value for ch in ":#{}[],&*!|>'\"%@`")
        return (
            value
            if plain and value.lower() not in ("yes", "no", "on", "off", "true", "false", "null")
            else ('"' + value.replace('"', '\\"') + '"')
        )
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_inline(v)}" for k, v in value.items()) + "}"
    return str(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _example_cell(model: type[BaseModel], name: str) -> str:
    example = dict(EXAMPLES.get(model.__name__, {}))
    example.update({field: v for (owner, field), v in CELL_EXAMPLES.items() if owner == model.__name__})
    if name in example:
        text = _inline(example[name])
        return f"`{text}`" if len(text) <= 70 else f"`{text[:66]} ...`"
    models = _models_in(model.model_fields[name].annotation)
    return "see " + ", ".join(_anchor(x) for x in models) if models else ""


class _FlowDict(dict):
    pass


class _FlowList(list):
    pass


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_FlowDict, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True))
_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def _flow(value: Any, depth: int, in_list: bool = False) -> Any:
    """Short inner collections in flow style (``{USA: 0.9, RUS: 1.3}``), the rest in block style."""
    if isinstance(value, dict):
        inner = {k: _flow(v, depth + 1) for k, v in value.items()}
        simple = all(not isinstance(v, (dict, list)) or isinstance(v, (_FlowDict, _FlowList)) for v in inner.values())
        # ``- shift: {countries: [DEU], by: 4}``: the one-name items of when/effects read best with their name bare.
        bare = in_list and len(value) == 1
        return _FlowDict(inner) if depth > 0 and simple and not bare and len(_inline(value)) <= 80 else inner
    if isinstance(value, list):
        items = [_flow(v, depth + 1, in_list=True) for v in value]
        simple = all(not isinstance(v, (dict, list)) for v in items)
        return _FlowList(items) if depth > 0 and simple and len(_inline(value)) <= 80 else items
    return value


def _yaml_block(data: dict[str, Any]) -> str:
    text = yaml.dump(
        _flow(data, 0), Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    return "```yaml\n" + text + "```"


def _model_section(model: type[BaseModel]) -> list[str]:
    name = model.__name__
    lines = [f"### {name}", ""]
    intro = INTROS.get(name) or " ".join((model.__doc__ or "").split())
    if intro:
        lines += [intro, ""]
    lines += ["| field | type | default | meaning | example |", "|---|---|---|---|---|"]
    for field, info in model.model_fields.items():
        shape = _shape(info.annotation, info.metadata)
        row = (f"`{field}`", _type_words(shape), _default(info), meaning(model, field), _example_cell(model, field))
        lines.append("| " + " | ".join(_cell(x) for x in row) + " |")
    example = EXAMPLES.get(name)
    if example and name not in NO_BLOCK:
        lines += ["", _yaml_block(example)]
    lines.append("")
    return lines


# ---------------------------------------------------------------------------------------------- events


def _range(p) -> str:
    if p.minimum is not None and p.maximum is not None:
        return f"{_num(p.minimum)} to {_num(p.maximum)}"
    if p.minimum is not None:
        return f"at least {_num(p.minimum)}"
    if p.maximum is not None:
        return f"at most {_num(p.maximum)}"
    return "-"


def _registry_section(registry: dict, what: str) -> list[str]:
    lines = []
    for name in sorted(registry):
        spec = registry[name]
        lines += [f"#### `{name}`", "", spec.summary, ""]
        if spec.params:
            lines += ["| parameter | kind | default | range | meaning |", "|---|---|---|---|---|"]
            for p in spec.params:
                default = "**required**" if p.default is None else f"`{_inline(p.default)}`"
                row = (f"`{p.name}`", PARAM_KINDS.get(p.kind, p.kind), default, _range(p), p.doc)
                lines.append("| " + " | ".join(_cell(x) for x in row) + " |")
            lines.append("")
        lines += ["```yaml", f"{'when' if what == 'condition' else 'effects'}:", f"  - {spec.example}", "```", ""]
    return lines


# -------------------------------------------------------------------------------------------- document

_HEAD = f"""\
# Scenario format reference

<!-- Generated by `{REGENERATE}` from game/scenario/models.py, the event registries of
game/engine/events.py and the problem codes of game/scenario/problems.py. Do not edit by hand. -->

A scenario is one YAML file: the crisis, its two sides, the countries they court, the rules' numbers, the
events, what really happened and how the end is scored. This page lists every field. To write your first
scenario step by step, read [Writing a scenario](writing-a-scenario.md); to start from a complete, commented
file, run `python -m game new-scenario my_crisis`.

Check a file with `python -m game validate my_crisis.yaml`: it lists every problem as
`file:line:column: error|warning CODE message`, with a hint where it can guess what you meant
([problem codes](#problem-codes)). A file with errors cannot be played; warnings point at likely mistakes.

## Contents

- [Writing YAML for the game](#writing-yaml-for-the-game)
- [Sources and seeds](#sources-and-seeds)
- [How the numbers play](#how-the-numbers-play)
- [Inheriting from another scenario: `extends`](#inheriting-from-another-scenario-extends)
- [Light entries: many countries beyond the articles](#light-entries-many-countries-beyond-the-articles)
- [Fields](#fields)
- [Conditions](#conditions) and [Effects](#effects) of events, [parameter kinds](#parameter-kinds)
- [Tutorial steps](#tutorial-steps)
- [Problem codes](#problem-codes)

## Writing YAML for the game

- The first line `# yaml-language-server: $schema=scenario.schema.json` lets an editor with a YAML language
  server (e.g. VS Code with the "YAML" extension) complete field names, show their meaning and flag mistakes as
  you type. The path is relative to your file: copy `scenarios/scenario.schema.json` next to it, or write the
  full path (`python -m game new-scenario` writes the line for you). The schema is generated from the same
  models as this page.
- Dates are written `2022-01-24`. Numbers are plain (`22`, `0.8`, `-40`).
- **Quote text that YAML could read as something else**: bare `NO`, `no`, `yes`, `on`, `off` are read as
  true/false (Norway is `"NO"`), `null` and `~` as nothing, `12:30` as a number. The validator warns (W303)
  when a bare yes/no word appears where text may have been meant, and refuses it as a key (E004).
- A key written twice in one mapping is an **error** (E003), not a warning: YAML would silently keep only the
  second value, and you would lose data without knowing it.
- Comments start with `#`. Label every number the sources do not give with a comment saying `INVENTED`.
- Anchors and aliases (`&b9_sources` ... `*b9_sources`) may share a value between places.
- Limits: a file is at most 1 MB, nests at most 50 levels, and its aliases expand to at most 10,000 values.

## Sources and seeds

Every position, event and documented contact cites a **source**: the seed article it rests on and a short
passage copied from it ([Source](#source)). The seeds a scenario uses are listed in its `seeds:`. The
validator looks for each seed file in a `seeds/` folder next to the scenario file (and next to each file it
extends), then among the game's own seeds; it warns when a seed file is not found (W304) and when a cited
passage is not in the seed (W301). Passages are compared ignoring case, spacing, and the difference between
straight and curly quotes or dashes. A country without sources is a warning (W302) unless it is marked
`added: true` (a country the game adds that the sources do not name). An event the sources do not report is
marked `invented: true`.

## How the numbers play

- **Alignment** runs from -100 (with Moscow) to +100 (with Washington). Each country starts at `alignment`.
- **A contact** (call, stop of a trip, deputy call, group call) moves a country by: the side's `power` ×
  the kind's strength (`dynamics.kind_strength`) × the side's `leverage` on the topic × the country's interest
  in it (`interests`, else `default_interest`) × its `mobility` × room × fatigue × luck. *Room* shrinks as the
  country nears the end of the scale the side pulls toward (`room_exponent`); *fatigue* shrinks repeated
  contacts (`fatigue_k`, `fatigue_decay`); *luck* is drawn around 1 (`noise_sigma` × the country's
  `volatility`).
- **Ties and the anchor**: a country's structural position is `anchor_offset` + the sum of its `ties` ×
  their kinds' `weight`, kept within -100..100. Events can move both (`tie`, `shift_anchor`).
- **Drift**: each week a country closes `drift_rate` of its gap to the anchor, at full rate once the side
  holding it away from the anchor has not contacted it for `neglect_weeks` weeks, and at `drift_in_touch` of
  that rate when it has just been contacted.
- **Spill-over**: members of a group with `spill` > 0 close `spill_rate` of the gap to their peers each week.
- **Echoes** (`echoes:`, optional): an argument pressed in one capital is heard in others. When either side
  presses an echo's `topic` in a capital of its `pressed_in`, each capital of its `heard_in` moves by its share
  (-1..1) of what the contact did there, the same way for a positive share and the other way for a negative
  one: pressing sanctions in Berlin can win Berlin and cost Rome. The week's report names each echo as a cause
  of the move ("heard from your call on Sanctions in Germany -0.8"), and the bots weigh it.
- **Group fatigue**: a group the same side convenes week after week tires as a forum. Each member's contact of
  a group call is divided by 1 + `group_fatigue_k` × the side's recent convenings of that group (one per call,
  fading by `fatigue_decay` a week, like contacts), over and above the member's own fatigue.
- **Promises** (`promises:`, optional): a side may attach one of its promises to a call or a visit of its
  principal on one of the promise's `topics`, in a capital of its `to`. The capital believes it: the contact's
  effect is multiplied by 1 + `boost`. The promise falls due `keep.within` weeks later (the last week at the
  latest; none may be made in the last week): a call, visit or deputy's call by the side on `keep.topic` in
  the capital (or in one of `keep.at`, when given) by the end of that week keeps it, moving the capital `kept`
  points toward the side; otherwise it is broken at the end of the week it fell due, moving the capital
  `broken.shift` points away, and for `broken.weeks` weeks the side's contacts there lose `broken.mistrust` of
  their effect. A group call keeps no promise. A side has at most `dynamics.promise_limit` promises open at
  once, and one of a kind per capital. The week's report names each promise kept or broken as a cause.
- **Events** happen in the week of their `date` (if their conditions, if any, hold then), or - without a
  date - in the first week all their conditions hold; each happens at most once a game.
- **Commitments**: on the day the crisis resolves, each country stands on each rung of `commitments.rungs`
  (the ladder, as data: the code names no rung). A rung is a **vote** - `options`, worst first, each with the
  `threshold` (final alignment) that reaches it and its `points`; the first option is where a country stands
  below every line, and an option without a threshold (e.g. `absent`) is reached only through an event - or a
  **pledge**, made at its one `threshold` for its `points`. A country reaches the best option whose line its
  alignment passes. `open_to` limits a rung's default line to some countries and groups; a country's own
  `thresholds` override a rung's line (a number for a pledge, `{{option: number}}` for a vote) and `null` closes
  the rung to it. A rung with a `bloc` is decided by the members of a group together: under `unanimity` the
  bloc adopts only the level every member reaches, and a member below the level most members reach is a
  **holdout** that blocks it for all; under `qualified_majority` the level a `quota` of members reach is
  adopted and the rest are carried along; under `leader` every member follows the `leader`. Events can decide
  a rung outright (`decide`), close it (`close`), set a line (`line`) or move one (`move_line`). Each option
  reached earns its `points` × the country's `weight`; the score is the share (0..100) of all the points
  that could be had, and the best `tiers` entry whose `min_score` it reaches names the outcome.
- **Tracks** (optional) are quantities of the whole crisis, 0..100: a channel to Moscow, a grain corridor. A
  side with `engage: true` can contact the other side itself; each such contact on a topic moves the tracks
  listed in that topic's `tracks`, and each time the player's side does, every country moves by its
  `engage_reaction` (negative: it sees talking as breaking ranks). A track loses `decay` of
  its level in a week without contact, events can move it (`track`) or test it (`track_at_least`), and one
  that reaches its `goal` at the end adds its `points` to the score.
- The **historical policy** replays each side's `playbooks` entries in the week of their date and fills the
  rest of the week's budget with its `outreach` lines, in rotation.

## Inheriting from another scenario: `extends`

A what-if variant need not copy a whole scenario: `extends: flood_the_zone` inherits everything, and the file
gives only what changes (plus its own `id` and `title`). `extends` names a scenario file by a path relative to
the file (`.yaml` may be left out), or a bundled scenario by its name. The files are merged before checking:

- **mappings merge key by key**, at every level: `countries: {{DEU: {{alignment: 40}}}}` changes Germany's
  start and keeps the rest of Germany and every other country; a new key (a new country) is added;
- **lists are replaced whole**: `objectives`, `seeds`, a group's `members`, a country's `sources`,
  `playbooks.USA.documented`, `calibration.checks` ... To add one entry to an inherited list, write the whole
  list;
- **`events` merge by `id`**: an event with the id of an inherited event replaces it (give all its fields);
  `{{id: osce_talks, remove: true}}` deletes it; an event with a new id is added;
- nothing else can be deleted (to leave a country out of the score, set its `weight: 0`).

Problems are reported where the value was written: in the variant for what it changes, in the inherited file
(with "inherited by ...: change it there") for the rest. `extends` may chain (a variant of a variant), but not
in a loop (E005). A variant of a historical scenario is not history: mark its new events `invented: true`,
and give it its own `calibration` (`calibration: {{checks: []}}` if the documented positions no longer apply).

## Light entries: many countries beyond the articles

A scenario may hold every member of the United Nations (`general_assembly.yaml` extends Flood the Zone with
the 163 members the seeds do not name). Such a country is a **light entry**: an ordinary `countries:` entry
that gives only `name`, `region`, `alignment` (its start), `ties` and `anchor_offset` (its structural position),
perhaps its own `thresholds`, `weight`, `added: true`, a `position` in your own words, and `public_sources`:
the public records the position rests on (a bloc's list of members, a recorded UN vote). It omits
`interests` (every topic moves it by `default_interest`) and cites no seed (`sources`), so the validator does
not look for a passage. A position taken from a record dated after the crisis (a vote a week later) is
hindsight: say so in `position`, as the General Assembly's entries do. A group's membership can cite its
`public_sources` too. One flow-style line per country keeps 160 entries readable, and a YAML anchor on the
first citation (`&ga12407 {{...}}`) lets the others write `*ga12407`.

A vote's whole tally is a target only for a scenario that holds the voters: `real_outcomes.totals` counts
the scenario's own countries (the sides are not countries), so the General Assembly's target is 140 / 4 / 35 /
12 of its 191 countries, and the sides' own votes complete the real 141 / 5. Spill-over stays cheap with many
countries: it is computed per class of countries that share the same groups (docs/performance.md).

## Fields

Each section is one kind of mapping in the file, starting from the top level. **required** fields must be
given; the others take the default shown. Ranges are checked: a value outside its range is an error (E103).

"""


def _tutorial_section() -> list[str]:
    lines = [
        "## Tutorial steps",
        "",
        "A scenario may carry a guided tutorial (`tutorial:`, a list of [TutorialStep](#tutorialstep)). The game",
        "shows one card at a time, on its screen, pointing at the control the step asks for; the card goes on by",
        "itself when the player does what its `do` says, or - without `do` - when the player presses Next (N).",
        "Skip tutorial (X) closes it for the rest of the game. So that a card never waits for something the",
        "game has left behind:",
        "",
        "- doing what a later step asks also passes the steps without `do` before it (reading is optional);",
        "- a step with `week: N` waits for week N; when the game reaches a week that has steps, the steps left",
        "  over from earlier weeks are passed;",
        "- a step on the report is passed once the player leaves that report;",
        "- when the debrief opens, the card goes straight to the first step on the debrief (the steps left",
        "  before it are passed); so the debrief's steps come last, and a tutorial usually ends there, with the",
        "  result tiers, which a debrief card without `do` lists.",
        "",
        "What `do` can be, and the screen where it is done (the first one is a step's screen when it gives",
        "none):",
        "",
        "| `do` | done on | the step goes on when the player |",
        "|---|---|---|",
    ]
    for name, cond in tutorial.ACTIONS.items():
        lines.append(f"| `{name}` | {', '.join(cond.screens)} | {_cell(cond.words)} |")
    for name, cond in tutorial.PICKS.items():
        example = _inline({name: EXAMPLES["TutorialPick"][name]})
        lines.append(f"| `{example}` | {', '.join(cond.screens)} | {_cell(cond.words)} |")
    lines += [
        "",
        "A pick is checked like the rest of the file: an unknown country or topic is an error with a guess at",
        "what was meant, and so is a pick the player could never make (a topic the player's side has no",
        "leverage on, an action its side does not have).",
        "",
        "```yaml",
        "tutorial:",
        "  - title: Welcome",
        "    text: Each week you give orders, then end the week.",
        "  - title: Open Germany's dossier",
        "    text: Click Germany on the map or in the list on the right.",
        "    do: {select_country: DEU}",
        "  - title: Queue the call",
        "    text: Click Add this order, or press Enter.",
        "    do: add_order",
        "  - title: A trip",
        "    week: 2",
        "    text: A visit is stronger than a call. Pick Visit (V).",
        "    do: {choose_kind: visit}",
        "  - title: The result",
        "    screen: debrief",
        "    text: Your score is the share of the commitment points you won.",
        "```",
        "",
    ]
    return lines


def _codes_section() -> list[str]:
    lines = ["## Problem codes", "", "Errors (E) stop a scenario from being played; warnings (W) do not.", ""]
    lines += ["| code | problem |", "|---|---|"]
    lines += [f"| {code} | {_cell(text)} |" for code, text in sorted(CODES.items())]
    return lines + [""]


def render() -> str:
    """The whole reference, as Markdown."""
    out = [_HEAD]
    for model in all_models():
        out += _model_section(model)
    out += ["## Conditions", "", "A condition is one item of an event's `when:` list: its name, then its"]
    out += ["parameters. All the conditions of an event must hold for it to happen.", ""]
    out += _registry_section(CONDITIONS, "condition")
    out += ["## Effects", "", "An effect is one item of an event's `effects:` list: its name, then its parameters."]
    out += ["Effects apply in the order they are written.", ""]
    out += _registry_section(EFFECTS, "effect")
    out += ["## Parameter kinds", "", "| kind | value |", "|---|---|"]
    out += [f"| {kind} | {_cell(text)} |" for kind, text in PARAM_KINDS.items()]
    out.append("")
    out += _tutorial_section()
    out += _codes_section()
    return "\n".join(out).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    return generated_file_main(argv, render(), DOC_FILE, REGENERATE, "game.scenario.reference")


if __name__ == "__main__":
    sys.exit(main())
