"""Play a whole crisis by keyboard in a real window, as a player who knows the controls would, and count the
inputs of each week (issue 14's proof).  Needs Xvfb, xdotool and ImageMagick's `import` (for screenshots).

    python benchmarks/play_by_keyboard.py [--scenario flood_the_zone] [--seed 3] [--out shots/]

The player: on the briefing, Enter; on "Who is playing?", types a name and Enter.  Week 1: A (ask the staff),
then Enter six times (each adds the staff's next suggestion).  Every later week: R (repeat last week).  Then
Space to end the week, Enter on the "End week?" question, Enter on the week's report.  Not speed: the count is
what the game asks of a player.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_display() -> int:
    return next(n for n in range(120, 300) if not Path(f"/tmp/.X11-unix/X{n}").exists())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="flood_the_zone")
    parser.add_argument("--seed", default="3")
    parser.add_argument("--out", type=Path, default=None, help="a folder for screenshots (week 1, a report, the end)")
    args = parser.parse_args()
    display = free_display()
    xvfb = subprocess.Popen(["Xvfb", f":{display}", "-screen", "0", "1366x768x24", "-nolisten", "tcp"])
    time.sleep(1.5)
    home = Path(tempfile.mkdtemp())
    state = home / "state.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDL_")}
    env.update(
        DISPLAY=f":{display}",
        FLOOD_THE_ZONE_HOME=str(home),
        FLOOD_THE_ZONE_TEST_STATE=str(state),
        SDL_AUDIODRIVER="dummy",
    )
    game = subprocess.Popen(
        [sys.executable, "-m", "game", "play", args.scenario, "--seed", args.seed],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def xdo(*a: str) -> str:
        return subprocess.run(["xdotool", *a], env=env, capture_output=True, text=True, timeout=30).stdout

    def now() -> dict:
        try:
            return json.loads(state.read_text())
        except (OSError, ValueError):
            return {}

    def wait(pred, seconds: float = 60) -> dict:
        end = time.time() + seconds
        while time.time() < end:
            s = now()
            if s and pred(s):
                return s
            time.sleep(0.05)
        raise SystemExit(f"timed out on {now().get('screen')}")

    inputs: dict[int, int] = {}

    def key(k: str, week: int) -> None:
        xdo("key", "--window", window, k)
        inputs[week] = inputs.get(week, 0) + 1
        time.sleep(0.25)

    def shot(name: str) -> None:
        if args.out and not shutil.which("import"):
            print(f"(no screenshot {name}: ImageMagick's import is not installed)", flush=True)
        elif args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            subprocess.run(["import", "-window", "root", str(args.out / f"{name}.png")], env=env, check=False)

    try:
        window = xdo("search", "--sync", "--pid", str(game.pid)).split()[0]
        wait(lambda s: s.get("frames_drawn"))
        xdo("windowfocus", "--sync", window)
        wait(lambda s: s["screen"] == "briefing")
        key("Return", 0)
        wait(lambda s: s["screen"] == "players")
        xdo("type", "--window", window, "--delay", "60", "Ann Lee")  # counted as one input: typing one's name
        inputs[0] = inputs.get(0, 0) + 1
        wait(lambda s: s.get("names", {}).get("USA") == "Ann Lee", 20)
        key("Return", 0)
        wait(lambda s: s["screen"] == "map")
        week = 0
        while True:
            week += 1
            if week == 1:
                key("a", week)
                time.sleep(3)  # the staff thinks
                for _ in range(6):
                    key("Return", week)
                shot("week1-plan")
            else:
                key("r", week)
            orders = len(now().get("pending", []))
            key("space", week)
            time.sleep(0.5)
            if now().get("screen") == "confirm":
                key("Return", week)
            s = wait(lambda s: s["screen"] in ("report", "debrief"))
            if week == 5:
                shot("week5-report")
            if s["screen"] == "report":
                key("Return", week)
                s = wait(lambda s: s["screen"] in ("map", "debrief"))
            print(f"week {week:2d}: {inputs[week]} inputs, {orders} orders", flush=True)
            if s["screen"] == "debrief":
                break
        shot("debrief")
        print(f"the whole crisis: {sum(inputs.values())} inputs ({inputs[0]} before week 1: the briefing and the name)")
    finally:
        game.terminate()
        xvfb.terminate()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
