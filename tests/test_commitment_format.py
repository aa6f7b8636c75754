"""The commitment ladder in the scenario format: rungs as data, closed rungs, blocs, and each crisis's names."""

import numpy as np
import pytest
import yaml

from game.engine import BlocRule, RungKind
from game.engine.outcome import commitments, max_points
from game.scenario import load_scenario
from game.scenario import models as m
from game.scenario.build import compile_scenario
from game.scenario.loader import check
from tests.conftest import ROOT


def _data():
    return yaml.safe_load((ROOT / "scenarios" / "flood_the_zone.yaml").read_text(encoding="utf-8"))


def _compile(data):
    return compile_scenario(m.Scenario.model_validate(data)).rules


def test_a_null_line_closes_the_rung_to_that_country_and_out_of_its_best_score():
    data = _data()
    data["countries"]["GBR"]["thresholds"] = {"sanctions": None, "un_vote": None}
    rules = _compile(data)
    ladder, i = rules.ladder, rules.country_index("GBR")
    assert not ladder.is_open()[i, ladder.rung_index("sanctions")]
    assert not ladder.is_open()[i, ladder.rung_index("un_vote")]
    assert ladder.is_open()[i, ladder.rung_index("arms")]
    arms = ladder.points[ladder.rung_index("arms"), 1]
    assert max_points(rules)[i] == rules.score_weight[i] * arms


def test_a_countrys_own_lines_override_the_rungs_option_by_option():
    data = _data()
    data["countries"]["IND"]["thresholds"] = {"un_vote": {"yes": 30}, "arms": 70}
    rules = _compile(data)
    ladder, i = rules.ladder, rules.country_index("IND")
    vote = ladder.rung_index("un_vote")
    assert ladder.thresholds[i, vote, ladder.option_index(vote, "yes")] == 30
    assert ladder.thresholds[i, vote, ladder.option_index(vote, "abstain")] == -40  # the rung's own line
    assert ladder.thresholds[i, ladder.rung_index("arms"), 1] == 70


def test_open_to_limits_a_rungs_default_line():
    rules = load_scenario("flood_the_zone").rules
    ladder = rules.ladder
    energy = ladder.rung_index("energy_help")
    open_ = {rules.countries[c] for c in np.flatnonzero(ladder.is_open()[:, energy])}
    assert open_ == {"KWT", "SAU", "ARE", "BRA"}


def test_ukraine_neither_sanctions_nor_arms_itself_in_the_bundled_crises():
    for name in ("flood_the_zone", "the_rational_way", "isolation_complication"):
        rules = load_scenario(name).rules
        ladder, i = rules.ladder, rules.country_index("UKR")
        for rung in ("sanctions", "arms"):
            assert not ladder.is_open()[i, ladder.rung_index(rung)], (name, rung)


def test_rungs_carry_their_crisis_names_and_option_words():
    iso = load_scenario("isolation_complication")
    assert iso.doc.commitments.rung("sanctions").name == "Keeps to the isolation"
    ftz = load_scenario("flood_the_zone")
    assert ftz.rules.labels.rungs == ("UN vote", "Sanctions", "Arms", "Energy help")
    assert ftz.rules.labels.options[0] == ("votes against", "stays away from the vote", "abstains", "votes yes")
    assert ftz.rules.ladder.kinds == (RungKind.VOTE, RungKind.PLEDGE, RungKind.PLEDGE, RungKind.PLEDGE)


def test_a_bloc_in_the_format_compiles_to_the_engines_bloc():
    data = _data()
    sanctions = next(r for r in data["commitments"]["rungs"] if r["id"] == "sanctions")
    sanctions["bloc"] = {"group": "EU", "rule": "qualified_majority", "quota": 0.6}
    rules = _compile(data)
    (bloc,) = rules.ladder.blocs
    assert bloc.rung == rules.ladder.rung_index("sanctions") and bloc.rule == BlocRule.QUALIFIED_MAJORITY
    assert {rules.countries[c] for c in bloc.members} == set(data["groups"]["EU"]["members"])
    everyone_in = commitments(rules, np.full((1, rules.n_countries), 50.0))
    assert everyone_in.level[0, list(bloc.members), bloc.rung].all()


def test_a_fourth_kind_of_rung_plays_and_scores():
    """An author can add a rung the code has never heard of (expelling Russia from a body)."""
    data = _data()
    data["commitments"]["rungs"].append(
        {"id": "expel", "name": "Expels Russia", "threshold": 60, "points": 3, "made": "votes to expel"}
    )
    rules = _compile(data)
    expel = rules.ladder.rung_index("expel")
    c = commitments(rules, np.full((1, rules.n_countries), 70.0))
    assert c.level[0, :, expel].all()
    assert rules.labels.options[expel] == ("no", "votes to expel")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["countries"]["DEU"].update(thresholds={"sanctoins": 10}), "unknown rung 'sanctoins'"),
        (lambda d: d["countries"]["DEU"].update(thresholds={"un_vote": 10}), "is a vote: give {option: number}"),
        (lambda d: d["countries"]["DEU"].update(thresholds={"arms": {"yes": 10}}), "is a pledge: give one number"),
        (lambda d: d["countries"]["DEU"].update(thresholds={"un_vote": {"maybe": 1}}), "unknown option of un_vote"),
        (
            lambda d: d["commitments"]["rungs"][1].update(bloc={"group": "EUU"}),
            "unknown group 'EUU'",
        ),
        (
            lambda d: d["commitments"]["rungs"][1].update(bloc={"group": "EU", "rule": "leader"}),
            "names its leader",
        ),
        (
            lambda d: d["calibration"]["checks"][0].update(commitments={"un_vote": {"min": 0.5}}),
            "is a vote: name an option",
        ),
        (
            lambda d: d["events"][0]["effects"].append(
                {"decide": {"countries": ["DEU"], "rung": "arms", "option": "y"}}
            ),
            "unknown option of arms 'y'",
        ),
    ],
)
def test_ladder_mistakes_are_reported_with_their_place(change, words, tmp_path):
    data = _data()
    change(data)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    scenario, problems = check(path, seeds=ROOT / "seeds")
    lines = [str(p) for p in problems]
    assert scenario is None and any(words in line and "bad.yaml:" in line for line in lines), lines


def test_an_event_beyond_the_articles_carries_its_public_sources(tmp_path):
    data = _data()
    event = data["events"][0]
    event["public_sources"] = [
        {"publisher": "Armenpress", "url": "https://armenpress.am/eng/news/1076129/", "date": "2022-02-21"}
    ]
    scenario = m.Scenario.model_validate(data)
    assert scenario.events[0].public_sources[0].publisher == "Armenpress"
    event["public_sources"] = [{"publisher": "Armenpress", "url": "armenpress.am/eng/news/1076129/"}]
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    scenario, problems = check(path, seeds=ROOT / "seeds")
    lines = [str(p) for p in problems]
    assert scenario is None and any("public_sources" in line and "bad.yaml:" in line for line in lines), lines


def test_simulate_prints_any_ladder(tmp_path):
    """The command line's tables follow the scenario's rungs, whatever they are called."""
    from tests.conftest import run_game

    data = _data()
    data["commitments"]["rungs"] = [r for r in data["commitments"]["rungs"] if r["id"] != "arms"]
    data["commitments"]["rungs"].append({"id": "expel", "name": "Expels Russia", "threshold": 60, "points": 3})
    for country in data["countries"].values():
        country.get("thresholds", {}).pop("arms", None)
    data.pop("real_outcomes", None)
    for event in data["events"] + data.get("escalations", []):
        event["effects"] = [e for e in event["effects"] if "arms" not in str(e)]
    for entry in data["calibration"]["checks"]:
        entry.get("commitments", {}).pop("arms", None)
    path = tmp_path / "expel.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    one = run_game("simulate", str(path), "--seed", "2")
    assert one.returncode == 0, one.stderr
    assert "expel" in one.stdout and " arms " not in one.stdout
    many = run_game("simulate", str(path), "--runs", "5")
    assert many.returncode == 0, many.stderr
    assert "un_vote:yes" in many.stdout and "expel" in many.stdout
