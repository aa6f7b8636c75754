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
    assert ranked[0].rank == 1 and [e.name for e in view.entries[-2:]] == ["Gus", "Farid"]
    assert view.entries[-1].rank is None and view.entries[-2].rank is None
    ben = next(e for e in view.entries if e.name == "Ben")
    assert ben.history_score == pytest.approx(ben.score)  # the historical playbook is its own yardstick
    farid = next(e for e in view.entries if e.name == "Farid")
    assert not farid.has_orders and farid.history_score == ben.history_score
    assert view.unverified == [farid] and farid not in ranked
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
    assert tuple(rows[0]) == csv_fields(view.scenario) and len(rows) == 7
    assert {"un_vote_yes", "sanctions", "arms", "energy_help"} <= set(rows[0])
    assert rows[0]["rank"] == "1" and rows[-2]["finished"] == "no" and rows[-2]["rank"] == ""
    assert rows[-1]["name"] == "Farid" and rows[-1]["rank"] == "" and rows[-1]["verified"].startswith("no")
    assert {r["verified"] for r in rows[:-1]} == {"yes"}
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


def test_games_of_another_scenario_are_left_out_by_name_and_none_readable_is_refused(class_files, tmp_path, trw):
    other = write_replay(play_session(trw, 1, Settings(), "idle"), tmp_path / "other.json")
    view = load_class([*class_files, other])
    assert len(view.entries) == 7 and view.problems == [
        f"{other}: a game of scenario 'the_rational_way', not 'flood_the_zone' (make a class view of its own)"
    ]
    with pytest.raises(ClassViewError, match="as many games of scenario 'flood_the_zone' as of 'the_rational_way'"):
        load_class([class_files[0], other])
    with pytest.raises(ClassViewError, match="none of the files is a game of scenario 'the_rational_way'"):
        load_class(class_files, trw)
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(ClassViewError, match="no game could be read"):
        load_class([tmp_path / "bad.json"])


def test_a_game_of_another_code_is_left_out_by_name(class_files, tmp_path, ftz, charts):
    """Another seed's scores do not compare: the class's most common code is graded, the odd game is left out,
    named, and still has its row in the gradebook; given a code, the teacher's code wins."""
    odd = write_replay(play_session(ftz, 99, Settings(), "random"), tmp_path / "odd.json")
    view = load_class([*class_files, odd])
    assert len(view.entries) == 7 and view.code == "FTZ-081-0Y8-015"
    assert [lo.flag for lo in view.left_out] == ["other code"] and view.left_out[0].path == odd
    assert view.left_out[0].reason.startswith("a game of code FTZ-") and "not FTZ-081-0Y8-015" in view.problems[0]
    html = render_class(view, charts=charts)
    assert "Not everyone played the same game: 7 games of code FTZ-081-0Y8-015 are graded" in html
    assert "odd.json" in html.split("Files left out")[1]
    rows = list(csv.DictReader(io.StringIO(class_csv(view))))
    assert len(rows) == 8 and rows[-1]["file"] == "odd.json" and rows[-1]["status"] == "left out"
    assert rows[-1]["flags"] == "other code" and rows[-1]["score"]  # what it holds is still shown
    only = load_class([*class_files, odd], code=view.left_out[0].entry.code)
    assert [e.path for e in only.entries] == [odd] and len(only.left_out) == 7


def test_a_game_handed_in_twice_is_counted_once(class_files, tmp_path, games, ftz):
    """ben.json and "ben (1).json" with the same bytes, and Ben's unfinished game handed in as well: one Ben
    is graded (the finished game, under its plain name), the other files are named as duplicates."""
    ben = next(p for p in class_files if p.name == "ben.json")
    copy = tmp_path / "ben (1).json"
    copy.write_text(json.dumps(json.loads(ben.read_text(encoding="utf-8")), indent=4), encoding="utf-8")
    early = Session(ftz, 4217)
    early.names[early.player] = "  ben "
    early.end_turn()
    unfinished = write_replay(early, tmp_path / "Ben-week1.json")
    view = load_class([copy, *class_files, unfinished])
    assert [e.path for e in view.entries if e.name == "Ben"] == [ben] and len(view.entries) == 7
    dups = {lo.path.name: lo.reason for lo in view.left_out}
    assert dups == {
        "ben (1).json": "the same file as ben.json (counted once)",
        "Ben-week1.json": "Ben's game handed in again (kept ben.json: that one is finished)",
    }
    assert {lo.flag for lo in view.left_out} == {"duplicate"}


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
    score = rows[0].index("score")
    assert all(_number(row[score]) for row in rows[1:])


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_a_forged_result_file_is_shown_apart_and_never_ranked(class_files, tmp_path, charts):
    """A `simulate --json` file edited to a score of 100 has no orders to check: it is listed as unverified,
    below the table, and the honest games keep their ranks."""
    forged = json.loads(class_files[5].read_text(encoding="utf-8"))  # farid.json, a result file
    forged.update(name="Mallory", score=100.0, outcome="Grand coalition")
    (tmp_path / "mallory.json").write_text(json.dumps(forged), encoding="utf-8")
    view = load_class([*class_files, tmp_path / "mallory.json"])
    mallory = next(e for e in view.entries if e.name == "Mallory")
    assert mallory.rank is None and mallory not in view.ranked and view.ranked[0].name != "Mallory"
    html = render_class(view, charts=charts)
    ranking = html.split("<h2>Ranking</h2>")[1].split("<h3>Unverified results</h3>")
    assert "Mallory" not in ranking[0] and "Mallory" in ranking[1] and "unverified" in ranking[1]


def test_a_replay_cannot_swap_the_scenario_the_class_is_graded_against(class_files, tmp_path, ftz):
    """A student ships a weaker copy of the scenario with the same id and points their replay at it: the class
    is still graded against the bundled scenario, and the replay made with the copy is left out by name."""
    weaker = tmp_path / "weaker.yaml"
    text = ftz.path.read_text(encoding="utf-8")
    weaker.write_text(text.replace("min_score: 69", "min_score: 1"), encoding="utf-8")
    # seeds are looked up next to the scenario: link them so that the copy loads
    (tmp_path / "seeds").symlink_to(ftz.path.parent.parent / "seeds")
    from game.scenario import load_scenario

    copy = load_scenario(weaker)
    assert copy.id == ftz.id
    session = play_session(copy, 4217, Settings(), "idle")
    session.names[session.player] = "Mallory"
    cheat = write_replay(session, tmp_path / "mallory.json")
    assert json.loads(cheat.read_text(encoding="utf-8"))["scenario_path"] == str(weaker)
    view = load_class([cheat, *class_files])
    assert view.scenario.path == ftz.path
    assert "Mallory" not in [e.name for e in view.entries]
    assert any("mallory.json: made with another version of scenario 'flood_the_zone'" in p for p in view.problems)
    assert len(view.entries) == 7


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"seed": -3}, "seed"),
        ({"seed": "4217"}, "seed"),
        ({"score": 1e300}, "score"),
        ({"outcome": "x" * 5000}, "outcome"),
        ({"countries": {"GBR": {"alignment_end": "far"}}}, "countries.GBR.alignment_end"),
        ({"players": {"USA": ["a", "list"]}}, "players.USA"),
        ({"weeks_played": 10**9}, "weeks_played"),
    ],
)
def test_a_result_file_is_parsed_into_a_typed_model_with_ranges(class_files, tmp_path, change, reason):
    data = json.loads(class_files[5].read_text(encoding="utf-8"))  # farid.json, a result file
    data.update(change)
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    view = load_class([*class_files, tmp_path / "bad.json"])
    assert len(view.problems) == 1 and len(view.entries) == 7
    assert view.problems[0].startswith(f"{tmp_path / 'bad.json'}: malformed result ({reason}")
