"""The score separates play in every bundled crisis (issue 14): doing nothing ends at least one tier below the
historical campaign, skilled play (the best of the greedy bot, the advisor and - where a channel to the rival
scores - the keeper, which keeps that channel open) at least one tier above it, and skilled play reaches the top
tier often enough for the top to be a real goal."""

from __future__ import annotations

import dataclasses

import pytest

from game.scenario.loader import bundled_scenarios, load_scenario
from game.sim.balance import TOP_REACHABLE_SHARE, BalanceConfig, format_report, run_balance

SPREAD = BalanceConfig(runs=200, first_seed=1, slow_runs=20, sections=("policies", "slow"))


@pytest.mark.slow
@pytest.mark.parametrize("path", bundled_scenarios(), ids=lambda p: p.stem)
def test_idle_history_and_skilled_play_end_a_tier_apart(path):
    report = run_balance(load_scenario(path), SPREAD)
    spread = report["spread"]
    assert spread["separates"], format_report(report)
    assert spread["skilled_top_share"] >= TOP_REACHABLE_SHARE


def test_the_spread_flags_a_scenario_whose_tiers_do_not_separate_play(ftz):
    """One tier for everything: nothing separates, and the report says which comparisons failed."""
    rules = dataclasses.replace(ftz.rules, tiers=(("Everyone", 0.0),))
    report = run_balance(
        dataclasses.replace(ftz, rules=rules), BalanceConfig(runs=8, slow_runs=2, sections=("policies", "slow"))
    )
    assert report["spread"]["separates"] is False
    flags = " | ".join(report["flags"])
    assert "doing nothing ends in the historical campaign's tier" in flags
    assert "no better tier" in flags
    assert "does NOT separate play" in format_report(report)
