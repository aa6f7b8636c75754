"""An X display for the window benchmarks: the one in DISPLAY, or an Xvfb of their own for the run."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path


@contextlib.contextmanager
def x_display(who: str):
    """Yield the display's name (":N"); ``who`` names the benchmark in the one-line errors."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    if shutil.which("Xvfb") is None:
        sys.exit(f"{who}: no DISPLAY and no Xvfb (apt-get install xvfb)")
    n = next(n for n in range(120, 220) if not Path(f"/tmp/.X{n}-lock").exists())
    proc = subprocess.Popen(
        ["Xvfb", f":{n}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{n}").exists():
            if time.monotonic() > deadline or proc.poll() is not None:
                sys.exit(f"{who}: Xvfb did not start")
            time.sleep(0.05)
        yield f":{n}"
    finally:
        proc.terminate()
        proc.wait(5)
