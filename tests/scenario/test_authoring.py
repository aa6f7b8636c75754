"""A scenario author's path: new-scenario, the guide's steps, the mistakes everyone makes, a what-if variant.

The guide (docs/writing-a-scenario.md) is followed here literally: its YAML blocks are pasted into a fresh
starter where it says, and the result must validate cleanly and play; every mistake its table lists must be
reported at its line with the hint it shows.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from game.ai import POLICIES
from game.scenario import check, load_scenario
from game.scenario.template import render, scenario_id, write_new_scenario
from game.sim import play_game
from tests.conftest import ROOT, run_game

GUIDE = (ROOT / "docs" / "writing-a-scenario.md").read_text(encoding="utf-8")
GUIDE_BLOCKS = re.findall(r"```yaml\n(.*?)```", GUIDE, flags=re.S)


def block(first_line: str) -> str:
    found = [b for b in GUIDE_BLOCKS if b.lstrip().startswith(first_line)]
    assert len(found) == 1, f"the guide has no (single) YAML block starting with {first_line!r}"
    return found[0]


def insert_before(text: str, marker: str, addition: str) -> str:
    assert text.count(marker) == 1, marker
    index = text.index(marker)
    return text[:index] + addition + text[index:]


def follow_the_guide(folder: Path) -> Path:
    """Steps 1-8 of the guide, as an author would do them."""
    path = write_new_scenario("baltic_winter", folder)
    text = path.read_text(encoding="utf-8")
    # Step 3: list the timeline seed.
    seeds = block("seeds:\n  - 000_966678d371abad6d.txt\n  - 004")
    text = re.sub(r"seeds: .*\n  - 000_966678d371abad6d.txt\n", seeds, text, count=1)
    # Step 4: Poland after Japan (before dynamics), the B9 group after the G7.
    text = insert_before(text, "\ndynamics:", "\n" + block("POL:").rstrip("\n"))
    text = insert_before(text, "\n# The countries to win over", "\n" + block("B9:").rstrip("\n"))
    # Step 5: the event, after the starter's one.
    text = insert_before(text, "\n# What each side really did", "\n" + block("- id: b9_call").rstrip("\n"))
    # Step 6: the documented group call.
    text = insert_before(text, "    outreach:                    # fills the rest", block("- date: 2022-01-03"))
    # Step 8: the calibration check, at the end.
    text = text.rstrip("\n") + "\n" + block("- id: poland_with_washington")
    path.write_text(text, encoding="utf-8")
    return path


# --- new-scenario ----------------------------------------------------------------------------------------------


def test_new_scenario_writes_a_valid_commented_playable_scenario(tmp_path):
    result = run_game("new-scenario", "my_crisis", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "my_crisis.yaml"
    assert f"wrote {path.name}" in result.stdout
    scenario, problems = check(path)
    assert problems == [] and scenario is not None
    assert scenario.id == "my_crisis" and scenario.title == "My Crisis"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert text.count("INVENTED") >= 10 and "sources:" in text and "seeds/" in text
    for policy in sorted(POLICIES):
        game = play_game(scenario, policy, seed=2)
        assert game.final.turn == scenario.rules.n_turns


def test_the_starter_labels_its_invented_numbers():
    # The same rule as for bundled scenarios (tests/test_scenarios.py).
    text = render("x")
    for section in ("dynamics:", "rungs:"):
        line = next(line for line in text.splitlines() if line.strip().startswith(section))
        assert "INVENTED" in line, line
    for key in ("power:", "calls:", "visits:"):
        for line in text.splitlines():
            if line.strip().startswith(key) and re.match(r"\s+\w+:\s*\d", line):
                assert "INVENTED" in line, line


def test_new_scenario_points_editors_at_an_existing_schema(tmp_path):
    path = write_new_scenario("a", tmp_path)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    target = first.split("$schema=", 1)[1]
    assert target.startswith("file://") and Path(target[len("file://") :]).is_file()
    (tmp_path / "scenario.schema.json").write_text("{}", encoding="utf-8")
    path = write_new_scenario("b", tmp_path)  # a schema next to it is preferred: the folder can move
    assert path.read_text(encoding="utf-8").splitlines()[0].endswith("$schema=scenario.schema.json")


def test_new_scenario_calibrates(tmp_path):
    run_game("new-scenario", "c", cwd=tmp_path)
    result = run_game("calibrate", str(tmp_path / "c.yaml"), "--runs", "20")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1/1 documented positions reproduced" in result.stdout


def test_new_scenario_never_overwrites(tmp_path):
    existing = tmp_path / "mine.yaml"
    existing.write_text("my work\n", encoding="utf-8")
    result = run_game("new-scenario", "mine", "--out", str(tmp_path))
    assert result.returncode == 1
    assert result.stdout == "" and result.stderr.count("\n") == 1 and "already exists" in result.stderr
    assert existing.read_text(encoding="utf-8") == "my work\n"


@pytest.mark.parametrize("name", ["1st", "a/b", "___", ""])
def test_new_scenario_refuses_a_name_it_cannot_use(tmp_path, name):
    result = run_game("new-scenario", name, "--out", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_scenario_makes_the_out_folder_and_accepts_a_yaml_suffix_and_spaces(tmp_path):
    result = run_game("new-scenario", "Class Crisis.yaml", "--out", str(tmp_path / "new" / "dir"))
    assert result.returncode == 0, result.stderr
    path = tmp_path / "new" / "dir" / "Class Crisis.yaml"
    assert load_scenario(path).id == "class_crisis"
    assert scenario_id("Class Crisis") == "class_crisis" and scenario_id("9 lives") is None


# --- the guide, followed ---------------------------------------------------------------------------------------


def test_following_the_guide_gives_a_clean_playable_calibrated_scenario(tmp_path):
    path = follow_the_guide(tmp_path)
    scenario, problems = check(path)
    assert [str(p) for p in problems] == []
    assert "POL" in scenario.rules.countries and "b9_call" in scenario.event_ids
    assert play_game(scenario, "historical", seed=1).final.turn == scenario.rules.n_turns
    result = run_game("calibrate", str(path), "--runs", "20")
    assert result.returncode == 0, result.stdout
    assert "2/2 documented positions reproduced" in result.stdout


def test_the_guides_what_if_variant_works(tmp_path):
    follow_the_guide(tmp_path)
    first = (tmp_path / "baltic_winter.yaml").read_text(encoding="utf-8").splitlines(keepends=True)[0]
    variant = tmp_path / "baltic_winter_what_if.yaml"
    variant.write_text(first + block("# WHAT IF"), encoding="utf-8")
    scenario, problems = check(variant)
    assert [str(p) for p in problems] == []
    assert scenario.doc.countries["DEU"].alignment == 50
    assert "b9_call" not in scenario.event_ids and "berlin_stands_firm" in scenario.event_ids
    assert scenario.doc.calibration.checks == []
    assert play_game(scenario, "random", seed=1).final.turn == scenario.rules.n_turns
    result = run_game("calibrate", str(variant))
    assert result.returncode == 1 and "no calibration checks" in result.stderr


# --- the mistakes of the guide's table -------------------------------------------------------------------------

POL_SOURCE = (
    "Secretary of State Antony J. Blinken spoke today with the Bucharest Nine (B9) group of eastern flank NATO Allies."
)
MISTAKES = [
    # (what the author changes, old, new, the line the problem must be on (a snippet of it), code, hint)
    ("a typo in a key", "    alignment: 70     ", "    allignment: 70     ", "allignment", "E102", "did you mean 'alignment'?"),  # noqa: E501
    ("a missing field", "    position: An eastern flank ally, in Blinken's calls with the Bucharest Nine.\n", "", "  POL:", "E101", "missing field 'position'"),  # noqa: E501
    ("NO unquoted", "    members: [POL]", "    members: [POL, NO]", "members: [POL, NO]", "W303", "quote it: 'NO'"),
    ("NO unquoted, as a code", "    members: [POL]", "    members: [POL, NO]", "members: [POL, NO]", "E103", "got false"),  # noqa: E501
    ("an impossible date", "    date: 2022-01-03\n    headline: Blinken", "    date: 2022-02-30\n    headline: Blinken", "2022-02-30", "E103", "day value is outside expected range"),  # noqa: E501
    ("a date after the crisis", "    date: 2022-01-03\n    headline: Blinken", "    date: 2022-03-15\n    headline: Blinken", "2022-03-15", "W305", "outside the crisis"),  # noqa: E501
    ("an unknown country code", "      - shift: {countries: [B9], by: 3}", "      - shift: {countries: [POLL], by: 3}", "[POLL]", "E201", "did you mean 'POL'?"),  # noqa: E501
    ("an unknown topic", "{security: 1.6, energy_supply: 0.8}", "{secruity: 1.6, energy_supply: 0.8}", "secruity", "E201", "did you mean 'security'?"),  # noqa: E501
    ("an unknown effect", "      - shift: {countries: [B9], by: 3}", "      - shfit: {countries: [B9], by: 3}", "shfit", "E204", "did you mean 'shift'?"),  # noqa: E501
    ("an unknown region", "    name: Poland\n    region: europe", "    name: Poland\n    region: europ", "region: europ", "E201", "did you mean 'europe'?"),  # noqa: E501
    ("a passage copied wrong", POL_SOURCE, POL_SOURCE.replace("Antony J. ", "").replace("flank ", ""), "Blinken spoke today", "W301", "closest in the seed"),  # noqa: E501
    ("a duplicate key", "    weight: 2                      # INVENTED\n", "    weight: 2                      # INVENTED\n    alignment: 60\n", "alignment: 60", "E003", "duplicate key 'alignment'"),  # noqa: E501
    ("a tab", "    name: Poland\n", "\tname: Poland\n", "\tname: Poland", "E002", "indent with spaces, not tabs"),
    ("an unknown group to convene", "        to: B9\n", "        to: B8\n", "to: B8", "E201", "did you mean 'B9'?"),
    ("a seed not listed", "  - 004_955fe242cd342df8.txt\n", "", "seed: 004_955fe242cd342df8.txt", "E201", "not listed in this scenario's seeds"),  # noqa: E501
]  # fmt: skip


@pytest.fixture(scope="module")
def guided(tmp_path_factory) -> str:
    return follow_the_guide(tmp_path_factory.mktemp("guide")).read_text(encoding="utf-8")


@pytest.mark.parametrize(("what", "old", "new", "at", "code", "hint"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_every_typical_mistake_is_reported_at_its_line_with_a_hint(tmp_path, guided, what, old, new, at, code, hint):
    assert old in guided, f"the guide's scenario has no {old!r}"
    text = guided.replace(old, new, 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check(path)
    lines, before = text.splitlines(), set(guided.splitlines())
    candidates = [i for i, line in enumerate(lines, 1) if at in line]
    line = ([i for i in candidates if lines[i - 1] not in before] or candidates)[0]  # the changed line, if any
    matching = [p for p in problems if p.code == code and hint in p.message]
    assert matching, [str(p) for p in problems]
    assert matching[0].line == line, (str(matching[0]), line)


def test_the_guides_table_shows_what_the_validator_says():
    """The messages quoted in the guide are the validator's (up to the parts they leave out)."""
    table = GUIDE.split("These are the mistakes everyone makes first", 1)[1].split("Two things to know", 1)[0]
    quoted = re.findall(r"`((?:error|warning) [EW]\d{3} [^`]*)`", table)
    assert len(quoted) >= 12
    for text in quoted:
        code = text.split()[1]
        assert any(code == m[4] for m in MISTAKES), text


# --- the bundled what-if variant -------------------------------------------------------------------------------


def test_the_nord_stream_what_if_variant():
    path = ROOT / "scenarios" / "flood_the_zone_ns2_halt.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=scenario.schema.json\n")
    data = yaml.safe_load(text)
    assert data["extends"] == "flood_the_zone"
    scenario, problems = check(path)
    assert problems == []
    base = load_scenario("flood_the_zone")
    assert scenario.id != base.id and scenario.title == "What if Germany halted Nord Stream 2 in December?"
    assert scenario.doc.calibration.checks == []
    halt = next(e for e in scenario.doc.events if e.id == "berlin_halts_nord_stream_2")
    assert halt.invented and halt.date.month == 12 and "not history" in halt.body
    effects = [(name, params) for effect in halt.effects for name, params in effect.items()]
    assert ("shift", {"countries": ["DEU"], "by": 10}) in effects  # Germany shifts toward Washington
    assert any(n == "tie" and p["tie"] == "russia_energy" and p["by"] < 0 for n, p in effects)  # its energy tie
    assert any(n == "interest" and p["topic"] == "energy_supply" and p["by"] < 0 for n, p in effects)  # the lever
    assert any(s.seed == "004_955fe242cd342df8.txt" and "Nord Stream 2" in s.passage for s in halt.sources)
    # Everything else is inherited: the same countries, and the historical events but the replaced one.
    assert scenario.rules.countries == base.rules.countries
    assert set(base.event_ids) <= set(scenario.event_ids)
    assert scenario.doc.events[base.event_ids.index("nord_stream_hardening")].invented
    # Berlin moves earlier: Germany ends the what-if closer to Washington than history, on average.
    end = [play_game(s, "historical", seed=k).final.alignment[0, 2] for s in (base, scenario) for k in range(3)]
    assert sum(end[3:]) > sum(end[:3])


def test_calibrating_a_scenario_without_checks_says_so():
    result = run_game("calibrate", "flood_the_zone_ns2_halt")
    assert result.returncode == 1
    assert "no calibration checks" in result.stderr and "Traceback" not in result.stderr


# --- more hints: sources, seeds, event ids ---------------------------------------------------------------------


def test_a_country_without_sources_is_a_warning_at_its_code(tmp_path, guided):
    sources = f'    sources:\n      - seed: 004_955fe242cd342df8.txt\n        passage: "{POL_SOURCE}"\n'
    text = guided.replace(sources + "        supports: [alignment, interests]\n", "", 1)
    assert text != guided
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check(path)
    assert [(p.code, p.line) for p in problems] == [("W302", text.splitlines().index("  POL:") + 1)]
    assert "added: true" in problems[0].message


def test_own_seeds_are_found_next_to_the_scenario_and_a_missing_one_says_where_it_was_looked_for(tmp_path):
    path = write_new_scenario("mine", tmp_path)
    text = path.read_text(encoding="utf-8").replace(
        "  - 000_966678d371abad6d.txt\n", "  - 000_966678d371abad6d.txt\n  - my_article.txt\n", 1
    )
    text = text.replace(
        '        passage: "Russia, too, is making the rounds."',
        '        passage: "Russia, too, is making the rounds."\n      - seed: my_article.txt\n'
        '        passage: "Moscow courts the same capitals"',
    )
    path.write_text(text, encoding="utf-8")
    _, problems = check(path)
    assert {p.code for p in problems} == {"W304"}
    assert str((tmp_path / "seeds").resolve()) not in problems[0].message  # there is no seeds/ folder yet
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "my_artcle.txt").write_text("Moscow courts the same capitals.\n", encoding="utf-8")
    _, problems = check(path)
    assert problems[0].code == "W304" and "did you mean 'my_artcle.txt'" in problems[0].message
    assert str((tmp_path / "seeds").resolve()) in problems[0].message
    (tmp_path / "seeds" / "my_artcle.txt").rename(tmp_path / "seeds" / "my_article.txt")
    assert check(path)[1] == []


def test_an_unknown_event_id_in_a_condition_gets_a_did_you_mean(tmp_path, guided):
    after = "  - id: after\n    headline: After\n    when: [{fired: {event: b9_cal}}]\n"
    text = guided.replace("  - id: b9_call\n", after + "  - id: b9_call\n")
    path = tmp_path / "e.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check(path)
    assert [p.code for p in problems] == ["E201"] and "did you mean 'b9_call'?" in problems[0].message
    assert problems[0].line == text.splitlines().index("    when: [{fired: {event: b9_cal}}]") + 1
