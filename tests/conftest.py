import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_game(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 120):
    """Run ``python -m game ARGS`` in a subprocess and return the CompletedProcess (text mode)."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env.setdefault("SDL_VIDEODRIVER", "dummy")
    full_env.setdefault("SDL_AUDIODRIVER", "dummy")
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        cwd=cwd or ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def ftz():
    from game.scenario import load_scenario

    return load_scenario("flood_the_zone")


# The calibration tests' short names for commitments: a UN vote's option, or the energy rung.
SHORT_COMMITMENTS = {"yes": "un_vote.yes", "abstain": "un_vote.abstain", "no": "un_vote.no", "energy": "energy_help"}


def run_main(capsys, *args):
    """``python -m game ARGS`` in this process: (exit code, stdout, stderr); argparse's usage errors included."""
    from game.cli.main import main

    try:
        rc = main(list(args))
    except SystemExit as exc:
        rc = exc.code
    out, err = capsys.readouterr()
    return rc, out, err


def one_line(err: str) -> str:
    """The one line a bad input must give, never a traceback."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]
