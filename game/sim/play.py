"""Results of games played by the loop (``loop.play``): one game's summary and the ``--runs`` aggregate (the
``simulate --json`` contracts), games one at a time, and ``play_game``, a game of the rules as given."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from game.engine import VOTE_LABELS, commitments
from game.engine.outcome import score, tier_index
from game.scenario.build import Scenario

from .loop import RIVAL_POLICY, GameResult, GameSpec, play


def play_game(
    scenario: Scenario,
    policy: str,
    seed: int,
    rival_policy: str = RIVAL_POLICY,
    record: bool = True,
) -> GameResult:
    """One game of the scenario's rules as given (no teacher settings): ``play`` of that spec."""
    return play(GameSpec(scenario, seed, None, policy, rival_policy), record=record)


def _round(x: float) -> float:
    return round(float(x), 2)


def summarize(game: GameResult) -> dict:
    """The JSON-ready result of one game (the ``simulate --json`` contract)."""
    rules = game.scenario.rules
    final = game.final.alignment
    c = commitments(rules, final)
    s = float(score(rules, final, game.final.track)[0])
    tier = rules.tiers[int(tier_index(rules, np.array([s]))[0])][0]
    countries = {}
    for i, code in enumerate(rules.countries):
        countries[code] = {
            "name": rules.labels.countries[i],
            "alignment_start": _round(rules.alignment_start[i]),
            "alignment_end": _round(final[0, i]),
            "un_vote": VOTE_LABELS[int(c.un_vote[0, i])],
            "sanctions": bool(c.sanctions[0, i]),
            "arms": bool(c.arms[0, i]),
            "energy_help": bool(c.energy[0, i]),
        }
    tracks = {
        code: {
            "name": rules.labels.tracks[k],
            "start": _round(rules.track_start[k]),
            "end": _round(game.final.track[0, k]),
            "goal": None if np.isnan(rules.track_threshold[k]) else _round(rules.track_threshold[k]),
            "reached": bool(game.final.track[0, k] >= rules.track_threshold[k]),
        }
        for k, code in enumerate(rules.tracks)
    }
    return {
        "scenario": game.scenario.id,
        "seed": game.seed,
        "policy": game.policy,
        "rival_policy": game.rival_policy,
        "outcome": tier,
        "score": _round(s),
        "weeks": rules.n_turns,
        "countries": countries,
        "tracks": tracks,
    }


def play_each(
    spec: GameSpec, seeds: Iterable[int], progress: Callable[[int], None] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The spec's game for every seed, one at a time: final alignments (R, C) and tracks (R, K)."""
    seeds = list(seeds)
    finals, tracks = [], []
    for n, seed in enumerate(seeds, 1):
        final = play(spec.with_seed(seed), record=False).final
        finals.append(final.alignment[0])
        tracks.append(final.track[0])
        if progress:
            progress(n)
    rules = spec.rules
    shape_c, shape_k = (len(seeds), rules.n_countries), (len(seeds), len(rules.tracks))
    return (
        np.array(finals, dtype=np.float64).reshape(shape_c),
        np.array(tracks, dtype=np.float64).reshape(shape_k),
    )


def summarize_runs(spec: GameSpec, seeds: list[int], finals: np.ndarray, tracks: np.ndarray) -> dict:
    """The ``--runs`` summary of the spec's games, one per seed."""
    return aggregate_finals(spec.configured, spec.policy, seeds, finals, tracks, spec.rival)


def aggregate(
    scenario: Scenario,
    policy: str,
    seeds: Iterable[int],
    rival_policy: str = RIVAL_POLICY,
    progress: Callable[[int], None] | None = None,
) -> dict:
    """Play one game per seed, one at a time, and summarise them (the ``simulate --runs`` contract)."""
    seeds = list(seeds)
    spec = GameSpec(scenario, 0, None, policy, rival_policy)
    return summarize_runs(spec, seeds, *play_each(spec, seeds, progress))


def aggregate_finals(
    scenario: Scenario, policy: str, seeds: list[int], finals: np.ndarray, tracks: np.ndarray, rival_policy: str
) -> dict:
    """The ``--runs`` summary from the final alignments (R, C) and tracks (R, K) of R games."""
    rules = scenario.rules
    c = commitments(rules, finals)
    scores = score(rules, finals, tracks)
    tiers = tier_index(rules, scores)
    outcomes = {name: int((tiers == i).sum()) for i, (name, _) in enumerate(rules.tiers)}
    countries = {}
    for i, code in enumerate(rules.countries):
        votes = c.un_vote[:, i]
        countries[code] = {
            "name": rules.labels.countries[i],
            "alignment_start": _round(rules.alignment_start[i]),
            "alignment_end_mean": _round(finals[:, i].mean()),
            "alignment_end_sd": _round(finals[:, i].std()),
            "un_vote_share": {label: _round((votes == v).mean()) for v, label in VOTE_LABELS.items()},
            "sanctions_share": _round(c.sanctions[:, i].mean()),
            "arms_share": _round(c.arms[:, i].mean()),
            "energy_help_share": _round(c.energy[:, i].mean()),
        }
    return {
        "scenario": scenario.id,
        "policy": policy,
        "rival_policy": rival_policy,
        "runs": len(seeds),
        "first_seed": seeds[0] if seeds else None,
        "score_mean": _round(scores.mean()),
        "score_sd": _round(scores.std()),
        "outcomes": outcomes,
        "countries": countries,
        "tracks": {
            code: {
                "name": rules.labels.tracks[k],
                "end_mean": _round(tracks[:, k].mean()) if len(seeds) else None,
                "reached_share": _round((tracks[:, k] >= rules.track_threshold[k]).mean()) if len(seeds) else None,
            }
            for k, code in enumerate(rules.tracks)
        },
    }
