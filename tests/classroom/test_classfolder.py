"""A class's folder of handed-in games in one go (issue 16): folders, patterns and Windows-style paths expanded
by the game, every bad file left out by name with its reason, the gradebook (parsed with ``csv``), the class page
(parsed with ``html.parser``) and one report per student, from the library and from ``report --class``."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest

from game.classroom import classfolder
from game.classroom.classfolder import (
    ClassFolderError,
    expand_inputs,
    make_class_folder,
    safe_file_name,
)
from game.classroom.classview import csv_cell, csv_fields, load_class
from game.classroom.play import play_session
from game.classroom.replay import write_replay
from game.session import MAX_SAVE_BYTES
from game.sim.settings import Settings
from tests.classroom.test_hostile_text import FORMULA, assert_inert, parsed
from tests.conftest import one_line
from tests.conftest import run_main as run

CODE = "FTZ-081-0Y8-015"  # flood_the_zone, seed 4217, normal: the class's game
STUDENTS = {"Ana": "random", "Ben": "historical", "Chloé": "greedy", FORMULA: "idle"}


@pytest.fixture(scope="module")
def handed_in(tmp_path_factory, ftz, trw):
    """A shared folder as a class leaves it: four games (one with a formula for a name, one in a group's
    subfolder), Ben's game twice, another scenario's game, a damaged file, a huge file, a link, a note and the
    files a computer adds by itself."""
    folder = tmp_path_factory.mktemp("handed-in")
    (folder / "group-b").mkdir()
    for i, (name, policy) in enumerate(STUDENTS.items()):
        session = play_session(ftz, 4217, Settings(), policy)
        session.names[session.player] = name
        session.class_name = "9B"
        where = folder / "group-b" if name == "Chloé" else folder
        write_replay(session, where / f"student{i}.json")
    ben = (folder / "student1.json").read_bytes()
    (folder / "student1 (1).json").write_bytes(ben)
    other = play_session(trw, 1, Settings(), "idle")
    other.names[other.player] = "Dana"
    write_replay(other, folder / "dana.json")
    (folder / "damaged.json").write_bytes(ben[: len(ben) // 3])
    with open(folder / "huge.json", "w", encoding="utf-8") as handle:
        handle.write('{"format": 3, "pad": "' + "x" * (MAX_SAVE_BYTES + 10) + '"}')
    (folder / "link.json").symlink_to(folder / "student0.json")
    (folder / "notes.txt").write_text("bring the USB stick back", encoding="utf-8")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    (folder / "Thumbs.db").write_bytes(b"\x00")
    return folder


@pytest.fixture(scope="module")
def graded(handed_in, tmp_path_factory):
    return make_class_folder([handed_in], tmp_path_factory.mktemp("results") / "out")


def test_the_folder_is_graded_and_every_bad_file_is_named_with_its_reason(graded, handed_in):
    assert graded.ok and graded.graded == 4 and graded.handed_in == 10  # the system files are not counted
    reasons = {lo.path.name: (lo.flag, lo.reason) for lo in graded.left_out}
    assert reasons == {
        "student1 (1).json": ("duplicate", "the same file as student1.json (counted once)"),
        "dana.json": (
            "other scenario",
            "a game of scenario 'the_rational_way', not 'flood_the_zone' (make a class view of its own)",
        ),
        "damaged.json": ("unreadable", reasons["damaged.json"][1]),
        "huge.json": ("unreadable", "too large to be a replay or result"),
        "link.json": ("not read", "a link, not a file handed in (links are not followed)"),
        "notes.txt": ("not read", "not a .json file (a handed-in game is a .json replay)"),
    }
    assert reasons["damaged.json"][1].startswith("the file is cut short")
    assert graded.summary == (
        f"4 games graded, 6 files left out (2 unreadable, 2 not read, 1 other scenario, 1 duplicate); "
        f"wrote class.html, class.csv, 4 reports to {graded.out_dir}"
    )
    assert all(line.startswith(str(handed_in)) for line in graded.problem_lines)
    assert len(graded.problem_lines) == 6 and not graded.problems


def test_the_gradebook_has_a_row_for_every_file_handed_in(graded, ftz):
    raw = graded.csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the file as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == csv_fields(ftz) and len(rows) == graded.handed_in
    assert {"talks_with_moscow", "moscow_player", "staff_advice_used", "weeks_played", "flags"} <= set(rows[0])
    graded_rows = [r for r in rows if r["status"] == "graded"]
    assert [r["rank"] for r in graded_rows] == ["1", "2", "3", "4"]
    by_name = {r["name"]: r for r in graded_rows}
    assert set(by_name) == {"Ana", "Ben", "Chloé", "'" + FORMULA}
    ben = by_name["Ben"]
    assert ben["class"] == "9B" and ben["code"] == CODE and ben["weeks_played"] == "13" and ben["flags"] == ""
    assert int(ben["orders_given"]) > 0 and 0 < int(ben["capitals_reached"]) <= 28 and ben["staff_advice_used"] == "0"
    assert ben["talks_with_moscow"] == ""  # Washington keeps no channel to Moscow in this crisis
    assert by_name["'" + FORMULA]["orders_given"] == "0"  # the idle student
    assert by_name["Chloé"]["file"] == "student2.json"  # found in the group's subfolder
    left = {r["file"]: r for r in rows if r["status"] == "left out"}
    assert set(left) == {lo.path.name for lo in graded.left_out}
    assert left["student1 (1).json"]["flags"] == "duplicate" and left["student1 (1).json"]["name"] == "Ben"
    assert left["dana.json"]["reason"].startswith("a game of scenario 'the_rational_way'")
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")) or csv_cell(value) == value, value
            assert not (value.startswith("-") and csv_cell(value) != value), value


def test_the_class_page_links_every_report_and_shows_hostile_names_as_text(graded):
    page = graded.page.read_text(encoding="utf-8")
    assert_inert(page, FORMULA, "Chloé", "student1 (1).json", "too large to be a replay or result")
    links = [attrs["href"] for tag, attrs in parsed(page).tags if tag == "a"]
    assert len(links) == 4
    for href in links:
        from urllib.parse import unquote

        assert (graded.out_dir / unquote(href)).is_file(), href
    assert len(graded.reports) == 4 and {p.parent.name for _, p in graded.reports} == {"reports"}
    for _, path in graded.reports:
        assert_inert(path.read_text(encoding="utf-8"))
    assert "Files left out (6)" in page and "class 9B" in page


def test_grading_again_into_a_folder_inside_the_class_folder_reads_no_result(handed_in, graded, tmp_path):
    """The teacher saves the results into the handed-in folder itself: a second run reads neither the class
    page, nor the gradebook, nor the reports as handed-in files."""
    inside = handed_in / "results"
    try:
        first = make_class_folder([handed_in], inside)
        again = make_class_folder([handed_in], inside)
        assert first.graded == again.graded == 4 and len(again.left_out) == len(first.left_out) == 6
    finally:
        import shutil

        shutil.rmtree(inside)
    same = make_class_folder([handed_in / "group-b"], handed_in / "group-b")
    again = make_class_folder([handed_in / "group-b"], handed_in / "group-b")
    try:
        assert same.graded == again.graded == 1 and again.left_out == []
    finally:
        for name in ("class.html", "class.csv"):
            (handed_in / "group-b" / name).unlink()
        import shutil

        shutil.rmtree(handed_in / "group-b" / "reports")


def test_patterns_and_windows_style_paths_are_expanded_by_the_game(handed_in):
    found = expand_inputs([str(handed_in / "student*.json")])
    assert sorted(p.name for p in found.files) == [
        "student0.json",
        "student1 (1).json",
        "student1.json",
        "student3.json",
    ]
    windows = str(handed_in).replace("/", "\\") + "\\student?.json"
    assert sorted(p.name for p in expand_inputs([windows]).files) == ["student0.json", "student1.json", "student3.json"]
    nothing = expand_inputs([str(handed_in / "*.replay")])
    assert nothing.files == [] and nothing.problems == [f"{handed_in / '*.replay'}: no file matches this pattern"]
    twice = expand_inputs([handed_in / "group-b", str(handed_in / "group-b" / "*.json")])
    assert [p.name for p in twice.files] == ["student2.json"]  # one file named twice is read once


def test_a_folder_is_read_only_so_deep_and_so_many(tmp_path, monkeypatch, replay_file):
    deep = tmp_path / "a" / "b" / "c" / "d" / "e"
    deep.mkdir(parents=True)
    (deep / "lost.json").write_bytes(replay_file.read_bytes())
    (tmp_path / "a" / "b" / "kept.json").write_bytes(replay_file.read_bytes())
    found = expand_inputs([tmp_path / "a"])
    assert [p.name for p in found.files] == ["kept.json"]
    assert [lo.reason for lo in found.left_out] == ["a folder more than 3 levels down: not read"]
    many = tmp_path / "many"
    many.mkdir()
    for i in range(5):
        (many / f"g{i}.json").write_text("{}", encoding="utf-8")
    monkeypatch.setattr(classfolder, "MAX_FILES", 3)
    found = expand_inputs([many])
    assert len(found.files) == 3 and [lo.path.name for lo in found.left_out] == ["g3.json", "g4.json"]
    assert found.left_out[0].reason == "more than 3 files handed in; not read (grade the class in parts)"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Chloé", "Chloé.html"),
        (FORMULA, "=HYPERLINK( http x.invalid , click ).html"),
        ("../../etc/passwd", "etc passwd.html"),
        ("CON", "_CON.html"),
        ("nul.txt", "_nul.txt.html"),
        ("  . ", "player.html"),
        (".hidden", "hidden.html"),
        ("-rf", "rf.html"),
        ("a\u202eb\x00c\nd", "a b c d.html"),
        ("x" * 300, "x" * 60 + ".html"),
        ("Ana / Ben", "Ana Ben.html"),
    ],
)
def test_report_file_names_are_safe_on_every_system(name, expected):
    assert safe_file_name(name, set()) == expected


def test_report_file_names_are_unique_ignoring_case():
    taken: set[str] = set()
    assert [safe_file_name(n, taken) for n in ("Ana", "ana", "ANA", "Ben")] == [
        "Ana.html",
        "ana (2).html",
        "ANA (3).html",
        "Ben.html",
    ]


def test_another_code_is_left_out_and_the_teacher_may_name_the_code(handed_in, tmp_path, ftz):
    odd = play_session(ftz, 99, Settings(), "random")
    odd.names[odd.player] = "Eli"
    odd_file = write_replay(odd, tmp_path / "eli.json")
    mixed = make_class_folder([handed_in, odd_file], tmp_path / "mixed")
    assert mixed.graded == 4 and any(lo.flag == "other code" and lo.path == odd_file for lo in mixed.left_out)
    odd_code = next(lo.entry.code for lo in mixed.left_out if lo.flag == "other code")
    assert mixed.notes and mixed.notes[0].startswith("Not everyone played the same game: 4 games of code " + CODE)
    only_eli = make_class_folder([handed_in, odd_file], tmp_path / "eli", code=odd_code.lower())
    assert [name for name, _ in only_eli.reports] == ["Eli"]
    with pytest.raises(ClassFolderError, match="is not a game code"):
        make_class_folder([handed_in], tmp_path / "x", code="banana")
    with pytest.raises(ClassFolderError, match="is for scenario 'flood_the_zone', not 'the_rational_way'"):
        make_class_folder([handed_in], tmp_path / "x", scenario="the_rational_way", code=CODE)


def test_nothing_gradable_is_a_result_not_an_exception(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.json").write_text("{", encoding="utf-8")
    result = make_class_folder([tmp_path / "in"], tmp_path / "out")
    assert not result.ok and result.page is None and [lo.path.name for lo in result.left_out] == ["a.json"]
    assert result.summary.startswith("no game graded of 1 file: no game could be read (1 files left out)")
    empty = make_class_folder([tmp_path / "nowhere" / "*.json"], tmp_path / "out")
    assert not empty.ok and empty.error.startswith("no .json file found")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(ClassFolderError, match="not a folder"):
        make_class_folder([tmp_path / "in"], tmp_path / "afile")


def test_weeks_before_the_students_took_over_are_not_counted_as_played(ftz, tmp_path):
    session = play_session(ftz, 4217, Settings(turns=5), "random")
    session.names[session.player] = "Ana"
    view = load_class([write_replay(session, tmp_path / "ana.json")])
    assert len(session.weeks) == 13 and view.entries[0].weeks_played == 5


# ------------------------------------------------------------------------------------------- two-sided


def test_a_two_sided_game_names_both_players_and_the_winner(short_two_sided, tmp_path):
    write_replay(short_two_sided, tmp_path / "in" / "pair.json")
    result = make_class_folder([tmp_path / "in"], tmp_path / "out")
    page = result.page.read_text(encoding="utf-8")
    text = "".join(parsed(page).text)
    assert "Ana (Washington) vs Ben (Moscow)" in text and "Washington won" in text
    row = next(csv.DictReader(io.StringIO(result.csv.read_text(encoding="utf-8-sig"))))
    assert (row["name"], row["moscow_player"], row["winner"]) == ("Ana", "Ben", "Washington")
    assert row["talks_with_moscow"].isdigit() and row["moscow_staff_advice_used"] == "0"
    assert [p.name for _, p in result.reports] == ["Ana - Ben.html"]


# ------------------------------------------------------------------------------------------------- CLI


def test_report_class_with_a_folder(capsys, handed_in, tmp_path):
    out = tmp_path / "results"
    rc, stdout, err = run(capsys, "report", "--class", str(handed_in), "--out", str(out))
    assert rc == 0
    assert stdout.splitlines() == [
        "4 games graded, 6 files left out (2 unreadable, 2 not read, 1 other scenario, 1 duplicate); "
        f"wrote class.html, class.csv, 4 reports to {out}"
    ]
    assert len(err.splitlines()) == 6 and all(line.startswith(f"left out: {handed_in}") for line in err.splitlines())
    assert (
        (out / "class.html").is_file() and (out / "class.csv").is_file() and len(list((out / "reports").iterdir())) == 4
    )


def test_report_class_with_a_pattern_and_the_older_page_form(capsys, handed_in, tmp_path):
    page = tmp_path / "page" / "class.html"
    pattern = str(handed_in / "student*.json")
    rc, stdout, err = run(capsys, "report", "--class", pattern, "--out", str(page))
    assert rc == 0 and stdout.startswith("3 games graded, 1 file left out (1 duplicate); wrote class.html, class.csv")
    assert page.is_file() and page.with_suffix(".csv").read_bytes().startswith(b"\xef\xbb\xbfrank,name,")
    assert not (page.parent / "reports").exists()


@pytest.mark.parametrize(
    ("args", "rc", "message"),
    [
        (["--code", "banana"], 1, "is not a game code"),
        (["--csv", "x.csv"], 2, "--csv goes with --out PAGE.html"),
        (["--scenario", "nowhere.yaml"], 1, "scenario nowhere.yaml:"),
        (["--code", CODE, "--scenario", "tutorial"], 1, "is for scenario"),
    ],
)
def test_report_class_bad_options_are_one_line(capsys, handed_in, tmp_path, args, rc, message):
    got, _, err = run(capsys, "report", "--class", str(handed_in), "--out", str(tmp_path / "o"), *args)
    assert got == rc and message in one_line(err)


def test_a_code_without_a_class_is_a_usage_error(capsys, replay_file):
    rc, _, err = run(capsys, "report", str(replay_file), "--code", CODE)
    assert rc == 2 and "--code chooses the games of a class: it goes with --class" in one_line(err)


def test_report_class_with_nothing_gradable_fails_naming_every_file(capsys, tmp_path):
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text("[]", encoding="utf-8")
    rc, stdout, err = run(capsys, "report", "--class", str(tmp_path), "--out", str(tmp_path / "out"))
    lines = err.splitlines()
    assert rc == 1 and stdout == "" and len(lines) == 3
    assert lines[-1].startswith("python -m game report: error: no game could be read (2 files left out)")
    assert not (tmp_path / "out" / "class.html").exists()


def test_the_reader_never_follows_a_link_out_of_the_folder(tmp_path):
    """A link in a handed-in folder could point anywhere (a device, another student's home): it is named, not
    read - even when it points at a good replay."""
    (tmp_path / "in").mkdir()
    os.symlink("/dev/zero", tmp_path / "in" / "zero.json")
    found = expand_inputs([tmp_path / "in"])
    assert found.files == [] and [lo.flag for lo in found.left_out] == ["not read"]
    assert json.dumps(found.left_out[0].reason)  # one plain line


def test_progress_is_heard_for_every_game_and_report(handed_in, tmp_path):
    """The Teacher screen keeps drawing while a class is graded: it hears of each game and each report."""
    heard = []
    result = make_class_folder(
        [handed_in / "group-b", handed_in / "student0.json"], tmp_path / "out", progress=lambda *a: heard.append(a)
    )
    assert result.graded == 2
    assert heard == [
        ("replaying the games", 1, 2),
        ("replaying the games", 2, 2),
        ("writing the reports", 1, 2),
        ("writing the reports", 2, 2),
    ]
