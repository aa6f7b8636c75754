"""End to end in a real window: Xvfb runs an X server, xdotool types and clicks, the game writes what is on
screen to FLOOD_THE_ZONE_TEST_STATE and its saves to FLOOD_THE_ZONE_HOME.

Needs the Debian packages xvfb and xdotool (imagemagick for the screenshot).  Without them the test is
skipped, except on CI (CI=true), where it fails: the check must not vanish silently.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.ui

ROOT = Path(__file__).resolve().parents[2]


def _need(tool: str) -> None:
    if shutil.which(tool) is None:
        message = f"{tool} is not installed (apt-get install xvfb xdotool)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def xserver():
    _need("Xvfb")
    _need("xdotool")
    # Xvfb picks a free display itself (-displayfd): choosing one here by its lock file raced with another test
    # run starting at the same moment, and two games on one server took each other's keys.
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        pass_fds=(write_end,),
    )
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        ready = select.select([pipe], [], [], 15)[0]
        display = pipe.readline().decode().strip() if ready else ""
    if not display.isdigit():
        proc.kill()
        pytest.fail("Xvfb did not start (it named no display within 15 s)")
    yield f":{display}"
    proc.terminate()
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(5)
    if proc.poll() is None:
        proc.kill()


class Game:
    def __init__(self, display: str, home: Path, state: Path, *args: str):
        env = {k: v for k, v in os.environ.items() if not k.startswith("SDL_")}
        env.update(
            DISPLAY=display,
            FLOOD_THE_ZONE_HOME=str(home),
            FLOOD_THE_ZONE_TEST_STATE=str(state),
            SDL_AUDIODRIVER="dummy",
            PYTHONPATH=str(ROOT),
        )
        self.display, self.state_path, self.env = display, state, env
        state.unlink(missing_ok=True)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "game", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        out = self.xdo("search", "--sync", "--pid", str(self.proc.pid), timeout=30)
        self.window = out.split()[0]
        self.wait(lambda s: s.get("frames_drawn"))
        self.xdo("windowfocus", "--sync", self.window)

    def xdo(self, *args: str, timeout: float = 10) -> str:
        result = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=timeout)
        return result.stdout

    def state(self) -> dict:
        try:
            return json.loads(self.state_path.read_text())
        except (OSError, ValueError):
            return {}

    def wait(self, predicate, timeout: float = 40) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.state()
            if state and predicate(state):
                return state
            if self.proc.poll() is not None:
                out = self.proc.stdout.read().decode(errors="replace")
                pytest.fail(f"the game exited with {self.proc.returncode}: {out[-2000:]}")
            time.sleep(0.05)
        pytest.fail(f"timed out; the screen shows {self.state()}")

    def key(self, *keys: str) -> None:
        for k in keys:
            self.xdo("key", "--window", self.window, k)
            time.sleep(0.15)

    def key_until(self, key: str, predicate, tries: int = 3) -> dict:
        """Press ``key`` until ``predicate`` holds.  The first key sent to a window that has only just been
        mapped was seen lost in the full suite's run (a synthetic event the X server dropped, not one the game
        refused: the same test alone, and under load, passes); a second press then does what the first would
        have done."""
        for attempt in range(tries):
            self.key(key)
            deadline = time.monotonic() + (8 if attempt < tries - 1 else 40)
            while time.monotonic() < deadline:
                state = self.state()
                if state and predicate(state):
                    return state
                time.sleep(0.05)
        pytest.fail(f"timed out; the screen shows {self.state()}")

    def type_name(self, name: str, tries: int = 3) -> None:
        """Type into the name prompt until the field holds ``name`` (a synthetic key the X server dropped, as
        with :meth:`key_until`, is typed again after clearing the field)."""
        for _ in range(tries):
            self.xdo("type", "--window", self.window, "--delay", "60", name)
            deadline = time.monotonic() + 8
            while time.monotonic() < deadline:
                if (self.state() or {}).get("names", {}).get("USA") == name:
                    return
                time.sleep(0.05)
            self.key("ctrl+BackSpace")
        pytest.fail(f"the name prompt did not take '{name}': {self.state()}")

    def click(self, button_id: str) -> None:
        rect = self.wait(lambda s: button_id in s.get("buttons", {}))["buttons"][button_id]
        x, y = rect[0] + rect[2] // 2, rect[1] + rect[3] // 2
        self.xdo("mousemove", "--window", self.window, str(x), str(y), "click", "1")
        time.sleep(0.15)

    def quit(self) -> int:
        self.key("ctrl+q")
        try:
            return self.proc.wait(10)
        finally:
            self.kill()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(5)
        if self.proc.poll() is None:
            self.proc.kill()


def test_play_a_week_save_quit_and_load_in_a_real_window(xserver, tmp_path):
    home, state = tmp_path / "home", tmp_path / "state.json"
    game = Game(xserver, home, state, "play", "flood_the_zone", "--seed", "3")
    try:
        game.wait(lambda s: s["screen"] == "briefing")
        game.key_until("Return", lambda s: s["screen"] == "players")  # leave the briefing: who is playing?
        game.type_name("Ann Lee")
        game.key_until("Return", lambda s: s["screen"] == "map")
        game.click("country:DEU")  # the list on the right
        game.wait(lambda s: s.get("selected") == "DEU" and s.get("tab") == "dossier")
        game.key("c", "3")  # a call on the third topic (Energy supply)
        game.wait(lambda s: s.get("building") == "Call Germany on Energy supply")
        game.click("add")
        game.wait(lambda s: s["pending"] == ["Call Germany on Energy supply"])
        game.key("space")  # end the week: the player's setting asks first (on by default)
        game.wait(lambda s: s["screen"] == "confirm")
        game.key("Return")
        report = game.wait(lambda s: s["screen"] == "report")
        assert report["turn"] == 1 and report["moves"]
        if shutil.which("import"):
            shot = tmp_path / "report.png"
            subprocess.run(["import", "-window", game.window, str(shot)], env=game.env, timeout=20, check=True)
            assert shot.stat().st_size > 10_000
        game.key("Return")
        game.wait(lambda s: s["screen"] == "map" and s["turn"] == 1)
        game.key("ctrl+s")  # quick save
        deadline = time.monotonic() + 10
        save = home / "saves" / "quicksave.json"
        while not save.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert json.loads(save.read_text())["weeks"][0][0][0]["targets"] == ["DEU"]
        assert game.quit() == 0
    finally:
        game.kill()

    game = Game(xserver, home, state)  # python -m game: the title screen
    try:
        game.wait(lambda s: s["screen"] == "title")
        game.key("l")
        game.wait(lambda s: s["screen"] == "saves")
        game.click("slot:quicksave")
        loaded = game.wait(lambda s: s["screen"] == "map")
        assert loaded["turn"] == 1 and loaded["over"] is False
        assert game.quit() == 0
    finally:
        game.kill()


def test_a_held_enter_opens_one_screen_in_a_real_window(xserver, tmp_path):
    """Issue 14: one Enter ran title → briefing → map, its key repeats falling through the screens it opened."""
    home, state = tmp_path / "home", tmp_path / "state.json"
    game = Game(xserver, home, state)  # the title screen
    try:
        game.wait(lambda s: s["screen"] == "title")
        game.xdo("keydown", "--window", game.window, "Return")
        time.sleep(1.5)  # long past the key's repeat delay: the window gets its repeats
        game.xdo("keyup", "--window", game.window, "Return")
        game.wait(lambda s: s["screen"] == "briefing")
        time.sleep(0.5)
        assert game.state()["screen"] == "briefing" and game.state()["turn"] == 0
        game.key("Return")  # a press of its own goes on (the tutorial, first in the list, asks no name)
        game.wait(lambda s: s["screen"] == "map")
        assert game.quit() == 0
    finally:
        game.kill()
