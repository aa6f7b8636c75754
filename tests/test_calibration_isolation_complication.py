"""Calibration of Isolation Complication (July-September 2022): playing the historical playbook reproduces the
positions seeds 001 and 002 document, and the crisis plays as designed.

Each test quotes the passage it rests on.  Bands are on the mean over RUNS seeded games (and on the share of
games with a commitment or an event), on seeds the scenario's own `calibration:` section does not use, so they
pin the tuned numbers without depending on one lucky seed.  The tracks (the grain corridor, the prisoner
channel) cannot be checked by the format's per-country checks; they are pinned here.
"""

import numpy as np
import pytest

from game.ai.policies import historical
from game.engine import Dice, Kind, Order, commitments_of, initial_state, resolve_turn, why_illegal
from game.engine.outcome import score, tier_index
from game.scenario import load_scenario
from game.sim import aggregate, play_game
from game.sim.calibrate import calibrate, commitment_hits
from tests.conftest import SHORT_COMMITMENTS

RUNS = 100
FIRST_SEED = 2000  # the YAML's calibration section starts at 1


@pytest.fixture(scope="module")
def sc():
    return load_scenario("isolation_complication")


@pytest.fixture(scope="module")
def runs(sc):
    games = [play_game(sc, "historical", FIRST_SEED + n, record=False) for n in range(RUNS)]
    rules = sc.rules
    hist = np.stack([g.alignment_history for g in games])
    levels = np.stack([commitments_of(sc.rules, g.final).level[0] for g in games])  # (R, W+1, C)
    tracks = np.stack([np.stack([s.track[0] for s in g.states]) for g in games])  # (R, W+1, K)
    fired = np.stack([g.final.fired[0] for g in games])  # (R, E)
    end = hist[:, -1, :]

    class Runs:
        def mean(self, code, week=None):
            return float(hist[:, rules.n_turns if week is None else week, rules.countries.index(code)].mean())

        def share(self, code, rung):
            hits = commitment_hits(sc, levels, SHORT_COMMITMENTS.get(rung, rung), rules.countries.index(code))
            return float(hits.mean())

        def track(self, name, week=None):
            return tracks[:, rules.n_turns if week is None else week, rules.tracks.index(name)]

        def reached(self, name):
            k = rules.tracks.index(name)
            return float((tracks[:, -1, k] >= rules.track_threshold[k]).mean())

        def fired(self, event):
            return float(fired[:, sc.event_ids.index(event)].mean())

        scores = score(rules, end, tracks[:, -1, :])

    return Runs()


# ------------------------------------------------------------------------------------ documented positions


def test_india_close_to_russia_despite_the_quad(runs):
    """001: "India has not shied away from Russia despite its membership in the so-called Quad with the US,
    Australia and Japan." — hedging, far behind its Quad partners, well ahead of China."""
    assert -25 <= runs.mean("IND") <= 0
    assert runs.mean("IND") < min(runs.mean("JPN"), runs.mean("AUS")) - 40
    assert runs.mean("IND") > runs.mean("CHN") + 30
    assert runs.share("IND", "abstain") >= 0.8
    assert runs.share("IND", "sanctions") == 0.0


def test_india_keeps_buying_russian_oil(runs):
    """001: "India has used nearly 60 million barrels of Russian oil so far in 2022, compared to just 12 million
    barrels in all of 2021" — the energy rung (cutting Russian imports) stays out of reach."""
    assert runs.share("IND", "energy") <= 0.02


@pytest.mark.parametrize("code", ["EGY", "UGA"])
def test_american_partners_welcome_lavrov(runs, code):
    """001: "But countries that are ostensibly American partners, such as Egypt and Uganda, also warmly welcome
    top Russians." — not with Moscow, but no shunning either; the Philippines is "the other side of the
    coin"."""
    assert -30 <= runs.mean(code) <= -5
    assert runs.share(code, "sanctions") == 0.0
    assert runs.mean(code) < runs.mean("PHL") - 25
    # Beyond the articles (real outcomes): on ES-11/4 (12 October 2022) Egypt voted yes, Uganda abstained.
    if code == "EGY":
        assert runs.share(code, "yes") >= 0.95
    else:
        assert runs.share(code, "abstain") >= 0.95


def test_uzbekistan_hosts_lavrov(runs):
    """001: "Speaking to reporters in Tashkent, Uzbekistan, on Friday, Lavrov said he would be open to talking
    with Blinken"."""
    assert runs.mean("UZB") <= -20
    assert runs.share("UZB", "yes") == 0.0
    assert runs.mean("UZB") < runs.mean("EGY")
    assert runs.share("UZB", "abstain") >= 0.95  # beyond the articles: it abstained on ES-11/4


def test_indonesia_the_host_calls_for_negotiation(runs):
    """002: "It is our responsibility to end the war sooner rather than later and settle our differences at the
    negotiating table, not at the battlefield" (Retno Marsudi, the G20 host)."""
    assert -20 <= runs.mean("IDN") <= 8
    assert runs.share("IDN", "sanctions") == 0.0
    assert runs.share("IDN", "yes") >= 0.95  # beyond the articles: it voted for ES-11/4


def test_turkey_a_nato_ally_with_its_own_line_to_moscow(runs):
    """001: "Russian President Vladimir Putin has met with world leaders, including Turkish President Recep
    Tayyip Erdogan, whose country is a NATO member." — between the allies and Lavrov's hosts."""
    assert -5 <= runs.mean("TUR") <= 18
    assert runs.mean("EGY") < runs.mean("TUR") < runs.mean("DEU") - 30
    assert runs.share("TUR", "sanctions") <= 0.1
    assert runs.share("TUR", "energy") == 0.0


def test_the_philippines_drops_the_russian_helicopters(runs):
    """001: "the Philippines, an ally of the US treaty, this week scrapped a deal to buy 16 Russian military
    transport helicopters over fears of possible US sanctions." — week 3 is the week of the article."""
    assert runs.mean("PHL") >= 15
    assert runs.share("PHL", "arms") >= 0.85
    assert runs.share("PHL", "yes") >= 0.9
    assert runs.mean("PHL") > runs.mean("PHL", week=3)


def test_china_with_russia_to_some_extent(runs):
    """002: "stark divisions between factions led by the United States and Europe on one side, and Russia and
    to some extent China on the other"."""
    assert runs.mean("CHN") <= -45
    assert runs.mean("CHN") > runs.mean("IRN")
    assert runs.share("CHN", "yes") == 0.0
    assert runs.share("CHN", "abstain") >= 0.95  # beyond the articles: it abstained on ES-11/4, not voted against


def test_iran_a_us_adversary(runs):
    """001: "US officials say Russia is trying to strengthen what few alliances it has left — some of which are
    US adversaries, such as Iran."."""
    assert runs.mean("IRN") <= -60
    assert runs.share("IRN", "un_vote.absent") == 1.0  # beyond the articles: it did not vote on ES-11/4


@pytest.mark.parametrize("code,floor", [("JPN", 45), ("AUS", 50)])
def test_quad_partners_with_washington(runs, code, floor):
    """001: "the so-called Quad with the US, Australia and Japan"."""
    assert runs.mean(code) >= floor
    assert runs.share(code, "sanctions") >= 0.95


@pytest.mark.parametrize("code,floor", [("GBR", 55), ("FRA", 45), ("DEU", 45)])
def test_europe_leads_with_washington(runs, code, floor):
    """002: "stark divisions between factions led by the United States and Europe on one side" (the countries
    are added by the game; the seed says "Europe")."""
    assert runs.mean(code) >= floor
    assert runs.share(code, "sanctions") >= 0.95
    assert runs.share(code, "energy") >= 0.95


def test_ukraine_backed_by_washington(runs):
    """002: "The United States provides the vast majority of assistance to Ukraine and is the leader of the
    Western coalition."."""
    assert runs.mean("UKR") >= 75


# ---------------------------------------------------------------------------------------------- the tracks


def test_a_un_backed_grain_deal_is_agreed_by_the_end_of_july(runs, sc):
    """002: "talks to loosen Ukrainian grain exports from Russia's blockade look promising"; 001 (late July):
    "a United Nations-backed deal to release those stocks has yet to be released. be implemented." — agreed by
    the start of week 3 (25 July), not yet implemented then."""
    assert runs.fired("grain_deal_agreed") >= 0.9
    assert (runs.track("grain", week=3) >= 45).mean() >= 0.9
    assert runs.track("grain", week=3).mean() < sc.rules.track_threshold[sc.rules.tracks.index("grain")]


def test_the_grain_corridor_mostly_works_by_september(runs):
    """002: Erdogan "noted that it was time for the United Nations to take action for the plan regarding the
    formation of secure corridors via the Black Sea for the grain export." — with Turkey brokering, the
    corridor is working at the resolution in most historical games (the sailing itself is beyond the seeds)."""
    assert 0.7 <= runs.reached("grain") < 1.0


def test_blinken_and_lavrov_talk_but_no_prisoner_deal_by_september(runs):
    """001: "The call is not planned, but is expected in the coming days." / "They will drag this out and try
    to humiliate us as much as possible" — the call happens in most games; a deal does not come of two
    contacts."""
    assert runs.fired("lavrov_will_listen") >= 0.95
    assert runs.fired("blinken_lavrov_call") >= 0.8
    assert runs.reached("prisoners") <= 0.1
    assert runs.fired("isolation_unravels") == 0.0


def test_the_historical_playbook_lands_in_a_middle_tier(runs, sc):
    """001's title: "Isolation complication? US finds it's hard to shun Russia" — the West holds, much of the
    world keeps dealing with Moscow: 'Isolation leaks', neither the best tier nor the worst."""
    tiers = tier_index(sc.rules, runs.scores)
    names = [name for name, _ in sc.rules.tiers]
    assert np.mean(tiers == names.index("Isolation leaks")) >= 0.75
    assert np.mean(tiers == 0) == 0.0


def test_real_outcomes_are_reproduced(sc):
    """Beyond the articles: what each country really did after the crisis (ES-11/4 on 12 October 2022, the
    autumn's arms and sanctions; `real_outcomes:`, each with a public source) - at least 95% of the UN votes and
    90% of every other commitment (country x run), and the vote's tally within its tolerance."""
    report = calibrate(sc, runs=60, first_seed=1)
    assert report.real_ok, report.real_shortfalls()


def test_scenario_calibration_section_is_no_looser_than_these_tests(sc):
    """The `calibration:` section drives `python -m game calibrate`; it must pass too."""
    report = calibrate(sc, runs=40, first_seed=1)
    failing = [(r.check.id, r.failures) for r in report.results if not r.ok]
    assert not failing
    ids = {r.check.id for r in report.results}
    assert {"india_close_to_russia_despite_the_quad", "egypt_welcomes_lavrov", "turkey_nato_ally_meets_putin"} <= ids


# ------------------------------------------------------------------------------------------- play balance


def _engaging(plan):
    """The historical playbook, plus a contact with Moscow on the prisoners on the weeks of ``plan`` ({week:
    deputy or None}), paid for by dropping the outreach call (or the deputy's call) it displaces: a hand-played
    sheet of a player who talks to Lavrov more than history did."""

    def policy(scenario, state, actor, dice):
        sheet = historical(scenario, state, actor, dice)
        if state.turn not in plan or any(o.kind == Kind.ENGAGE for o in sheet.orders):
            return sheet
        rules = scenario.rules
        deputy = -1 if plan[state.turn] is None else rules.deputies.index(plan[state.turn])
        order = Order(actor, Kind.ENGAGE, rules.topic_index("prisoners"), deputy=deputy)
        for i in range(len(sheet.orders) - 1, -1, -1):
            o = sheet.orders[i]
            if (deputy < 0 and o.kind == Kind.CALL) or (deputy >= 0 and o.deputy == deputy):
                trimmed = sheet.without(i)
                if why_illegal(rules, state, trimmed, order) is None:
                    return trimmed.with_order(order)
        return sheet

    return policy


def _mean_score(sc, policy, seeds):
    scores = []
    for seed in seeds:
        dice, state = Dice.single(seed), initial_state(sc.rules)
        while state.turn < sc.rules.n_turns:
            sheets = (policy(sc, state, sc.player, dice), historical(sc, state, sc.rival, dice))
            state = resolve_turn(state, sheets, sc.rules, dice, record=False).state
        scores.append(float(score(sc.rules, state.alignment, state.track)[0]))
    return float(np.mean(scores))


def test_policies_rank_idle_random_history_greedy(sc):
    """Doing nothing ends lowest; the historical playbook beats it and a random spender; the greedy bot (a
    strong player on the alignments alone) beats history.  Its margin is smaller (was more than 3 points) since
    the real outcomes (beyond the articles) set Egypt's and Indonesia's yes lines, and Japan's closed arms rung:
    the partners' votes that only the greedy bot used to win are now won by history too, as they were in 2022."""
    seeds = range(1, 7)
    idle, rnd, hist, best = (aggregate(sc, p, seeds)["score_mean"] for p in ("idle", "random", "historical", "greedy"))
    assert idle + 3 < hist < best
    assert rnd < hist


def test_talking_to_lavrov_pays_selectively_not_every_week(sc):
    """002, Shannon: "You can't know unless you try." / 001, Kelly: "Other countries will look at this and say,
    'Why don't we deal more broadly with Lavrov or the Russians?'" — a few more well-timed contacts than
    history's two bring a prisoner deal and a better result; talking to Moscow every week brings the deal too,
    but costs about as much as it brings."""
    seeds = range(1, 11)
    selective = {4: None, 5: None, 8: "state_negotiators", 10: None}
    every_week = {week: None for week in range(sc.rules.n_turns)}
    plain = _mean_score(sc, historical, seeds)
    talks = _mean_score(sc, _engaging(selective), seeds)
    spam = _mean_score(sc, _engaging(every_week), seeds)
    assert talks > plain + 1.5
    assert spam < talks - 1.0
