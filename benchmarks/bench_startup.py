"""Benchmark (not a test): start-up times of fresh processes (issue 18).

    python benchmarks/bench_startup.py [--runs 7] [--xvfb] [--json]

Each figure is the median and range of ``--runs`` cold starts (a new Python process each time; the operating
system's file cache is warm after the first):

- ``python -c pass``: the reference, the bare interpreter start on this machine (with its site packages);
- ``python -m game --version``;
- ``python -m game simulate flood_the_zone --seed 1 --json``: one whole game, start to exit;
- the title screen's first frame (``python -m game``, the window on SDL's dummy video driver, or on an X server
  with ``--xvfb``): with an empty data folder (no scenario-list cache yet), and again with the cache the first
  start wrote.

Python's compiled bytecode is kept, as on an installed game, in a cache folder of the run's own (the children
get ``PYTHONPYCACHEPREFIX`` and lose ``PYTHONDONTWRITEBYTECODE``; a first run of each command fills it and is
not counted): where ``PYTHONDONTWRITEBYTECODE`` is set, every start would otherwise compile the game's ~120
modules again, which costs more than anything measured here.  ``--no-bytecode`` measures the environment as it is.

A fixed pure-Python loop is timed in this process too.  Machines differ, so the figures are also given as
ratios to the reference start and the loop; the machine, its cores and its load average before and after are
printed with them.  Goals (on the 2-core machine of issue 18): first title frame <= 0.6 s, one-game simulate
<= 0.3 s.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOALS = {"title_first_frame_s": 0.6, "simulate_one_game_s": 0.3}


PYCACHE: str | None = None  # the children's bytecode cache folder (None: the environment's own setting)


def _env(home: Path, **extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDL_")}
    if PYCACHE is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = PYCACHE
    env.update(FLOOD_THE_ZONE_HOME=str(home), PYTHONPATH=str(ROOT), SDL_AUDIODRIVER="dummy", **extra)
    env.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    return env


CPU: list[float] = []  # the CPU seconds (user + system) of each child, beside its wall-clock seconds


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_to_exit(args: list[str], home: Path) -> float:
    cpu0, t0 = _children_cpu(), time.perf_counter()
    done = subprocess.run(args, cwd=ROOT, env=_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - t0
    CPU.append(_children_cpu() - cpu0)
    if done.returncode != 0:
        sys.exit(f"bench_startup: {' '.join(args[1:])} failed: {done.stderr.decode(errors='replace')[-300:]}")
    return seconds


def first_frame(home: Path, video: str | None) -> float:
    """Seconds from launching ``python -m game`` to its first drawn title frame (its state file appears)."""
    with tempfile.TemporaryDirectory() as tmp:
        state = Path(tmp) / "state.json"
        env = _env(home, FLOOD_THE_ZONE_TEST_STATE=str(state))
        if video:
            env["SDL_VIDEODRIVER"] = video
        cpu0, t0 = _children_cpu(), time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "game"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while not state.exists():
                if proc.poll() is not None:
                    sys.exit(f"bench_startup: the game exited with {proc.returncode} before its first frame")
                if time.perf_counter() - t0 > 60:
                    sys.exit("bench_startup: no first frame within 60 s")
                time.sleep(0.002)
            seconds = time.perf_counter() - t0
        finally:
            proc.terminate()
            proc.wait(10)
        CPU.append(_children_cpu() - cpu0)  # to its end: a few milliseconds past the first frame
    return seconds


def reference_loop() -> float:
    """Seconds for a fixed pure-Python workload (the best of three)."""
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        total = 0
        for i in range(2_000_000):
            total += i * i % 7
        best = min(best, time.perf_counter() - t0)
    return best


def stats(times: list[float]) -> dict:
    """Wall-clock median and range, and the median CPU seconds of the same runs (less swayed by a busy machine)."""
    median, low, high = statistics.median(times), min(times), max(times)
    cpu = statistics.median(CPU[-len(times) :])
    return {"median_s": round(median, 4), "min_s": round(low, 4), "max_s": round(high, 4), "cpu_s": round(cpu, 4)}


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def load_average() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="cold starts per figure (default 7)")
    parser.add_argument("--xvfb", action="store_true", help="draw the title in a real X window (Xvfb)")
    parser.add_argument("--json", action="store_true", help="print JSON only")
    parser.add_argument(
        "--no-bytecode", action="store_true", help="keep the environment's bytecode setting (no cache of the run's)"
    )
    args = parser.parse_args()
    global PYCACHE
    runs = max(1, args.runs)
    load_before = load_average()
    loop_s = reference_loop()
    py = sys.executable
    results: dict[str, dict] = {}

    def figure(name: str, once) -> None:
        results[name] = stats([once() for _ in range(runs)])

    with tempfile.TemporaryDirectory() as tmp:
        if not args.no_bytecode:
            PYCACHE = str(Path(tmp) / "pycache")
        home = Path(tmp) / "home"
        warm_up = Path(tmp) / "warm-up"
        for command in (["-c", "pass"], ["-m", "game", "--version"], ["-m", "game", "simulate", "flood_the_zone"]):
            run_to_exit([py, *command], warm_up)
            CPU.pop()
        figure("python_c_pass", lambda: run_to_exit([py, "-c", "pass"], home))
        figure("version", lambda: run_to_exit([py, "-m", "game", "--version"], home))
        simulate = [py, "-m", "game", "simulate", "flood_the_zone", "--seed", "1", "--json"]
        figure("simulate_one_game", lambda: run_to_exit(simulate, home))

        display = None
        stack = contextlib.ExitStack()
        if args.xvfb:
            sys.path.insert(0, str(Path(__file__).parent))
            from xvfb import x_display

            display = stack.enter_context(x_display("bench_startup"))
            os.environ["DISPLAY"] = display
        with stack:
            video = None if args.xvfb else "dummy"
            first_frame(warm_up, video)  # the window's modules compiled into the cache
            CPU.pop()
            fresh = []
            for i in range(runs):
                fresh_home = Path(tmp) / f"fresh{i}"
                fresh.append(first_frame(fresh_home, video))
            results["title_first_frame_no_cache"] = stats(fresh)
            cached = Path(tmp) / "cached"
            first_frame(cached, video)  # writes the scenario-list cache
            CPU.pop()
            figure("title_first_frame", lambda: first_frame(cached, video))

    reference = results["python_c_pass"]["median_s"]
    for figures in results.values():
        figures["x_python_start"] = round(figures["median_s"] / reference, 2)
        figures["x_reference_loop"] = round(figures["median_s"] / loop_s, 2)
    report = {
        "machine": machine(),
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "runs": runs,
        "video": "x11 (Xvfb)" if args.xvfb else "dummy",
        "bytecode": "the environment's" if args.no_bytecode else "cached (a folder of the run's own)",
        "reference_loop_s": round(loop_s, 4),
        "results": results,
        "goals": GOALS,
        "met": {
            "title_first_frame_s": results["title_first_frame"]["median_s"] <= GOALS["title_first_frame_s"],
            "simulate_one_game_s": results["simulate_one_game"]["median_s"] <= GOALS["simulate_one_game_s"],
        },
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    m = report["machine"]
    print(f"{m['cpu']}, {m['cores']} cores, {m['system']}, Python {m['python']}")
    print(f"load average before {load_before}, after {report['load_average_after']}; {runs} cold starts each")
    print(f"video driver {report['video']}; bytecode {report['bytecode']}")
    print(f"reference loop {loop_s:.3f} s\n")
    print(f"{'seconds':28} {'median':>8} {'range':>13} {'CPU':>7} {'x python':>9} {'x loop':>7}")
    for name, f in results.items():
        span = f"{f['min_s']:.3f}-{f['max_s']:.3f}"
        ratios = f"{f['x_python_start']:9.2f} {f['x_reference_loop']:7.2f}"
        print(f"{name:28} {f['median_s']:8.3f} {span:>13} {f['cpu_s']:7.3f} {ratios}")
    print(f"\ngoals: {GOALS}; met: {report['met']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
