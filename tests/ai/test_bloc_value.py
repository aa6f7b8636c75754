"""What a move is worth to a side when a bloc decides in unanimity: the whole bloc rides on its holdout."""

import dataclasses

import numpy as np

from game.ai.value import bloc_gain, smooth_value
from game.engine import Bloc, BlocRule, initial_state
from tests.engine.worlds import AAA, BBB, CCC, DDD, SANCTIONS, tiny_rules


def _bloc_world():
    rules = tiny_rules()
    bloc = Bloc(SANCTIONS, (AAA, BBB, CCC), BlocRule.UNANIMITY)
    return dataclasses.replace(rules, ladder=dataclasses.replace(rules.ladder, blocs=(bloc,)))


def test_the_holdout_carries_the_whole_blocs_value():
    rules = _bloc_world()
    lines = initial_state(rules).thresholds  # sanctions at 30 for everyone
    x = np.array([[45.0, 50.0, 28.0, 0.0]])  # Carpania, 2 below its line, holds the bloc back
    country = np.array([AAA, CCC, DDD])
    gain = bloc_gain(rules, x, np.array([[5.0, 5.0, 5.0]]), country, lines)[0]
    assert gain[1] > 10 * abs(gain[0])  # moving the holdout over its line frees the bloc
    assert gain[2] == 0.0  # Dorsia is not a member
    down = bloc_gain(rules, x, np.array([[-20.0, 0.0, 0.0]]), country, lines)[0]
    assert down[0] < 0  # pushing a keen member below the holdout makes it the new, lower holdout


def test_a_blocs_members_are_not_valued_alone_as_well():
    rules = _bloc_world()
    grid = np.array([20.0, 40.0])
    alone = smooth_value(rules, grid, np.array([AAA, AAA]))
    together = smooth_value(rules, grid, np.array([AAA, AAA]), without_blocs=True)
    assert (alone - together)[1] > (alone - together)[0] > 0  # the sanctions points are left to bloc_gain
    outside = smooth_value(rules, grid, np.array([DDD, DDD]))
    assert np.allclose(outside, smooth_value(rules, grid, np.array([DDD, DDD]), without_blocs=True))
