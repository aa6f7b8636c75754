"""Many games at once: seeded batches through the batch engine, in chunks, with the ``--runs`` summary.

Every game of a batch is the game ``loop.play`` plays for the same spec and seed: the same rules
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

from .loop import RIVAL_POLICY, GameSpec
from .play import Ends, play_each, summarize_runs

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


def play_batch(
    spec: GameSpec,
    seeds: Iterable[int],
    chunk: int = DEFAULT_CHUNK,
    progress: Callable[[int], None] | None = None,
) -> Ends:
    """The spec's game for every seed (the spec's own seed is not used) through the batch engine: its
    configured rules, its prelude and its sides' policies, week for week those ``play`` uses."""
    scenario = spec.configured
    rules = scenario.rules
    seeds = np.asarray(list(seeds) if not isinstance(seeds, np.ndarray) else seeds, dtype=np.int64)
    batch: dict[str, BatchPolicy] = {}

    def policies(turn: int) -> dict[int, BatchPolicy]:
        out = {}
        for actor in spec.sides:
            name = spec.policy_for(actor, turn)
            if name not in batch:
                batch[name] = make_batch_policy(name)
            out[actor] = batch[name]
        return out

    # The weeks in stretches played by the same policies: the prelude, then the rest of the crisis.
    stages = [(0, spec.first_turn), (spec.first_turn, rules.n_turns)]
    parts = []
    for start in range(0, seeds.size, max(1, chunk)):
        part = seeds[start : start + chunk]
        state, dice = initial_state(rules, part.size), Dice(part)
        for first, end in stages:
            if end > first:
                state = play_weeks(scenario, state, dice, policies(first), weeks=end - first)
        parts.append(Ends.of(rules, state))
        if progress:
            progress(start + part.size)
    return Ends.join(rules, parts)


def play_runs(spec: GameSpec, seeds: Iterable[int], progress: Callable[[int], None] | None = None) -> Ends:
    """``play_batch`` when every policy of the spec is vectorised, else the games one at a time (a batch
    gains nothing for a policy that thinks game by game, such as greedy or the advisor).  The same numbers
    either way."""
    names = {spec.policy_for(a, t) for a in spec.sides for t in (0, spec.first_turn)}
    if all(is_vectorised(name) for name in names):
        return play_batch(spec, seeds, progress=progress)
    return play_each(spec, seeds, progress)


def aggregate_runs(spec: GameSpec, seeds: Iterable[int], progress: Callable[[int], None] | None = None) -> dict:
    """The ``simulate --runs`` summary of the spec's game played once per seed."""
    seeds = list(seeds)
    return summarize_runs(spec, seeds, play_runs(spec, seeds, progress))


def run_batch(
    scenario: Scenario,
    policy: str,
    seeds: Iterable[int],
    rival_policy: str = RIVAL_POLICY,
    chunk: int = DEFAULT_CHUNK,
    progress: Callable[[int], None] | None = None,
) -> Ends:
    """Play one game per seed of the scenario's rules as given through the batch engine."""
    return play_batch(GameSpec(scenario, 0, None, policy, rival_policy), seeds, chunk, progress)


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
    spec = GameSpec(scenario, 0, None, policy, rival_policy)
    return summarize_runs(spec, seeds, play_batch(spec, seeds, chunk, progress))


def aggregate_any(
    scenario: Scenario,
    policy: str,
    seeds: Iterable[int],
    rival_policy: str = RIVAL_POLICY,
    progress: Callable[[int], None] | None = None,
) -> dict:
    """``aggregate_runs`` of the scenario's rules as given: the batch engine when both sides' policies are
    vectorised, else the games one at a time."""
    return aggregate_runs(GameSpec(scenario, 0, None, policy, rival_policy), seeds, progress)
