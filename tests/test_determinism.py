"""The determinism contract: output = f(scenario, engine version, seed, order sheets).

Twin runs agree exactly, other seeds differ, the command line prints the same bytes every time (whatever the
hash seed of the process), and the dice are keyed: a draw depends only on (seed, week, purpose, keys).
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from game.ai import POLICIES
from game.engine import Dice, Purpose
from game.scenario import load_scenario
from game.sim import aggregate, play_game, summarize

ROOT = Path(__file__).resolve().parent.parent
FAST_POLICIES = sorted(set(POLICIES) - {"greedy"})


@functools.lru_cache(maxsize=1)
def flood():
    return load_scenario("flood_the_zone")


def _assert_twins(a, b) -> None:
    assert np.array_equal(a.alignment_history, b.alignment_history)
    assert a.sheets == b.sheets
    assert a.records == b.records
    for sa, sb in zip(a.states, b.states):
        for name in ("ties", "anchor_offset", "interest", "recent", "last_contact", "budget_mod", "power_mod"):
            assert np.array_equal(getattr(sa, name), getattr(sb, name)), name
        assert np.array_equal(sa.fired, sb.fired)
    assert summarize(a) == summarize(b)


@pytest.mark.parametrize("policy", FAST_POLICIES)
@pytest.mark.parametrize("seed", [0, 7, 2**62 + 12345])
def test_twin_runs_are_identical(policy, seed):
    _assert_twins(play_game(flood(), policy, seed), play_game(flood(), policy, seed))


def test_twin_runs_of_the_greedy_policy_are_identical():
    _assert_twins(play_game(flood(), "greedy", 3, rival_policy="random"), play_game(flood(), "greedy", 3, "random"))


def test_a_fresh_scenario_object_gives_the_same_game():
    """Nothing is cached between loads: a scenario loaded anew plays the same game."""
    fresh = load_scenario("flood_the_zone")
    _assert_twins(play_game(flood(), "random", 21), play_game(fresh, "random", 21))


@pytest.mark.parametrize("policy", ["random", "historical", "idle"])
def test_different_seeds_give_different_games(policy):
    """The seed matters: luck (and the random bot's choices) differ from one seed to the next."""
    histories = [play_game(flood(), policy, seed, record=False).alignment_history for seed in (1, 2, 3)]
    assert not np.array_equal(histories[0], histories[1])
    assert not np.array_equal(histories[1], histories[2])
    assert not np.array_equal(histories[0], histories[2])


def test_different_seeds_give_the_random_bot_different_sheets():
    a, b = play_game(flood(), "random", 1, record=False), play_game(flood(), "random", 2, record=False)
    assert a.sheets != b.sheets


def test_aggregate_is_the_same_whatever_the_order_of_play():
    """A batch summary depends on the seeds, not on the order the games are played in."""
    forward = aggregate(flood(), "random", [5, 6, 7])
    assert forward == aggregate(flood(), "random", [5, 6, 7])
    assert forward["countries"] == aggregate(flood(), "random", [7, 5, 6])["countries"]


# ------------------------------------------------------------------------------------------ command line


def _simulate(*extra: str, hash_seed: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    env.pop("PYTHONSTARTUP", None)
    command = [sys.executable, "-m", "game", "simulate", "flood_the_zone", "--policy", "random", "--seed", "7"]
    return subprocess.Popen(
        [*command, "--json", *extra], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


@pytest.mark.parametrize("extra", [(), ("--runs", "3")], ids=["one-game", "three-runs"])
def test_the_command_line_prints_the_same_bytes_every_time(extra):
    """Two processes (with different string hash seeds) print byte-identical JSON."""
    runs = [_simulate(*extra, hash_seed=h) for h in ("1", "4242")]
    outputs = [p.communicate(timeout=120) for p in runs]
    for p, (_, err) in zip(runs, outputs):
        assert p.returncode == 0, err.decode(errors="replace")
    assert outputs[0][0] == outputs[1][0]
    result = json.loads(outputs[0][0])
    if extra:
        assert result == json.loads(json.dumps(aggregate(flood(), "random", [7, 8, 9])))
    else:
        assert result == json.loads(json.dumps(summarize(play_game(flood(), "random", 7))))


# ------------------------------------------------------------------------------------------------- dice


def test_the_same_key_gives_the_same_draw():
    a, b = Dice.single(99), Dice.single(99)
    keys = np.arange(50)
    assert np.array_equal(a.uniform(0, 3, Purpose.CONTACT_NOISE, keys), b.uniform(0, 3, Purpose.CONTACT_NOISE, keys))
    assert np.array_equal(
        a.normal(0, 3, Purpose.CONTACT_NOISE, 1, keys), b.normal(0, 3, Purpose.CONTACT_NOISE, 1, keys)
    )


def test_drawing_for_one_purpose_never_changes_another():
    """Draws are addressed by key, not taken from a running stream: drawing anything else first changes
    nothing."""
    fresh = Dice.single(5).uniform(0, 2, Purpose.EVENT_CHANCE, np.arange(10))
    used = Dice.single(5)
    for purpose in Purpose:
        used.uniform(0, 2, purpose, np.arange(1000))
        used.normal(0, 1, purpose, 7, np.arange(100))
    assert np.array_equal(used.uniform(0, 2, Purpose.EVENT_CHANCE, np.arange(10)), fresh)


def test_purposes_weeks_and_keys_give_independent_numbers():
    dice = Dice.single(5)
    keys = np.arange(200)
    draws = [dice.uniform(0, 0, purpose, keys) for purpose in Purpose]
    draws += [dice.uniform(0, week, Purpose.CONTACT_NOISE, keys) for week in (1, 2)]
    draws += [dice.uniform(0, 0, Purpose.CONTACT_NOISE, 2, keys), dice.uniform(0, 0, Purpose.CONTACT_NOISE, keys, 3)]
    for i in range(len(draws)):
        assert len(np.unique(draws[i])) == keys.size  # no repeats within a stream
        for j in range(i):
            assert abs(np.corrcoef(draws[i], draws[j])[0, 1]) < 0.3
            assert not np.any(draws[i] == draws[j])


def test_a_batch_of_seeds_gives_each_game_its_own_numbers():
    """Dice for many games give game i exactly the numbers of ``Dice.single(seed_i)``."""
    seeds = [0, 1, 7, 7, 2**63 - 1, 123456789]
    batch = Dice(seeds)
    games = np.arange(len(seeds))
    for turn, purpose in [(0, Purpose.CONTACT_NOISE), (4, Purpose.EVENT_CHANCE), (12, Purpose.RIVAL_POLICY)]:
        u = batch.uniform(games[:, None], turn, purpose, np.arange(8)[None, :])
        z = batch.normal(games[:, None], turn, purpose, 3, np.arange(8)[None, :])
        for g, seed in enumerate(seeds):
            alone = Dice.single(seed)
            assert np.array_equal(u[g], alone.uniform(0, turn, purpose, np.arange(8)))
            assert np.array_equal(z[g], alone.normal(0, turn, purpose, 3, np.arange(8)))
    assert np.array_equal(u[2], u[3])  # the same seed twice: the same game
    subset = batch.subset([4, 1])
    assert np.array_equal(
        subset.uniform(0, 1, Purpose.POLICY, 5), Dice.single(2**63 - 1).uniform(0, 1, Purpose.POLICY, 5)
    )


def test_draws_have_the_right_distribution():
    dice = Dice.single(2024)
    u = dice.uniform(0, 0, Purpose.CONTACT_NOISE, np.arange(20000))
    z = dice.normal(0, 0, Purpose.CONTACT_NOISE, np.arange(20000))
    assert u.min() >= 0.0 and u.max() < 1.0
    assert abs(u.mean() - 0.5) < 0.01
    assert np.all(np.isfinite(z))
    assert abs(z.mean()) < 0.03 and abs(z.std() - 1.0) < 0.03
