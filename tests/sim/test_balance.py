"""The balance lab: deterministic for a seed, sound statistics, a dull strategy is found and flagged."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from game.engine import validate_sheet
from game.sim.balance import BalanceConfig, Spam, format_report, perturbations, run_balance, spam_family, wilson
from game.sim.play import play_game
from tests.conftest import run_game

SMALL = BalanceConfig(
    runs=16,
    first_seed=3,
    slow_runs=1,
    sections=("policies", "spam", "personas", "sensitivity"),
    spam_screen_runs=4,
    spam_finalists=2,
    sensitivity_runs=16,
    parameters=("drift_rate", "USA.calls", "countries.interest"),
    personas=("wedge",),
)


@pytest.fixture(scope="module")
def small_report(ftz):
    return run_balance(ftz, SMALL)


def test_the_report_is_the_same_for_the_same_seed(ftz, small_report):
    first = small_report
    assert json.dumps(first) == json.dumps(run_balance(ftz, SMALL))
    other = run_balance(ftz, dataclasses.replace(SMALL, first_seed=4, sections=("policies",)))
    assert other["policies"]["random"] != first["policies"]["random"]
    text = format_report(first)
    assert "historical" in text and "Sensitivity" in text and "wedge" in text


def test_the_report_has_every_section_with_intervals(small_report):
    report = small_report
    pol = report["policies"]
    assert set(pol) == {"idle", "random", "historical"}
    for p in pol.values():
        assert p["runs"] == 16 and p["score_ci"] >= 0
        lo, hi = p["win_ci"]
        assert 0 <= lo <= p["win_rate"] <= hi <= 1
        assert sum(t["share"] for t in p["tiers"].values()) == pytest.approx(1, abs=0.01)
    assert len(report["spam"]["finalists"]) == 2
    assert set(report["personas"]["rivals"]) == {"historical", "wedge:1", "wedge:2", "wedge:3", "wedge:4"}
    assert [s["to"] for s in report["personas"]["ladders"]["wedge"]] == [2, 3, 4]
    assert {r["parameter"] for r in report["sensitivity"]["parameters"]} == set(SMALL.parameters)
    for row in report["sensitivity"]["parameters"]:
        assert set(row["minus"]) == set(row["plus"]) == {"historical", "random"}


def test_wilson_interval():
    lo, hi = wilson(0, 10)
    assert lo == 0 and 0.25 < hi < 0.32
    lo, hi = wilson(50, 100)
    assert lo == pytest.approx(0.4038, abs=1e-3) and hi == pytest.approx(0.5962, abs=1e-3)
    assert wilson(10, 10)[1] == pytest.approx(1.0)


def test_spam_strategies_are_legal_and_dull(ftz):
    rules = ftz.rules
    family = spam_family(ftz)
    assert {s.kind for s in family} == {"country", "topic", "group"}
    state = play_game(ftz, "idle", 1, record=False).states[4]
    for spec in family[::17]:
        sheet = spec.sheet(ftz, state, ftz.player)
        validate_sheet(rules, state, sheet)
        assert len({o.topic for o in sheet.orders}) <= 1
    deu = Spam("country", rules.topic_index("energy_supply"), country=rules.country_index("DEU"))
    assert all(o.targets in ((), (rules.country_index("DEU"),)) for o in deu.sheet(ftz, state, ftz.player).orders)


def test_every_perturbation_changes_the_rules(ftz):
    rules = ftz.rules
    names = [name for name, _, _ in perturbations(rules)]
    assert len(names) == len(set(names)) and "noise_sigma" in names and "RUS.power" in names
    for name, _, apply in perturbations(rules):
        changed = apply(rules, 1.2)
        differs = any(
            not np.array_equal(
                np.asarray(getattr(changed, f.name), dtype=object), np.asarray(getattr(rules, f.name), dtype=object)
            )
            for f in dataclasses.fields(rules)
            if f.name != "labels"
        )
        assert differs, name


def test_the_balance_command_prints_json():
    result = run_game(
        "balance",
        "flood_the_zone",
        "--runs",
        "8",
        "--skip",
        "slow",
        "--skip",
        "spam",
        "--skip",
        "personas",
        "--skip",
        "sensitivity",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scenario"] == "flood_the_zone" and data["runs"] == 8
    assert set(data["policies"]) == {"idle", "random", "historical"}
