""" "Ask your staff" in words, for every screen that offers it: the question put to the advisor
(:func:`game.ai.advise`) and what its answer says, so that the desktop's staff panel and the class server's
browser page ask the same question and word the same answer.

The advisor's answer is a pure function of the scenario, the state, the side, its pending orders and the game's
seed (it runs without a time budget), so the same question gives the same suggestions on either screen.
"""

from __future__ import annotations

from game.ai.advisor import Advice
from game.ai.outlook import ROLLOUTS as OUTLOOK_ROLLOUTS
from game.ai.outlook import rollout_model
from game.engine import Sheet
from game.engine.orders import rival_of
from game.session import Session

from .words import fogged

ROLLOUTS = 32  # the advisor's this-week rollouts: what the footnote tells the player


def rival_policy(session: Session, side: int) -> str:
    """The policy of the other side in the rollouts: the AI rival's, or a person's (modelled in the ai floor)."""
    other = rival_of(session.rules, side)
    return session.spec.policy_for(other, session.turn)


def advice_arguments(session: Session, actor: int, pending: Sheet) -> dict:
    """The keyword arguments of :func:`game.ai.advise` for side ``actor`` with ``pending`` queued: the same
    rollouts, seeds and model of the other side as the top bar's expected end, so a suggestion moves it by its
    figure; under the teacher's fog, the reasons give no exact numbers."""
    return {
        "scenario": session.scenario,
        "state": session.state,
        "actor": actor,
        "pending_sheet": pending,
        "seed": session.seed,
        "budget_seconds": None,  # the whole work, always: the same question gets the same answer
        "rollouts": ROLLOUTS,
        "kept_up_rollouts": OUTLOOK_ROLLOUTS,
        "rival_policy": rival_policy(session, actor),
        "exact": not fogged(session),
    }


def rival_words(session: Session, side: int) -> str:
    """How the staff models the other side, for the footnote: the top bar's model of it."""
    other = session.rules.labels.actors[rival_of(session.rules, side)]
    model = rollout_model(rival_policy(session, side))
    if model == "historical":
        return f"{other} acting as it did historically"
    if model == "idle":
        return f"{other} doing nothing"
    if model == "random":
        return f"{other} acting at random"
    return f"{other} playing as it does in this game"


def how_they_judge(session: Session, side: int) -> str:
    """The footnote under the suggestions: how the staff ranks them."""
    return (
        f"How they judge: each order is played to the end of the crisis {OUTLOOK_ROLLOUTS} times, kept up "
        f"every week, with the same luck as your plan without it, {rival_words(session, side)}. They list them by "
        "that figure, the change of the top bar's expected end; this week: what the order does on its own "
        "if you do not repeat it."
    )


def worth(session: Session, advice: Advice) -> str:
    """The estimated gain in words, from the side asking: the score is the player's, so the rival's staff speaks
    of points off it.  First what the suggestions are ranked by, the change of the expected end if the order is
    kept up every week, then what it does this week alone
    ("Kept up: +2.3 (± 0.4) on the expected end · this week: +0.1")."""
    kept_spread = f" (± {advice.kept_up_spread:.1f})" if advice.kept_up_spread >= 0.05 else ""
    kept, gain = advice.kept_up, advice.expected_gain
    player = session.rules.labels.actors[session.player]
    if advice.order.actor == session.player:
        said = f"Kept up: {kept:+.1f}{kept_spread} on the expected end · this week: {gain:+.1f}"
    else:
        kept_dir = "off" if kept >= 0 else "onto"
        said = (
            f"Kept up: {abs(kept):.1f}{kept_spread} {kept_dir} {player}'s expected end · "
            f"this week: {abs(gain):.1f} {'off' if gain >= 0 else 'onto'}"
        )
    return said.replace("-", "−")


def staff_limit_words(session: Session, side: int) -> str:
    """The teacher's weekly limit and what is left of it ("" without a limit or with the staff off)."""
    limit, left = session.settings.staff, session.staff_left(side)
    if left is None or not limit:
        return ""
    return f"Your teacher allows {limit} staff suggestion{'s' if limit != 1 else ''} a week: " + (
        f"{left} left this week." if left else "none left this week; the advice is still yours to read."
    )
