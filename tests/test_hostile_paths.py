"""Paths and codes from other people into every command (issue 15): a name too long for the file system, a
folder where a scenario file should be, and control characters that would drive the terminal each give one
line naming what and where - never a traceback, never an escape sequence sent to the terminal."""

from __future__ import annotations

import pytest

from game.cli.terminal import SafeStream, printable
from tests.conftest import one_line
from tests.conftest import run_main as run

LONG = "a" * 300 + ".yaml"
ESC = "x\x1b[2J\x1b]0;owned\x07.yaml"


SCENARIO_COMMANDS = [
    ("simulate", "{}", "--seed", "1"),
    ("calibrate", "{}"),
    ("briefing", "{}"),
    ("code", "{}"),
    ("balance", "{}", "--runs", "2"),
    ("bench", "{}"),
]


@pytest.mark.parametrize("command", SCENARIO_COMMANDS, ids=lambda c: c[0])
def test_a_name_too_long_for_the_file_system_is_one_line(capsys, command):
    rc, _, err = run(capsys, *(a.format(LONG) for a in command))
    line = one_line(err)
    assert rc != 0 and "cannot open" in line and "too long" in line.lower()


@pytest.mark.parametrize("command", SCENARIO_COMMANDS, ids=lambda c: c[0])
def test_a_folder_given_as_a_scenario_says_so(capsys, command, tmp_path):
    rc, _, err = run(capsys, *(a.format(tmp_path) for a in command))
    assert rc != 0 and "is a folder, not a scenario file" in one_line(err)


@pytest.mark.parametrize(
    "args",
    [
        ("simulate", ESC, "--seed", "1"),
        ("code", "FTZ\x1b[2J"),
        ("report", ESC),
        ("briefing", ESC),
        ("nonsense\x1b[2J",),
    ],
    ids=["simulate", "code", "report", "briefing", "usage"],
)
def test_control_characters_are_shown_not_sent_to_the_terminal(capsys, args):
    rc, out, err = run(capsys, *args)
    assert rc != 0
    assert "\x1b" not in err and "\x07" not in err and "\x1b" not in out
    assert "\\x1b" in err


def test_printable_shows_every_control_character_and_keeps_text():
    assert printable("Café\tnaïve\n") == "Café\tnaïve\n"
    assert printable("a\x00b\x7fc\x9bd\u202ee") == "a\\x00b\\x7fc\\x9bd\\u202ee"


def test_the_safe_stream_passes_everything_else_to_the_stream_it_wraps(capsys):
    import sys

    stream = SafeStream(sys.stderr)
    stream.write("bell\x07\n")
    stream.writelines(["one\x1b\n"])
    stream.flush()
    assert capsys.readouterr().err == "bell\\x07\none\\x1b\n"
