"""Many games at once: seeded batches through the batch engine, in chunks, with the ``--runs`` summary.

Every game of a batch is the game ``play_game`` plays for the same seed: the same rules
(``resolve_contacts``), the same keyed dice (``Dice(seeds)`` gives each game its own stream) and policies
that give, game by game, the sheets their one-game forms give.  Games are played in chunks so that memory
stays flat however many runs are asked for; the chunk size changes nothing in the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from game.ai import make_batch_policy
from game.ai.batch_policies import BatchPolicy, play_weeks
from game.engine import Dice, initial_state
from game.scenario.build import Scenario

from .play import RIVAL_POLICY, aggregate, aggregate_finals

# Chunks of this many games keep the working arrays of a week in the processor's cache on this machine
# (benchmarks/bench_engine.py --chunks compares sizes).
DEFAULT_CHUNK = 2048

# Policies whose batch form is vectorised (or copies one sheet per budget situation): a batch of them is
# far faster than one game at a time.  Others (greedy, the advisor) are asked game by game.
VECTORISED = ("idle", "random", "historical")


def is_vectorised(name: str) -> bool:
    if name in VECTORISED:
        return True
    from game.ai.personas import parse_persona

    try:
        return parse_persona(name) is not None
    except ValueError:
        return False


def run_batch(
    scenario: Scenario,
    policy: str | BatchPolicy,
    seeds: Iterable[int],
    rival_policy: str | BatchPolicy = RIVAL_POLICY,
    chunk: int = DEFAULT_CHUNK,
    progress: Callable[[int], None] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Play one game per seed through the batch engine; final alignments (R, C) and tracks (R, K)."""
    rules = scenario.rules
    seeds = np.asarray(list(seeds) if not isinstance(seeds, np.ndarray) else seeds, dtype=np.int64)
    mine = make_batch_policy(policy) if isinstance(policy, str) else policy
    theirs = make_batch_policy(rival_policy) if isinstance(rival_policy, str) else rival_policy
    policies = {scenario.player: mine, scenario.rival: theirs}
    finals = np.empty((seeds.size, rules.n_countries))
    tracks = np.empty((seeds.size, len(rules.tracks)))
    for start in range(0, seeds.size, max(1, chunk)):
        part = seeds[start : start + chunk]
        state = play_weeks(scenario, initial_state(rules, part.size), Dice(part), policies)
        finals[start : start + part.size] = state.alignment
        tracks[start : start + part.size] = state.track
        if progress:
            progress(start + part.size)
    return finals, tracks


def aggregate_batch(
    scenario: Scenario,
    policy: str,
    seeds: Iterable[int],
    rival_policy: str = RIVAL_POLICY,
    progress: Callable[[int], None] | None = None,
    chunk: int = DEFAULT_CHUNK,
) -> dict:
    """The ``simulate --runs`` summary (the same dict ``play.aggregate`` gives), from the batch engine."""
    seeds = list(seeds)
    finals, tracks = run_batch(scenario, policy, seeds, rival_policy, chunk, progress)
    return aggregate_finals(scenario, policy, seeds, finals, tracks, rival_policy)


def aggregate_any(
    scenario: Scenario,
    policy: str,
    seeds: Iterable[int],
    rival_policy: str = RIVAL_POLICY,
    progress: Callable[[int], None] | None = None,
) -> dict:
    """``aggregate_batch`` when both sides' policies are vectorised, else the games one at a time (a batch
    gains nothing for a policy that thinks game by game, such as greedy or the advisor)."""
    if is_vectorised(policy) and is_vectorised(rival_policy):
        return aggregate_batch(scenario, policy, seeds, rival_policy, progress)
    return aggregate(scenario, policy, seeds, rival_policy, progress)
