"""The scenario's `promises` (pledges attached to a call or a visit): compiled into the engine's specs, and every
bad value reported at its file:line:column."""

from __future__ import annotations

import pytest

from game.scenario import check, load_scenario
from tests.conftest import ROOT

FTZ = (ROOT / "scenarios" / "flood_the_zone.yaml").read_text(encoding="utf-8")


def test_the_bundled_promises_compile_with_their_capitals_and_keeping():
    rules = load_scenario("flood_the_zone").rules
    by_code = {p.code: p for p in rules.promises}
    assert set(by_code) == {"allied_consultation", "kyiv_consulted", "gas_for_europe"}
    allies = by_code["allied_consultation"]
    # a group stands for its members: NATO and Finland, not Kyiv or the Gulf
    offered = {rules.countries[c] for c in allies.offered}
    assert {"POL", "DEU", "TUR", "FIN"} <= offered and not offered & {"UKR", "KWT", "CHN"}
    assert allies.keep_in == ()  # kept in the capital it was made to
    gas = by_code["gas_for_europe"]
    assert sorted(rules.countries[c] for c in gas.keep_in) == ["ARE", "KWT", "SAU"]
    assert rules.labels.promises[gas.index] == "gas deliveries if Moscow cuts supply"
    assert rules.promise_limit == 3
    # a what-if variant inherits them; the tutorial teaches one; every bundled scenario offers some
    assert load_scenario("flood_the_zone_ns2_halt").rules.promises == rules.promises
    assert [p.code for p in load_scenario("tutorial").rules.promises] == ["gas_for_europe"]
    assert len(load_scenario("isolation_complication").rules.promises) == 2
    assert len(load_scenario("the_rational_way").rules.promises) == 2


BAD = [
    # (what, old, new, the text on the line the problem must point at, its column's text, code, words)
    ("an unknown topic", "    topics: [energy_supply]\n", "    topics: [energy_suply]\n", "energy_suply", "energy_suply", "E201", "did you mean 'energy_supply'?"),  # noqa: E501
    ("a topic the side cannot raise", "    topics: [energy_supply]\n", "    topics: [world_order]\n", "world_order", "world_order", "E203", "nothing to offer on 'world_order'"),  # noqa: E501
    ("an unknown capital", "    to: [UKR]\n", "    to: [UKX]\n", "to: [UKX]", "UKX", "E201", "unknown country or group 'UKX'"),  # noqa: E501
    ("an unknown keeping place", "at: [GULF]}", "at: [GOLF]}", "GOLF", "GOLF", "E201", "did you mean 'GULF'?"),
    ("an unknown keeping topic", "keep: {within: 2, topic: sovereignty}", "keep: {within: 2, topic: sovereign}", "topic: sovereign}", "sovereign", "E201", "unknown topic 'sovereign'"),  # noqa: E501
    ("too long to keep", "keep: {within: 2, topic: sovereignty}", "keep: {within: 40, topic: sovereignty}", "within: 40", "40", "E103", "12"),  # noqa: E501
    ("mistrust past all", "broken: {shift: 6, mistrust: 0.5, weeks: 3}", "broken: {shift: 6, mistrust: 1.5, weeks: 3}", "mistrust: 1.5", "1.5", "E103", "1"),  # noqa: E501
    ("an unknown side", "    by: USA\n    name: gas", "    by: USB\n    name: gas", "by: USB", "USB", "E201", "unknown actor 'USB'"),  # noqa: E501
    ("an id used twice", "  - id: kyiv_consulted\n", "  - id: allied_consultation\n", "id: allied_consultation", "allied_consultation", "E203", "used twice"),  # noqa: E501
]  # fmt: skip


@pytest.mark.parametrize(("what", "old", "new", "at", "column", "code", "words"), BAD, ids=[b[0] for b in BAD])
def test_bad_promise_data_is_reported_at_its_line_and_column(tmp_path, what, old, new, at, column, code, words):
    start = FTZ.index("\npromises:\n")
    assert old in FTZ[start:]
    text = FTZ[:start] + FTZ[start:].replace(old, new, 1)
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check(path)
    matching = [p for p in problems if p.code == code and words in p.message]
    assert matching, [str(p) for p in problems]
    lines = text.splitlines()
    after = text[:start].count("\n") + 1
    # the last line naming it: an id used twice is reported at its second use
    line = max(i for i, t in enumerate(lines, 1) if at in t and i > after)
    assert (matching[0].line, matching[0].column) == (line, lines[line - 1].index(column) + 1), str(matching[0])
    assert str(matching[0]).startswith(f"{path}:{line}:")


def test_a_promise_that_cites_nothing_is_refused(tmp_path):
    start = FTZ.index("\npromises:\n")
    tail = FTZ[start:]
    cut = tail.index("    sources:\n", tail.index("id: gas_for_europe"))
    text = FTZ[:start] + tail[:cut]
    path = tmp_path / "uncited.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check(path)
    assert any(p.code == "E203" and "'gas_for_europe' cites nothing" in p.message for p in problems), problems
