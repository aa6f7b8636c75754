"""Digests of what the engine computes, to pin its numbers bit for bit across speed work.

``python -m tests.sim.golden`` rewrites ``golden_digests.json`` (only when a change of numbers is intended and
said so in its commit); ``test_golden.py`` recomputes and compares.  Each digest is the SHA-256 of every array of
the final states of a batch (batch path), or of the final state and every week's record of games played one at
a time (``play``, the path a player's game takes), so any drift of any bit of any game shows.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import numpy as np

from game.ai import make_batch_policy
from game.ai.batch_policies import play_weeks
from game.engine import Dice, State, initial_state
from game.scenario import bundled_scenarios, load_scenario
from game.sim import play_game

PATH = Path(__file__).with_name("golden_digests.json")

# (player's policy, rival's policy) played in batch on every bundled scenario.
BATCH_CASES = (("random", "historical"), ("historical", "historical"), ("random", "random"), ("idle", "wedge:2"))
BATCH_GAMES = 48
# Games played one at a time with their records, per scenario.
SINGLE_CASES = (("random", "historical", 3), ("historical", "random", 4))


def state_digest(state: State, h=None):
    h = h or hashlib.sha256()
    h.update(str(state.turn).encode())
    for f in dataclasses.fields(state):
        if f.name == "turn":
            continue
        a = np.ascontiguousarray(getattr(state, f.name))
        h.update(f.name.encode() + str(a.dtype).encode() + str(a.shape).encode())
        h.update(a.tobytes())
    return h


def batch_digest(scenario, policy: str, rival: str, games: int = BATCH_GAMES) -> str:
    rules = scenario.rules
    seeds = np.arange(1, games + 1, dtype=np.int64)
    policies = {scenario.player: make_batch_policy(policy), scenario.rival: make_batch_policy(rival)}
    state = play_weeks(scenario, initial_state(rules, games), Dice(seeds), policies)
    return state_digest(state).hexdigest()


def single_digest(scenario, policy: str, rival: str, seed: int) -> str:
    game = play_game(scenario, policy, seed, rival_policy=rival, record=True)
    h = state_digest(game.final)
    for sheet_week in game.sheets:
        h.update(repr(sheet_week).encode())
    for record in game.records:
        h.update(repr(record).encode())
    return h.hexdigest()


def compute() -> dict:
    out: dict[str, str] = {}
    for path in bundled_scenarios():
        scenario = load_scenario(path)
        for policy, rival in BATCH_CASES:
            out[f"{path.stem}/batch/{policy}/{rival}"] = batch_digest(scenario, policy, rival)
        for policy, rival, seed in SINGLE_CASES:
            out[f"{path.stem}/single/{policy}/{rival}/{seed}"] = single_digest(scenario, policy, rival, seed)
        if path.stem == "flood_the_zone":  # the benchmark's games, at the benchmark's chunk size
            out[f"{path.stem}/batch2048/random/historical"] = batch_digest(scenario, "random", "historical", 2048)
    return out


if __name__ == "__main__":
    PATH.write_text(json.dumps(compute(), indent=1, sort_keys=True) + "\n")
    print(PATH)
