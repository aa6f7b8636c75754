"""Benchmark (not a test): what the game's synthesised sound costs at start-up.

    python benchmarks/bench_sound.py [--repeats 5]

Prints JSON: the five cues' synthesis (ms, all five together), the theme's (s, made on a thread so the window
never waits for it), the part of ``Sounds(...)`` the window waits for (the mixer opening and the cues turned into
mixer sounds) on SDL's dummy driver and on the machine's own, and how long a driver that cannot open takes to say
so.  Medians of ``--repeats`` runs, each run
uncached.  Goal: what the window waits for stays under 0.1 s (the first frame's budget is 1.5 s).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOALS = {"window_waits_s": 0.1}

WAIT = """
import time, pygame
from game.ui.sound import Sounds
t = time.perf_counter()
sounds = Sounds(70, False, theme=False)
print(time.perf_counter() - t, sounds.available)
"""


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 4)


def _in_fresh_process(driver: str | None) -> tuple[float, bool]:
    """``Sounds(...)`` in a new interpreter (nothing cached, the mixer closed), with SDL's audio ``driver``
    (None: the machine's own choice, e.g. ALSA on a Linux box, with or without a sound card)."""
    env = {k: v for k, v in os.environ.items() if k != "SDL_AUDIODRIVER"}
    env.update(PYGAME_HIDE_SUPPORT_PROMPT="1", PYTHONPATH=str(ROOT))
    if driver is not None:
        env["SDL_AUDIODRIVER"] = driver
    out = subprocess.run([sys.executable, "-c", WAIT], env=env, capture_output=True, text=True, check=True)
    seconds, available = out.stdout.split()
    return float(seconds), available == "True"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    from game.ui import synth

    cues, theme = [], []
    for _ in range(args.repeats):
        t = time.perf_counter()
        for name in synth.CUES:
            synth.cue.__wrapped__(name, synth.RATE)
        cues.append(time.perf_counter() - t)
        t = time.perf_counter()
        synth.theme.__wrapped__(synth.RATE)
        theme.append(time.perf_counter() - t)
    waits = [_in_fresh_process("dummy") for _ in range(args.repeats)]
    missing = [_in_fresh_process("no_such_audio_driver") for _ in range(args.repeats)]
    own = [_in_fresh_process(None) for _ in range(args.repeats)]
    result = {
        "rate": synth.RATE,
        "cues_ms": round(_median(cues) * 1000, 1),
        "theme_s": _median(theme),
        "theme_seconds_of_music": synth.THEME_SECONDS,
        "window_waits_s": _median([s for s, _ in waits]),
        "no_device_s": _median([s for s, _ in missing]),
        "no_device_silent": not any(ok for _, ok in missing),
        "machine_driver_s": _median([s for s, _ in own]),
        "machine_has_sound": any(ok for _, ok in own),
        "load_average": round(os.getloadavg()[0], 2),
        "goals": GOALS,
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
