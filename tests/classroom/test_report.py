"""The after-action report: one self-contained page with the result, the commitments against the historical
playbook, the charts, the decision log and the discussion questions - quoting only real passages."""

from __future__ import annotations

import io
import re

import pytest

from game.classroom.play import history_session
from game.classroom.replay import open_replay
from game.classroom.report import render_report, reports_dir, write_report
from game.engine.outcome import standing
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
    assert "go everywhere" in html and "seeds/000_966678d371abad6d.txt" in html
    kinds = [c[0] for c in charts.calls]
    assert kinds.count("score") == 1 and kinds.count("grid") >= len(game.rules.regions)
    shown = sum(len(c[1][0]) for c in charts.calls if c[0] == "grid")
    assert shown == game.rules.n_countries


def test_the_page_is_self_contained(replay_file, charts):
    html = render_report(open_replay(replay_file), charts=charts)
    assert not re.search(r"""(src|href)=["']?(https?:|//|file:)""", html)
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert html.count('src="data:image/png;base64,') == len(charts.calls)


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


def test_the_real_charts_are_pngs_drawn_by_the_games_chart_code(finished):
    pygame = pytest.importorskip("pygame")
    from game.ui import report_charts, theme

    panel = theme.PANEL_2
    history = history_session(finished)
    you, hist = finished.history(), history.history()
    grid = report_charts.alignment_grid(["A", "B", "C", "D", "E"], you[:, :5], hist[:, :5], [35.0] * 5, 13, 3)
    score = report_charts.score_chart([50, 52, 55], [50, 51, 49], finished.rules.tiers, 2)
    hist_png = report_charts.histogram([44, 50, 50, 61], [(50.0, "median"), (50.5, "history")], finished.rules.tiers)
    for data, size in ((grid, (680 * 2, 2 * 92 * 2)), (score, (680 * 2, 220 * 2)), (hist_png, (680 * 2, 220 * 2))):
        assert data.startswith(b"\x89PNG")
        assert pygame.image.load(io.BytesIO(data), "x.png").get_size() == size
    assert panel == theme.PANEL_2  # the print palette is swapped back
