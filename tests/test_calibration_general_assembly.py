"""Calibration of the whole General Assembly (scenarios/general_assembly.yaml): playing what really happened
reproduces the real ES-11/1 vote of 2 March 2022 - 141 in favour, 5 against, 35 abstentions, 12 not voting -
and the 28 capitals the seeds name keep their seed-cited positions and checks (inherited from Flood the Zone).

The vote is beyond the articles (UN press release GA/12407); the light entries' starts are set from it, so the
test pins that the rules carry them to it (drift, bloc spill-over, the events of the winter) and that the
named capitals' own votes, which the game does not set, come out as they really were.
"""

import numpy as np
import pytest

from game.engine.outcome import commitments_of, tier_index
from game.scenario import load_scenario
from game.sim import aggregate, play_game, summarize
from game.sim.batch import aggregate_batch, run_batch
from game.sim.calibrate import calibrate

# ES-11/1, 2 March 2022 (GA/12407): who voted against and who did not vote.  The two sides are not countries of
# the game: the United States voted for, Russia against.
AGAINST = {"BLR", "PRK", "ERI", "SYR"}
ABSENT = {"AZE", "BFA", "CMR", "SWZ", "ETH", "GIN", "GNB", "MAR", "TGO", "TKM", "UZB", "VEN"}


@pytest.fixture(scope="module")
def ga():
    return load_scenario("general_assembly")


@pytest.fixture(scope="module")
def report(ga):
    return calibrate(ga, runs=40, first_seed=1)


def test_every_member_of_the_united_nations_is_in_it(ga):
    rules = ga.rules
    assert len(rules.countries) == 191 and {"USA", "RUS"} == set(rules.actors)
    assert len(set(rules.countries) | set(rules.actors)) == 193
    flood = load_scenario("flood_the_zone")
    assert set(flood.rules.countries) <= set(rules.countries)
    light = [c for c, entry in ga.doc.countries.items() if c not in flood.doc.countries]
    assert len(light) == 163
    assert all(ga.doc.countries[c].added and ga.doc.countries[c].public_sources for c in light)
    assert all(any(s.id == "GA/12407" for s in ga.doc.countries[c].public_sources) for c in light)


def test_the_seed_named_capitals_keep_their_positions(ga):
    flood = load_scenario("flood_the_zone")
    for code, entry in flood.doc.countries.items():
        assert ga.doc.countries[code] == entry, code


def test_the_real_totals_add_up_with_the_two_sides_to_the_whole_vote(ga):
    (total,) = ga.doc.real_outcomes.totals
    counts = dict(total.counts)
    assert sum(counts.values()) == 191
    assert (counts["yes"] + 1, counts["no"] + 1, counts["abstain"], counts["absent"]) == (141, 5, 35, 12)


def test_playing_what_happened_reproduces_the_es_11_1_totals(report):
    assert report.ok, report.as_dict()
    (total,) = report.totals
    assert total.means == {"yes": 140.0, "no": 4.0, "abstain": 35.0, "absent": 12.0}


def test_each_country_votes_as_it_did(ga):
    """Not only the totals: in the historical game every country takes its own real option."""
    rules = ga.rules
    game = play_game(ga, "historical", 7)
    levels = commitments_of(rules, game.states[-1]).level[0, :, rules.ladder.rung_index("un_vote")]
    options = rules.ladder.options[rules.ladder.rung_index("un_vote")]
    voted = {code: options[int(levels[c])] for c, code in enumerate(rules.countries)}
    assert {c for c, o in voted.items() if o == "no"} == AGAINST
    assert {c for c, o in voted.items() if o == "absent"} == ABSENT
    assert {c for c, o in voted.items() if o == "abstain"} >= {"CHN", "IND", "ZAF", "KAZ"}


def test_the_historical_playbook_reaches_the_united_west_and_doing_nothing_does_not(ga):
    names = [name for name, _ in ga.rules.tiers]

    def reached(policy):
        scores = np.array([summarize(play_game(ga, policy, 3000 + n, record=False))["score"] for n in range(12)])
        return [names[i] for i in tier_index(ga.rules, scores)]

    assert all(t in ("Grand coalition", "United West") for t in reached("historical"))
    assert not any(t in ("Grand coalition", "United West") for t in reached("idle"))


@pytest.mark.parametrize("policy", ["historical", "random"])
def test_batch_and_single_play_are_byte_identical(ga, policy):
    """191 countries through the batch engine give each game the bits it gets alone (spill-over by classes)."""
    seeds = [5, 6, 7, 8]
    batch = run_batch(ga, policy, seeds)
    for g, seed in enumerate(seeds):
        single = play_game(ga, policy, seed, record=False)
        assert single.states[-1].alignment.tobytes() == batch.alignment[g : g + 1].tobytes()
    assert aggregate_batch(ga, policy, seeds) == aggregate(ga, policy, seeds)
