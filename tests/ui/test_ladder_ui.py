"""The commitment ladder as data in the window and the printed report: a rung the code has never heard of is
drawn like any other, and a bloc's decision and its holdouts are told."""

from __future__ import annotations

import yaml

from game.classroom.play import play_session
from game.classroom.report import render_report
from game.engine import commitments_of
from game.scenario import load_scenario
from game.scenario.loader import check
from tests.conftest import ROOT

from .conftest import frames


def shown_texts(app) -> set[str]:
    app.texts._cache.clear()
    app.dirty = True
    frames(app)
    return {k[0] for k in app.texts._cache}


def _with_expulsion(tmp_path):
    """Flood the Zone with a fifth rung: voting to expel Russia from a body (a rung no code names)."""
    data = yaml.safe_load((ROOT / "scenarios" / "flood_the_zone.yaml").read_text(encoding="utf-8"))
    data["commitments"]["rungs"].append(
        {
            "id": "expel",
            "name": "Expels Russia",
            "meaning": "votes to suspend Russia from a body",
            "threshold": 20,
            "points": 1,
            "made": "votes to expel",
            "not_made": "keeps it in",
        }
    )
    path = tmp_path / "expel.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    scenario, problems = check(path, seeds=ROOT / "seeds")
    assert scenario is not None, [str(p) for p in problems]
    return scenario


def test_a_fifth_rung_plays_scores_reports_and_draws(make_app, tmp_path):
    scenario = _with_expulsion(tmp_path)
    session = play_session(scenario, 3, policy="historical")
    expel = scenario.rules.ladder.rung_index("expel")
    levels = commitments_of(scenario.rules, session.state).level[0]
    assert levels[:, expel].any()  # some countries vote to expel at the end of the historical course
    html = render_report(session)
    assert "Expels Russia" in html and "votes to suspend Russia from a body" in html
    app = make_app(scenario=str(tmp_path / "expel.yaml"))
    app.go(app.resume(session))
    frames(app)
    assert app.top.name == "debrief"
    texts = shown_texts(app)
    assert any("EXPELS" in t for t in texts), sorted(texts)[:60]


def test_the_debrief_and_the_report_tell_what_the_eu_decided(make_app):
    ftz = load_scenario("flood_the_zone")
    session = play_session(ftz, 3, policy="historical")
    html = render_report(session)
    assert "Sanctions, decided by the European Union members all together, by unanimity: adopted" in html
    app = make_app()
    app.go(app.resume(session))
    frames(app)
    texts = shown_texts(app)
    assert any(t.startswith("You: Sanctions, decided by the European Union members") for t in texts), sorted(texts)[:80]


def test_an_idle_washington_can_see_the_eu_blocked_by_a_holdout():
    ftz = load_scenario("flood_the_zone")
    rules = ftz.rules
    (bloc,) = rules.ladder.blocs
    blocked = 0
    for seed in range(1, 13):
        state = play_session(ftz, seed, policy="idle").state
        decision = commitments_of(rules, state).blocs[0]
        if decision.level[0] < decision.proposal[0]:
            blocked += 1
            assert decision.holdouts[0].any()
            members = list(bloc.members)
            assert (commitments_of(rules, state).level[0, members, bloc.rung] == 0).all()
    assert blocked >= 1


def test_the_week_report_and_the_top_bar_say_when_a_bloc_is_blocked(make_app):
    from game.ui.flow import Open

    ftz = load_scenario("flood_the_zone")
    session = play_session(ftz, 4, policy="idle")  # an idle Washington: Rome holds the EU back (seed 4)
    decision = commitments_of(ftz.rules, session.state).blocs[0]
    assert decision.level[0] < decision.proposal[0]
    app = make_app()
    app.go(app.resume(session))
    app.go(Open("report", week_index=len(session.weeks) - 1))
    frames(app)
    assert app.top.name == "report"
    assert any(t.startswith("Sanctions (European Union members): blocked by") for t in shown_texts(app))
