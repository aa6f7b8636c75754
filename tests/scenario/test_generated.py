"""The format reference and the JSON Schema are generated from the code, and the committed files are current."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
import yaml

from game.engine.events import CONDITIONS, EFFECTS, PARAM_KINDS
from game.scenario import bundled_scenarios, reference, schema
from game.scenario.models import Scenario
from game.scenario.problems import CODES
from tests.conftest import ROOT

jsonschema = pytest.importorskip("jsonschema")


# --- the format reference --------------------------------------------------------------------------------------


def test_the_format_reference_is_current():
    current = reference.DOC_FILE.read_text(encoding="utf-8")
    assert current == reference.render(), (
        f"{reference.DOC_FILE.relative_to(ROOT)} is stale: regenerate it with `{reference.REGENERATE}`"
    )


def test_every_model_and_field_is_in_the_reference_with_a_meaning_and_an_example():
    text = reference.render()
    models = reference.all_models()
    assert {m.__name__ for m in models} >= {"Scenario", "Country", "Event", "Source", "Dynamics", "Calibration"}
    for model in models:
        assert f"\n### {model.__name__}\n" in text
        for name in model.model_fields:
            assert f"| `{name}` |" in text, (model.__name__, name)
            assert reference.meaning(model, name), (
                f"{model.__name__}.{name} has no meaning: give it a description in models.py or an entry in "
                "reference.MEANINGS"
            )
            example = reference.EXAMPLES.get(model.__name__, {})
            typed_by_a_model = reference._models_in(model.model_fields[name].annotation)
            assert name in example or typed_by_a_model, (
                f"{model.__name__}.{name} has no example: add one to reference.EXAMPLES"
            )


@pytest.mark.parametrize("model", reference.all_models(), ids=lambda m: m.__name__)
def test_every_example_is_valid_for_its_field_and_a_whole_example_for_its_model(model):
    example = reference.EXAMPLES.get(model.__name__, {})
    for name, value in example.items():
        assert name in model.model_fields, f"reference.EXAMPLES[{model.__name__!r}] has no field {name!r}"
        reference.field_adapter(model, name).validate_python(value)
    if model is not Scenario:
        model.model_validate(example)
    for (name, field), value in reference.CELL_EXAMPLES.items():
        if name == model.__name__:
            reference.field_adapter(model, field).validate_python(value)


def test_every_condition_effect_parameter_kind_and_problem_code_is_documented():
    text = reference.render()
    for registry, heading in ((CONDITIONS, "## Conditions"), (EFFECTS, "## Effects")):
        section = text.split(heading, 1)[1]
        for name, spec in registry.items():
            assert f"#### `{name}`" in section
            assert spec.summary in section and spec.example in section
            for p in spec.params:
                assert f"| `{p.name}` |" in section
    for kind in PARAM_KINDS:
        assert f"| {kind} |" in text
    for code in CODES:
        assert f"| {code} |" in text


def test_the_yaml_examples_of_the_reference_parse():
    blocks = re.findall(r"```yaml\n(.*?)```", reference.render(), flags=re.S)
    assert len(blocks) > 20
    for block in blocks:
        yaml.safe_load(block)


def test_the_reference_command_line(capsys):
    assert reference.main([]) == 0
    assert capsys.readouterr().out == reference.render()
    assert reference.main(["--check"]) == 0
    assert reference.main(["--bogus"]) == 2


# --- the JSON Schema -------------------------------------------------------------------------------------------


def test_the_schema_file_is_current():
    current = schema.SCHEMA_FILE.read_text(encoding="utf-8")
    assert current == schema.render(), (
        f"{schema.SCHEMA_FILE.relative_to(ROOT)} is stale: regenerate it with `{schema.REGENERATE}`"
    )
    assert schema.main(["--check"]) == 0


SCHEMA = schema.generate()
VALIDATOR = jsonschema.Draft7Validator(SCHEMA)


def as_editor_sees_it(data):
    """YAML data as a language server checks it: dates are text."""
    if isinstance(data, dt.date):
        return data.isoformat()
    if isinstance(data, dict):
        return {k: as_editor_sees_it(v) for k, v in data.items()}
    if isinstance(data, list):
        return [as_editor_sees_it(v) for v in data]
    return data


def errors(data) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(as_editor_sees_it(data))]


def test_the_schema_is_a_valid_draft_7_schema():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert json.loads(schema.render()) == SCHEMA


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
def test_bundled_scenarios_match_the_schema(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert errors(data) == []


def test_the_new_scenario_template_matches_the_schema():
    from game.scenario.template import render

    assert errors(yaml.safe_load(render("my_crisis"))) == []


FTZ = yaml.safe_load((ROOT / "scenarios" / "flood_the_zone.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["countries"]["DEU"].update(alignment=150), "150 is greater than the maximum"),
        (lambda d: d["countries"]["DEU"].update(regoin="x"), "'regoin' was unexpected"),
        (lambda d: d["countries"].update(deu=d["countries"]["DEU"]), "'deu' does not match"),
        (lambda d: d["events"][0]["effects"].append({"shfit": {"countries": ["DEU"], "by": 1}}), "shfit"),
        (lambda d: d["events"][0]["effects"].append({"shift": {"countries": ["DEU"]}}), "'by' is a required"),
        (lambda d: d["events"][0]["effects"].append({"shift": {"countries": ["DEU"], "by": 500}}), "500"),
        (lambda d: d["events"][0]["effects"].append({"budget": {"actor": "USA", "resource": "money", "by": 1}}), ""),
        (lambda d: d["events"][0]["when"].append({"chance": {"p": 2}}), "2 is greater than the maximum"),
        (lambda d: d.pop("title"), "'title' is a required property"),
    ],
)
def test_the_schema_catches_what_an_editor_should_flag(change, expected):
    data = json.loads(json.dumps(as_editor_sees_it(FTZ)))
    data["events"][0].setdefault("when", [])
    change(data)
    found = errors(data)
    assert found, "the schema accepted a wrong document"
    assert any(expected in e for e in found), found


def test_a_variant_needs_only_what_it_changes_and_may_remove_events():
    variant = {
        "extends": "flood_the_zone",
        "id": "v",
        "countries": {"DEU": {"alignment": 40}},
        "events": [{"id": "osce_talks", "remove": True}, {"id": "new", "headline": "New", "date": "2022-01-03"}],
        "calibration": {"checks": []},
    }
    assert errors(variant) == []
    assert errors({**variant, "countries": {"DEU": {"alignment": 400}}})
    assert errors({**variant, "events": [{"id": "new"}]})  # a new or replacing event is whole: headline missing
    assert errors({"id": "v"})  # without extends, everything required is required


def test_the_schema_spells_out_every_condition_and_effect():
    event = SCHEMA["$defs"]["Event"]["properties"]
    assert set(event["when"]["items"]["properties"]) == set(CONDITIONS)
    assert set(event["effects"]["items"]["properties"]) == set(EFFECTS)
    shift = event["effects"]["items"]["properties"]["shift"]
    assert shift["required"] == ["countries", "by"] and shift["additionalProperties"] is False
