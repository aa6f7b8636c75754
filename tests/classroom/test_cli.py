"""The classroom commands: simulate --code / settings / --save-replay, report, report --class, briefing, code -
with their bad input (exit 1: wrong input, one line; exit 2: usage)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, one_line, run_game
from tests.conftest import run_main as run

CODE = "FTZ-081-0Y8-015"  # flood_the_zone, seed 4217, normal


def test_simulate_with_a_code_is_the_same_game_as_its_seed(capsys):
    rc, out, _ = run(capsys, "simulate", "--code", CODE, "--json")
    assert rc == 0
    coded = json.loads(out)
    rc, out, _ = run(capsys, "simulate", "flood_the_zone", "--seed", "4217", "--rival", "answering", "--json")
    plain = json.loads(out)
    assert coded["code"] == CODE and coded["settings"]["rival"] == "answering"
    assert {k: coded[k] for k in plain} == plain


def test_simulate_with_settings_and_a_replay(capsys, tmp_path):
    replay = tmp_path / "r.json"
    rc, out, err = run(
        capsys,
        "simulate",
        "flood_the_zone",
        "--seed",
        "12",
        "--difficulty",
        "hard",
        "--turns",
        "5",
        "--policy",
        "random",
        "--save-replay",
        str(replay),
    )
    assert rc == 0 and f"wrote the replay {replay}" in err
    assert "settings: hard · last 5 weeks" in out and "game code: FTZ-" in out
    data = json.loads(replay.read_text(encoding="utf-8"))
    assert data["settings"]["rival"] == "wedge:3" and data["settings"]["turns"] == 5 and len(data["weeks"]) == 13
    rc, out, _ = run(capsys, "simulate", "flood_the_zone", "--noise", "none", "--runs", "3", "--json")
    assert rc == 0 and json.loads(out)["runs"] == 3 and json.loads(out)["settings"]["noise"] == "none"


@pytest.mark.parametrize(
    "args, rc, message",
    [
        (["simulate", "--code", "FTZ-081-0Y8-008"], 1, "a character is mistyped"),
        (["simulate", "--code", "banana"], 1, "is not a game code"),
        (["simulate"], 2, "give a SCENARIO or --code CODE"),
        (["simulate", "--code", CODE, "--turns", "4"], 2, "--code carries the settings; leave out --turns"),
        (["simulate", "--code", CODE, "--seed", "5"], 2, "--seed 5 contradicts the code's seed 4217"),
        (["simulate", "flood_the_zone", "--turns", "20"], 2, "20 turns is more than the crisis's 13 weeks"),
        (["simulate", "flood_the_zone", "--runs", "2", "--save-replay", "x.json"], 2, "--save-replay writes one game"),
        (["simulate", "the_rational_way", "--code", CODE], 2, "the code is for scenario 'flood_the_zone'"),
        (["report"], 2, "give one REPLAY, or --class FILE"),
        (["report", "nowhere.json"], 1, "nowhere.json: no such file"),
        (["report", "--class", "nowhere.json"], 1, "no game could be read (1 files left out)"),
        (["briefing", "--code", "FTZ-000-000-000"], 1, "is not a game code: its length does not match"),
        (["code", "FTZ-081-0Y8-00"], 1, "is not a game code"),
        (["code", "flood_the_zone", "--seed", "2000000"], 1, "seeds from 0 to 1,048,575"),
    ],
)
def test_bad_input_is_one_line_with_the_right_exit_code(capsys, args, rc, message):
    got, _, err = run(capsys, *args)
    assert got == rc
    assert message in one_line(err)


def test_report_of_a_truncated_or_foreign_replay_is_one_line(capsys, replay_file, tmp_path):
    text = replay_file.read_text(encoding="utf-8")
    cut = tmp_path / "cut.json"
    cut.write_text(text[: len(text) // 2], encoding="utf-8")
    rc, _, err = run(capsys, "report", str(cut))
    assert rc == 1 and "the file is cut short" in one_line(err)
    data = json.loads(text)
    data["scenario_digest"] = "ffffffffffffffff"
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    rc, _, err = run(capsys, "report", str(old))
    assert rc == 1 and "made with another version of scenario 'flood_the_zone'" in one_line(err)


def test_report_class_writes_the_page_and_the_csv(capsys, replay_file, tmp_path, finished):
    from game.classroom.replay import write_replay

    second = write_replay(finished, tmp_path / "b.json")
    out = tmp_path / "out" / "class.html"
    rc, stdout, err = run(capsys, "report", "--class", str(replay_file), str(second), "--out", str(out))
    assert rc == 0 and err == f"left out: {replay_file}: the same file as b.json (counted once)\n"
    assert out.is_file() and out.with_suffix(".csv").read_text(encoding="utf-8-sig").startswith("rank,name,")
    assert stdout.startswith("1 game graded, 1 file left out (1 duplicate); wrote class.html, class.csv")


def test_report_grades_against_the_scenario_the_teacher_names(capsys, replay_file, tmp_path):
    rc, _, err = run(
        capsys, "report", "--class", str(replay_file), "--scenario", "tutorial", "--out", str(tmp_path / "c.html")
    )
    assert rc == 1 and "none of the files is a game of scenario 'tutorial'" in one_line(err)
    rc, _, err = run(capsys, "report", str(replay_file), "--scenario", str(tmp_path / "nowhere.yaml"))
    assert rc == 1 and one_line(err).startswith("python -m game report: error: --scenario:")
    rc, _, err = run(
        capsys, "report", str(replay_file), "--scenario", "flood_the_zone", "--out", str(tmp_path / "r.html")
    )
    assert rc == 0 and (tmp_path / "r.html").is_file()


def test_briefing_and_code(capsys, tmp_path):
    out = tmp_path / "brief.html"
    rc, stdout, _ = run(capsys, "briefing", "--code", CODE, "--out", str(out))
    assert rc == 0 and CODE in out.read_text(encoding="utf-8")
    rc, stdout, _ = run(capsys, "code", "flood_the_zone", "--seed", "4217", "--difficulty", "hard", "--fog", "--json")
    made = json.loads(stdout)
    assert made["settings"] == {"rival": "wedge:3", "noise": "normal", "turns": None, "fog": True, "two_sided": False}
    rc, stdout, _ = run(capsys, "code", made["code"].lower())
    assert rc == 0 and stdout.splitlines()[0] == made["code"] and "hard · fog" in stdout


def test_report_through_python_m_game(replay_file, tmp_path):
    """The whole path in a fresh interpreter, with the real charts."""
    out = tmp_path / "report.html"
    done = run_game("report", str(replay_file), "--out", str(out), env={"FLOOD_THE_ZONE_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert html.count('<figure><svg class="chart"') >= 6 and "<polyline" in html


def test_the_classroom_package_loads_no_pygame_even_to_draw_its_charts():
    code = (
        "import sys\n"
        "import game.sim.settings, game.classroom.codes, game.classroom.play, game.classroom.replay\n"
        "import game.classroom.report, game.classroom.classview, game.classroom.briefing, game.cli.classroom\n"
        "from game.classroom.play import play_session\n"
        "from game.sim.settings import Settings\n"
        "from game.scenario import load_scenario\n"
        "session = play_session(load_scenario('tutorial'), 1, Settings(), 'greedy')\n"
        "assert '<svg' in game.classroom.report.render_report(session)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pygame'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
