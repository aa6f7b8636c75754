"""The Teacher screen: reached from the title (button and T) and back by keyboard; the class options and the
game code; the handout written to a folder; after class, a folder of handed-in games graded in a worker thread
into results/ (class view, gradebook, reports), with a damaged file listed; every failure a message that stays
until acknowledged."""

from __future__ import annotations

import time
from pathlib import Path

import pygame
import pytest

from game.classroom.codes import make_code, setup_for
from game.classroom.play import play_session
from game.classroom.replay import write_replay
from game.scenario import load_scenario
from game.sim.settings import Settings
from game.ui.jobs import Job

from .conftest import SIZES, click, drawn, frames, key


@pytest.fixture(scope="module")
def ftz():
    return load_scenario("flood_the_zone")


@pytest.fixture(scope="module")
def handed_in(tmp_path_factory, ftz):
    """A folder as a class leaves it: three games handed in, one of them by a hostile name, and a damaged file."""
    folder = tmp_path_factory.mktemp("handed-in")
    for i, (name, policy) in enumerate((("Ana", "greedy"), ("Chloé", "random"), ("=HYPERLINK(1)", "historical"))):
        session = play_session(ftz, 4217, Settings(), policy)
        session.names[session.player] = name
        write_replay(session, folder / f"student{i}.json")
    (folder / "ben.json").write_text('{"format": "flood-the-zone-replay", "scenario": ', encoding="utf-8")
    return folder


def to_teacher(app) -> None:
    frames(app)
    key(app, pygame.K_t)
    assert app.top.name == "teacher"


def wait_for(app, done, seconds: float = 180) -> None:
    """Run frames (as the window does) until ``done()``; the worker thread does the grading meanwhile."""
    end = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < end, f"still waiting on {app.top.name}: {app.top.state()}"
        frames(app)
        time.sleep(0.01)
    frames(app, 2)


def pick(app, folder: Path) -> None:
    """In the folder picker: open ``folder`` and pick it (Ctrl+Enter), as the keyboard does."""
    assert app.top.name == "folders"
    assert app.top.go(folder)
    key(app, pygame.K_RETURN, pygame.KMOD_CTRL)


def assert_fits(app) -> None:
    frames(app)
    assert drawn(app.window) >= 12
    for h in app.hotspots:
        if h.visible:
            assert app.window.get_rect().contains(h.rect), (h.id, h.rect)


# ------------------------------------------------------------------------------------------ reaching it


@pytest.mark.parametrize("size", SIZES)
def test_the_title_opens_the_teacher_screen_and_esc_goes_back(make_app, size):
    app = make_app(size)
    to_teacher(app)
    assert_fits(app)
    assert app.top.state()["scenario"] == "flood_the_zone"  # the crisis highlighted on the title
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "title"
    click(app, "teacher")
    assert app.top.name == "teacher"
    # Esc in an option leaves the option first, a second Esc the screen.
    key(app, pygame.K_TAB)
    assert app.top.state()["focus"] == "difficulty"
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "teacher" and app.top.state()["focus"] == "scenario"
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "title"


def test_the_titles_other_keys_still_work(make_app):
    app = make_app()
    frames(app)
    key(app, pygame.K_p)
    assert app.top.name == "replays"
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_l)
    assert app.top.name == "saves"


# ------------------------------------------------------------------------------------- prepare a class


def test_the_code_made_there_is_make_code_of_the_same_settings_and_the_title_starts_it(make_app, ftz):
    app = make_app()
    to_teacher(app)
    key(app, pygame.K_DOWN)  # difficulty
    key(app, pygame.K_RIGHT)  # normal -> hard
    key(app, pygame.K_DOWN)  # weeks
    key(app, pygame.K_LEFT)  # all 13 -> the last 12
    for _ in range(2):  # rival, then fog
        key(app, pygame.K_DOWN)
    key(app, pygame.K_SPACE)  # fog on
    for _ in range(2):  # seed, then staff
        key(app, pygame.K_DOWN)
    key(app, pygame.K_LEFT)  # no limit -> the most a limit offers
    for _ in range(20):
        key(app, pygame.K_LEFT)  # ... down to off
    state = app.top.state()
    expected = Settings.preset("hard", turns=12, fog=True, staff=0)
    assert state["settings"] == expected.to_dict()
    assert state["game_code"] == make_code(setup_for(ftz, app.seed, expected))
    # Back on the title the same game is the one Start begins.
    key(app, pygame.K_ESCAPE)
    key(app, pygame.K_ESCAPE)
    assert app.top.name == "title" and app.top.state()["game_code"] == state["game_code"]


def test_another_crisis_is_chosen_with_the_arrows(make_app):
    app = make_app()
    to_teacher(app)
    first = app.top.state()["scenario"]
    key(app, pygame.K_RIGHT)
    second = app.top.state()
    assert second["scenario"] != first and second["game_code"]
    key(app, pygame.K_LEFT)
    assert app.top.state()["scenario"] == first


def test_the_handouts_parts_are_written_to_the_folder_picked(make_app, ftz, tmp_path):
    app = make_app()
    to_teacher(app)
    folder = tmp_path / "printing"
    folder.mkdir()
    assert app.top.state()["handout_parts"] == ["sheet", "dossiers", "memo", "reflection"]
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_3, mod=0, unicode="3", scancode=0))
    frames(app)  # 3: the decision memo left out
    click(app, "teacher:paper:letter")
    assert app.top.state()["handout_parts"] == ["sheet", "dossiers", "reflection"]
    assert app.top.state()["paper"] == "letter"
    key(app, pygame.K_h)
    pick(app, folder)
    wait_for(app, lambda: app.top.handout_job is None)
    code = app.top.state()["game_code"]
    written = sorted(p.name for p in folder.iterdir())
    assert written == [f"flood_the_zone-{code}-{part}.html" for part in ("dossiers", "reflection", "sheet")]
    sheet = (folder / f"flood_the_zone-{code}-sheet.html").read_text(encoding="utf-8")
    assert code in sheet and "size: letter" in sheet.lower()
    said = app.top.state()["handout"]
    assert str(folder) in said and "sheet, dossiers, reflection" in said
    # The last part cannot be left out: a handout of nothing is no handout.
    for part in ("sheet", "dossiers", "reflection"):
        click(app, f"teacher:part:{part}")
    assert app.top.state()["handout_parts"] == ["reflection"]
    assert "at least one part" in app.toasts[-1].text


def test_write_handout_refuses_a_part_there_is_not(ftz, tmp_path):
    from game.ui.classwork import write_handout

    with pytest.raises(ValueError, match="no handout part 'answers'"):
        write_handout(tmp_path, ftz, Settings(), None, 5, ("sheet", "answers"))
    assert list(tmp_path.iterdir()) == []
    assert [p.name for p in write_handout(tmp_path, ftz, Settings(turns=6), None, 5, ("memo",))] == [
        "flood_the_zone-seed5-memo.html"
    ]


def test_a_folder_that_refuses_the_handout_is_a_message(make_app, tmp_path):
    app = make_app()
    to_teacher(app)
    not_a_folder = tmp_path / "a file"
    not_a_folder.write_text("x", encoding="utf-8")
    app.go(app.top.handout_to(not_a_folder))  # a stick pulled out between the pick and the write
    wait_for(app, lambda: app.top.name == "message")
    assert app.top.state()["message_title"] == "The handout was not written"
    assert str(not_a_folder) in app.top.state()["message"]
    key(app, pygame.K_RETURN)
    assert app.top.name == "teacher" and app.top.state()["handout"] == ""


# ----------------------------------------------------------------------------------------- after class


def test_after_class_grades_the_folder_into_results_and_lists_the_damaged_file(make_app, handed_in, tmp_path):
    before = {p.name: p.read_bytes() for p in handed_in.iterdir()}
    app = make_app()
    to_teacher(app)
    key(app, pygame.K_g)
    pick(app, handed_in)
    assert app.top.name == "teacher"
    seen_progress = app.top.state()["grading"] is not None
    wait_for(app, lambda: app.top.grading is None)
    assert seen_progress  # the first frame after the pick shows the grading, not a frozen window
    results = handed_in / "results"
    assert (results / "class.html").is_file() and (results / "class.csv").is_file()
    assert sorted(p.suffix for p in (results / "reports").iterdir()) == [".html"] * 3
    graded = app.top.state()["graded"]
    assert graded["summary"].startswith("3 games graded, 1 file left out")
    assert [m for m in graded["left_out"] if "ben.json" in m]
    csv = (results / "class.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK(1)" in csv and "ben.json" in csv  # neutralised, and the left-out file has its row
    assert {p.name: p.read_bytes() for p in handed_in.iterdir() if p.is_file()} == before  # no student file touched
    assert_fits(app)
    assert app.hotspot("teacher:open") is not None
    # Grading again reads the same games: its own results are never taken for hand-ins.
    key(app, pygame.K_g)
    pick(app, handed_in)
    wait_for(app, lambda: app.top.grading is None)
    assert app.top.state()["graded"]["summary"].startswith("3 games graded, 1 file left out")


def test_the_class_view_opens_in_the_browser_or_says_why_not(make_app, handed_in, monkeypatch):
    import game.ui.screens.teacher as teacher

    app = make_app()
    to_teacher(app)
    app.go(app.top.grade(handed_in))
    wait_for(app, lambda: app.top.grading is None)
    opened = []
    monkeypatch.setattr(teacher, "open_in_browser", lambda page: opened.append(page) or "")
    key(app, pygame.K_b)
    assert opened == [handed_in / "results" / "class.html"] and "Opened class.html" in app.toasts[-1].text
    monkeypatch.setattr(teacher, "open_in_browser", lambda page: "no web browser was found on this machine")
    click(app, "teacher:open")
    assert app.top.name == "message" and "no web browser" in app.top.state()["message"]


def test_an_unwritable_results_folder_is_a_message_until_acknowledged(make_app, handed_in, monkeypatch):
    import tempfile

    def refused(*args, **kwargs):  # a read-only share (the tests may run as root, who may write anywhere)
        raise PermissionError(13, "Permission denied")

    app = make_app()
    to_teacher(app)
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    key(app, pygame.K_g)
    pick(app, handed_in)
    wait_for(app, lambda: app.top.name == "message")
    state = app.top.state()
    assert state["message_title"] == "The class could not be graded"
    assert "cannot write the class view" in state["message"] and "Permission denied" in state["message"]
    frames(app, 5)
    assert app.top.name == "message"  # it stays until acknowledged
    key(app, pygame.K_RETURN)
    assert app.top.name == "teacher" and app.top.state()["graded"] is None


def test_a_folder_without_games_is_a_message(make_app, tmp_path):
    app = make_app()
    to_teacher(app)
    empty = tmp_path / "nothing handed in"
    empty.mkdir()
    (empty / "notes.txt").write_text("not a game", encoding="utf-8")
    app.go(app.top.grade(empty))
    wait_for(app, lambda: app.top.name == "message")
    assert app.top.state()["message_title"] == "No game was graded"
    assert str(empty) in app.top.state()["message"] and "notes.txt" in app.top.state()["message"]


def test_a_class_of_another_scenario_is_graded_against_its_own(make_app, tmp_path):
    """A folder handed in for another crisis is graded against that crisis, whatever the screen shows."""
    trw = load_scenario("the_rational_way")
    folder = tmp_path / "other class"
    folder.mkdir()
    session = play_session(trw, 5, Settings(), "greedy")
    session.names[session.player] = "Dara"
    write_replay(session, folder / "dara.json")
    app = make_app()
    to_teacher(app)
    app.go(app.top.grade(folder))
    wait_for(app, lambda: app.top.grading is None)
    assert app.top.state()["graded"]["summary"].startswith("1 game graded")


# ------------------------------------------------------------------------------------------- the job


def test_a_job_reports_progress_and_turns_a_fault_into_one_line():
    def work(progress):
        progress("counting", 2, 4)
        raise KeyError("boom")

    job = Job(work)
    assert job.wait(10)
    assert job.status == ("counting", 2, 4) and job.fraction == 0.5
    assert job.unexpected and job.error == "KeyError: 'boom'"
    ok = Job(lambda progress: 42)
    assert ok.wait(10) and ok.result == 42 and ok.error == "" and not ok.unexpected


def test_the_results_can_go_elsewhere_when_the_hand_in_folder_refuses_them(make_app, handed_in, tmp_path):
    mine = tmp_path / "my marking"
    mine.mkdir()
    app = make_app()
    to_teacher(app)
    key(app, pygame.K_r)
    assert app.top.name == "teacher"  # nothing graded yet: nowhere else to put it
    app.go(app.top.grade(handed_in))
    wait_for(app, lambda: app.top.grading is None)
    click(app, "teacher:elsewhere")
    pick(app, mine)
    wait_for(app, lambda: app.top.grading is None)
    out = mine / f"{handed_in.name} results"
    assert (out / "class.html").is_file() and (out / "class.csv").is_file()
    assert str(out) in app.top.state()["graded"]["summary"]
