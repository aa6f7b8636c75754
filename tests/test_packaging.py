"""A wheel built from the repo carries the scenarios, seeds and assets and runs from anywhere."""

import json
import subprocess
import sys
import venv

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_simulates_from_another_folder(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(wheels), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True, system_site_packages=True)
    python = env_dir / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--no-deps", "-q", str(wheel)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [python, "-m", "game", "simulate", "flood_the_zone", "--policy", "historical", "--seed", "1", "--json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(result.stdout)
    assert data["scenario"] == "flood_the_zone"
    located = subprocess.run(
        [
            python,
            "-c",
            "from game.assets import asset_path, scenarios_dir; print(asset_path('fonts')); print(scenarios_dir())",
        ],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "site-packages" in located and "_data" in located
