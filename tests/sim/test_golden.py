"""The engine's numbers do not drift: batch and one-at-a-time games give the bytes stored in
``golden_digests.json`` (see ``golden.py``), and every game of a batch is the game played alone, array for array."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from game.ai import make_batch_policy
from game.ai.batch_policies import play_weeks
from game.engine import Dice, initial_state
from game.scenario import bundled_scenarios, load_scenario
from game.sim import play_game

from . import golden

STORED = json.loads(golden.PATH.read_text())


def test_the_stored_digests_cover_every_bundled_scenario():
    assert {key.split("/")[0] for key in STORED} == {p.stem for p in bundled_scenarios()}


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
def test_every_scenario_gives_the_stored_bytes(path):
    scenario = load_scenario(path)
    for policy, rival in golden.BATCH_CASES:
        key = f"{path.stem}/batch/{policy}/{rival}"
        assert golden.batch_digest(scenario, policy, rival) == STORED[key], key
    for policy, rival, seed in golden.SINGLE_CASES:
        key = f"{path.stem}/single/{policy}/{rival}/{seed}"
        assert golden.single_digest(scenario, policy, rival, seed) == STORED[key], key


def test_the_benchmarks_games_give_the_stored_bytes(ftz):
    key = "flood_the_zone/batch2048/random/historical"
    assert golden.batch_digest(ftz, "random", "historical", 2048) == STORED[key]


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
def test_each_game_of_a_batch_is_the_game_alone_array_for_array(path):
    scenario = load_scenario(path)
    seeds = [2, 5, 9]
    policies = {scenario.player: make_batch_policy("random"), scenario.rival: make_batch_policy("historical")}
    batch = play_weeks(scenario, initial_state(scenario.rules, len(seeds)), Dice(np.array(seeds)), policies)
    for i, seed in enumerate(seeds):
        alone = play_game(scenario, "random", seed, record=False).final
        for f in dataclasses.fields(alone):
            if f.name != "turn":
                a, b = getattr(alone, f.name), getattr(batch, f.name)[i : i + 1]
                assert a.dtype == b.dtype and a.tobytes() == np.ascontiguousarray(b).tobytes(), f.name
