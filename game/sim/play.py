"""Results of games played by the loop (``loop.play``): one game's summary and the ``--runs`` aggregate (the
``simulate --json`` contracts), games one at a time, and ``play_game``, a game of the rules as given."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from game.engine import RungKind, State, commitments_of
from game.engine.outcome import score, score_of, tier_index
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


def commitment_fields(rules, levels: np.ndarray) -> dict:
    """One country's commitments (R,) as JSON fields by rung id: a vote's option, or whether a pledge is made."""
    ladder = rules.ladder
    return {
        rung: ladder.options[r][int(levels[r])] if ladder.kinds[r] == RungKind.VOTE else bool(levels[r] >= 1)
        for r, rung in enumerate(ladder.rungs)
    }


def commitment_shares(rules, levels: np.ndarray) -> dict:
    """One country's commitments over many games (G, R) as JSON fields: ``rung_share``, a vote's per option."""
    ladder = rules.ladder
    out = {}
    for r, rung in enumerate(ladder.rungs):
        if ladder.kinds[r] == RungKind.VOTE:
            out[f"{rung}_share"] = {o: _round((levels[:, r] == k).mean()) for k, o in enumerate(ladder.options[r])}
        else:
            out[f"{rung}_share"] = _round((levels[:, r] >= 1).mean())
    return out


def summarize(game: GameResult) -> dict:
    """The JSON-ready result of one game (the ``simulate --json`` contract)."""
    rules = game.scenario.rules
    final = game.final.alignment
    c = commitments_of(rules, game.final)
    s = float(score_of(rules, game.final)[0])
    tier = rules.tiers[int(tier_index(rules, np.array([s]))[0])][0]
    countries = {}
    for i, code in enumerate(rules.countries):
        countries[code] = {
            "name": rules.labels.countries[i],
            "alignment_start": _round(rules.alignment_start[i]),
            "alignment_end": _round(final[0, i]),
            **commitment_fields(rules, c.level[0, i]),
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


@dataclass(frozen=True)
class Ends:
    """How R games ended: final alignments (R, C), tracks (R, K), every country's commitments (R, C, rungs),
    events' decisions and moved lines included, and the scores (R,)."""

    alignment: np.ndarray
    track: np.ndarray
    levels: np.ndarray
    scores: np.ndarray

    @classmethod
    def of(cls, rules, state: State) -> Ends:
        c = commitments_of(rules, state)  # computed once, for the levels and the score
        return cls(
            np.array(state.alignment, dtype=np.float64),
            np.array(state.track, dtype=np.float64),
            c.level,
            score(rules, state.alignment, state.track, state.thresholds, state.decided, given=c),
        )

    @classmethod
    def join(cls, rules, parts: list[Ends]) -> Ends:
        if not parts:
            c, k, r = rules.n_countries, len(rules.tracks), rules.ladder.n_rungs
            return cls(np.empty((0, c)), np.empty((0, k)), np.empty((0, c, r), dtype=np.int64), np.empty(0))
        fields = ("alignment", "track", "levels", "scores")
        return cls(*(np.concatenate([getattr(p, f) for p in parts]) for f in fields))


def play_each(spec: GameSpec, seeds: Iterable[int], progress: Callable[[int], None] | None = None) -> Ends:
    """The spec's game for every seed, one at a time."""
    parts = []
    for n, seed in enumerate(seeds, 1):
        parts.append(Ends.of(spec.rules, play(spec.with_seed(seed), record=False).final))
        if progress:
            progress(n)
    return Ends.join(spec.rules, parts)


def summarize_runs(spec: GameSpec, seeds: list[int], ends: Ends) -> dict:
    """The ``--runs`` summary of the spec's games, one per seed."""
    return aggregate_finals(spec.configured, spec.policy, seeds, ends, spec.rival)


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
    return summarize_runs(spec, seeds, play_each(spec, seeds, progress))


def aggregate_finals(scenario: Scenario, policy: str, seeds: list[int], ends: Ends, rival_policy: str) -> dict:
    """The ``--runs`` summary of how R games ended."""
    rules = scenario.rules
    finals, tracks, scores = ends.alignment, ends.track, ends.scores
    tiers = tier_index(rules, scores)
    outcomes = {name: int((tiers == i).sum()) for i, (name, _) in enumerate(rules.tiers)}
    countries = {}
    for i, code in enumerate(rules.countries):
        countries[code] = {
            "name": rules.labels.countries[i],
            "alignment_start": _round(rules.alignment_start[i]),
            "alignment_end_mean": _round(finals[:, i].mean()),
            "alignment_end_sd": _round(finals[:, i].std()),
            **commitment_shares(rules, ends.levels[:, i]),
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
