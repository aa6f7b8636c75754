"""Benchmark (not a test): how long the class server takes to make an ended class's results (issue 17).

    python benchmarks/bench_class_results.py [--students 30] [--two-sided] [--json]

A class of ``--students`` plays the whole crisis on the server's room (each student gives the first legal order
of each week and gets ready), the teacher ends it, and ``game.server.results.make_results`` makes what the
teacher's page serves: every game's replay, the class view, the gradebook, a report per game and the zip.
Wall-clock and CPU seconds, with the load average beside them: the goal is a class of 30 in 10 s or less (the
teacher's page says the results are being made meanwhile; they are made once).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.engine import legal_orders  # noqa: E402
from game.scenario import load_scenario  # noqa: E402
from game.server.results import make_results  # noqa: E402
from game.server.room import ClassRoom  # noqa: E402
from game.server.store import Store  # noqa: E402
from game.session import order_to_dict  # noqa: E402
from game.sim.settings import Settings  # noqa: E402

GOALS = {"results_s_for_30": 10.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--two-sided", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    scenario = load_scenario("flood_the_zone")
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "class.sqlite")
        settings = Settings(rival="historical", two_sided=args.two_sided)
        room = ClassRoom.create(store, scenario, 11, settings, "bench")
        seats = [room.join(room.row.code, f"Student {i + 1}")[0] for i in range(args.students)]
        start = time.perf_counter()
        while any(not s.is_over for s in room.sessions.values()):
            for seat in seats:
                session = room.sessions[seat.game_id]
                if session.is_over or seat.actor in session.submitted:
                    continue
                legal = legal_orders(session.rules, session.state, session.pending_for(seat.actor))
                if legal:
                    room.add_order(seat, order_to_dict(session.rules, legal[0]))
                room.set_ready(seat, True)
        played = time.perf_counter() - start
        room.set_status("ended")
        start, start_cpu = time.perf_counter(), time.process_time()
        results = make_results(room)
        wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        store.close()
    out = {
        "students": args.students,
        "games": len(results.index["games"]),
        "play_s": round(played, 2),
        "results_s": round(wall, 2),
        "results_cpu_s": round(cpu, 2),
        "files": len(results.files),
        "zip_bytes": len(results.zip),
        "load_average": os.getloadavg(),
        "goals": GOALS,
    }
    print(json.dumps(out) if args.json else "\n".join(f"{k}: {v}" for k, v in out.items()))


if __name__ == "__main__":
    main()
