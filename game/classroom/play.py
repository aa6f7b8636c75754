"""Headless games with teacher settings, kept as Sessions (for codes, replays and reports).

A game here is played by ``game.sim.loop.play`` from the session's own spec, with bots on the people's sides,
and the session adopts its weeks: the same loop and the same week as ``simulate`` and the desktop game, so a
game played here is bit for bit the game ``simulate`` plays for the same scenario, seed and settings (the
tests pin it).
"""

from __future__ import annotations

import os

import numpy as np

from game.engine.outcome import score
from game.scenario import Scenario
from game.session import Session
from game.sim.loop import GameSpec, play, yardstick
from game.sim.play import GameResult, summarize
from game.sim.settings import Settings

from .codes import CodeError, GameSetup, code_for, resolve_setup


def play_session(
    scenario: Scenario,
    seed: int,
    settings: Settings | None = None,
    policy: str = "historical",
    rival_policy: str | None = None,
) -> Session:
    """A finished game: ``policy`` plays the player's side; the rival is the settings' AI, or ``rival_policy``
    (in a two-sided game, ``rival_policy`` or the settings' rival plays in the second player's place)."""
    return finished_session(GameSpec(scenario, seed, settings or Settings(), policy, rival_policy))


def finished_session(spec: GameSpec) -> Session:
    """The spec's game played headless (``game.sim.loop.play``), held by a Session as if played in it."""
    settings = spec.settings or Settings()  # a Session's rules are always the scenario file's, configured
    rival = None if settings.two_sided else spec.rival_policy
    session = Session(spec.scenario, spec.seed, rival, settings=settings, play_prelude=False)
    session.adopt(play(session.spec.replace(policy=spec.policy, rival_policy=spec.rival)))
    return session


def play_setup(setup: GameSetup, policy: str = "historical", candidates: list[str | os.PathLike] = ()) -> Session:
    """Play the game a code stands for (raises CodeError when its scenario cannot be found)."""
    scenario = resolve_setup(setup, candidates)
    return play_session(scenario, setup.seed, setup.settings, policy)


def history_session(session: Session) -> Session:
    """The yardstick of a game (``game.sim.loop.yardstick``) as a finished Session."""
    return finished_session(yardstick(session.spec))


def game_result(session: Session, policy: str = "human") -> GameResult:
    """A Session as the simulator's GameResult (so ``summarize`` and the batch tools read it)."""
    states = tuple(w.state_before for w in session.weeks) + (session.state,)
    return GameResult(
        session.scenario,
        session.seed,
        policy,
        "human" if session.two_sided else session.rival_policy,
        states,
        tuple(w.sheets for w in session.weeks),
        tuple(w.record for w in session.weeks),
    )


def score_history(session: Session) -> np.ndarray:
    """(weeks + 1,) the score the game would have had had the crisis resolved at the start of each week."""
    rules = session.rules
    states = [w.state_before for w in session.weeks] + [session.state]
    alignment = np.concatenate([s.alignment for s in states])
    track = np.concatenate([s.track for s in states])
    # the state's own lines and decisions: events can move a line (`move_line`) or decide a rung
    thresholds = np.concatenate([s.thresholds for s in states])
    decided = np.concatenate([s.decided for s in states])
    return score(rules, alignment, track, thresholds, decided)


def result_summary(session: Session, policy: str = "human") -> dict:
    """The ``simulate --json`` summary of a game, plus what a class needs: the code, the settings, the
    players' names, how far it got."""
    summary = summarize(game_result(session, policy))
    try:
        code = code_for(session)
    except CodeError:
        code = None
    summary.update(
        {
            "code": code,
            "settings": session.settings.to_dict(),
            "players": {session.rules.actors[a]: n for a, n in sorted(session.names.items())},
            "weeks_played": len(session.weeks),
            "finished": session.is_over,
        }
    )
    return summary
