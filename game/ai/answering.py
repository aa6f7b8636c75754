"""The answering rival (Normal): Moscow's documented playbook, bent each week toward the board.

It starts from what the side really did (the week's documented contacts and its standing outreach, as the
``historical`` bot plays them) and moves part of the principal's calls to two kinds of target:

* **answers** - the capitals the other side pressed hardest last week (its contacts are public once a week
  resolves), each on the argument that works best there for this side;
* **broken promises** - capitals where the other side broke a promise and its word is still doubted (its calls
  land weaker there for some weeks): the best moment to be heard, so they are answered first;
* **thin places** - capitals just above a commitment line on the other side's side of it, that the other side
  has not been in touch with lately, and members of a bloc deciding in unanimity whose step below the line
  would block the whole bloc (``value.bloc_gain``).

It may also raise one of the scenario's escalations (a gas squeeze, troops on the border) when the move pays on
the board, costs included: late in the crisis, when its effect lasts to the end, or at once to break a bloc that
is about to pass.  It reads only what a player could see: the board
(alignments, lines, interests) and last week's contacts, never the other side's plan for this week.

The pure ``historical`` bot stays as it was: calibration and "play history" use it.
"""

from __future__ import annotations

import numpy as np

from game.engine import Dice, Kind, Order, Sheet, State, why_illegal
from game.engine.events import EFFECTS, Work
from game.engine.orders import remaining, rival_of
from game.scenario.build import Scenario

from .policies import documented_sheet, outreach_fill
from .value import bloc_gain, smooth_value, unanimous_blocs

# All INVENTED and tunable (docs/balance.md measures them against the scripted rival).
ANSWER_SHARE = 0.75  # share of the principal's calls left after the documented ones that goes off the script
ANSWERS = 2  # capitals answered each week (those the other side pressed hardest last week)
QUIET_WEEKS = 2  # a capital the other side has not called for this many weeks counts as neglected
WATCHED = 0.3  # what a capital the other side keeps calling is worth as a target, against a neglected one
HOLD_WEEKS = 4  # an escalation waits for the crisis's last weeks (unless a bloc is about to pass)
MAX_RAISES = 1  # Normal's Moscow escalates once a crisis at most (the harder personas are the harder rivals)
RAISE_GAIN = 1.0  # an escalation must pay this much on the board (smooth commitment points) to be raised


def best_topic(scenario: Scenario, state: State, actor: int, country: int) -> int:
    """The argument that moves ``country`` most for ``actor`` this week (interest times leverage)."""
    rules = scenario.rules
    pull = np.clip(state.interest[0, country], 0.0, None) * rules.leverage[actor]
    pull = np.where(rules.leverage[actor] > 0, pull, -np.inf)
    return int(np.argmax(pull))


def pressed_last_week(scenario: Scenario, state: State, actor: int) -> list[int]:
    """The capitals the other side contacted last week, hardest pressed first (its contact units, which
    fade week by week, so last week's weigh most)."""
    other = rival_of(scenario.rules, actor)
    last = state.last_contact[0, other]
    pressed = np.flatnonzero(last == state.turn - 1)
    units = state.recent[0, other, pressed]
    return [int(c) for c in pressed[np.argsort(-units, kind="stable")]]


def doubted(scenario: Scenario, state: State, actor: int) -> list[int]:
    """The capitals where the other side broke a promise and is still doubted, most doubted first (the news
    reports a broken promise: a player could see it)."""
    rules = scenario.rules
    other = rival_of(rules, actor)
    if state.mistrust.shape[1:] != (rules.n_actors, rules.n_countries):
        return []
    share = np.where(state.mistrust_until[0, other] > state.turn, state.mistrust[0, other], 0.0)
    return [int(c) for c in np.argsort(-share, kind="stable") if share[c] > 0]


def thin_places(scenario: Scenario, state: State, actor: int) -> np.ndarray:
    """(C,) what one call of ``actor`` on its best argument would take from the other side's commitments in
    each capital, discounted where it has been in touch lately (``WATCHED``): large where a capital stands just
    above a line, or holds a unanimity bloc's decision."""
    rules = scenario.rules
    other = rival_of(rules, actor)
    sign = rules.actor_sign[actor]
    x = state.alignment[0]
    turn = min(state.turn, rules.n_turns)
    topics = np.array([best_topic(scenario, state, actor, c) for c in range(rules.n_countries)])
    room = np.clip((100.0 - sign * x) / 200.0, 0.0, 1.0) ** rules.room_exponent
    push = (
        sign
        * rules.actor_power[actor]
        * state.power_mod[0, actor, turn]
        * rules.kind_strength[Kind.CALL]
        * rules.leverage[actor, topics]
        * rules.mobility
        * state.interest[0, np.arange(rules.n_countries), topics]
        * room
        / (1.0 + rules.fatigue_k * state.recent[0, actor])
    )
    lines = state.thresholds[0]
    # smooth_value is the player's side's measure: worth more to the player is worth less to the rival.
    player_sign = 1.0 if actor != scenario.player else -1.0
    before = smooth_value(rules, x, lines=lines, without_blocs=True)
    after = smooth_value(rules, x + push, lines=lines, without_blocs=True)
    taken = player_sign * (before - after)
    bloc = bloc_gain(rules, x[None, :], push[None, :], np.arange(rules.n_countries), lines[None])[0]
    taken = taken - player_sign * bloc
    neglected = state.turn - state.last_contact[0, other] >= QUIET_WEEKS
    return np.maximum(taken, 0.0) * np.where(neglected, 1.0, WATCHED)


def escalation_gain(scenario: Scenario, state: State, actor: int, event: int) -> float:
    """What raising escalation ``event`` now would be worth to ``actor`` on the board, its costs included:
    the change of the smooth commitment value at the alignments and lines it leaves."""
    rules = scenario.rules
    spec = rules.events[event]
    one = state.game(0)
    work = Work.of(one, one.alignment, one.track)
    everyone = np.ones(1, dtype=bool)
    for effect in spec.effects:
        EFFECTS[effect.kind].apply(work, everyone, effect, rules, state.turn)
    np.clip(work.alignment, -100.0, 100.0, out=work.alignment)
    before = smooth_value(rules, state.alignment[0], lines=state.thresholds[0]).sum()
    after = smooth_value(rules, work.alignment[0], lines=work.thresholds[0]).sum()
    player_sign = 1.0 if actor != scenario.player else -1.0
    return float(player_sign * (before - after))


def bloc_passing(scenario: Scenario, state: State) -> bool:
    """Does a bloc deciding in unanimity stand to adopt its rung now (every voting member over its line)?"""
    rules = scenario.rules
    ladder = rules.ladder
    for bloc in unanimous_blocs(rules):
        members = ladder.bloc_members(bloc)
        top = len(ladder.options[bloc.rung]) - 1
        lines = state.thresholds[0, members, bloc.rung, top]
        margin = rules.actor_sign[scenario.player] * (state.alignment[0, members] - lines)
        if members.size and bool((margin >= 0).all()):
            return True
    return False


def escalation_to_raise(scenario: Scenario, state: State, actor: int, max_raises: int = MAX_RAISES) -> int | None:
    """The escalation worth raising this week, or None.  Its shifts fade as capitals drift back, its moved
    lines do not, so it waits for the last ``HOLD_WEEKS`` of the crisis - unless a unanimity bloc is about to
    adopt its rung, which a squeeze now may break - and raises the one that pays most, if it pays at least
    ``RAISE_GAIN`` with its costs counted; ``max_raises`` a crisis at most."""
    rules = scenario.rules
    open_ = [e for e in scenario.escalations(actor) if not state.fired[0, e] and state.turn >= rules.events[e].earliest]
    raised = sum(bool(state.fired[0, e]) for e in scenario.escalations(actor))
    if not open_ or raised >= max_raises:
        return None
    if rules.n_turns - state.turn > HOLD_WEEKS and not bloc_passing(scenario, state):
        return None
    gains = [escalation_gain(scenario, state, actor, e) for e in open_]
    best = int(np.argmax(gains))
    return open_[best] if gains[best] >= RAISE_GAIN else None


def answering(scenario: Scenario, state: State, actor: int, dice: Dice) -> Sheet:
    """The documented week, then part of the calls on answers and thin places, then the outreach lines."""
    rules = scenario.rules
    sheet = documented_sheet(scenario, state, actor)
    if state.turn >= rules.n_turns:
        return sheet
    moved = int(round(ANSWER_SHARE * max(remaining(rules, state, sheet)["calls"], 0)))
    targets = doubted(scenario, state, actor)
    targets += [c for c in pressed_last_week(scenario, state, actor)[:ANSWERS] if c not in targets]
    stake = thin_places(scenario, state, actor)
    for c in np.argsort(-stake, kind="stable"):
        if stake[c] <= 1e-6:
            break
        if int(c) not in targets:
            targets.append(int(c))
    for country in targets:
        if moved <= 0:
            break
        order = Order(actor, Kind.CALL, best_topic(scenario, state, actor, country), (country,))
        if why_illegal(rules, state, sheet, order) is None:
            sheet = sheet.with_order(order)
            moved -= 1
    raise_ = escalation_to_raise(scenario, state, actor)
    if raise_ is not None and raise_ not in sheet.raises:
        sheet = sheet.with_raise(raise_)
    return outreach_fill(scenario, state, actor, sheet)
