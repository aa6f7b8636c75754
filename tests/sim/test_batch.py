"""The batch path and the one-at-a-time path agree: same seeds, same aggregate."""

from __future__ import annotations

import json

import numpy as np
import pytest

from game.scenario import bundled_scenarios, load_scenario
from game.sim import aggregate, play_game
from game.sim.batch import aggregate_any, aggregate_batch, is_vectorised, run_batch
from tests.conftest import run_game


def _same(a: dict, b: dict) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


@pytest.mark.parametrize("policy", ["idle", "historical", "random"])
def test_batch_aggregate_is_the_one_at_a_time_aggregate(ftz, policy):
    seeds = range(3, 3 + (12 if policy == "random" else 40))
    assert _same(aggregate_batch(ftz, policy, seeds, chunk=16), aggregate(ftz, policy, seeds))


@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
def test_every_bundled_scenario_gives_the_same_aggregate_in_batch(path):
    scenario = load_scenario(path)
    for policy in ("random", "historical"):
        seeds = range(1, 6)
        assert _same(aggregate_batch(scenario, policy, seeds, chunk=3), aggregate(scenario, policy, seeds)), policy


def test_a_batch_game_ends_where_the_single_game_ends(ftz):
    ends = run_batch(ftz, "random", [11, 12, 13], chunk=2)
    for row, seed in zip(ends.alignment, (11, 12, 13)):
        single = play_game(ftz, "random", seed, record=False).final.alignment[0]
        # Bit for bit: the engine sums row by row, never through a batch-size-dependent BLAS product.
        np.testing.assert_array_equal(row, single)


def test_the_chunk_size_changes_nothing_printed(ftz):
    seeds = range(1, 41)
    assert _same(aggregate_batch(ftz, "random", seeds, chunk=7), aggregate_batch(ftz, "random", seeds, chunk=4096))


def test_personas_are_vectorised_and_greedy_is_not():
    assert is_vectorised("random") and is_vectorised("wedge:4") and is_vectorised("charm_tour")
    assert not is_vectorised("greedy") and not is_vectorised("advisor") and not is_vectorised("wedge:9")


def test_a_persona_rival_plays_the_same_in_batch_and_alone(ftz):
    seeds = range(1, 5)
    one = aggregate(ftz, "historical", seeds, rival_policy="energy_pressure:3")
    assert _same(aggregate_any(ftz, "historical", seeds, "energy_pressure:3"), one)


def test_simulate_runs_through_the_batch_engine_prints_the_batch_aggregate(ftz):
    result = run_game("simulate", "flood_the_zone", "--policy", "random", "--seed", "5", "--runs", "50", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(json.dumps(aggregate_batch(ftz, "random", range(5, 55))))


def test_simulate_accepts_a_rival_persona_and_refuses_a_bad_one():
    ok = run_game("simulate", "flood_the_zone", "--rival", "wedge:2", "--seed", "3", "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["rival_policy"] == "wedge:2"
    bad = run_game("simulate", "flood_the_zone", "--rival", "wedge:7")
    assert bad.returncode == 2 and "level" in bad.stderr
    unknown = run_game("simulate", "flood_the_zone", "--rival", "bear_hug")
    assert unknown.returncode == 2 and "charm_tour" in unknown.stderr


@pytest.mark.slow
@pytest.mark.parametrize("policy", ["random", "historical", "idle"])
def test_a_few_hundred_games_give_the_identical_aggregate(ftz, policy):
    seeds = range(1000, 1300)
    assert _same(aggregate_batch(ftz, policy, seeds), aggregate(ftz, policy, seeds))
