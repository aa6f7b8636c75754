"""The `tutorial:` section of a scenario: checked like the rest of the file (every mistake at its line and column,
with a guess at what was meant), compiled into the steps the window shows, documented in the reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import check, load_scenario
from game.scenario.tutorial import ACTIONS, PICKS
from tests.conftest import ROOT
from tests.scenario.test_authoring import block, follow_the_guide

TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
STEP = "  - title: A step\n    text: Do this.\n"


def with_section(tmp_path: Path, section: str) -> Path:
    """The bundled tutorial scenario with its `tutorial:` section replaced."""
    text = TUTORIAL.read_text(encoding="utf-8")
    path = tmp_path / "taught.yaml"
    path.write_text(text[: text.index("\ntutorial:\n")] + "\ntutorial:\n" + section, encoding="utf-8")
    return path


def test_the_bundled_tutorial_compiles_into_the_steps_the_window_shows():
    scenario = load_scenario("tutorial")
    steps = scenario.tutorial
    assert 15 <= len(steps) <= 30 and [s.index for s in steps] == list(range(len(steps)))
    by_title = {s.title: s for s in steps}
    welcome = steps[0]
    assert welcome.action is None and welcome.screen == "map" and welcome.week is None
    germany = by_title["Open Germany's dossier"]
    assert (germany.action, germany.value, germany.screen) == ("select_country", "DEU", "map")
    assert germany.matches("select_country", "DEU") and not germany.matches("select_country", "FRA")
    assert by_title["On to week 2"].screen == "report" and by_title["On to week 2"].action == "next_week"
    assert by_title["Plan a trip"].week == 2 and by_title["Plan a trip"].value == "visit"
    assert steps[-1].screen == "debrief" and steps[-1].action is None  # the result tiers, with Next
    assert [s.week for s in steps if s.week] == [2, 3, 4]
    # every control a player needs is taught
    taught = {s.action for s in steps} | {s.value for s in steps if s.action == "choose_kind"}
    for needed in ("select_country", "choose_topic", "add_order", "undo_order", "end_turn", "next_week"):
        assert needed in taught
    assert {"call", "visit", "deputy_call", "multilateral", "open_help", "open_report", "zoom_europe"} <= taught


def test_a_scenario_without_a_tutorial_has_no_steps(ftz):
    assert ftz.tutorial == () and ftz.doc.tutorial == []


# (what, the step's extra lines, code, words in the message, the token the problem points at)
MISTAKES = [
    ("an unknown action", "    do: add_ordr\n", "E103", "did you mean 'add_order'?", "add_ordr"),
    ("an unknown kind of contact", "    do: {choose_kind: cal}\n", "E103", "did you mean 'call'?", "cal}"),
    ("an unknown pick", "    do: {select_contry: DEU}\n", "E102", "did you mean 'select_country'?", "select_contry"),
    ("an unknown country", "    do: {select_country: DEX}\n", "E201", "unknown country 'DEX' (did you mean 'DEU'?)", "DEX"),  # noqa: E501
    ("an unknown topic", "    do: {choose_topic: energy}\n", "E201", "unknown topic 'energy' (did you mean 'energy_supply'?)", "energy}"),  # noqa: E501
    ("two picks at once", "    do: {select_country: DEU, choose_kind: call}\n", "E203", "names select_country and choose_kind", "do:"),  # noqa: E501
    ("a pick of nothing", "    do: {}\n", "E203", "names nothing", "do:"),
    ("a kind the side does not have", "    do: {choose_kind: engage}\n", "E203", "`engage: false`", "engage}"),
    ("a report action on the map", "    do: next_week\n    screen: map\n", "E203", "'next_week' is done on the report, not on the map", "map"),  # noqa: E501
    ("a week after the crisis", "    week: 9\n", "E202", "week 9 is after the crisis (it has 4 weeks)", "9"),
    ("a week on the debrief", "    screen: debrief\n    week: 2\n", "E203", "a debrief step has no week", "2"),
    ("a misspelt field", "    titel: Twice\n", "E102", "did you mean 'title'?", "titel"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "extra", "code", "words", "token"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_every_mistake_in_a_step_is_reported_where_it_is(tmp_path, what, extra, code, words, token):
    path = with_section(tmp_path, STEP + STEP + extra)
    scenario, problems = check(path)
    assert scenario is None
    lines = path.read_text(encoding="utf-8").splitlines()
    line = max(i for i, text in enumerate(lines, 1) if token in text and text in extra)
    matching = [p for p in problems if p.code == code and words in p.message]
    assert matching, [str(p) for p in problems]
    assert (matching[0].line, matching[0].column) == (line, lines[line - 1].index(token) + 1), str(matching[0])
    if code.startswith("E1"):  # the models' messages name the step (the second)
        assert "tutorial[1]" in matching[0].message


def test_steps_are_shown_in_the_order_of_their_weeks(tmp_path):
    path = with_section(tmp_path, STEP + "    week: 3\n" + STEP + "    week: 2\n")
    _, problems = check(path)
    assert [p.message for p in problems] == [
        "steps are shown in order: this step of week 2 comes after a step of week 3"
    ]
    assert problems[0].line == len(path.read_text(encoding="utf-8").splitlines())


def test_a_step_after_the_debriefs_is_refused(tmp_path):
    path = with_section(tmp_path, STEP + "    screen: debrief\n" + STEP + "    do: add_order\n")
    _, problems = check(path)
    assert [(p.code, p.message) for p in problems] == [
        ("E203", "the debrief's steps come last: this step after one would never be shown")
    ]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert problems[0].line == len(lines) - 2  # the step's "- title:" line


def test_a_topic_the_player_cannot_raise_is_refused(tmp_path):
    path = with_section(tmp_path, STEP + "    do: {choose_topic: business}\n")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    leverage: {USA: 0.4, RUS: 1.0}", "    leverage: {RUS: 1.0}"), encoding="utf-8")
    _, problems = check(path)
    assert [p.code for p in problems] == ["E203"]
    assert "USA has no leverage on topic 'business'" in problems[0].message


def test_a_variant_inherits_the_tutorial_or_replaces_it(tmp_path):
    (tmp_path / "same.yaml").write_text("format: 2\nextends: tutorial\nid: same\ntitle: Same\n", encoding="utf-8")
    (tmp_path / "none.yaml").write_text("format: 2\nextends: tutorial\nid: none\ntitle: None\ntutorial: []\n")
    assert len(load_scenario(tmp_path / "same.yaml").tutorial) == len(load_scenario("tutorial").tutorial)
    assert load_scenario(tmp_path / "none.yaml").tutorial == ()


def test_the_guides_tutorial_is_valid_and_compiles(tmp_path):
    path = follow_the_guide(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + block("tutorial:"), encoding="utf-8")
    scenario, problems = check(path)
    assert [str(p) for p in problems] == []
    steps = scenario.tutorial
    assert [s.screen for s in steps] == ["map"] * 5 + ["report", "map", "debrief"]
    assert steps[1].value == "POL" and steps[6].week == 2


def test_every_condition_is_in_the_format_reference():
    text = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    section = text.split("## Tutorial steps", 1)[1].split("## Problem codes", 1)[0]
    for name, condition in {**ACTIONS, **PICKS}.items():
        assert name in section and condition.words in section
