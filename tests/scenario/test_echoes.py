"""The scenario's `echoes` (arguments heard beyond the capital they are pressed in): compiled into the engine's
shares, and every bad value reported at its file:line:column."""

from __future__ import annotations

import numpy as np
import pytest

from game.scenario import check, load_scenario
from tests.conftest import ROOT

TRW = (ROOT / "scenarios" / "the_rational_way.yaml").read_text(encoding="utf-8")


def test_the_bundled_echoes_compile_to_shares_between_capitals():
    ftz = load_scenario("flood_the_zone")
    rules = ftz.rules
    sanctions, deu, ita, hun = (
        rules.topic_index("sanctions"),
        rules.country_index("DEU"),
        rules.country_index("ITA"),
        rules.country_index("HUN"),
    )
    assert rules.echo[sanctions, deu, ita] == -0.25
    assert rules.echo[sanctions, deu, hun] == -0.3
    assert rules.echo[sanctions, ita, deu] == 0.0  # an echo runs one way
    energy = rules.topic_index("energy_supply")
    for gulf in ("KWT", "SAU", "ARE"):
        assert rules.echo[energy, rules.country_index(gulf), deu] == 0.06
    # every capital hears at most a share of -1..1 and never its own argument
    assert np.abs(rules.echo).max() <= 1.0
    assert not np.diagonal(rules.echo, axis1=1, axis2=2).any()
    # a what-if variant inherits them
    assert np.array_equal(load_scenario("flood_the_zone_ns2_halt").rules.echo, rules.echo)


def test_a_group_stands_for_its_members_where_an_argument_is_heard(tmp_path):
    text = TRW.replace("    heard_in: {EST: -0.2, LVA: -0.2, LTU: -0.2}", "    heard_in: {EAST: -0.2}", 1)
    assert text != TRW
    path = tmp_path / "group.yaml"
    path.write_text(text, encoding="utf-8")
    scenario, problems = check(path)
    assert problems == []
    rules = scenario.rules
    heard = rules.echo[rules.topic_index("russian_terms"), rules.country_index("FRA")]
    assert sorted(rules.countries[c] for c in np.flatnonzero(heard)) == ["EST", "LTU", "LVA", "POL", "ROU"]


BAD = [
    # (what, old, new, the text on the line the problem must point at, its column's text, code, words)
    ("an unknown topic", "  - topic: russian_terms\n", "  - topic: russain_terms\n", "russain_terms", "russain_terms", "E201", "did you mean 'russian_terms'?"),  # noqa: E501
    ("an unknown capital pressed", "    pressed_in: [FRA]\n", "    pressed_in: [FRAN]\n", "pressed_in: [FRAN]", "FRAN", "E201", "unknown country or group 'FRAN'"),  # noqa: E501
    ("an unknown capital hearing", "{EST: -0.2, LVA", "{ESTT: -0.2, LVA", "ESTT", "ESTT", "E201", "unknown country or group 'ESTT'"),  # noqa: E501
    ("a share past 1", "{EST: -0.2, LVA", "{EST: -1.5, LVA", "EST: -1.5", "-1.5", "E103", "-1"),
    ("a capital hearing its own argument", "{EST: -0.2, LVA", "{FRA: -0.2, LVA", "FRA: -0.2", "FRA", "E203", "cannot hear its own argument"),  # noqa: E501
    ("a share of nothing", "{EST: -0.2, LVA", "{EST: 0, LVA", "EST: 0,", "EST", "W306", "does nothing"),
]  # fmt: skip


@pytest.mark.parametrize(("what", "old", "new", "at", "column", "code", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_echo_data_is_reported_at_its_line_and_column(tmp_path, what, old, new, at, column, code, words):
    assert old in TRW
    text = TRW.replace(old, new, 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check(path)
    matching = [p for p in problems if p.code == code and words in p.message]
    assert matching, [str(p) for p in problems]
    lines = text.splitlines()
    line = next(i for i, t in enumerate(lines, 1) if at in t and i > text[: text.index("echoes:")].count("\n"))
    assert (matching[0].line, matching[0].column) == (line, lines[line - 1].index(column) + 1), str(matching[0])
    assert str(matching[0]).startswith(f"{path}:{line}:")


def test_two_echoes_giving_one_pair_of_capitals_a_share_are_refused_at_the_second(tmp_path):
    second = "  - topic: russian_terms\n    pressed_in: [FRA]\n    heard_in: {ROU: -0.1, LVA: -0.3}\n"
    text = TRW.rstrip("\n") + "\n" + second
    path = tmp_path / "twice.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check(path)
    assert [p.code for p in problems] == ["E203"], [str(p) for p in problems]
    assert "already gives LVA a share of russian_terms pressed in FRA" in problems[0].message
    lines = text.splitlines()
    assert problems[0].line == len(lines)
    assert problems[0].column == lines[-1].index("LVA") + 1  # at the capital, not its share
