"""Commitment rungs in the scenario format: closed rungs and each crisis's names for them."""

import numpy as np
import yaml

from game.engine.outcome import max_points
from game.scenario import load_scenario
from game.scenario import models as m
from game.scenario.build import compile_scenario
from tests.conftest import ROOT


def _data():
    return yaml.safe_load((ROOT / "scenarios" / "flood_the_zone.yaml").read_text(encoding="utf-8"))


def test_a_closed_rung_is_not_open_to_that_country_and_not_in_its_best_score():
    data = _data()
    data["countries"]["GBR"]["closed"] = ["sanctions", "un_vote"]
    rules = compile_scenario(m.Scenario.model_validate(data)).rules
    i = rules.country_index("GBR")
    assert np.isnan(rules.threshold_sanctions[i]) and np.isnan(rules.threshold_un_yes[i])
    assert np.isnan(rules.threshold_un_abstain[i])
    assert not np.isnan(rules.threshold_arms[i])
    _, _, _, arms, _ = rules.rung_points
    assert max_points(rules)[i] == rules.score_weight[i] * arms


def test_ukraine_neither_sanctions_nor_arms_itself_in_the_bundled_crises():
    for name in ("flood_the_zone", "the_rational_way"):
        rules = load_scenario(name).rules
        i = rules.country_index("UKR")
        assert np.isnan(rules.threshold_sanctions[i]) and np.isnan(rules.threshold_arms[i]), name


def test_rung_names_default_and_can_be_renamed():
    data = _data()
    doc = m.Scenario.model_validate(data)
    assert doc.commitments.label("sanctions").name == "Sanctions"
    data["commitments"]["labels"] = {"sanctions": {"name": "Keeps to the isolation", "meaning": "no warm welcome"}}
    doc = m.Scenario.model_validate(data)
    assert doc.commitments.label("sanctions").name == "Keeps to the isolation"
    assert doc.commitments.label("arms").name == "Arms"
