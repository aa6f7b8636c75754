"""The classroom commands: ``report``, ``briefing``, ``code``, and the teacher-settings options of ``simulate``
and ``host`` (``--code``, ``--difficulty``, ``--noise``, ``--turns``, ``--fog``, ``--two-sided``, ``--staff``,
``--save-replay``).

Kept apart from ``main.py`` so that the shared parser only gains two hooks.  Exit codes as everywhere:
0 success, 1 wrong input (a bad replay, an unknown game code), 2 a usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .output import print_aggregate

DIFFICULTIES = ("easy", "normal", "hard", "expert")
NOISES = ("normal", "calm", "wild", "none")
# The briefing's parts and papers (game.classroom.briefing.PARTS / PAPERS, which a test keeps equal): named here
# so that building the parser loads no classroom module.
BRIEFING_PARTS = ("all", "sheet", "dossiers", "memo", "reflection")
BRIEFING_PAPERS = ("a4", "letter")


def _turns(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of weeks, got '{text}'") from None
    if not 1 <= value <= 60:
        raise argparse.ArgumentTypeError(f"turns are from 1 to 60, got {value}")
    return value


STAFF_ON = "on"  # --staff on: no limit (Settings.staff None), kept apart from "not given" until the settings are made


def _staff(text: str) -> int | str:
    """``--staff on|off|N``: the staff without limit, switched off (0), or limited to N suggestions a week."""
    from game.sim.settings import MAX_STAFF

    word = text.strip().lower()
    if word == STAFF_ON:
        return STAFF_ON
    if word == "off":
        return 0
    try:
        value = int(word)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected on, off or a number of suggestions a week (1 to {MAX_STAFF}), got '{text}'"
        ) from None
    if not 0 <= value <= MAX_STAFF:
        raise argparse.ArgumentTypeError(f"a limit is 1 to {MAX_STAFF} suggestions a week (0 is off), got {value}")
    return value


def add_settings_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("teacher settings (docs/teachers-guide.md)")
    g.add_argument(
        "--difficulty",
        choices=DIFFICULTIES,
        default=None,
        help="the rival's strength and the luck: easy, normal (the historical playbook), hard, expert",
    )
    g.add_argument("--noise", choices=NOISES, default=None, help="the luck of contacts (default: the difficulty's)")
    g.add_argument("--turns", type=_turns, default=None, metavar="N", help="play only the last N weeks")
    g.add_argument("--fog", action="store_true", default=None, help="players see bands, not numbers")
    g.add_argument("--two-sided", action="store_true", default=None, help="a second player plays the rival")
    g.add_argument(
        "--staff",
        type=_staff,
        default=None,
        metavar="on|off|N",
        help='"Ask your staff": on (no limit), off, or N suggestions a side may take a week',
    )


def add_simulate_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--code", metavar="CODE", default=None, help="play the game of a game code (scenario, seed, settings)"
    )
    p.add_argument("--save-replay", metavar="FILE", default=None, help="write the game's replay to FILE (one game)")
    add_settings_options(p)


def _error(command: str, message: str, code: int = 1) -> int:
    print(f"python -m game {command}: error: {message}", file=sys.stderr)
    return code


def _explicit_settings(args) -> dict:
    """The settings given on the command line, as ``Settings`` fields (``--staff on`` is staff None)."""
    chosen = {
        k: getattr(args, k)
        for k in ("difficulty", "noise", "turns", "fog", "two_sided", "staff")
        if getattr(args, k, None) is not None
    }
    if chosen.get("staff") == STAFF_ON:
        chosen["staff"] = None
    return chosen


def wants_settings(args) -> bool:
    """Does this ``simulate`` need the classroom path (a code, a setting, a replay, or no SCENARIO)?"""
    return bool(args.scenario is None or args.code or args.save_replay or _explicit_settings(args))


def _settings_from(args, scenario, command: str):
    """The settings: the scenario file's defaults, then the options.  Returns (settings, None) or (None, rc)."""
    from game.sim.settings import DIFFICULTIES as PRESETS
    from game.sim.settings import SettingsError, scenario_defaults

    settings = scenario_defaults(scenario)
    chosen = _explicit_settings(args)
    try:
        if "difficulty" in chosen:
            rival, noise = PRESETS[chosen.pop("difficulty")]
            settings = settings.replace(rival=rival, noise=noise)
        rival = getattr(args, "rival", "historical")
        if rival != "historical":
            settings = settings.replace(rival=rival)
        settings = settings.replace(**chosen)
        settings.check(scenario)
    except SettingsError as exc:
        return None, _error(command, str(exc), 2)
    return settings, None


def _setup_from_code(args, command: str):
    """(scenario, seed, settings) of ``--code``, or (None, rc) after printing the one-line error."""
    from game.classroom.codes import CodeError, parse_code, resolve_setup

    if _explicit_settings(args):
        return None, _error(command, "--code carries the settings; leave out " + _flags(args), 2)
    try:
        setup = parse_code(args.code)
        if getattr(args, "seed", 1) not in (1, setup.seed):
            return None, _error(command, f"--seed {args.seed} contradicts the code's seed {setup.seed}", 2)
        rival = getattr(args, "rival", "historical")
        if rival not in ("historical", setup.settings.rival):
            return None, _error(command, f"--rival {rival} contradicts the code's rival {setup.settings.rival}", 2)
        scenario = resolve_setup(setup, [args.scenario] if args.scenario else [])
    except CodeError as exc:
        return None, _error(command, str(exc))
    if args.scenario and setup.scenario and Path(args.scenario).stem not in (setup.scenario, scenario.id):
        return None, _error(command, f"the code is for scenario '{setup.scenario}', not '{args.scenario}'", 2)
    return (scenario, setup.seed, setup.settings), None


def _flags(args) -> str:
    return ", ".join("--" + k.replace("_", "-") for k in _explicit_settings(args))


def simulate_with_settings(args, load, dump, print_game) -> int:
    """``simulate`` with a code, settings or ``--save-replay``; ``load``/``dump``/``print_game`` are main's."""
    from game.classroom.codes import CodeError, code_for
    from game.classroom.play import finished_session, result_summary
    from game.classroom.replay import write_replay
    from game.sim.loop import GameSpec

    if args.code:
        found, rc = _setup_from_code(args, "simulate")
        if found is None:
            return rc
        scenario, seed, settings = found
    else:
        if args.scenario is None:
            return _error("simulate", "give a SCENARIO or --code CODE", 2)
        scenario = load(args.scenario)
        if scenario is None:
            return 1
        settings, rc = _settings_from(args, scenario, "simulate")
        if settings is None:
            return rc
        seed = args.seed
    spec = GameSpec(scenario, seed, settings, args.policy)
    if args.runs > 1:
        if args.save_replay:
            return _error("simulate", "--save-replay writes one game: leave out --runs", 2)
        from game.sim.batch import aggregate_runs

        from .progress import Progress

        # Every run is the game one run plays, through the batch engine where the policies allow.
        result = aggregate_runs(spec, range(seed, seed + args.runs), progress=Progress(args.runs, "simulating"))
        result["settings"] = settings.to_dict()
        if args.json:
            print(dump(result))
        else:
            print_aggregate(result)
            print(f"\nsettings: {settings.describe()}")
        return 0
    session = finished_session(spec)
    summary = result_summary(session, args.policy)
    if args.save_replay:
        try:
            path = write_replay(session, args.save_replay)
        except OSError as exc:
            return _error("simulate", f"cannot write the replay {args.save_replay}: {exc.strerror or exc}")
        print(f"wrote the replay {path}", file=sys.stderr)
    if args.json:
        print(dump(summary))
    else:
        print_game(summary)
        try:
            code = code_for(session)
        except CodeError as exc:
            code = f"none ({exc})"
        print(f"\ngame code: {code}    settings: {settings.describe()}")
    return 0


# ------------------------------------------------------------------------------------------------ report


def _graded_against(name: str | None):
    """The teacher's scenario for ``--scenario`` (None: the bundled or own scenario of the games' id)."""
    if name is None:
        return None
    from game.scenario import load_scenario

    return load_scenario(name)


def _scenario_problem(exc) -> str:
    first = exc.problems[0] if getattr(exc, "problems", None) else None
    return f"--scenario: {first}" if first else f"--scenario: {exc}"


def _report_class(args) -> int:
    """``report --class FOLDER_OR_FILES... --out DIR``: the class view, the gradebook and every report.  An
    ``--out`` ending in .html keeps the older form: that page and the gradebook beside it, no reports."""
    from game.classroom.classfolder import ClassFolderError, make_class_folder

    out = Path(args.out or "class-results")
    page = out.suffix.lower() in (".html", ".htm")
    if args.csv and not page:
        return _error("report", "--csv goes with --out PAGE.html; with --out DIR the gradebook is DIR/class.csv", 2)
    try:
        result = _class_page(args, out) if page else make_class_folder(args.class_files, out, args.scenario, args.code)
    except ClassFolderError as exc:
        return _error("report", str(exc))
    lines = result.problem_lines
    if result.ok or len(lines) > 1:
        for line in lines:
            print(f"left out: {line}" if not line.startswith("Not everyone") else line, file=sys.stderr)
    if not result.ok:
        return _error("report", result.error or result.summary)
    print(result.summary)
    return 0


def _class_page(args, out: Path):
    """The older ``--out class.html``: the class view and the gradebook (``--csv``, else beside it)."""
    from game.classroom.classfolder import ClassFolder, ClassFolderError, _scenario_of, expand_inputs
    from game.classroom.classview import ClassViewError, load_class, render_class, write_gradebook
    from game.classroom.report import write_html

    csv_path = Path(args.csv) if args.csv else out.with_suffix(".csv")
    scenario, code = _scenario_of(args.scenario, args.code)
    found = expand_inputs(args.class_files, [out, csv_path])  # this page and CSV, if written into a folder given
    result = ClassFolder(out.parent, len(found.files) + len(found.left_out), problems=found.problems)
    try:
        view = load_class(found.files, scenario, code, found.left_out)
    except ClassViewError as exc:
        result.left_out, result.error = exc.left_out, str(exc)
        return result
    result.graded, result.left_out, result.notes, result.view = len(view.entries), view.left_out, view.notes, view
    try:
        result.page = write_html(render_class(view, csv_name=csv_path.name), out)
        result.csv = write_gradebook(view, csv_path)
    except OSError as exc:
        raise ClassFolderError(f"cannot write {out}: {exc.strerror or exc}") from None
    return result


def cmd_report(args) -> int:
    from game.classroom.replay import ReplayError, read_replay_json, replay_from_data
    from game.classroom.report import write_report
    from game.scenario import ScenarioError

    if bool(args.replay) == bool(args.class_files):
        return _error("report", "give one REPLAY, or --class FILE... for a class view", 2)
    if args.class_files:
        return _report_class(args)
    if args.code:
        return _error("report", "--code chooses the games of a class: it goes with --class", 2)
    from game.classroom.classview import ClassViewError, teachers_scenario

    try:
        data = read_replay_json(Path(args.replay))
        scenario = _graded_against(args.scenario)
        if scenario is None and isinstance(data, dict) and isinstance(data.get("scenario"), str):
            scenario = teachers_scenario(data["scenario"])
        replay = replay_from_data(data, Path(args.replay), scenario)
    except (ReplayError, ClassViewError) as exc:
        return _error("report", str(exc))
    except ScenarioError as exc:
        return _error("report", _scenario_problem(exc))
    out = Path(args.out or Path(args.replay).with_suffix(".html").name)
    try:
        path = write_report(replay, out)
    except OSError as exc:
        return _error("report", f"cannot write {out}: {exc.strerror or exc}")
    print(f"wrote {path}")
    return 0


def cmd_briefing(args, load) -> int:
    from game.classroom.briefing import render_part
    from game.classroom.codes import make_code, setup_for
    from game.classroom.report import write_html

    code, seed = None, args.history_seed
    if args.code:
        found, rc = _setup_from_code(args, "briefing")
        if found is None:
            return rc
        scenario, seed, settings = found
        if args.history_seed not in (None, seed):
            return _error("briefing", f"--seed {args.history_seed} contradicts the code's seed {seed}", 2)
        code = make_code(setup_for(scenario, seed, settings))
    else:
        if args.scenario is None:
            return _error("briefing", "give a SCENARIO or --code CODE", 2)
        scenario = load(args.scenario)
        if scenario is None:
            return 1
        settings, rc = _settings_from(args, scenario, "briefing")
        if settings is None:
            return rc
    suffix = "briefing" if args.part == "all" else args.part
    out = Path(args.out or f"{scenario.id}-{suffix}.html")
    try:
        write_html(render_part(args.part, scenario, settings, code, seed, args.paper), out)
    except OSError as exc:
        return _error("briefing", f"cannot write {out}: {exc.strerror or exc}")
    print(f"wrote {out}")
    return 0


def cmd_code(args, load, dump) -> int:
    """Make a game code (SCENARIO, --seed and settings) or say what one means (CODE)."""
    from game.classroom.codes import CodeError, make_code, new_seed, normalise_code, parse_code, setup_for

    text = args.what
    looks_like_code = text.upper().startswith("FTZ") or (
        len(normalise_code(text)) in (9, 15) and not text.endswith((".yaml", ".yml")) and "_" not in text
    )
    if looks_like_code:
        try:
            setup = parse_code(text)
        except CodeError as exc:
            return _error("code", str(exc))
        scenario_name = setup.scenario or f"a scenario file of your own ({setup.fingerprint})"
        seed, settings = setup.seed, setup.settings
        code = make_code(setup)
    else:
        scenario = load(text)
        if scenario is None:
            return 1
        settings, rc = _settings_from(args, scenario, "code")
        if settings is None:
            return rc
        seed = args.seed if args.seed is not None else new_seed()
        try:
            code = make_code(setup_for(scenario, seed, settings))
        except CodeError as exc:
            return _error("code", str(exc))
        scenario_name = scenario.id
    if args.json:
        print(dump({"code": code, "scenario": scenario_name, "seed": seed, "settings": settings.to_dict()}))
        return 0
    print(code)
    print(f"  scenario  {scenario_name}")
    print(f"  seed      {seed}")
    print(f"  settings  {settings.describe()}")
    return 0


def add_classroom_commands(sub, load, dump, seed_type) -> None:
    """Register ``report``, ``briefing`` and ``code`` on main's subparsers."""
    from game.sim.settings import RIVALS

    p = sub.add_parser("report", help="after-action report of a replay, or a class view of many (HTML)")
    p.add_argument("replay", metavar="REPLAY", nargs="?", default=None, help="a replay (or save) file")
    p.add_argument(
        "--class",
        dest="class_files",
        metavar="FOLDER_OR_FILE",
        nargs="+",
        default=None,
        help="a class's handed-in games: folders (read with their subfolders), files, or patterns such as "
        "'handed-in/*.json' (expanded by the game, also on Windows). Writes the class view, the gradebook and "
        "every student's report into --out DIR; files of another scenario or code, second copies and damaged "
        "files are left out and named",
    )
    p.add_argument(
        "--out",
        metavar="PATH",
        default=None,
        help="the report page (default: REPLAY.html); with --class the results folder (default: class-results): "
        "class.html, class.csv, reports/NAME.html - or a page ending in .html for the class view and its CSV only",
    )
    p.add_argument("--csv", metavar="CSV", default=None, help="with --class and --out PAGE.html: the gradebook's path")
    p.add_argument(
        "--code",
        metavar="CODE",
        default=None,
        help="with --class: grade the games of this game code (default: the class's most common; others are left out)",
    )
    p.add_argument(
        "--scenario",
        metavar="SCENARIO",
        default=None,
        help="grade against this scenario file or bundled name (default: the bundled or your own scenario of the "
        "games' id; a path inside a student's file is never followed)",
    )
    p.set_defaults(run=cmd_report)

    p = sub.add_parser("briefing", help="printable handouts: student sheet, dossier pack, decision memo, reflection")
    p.add_argument("scenario", metavar="SCENARIO", nargs="?", default=None, help="a scenario file or bundled name")
    p.add_argument("--code", metavar="CODE", default=None, help="the game code to print on it (gives the scenario)")
    p.add_argument(
        "--part",
        choices=BRIEFING_PARTS,
        default="all",
        help="sheet: the two-page student sheet; dossiers: the dossier pack; memo: a decision memo page per week; "
        "reflection: prompts for after the game; all (default): the sheet and the dossier pack",
    )
    p.add_argument("--paper", choices=BRIEFING_PAPERS, default="a4", help="the paper it is laid out for (default: a4)")
    p.add_argument(
        "--seed",
        dest="history_seed",  # not "seed": the code check of simulate reads args.seed with simulate's default
        type=seed_type,
        default=None,
        help="without --code: the luck of history's weeks before the takeover (default: one fixed run)",
    )
    p.add_argument(
        "--out",
        metavar="HTML",
        default=None,
        help="the page to write (default: SCENARIO-briefing.html, SCENARIO-PART.html)",
    )
    add_settings_options(p)
    p.set_defaults(run=lambda args: cmd_briefing(args, load))

    p = sub.add_parser("code", help="make a game code for a scenario, seed and settings, or read one")
    p.add_argument("what", metavar="SCENARIO|CODE", help="a scenario to make a code for, or a code to read")
    p.add_argument("--seed", type=seed_type, default=None, help="the seed (default: a random one)")
    p.add_argument(
        "--rival",
        default="historical",
        choices=RIVALS,
        metavar="RIVAL",
        help="the rival's policy (overrides the difficulty's)",
    )
    add_settings_options(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=lambda args: cmd_code(args, load, dump))
