"""What the crisis resolves into: each country's commitments on the scenario's ladder, the blocs' decisions,
the score and the result tier.

The ladder is data (:class:`~game.engine.model.Ladder`): a rung is a vote with ordered options or a pledge,
each option has a line (the final alignment it needs) per country and points.  A country stands on the best
option whose line it reached; an event may have decided its option outright.  A bloc then decides a rung for
all its members together (unanimity, a qualified majority, or following a leader): a member below the level
the others reach is a holdout, which under unanimity blocks the whole bloc.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .model import Bloc, BlocRule, Ladder, Rules, State


@dataclass(frozen=True)
class BlocDecision:
    """What one bloc decided, per game."""

    bloc: Bloc
    level: np.ndarray  # (B,) the option every member applies
    proposal: np.ndarray  # (B,) the option the majority of members reached on their own
    holdouts: np.ndarray  # (B, C) bool: members that stood below the proposal (blocking it, or carried along)


@dataclass(frozen=True)
class Commitments:
    """Per game, country and rung (B, C, R): the option each country ends on (``level``) and the one it would
    have taken alone (``own``: its line or an event's decision), with every bloc's decision."""

    level: np.ndarray
    own: np.ndarray
    blocs: tuple[BlocDecision, ...] = ()


def own_levels(
    ladder: Ladder, alignment: np.ndarray, thresholds: np.ndarray | None = None, decided: np.ndarray | None = None
) -> np.ndarray:
    """(B, C, R) the best option whose line each country's alignment reached (or the option an event decided)."""
    alignment = np.atleast_2d(alignment)
    lines = ladder.thresholds[None] if thresholds is None else thresholds
    with np.errstate(invalid="ignore"):  # a NaN line (closed, or never by alignment) is never reached
        reached = alignment[:, :, None, None] >= lines
    n_options = reached.shape[-1]
    best = n_options - 1 - np.argmax(reached[..., ::-1], axis=-1)
    level = np.where(reached.any(axis=-1), best, 0).astype(np.int64)
    if decided is not None:
        level = np.where(decided >= 0, decided, level)
    return level


def _bloc_decision(ladder: Ladder, bloc: Bloc, own: np.ndarray) -> BlocDecision:
    members = ladder.bloc_members(bloc)
    games = own.shape[0]
    holdouts = np.zeros((games, own.shape[1]), dtype=bool)
    if members.size == 0:
        zero = np.zeros(games, dtype=np.int64)
        return BlocDecision(bloc, zero, zero, holdouts)
    levels = own[:, members, bloc.rung]  # (B, M)
    ranked = -np.sort(-levels, axis=1)  # best first
    majority = ranked[:, (members.size + 1) // 2 - 1]  # the level at least half the members reach
    if bloc.rule == BlocRule.UNANIMITY:
        proposal, level = majority, ranked[:, -1]
    elif bloc.rule == BlocRule.QUALIFIED_MAJORITY:
        needed = max(1, math.ceil(bloc.quota * members.size - 1e-9))
        proposal = level = ranked[:, needed - 1]
    else:
        proposal = level = own[:, bloc.leader, bloc.rung]
    holdouts[:, members] = levels < proposal[:, None]
    return BlocDecision(bloc, level, proposal, holdouts)


def commitments(
    rules: Rules, alignment: np.ndarray, thresholds: np.ndarray | None = None, decided: np.ndarray | None = None
) -> Commitments:
    """Every country's commitments if the crisis resolved at ``alignment`` (B, C)."""
    ladder = rules.ladder
    own = own_levels(ladder, alignment, thresholds, decided)
    if not ladder.blocs:
        return Commitments(own, own)
    level = own.copy()
    decisions = []
    for bloc in ladder.blocs:
        decision = _bloc_decision(ladder, bloc, own)
        level[:, ladder.bloc_members(bloc), bloc.rung] = decision.level[:, None]
        decisions.append(decision)
    return Commitments(level, own, tuple(decisions))


def commitments_of(rules: Rules, state: State) -> Commitments:
    """The commitments of every game of ``state`` if the crisis resolved now (events' lines included)."""
    return commitments(rules, state.alignment, state.thresholds, state.decided)


def max_points(rules: Rules) -> np.ndarray:
    """The best each country can give (C,), weighted: per rung, the best option its lines leave open."""
    ladder = rules.ladder
    reachable = ~np.isnan(ladder.thresholds)  # (C, R, O)
    reachable[:, :, 0] = True
    best = np.zeros(rules.n_countries)
    for r in range(ladder.n_rungs):  # rung by rung, so that the sum's order is fixed
        best = best + np.where(reachable[:, r, :], ladder.points[r][None, :], -np.inf).max(axis=1)
    return rules.score_weight * best


def points(rules: Rules, c: Commitments) -> np.ndarray:
    """What each country gives (B, C), weighted."""
    ladder = rules.ladder
    raw = np.zeros(c.level.shape[:2])
    for r in range(ladder.n_rungs):
        raw = raw + ladder.points[r][c.level[:, :, r]]
    return rules.score_weight * raw


def track_points(rules: Rules, track: np.ndarray | None) -> np.ndarray:
    """Points earned by tracks that reached their threshold (B,)."""
    scored = ~np.isnan(rules.track_threshold)
    if track is None or not scored.any():
        return np.zeros(1 if track is None else track.shape[0])
    with np.errstate(invalid="ignore"):
        reached = np.atleast_2d(track) >= rules.track_threshold
    return (reached * np.where(scored, rules.track_points, 0.0)).sum(axis=1)


def score(
    rules: Rules,
    alignment: np.ndarray,
    track: np.ndarray | None = None,
    thresholds: np.ndarray | None = None,
    decided: np.ndarray | None = None,
    given: Commitments | None = None,
) -> np.ndarray:
    """Score per game (B,), 0..100: the weighted share of all commitments (and scored tracks) that could be
    had.  ``thresholds`` and ``decided`` are the state's lines and decisions (default: the rules' lines);
    ``given``: those arguments' commitments, when the caller has them already."""
    alignment = np.atleast_2d(alignment)
    scored = ~np.isnan(rules.track_threshold)
    total = max_points(rules).sum() + np.where(scored, rules.track_points, 0.0).sum()
    c = commitments(rules, alignment, thresholds, decided) if given is None else given
    earned = points(rules, c).sum(axis=1)
    if track is not None:
        earned = earned + track_points(rules, track)
    return np.minimum(100.0 * earned / total, 100.0)


def score_of(rules: Rules, state: State) -> np.ndarray:
    """Score per game of ``state`` if the crisis resolved now."""
    return score(rules, state.alignment, state.track, state.thresholds, state.decided)


# Scores are shown to one decimal; the tier is read off the shown number, so that a window saying "50.0" never
# names the tier below 50.
SHOWN_DECIMALS = 1


def tier_index(rules: Rules, scores: np.ndarray) -> np.ndarray:
    """Index into ``rules.tiers`` (best first) for each score, as shown (rounded to ``SHOWN_DECIMALS``)."""
    minimums = np.array([m for _, m in rules.tiers])
    scores = np.round(np.atleast_1d(scores), SHOWN_DECIMALS)
    # tiers are best first: the first tier whose minimum the score reaches
    reached = scores[:, None] >= minimums[None, :]
    return np.where(reached.any(axis=1), reached.argmax(axis=1), len(rules.tiers) - 1)


def standing(rules: Rules, state: State, game: int = 0) -> tuple[str, float]:
    """(tier name, score) of one game if the crisis resolved in its current state."""
    s = float(score_of(rules, state.game(game))[0])
    return rules.tiers[int(tier_index(rules, np.array([s]))[0])][0], s


def final_scores(rules: Rules, state: State) -> np.ndarray:
    return score_of(rules, state)
