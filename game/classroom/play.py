"""Headless games with teacher settings, through the same Session the desktop game uses.

With default settings a game played here is bit for bit the game ``game.sim.play_game`` plays (the tests pin
it); with settings it adds what ``play_game`` does not know: the configured rules, the prelude of a shorter
game, and two sides played by bots through the hot-seat path.
"""

from __future__ import annotations

import os

import numpy as np

from game.ai import make_policy
from game.engine.outcome import score, tier_index
from game.scenario import Scenario
from game.session import Session
from game.sim.play import GameResult, summarize

from .codes import CodeError, GameSetup, code_for, resolve_setup
from .settings import Settings


def play_session(
    scenario: Scenario,
    seed: int,
    settings: Settings | None = None,
    policy: str = "historical",
    rival_policy: str | None = None,
) -> Session:
    """A finished game: ``policy`` plays the player's side; the rival is the settings' AI, or in a two-sided
    game ``rival_policy`` (default the settings' rival) plays it through the hot-seat path."""
    two_sided = settings is not None and settings.two_sided
    session = Session(scenario, seed, None if two_sided else rival_policy, settings=settings)
    bots = {session.player: make_policy(policy)}
    if two_sided:
        bots[session.rival] = make_policy(rival_policy or session.settings.rival)
    while not session.is_over:
        actor = session.active
        sheet = bots[actor](session.scenario, session.state, actor, session.dice)
        for order in sheet.orders:
            session.add(order)
        session.submit()
    return session


def play_setup(setup: GameSetup, policy: str = "historical", candidates: list[str | os.PathLike] = ()) -> Session:
    """Play the game a code stands for (raises CodeError when its scenario cannot be found)."""
    scenario = resolve_setup(setup, candidates)
    return play_session(scenario, setup.seed, setup.settings, policy)


def history_session(session: Session) -> Session:
    """The yardstick of a game: the historical playbook on the player's side, with the same seed, rules and
    rival (in a two-sided game, both sides' historical playbooks)."""
    settings = session.settings.replace(two_sided=False)
    if session.two_sided:
        settings = settings.replace(rival="historical")
    rival = None if session.two_sided or session.rival_policy == settings.rival else session.rival_policy
    return play_session(session.base_scenario, session.seed, settings, "historical", rival)


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


def standing_now(session: Session) -> tuple[str, float]:
    """(tier, score) if the crisis resolved in the session's current state."""
    rules = session.rules
    s = float(score(rules, session.state.alignment, session.state.track)[0])
    return rules.tiers[int(tier_index(rules, np.array([s]))[0])][0], s


def score_history(session: Session) -> np.ndarray:
    """(weeks + 1,) the score the game would have had had the crisis resolved at the start of each week."""
    rules = session.rules
    states = [w.state_before for w in session.weeks] + [session.state]
    alignment = np.concatenate([s.alignment for s in states])
    track = np.concatenate([s.track for s in states])
    return score(rules, alignment, track)


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
