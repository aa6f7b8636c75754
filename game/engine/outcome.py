"""The commitment ladder, the score and the result tier at the end of the crisis."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .model import Rules, State, Vote


@dataclass(frozen=True)
class Commitments:
    """Per game and country (B, C)."""

    un_vote: np.ndarray  # Vote values
    sanctions: np.ndarray  # bool
    arms: np.ndarray  # bool
    energy: np.ndarray  # bool


def _reached(alignment: np.ndarray, threshold: np.ndarray) -> np.ndarray:
    # A NaN threshold means the rung is not open to that country: comparisons with NaN are False.
    with np.errstate(invalid="ignore"):
        return alignment >= threshold


def commitments(rules: Rules, alignment: np.ndarray) -> Commitments:
    alignment = np.atleast_2d(alignment)
    vote = np.full(alignment.shape, int(Vote.NO), dtype=np.int64)
    vote[_reached(alignment, rules.threshold_un_abstain)] = int(Vote.ABSTAIN)
    vote[_reached(alignment, rules.threshold_un_yes)] = int(Vote.YES)
    return Commitments(
        un_vote=vote,
        sanctions=_reached(alignment, rules.threshold_sanctions),
        arms=_reached(alignment, rules.threshold_arms),
        energy=_reached(alignment, rules.threshold_energy),
    )


def max_points(rules: Rules) -> np.ndarray:
    """The best each country can give (C,), weighted."""
    abstain, yes, sanctions, arms, energy = rules.rung_points
    vote = np.where(
        ~np.isnan(rules.threshold_un_yes), yes, np.where(~np.isnan(rules.threshold_un_abstain), abstain, 0.0)
    )
    best = (
        vote
        + sanctions * ~np.isnan(rules.threshold_sanctions)
        + arms * ~np.isnan(rules.threshold_arms)
        + energy * ~np.isnan(rules.threshold_energy)
    )
    return rules.score_weight * best


def points(rules: Rules, c: Commitments) -> np.ndarray:
    """What each country gives (B, C), weighted."""
    abstain, yes, sanctions, arms, energy = rules.rung_points
    vote_points = np.where(c.un_vote == int(Vote.YES), yes, np.where(c.un_vote == int(Vote.ABSTAIN), abstain, 0.0))
    raw = vote_points + sanctions * c.sanctions + arms * c.arms + energy * c.energy
    return rules.score_weight * raw


def track_points(rules: Rules, track: np.ndarray | None) -> np.ndarray:
    """Points earned by tracks that reached their threshold (B,)."""
    scored = ~np.isnan(rules.track_threshold)
    if track is None or not scored.any():
        return np.zeros(1 if track is None else track.shape[0])
    with np.errstate(invalid="ignore"):
        reached = np.atleast_2d(track) >= rules.track_threshold
    return (reached * np.where(scored, rules.track_points, 0.0)).sum(axis=1)


def score(rules: Rules, alignment: np.ndarray, track: np.ndarray | None = None) -> np.ndarray:
    """Score per game (B,), 0..100: the weighted share of all commitments (and scored tracks) that could be had."""
    alignment = np.atleast_2d(alignment)
    scored = ~np.isnan(rules.track_threshold)
    total = max_points(rules).sum() + np.where(scored, rules.track_points, 0.0).sum()
    earned = points(rules, commitments(rules, alignment)).sum(axis=1)
    if track is not None:
        earned = earned + track_points(rules, track)
    return 100.0 * earned / total


def tier_index(rules: Rules, scores: np.ndarray) -> np.ndarray:
    """Index into ``rules.tiers`` (best first) for each score."""
    minimums = np.array([m for _, m in rules.tiers])
    scores = np.atleast_1d(scores)
    # tiers are best first: the first tier whose minimum the score reaches
    reached = scores[:, None] >= minimums[None, :]
    return np.where(reached.any(axis=1), reached.argmax(axis=1), len(rules.tiers) - 1)


def standing(rules: Rules, state: State, game: int = 0) -> tuple[str, float]:
    """(tier name, score) of one game if the crisis resolved in its current state."""
    s = float(score(rules, state.alignment[game : game + 1], state.track[game : game + 1])[0])
    return rules.tiers[int(tier_index(rules, np.array([s]))[0])][0], s


def final_scores(rules: Rules, state: State) -> np.ndarray:
    return score(rules, state.alignment, state.track)
