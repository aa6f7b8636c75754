"""The answering rival (Normal): it answers the player's pressure, works where the player is thin, may raise an
escalation, sees only the board and last week's public contacts, and is measurably stronger than the script."""

from __future__ import annotations

import numpy as np
import pytest

from game.ai import answering as A
from game.ai import make_policy
from game.ai.policies import historical
from game.engine import Kind, Order, Sheet, initial_state, resolve_turn
from game.engine.outcome import score_of
from game.sim.batch import play_batch
from game.sim.loop import GameSpec, play
from game.sim.play import play_each
from game.sim.settings import DIFFICULTIES, Settings


def _country(ftz, code: str) -> int:
    return ftz.rules.countries.index(code)


def _week_after(ftz, player_sheet: Sheet, seed: int = 5):
    state = initial_state(ftz.rules)
    dice = GameSpec(ftz, seed).dice
    rival = historical(ftz, state, ftz.rival, dice)
    return resolve_turn(state, [player_sheet, rival], ftz.rules, dice).state, dice


def _calls(sheet: Sheet) -> list[int]:
    return [o.targets[0] for o in sheet.orders if o.kind == Kind.CALL]


def test_normal_is_the_answering_rival_and_history_stays_pure():
    assert DIFFICULTIES["normal"][0] == "answering" and Settings().difficulty == "normal"
    assert make_policy("answering") is A.answering and make_policy("historical") is historical


def test_a_player_who_pushes_germany_hard_sees_moscow_answer_in_germany(ftz):
    deu = _country(ftz, "DEU")
    security = ftz.rules.topics.index("security_guarantees")
    push = Sheet(ftz.player, tuple(Order(ftz.player, Kind.CALL, security, (deu,)) for _ in range(4)))
    state, dice = _week_after(ftz, push)
    assert A.pressed_last_week(ftz, state, ftz.rival)[0] == deu
    answer = A.answering(ftz, state, ftz.rival, dice)
    assert not ftz.playbook[ftz.rival].get(state.turn)  # nothing documented this week: the first call is its own
    first = next(o for o in answer.orders if o.kind == Kind.CALL)
    assert first.targets == (deu,)
    # On the argument that works best for Moscow there, not the player's.
    assert first.topic == A.best_topic(ftz, state, ftz.rival, deu) != security


def test_it_answers_the_capital_the_player_pressed_not_another(ftz):
    """Pressing Italy instead of Germany moves the answer to Italy: what it reads is last week's contacts."""
    ita = _country(ftz, "ITA")
    topic = ftz.rules.topics.index("sanctions")
    push = Sheet(ftz.player, tuple(Order(ftz.player, Kind.CALL, topic, (ita,)) for _ in range(4)))
    state, dice = _week_after(ftz, push)
    assert A.pressed_last_week(ftz, state, ftz.rival)[0] == ita
    assert _calls(A.answering(ftz, state, ftz.rival, dice))[0] == ita


def test_it_targets_a_thin_capital_just_above_a_line(ftz):
    """With no pressure to answer, its extra calls go to the capital where one call takes most from the player's
    commitments; that capital stands just above one of its lines."""
    state, dice = _week_after(ftz, Sheet(ftz.player))
    stake = A.thin_places(ftz, state, ftz.rival)
    thin = int(np.argmax(stake))
    assert stake[thin] > 0
    x = state.alignment[0, thin]
    lines = state.thresholds[0, thin][~np.isnan(state.thresholds[0, thin])]
    assert ((x - lines >= 0) & (x - lines <= 15)).any(), (ftz.rules.countries[thin], x, lines)
    assert thin in _calls(A.answering(ftz, state, ftz.rival, dice))


def test_a_thin_capital_the_player_keeps_calling_is_worth_less(ftz):
    state, _ = _week_after(ftz, Sheet(ftz.player))
    stake = A.thin_places(ftz, state, ftz.rival)
    thin = int(np.argmax(stake))
    last = state.last_contact.copy()
    last[0, ftz.player, thin] = state.turn - 1
    watched = state.evolve(last_contact=last)
    assert A.thin_places(ftz, watched, ftz.rival)[thin] == pytest.approx(stake[thin] * A.WATCHED)


def test_it_never_reads_this_weeks_hidden_orders(ftz):
    """Its sheet is a function of the state it is given; the player's pending sheet is not an input at all, and
    the same state gives the same sheet whatever the player then plays."""
    state, dice = _week_after(ftz, Sheet(ftz.player))
    assert A.answering(ftz, state, ftz.rival, dice) == A.answering(ftz, state, ftz.rival, dice)


def test_it_raises_an_escalation_late_and_only_once(ftz):
    result = play(GameSpec(ftz, 3, None, "historical", "answering"), record=True)
    raised = [(week, e) for week, sheets in enumerate(result.sheets) for s in sheets for e in s.raises]
    assert len(raised) == 1
    week, event = raised[0]
    assert event in ftz.escalations(ftz.rival)
    assert week >= ftz.rules.n_turns - A.HOLD_WEEKS or A.bloc_passing(ftz, result.states[week])
    assert any(e.event == event for e in result.records[week].events)


def test_batch_and_one_at_a_time_agree_with_the_answering_rival(ftz):
    spec = GameSpec(ftz, 0, None, "historical", "answering")
    seeds = [1, 2, 3]
    batch = play_batch(spec, seeds)
    each = play_each(spec, seeds)
    np.testing.assert_array_equal(batch.scores, each.scores)


@pytest.mark.slow
def test_it_lowers_the_players_score_measurably_against_the_script(ftz):
    """Against the same player bots on the same seeds, the answering rival leaves the player a lower score than
    the scripted historical rival: the paired difference's 95% interval lies below zero for each bot."""
    rules = ftz.rules
    for bot, seeds in (("historical", range(1, 61)), ("random", range(1, 61)), ("greedy", range(1, 21))):
        diffs = []
        for seed in seeds:
            script = play(GameSpec(ftz, seed, None, bot, "historical"), record=False)
            answer = play(GameSpec(ftz, seed, None, bot, "answering"), record=False)
            diffs.append(score_of(rules, answer.final)[0] - score_of(rules, script.final)[0])
        diffs = np.array(diffs)
        half = 1.96 * diffs.std(ddof=1) / np.sqrt(diffs.size)
        assert diffs.mean() + half < 0, (bot, diffs.mean(), half)
