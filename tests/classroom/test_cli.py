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


# ------------------------------------------------------------------------------------------- --staff


@pytest.mark.parametrize(("given", "staff"), [("off", 0), ("0", 0), ("3", 3), ("on", None), ("ON", None)])
def test_code_takes_the_staff_setting_and_its_code_holds_it(capsys, ftz, given, staff):
    from game.classroom.codes import make_code, parse_code, setup_for
    from game.sim.settings import Settings

    rc, stdout, _ = run(capsys, "code", "flood_the_zone", "--seed", "4217", "--staff", given, "--json")
    assert rc == 0
    made = json.loads(stdout)
    assert made["settings"].get("staff") == staff
    assert made["code"] == make_code(setup_for(ftz, 4217, Settings(staff=staff)))
    assert parse_code(made["code"]).settings.staff == staff


def test_staff_on_is_a_choice_not_a_missing_option():
    from game.cli.classroom import _explicit_settings
    from game.cli.main import build_parser

    args = build_parser().parse_args(["code", "flood_the_zone", "--staff", "on"])
    # "on" is a choice, not the absence of one: it reaches the settings as staff None (no limit).
    assert _explicit_settings(args) == {"staff": None}
    assert _explicit_settings(build_parser().parse_args(["code", "flood_the_zone"])) == {}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["code", "flood_the_zone", "--staff", "lots"], "expected on, off or a number of suggestions a week"),
        (["code", "flood_the_zone", "--staff", "31"], "a limit is 1 to 30 suggestions a week"),
        (["code", "flood_the_zone", "--staff", "-2"], "a limit is 1 to 30"),
        (["simulate", "--code", CODE, "--staff", "off"], "--code carries the settings; leave out --staff"),
        (["briefing", "--code", CODE, "--staff", "2"], "--code carries the settings; leave out --staff"),
        (["play", "--code", CODE, "--staff", "2"], "--code carries the settings; leave out --staff"),
    ],
)
def test_a_bad_staff_option_is_a_usage_error(capsys, args, message):
    rc, _, err = run(capsys, *args)  # argparse refuses a bad value itself, with exit 2
    assert rc == 2
    assert message in one_line(err)


def test_briefing_simulate_and_host_take_the_staff(capsys, tmp_path):
    from game.cli.classroom import _explicit_settings
    from game.cli.main import build_parser

    out = tmp_path / "brief.html"
    rc, _, _ = run(capsys, "briefing", "flood_the_zone", "--staff", "off", "--out", str(out))
    assert rc == 0 and out.exists()
    rc, stdout, _ = run(capsys, "simulate", "flood_the_zone", "--staff", "2", "--seed", "5")
    assert rc == 0 and "staff: 2 a week" in stdout
    host = build_parser().parse_args(["host", "flood_the_zone", "--staff", "4"])
    assert _explicit_settings(host) == {"staff": 4}


def test_play_opens_the_title_with_the_staff_setting(capsys, monkeypatch):
    import game.ui

    opened = {}
    monkeypatch.setattr(game.ui, "run_game", lambda **kw: opened.update(kw) or 0)
    rc, _, _ = run(capsys, "play", "flood_the_zone", "--staff", "off")
    assert rc == 0
    assert opened["game_settings"].staff == 0 and opened["scenario"] == "flood_the_zone"
    # play's --turns stops the bot; it is not the settings' weeks
    opened.clear()
    rc, _, _ = run(capsys, "play", "flood_the_zone", "--staff", "5", "--autoplay", "random", "--turns", "2")
    assert rc == 0 and opened["game_settings"].turns is None and opened["game_settings"].staff == 5
