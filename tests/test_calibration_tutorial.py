"""Calibration of the tutorial: following its steps wins, doing nothing does not, and the positions the seeds
document for its six capitals come out of the historical playbook.

Washington's documented contacts in scenarios/tutorial.yaml are the orders the tutorial's cards ask for (a call to
Germany on energy supply in week 1, a trip and Sullivan's call to Kuwait in week 2, a NATO group call in week 3),
and its outreach lines are where the cards tell the player to spend the rest of each week.  So the historical
policy plays the tutorial as it is taught.  Runs use seeds from 3000, a different sample from the scenario's own
`calibration:` section.
"""

import numpy as np
import pytest

from game.engine import Kind
from game.engine.outcome import tier_index
from game.scenario import load_scenario
from game.sim import play_game, summarize
from game.sim.calibrate import calibrate

RUNS = 100
WINS = ("Grand coalition", "United West")


@pytest.fixture(scope="module")
def tut():
    return load_scenario("tutorial")


def tiers(scenario, policy):
    names = [name for name, _ in scenario.rules.tiers]
    scores = np.array([summarize(play_game(scenario, policy, 3000 + n, record=False))["score"] for n in range(RUNS)])
    return [names[i] for i in tier_index(scenario.rules, scores)]


def test_the_tiers_name_the_wins_the_last_card_speaks_of(tut):
    names = [name for name, _ in tut.rules.tiers]
    assert names[:2] == list(WINS)
    assert all(name in tut.tutorial[-1].text for name in WINS)


def test_following_the_tutorial_wins(tut):
    """The historical playbook - the tutorial's own orders - ends in a winning tier in nearly every game."""
    reached = tiers(tut, "historical")
    assert np.mean([t in WINS for t in reached]) >= 0.85
    assert "Isolated Washington" not in reached


def test_doing_nothing_does_not_win(tut):
    reached = tiers(tut, "idle")
    assert np.mean([t in WINS for t in reached]) <= 0.1


def test_the_playbook_gives_the_orders_the_cards_ask_for(tut):
    """Each week's cards ask for a kind of contact (and week 1's for Germany on energy supply); Washington's
    documented orders of that week include it, so the historical policy follows the tutorial."""
    rules = tut.rules
    asked: dict[int, set[str]] = {}
    week = 1
    for step in tut.tutorial:
        week = step.week or week
        if step.action == "choose_kind":
            asked.setdefault(week, set()).add(step.value)
    documented = {turn + 1: entries for turn, entries in tut.playbook[tut.player].items()}
    for week, kinds in asked.items():
        given = {entry.order.kind.name.lower() for entry in documented.get(week, ())}
        assert kinds - {"call"} <= given, (week, kinds, given)
    first = {(e.order.kind, rules.countries[e.order.targets[0]], rules.topics[e.order.topic]) for e in documented[1]}
    assert (Kind.CALL, "DEU", "energy_supply") in first
    picks = {(s.action, s.value) for s in tut.tutorial if s.week is None and s.index < 9}
    assert {("select_country", "DEU"), ("choose_topic", "energy_supply")} <= picks


def test_the_calibration_section_passes(tut):
    report = calibrate(tut, runs=40, first_seed=1)
    assert report.ok, [r.failures for r in report.results if not r.ok]
