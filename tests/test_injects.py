"""The teacher's injects: the format (good and hostile files, each mistake at its line and column), the
bundled ones (cited, worded as what-ifs, their numbers marked INVENTED), the engine step (pure: the same game
alone and in a batch, never by itself), and the session (a save round trip, replays, the report, old saves)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import numpy as np
import pytest

from game.classroom.play import result_summary
from game.classroom.replay import replay_data, replay_from_data
from game.classroom.report import render_report
from game.engine import (
    Dice,
    IllegalOrder,
    contacts_from_sheets,
    initial_state,
    inject_events,
    raised_from_sheets,
    release_injects,
    resolve_contacts,
)
from game.engine.model import Sheet
from game.engine.resolve import engagements_from_sheets
from game.scenario import load_scenario
from game.scenario.loader import check
from game.session import SaveError, Session
from game.sim.loop import GameSpec, resolve_week
from game.sim.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
BUNDLED = ("flood_the_zone", "isolation_complication", "the_rational_way")

GOOD = """\
format: 2
extends: flood_the_zone
id: inject_test
injects:
  - id: wobble
    headline: "What if: a wobble in Zagreb"
    body: In January 2022 POLITICO noted mixed messaging from Croatia.
    note: For the teacher.
    effects:
      - shift: {countries: [HRV], by: -6}     # INVENTED
      - budget: {actor: USA, resource: calls, by: -1, turns: 1}   # INVENTED
    sources:
      - seed: 000_966678d371abad6d.txt
        passage: "as in the case of Croatia"
"""


def _problems(tmp_path, text: str) -> list[str]:
    path = tmp_path / "inject_test.yaml"
    path.write_text(text, encoding="utf-8")
    scenario, problems = check(path, SEEDS)
    return [f"{p.line}:{p.column}: {p.severity} {p.code} {p.message}" for p in problems], scenario


@pytest.fixture(scope="module")
def ftz():
    return load_scenario("flood_the_zone")


# ---------------------------------------------------------------------------------------------- the format


def test_a_good_inject_compiles_after_the_events_and_escalations(tmp_path):
    problems, scenario = _problems(tmp_path, GOOD)
    assert problems == [] and scenario is not None
    event = scenario.inject_index("wobble")
    assert event == len(scenario.doc.events) + len(scenario.doc.escalations)
    spec = scenario.rules.events[event]
    assert spec.inject and spec.turn == scenario.rules.n_turns and not spec.conditions
    assert scenario.event(event).headline == "What if: a wobble in Zagreb"
    assert scenario.event(event).invented and scenario.event(event).date is None
    assert inject_events(scenario.rules) == (event,)
    with pytest.raises(ValueError, match="no inject 'gas_squeeze'"):
        scenario.inject_index("gas_squeeze")


def test_schema_mistakes_are_each_reported_at_their_line(tmp_path):
    text = GOOD.replace('headline: "What if: a wobble in Zagreb"', "headline: x").replace(
        "note: For the teacher.", "note: For the teacher.\n    surprise: 1\n    body: " + "b" * 601
    )
    text = text.replace("    body: In January 2022 POLITICO noted mixed messaging from Croatia.\n", "", 1)
    problems, scenario = _problems(tmp_path, text)
    assert scenario is None
    assert any(p.startswith("6:15: error E103 injects[0].headline: expected text of 3 to 160") for p in problems)
    assert any(p.startswith("8:5: error E102 unknown field 'surprise' in injects[0]") for p in problems)
    assert any(p.startswith("9:11: error E103 injects[0].body: expected text of at most 600") for p in problems)
    empty = GOOD.replace(
        "    effects:\n      - shift: {countries: [HRV], by: -6}     # INVENTED\n"
        "      - budget: {actor: USA, resource: calls, by: -1, turns: 1}   # INVENTED\n",
        "    effects: []\n",
    )
    problems, _ = _problems(tmp_path, empty)
    assert any("9:14: error E103 injects[0].effects: expected a list of mappings with 1 to 12" in p for p in problems)


def test_reference_mistakes_are_each_reported_at_their_line(tmp_path):
    text = (
        GOOD.replace("countries: [HRV], by: -6", "countries: [HRV, XXX], by: 500").replace(
            "actor: USA, resource: calls", "actor: USA, resource: tanks"
        )
        + """\
  - id: wobble
    headline: "What if: twice"
    effects:
      - explode: {countries: [HRV]}
      - move_line: {countries: [HRV], rung: sanctoins, by: 3}
    sources:
      - seed: 000_966678d371abad6d.txt
        passage: "a passage that is in no article"
  - id: stockholm_meeting
    headline: "What if: no sources"
    effects:
      - shift: {countries: [HRV], by: 1}
"""
    )
    problems, scenario = _problems(tmp_path, text)
    assert scenario is None
    expected = [
        "10:34: error E201 unknown country or group 'XXX'",
        "10:44: error E103 by: expected a number from -100 to 100, got 500",
        "15:9: error E203 inject id 'wobble' is used twice (also an inject)",
        "18:9: error E204 unknown effect 'explode'",
        "19:45: error E201 unknown rung 'sanctoins' (did you mean 'sanctions'?)",
        "22:18: warning W301 passage not found in 000_966678d371abad6d.txt",
        "23:5: error E203 inject 'stockholm_meeting' cites nothing (give sources or public_sources)",
        "23:9: error E203 inject id 'stockholm_meeting' is used twice (also an event)",
    ]
    for line in expected:
        assert any(p.startswith(line) for p in problems), (line, problems)
    assert "11:40: error E201 unknown resource 'tanks'" in problems


@pytest.mark.parametrize(
    "hostile",
    [
        "injects: {wobble: 1}\n",
        "injects:\n  - 3\n",
        "injects:\n  - id: Bad-Id\n    headline: What if\n    effects: [{shift: {countries: [HRV], by: 1}}]\n",
        "injects:\n  - id: w\n    headline: What if\n    effects: [{shift: {countries: HRV, by: [1]}}]\n    "
        "sources: [{seed: 000_966678d371abad6d.txt, passage: Croatia}]\n",
        "injects:\n  - id: w\n    headline: What if\n    effects: [{}]\n    "
        "sources: [{seed: 000_966678d371abad6d.txt, passage: Croatia}]\n",
        "injects:\n  - id: w\n    headline: What if\n    effects: [" + ", ".join(["{x: {}}"] * 13) + "]\n",
    ],
)
def test_hostile_injects_are_refused_with_a_line_and_never_crash(tmp_path, hostile):
    text = "format: 2\nextends: flood_the_zone\nid: inject_test\n" + hostile
    problems, scenario = _problems(tmp_path, text)
    assert scenario is None
    errors = [p for p in problems if " error " in p]
    assert errors and all(re.match(r"^\d+:\d+: error E\d{3} ", p) for p in errors)
    assert all(int(p.split(":")[0]) >= 4 for p in errors)


# -------------------------------------------------------------------------------------- the bundled injects


@pytest.mark.parametrize("name", BUNDLED)
def test_the_bundled_injects_are_cited_what_ifs_with_their_numbers_marked_invented(name):
    scenario = load_scenario(name)
    assert scenario.doc.injects, f"{name} has no injects"
    for inject in scenario.doc.injects:
        # Never history that did not happen: the headline asks "what if", the body says what did.
        assert inject.headline.startswith("What if"), inject.id
        assert inject.sources or inject.public_sources
        assert inject.note
    text = (ROOT / "scenarios" / f"{name}.yaml").read_text(encoding="utf-8")
    section = text.split("\ninjects:\n", 1)[1].split("\nplaybooks:\n", 1)[0]
    effect_lines = [line for line in section.splitlines() if re.match(r"^\s+- [a-z_]+: \{", line)]
    assert effect_lines and all("INVENTED" in line for line in effect_lines)


def test_a_scenario_without_injects_keeps_its_digest():
    """Saves and running classes name their scenario by a digest of its content: a scenario without injects
    digests as it did before the format had them (the document without the key), so their saves still load."""
    import hashlib

    from game.session import scenario_digest

    tutorial = load_scenario("tutorial")
    assert not tutorial.doc.injects
    before = {"injects"} | ({"settings"} if tutorial.doc.settings is None else set())
    text = tutorial.doc.model_dump_json(exclude=before)
    assert scenario_digest(tutorial) == hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    with_injects = load_scenario("flood_the_zone")
    assert '"injects"' in with_injects.doc.model_dump_json() and with_injects.doc.injects


# -------------------------------------------------------------------------------------------- the engine


def test_an_inject_never_happens_by_itself(ftz):
    game = Session(ftz, 3)
    while not game.is_over:
        game.end_turn()
    for event in inject_events(ftz.rules):
        assert not game.state.fired[0, event]
        assert all(e.event != event for w in game.weeks for e in w.record.events)


def test_the_release_is_pure_and_the_same_alone_and_in_a_batch(ftz):
    rules = ftz.rules
    spec = GameSpec(ftz, 9)
    event = ftz.inject_index("swift_back_on_table")
    state = initial_state(rules)
    sheets, result = resolve_week(spec, state)
    once = release_injects(rules, result, [event])
    again = release_injects(rules, result, [event])
    assert np.array_equal(once.state.alignment, again.state.alignment)
    assert once.records == again.records
    # The week's own result is not changed by the release (no array is written in place).
    assert not result.state.fired[0, event] and once.state.fired[0, event]
    # A batch of two games (the same game, and another seed's): each game's bits are its game alone.
    other = GameSpec(ftz, 10)
    other_sheets, other_result = resolve_week(other, state)
    batch = initial_state(rules, games=2)
    both = resolve_contacts(
        batch,
        contacts_from_sheets(rules, [sheets, other_sheets]),
        rules,
        Dice([9, 10]),
        record=True,
        engagements=engagements_from_sheets(rules, [sheets, other_sheets]),
        raised=raised_from_sheets(rules, [sheets, other_sheets]),
    )
    released = release_injects(rules, both, [event])
    alone = (once, release_injects(rules, other_result, [event]))
    for g in range(2):
        assert np.array_equal(released.state.alignment[g], alone[g].state.alignment[0])
        assert np.array_equal(released.state.thresholds[g], alone[g].state.thresholds[0], equal_nan=True)
        assert released.records[g] == alone[g].records[0]
    # The record holds it like an event, and the moves' causes still sum to each move.
    record = once.records[0]
    assert record.events[-1].event == event
    for move in record.moves:
        assert abs(sum(c.delta for c in move.causes) - move.delta) < 1e-9
    # Released a second time in the same game, it does nothing more.
    twice = release_injects(rules, once, [event])
    assert np.array_equal(twice.state.alignment, once.state.alignment)
    assert twice.records[0].events == once.records[0].events


def test_a_budget_effect_books_the_week_after_the_release(tmp_path):
    _, scenario = _problems(tmp_path, GOOD)
    game = Session(scenario, 4)
    calls = game.remaining()["calls"]
    game.release(scenario.inject_index("wobble"))
    game.end_turn()
    assert game.remaining()["calls"] == calls - 1


# ------------------------------------------------------------------------------------------- the session


def _played(ftz, releases: dict[int, list[str]], weeks: int = 4, seed: int = 21) -> Session:
    game = Session(ftz, seed, settings=Settings(rival="historical"))
    for _ in range(weeks):
        for inject in releases.get(game.turn, ()):
            game.release(ftz.inject_index(inject))
        game.end_turn()
    return game


def test_a_release_is_refused_twice_and_after_the_end(ftz):
    game = Session(ftz, 2)
    event = ftz.inject_index("gulf_gas_offer")
    game.release(event)
    with pytest.raises(IllegalOrder, match="released already"):
        game.release(event)
    game.end_turn()
    with pytest.raises(IllegalOrder, match="released already"):
        game.release(event)
    with pytest.raises(IllegalOrder, match="no such inject"):
        game.release(0)  # a dated event is not the teacher's to release
    while not game.is_over:
        game.end_turn()
    with pytest.raises(IllegalOrder, match="over"):
        game.release(ftz.inject_index("swift_back_on_table"))


def test_the_save_records_each_release_and_loads_to_the_same_game(ftz):
    game = _played(ftz, {0: ["zagreb_mixed_signals"], 2: ["gulf_gas_offer", "swift_back_on_table"]})
    game.release(ftz.inject_index("export_controls_early"))  # released this week, not landed yet
    data = json.loads(json.dumps(game.to_dict()))
    assert data["injects"] == [
        {"week": 0, "inject": "zagreb_mixed_signals"},
        {"week": 2, "inject": "gulf_gas_offer"},
        {"week": 2, "inject": "swift_back_on_table"},
        {"week": 4, "inject": "export_controls_early"},
    ]
    loaded = Session.from_dict(data, "save", ftz)
    assert loaded.to_dict() == game.to_dict()
    assert np.array_equal(loaded.state.alignment, game.state.alignment)
    assert loaded.released == [ftz.inject_index("export_controls_early")]
    assert [w.injects for w in loaded.weeks] == [w.injects for w in game.weeks]
    # Both play on to the same end.
    for session in (game, loaded):
        while not session.is_over:
            session.end_turn()
    assert np.array_equal(loaded.state.alignment, game.state.alignment)
    assert result_summary(loaded) == result_summary(game)


def test_a_replay_the_report_and_the_viewer_see_the_released_news(ftz):
    game = _played(ftz, {1: ["zagreb_mixed_signals"]}, weeks=ftz.rules.n_turns)
    replay = replay_from_data(json.loads(json.dumps(replay_data(game))))
    assert np.array_equal(replay.session.state.alignment, game.state.alignment)
    # The viewer's week-by-week copies replay the release too.
    for weeks in (1, 2, 5):
        copy_ = replay.session_at(weeks)
        assert np.array_equal(copy_.state.alignment, game.weeks[weeks].state_before.alignment)
    html = render_report(replay)
    assert "What if: mixed signals from Zagreb grew louder" in html
    # Without the release the game ends elsewhere: the save is what makes the replay right.
    plain = _played(ftz, {}, weeks=ftz.rules.n_turns)
    assert not np.array_equal(plain.state.alignment, game.state.alignment)


def test_an_old_save_without_injects_still_loads(ftz):
    game = _played(ftz, {})
    data = game.to_dict()
    assert "injects" not in data  # a game without releases saves exactly as before
    assert Session.from_dict(copy.deepcopy(data), "old", ftz).to_dict() == data


@pytest.mark.parametrize(
    "injects, words",
    [
        ([{"week": 0, "inject": "no_such"}], "no inject 'no_such'"),
        ([{"week": 0, "inject": "gas_squeeze"}], "no inject 'gas_squeeze'"),
        ([{"week": 9, "inject": "gulf_gas_offer"}], "after the game"),
        ([{"week": 0, "inject": "gulf_gas_offer"}, {"week": 1, "inject": "gulf_gas_offer"}], "released already"),
        ([{"week": -1, "inject": "gulf_gas_offer"}], "malformed save"),
        ([{"week": "1", "inject": "gulf_gas_offer"}], "malformed save"),
        ([{"inject": "gulf_gas_offer"}], "malformed save"),
        ("gulf_gas_offer", "malformed save"),
        ([{"week": 0, "inject": "x" * 5000}], "malformed save"),
    ],
)
def test_a_hostile_save_entry_is_one_clear_line(ftz, injects, words):
    data = _played(ftz, {}, weeks=2).to_dict()
    data["injects"] = injects
    with pytest.raises(SaveError, match=re.escape(words)) as error:
        Session.from_dict(data, "hostile.json", ftz)
    assert "\n" not in str(error.value) and str(error.value).startswith("hostile.json: ")


def test_the_session_and_the_loop_agree_on_a_released_week(ftz):
    game = Session(ftz, 13)
    event = ftz.inject_index("swift_back_on_table")
    game.release(event)
    game.end_turn()
    spec = game.spec
    given = {game.player: game.weeks[0].sheets[0] if game.weeks[0].sheets[0].actor == game.player else Sheet(0)}
    _, result = resolve_week(spec, initial_state(ftz.rules), given, injects=(event,))
    assert np.array_equal(result.state.alignment, game.state.alignment)


def test_a_headless_game_with_the_same_releases_ends_as_the_session(ftz):
    """``simulate``'s loop (``loop.play``) given the week of each release plays the session's game."""
    from game.sim.loop import play

    releases = {1: ["gulf_gas_offer"], 3: ["swift_back_on_table", "zagreb_mixed_signals"]}
    spec = GameSpec(ftz, 17, Settings(rival="historical"), "historical")
    headless = play(spec, injects={w: [ftz.inject_index(i) for i in ids] for w, ids in releases.items()})
    game = Session(ftz, 17, settings=Settings(rival="historical"))
    while not game.is_over:
        for inject in releases.get(game.turn, ()):
            game.release(ftz.inject_index(inject))
        week = headless.sheets[game.turn]
        for order in next(s for s in week if s.actor == game.player).orders:
            game.add(order)
        game.end_turn()
    assert np.array_equal(game.state.alignment, headless.final.alignment)
    assert [w.record for w in game.weeks] == list(headless.records)
