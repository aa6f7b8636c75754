"""Validation of a scenario document against the models: every error reported, in words, where it is."""

from __future__ import annotations

import copy

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario.document import check_file, check_text, describe_path, load_document, validate_document
from game.scenario.models import Scenario
from game.scenario.problems import CODES, ScenarioError
from game.scenario.yamlmarks import parse_yaml

# The smallest document the models accept, with a little of everything (a list of models, dicts keyed by codes,
# a union-typed field) so that errors can be planted anywhere.
MINIMAL = """\
format: 2
id: test_crisis
title: A test crisis
summary: Two sides court two countries.
role: You are the Secretary of State.
objectives:
  - Keep the coalition together
calendar:
  start: 2022-01-03
  weeks: 12
  resolves: 2022-03-28
seeds:
  - 000_966678d371abad6d.txt
player: USA
rival: RUS
actors:
  USA:
    name: Washington
    principal: Secretary Blinken
    sign: 1
    power: 5.0
    calls: 8
    visits: 1
  RUS:
    name: Moscow
    principal: Foreign Minister Lavrov
    sign: -1
    power: 5.0
    calls: 8
    visits: 1
topics:
  energy:
    name: Energy
    leverage: {USA: 1.0, RUS: 2.0}
regions:
  europe:
    name: Europe
countries:
  DEU:
    name: Germany
    region: europe
    alignment: 20
    position: Hesitant on pipelines.
    interests:
      energy: 1.5
  NOR:
    name: Norway
    region: europe
    alignment: 60
    position: A steady ally.
dynamics:
  kind_strength: {call: 1.0, visit: 2.0, deputy_call: 0.5, multilateral: 1.5}
  visit_travel_calls: 2
  visit_max_stops: 3
  visit_stop_decay: 0.7
  deputy_specialty_bonus: 1.5
  room_exponent: 1.0
  noise_sigma: 0.3
  fatigue_k: 0.5
  fatigue_decay: 0.5
  drift_rate: 0.1
  neglect_weeks: 3
  spill_rate: 0.1
commitments:
  rungs:
    - id: un_vote
      name: UN vote
      options:
        - {id: 'no', label: votes no}
        - {id: abstain, label: abstains, threshold: -10, points: 1}
        - {id: 'yes', label: votes yes, threshold: 10, points: 2}
    - {id: sanctions, name: Sanctions, threshold: 30, points: 3}
    - {id: arms, name: Arms, threshold: 50, points: 4}
    - {id: energy_help, name: Energy help, threshold: 70, points: 5}
  tiers:
    - name: Success
      min_score: 60
events:
  - id: summit
    date: 2022-01-10
    headline: Talks in Geneva
    effects:
      - shift: {country: DEU, by: 5}
playbooks:
  USA:
    documented:
      - date: 2022-01-04
        kind: call
        to: DEU
        topic: energy
"""


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} must occur exactly once"
    return text.replace(old, new)


def pos(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the only occurrence of ``needle``."""
    assert text.count(needle) == 1, f"{needle!r} must occur exactly once"
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def check(text: str):
    scenario, problems, _ = check_text(text, "s.yaml")
    return scenario, problems


def where(problems) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.code) for p in problems]


def assert_well_formed(problems) -> None:
    for p in problems:
        assert p.line >= 1 and p.column >= 1, p
        assert p.code in CODES, p
        assert "\n" not in p.message, p
    keys = [(p.line, p.column) for p in problems]
    assert keys == sorted(keys)
    assert len(set(problems)) == len(problems)


def test_minimal_scenario_is_valid():
    scenario, problems = check(MINIMAL)
    assert problems == []
    assert isinstance(scenario, Scenario)
    assert scenario.calendar.weeks == 12


def test_wrong_type_is_reported_at_the_value_in_words():
    text = edit(MINIMAL, "weeks: 12", "weeks: twelve")
    scenario, problems = check(text)
    assert scenario is None
    assert where(problems) == [(*pos(text, "twelve"), "E103")]
    assert problems[0].message == "calendar.weeks: expected an integer from 1 to 60, got 'twelve'"


def test_missing_field_is_reported_at_the_parent_mapping():
    text = edit(MINIMAL, "  weeks: 12\n", "")
    _, problems = check(text)
    assert where(problems) == [(*pos(text, "calendar:"), "E101")]
    assert problems[0].message.startswith("missing field 'weeks' in calendar")


def test_missing_top_level_field():
    text = edit(MINIMAL, "title: A test crisis\n", "")
    _, problems = check(text)
    assert where(problems) == [(1, 1, "E101")]
    assert "missing field 'title' at the top level" in problems[0].message


def test_unknown_key_is_reported_at_the_key_with_a_did_you_mean():
    text = edit(MINIMAL, "    position: A steady ally.\n", "    position: A steady ally.\n    mobilty: 2\n")
    _, problems = check(text)
    assert where(problems) == [(*pos(text, "mobilty"), "E102")]
    assert problems[0].message == "unknown field 'mobilty' in countries.NOR (did you mean 'mobility'?)"


def test_misspelt_required_field_gives_both_the_unknown_and_the_missing():
    text = edit(MINIMAL, "    alignment: 20\n", "    allignment: 20\n")
    _, problems = check(text)
    assert sorted(p.code for p in problems) == ["E101", "E102"]
    unknown = next(p for p in problems if p.code == "E102")
    assert (unknown.line, unknown.column) == pos(text, "allignment")
    assert "(did you mean 'alignment'?)" in unknown.message


def test_value_out_of_range():
    text = edit(MINIMAL, "alignment: 60", "alignment: 160")
    _, problems = check(text)
    assert where(problems) == [(*pos(text, "160"), "E103")]
    assert problems[0].message == "countries.NOR.alignment: expected a number from -100 to 100, got 160"


def test_error_inside_a_list_item_names_the_index():
    text = edit(MINIMAL, "kind: call", "kind: cal")
    _, problems = check(text)
    assert where(problems) == [(*pos(text, "cal\n"), "E103")]
    message = problems[0].message
    assert message.startswith("playbooks.USA.documented[0].kind: expected one of 'call', 'visit'")
    assert message.endswith("(did you mean 'call'?)")


def test_union_field_reports_the_bad_list_element_only():
    text = edit(MINIMAL, "to: DEU", "to: [DEU, 5]")
    _, problems = check(text)
    assert where(problems) == [(*pos(text, "5]"), "E103")]
    assert problems[0].message.startswith("playbooks.USA.documented[0].to[1]: expected text")


def test_union_field_of_the_wrong_kind_is_one_problem():
    text = edit(MINIMAL, "to: DEU", "to: {DEU: 1}")
    _, problems = check(text)
    assert where(problems) == [(*pos(text, "{DEU: 1}"), "E103")]
    assert "expected text or a list of text, got a mapping" in problems[0].message


def test_bad_dict_key_is_reported_at_the_key():
    text = edit(MINIMAL, "  DEU:\n    name: Germany", "  deu:\n    name: Germany")
    _, problems = check(text)
    assert where(problems) == [(*pos(text, "deu:"), "E103")]
    assert "countries: the key 'deu' is not a three-letter code in capitals" in problems[0].message


def test_error_in_a_dict_value_and_in_a_flow_mapping():
    text = edit(MINIMAL, "leverage: {USA: 1.0, RUS: 2.0}", "leverage: {USA: 1.0, RUS: 9.0}")
    _, problems = check(text)
    assert where(problems) == [(*pos(text, "9.0"), "E103")]
    assert problems[0].message == "topics.energy.leverage.RUS: expected a number from 0 to 3, got 9.0"


def test_empty_list_and_wrong_container():
    text = edit(MINIMAL, "  tiers:\n    - name: Success\n      min_score: 60\n", "  tiers: []\n")
    _, problems = check(text)
    assert where(problems) == [(*pos(text, "[]"), "E103")]
    assert problems[0].message == "commitments.tiers: expected a non-empty list of mappings, got an empty list"
    text = edit(MINIMAL, "      - shift: {country: DEU, by: 5}", "      - shift")
    _, problems = check(text)
    assert where(problems) == [(*pos(text, "shift\n"), "E103")]


def test_impossible_date_says_why():
    text = edit(MINIMAL, "start: 2022-01-03", "start: 2022-02-30")
    _, problems = check(text)
    assert where(problems) == [(*pos(text, "2022-02-30"), "E103")]
    assert "expected a date like 2022-01-03, got '2022-02-30'" in problems[0].message


def test_several_errors_are_all_reported_in_order():
    text = MINIMAL
    text = edit(text, "weeks: 12", "weeks: 0")
    text = edit(text, "    sign: -1\n", "    sign: -1\n    sing: 2\n")
    text = edit(text, "    alignment: 20\n", "")
    text = edit(text, "      min_score: 60", "      min_score: lots")
    text = edit(text, "  - id: summit", "  - id: Summit")
    _, problems = check(text)
    assert where(problems) == [
        (*pos(text, "0\n  resolves"), "E103"),
        (*pos(text, "sing"), "E102"),
        (*pos(text, "DEU:\n    name"), "E101"),
        (*pos(text, "lots"), "E103"),
        (*pos(text, "Summit"), "E103"),
    ]
    assert_well_formed(problems)


def test_yaml_problems_come_with_the_schema_problems():
    text = edit(MINIMAL, "  weeks: 12\n", "  weeks: 12\n  weeks: 13\n")
    text = edit(text, "    alignment: 60\n", "    alignment: 60\n    added: yes\n")
    text = edit(text, "sign: 1\n", "sign: one\n")
    scenario, problems = check(text)
    assert scenario is None
    assert [p.code for p in problems] == ["E003", "E103", "W303"]


def test_warnings_alone_do_not_block_the_scenario():
    text = edit(MINIMAL, "    alignment: 60\n", "    alignment: 60\n    added: yes\n")
    scenario, problems = check(text)
    assert [p.code for p in problems] == ["W303"]
    assert scenario is not None and scenario.countries["NOR"].added is True


def test_syntax_error_stops_before_the_schema():
    scenario, problems = check(MINIMAL + "oops: [\n")
    assert scenario is None
    assert [p.code for p in problems] == ["E002"]


@pytest.mark.parametrize(
    ("text", "what"), [("- a\n- b\n", "a list"), ("", "empty"), ("just text\n", "'just text'"), ("# c\n", "empty")]
)
def test_top_that_is_not_a_mapping_is_one_problem_at_1_1(text, what):
    _, problems = check(text)
    assert where(problems) == [(1, 1, "E103")]
    assert what in problems[0].message


def test_validate_document_includes_parse_problems_once():
    parsed = parse_yaml(edit(MINIMAL, "  weeks: 12\n", "  weeks: 12\n  weeks: 13\n"), "s.yaml")
    _, problems = validate_document(parsed, "s.yaml")
    assert [p.code for p in problems] == ["E003"]


def test_describe_path_uses_the_models():
    assert describe_path(("calendar", "weeks")) == "an integer from 1 to 60"
    assert describe_path(("countries", "DEU", "ties", "nato")) == "a number from 0 to 1"
    assert describe_path(("playbooks", "USA", "documented", 0, "to")) == "text or a list of text"
    assert describe_path(("nothing",)) is None


def test_check_file_and_load_document(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL, encoding="utf-8")
    scenario, problems, parsed = check_file(good)
    assert problems == [] and scenario is not None and parsed is not None
    assert load_document(good) == scenario

    bad = tmp_path / "bad.yaml"
    bad.write_text(edit(MINIMAL, "weeks: 12", "weeks: 99"), encoding="utf-8")
    scenario, problems, parsed = check_file(bad)
    assert scenario is None and [p.code for p in problems] == ["E103"]
    assert problems[0].file == str(bad)
    with pytest.raises(ScenarioError) as caught:
        load_document(bad)
    assert str(caught.value).startswith(f"{bad}:10:10: error E103 calendar.weeks")


def test_check_file_of_a_missing_file_and_a_directory(tmp_path):
    for path in (tmp_path / "missing.yaml", tmp_path):
        scenario, problems, parsed = check_file(path)
        assert scenario is None and parsed is None
        assert where(problems) == [(1, 1, "E001")]


# --- fuzz --------------------------------------------------------------------------------------------------------

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BASE = yaml.safe_load(MINIMAL)
ODD_VALUES = ["text", "NO", 3, -2.5, 1e9, True, None, [], {}, [1, "x"], {"k": "v"}, {"Bad Key": 1}, "2022-13-01"]


def paths(data, path=()):
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from paths(value, path + (i,))


ALL_PATHS = list(paths(BASE))
ENTRY_PATHS = [p for p in ALL_PATHS if p and isinstance(p[-1], str)]


def get(data, path):
    for elem in path:
        data = data[elem]
    return data


def check_all(text: str):
    parsed = parse_yaml(text, "fuzz.yaml")
    scenario, problems = validate_document(parsed, "fuzz.yaml")
    assert_well_formed(problems)
    assert (scenario is None) == any(p.severity == "error" for p in problems)
    return scenario, problems


@FUZZ
@given(st.sampled_from(ENTRY_PATHS))
def test_fuzz_delete_a_key(path):
    data = copy.deepcopy(BASE)
    del get(data, path[:-1])[path[-1]]
    check_all(yaml.safe_dump(data, sort_keys=False))


@FUZZ
@given(st.sampled_from(ALL_PATHS[1:]), st.sampled_from(ODD_VALUES))
def test_fuzz_change_a_value(path, value):
    data = copy.deepcopy(BASE)
    get(data, path[:-1])[path[-1]] = copy.deepcopy(value)
    check_all(yaml.safe_dump(data, sort_keys=False))


@FUZZ
@given(
    st.sampled_from([p for p in ALL_PATHS if isinstance(get(BASE, p), dict)]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12),
)
def test_fuzz_insert_an_unknown_key(path, name):
    data = copy.deepcopy(BASE)
    key = "zz_" + name
    get(data, path)[key] = 1
    text = yaml.safe_dump(data, sort_keys=False)
    _, problems = check_all(text)
    if describe_path(path) and describe_path(path).startswith("a mapping with the fields"):
        # A model mapping: the key is unknown, and reported where it is.
        assert (*pos(text, key + ":"), "E102") in where(problems)


@FUZZ
@given(st.integers(min_value=0, max_value=MINIMAL.count("\n") - 1), st.sampled_from(["duplicate", "delete", "indent"]))
def test_fuzz_line_edits(index, how):
    lines = MINIMAL.splitlines(keepends=True)
    if how == "duplicate":
        lines.insert(index, lines[index])
    elif how == "delete":
        del lines[index]
    else:
        lines[index] = "  " + lines[index]
    _, problems = check_all("".join(lines))
    if how == "duplicate" and ":" in lines[index] and not lines[index].lstrip().startswith("- "):
        assert "E003" in {p.code for p in problems}


scalars = (
    st.text(max_size=12)
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.none()
    | st.dates()
    | st.datetimes()
)
structures = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@FUZZ
@given(st.sampled_from(ALL_PATHS[1:]), structures)
def test_fuzz_plant_a_random_structure(path, value):
    data = copy.deepcopy(BASE)
    get(data, path[:-1])[path[-1]] = value
    check_all(yaml.safe_dump(data, sort_keys=False))


@FUZZ
@given(st.dictionaries(st.sampled_from(sorted(BASE)) | st.text(max_size=8), structures, max_size=8))
def test_fuzz_random_top_level(data):
    check_all(yaml.safe_dump(data))


@FUZZ
@given(st.text(max_size=200))
def test_fuzz_random_text(text):
    check_all(text)


@FUZZ
@given(st.binary(max_size=200))
def test_fuzz_random_bytes_through_check_file(tmp_path_factory, raw):
    path = tmp_path_factory.getbasetemp() / "fuzz-bytes.yaml"
    path.write_bytes(raw)
    scenario, problems, _ = check_file(path)
    assert_well_formed(problems)
    assert scenario is None or not any(p.severity == "error" for p in problems)
