"""Command-line entry point.

Exit codes: 0 success, 1 the input is wrong (an invalid scenario, a failed calibration), 2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from game import __version__

from .output import dump, load, print_aggregate, print_game
from .progress import Progress

POLICY_NAMES = ("historical", "random", "greedy", "idle")
SIMULATE_POLICIES = (*POLICY_NAMES, "advisor")


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2) that name the command."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message}\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if not 0 <= value < 2**63:
        raise argparse.ArgumentTypeError(f"a seed is from 0 to 2^63-1, got {value}")
    return value


# ---------------------------------------------------------------------------------------------- simulate


def _rival(text: str) -> str:
    """A rival policy: a bot name, or a persona with an optional level (``wedge:4``)."""
    from game.ai.personas import parse_persona, persona_names

    if text in POLICY_NAMES or text == "answering":
        return text
    try:
        if parse_persona(text) is not None:
            return text
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    names = ", ".join((*POLICY_NAMES, "answering", *sorted({n.split(":")[0] for n in persona_names()})))
    raise argparse.ArgumentTypeError(f"unknown rival '{text}' (choose from {names}; personas take :1 to :4)")


def cmd_simulate(args) -> int:
    from game.sim import summarize
    from game.sim.batch import aggregate_runs
    from game.sim.loop import GameSpec, play
    from game.sim.settings import Settings, scenario_defaults

    from .classroom import simulate_with_settings, wants_settings

    if wants_settings(args):
        return simulate_with_settings(args, load, dump, print_game)
    scenario = load(args.scenario)
    if scenario is None:
        return 1
    if scenario_defaults(scenario) != Settings():
        # The scenario file's own settings are its games' defaults here too, as in the window and a code.
        return simulate_with_settings(args, lambda _name: scenario, dump, print_game)
    spec = GameSpec(scenario, args.seed, Settings(), args.policy, getattr(args, "rival", "historical"))
    if args.runs > 1:
        # Vectorised policies go through the batch engine (same aggregate as one at a time, far faster).
        progress = Progress(args.runs, "simulating")
        result = aggregate_runs(spec, range(args.seed, args.seed + args.runs), progress=progress)
        print(dump(result)) if args.json else print_aggregate(result)
        return 0
    summary = summarize(play(spec))
    print(dump(summary)) if args.json else print_game(summary)
    return 0


# -------------------------------------------------------------------------------------- bench and balance


def cmd_bench(args) -> int:
    from game.sim.batch import DEFAULT_CHUNK
    from game.sim.bench import bench

    scenario = load(args.scenario)
    if scenario is None:
        return 1
    result = bench(
        scenario, args.policy, args.single, args.games, args.chunk or DEFAULT_CHUNK, repeats=args.repeat
    ).as_dict()
    if args.json:
        print(dump(result))
        return 0
    m = result["machine"]
    load_avg = m["load_average"]
    print(f"{result['scenario']}: policy {result['policy']} against the {result['rival_policy']} rival")
    print(f"  machine        {m['cpu']}, {m['cores']} cores, {m['system']}")
    print(f"                 Python {m['python']}, numpy {m['numpy']}")
    print(f"  load average   {' '.join(map(str, load_avg)) if load_avg else 'unknown'} (1, 5, 15 min) at the start")

    def spread(key: str) -> str:
        runs = result[f"{key}_runs"]
        return f"  (range {runs[0]:.1f}-{runs[-1]:.1f} over {len(runs)} runs)" if len(runs) > 1 else ""

    print(
        f"  one at a time  {result['single_games_per_s']:10.1f} games/s  ({result['single_games']} games)"
        + spread("single_games_per_s")
    )
    print(
        f"  batch          {result['batch_games_per_s']:10.1f} games/s  ({result['batch_games']} games)"
        + spread("batch_games_per_s")
    )
    print(f"  speedup        {result['speedup']:10.1f}x")
    print(
        f"  reference      {result['reference_s']:10.4f} s for the fixed numpy workload: batch "
        f"{result['batch_games_per_reference']:.1f} games per reference workload (compare this across machines)"
    )
    print(f"  peak memory    {result['peak_mb']:10.1f} MB (batch, chunks of {result['chunk']})")
    print("  (games per CPU-second of this process, medians; wall-clock rates and every run are in --json)")
    return 0


def cmd_balance(args) -> int:
    from game.sim.balance import BalanceConfig, format_report, run_balance

    scenario = load(args.scenario)
    if scenario is None:
        return 1
    config = BalanceConfig(
        runs=args.runs,
        first_seed=args.seed,
        slow_runs=args.slow_runs if args.slow_runs is not None else min(args.runs, 40),
        sections=tuple(s for s in ("policies", "slow", "spam", "personas", "sensitivity") if s not in args.skip),
    )
    progress = Progress(100, "balance")
    report = run_balance(scenario, config, progress=lambda share: progress(int(share * 100)))
    print(dump(report)) if args.json else print(format_report(report))
    return 0


# ---------------------------------------------------------------------------------------------- validate


def cmd_validate(args) -> int:
    from game.scenario import check

    any_errors = False
    report = []
    for path in args.paths:
        _, problems = check(path)
        errors = [p for p in problems if p.severity == "error"]
        any_errors |= bool(errors)
        report.append((path, problems, errors))
    if args.format == "json":
        print(
            dump(
                {
                    "valid": not any_errors,
                    "files": [
                        {"file": path, "valid": not errors, "problems": [p.as_dict() for p in problems]}
                        for path, problems, errors in report
                    ],
                }
            )
        )
    else:
        for path, problems, errors in report:
            for p in problems:
                print(p)
            warnings = len(problems) - len(errors)
            status = "ok" if not errors else "invalid"
            print(f"{path}: {status} ({len(errors)} errors, {warnings} warnings)", file=sys.stderr)
    return 1 if any_errors else 0


# --------------------------------------------------------------------------------------------- calibrate


def cmd_calibrate(args) -> int:
    from game.sim.calibrate import calibrate

    scenario = load(args.scenario)
    if scenario is None:
        return 1
    if not scenario.doc.calibration.checks and scenario.doc.real_outcomes is None:
        print(f"{scenario.id}: the scenario has no calibration checks and no real outcomes", file=sys.stderr)
        return 1
    runs = args.runs or scenario.doc.calibration.runs
    report = calibrate(
        scenario, runs=runs, first_seed=args.seed, progress=Progress(runs, "calibrating"), with_choices=True
    )
    if args.json:
        print(dump(report.as_dict()))
        return 0 if report.ok else 1
    print(f"{scenario.title}: historical playbook, {report.runs} runs from seed {report.first_seed}")
    print("Alignment runs from -100 (with Moscow) to +100 (with Washington); shares are of runs.\n")
    header = f"{'':3} {'country':9} {'documented':46} {'simulated':14} {'band':14}"
    print(header)
    print("-" * len(header))
    for r in report.results:
        c = r.check
        when = "" if c.week is None else f" wk{c.week}"
        lo = "" if c.min is None else f"{c.min:+g}"
        hi = "" if c.max is None else f"{c.max:+g}"
        band = f"{lo}..{hi}" if (lo or hi) else "-"
        mark = "ok" if r.ok else "NO"
        print(f"{mark:3} {c.country + when:9} {c.claim[:46]:46} {r.mean:+6.1f} ± {r.sd:<5.1f} {band:14}")
        extras = []
        if r.other_mean is not None:
            rel, other = (">", c.above) if c.above else ("<", c.below)
            extras.append(f"{rel} {other} ({r.other_mean:+.1f})")
        for name, share in r.shares.items():
            b = c.commitments[name]
            want = " and ".join(
                x
                for x in (
                    f">= {b.min:.0%}" if b.min is not None else "",
                    f"<= {b.max:.0%}" if b.max is not None else "",
                )
                if x
            )
            extras.append(f"{name} {share:.0%} (wanted {want})")
        if extras:
            print(f"{'':13}{'; '.join(extras)}")
        for failure in r.failures:
            print(f"{'':13}! {failure}")
        if c.sources:
            print(f'{"":13}{c.sources[0].seed}: "{c.sources[0].passage}"')
    passed = sum(r.ok for r in report.results)
    print(f"\n{passed}/{len(report.results)} documented positions reproduced")
    if report.real or report.totals:
        _print_real_outcomes(scenario, report)
    if report.choices is not None:
        scores = ", ".join(f"{p} {v:.1f} ({report.choices.tiers[p]})" for p, v in report.choices.scores.items())
        print(f"\nDo the player's choices matter? Mean scores: {scores}")
        if report.choices.warning():
            print(f"warning: {report.choices.warning()}")
    return 0 if report.ok else 1


def _print_real_outcomes(scenario, report) -> None:
    """The second table: what really happened after the crisis's end (beyond the articles) against the runs."""
    real = scenario.doc.real_outcomes
    print(f"\nWhat really happened after the crisis (beyond the articles; public sources, as of {real.as_of})")
    header = f"{'':3} {'country':7} {'commitment':24} {'real':10} {'reproduced':>10}  simulated"
    print(header)
    print("-" * len(header))
    for r in report.real:
        o = r.outcome
        real_text = o.option if o.option is not None else ("made" if o.made else "not made")
        mark = "ok" if r.share >= 0.5 else "NO"
        sim = ", ".join(f"{k} {v:.0%}" for k, v in r.simulated.items() if v > 0)
        print(f"{mark:3} {o.country:7} {o.rung[:24]:24} {real_text[:10]:10} {r.share:>10.0%}  {sim}")
        print(f"{'':12}{o.what} ({o.date}; {o.sources[0].publisher}: {o.sources[0].url})")
    for t in report.tallies:
        mark = "ok" if t.ok else "NO"
        print(f"{mark:3} {t.name}: {t.share:.0%} of {t.count} countries x runs reproduced (needs {t.needed:.0%})")
    for t in report.totals:
        real_counts = ", ".join(f"{o} {n}" for o, n in t.total.counts.items())
        sim_counts = ", ".join(f"{o} {v:.1f}" for o, v in t.means.items())
        print(
            f"{'ok' if t.ok else 'NO':3} {t.total.rung} tally among these countries: real {real_counts}; "
            f"simulated {sim_counts} (within {t.total.tolerance:g})"
        )


# -------------------------------------------------------------------------------------------------- play


def _code_game(code: str, scenario: str | None, seed: int | None, command: str) -> tuple[dict | None, int]:
    """What ``run_game`` needs to start the game of a game code: (keyword arguments, 0), or (None, 2) after a
    one-line error (a code that cannot be read, whose scenario is not here, or that --seed or SCENARIO
    contradict)."""
    from pathlib import Path

    from game.classroom.codes import CodeError, parse_code, resolve_setup

    def error(message: str) -> tuple[None, int]:
        print(f"python -m game{command}: error: {message}", file=sys.stderr)
        return None, 2

    try:
        setup = parse_code(code)
        found = resolve_setup(setup, [scenario] if scenario else [])
    except CodeError as exc:
        return error(str(exc))
    if seed is not None and seed != setup.seed:
        return error(f"--seed {seed} contradicts the code's seed {setup.seed}")
    if scenario and setup.scenario and Path(scenario).stem not in (setup.scenario, found.id):
        return error(f"the code is for scenario '{setup.scenario}', not '{scenario}'")
    # The file that was found, so that the title screen highlights exactly it (not a file of the same name).
    where = str(found.path) if found.path is not None else found.id
    return {"scenario": where, "seed": setup.seed, "game_settings": setup.settings}, 0


def cmd_play(args) -> int:
    if args.autoplay is None and (args.turns is not None or args.screenshots is not None):
        print("python -m game play: error: --turns and --screenshots need --autoplay POLICY", file=sys.stderr)
        return 2
    game = {"scenario": args.scenario, "seed": args.seed}
    if args.code:
        if args.staff is not None:
            print("python -m game play: error: --code carries the settings; leave out --staff", file=sys.stderr)
            return 2
        game, rc = _code_game(args.code, args.scenario, args.seed, " play")
        if game is None:
            return rc
    elif args.scenario is None:
        print("python -m game play: error: give a SCENARIO or --code CODE", file=sys.stderr)
        return 2
    elif args.staff is not None:
        # The title screen opens on the scenario with its own settings but the staff as the teacher said (play's
        # --turns is the bot's stopping week, not a setting: only --staff is taken here).
        from game.sim.settings import SettingsError, scenario_defaults

        from .classroom import STAFF_ON

        scenario = load(args.scenario)
        if scenario is None:
            return 1
        try:
            settings = scenario_defaults(scenario).replace(staff=None if args.staff == STAFF_ON else args.staff)
            settings.check(scenario)
        except SettingsError as exc:
            print(f"python -m game play: error: {exc}", file=sys.stderr)
            return 2
        game["game_settings"] = settings
    from game.ui import run_game  # pygame is imported only here, never by simulate/validate

    return run_game(
        **game,
        autoplay=args.autoplay,
        turns=args.turns,
        screenshots=args.screenshots,
        direct=args.autoplay is None,
    )


def cmd_replay(args) -> int:
    from game.ui import run_game

    # The window opens even for a bad file: the viewer's message says what is wrong with it, and the title
    # screen's "Open a replay" lists the others.
    return run_game(replay=args.file)


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got '{text}'") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is from 1 to 65535, got {value}")
    return value


def _class_name(text: str) -> str:
    name = " ".join(text.split())
    if not 0 < len(name) <= 40 or not name.isprintable():
        raise argparse.ArgumentTypeError("a class's name is 1 to 40 printable characters, e.g. 9B or 'Period 3'")
    return name


def _team_size(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 12:
        raise argparse.ArgumentTypeError("a team is 1 to 12 students per side (the Secretary and the deputies)")
    return int(text)


def cmd_host(args) -> int:
    from .classroom import _settings_from, _setup_from_code

    if args.code:
        if args.seed is not None:
            print("python -m game host: error: --code carries the seed; leave out --seed", file=sys.stderr)
            return 2
        # The code's checks compare --seed with the code's; host has no seed of its own here.
        found, rc = _setup_from_code(argparse.Namespace(**{**vars(args), "seed": 1}), "host")
        if found is None:
            return rc
        scenario, seed, settings = found
    else:
        if args.scenario is None:
            print("python -m game host: error: give a SCENARIO or --code CODE", file=sys.stderr)
            return 2
        scenario = load(args.scenario)
        if scenario is None:
            return 1
        settings, rc = _settings_from(args, scenario, "host")
        if settings is None:
            return rc
        seed = args.seed
    from game.server.host import HostError, serve  # the web stack is loaded only for this command
    from game.server.store import StoreError

    try:
        return serve(scenario, seed, settings, args.name, args.port, args.lan, team=args.team)
    except (HostError, StoreError) as exc:
        print(f"python -m game host: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the port is taken, the address cannot be listened on
        print(f"python -m game host: error: cannot listen on port {args.port}: {exc.strerror or exc}", file=sys.stderr)
        return 1


def _is_scenario_path(text: str) -> bool:
    return not text.startswith("-") and text.lower().endswith((".yaml", ".yml"))


def cmd_new_scenario(args) -> int:
    import shlex

    from game.scenario.template import NewScenarioError, write_new_scenario

    try:
        path = write_new_scenario(args.name, args.out)
    except NewScenarioError as exc:
        print(f"python -m game new-scenario: error: {exc}", file=sys.stderr)
        return 2 if exc.usage else 1
    print(f"wrote {path}; check it with: python -m game validate {shlex.quote(str(path))}")
    return 0


# ------------------------------------------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m game",
        description="Flood the Zone: a crisis-diplomacy game. Without a command, starts the desktop game.",
    )
    parser.add_argument("--version", action="version", version=f"Flood the Zone {__version__}")
    parser.add_argument(
        "--code",
        dest="start_code",
        metavar="CODE",
        default=None,
        help="start the desktop game on the game of a game code (as: play --code CODE)",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    def _scenario_or_code(p) -> None:
        p.add_argument(
            "scenario",
            metavar="SCENARIO",
            nargs="?",
            default=None,
            help="a scenario file or the name of a bundled scenario (may be left out with --code)",
        )

    p = sub.add_parser("simulate", help="play a scenario headless with a policy and print the result")
    _scenario_or_code(p)
    p.add_argument("--policy", choices=SIMULATE_POLICIES, default="historical", help="the player's policy")
    p.add_argument("--seed", type=_seed, default=1, help="the seed of the first game (default 1)")
    p.add_argument("--runs", type=_positive, default=1, help="play this many seeded games and aggregate them")
    p.add_argument(
        "--rival",
        type=_rival,
        default="historical",
        metavar="RIVAL",
        help="the other side's policy: historical (default), answering (Normal's board-reading rival), random, "
        "greedy, idle, or a persona "
        "charm_tour, energy_pressure, wedge with a level :1 to :4 (e.g. wedge:4)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_simulate)
    from .classroom import add_simulate_options

    add_simulate_options(p)

    p = sub.add_parser("bench", help="measure full games per second, one at a time and in batch")
    p.add_argument("scenario", metavar="SCENARIO", nargs="?", default="flood_the_zone", help="default flood_the_zone")
    p.add_argument("--policy", choices=("random", "historical", "idle"), default="random")
    p.add_argument("--games", type=_positive, default=20_000, help="games played in batch (default 20000)")
    p.add_argument("--single", type=_positive, default=20, help="games played one at a time (default 20)")
    p.add_argument("--chunk", type=_positive, default=None, help="games per batch chunk (default 2048)")
    p.add_argument("--repeat", type=_positive, default=1, help="time each pass this many times: medians, range")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_bench)

    p = sub.add_parser("balance", help="win rates by policy, dominant strategies, personas and sensitivity")
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument("--runs", type=_positive, default=1000, help="games per policy (default 1000)")
    p.add_argument("--seed", type=_seed, default=1, help="the first seed (default 1)")
    p.add_argument(
        "--slow-runs",
        type=_positive,
        default=None,
        help="games for the policies that think game by game, greedy and the advisor (default min(RUNS, 40))",
    )
    p.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=("policies", "slow", "spam", "personas", "sensitivity"),
        help="leave out a section (repeatable)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=cmd_balance)

    p = sub.add_parser("validate", help="check scenario files and list every problem with its line")
    p.add_argument("paths", metavar="PATH", nargs="+", help="scenario files")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("calibrate", help="compare the historical playbook with the documented positions")
    p.add_argument("scenario", metavar="SCENARIO")
    p.add_argument("--runs", type=_positive, default=None, help="games to play (default: the scenario's)")
    p.add_argument("--seed", type=_seed, default=None, help="first seed (default: the scenario's)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=cmd_calibrate)

    p = sub.add_parser("new-scenario", help="write NAME.yaml: a small, valid, commented scenario to start from")
    p.add_argument("name", metavar="NAME", help="the file name without .yaml, e.g. my_crisis")
    p.add_argument("--out", metavar="DIR", default=".", help="the folder to write it in (default: here)")
    p.set_defaults(run=cmd_new_scenario)

    p = sub.add_parser("play", help="open the desktop game on a scenario (--autoplay: a bot plays it, for checks)")
    _scenario_or_code(p)
    p.add_argument(
        "--code",
        metavar="CODE",
        default=None,
        help="start the game of a game code (its scenario, seed and teacher settings), e.g. FTZ-081-0Y8-015",
    )
    p.add_argument("--seed", type=_seed, default=None, help="the game's seed (default: a random one)")
    p.add_argument(
        "--autoplay",
        choices=SIMULATE_POLICIES,
        default=None,
        metavar="POLICY",
        help=f"let a policy play through the window's buttons ({', '.join(SIMULATE_POLICIES)})",
    )
    p.add_argument("--turns", type=_positive, default=None, help="with --autoplay: stop after this many weeks")
    p.add_argument(
        "--screenshots",
        metavar="DIR",
        default=None,
        help="with --autoplay: save a PNG of each screen it passes into DIR",
    )
    from .classroom import _staff

    p.add_argument(
        "--staff",
        type=_staff,
        default=None,
        metavar="on|off|N",
        help='the new game\'s "Ask your staff": on (no limit), off, or N suggestions a side may take a week',
    )
    p.set_defaults(run=cmd_play)

    p = sub.add_parser("replay", help="open a replay (or a save) in the desktop game and step through its weeks")
    p.add_argument("file", metavar="FILE", help="a replay .json (the game writes them into its data folder's replays/)")
    p.set_defaults(run=cmd_replay)

    p = sub.add_parser("host", help="host a live class that students join from a browser (docs/class-server.md)")
    _scenario_or_code(p)
    p.add_argument(
        "--code", metavar="CODE", default=None, help="host the game of a game code (scenario, seed, settings)"
    )
    p.add_argument("--seed", type=_seed, default=None, help="the class's seed (default: a random one)")
    p.add_argument(
        "--rival", type=_rival, default="historical", metavar="RIVAL", help="the bot's policy (as for simulate)"
    )
    p.add_argument(
        "--name",
        type=_class_name,
        default="Class",
        help="the class's name; hosting a name again picks that class up where it was (default 'Class')",
    )
    p.add_argument("--port", type=_port, default=8000, help="the port to listen on (default 8000)")
    p.add_argument(
        "--lan", action="store_true", help="open the class to the school network (default: this computer only)"
    )
    p.add_argument(
        "--team",
        type=_team_size,
        default=1,
        metavar="N",
        help="students per side (default 1): the first plays the Secretary (calls, trip, groups, talks, "
        "escalations), each next one a deputy of the side, who gives that deputy's call; students fill a game's "
        "roles in the order they join, both sides' Secretaries first, then one deputy of each side in turn; the "
        "Secretary also gives the calls of deputies nobody plays (Washington has 5 deputies in flood_the_zone: "
        "a team of up to 6)",
    )
    from .classroom import add_settings_options

    add_settings_options(p)
    p.set_defaults(run=cmd_host)

    from .classroom import add_classroom_commands

    add_classroom_commands(sub, load, dump, _seed)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from .terminal import SafeStream

    streams = sys.stdout, sys.stderr
    sys.stderr = SafeStream(sys.stderr)
    if _is_terminal(streams[0]):  # a file or a pipe gets the bytes as they are (JSON escapes its own)
        sys.stdout = SafeStream(sys.stdout)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = streams


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) == 1 and _is_scenario_path(argv[0]):
        from game.ui import run_game

        return run_game(scenario=argv[0])  # the title screen, with that file highlighted (or its errors shown)
    args = parser.parse_args(argv)
    if args.start_code and args.command is not None:
        print(f"python -m game: error: put --code after the command: {args.command} --code CODE", file=sys.stderr)
        return 2
    if args.command is None:
        from game.ui import run_game

        if args.start_code:
            game, rc = _code_game(args.start_code, None, None, "")
            return rc if game is None else run_game(**game, direct=True)
        return run_game()
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
