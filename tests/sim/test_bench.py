"""``python -m game bench`` says what it measured on: the machine, the load, every run and a reference workload
timed in the same run (no timings are asserted: speed lives in benchmarks/)."""

from __future__ import annotations

import json

from game.sim.bench import bench
from tests.conftest import run_main


def test_bench_reports_the_machine_the_runs_and_the_reference(ftz):
    result = bench(ftz, "random", single_games=1, batch_games=40, chunk=16, repeats=2).as_dict()
    assert len(result["batch_games_per_s_runs"]) == 2 and len(result["single_games_per_s_runs"]) == 2
    assert min(result["batch_games_per_s_runs"]) <= result["batch_games_per_s"] <= max(result["batch_games_per_s_runs"])
    assert len(result["reference_s_runs"]) == 3 and result["reference_s"] > 0
    assert result["batch_games_per_reference"] > 0
    machine = result["machine"]
    assert machine["cores"] >= 1 and machine["cpu"] and machine["numpy"] and machine["python"]
    assert "load_average" in machine and "load_average_after" in machine


def test_the_bench_command_prints_the_machine_and_the_ratio(capsys):
    rc, out, err = run_main(capsys, "bench", "--games", "20", "--single", "1", "--chunk", "8")
    assert rc == 0, err
    assert "machine" in out and "numpy" in out and "load average" in out and "per reference workload" in out
    rc, out, err = run_main(capsys, "bench", "--games", "20", "--single", "1", "--repeat", "2", "--json")
    assert rc == 0, err
    assert json.loads(out)["repeats"] == 2
