"""The rival's escalations: scenario data checked like events, resolved through the events' deterministic path,
recorded in the week's TurnRecord, raised at most once, never by history unless history did."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai.policies import historical
from game.engine import IllegalOrder, Sheet, initial_state, resolve_turn
from game.scenario import bundled_scenarios, check, load_scenario
from game.session import Session
from game.sim.loop import GameSpec, play
from tests.conftest import ROOT

SQUEEZE = """  - id: gas_squeeze
    by: RUS
"""


def _gas(ftz) -> int:
    return next(e for e in ftz.escalations(ftz.rival) if ftz.event(e).id == "gas_squeeze")


def _raise_in_week(ftz, week: int, seed: int = 7):
    spec = GameSpec(ftz, seed)
    state = initial_state(ftz.rules)
    while state.turn < week:
        sheets = [historical(ftz, state, a, spec.dice) for a in spec.sides]
        state = resolve_turn(state, sheets, ftz.rules, spec.dice, record=False).state
    sheets = [historical(ftz, state, a, spec.dice) for a in spec.sides]
    sheets = [s.with_raise(_gas(ftz)) if s.actor == ftz.rival else s for s in sheets]
    return state, sheets, resolve_turn(state, sheets, ftz.rules, spec.dice)


def test_flood_the_zone_has_a_gas_squeeze_and_troop_moves_each_cited(ftz):
    ids = {ftz.event(e).id for e in ftz.escalations(ftz.rival)}
    assert ids == {"gas_squeeze", "troop_surge"}
    for e in ftz.escalations(ftz.rival):
        esc = ftz.event(e)
        assert esc.sources and esc.invented and esc.history is None
        # A real trade-off: it moves some capitals toward Moscow and some toward Washington.
        shifts = [eff["shift"]["by"] for eff in esc.effects if "shift" in eff]
        assert min(shifts) < 0 < max(shifts)


def test_a_raised_escalation_resolves_through_the_events_path_and_is_recorded(ftz):
    state, sheets, result = _raise_in_week(ftz, 9)
    gas = _gas(ftz)
    record = result.records[0]
    outcome = next(e for e in record.events if e.event == gas)
    deu = ftz.rules.countries.index("DEU")
    assert dict(outcome.shifts)[deu] < 0
    assert result.state.fired[0, gas]
    # Its moved lines are in the state: sanctions cost Berlin more now.
    rung = ftz.rules.ladder.rung_index("sanctions")
    assert result.state.thresholds[0, deu, rung, 1] > state.thresholds[0, deu, rung, 1]
    # The same week again gives the same numbers (keyed dice, no hidden state).
    again = resolve_turn(state, sheets, ftz.rules, GameSpec(ftz, 7).dice)
    np.testing.assert_array_equal(again.state.alignment, result.state.alignment)
    assert again.records[0] == record


def test_an_escalation_happens_at_most_once(ftz):
    _, _, result = _raise_in_week(ftz, 9)
    gas = _gas(ftz)
    state = result.state
    dice = GameSpec(ftz, 7).dice
    sheets = [historical(ftz, state, a, dice) for a in (ftz.player, ftz.rival)]
    sheets = [s.with_raise(gas) if s.actor == ftz.rival else s for s in sheets]
    again = resolve_turn(state, sheets, ftz.rules, dice)
    assert not any(e.event == gas for e in again.records[0].events)


def test_a_week_without_a_raise_sets_off_no_escalation(ftz):
    result = play(GameSpec(ftz, 4), record=True)
    escalations = set(ftz.escalations(ftz.rival))
    assert not any(e.event in escalations for r in result.records for e in r.events)


def test_only_its_side_may_raise_it_and_only_escalations_may_be_raised(ftz):
    state = initial_state(ftz.rules)
    dice = GameSpec(ftz, 1).dice
    with pytest.raises(IllegalOrder, match="cannot raise"):
        resolve_turn(state, [Sheet(ftz.player, (), (_gas(ftz),)), Sheet(ftz.rival)], ftz.rules, dice)
    with pytest.raises(IllegalOrder, match="not an escalation"):
        resolve_turn(state, [Sheet(ftz.player), Sheet(ftz.rival, (), (0,))], ftz.rules, dice)
    with pytest.raises(IllegalOrder, match="before week 2"):
        resolve_turn(state, [Sheet(ftz.player), Sheet(ftz.rival, (), (_gas(ftz),))], ftz.rules, dice)


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
def test_the_historical_rival_raises_only_what_history_did(path):
    scenario = load_scenario(path)
    result = play(GameSpec(scenario, 2), record=True)
    for week, sheets in enumerate(result.sheets):
        for sheet in sheets:
            for e in sheet.raises:
                assert scenario.rules.events[e].history == week, (scenario.id, e, week)
    documented = {(e.history, e.index) for e in scenario.rules.events if e.raised_by >= 0 and e.history >= 0}
    raised = {(week, e) for week, sheets in enumerate(result.sheets) for s in sheets for e in s.raises}
    assert raised == documented


def test_a_save_keeps_the_raised_escalation(ftz, tmp_path):
    session = Session(ftz, 11, "answering")
    while not session.is_over:
        session.end_turn()
    raised = [e for w in session.weeks for s in w.sheets for e in s.raises]
    assert raised, "the answering rival raised nothing in this game"
    path = tmp_path / "game.json"
    session.save(path)
    loaded = Session.load(path, ftz)
    np.testing.assert_array_equal(loaded.history(), session.history())
    assert [e for w in loaded.weeks for s in w.sheets for e in s.raises] == raised


# --- validation: every mistake at its line and column ---------------------------------------------------------


def _checked(tmp_path, old: str, new: str):
    text = (ROOT / "scenarios" / "flood_the_zone.yaml").read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    path = tmp_path / "ftz.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check(path, seeds=ROOT / "seeds")
    return text, problems


def _line_of(text: str, snippet: str) -> int:
    """The last line holding ``snippet`` (the changed one: a duplicate comes after its original)."""
    return [i for i, line in enumerate(text.splitlines(), 1) if snippet in line][-1]


def test_the_bundled_escalations_validate(tmp_path):
    _, problems = _checked(tmp_path, SQUEEZE, SQUEEZE)
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize(
    ("old", "new", "at", "code", "hint"),
    [
        ("    by: RUS\n    headline: Moscow squeezes", "    by: RUZ\n    headline: Moscow squeezes", "by: RUZ", "E201", "unknown actor 'RUZ'"),  # noqa: E501
        ("      - shift: {countries: [DEU, ITA, HUN, BGR, SVK]", "      - shfit: {countries: [DEU, ITA, HUN, BGR, SVK]", "shfit", "E204", "did you mean 'shift'?"),  # noqa: E501
        ("    earliest: 2021-12-06", "    earliest: 2021-12-06\n    history: 2021-11-30", "history: 2021-11-30", "E202", "before its earliest"),  # noqa: E501
        ("  - id: troop_surge", "  - id: gas_squeeze", "id: gas_squeeze", "E203", "used twice"),
        ("    headline: Moscow squeezes gas to Europe", "    headline: Moscow squeezes gas to Europe\n    when: [{alignment_below: {country: DEUU, value: 3}}]", "DEUU", "E201", "unknown country"),  # noqa: E501
        ("    earliest: 2021-12-06", "    earliest: 2021-12-06\n    pipelines: nord_stream", "pipelines:", "E102", "unknown field"),  # noqa: E501
    ],
    ids=["unknown actor", "unknown effect", "history before", "duplicate id", "bad condition", "unknown field"],
)  # fmt: skip
def test_a_bad_escalation_is_reported_at_its_line_and_column(tmp_path, old, new, at, code, hint):
    text, problems = _checked(tmp_path, old, new)
    matching = [p for p in problems if p.code == code and hint in p.message]
    assert matching, [str(p) for p in problems]
    problem = matching[0]
    assert problem.line == _line_of(text, at), str(problem)
    assert problem.column >= 1 and str(problem).startswith(f"{problem.file}:{problem.line}:{problem.column}:")


def test_an_escalation_citing_nothing_is_an_error(tmp_path):
    text = (ROOT / "scenarios" / "flood_the_zone.yaml").read_text(encoding="utf-8")
    start = text.index("  - id: troop_surge")
    sources = text.index("    sources:", start)
    end = text.index("\nplaybooks:", start)
    text = text[:sources] + text[end:]
    path = tmp_path / "ftz.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check(path, seeds=ROOT / "seeds")
    matching = [p for p in problems if p.code == "E203" and "cites nothing" in p.message]
    assert matching and matching[0].line == _line_of(text, "  - id: troop_surge"), [str(p) for p in problems]


def test_an_escalation_history_made_is_raised_by_the_playbook_in_its_week_alone(tmp_path):
    """A scenario whose escalation has a `history:` day: the historical playbook raises it in that week, one game
    at a time and through the batch engine alike."""
    old = "  - id: troop_surge\n    by: RUS\n"
    text, problems = _checked(tmp_path, old, old + "    history: 2022-01-10\n")
    assert [str(p) for p in problems] == []
    scenario, _ = check(tmp_path / "ftz.yaml", seeds=ROOT / "seeds")
    surge = next(e for e in scenario.escalations(scenario.rival) if scenario.event(e).id == "troop_surge")
    week = scenario.rules.events[surge].history
    assert week == 6
    result = play(GameSpec(scenario, 5), record=True)
    raised = [(w, e) for w, sheets in enumerate(result.sheets) for s in sheets for e in s.raises]
    assert raised == [(week, surge)]
    assert any(e.event == surge for e in result.records[week].events)
    from game.sim.batch import play_batch

    batch = play_batch(GameSpec(scenario, 0), [5, 6])
    one = [play(GameSpec(scenario, seed), record=False).final for seed in (5, 6)]
    np.testing.assert_array_equal(batch.alignment, np.concatenate([s.alignment for s in one]))
