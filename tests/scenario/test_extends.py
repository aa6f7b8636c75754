"""``extends:``: a scenario inherits from another; the merge rules, and problems reported in the right file."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import check, load_scenario
from game.scenario.extends import LINE_STRIDE, merge, read_document
from game.scenario.problems import CODES
from game.scenario.yamlmarks import parse_yaml
from game.sim import play_game
from tests.conftest import ROOT

FTZ = ROOT / "scenarios" / "flood_the_zone.yaml"
FTZ_TEXT = FTZ.read_text(encoding="utf-8")


def line_of(text: str, needle: str, nth: int = 0) -> int:
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def merged(parent: str, child: str):
    p, c = parse_yaml(parent, "p.yaml"), parse_yaml(child, "c.yaml")
    found = []
    data, marks = merge(p.data, p.marks, c.data, c.marks, lambda *args: found.append(args))
    return data, marks, found


# --- the merge rules -------------------------------------------------------------------------------------------


def test_mappings_merge_recursively_and_the_child_wins():
    data, _, found = merged(
        "a: 1\nb: {x: 1, y: {p: 1, q: 2}}\nc: 3\n",
        "b: {y: {q: 20, r: 30}, z: 9}\nd: 4\n",
    )
    assert data == {"a": 1, "b": {"x": 1, "y": {"p": 1, "q": 20, "r": 30}, "z": 9}, "c": 3, "d": 4}
    assert list(data) == ["a", "b", "c", "d"]  # inherited keys keep their order; new ones come after
    assert found == []


def test_lists_are_replaced_whole():
    data, _, _ = merged("objectives: [a, b, c]\nx: {members: [A, B]}\n", "objectives: [z]\nx: {members: []}\n")
    assert data == {"objectives": ["z"], "x": {"members": []}}


def test_a_scalar_over_a_mapping_replaces_it_and_the_other_way_round():
    data, _, _ = merged("a: {x: 1}\nb: 2\n", "a: null\nb: {y: 1}\n")
    assert data == {"a": None, "b": {"y": 1}}


def test_events_merge_by_id_replace_in_place_remove_and_add():
    parent = "events:\n  - {id: one, headline: One}\n  - {id: two, headline: Two}\n  - {id: three, headline: Three}\n"
    child = "events:\n  - {id: new, headline: New}\n  - {id: two, headline: Second}\n  - {id: one, remove: true}\n"
    data, _, found = merged(parent, child)
    assert data["events"] == [
        {"id": "two", "headline": "Second"},
        {"id": "three", "headline": "Three"},
        {"id": "new", "headline": "New"},
    ]
    assert found == []


def test_only_the_top_level_events_list_merges_by_id():
    data, _, _ = merged("x:\n  events: [{id: a}, {id: b}]\n", "x:\n  events: [{id: c}]\n")
    assert data["x"]["events"] == [{"id": "c"}]


def test_marks_follow_the_values_into_the_merged_document():
    parent = "a: 1\nevents:\n  - id: one\n    headline: One\n  - id: two\n    headline: Two\n"
    child = "\n\nevents:\n  - id: one\n    remove: true\n  - id: three\n    headline: Three\n"
    data, marks, _ = merged(parent, child)
    assert [e["id"] for e in data["events"]] == ["two", "three"]
    assert marks.value(("a",)) == (1, 4)  # from the parent
    assert marks.value(("events", 0, "headline")) == (6, 15)  # parent's 'two', now first
    assert marks.value(("events", 1, "headline")) == (7, 15)  # child's 'three'
    assert marks.key(("events",)) == (3, 1)  # the child names the list


@pytest.mark.parametrize(
    ("child", "code", "needle"),
    [
        ("events:\n  - {id: too, remove: true}\n", "E201", "did you mean 'two'"),
        ("events:\n  - {id: two, remove: yes please}\n", "E103", "only 'remove: true'"),
        ("events:\n  - {remove: true}\n", "E101", "needs the id"),
        ("events:\n  - {id: two, remove: true, headline: X}\n", "E203", "'headline' does nothing"),
        ("events:\n  - {id: two, remove: true}\n  - {id: two, remove: true}\n", "E203", "already removed"),
    ],
)
def test_wrong_removals_are_reported(child, code, needle):
    _, _, found = merged("events:\n  - {id: two, headline: Two}\n", child)
    assert len(found) == 1
    (pos, severity, got, message) = found[0]
    assert (severity, got) == ("error", code) and code in CODES
    assert needle in message


# --- files -----------------------------------------------------------------------------------------------------


def variant(folder: Path, body: str, parent: str = "flood_the_zone", name: str = "v.yaml") -> Path:
    return write(folder, name, f"format: 2\nextends: {parent}\nid: variant\ntitle: A variant\n{body}")


def test_a_variant_of_a_bundled_scenario_loads_and_plays(tmp_path):
    path = variant(tmp_path, "countries:\n  DEU:\n    alignment: 45\n")
    scenario, problems = check(path)
    assert problems == []
    assert scenario.id == "variant" and scenario.title == "A variant"
    base = load_scenario("flood_the_zone")
    assert scenario.doc.countries["DEU"].alignment == 45
    assert scenario.doc.countries["DEU"].ties == base.doc.countries["DEU"].ties
    assert scenario.rules.countries == base.rules.countries
    assert scenario.event_ids == base.event_ids
    assert play_game(scenario, "random", seed=3).final.turn == scenario.rules.n_turns


def test_a_mistake_in_the_variant_is_reported_at_its_line_in_the_variant(tmp_path):
    path = variant(tmp_path, "countries:\n  DEU:\n    alignment: 450\n    regoin: x\n")
    scenario, problems = check(path)
    assert scenario is None
    assert [(Path(p.file).name, p.line, p.code) for p in problems] == [("v.yaml", 7, "E103"), ("v.yaml", 8, "E102")]
    assert "did you mean 'region'" in problems[1].message


def test_an_inherited_value_is_reported_in_the_parent_file_at_its_line(tmp_path):
    # Shortening the crisis puts the parent's late dates outside it: the warning points into the parent.
    path = variant(tmp_path, "calendar:\n  weeks: 10\n")
    scenario, problems = check(path)
    assert scenario is not None
    late = [p for p in problems if p.code == "W305"]
    assert late and all(Path(p.file) == FTZ for p in late)
    # Ten weeks from 29 November end on 6 February: every event and playbook date from 7 February on is late.
    history = FTZ_TEXT.split("\ncalibration:", 1)[0]
    dated = [
        i + 1 for i, text in enumerate(history.splitlines()) if text.strip().removeprefix("- ").startswith("date:")
    ]
    expected = {n for n in dated if FTZ_TEXT.splitlines()[n - 1].split("date:")[1].split()[0] >= "2022-02-07"}
    assert line_of(FTZ_TEXT, "date: 2022-02-14") in expected
    assert {p.line for p in late} == expected
    assert all("inherited by v.yaml" in p.message for p in late)


def test_a_new_reference_error_points_to_the_variant(tmp_path):
    body = (
        "events:\n  - id: new_one\n    date: 2021-12-01\n    headline: X\n    effects:\n"
        "      - shift: {countries: [DUE], by: 3}\n"
    )
    path = variant(tmp_path, body)
    _, problems = check(path)
    assert [(Path(p.file).name, p.line, p.code) for p in problems] == [("v.yaml", 10, "E201")]
    assert "did you mean 'DEU'" in problems[0].message


def test_removing_an_event_that_others_depend_on_is_caught_by_the_usual_checks(tmp_path):
    path = variant(tmp_path, "events:\n  - {id: geneva_talks, remove: true}\n")
    scenario, problems = check(path)
    assert scenario is not None and "geneva_talks" not in scenario.event_ids
    body = (
        "events:\n  - {id: geneva_talks, remove: true}\n  - id: after\n    headline: After\n"
        "    when: [{fired: {event: geneva_talks}}]\n"
    )
    _, problems = check(variant(tmp_path, body, name="w.yaml"))
    assert [p.code for p in problems] == ["E201"]


def test_a_missing_parent_is_one_error_at_the_extends_line_with_a_hint(tmp_path):
    path = variant(tmp_path, "", parent="flod_the_zone")
    scenario, problems = check(path)
    assert scenario is None
    assert [(p.line, p.column, p.code) for p in problems] == [(2, 10, "E005")]
    assert "did you mean 'flood_the_zone'" in problems[0].message


def test_a_parent_by_relative_path_with_or_without_yaml_and_a_chain(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "base.yaml", FTZ_TEXT)
    variant(tmp_path, "subtitle: middle\n", parent="sub/base", name="middle.yaml")
    top = variant(tmp_path, "countries:\n  GBR: {alignment: 10}\n", parent="middle.yaml", name="top.yaml")
    scenario, problems = check(top)
    assert problems == []
    assert scenario.doc.subtitle == "middle" and scenario.doc.countries["GBR"].alignment == 10
    document = read_document(top)
    assert [Path(f).name for f in document.files] == ["top.yaml", "middle.yaml", "base.yaml"]


def test_a_sibling_file_wins_over_a_bundled_scenario_of_that_name(tmp_path):
    write(tmp_path, "flood_the_zone.yaml", FTZ_TEXT.replace("title: Flood the Zone\n", "title: Local copy\n"))
    path = write(tmp_path, "v.yaml", "extends: flood_the_zone\nid: v\n")
    scenario, _ = check(path)
    assert scenario is not None and scenario.doc.title == "Local copy"


def test_a_loop_is_reported_in_every_file_of_it(tmp_path):
    write(tmp_path, "a.yaml", "extends: b\nid: a\n")
    write(tmp_path, "b.yaml", "extends: a.yaml\nid: b\n")
    scenario, problems = check(tmp_path / "a.yaml")
    assert scenario is None
    assert [(Path(p.file).name, p.line, p.code) for p in problems] == [("a.yaml", 1, "E005"), ("b.yaml", 1, "E005")]
    assert "a.yaml -> b.yaml -> a.yaml" in problems[1].message
    write(tmp_path, "self.yaml", "extends: self\n")
    assert [p.code for p in check(tmp_path / "self.yaml")[1]] == ["E005"]


def test_a_parent_with_a_syntax_error_says_so_in_both_files(tmp_path):
    write(tmp_path, "broken.yaml", "format: 2\nid: [oops\n")
    path = write(tmp_path, "v.yaml", "extends: broken\nid: v\n")
    scenario, problems = check(path)
    assert scenario is None
    assert [(Path(p.file).name, p.code) for p in problems] == [("v.yaml", "E005"), ("broken.yaml", "E002")]
    assert "has errors" in problems[0].message


@pytest.mark.parametrize("value", ["3", "''", "[a, b]"])
def test_an_extends_that_is_not_a_name_is_one_error(tmp_path, value):
    path = write(tmp_path, "v.yaml", f"id: v\nextends: {value}\n")
    scenario, problems = check(path)
    assert scenario is None
    assert [(p.line, p.code) for p in problems] == [(2, "E005")]


def test_an_empty_or_non_mapping_parent(tmp_path):
    write(tmp_path, "empty.yaml", "# nothing\n")
    write(tmp_path, "list.yaml", "- 1\n")
    for parent, words in (("empty", "is empty"), ("list", "not a scenario")):
        _, problems = check(write(tmp_path, "v.yaml", f"extends: {parent}\n"))
        assert [p.code for p in problems] == ["E005"] and words in problems[0].message


def test_positions_of_the_chain_do_not_leak_numbered_lines(tmp_path):
    path = variant(tmp_path, "calendar:\n  weeks: 2\ncountries:\n  GBR: {sources: []}\n")
    _, problems = check(path)
    assert problems
    for p in problems:
        assert 1 <= p.line < LINE_STRIDE and p.column >= 1
        assert p.file in (str(path), str(FTZ))


def test_extends_null_is_a_plain_scenario(tmp_path):
    path = write(tmp_path, "plain.yaml", FTZ_TEXT.replace("format: 2\n", "format: 2\nextends: null\n", 1))
    scenario, problems = check(path)
    assert scenario is not None and problems == []
