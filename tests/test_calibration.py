"""Calibration: playing the historical playbook reproduces the positions the seeds document.

Each test quotes the passage it rests on.  Bands are on the mean over RUNS seeded games (and on the share of
games with a commitment), so they pin the tuned numbers without depending on one lucky seed.  The same checks
are listed in the scenario's `calibration:` section for `python -m game calibrate`; a test below makes sure
that section never drifts looser than these.
"""

import numpy as np
import pytest

from game.sim.calibrate import calibrate, commitment_hits, histories
from tests.conftest import SHORT_COMMITMENTS

RUNS = 120


@pytest.fixture(scope="module")
def runs(ftz):
    runs = histories(ftz, RUNS, first_seed=1000)
    hist = runs.alignment
    rules = ftz.rules

    class Runs:
        def mean(self, code, week=None):
            x = hist[:, rules.n_turns if week is None else week, rules.countries.index(code)]
            return float(x.mean())

        def share(self, code, rung):
            hits = commitment_hits(ftz, runs.levels, SHORT_COMMITMENTS.get(rung, rung), rules.countries.index(code))
            return float(hits.mean())

    return Runs()


def test_uk_firmly_with_washington(runs):
    """000: "the United Kingdom has been public about its alignment with the U.S. position; it announced
    weapons shipments to Ukraine"."""
    assert runs.mean("GBR") >= 60
    assert runs.share("GBR", "sanctions") >= 0.95
    assert runs.share("GBR", "arms") >= 0.8
    assert runs.mean("GBR") > max(runs.mean(c) for c in ("FRA", "DEU", "ITA", "JPN", "KOR", "IND"))


def test_germany_hesitant_early(runs):
    """000: "Germany, which has long pushed for the Nord Stream 2 project, appears squeamish at times about
    coming down too hard on the Kremlin."  Checked at the start of the week of 24 January 2022 (week 8)."""
    assert runs.mean("DEU", week=8) <= 33
    assert runs.mean("DEU", week=8) < runs.mean("FRA", week=8) < runs.mean("GBR", week=8)


def test_germany_in_the_coalition_at_the_end(runs):
    """004: "Nord Stream 2 gas pipeline will not open if Russia invades Ukraine, says US" / "US and German
    officials signal hardening of position on controversial gas link"."""
    assert runs.mean("DEU") >= 35
    assert runs.mean("DEU") > runs.mean("DEU", week=8) + 5
    assert runs.share("DEU", "sanctions") >= 0.6
    assert runs.share("DEU", "yes") == 1.0


def test_france_in_the_coalition_while_seeking_its_own_dialogue(runs):
    """000: "France's Emmanuel Macron has said the European Union should start its own dialogue with the
    Kremlin." — in the coalition, but behind the UK."""
    assert runs.mean("FRA") >= 35
    assert runs.share("FRA", "sanctions") >= 0.6
    assert runs.mean("FRA") < runs.mean("GBR") - 15


def test_india_hedging(runs):
    """000: "India, another Asian country that has to balance its relations with Russia, China and the
    United States" / "the Indian readout, issued via Twitter, did not [mention Ukraine]"."""
    assert -35 <= runs.mean("IND") <= 10
    assert runs.share("IND", "sanctions") <= 0.05
    assert runs.share("IND", "abstain") >= 0.4


def test_brazil_hedging(runs):
    """000: "it also has had a generally improving relationship with Russia, so it's not certain to back
    Washington in a dispute with Moscow"."""
    assert -35 <= runs.mean("BRA") <= 15
    assert runs.share("BRA", "sanctions") <= 0.05


def test_india_and_brazil_both_hedge_between_the_camps(runs):
    """000: "Big countries like India and Brazil need to understand the potential consequences"."""
    for code in ("IND", "BRA"):
        assert runs.mean("CHN") + 30 < runs.mean(code) < runs.mean("JPN") - 30


def test_japan_committed(runs):
    """000: the two "committed to work closely together to deter Russian aggression against Ukraine."."""
    assert runs.mean("JPN") >= 45
    assert runs.share("JPN", "sanctions") >= 0.85


def test_south_korea_uncertain(runs):
    """000: "where it will ultimately land should the Russia-Ukraine crisis spiral is unclear at the
    moment"."""
    assert -20 <= runs.mean("KOR") <= 30
    assert runs.share("KOR", "sanctions") <= 0.3
    assert runs.mean("KOR") < runs.mean("JPN")


def test_china_backs_moscow_on_nato(runs):
    """004: "In a phone call between Putin and Xi in December, the Chinese leader supported Russia's demand
    that Ukraine must never join Nato."."""
    assert runs.mean("CHN") <= -50
    assert runs.share("CHN", "yes") == 0.0
    assert runs.share("CHN", "sanctions") == 0.0


@pytest.mark.parametrize("code", ["KWT", "SAU", "ARE"])
def test_gulf_producers_open_on_energy_but_not_sure_partners(runs, code):
    """000: "those energy producing countries could help make up for any such supply shortages" — but
    "U.S. officials have declined to say which countries specifically they are talking to".  "Could help" is
    talk, not a commitment: open (leaning toward Washington), yet no help in most runs - they declined to pump
    more in March 2022 (the scenario's real_outcomes)."""
    assert runs.mean(code) >= 0
    assert runs.share(code, "energy") <= 0.3
    assert runs.share(code, "sanctions") <= 0.3
    assert runs.mean(code) < runs.mean("GBR") - 30


def test_scenario_calibration_section_is_no_looser_than_these_tests(ftz):
    """The `calibration:` section drives `python -m game calibrate`; it must pass too."""
    report = calibrate(ftz, runs=40, first_seed=1)
    failing = [(r.check.id, r.failures) for r in report.results if not r.ok]
    assert not failing
    ids = {r.check.id for r in report.results}
    assert {"uk_firmly_with_washington", "germany_in_the_coalition", "india_hedging", "china_backs_moscow"} <= ids


def test_the_historical_playbook_beats_doing_nothing(ftz):
    from game.sim import aggregate

    idle = aggregate(ftz, "idle", range(1, 21))
    history = aggregate(ftz, "historical", range(1, 21))
    assert history["score_mean"] > idle["score_mean"] + 5
    assert np.isfinite(history["score_sd"])


# --- what really happened after the crisis (beyond the articles: the scenario's real_outcomes) -----------------


@pytest.fixture(scope="module")
def report(ftz):
    """The scenario's own calibration: its runs and first seed (`python -m game calibrate flood_the_zone`)."""
    return calibrate(ftz)


def test_the_real_outcomes_are_reproduced(report):
    """ES-11/1, sanctions by the end of March, arms by April, the Gulf's energy: at least 95% of the votes and
    90% of every other commitment (country x run), and the vote's tally within tolerance."""
    assert report.real_ok, report.real_shortfalls()
    assert report.documented_ok


def test_no_eu_member_opts_out_of_the_eus_sanctions_in_any_historical_run(ftz, report):
    """The EU decides its sanctions unanimously (the packages of 23 and 25 February 2022 were adopted by all its
    members): in history no member blocked them, so no historical run may end with one out."""
    rules, ladder = ftz.rules, ftz.rules.ladder
    rung = ladder.rung_index("sanctions")
    members = [rules.countries.index(c) for c in ftz.doc.groups["EU"].members]
    own_sample = histories(ftz, ftz.doc.calibration.runs, ftz.doc.calibration.first_seed).levels
    second_sample = histories(ftz, RUNS, first_seed=1000).levels
    out = np.concatenate([own_sample, second_sample])[:, members, rung] < 1
    assert not out.any(), {ftz.doc.groups["EU"].members[j]: int(out[:, j].sum()) for j in range(len(members))}
    assert ftz.doc.commitments.rung("sanctions").bloc.group == "EU"


def test_neglecting_the_eu_can_leave_its_sanctions_blocked(ftz):
    """The bloc is playable: a Washington that does nothing leaves Italy to Moscow's business pitch in some
    games, and then one holdout blocks the sanctions of all 14 members."""
    from game.engine import commitments_of
    from game.sim.play import play_game

    rung = ftz.rules.ladder.rung_index("sanctions")
    members = [ftz.rules.countries.index(c) for c in ftz.doc.groups["EU"].members]
    blocked = []
    for seed in range(1, 21):
        level = commitments_of(ftz.rules, play_game(ftz, "idle", seed, record=False).final).level[0]
        blocked.append(bool((level[members, rung] < 1).all()))
    assert any(blocked) and not all(blocked)
