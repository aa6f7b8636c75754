"""The after-action report: one self-contained page with the result, the commitments against the historical
playbook, the charts, the decision log and the discussion questions - quoting only real passages."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from game.classroom import charts as svg_charts
from game.classroom.play import history_session
from game.classroom.replay import open_replay
from game.classroom.report import render_report, write_report
from game.engine.outcome import standing
from game.files import reports_dir
from game.session import Session


def test_the_report_holds_every_part(replay_file, charts):
    replay = open_replay(replay_file)
    html = render_report(replay, charts=charts, source_name="ana.json")
    game = replay.session
    history = history_session(game)
    tier, score = standing(game.rules, game.state)
    h_tier, h_score = standing(history.rules, history.state)
    assert f"<h1>{tier}</h1>" in html and f"{score:.1f}" in html and f"{h_score:.1f}" in html
    assert replay.code in html and "Played by Ana" in html
    for part in (
        "Commitments against the historical playbook",
        "Week by week",
        "Decision log",
        "Questions for the debrief",
        "Why it moved",
    ):
        assert part in html
    for country in game.rules.labels.countries:
        assert country in html
    assert html.count("<h3>Week ") == 13
    # quotations are cited as a reader finds the article (outlet and date), never by the seed's file name
    assert "go everywhere" in html and "POLITICO" in html and "seeds/" not in html
    kinds = [c[0] for c in charts.calls]
    assert kinds.count("score") == 1 and kinds.count("grid") >= len(game.rules.regions)
    shown = sum(len(c[1][0]) for c in charts.calls if c[0] == "grid")
    assert shown == game.rules.n_countries


def test_the_page_is_self_contained(replay_file, charts):
    html = render_report(open_replay(replay_file), charts=charts)
    assert not re.search(r"""(src|href)=["']?(https?:|//|file:)""", html)
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert html.count("<figure><svg") == len(charts.calls) and "<img" not in html


def test_a_paraphrased_seed_is_never_quoted(short_two_sided, charts):
    """The Rational Way rests on seed 003 (machine-paraphrased): its passages locate facts, they are not quotes."""
    html = render_report(short_two_sided, charts=charts)
    doc = short_two_sided.scenario.doc
    fragments = {s.passage for c in doc.countries.values() for s in c.sources}
    fragments |= {s.passage for e in doc.events for s in e.sources}
    assert fragments
    for fragment in fragments:
        assert f"“{fragment}" not in html, fragment
    assert "Nationwide Safety" not in html and "(in our words)" in html
    assert "Two-sided game" in html and "Washington: Ana, Moscow: Ben" in html
    assert "Weeks 1–7" in html and "before the players took over" in html
    assert "Channel to Moscow" in html  # its track


def test_an_unfinished_game_says_so(ftz, charts):
    session = Session(ftz, 2)
    session.end_turn()
    html = render_report(session, charts=charts)
    assert "This game stopped after week 1 of 13" in html


def test_write_report_defaults_to_the_data_folder(finished, home, charts):
    path = write_report(finished, charts=charts)
    assert path.parent == reports_dir() == home / "reports"
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def _svg(text: str) -> ET.Element:
    """The chart parsed as XML (inline SVG must be well-formed), its namespace dropped from the tags."""
    root = ET.fromstring(text)
    for el in root.iter():
        el.tag = el.tag.rsplit("}", 1)[-1]
    return root


def test_the_real_charts_are_the_debriefs_charts_in_svg(finished):
    history = history_session(finished)
    you, hist = finished.history(), history.history()
    names = ["A & B", "C", "D", "E", "A country with a very long name indeed"]
    grid = _svg(svg_charts.alignment_grid(names, you[:, :5], hist[:, :5], [35.0] * 5, 13, 3))
    assert grid.get("viewBox") == "0 0 680 184"  # two rows of four cells
    assert grid.find("title").text.startswith("alignment week by week: A & B, C")
    texts = [t.text for t in grid.iter("text")]
    assert "A & B" in texts and any(t.endswith("…") for t in texts)  # escaped; a long name is shortened
    assert f"{you[-1, 0]:+.0f}" in texts
    lines = grid.findall("polyline")
    assert len(lines) == 10  # this game and the historical playbook in each of the five cells
    assert len(lines[1].get("points").split()) == len(you)  # one point a week, from the start
    assert sum(1 for el in grid.iter("line") if el.get("stroke-dasharray")) == 5  # each country's threshold
    veils = [r for r in grid.iter("rect") if r.get("fill-opacity")]
    assert len(veils) == 5  # the three weeks of history before the players took over, greyed
    assert abs(float(veils[0].get("width")) - 3 / 13 * (680 / 4 - 12)) < 0.05

    score = _svg(svg_charts.score_chart([50, 52, 55], [50, 51, 49], finished.rules.tiers, 2))
    assert score.get("viewBox") == "0 0 680 220"
    words = " ".join(t.text for t in score.iter("text"))
    assert "week 1" in words and "end" in words and "40" in words and "60" in words
    assert any(f"{name} from {m:g}" in words for name, m in finished.rules.tiers if 40 < m < 60)

    bars = _svg(svg_charts.histogram([44, 50, 50, 61], [(50.0, "median"), (50.5, "history")], finished.rules.tiers))
    words = [t.text for t in bars.iter("text")]
    assert "median" in words and "history" in words and "2" in words  # two games scored 50
    median, history_mark = (t for t in bars.iter("text") if t.text in ("median", "history"))
    assert median.get("y") != history_mark.get("y")  # the two marks' names would collide: two rows


def test_a_scenarios_actor_names_cannot_put_script_in_the_report(tmp_path):
    """A shared scenario is a file from someone else: its actors' names reach the 'Played by' line escaped."""
    import html.parser

    import yaml

    from game.classroom.play import play_session
    from game.scenario.loader import check
    from tests.conftest import ROOT

    data = yaml.safe_load((ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8"))
    player, rival = data["player"], data["rival"]
    data["actors"][player]["name"] = "<script>alert('w')</script>"
    data["actors"][rival]["name"] = '<img src=x onerror="alert(1)">'
    path = tmp_path / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    scenario, problems = check(path, seeds=ROOT / "seeds")
    assert scenario is not None, [str(p) for p in problems]
    session = play_session(scenario, 1, policy="historical")
    session.names[session.player] = "<b>Ana</b>"
    page = render_report(session)

    class Tags(html.parser.HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))

    parser = Tags()
    parser.feed(page)
    assert not any(tag == "script" for tag, _ in parser.found)
    assert not any(tag == "img" or "onerror" in attrs for tag, attrs in parser.found)
    assert "&lt;script&gt;" in page and "&lt;b&gt;Ana&lt;/b&gt;" in page
