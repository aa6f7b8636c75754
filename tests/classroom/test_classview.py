"""The class view: replays and result files of many students, ranked, compared with the historical playbook,
strategies of the top half against the bottom half, and a CSV for the gradebook."""

from __future__ import annotations

import csv
import io
import json

import pytest

from game.classroom.classview import (
    ClassViewError,
    _share_rows,
    class_csv,
    csv_fields,
    load_class,
    render_class,
    strategy_table,
)
from game.classroom.play import play_session, result_summary
from game.classroom.replay import write_replay
from game.session import Session
from game.sim.settings import Settings

POLICIES = {"ana": "random", "ben": "historical", "chloe": "idle", "dmitri": "charm_tour:2", "emma": "wedge:1"}


@pytest.fixture(scope="module")
def games(ftz):
    out = {}
    for name, policy in POLICIES.items():
        session = play_session(ftz, 4217, Settings(), policy)
        session.names[session.player] = name.title()
        out[name] = session
    return out


@pytest.fixture(scope="module")
def class_files(tmp_path_factory, games, ftz):
    tmp_path = tmp_path_factory.mktemp("class")
    paths = [write_replay(s, tmp_path / f"{name}.json") for name, s in games.items()]
    result = result_summary(play_session(ftz, 4217, Settings(), "greedy"), "greedy")
    result["name"] = "Farid"
    (tmp_path / "farid.json").write_text(json.dumps(result), encoding="utf-8")
    unfinished = Session(ftz, 4217)
    unfinished.end_turn()
    unfinished.names[0] = "Gus"
    paths += [tmp_path / "farid.json", write_replay(unfinished, tmp_path / "gus.json")]
    return paths


def test_the_class_is_ranked_and_compared_with_history(class_files, charts):
    view = load_class(class_files)
    assert not view.problems and len(view.entries) == 7
    ranked = view.ranked
    assert [e.score for e in ranked] == sorted((e.score for e in ranked), reverse=True)
    assert ranked[0].rank == 1 and view.entries[-1].name == "Gus" and view.entries[-1].rank is None
    ben = next(e for e in view.entries if e.name == "Ben")
    assert ben.history_score == pytest.approx(ben.score)  # the historical playbook is its own yardstick
    farid = next(e for e in view.entries if e.name == "Farid")
    assert not farid.has_orders and farid.history_score == ben.history_score
    html = render_class(view, charts=charts, csv_name="class.csv")
    assert "<h1>7 games, 6 finished</h1>" in html and "FTZ-081-0Y8-015" in html
    for name in ("Ana", "Ben", "Chloe", "Dmitri", "Emma", "Farid", "Gus"):
        assert name in html
    assert "Which strategies went with good results" in html and "Kinds of order" in html
    assert [c[0] for c in charts.calls] == ["histogram"]


def test_strategies_compare_the_top_half_with_the_bottom_half(class_files):
    table = strategy_table(load_class(class_files))
    top, bottom = table["top"], table["bottom"]
    assert len(top) == len(bottom) == 2 and min(e.score for e in top) >= max(e.score for e in bottom)
    for key in ("kind", "topic", "country"):
        for shares in table[key]:
            assert not shares or sum(shares.values()) == pytest.approx(1.0)
    assert set(table["habits"][0]) == {"orders a week", "capitals reached", "talks with the rival"}


def test_the_gradebook_csv(class_files):
    view = load_class(class_files)
    rows = list(csv.DictReader(io.StringIO(class_csv(view))))
    assert tuple(rows[0]) == csv_fields(view.scenario.rules) and len(rows) == 7
    assert {"un_vote_yes", "sanctions", "arms", "energy_help"} <= set(rows[0])
    assert rows[0]["rank"] == "1" and rows[-1]["finished"] == "no" and rows[-1]["rank"] == ""
    assert all(r["code"] == "FTZ-081-0Y8-015" for r in rows)


def test_bad_files_are_left_out_with_a_reason(class_files, tmp_path):
    text = class_files[0].read_text(encoding="utf-8")
    (tmp_path / "cut.json").write_text(text[:500], encoding="utf-8")
    (tmp_path / "agg.json").write_text(json.dumps({"runs": 5, "score_mean": 50, "scenario": "flood_the_zone"}))
    (tmp_path / "list.json").write_text("[]")
    view = load_class([*class_files, tmp_path / "cut.json", tmp_path / "agg.json", tmp_path / "list.json"])
    assert len(view.entries) == 7 and len(view.problems) == 3
    joined = "\n".join(view.problems)
    assert "cut.json: the file is cut short" in joined
    assert "agg.json: an aggregate of 5 games, not one game's result" in joined
    assert "list.json: not a replay or a result file" in joined


def test_games_of_several_scenarios_or_none_readable_are_refused(class_files, tmp_path, trw):
    other = write_replay(play_session(trw, 1, Settings(), "idle"), tmp_path / "other.json")
    with pytest.raises(ClassViewError, match=r"from 2 scenarios: flood_the_zone \(7 files\), the_rational_way"):
        load_class([*class_files, other])
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(ClassViewError, match="no game could be read"):
        load_class([tmp_path / "bad.json"])


def test_another_code_in_the_class_is_flagged(class_files, tmp_path, ftz, charts):
    odd = write_replay(play_session(ftz, 99, Settings(), "random"), tmp_path / "odd.json")
    html = render_class(load_class([*class_files, odd]), charts=charts)
    assert "Not everyone played the same game" in html and "other code" in html


def test_tied_habits_keep_their_order_in_every_process():
    """The strategy table's rows with equal shares come in the tables' order, not a set's (which changes with
    the process's string hashing, so two runs of one class view would differ)."""
    names = ["Poland", "Romania", "Finland", "Czechia", "Latvia", "Estonia", "Lithuania"]
    shares = {name: 0.05 for name in names}
    rows = _share_rows(shares, dict(shares))
    assert [rows.index(f"<td>{name}</td>") for name in names] == sorted(rows.index(f"<td>{n}</td>") for n in names)


def test_gradebook_cells_never_run_as_formulas(class_files, tmp_path):
    """A student names themself "=HYPERLINK(...)": the gradebook shows it as text, and numbers stay numbers."""
    hostile = tmp_path / "hostile.json"
    data = json.loads(class_files[0].read_text(encoding="utf-8"))
    data["players"] = {k: '=HYPERLINK("http://x.invalid","click")' for k in data.get("players", {}) or {"USA": ""}}
    hostile.write_text(json.dumps(data), encoding="utf-8")
    view = load_class([*class_files, hostile])
    rows = list(csv.reader(io.StringIO(class_csv(view))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell.startswith(("=", "+", "@")) and not _number(cell) for cell in cells), cells
    assert any(cell.startswith("'=HYPERLINK") for cell in cells)
    assert all(_number(row[6]) for row in rows[1:])  # the scores


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
