"""A class of 30 students and their teacher on a real class server over loopback, for a whole crisis.

Starts ``python -m game host`` in a fresh data folder, joins 30 students (each from its own loopback address,
127.0.0.2 upwards, as 30 laptops on a school network would be: the server's rate limit counts by address),
opens every student's and the teacher's websocket, and plays every week as a class does: each student reads
the state, opens a few dossiers, gives the orders the dossiers offer as legal, and gets ready (after a short,
seeded "thinking" pause, so the class does not click in lockstep); the teacher's page refreshes on every
notice.  In ``--teacher-ends-week`` mode the students only queue their orders and the teacher's "end this
week now" resolves all 30 games in one request (the heaviest request a class makes).

Printed (JSON): the machine, the load average, and for every week the latency of the requests that resolved
it (median, 90th percentile, max), of every other request, and the server process's CPU seconds; a benchmark,
not a test (``DEVELOPERS.md``).

    python benchmarks/bench_class.py                       # 30 students against the bot
    python benchmarks/bench_class.py --two-sided           # 15 games, both sides human
    python benchmarks/bench_class.py --teacher-ends-week
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import websockets

ROOT = Path(__file__).resolve().parents[1]
TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def start_server(home: str, port: int, scenario: str, seed: int, two_sided: bool) -> tuple[subprocess.Popen, str, str]:
    args = [sys.executable, "-m", "game", "host", scenario, "--name", "LOAD", "--port", str(port), "--seed", str(seed)]
    if two_sided:
        args.append("--two-sided")
    env = dict(os.environ, FLOOD_THE_ZONE_HOME=home, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    server = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=ROOT)
    code = key = None
    for line in server.stdout:
        if m := re.search(r"class code\s+(\S+)", line):
            code = m.group(1)
        if m := re.search(r"#key=(\S+)", line):
            key = m.group(1)
        if line.startswith("The class is kept in"):
            break
    if not (code and key):
        server.kill()
        raise SystemExit("bench_class: the server did not print its class code and teacher address")
    for _ in range(200):  # the addresses are printed before uvicorn listens
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            break
        except httpx.TransportError:
            time.sleep(0.05)
    return server, code, key


class Timings:
    def __init__(self):
        self.resolving: dict[int, list[float]] = {}  # week -> latencies of requests that resolved a game's week
        self.other: list[float] = []
        self.errors: list[str] = []

    async def timed(self, client: httpx.AsyncClient, method: str, url: str, week: int | None = None, **kw):
        start = time.perf_counter()
        for attempt in range(3):
            try:
                answer = await client.request(method, url, **kw)
                break
            except httpx.RemoteProtocolError:
                # A kept-alive connection the server closed as it was reused (its 5 s idle limit): a browser
                # asks again on a new one, and so does this.
                if attempt == 2:
                    raise
        took = time.perf_counter() - start
        if week is None:
            self.other.append(took)
        else:
            self.resolving.setdefault(week, []).append(took)
        refused_order = answer.status_code == 400 and url == "/api/orders"  # the engine's refusal, as a player meets it
        if answer.status_code >= 400 and answer.status_code != 409 and not refused_order:
            self.errors.append(f"{method} {url}: {answer.status_code} {answer.text[:120]}")
        return answer


async def listen(url: str, hello: dict, local: str, notices: asyncio.Queue, stop: asyncio.Event) -> None:
    async with websockets.connect(url, local_addr=(local, 0), max_size=4096) as ws:
        await ws.send(json.dumps(hello))
        while not stop.is_set():
            try:
                message = await asyncio.wait_for(ws.recv(), 0.5)
            except asyncio.TimeoutError:
                continue
            notices.put_nowait(json.loads(message))


async def read_state(client: httpx.AsyncClient, timings: Timings) -> dict:
    """The seat's state; an error answer (recorded) is asked again after a second, as the page does."""
    for _ in range(10):
        answer = await timings.timed(client, "GET", "/api/state")
        if answer.status_code == 200:
            return answer.json()
        await asyncio.sleep(1)
    raise SystemExit(f"bench_class: /api/state kept failing: {answer.status_code} {answer.text[:200]}")


async def student(
    number: int,
    base: str,
    code: str,
    timings: Timings,
    rng: random.Random,
    think: float,
    ready: bool,
    stop: asyncio.Event,
) -> int:
    """One student's whole crisis; returns the week their game ended at."""
    local = f"127.0.0.{number + 2}"
    transport = httpx.AsyncHTTPTransport(local_address=local)
    async with httpx.AsyncClient(base_url=base, transport=transport, timeout=120) as client:
        joined = await timings.timed(client, "POST", "/api/join", json={"code": code, "name": f"Student {number + 1}"})
        token = joined.json()["token"]
        client.headers["X-Seat-Token"] = token
        notices: asyncio.Queue = asyncio.Queue()
        ws_url = base.replace("http://", "ws://") + "/ws"
        listener = asyncio.create_task(listen(ws_url, {"token": token}, local, notices, stop))
        state = await read_state(client, timings)
        while not state["over"] and not stop.is_set():
            week = state["week"]
            await asyncio.sleep(rng.uniform(0, think))
            codes = [c["code"] for c in state["countries"]]
            for country in rng.sample(codes, min(4, len(codes))):
                dossier = (await timings.timed(client, "GET", f"/api/dossier/{country}")).json()
                legal = [offer["order"] for offer in dossier.get("offers", []) if offer["legal"]]
                if legal:
                    await timings.timed(client, "POST", "/api/orders", json={"order": rng.choice(legal)})
            if ready:
                await timings.timed(client, "POST", "/api/ready", week=week, json={"ready": True})
            # Wait for this game's week to move on (a two-sided game waits for the other side too).
            while True:
                state = await read_state(client, timings)
                if state["week"] != week or state["over"] or stop.is_set():
                    break
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(notices.get(), 5)
        listener.cancel()
        return state["week"]


async def teacher(base: str, key: str, timings: Timings, stop: asyncio.Event) -> None:
    """The teacher's page: refreshes the class view on every notice, at most twice a second."""
    async with httpx.AsyncClient(base_url=base, headers={"X-Teacher-Key": key}, timeout=120) as client:
        notices: asyncio.Queue = asyncio.Queue()
        ws_url = base.replace("http://", "ws://") + "/ws"
        listener = asyncio.create_task(listen(ws_url, {"key": key}, "127.0.0.1", notices, stop))
        while not stop.is_set():
            try:
                await asyncio.wait_for(notices.get(), 0.5)
            except asyncio.TimeoutError:
                continue
            await timings.timed(client, "GET", "/api/teacher/class")
            await asyncio.sleep(0.5)
        listener.cancel()


async def teacher_ends_weeks(base: str, key: str, every: float, timings: Timings, stop: asyncio.Event) -> None:
    """The teacher presses "end this week now" every ``every`` seconds, as a timer would."""
    async with httpx.AsyncClient(base_url=base, headers={"X-Teacher-Key": key}, timeout=300) as client:
        week = 0
        while not stop.is_set():
            await asyncio.sleep(every)
            answer = await timings.timed(client, "POST", "/api/teacher/resolve", week=week, json={})
            if answer.status_code >= 400 and not stop.is_set():
                raise SystemExit(f"bench_class: 'end this week now' was refused: {answer.text[:200]}")
            week += 1


def summary(values: list[float]) -> dict:
    if not values:
        return {}
    values = sorted(values)
    return {
        "n": len(values),
        "median_ms": round(1000 * statistics.median(values), 1),
        "p90_ms": round(1000 * values[int(0.9 * (len(values) - 1))], 1),
        "max_ms": round(1000 * values[-1], 1),
    }


async def run(args) -> dict:
    port = free_port()
    home = tempfile.mkdtemp(prefix="ftz-class-bench-")
    server, code, key = start_server(home, port, args.scenario, args.seed, args.two_sided)
    base = f"http://127.0.0.1:{port}"
    timings = Timings()
    stop = asyncio.Event()
    rng = random.Random(args.seed)
    load_before = os.getloadavg()
    try:
        cpu_before, wall_before = server_cpu_seconds(server.pid), time.perf_counter()
        watcher = asyncio.create_task(teacher(base, key, timings, stop))
        ender = None
        if args.teacher_ends_week:
            # Every student's orders are in well before the teacher presses (thinking, then a few requests).
            ender = asyncio.create_task(teacher_ends_weeks(base, key, args.think + 3, timings, stop))
        students = [
            student(n, base, code, timings, random.Random(rng.random()), args.think, not args.teacher_ends_week, stop)
            for n in range(args.students)
        ]
        try:
            ends = await asyncio.wait_for(asyncio.gather(*students), args.timeout)
        except asyncio.TimeoutError:
            raise SystemExit(f"bench_class: the class did not finish in {args.timeout:.0f} s") from None
        stop.set()
        await watcher
        if ender is not None:
            await ender
        cpu, wall = server_cpu_seconds(server.pid) - cpu_before, time.perf_counter() - wall_before
    finally:
        server.terminate()
        server.wait(10)
    return {
        "machine": {
            "cpu": platform.processor() or platform.machine(),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            # 1, 5 and 15-minute load averages before the class and after it (the server's own work included)
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "scenario": args.scenario,
        "students": args.students,
        "two_sided": args.two_sided,
        "teacher_ends_week": args.teacher_ends_week,
        "weeks_played": max(ends),
        "games_finished": sum(1 for _ in ends),
        "wall_s": round(wall, 1),
        "server_cpu_s": round(cpu, 2),
        "resolving_request_by_week": {str(w): summary(v) for w, v in sorted(timings.resolving.items())},
        "resolving_request": summary([t for v in timings.resolving.values() for t in v]),
        "other_requests": summary(timings.other),
        "errors": timings.errors[:20],
        "goal": "every week resolves within a second of the last ready; no request waits on another game's week",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", nargs="?", default="flood_the_zone")
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--think", type=float, default=2.0, help="most seconds a student thinks before orders")
    parser.add_argument("--two-sided", action="store_true")
    parser.add_argument("--teacher-ends-week", action="store_true")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds before the run is given up")
    args = parser.parse_args()
    if not 1 <= args.students <= 120:
        parser.error("--students is from 1 to 120 (a class holds at most 120 seats)")
    print(json.dumps(asyncio.run(run(args)), indent=2))


if __name__ == "__main__":
    main()
