"""The class view: many students' games of one scenario on one page, and a CSV for the gradebook.

    view = load_class(paths, scenario=None, code=None)   # ClassView: entries, left_out (each with its reason)
    view = grade_class([(path, json), ...], scenario)     # the same, from games already read (the class server)
    render_class(view, report_links=...), class_csv(view), write_gradebook(view, path)

The folder workflow (``report --class FOLDER --out DIR``: globs, folders, one report per student) is
``game.classroom.classfolder``; this module reads a list of files.

The files are replays (or saves) and ``simulate --json`` result files, mixed freely; every one is a file from
someone else.  A replay is replayed through the engine against the scenario the teacher chose (``--scenario``,
else the bundled or the teacher's own scenario of that id) - never a scenario named by a path inside the file -
so its result and its orders are recomputed, not trusted, and a replay made with another version of the
scenario (another content digest) is left out.  A result file has no orders to check: it is shown apart as
unverified and never ranked.  A file that cannot be read is left out with a one-line reason, shown on the page,
given a row of the gradebook and returned to the caller.  Files whose scores do not compare are left out the same
way, by name: another scenario, another game code (the one the teacher gave, else the class's most common one),
and a second copy of a game already counted (the same file twice, or the same player's same game twice).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.engine import KIND_LABELS, Kind, RungKind
from game.engine.outcome import SHOWN_DECIMALS
from game.files import OneLineError, atomic_write, user_scenario_files
from game.scenario import Scenario, ScenarioError, load_scenario
from game.scenario.loader import bundled_scenarios
from game.session import MAX_SEED, SAVE_FORMAT, Session
from game.sim.settings import MAX_TURNS, Settings, SettingsError

from . import charts as svg_charts
from .html import esc, figure, page
from .play import history_session, result_summary
from .questions import contacted, orders_of
from .replay import ReplayError, read_replay_json, replay_from_data
from .report import who_won
from .words import made, made_heading, open_rungs, rung_open, signed

RESULT_KEYS = {"scenario", "seed", "outcome", "score", "countries"}


class ClassViewError(OneLineError):
    """The class view cannot be made at all (no readable game, several scenarios); one line.  ``left_out``: the
    files read and refused on the way, each with its reason (the teacher's screen lists them)."""

    def __init__(self, message: str = "", left_out: list[LeftOut] | None = None):
        super().__init__(message)
        self.left_out = list(left_out or [])


# Why a file is left out: the gradebook's flag for each.
UNREADABLE = "unreadable"
OTHER_SCENARIO = "other scenario"
OTHER_VERSION = "other version of the scenario"
OTHER_CODE = "other code"
DUPLICATE = "duplicate"
NOT_READ = "not read"


@dataclass
class Side:
    """One person's side of a game: the side's name in the scenario ("Washington") and the player's."""

    actor: str
    name: str


@dataclass
class Entry:
    """One student's game."""

    path: Path
    name: str
    scenario: str
    seed: int | None
    code: str | None
    settings: dict | None
    score: float
    outcome: str
    finished: bool
    weeks_played: int  # weeks the students played: history's weeks before they took over are not counted
    countries: dict  # code -> {alignment_end, un_vote, sanctions, arms, energy_help}
    digest: str | None = None
    session: Session | None = None  # None for a result file
    history_score: float | None = None
    rank: int | None = None
    class_name: str = ""
    sides: list[Side] = field(default_factory=list)  # the people who played, scored side first
    orders_given: int | None = None  # the scored side's orders in the weeks it played (None: a result file)
    capitals_reached: int | None = None
    talks_with_rival: int | None = None  # None too when the scenario keeps no channel to the rival
    staff_used: int | None = None  # orders the scored side took from "Ask your staff"
    rival_staff_used: int | None = None  # the same for the rival's player, in a two-sided game
    winner: str | None = None  # a two-sided game's winning side ("Washington"), by the scenario's tiers
    content_key: str = ""

    @property
    def has_orders(self) -> bool:
        return self.session is not None

    @property
    def verified(self) -> bool:
        """Recomputed from its orders (a replay), not taken on trust (a result file)."""
        return self.session is not None

    @property
    def two_sided(self) -> bool:
        return len(self.sides) > 1

    @property
    def player_name(self) -> str:
        """The scored side's player (the one name of a one-sided game)."""
        return self.sides[0].name if self.sides else self.name

    @property
    def rival_name(self) -> str:
        return self.sides[1].name if self.two_sided else ""

    @property
    def flags(self) -> list[str]:
        out = []
        if not self.verified:
            out.append("unverified result")
        if not self.finished:
            out.append("unfinished")
        return out


@dataclass
class LeftOut:
    """A file handed in that is not graded: ``message`` is one line naming the file and the reason; ``flag`` the
    gradebook's short word for it; ``entry`` the game read from it, when it could be read (a duplicate, a game
    of another code), so that its row of the gradebook still shows what it holds."""

    path: Path
    message: str
    flag: str
    entry: Entry | None = None
    claimed_name: str = ""  # the name written in the file, when a readable file was refused before grading
    claimed_class: str = ""
    claimed_code: str = ""

    @property
    def reason(self) -> str:
        """The message without the file's path in front (the gradebook has the file in its own column)."""
        prefix = f"{self.path}: "
        return self.message[len(prefix) :] if self.message.startswith(prefix) else self.message


@dataclass
class ClassView:
    scenario: Scenario
    entries: list[Entry]
    left_out: list[LeftOut] = field(default_factory=list)
    code: str | None = None  # the game code graded (None: games with no code)
    notes: list[str] = field(default_factory=list)  # what the teacher should know about the choice made

    @property
    def problems(self) -> list[str]:
        """The files left out, one line each (the file and the reason)."""
        return [lo.message for lo in self.left_out]

    @property
    def ranked(self) -> list[Entry]:
        """The finished games whose results were recomputed from their orders."""
        return [e for e in self.entries if e.finished and e.verified]

    @property
    def unverified(self) -> list[Entry]:
        """Result files: a score someone wrote down, shown apart and never ranked."""
        return [e for e in self.entries if not e.verified]


# ---------------------------------------------------------------------------------------------- loading


def _winner(session: Session) -> str | None:
    """The side that won a two-sided game, by the scenario's own scoring (``report.who_won``)."""
    if not session.two_sided:
        return None
    return session.rules.labels.actors[who_won(session)[0]]


def _entry_from_session(path: Path, session: Session, data: dict) -> Entry:
    summary = result_summary(session)
    rules = session.rules
    sides = [Side(rules.labels.actors[a], session.names.get(a, "")) for a in session.humans]
    names = [side.name for side in sides if side.name]
    player = session.player
    orders = list(orders_of(session, player))
    return Entry(
        path=path,
        name=" / ".join(names) or path.stem,
        scenario=session.scenario.id,
        seed=session.seed,
        code=summary["code"],
        settings=session.settings.to_dict(),
        score=float(summary["score"]),
        outcome=summary["outcome"],
        finished=session.is_over,
        weeks_played=sum(1 for w in session.weeks if not w.prelude),
        countries=summary["countries"],
        digest=data.get("scenario_digest"),
        session=session,
        class_name=session.class_name,
        sides=[Side(s.actor, s.name or path.stem) for s in sides],
        orders_given=len(orders),
        capitals_reached=len(contacted(session, player)),
        talks_with_rival=sum(1 for o in orders if o.kind == Kind.ENGAGE) if rules.can_engage[player] else None,
        staff_used=session.staff_used.get(player, 0),
        rival_staff_used=session.staff_used.get(session.rival, 0) if session.two_sided else None,
        winner=_winner(session),
    )


class CountryResult(BaseModel):
    """One country's line of a ``simulate --json`` result: its end alignment and its commitments."""

    model_config = ConfigDict(extra="allow")

    alignment_end: float = Field(ge=-100.0, le=100.0, allow_inf_nan=False)


class ResultFile(BaseModel):
    """A ``simulate --json`` result file, as the class view takes it: every field typed and in range (the
    score is still someone's say-so: it is shown apart as unverified, never ranked)."""

    model_config = ConfigDict(extra="ignore")

    scenario: str = Field(min_length=1, max_length=100)
    seed: int = Field(ge=0, le=MAX_SEED, strict=True)
    outcome: str = Field(max_length=100)
    score: float = Field(ge=0.0, le=100.0, allow_inf_nan=False)
    countries: dict[str, CountryResult]
    name: str | None = Field(default=None, max_length=200)
    players: dict[str, str] = Field(default_factory=dict, max_length=10)
    code: str | None = Field(default=None, max_length=40)
    settings: dict | None = None
    finished: bool = True
    weeks_played: int | None = Field(default=None, ge=0, le=MAX_TURNS)
    weeks: int | None = Field(default=None, ge=0, le=MAX_TURNS)


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "the file"
    return f"{where}: {error['msg']}"


def _entry_from_result(path: Path, data: dict, scenario: Scenario) -> Entry:
    if "runs" in data and "score_mean" in data:
        raise ReplayError(f"{path}: an aggregate of {data.get('runs')} games, not one game's result")
    missing = sorted(RESULT_KEYS - set(data))
    if missing:
        raise ReplayError(f"{path}: not a replay or a result file (no '{missing[0]}')")
    try:
        result = ResultFile.model_validate(data)
    except ValidationError as exc:
        raise ReplayError(f"{path}: malformed result ({_first_error(exc)})") from None
    if set(result.countries) != set(scenario.rules.countries):
        raise ReplayError(f"{path}: its countries are not those of scenario '{scenario.id}'")
    name = result.name or " / ".join(result.players.values()) or path.stem
    n_turns = scenario.rules.n_turns
    weeks = result.weeks_played if result.weeks_played is not None else result.weeks
    weeks = n_turns if weeks is None else min(weeks, n_turns)
    # A result file counts the weeks history played before the students took over; they did not play them.
    turns = (result.settings or {}).get("turns")
    if isinstance(turns, int) and not isinstance(turns, bool) and 0 < turns < n_turns:
        weeks = max(0, weeks - (n_turns - turns))
    return Entry(
        path=path,
        name=name[:80],
        scenario=result.scenario,
        seed=result.seed,
        code=result.code,
        settings=result.settings,
        score=result.score,
        outcome=result.outcome,
        finished=result.finished,
        weeks_played=weeks,
        countries={code: c.model_dump() for code, c in result.countries.items()},
        sides=[Side(actor[:40], who[:80]) for actor, who in result.players.items()] or [Side("", name[:80])],
    )


def _claimed(data: dict) -> tuple[str, str, str]:
    """(name, class, code) a file says it holds, for the gradebook's row of a file refused before grading: only
    strings, cut short (the text is shown, never trusted)."""
    players = data.get("players")
    names = [v for v in players.values() if isinstance(v, str)] if isinstance(players, dict) else []
    if isinstance(data.get("name"), str):
        names = [data["name"]]
    klass = data.get("class") if isinstance(data.get("class"), str) else ""
    result = data.get("result")
    code = data.get("code") if isinstance(data.get("code"), str) else ""
    if not code and isinstance(result, dict) and isinstance(result.get("code"), str):
        code = result["code"]
    return " / ".join(names)[:80], klass[:80], code[:40]


def _content_key(data) -> str:
    """The same game handed in twice as two files: the same JSON, whatever its spacing or key order."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _copy_order(path: Path) -> tuple:
    # Of two copies, keep the plain name: "ben.json" over "ben (1).json" or "Copy of ben.json".
    return (len(path.name), path.name.lower(), str(path))


def load_class(
    paths: list[str | os.PathLike],
    scenario: Scenario | None = None,
    code: str | None = None,
    left_out: list[LeftOut] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ClassView:
    """Read every file; the games graded are those of one scenario and one game code (``code``, else the
    class's most common), each game once.  Every other file is left out with its reason (``view.left_out``);
    ``left_out`` passes in the files refused before reading (a folder's links, say); ``progress(what, done,
    total)`` hears of each game replayed (a window keeps drawing).  Raises ClassViewError when no game can be
    graded."""
    refused: list[LeftOut] = list(left_out or [])
    read: list[tuple[Path, object]] = []
    for p in paths:
        path = Path(p)
        try:
            read.append((path, read_replay_json(path, "replay or result")))
        except ReplayError as exc:
            refused.append(LeftOut(path, str(exc), UNREADABLE))
    return grade_class(read, scenario, code, refused, progress)


def grade_class(
    games: list[tuple[Path, object]],
    scenario: Scenario | None = None,
    code: str | None = None,
    left_out: list[LeftOut] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ClassView:
    """``load_class`` of games already read: (file, its JSON) each, as from a folder or from memory (the class
    server's replays, each named by the file it would be); the same grading, the same reasons."""
    refused: list[LeftOut] = list(left_out or [])
    raw: list[tuple[Path, dict]] = []
    seen: dict[str, Path] = {}
    for path, data in games:
        if not isinstance(data, dict):
            refused.append(LeftOut(path, f"{path}: not a replay or a result file", UNREADABLE))
            continue
        raw.append((path, data))
    # The same bytes twice: keep one copy (its plain name), before paying for a replay of each.
    raw.sort(key=lambda item: _copy_order(item[0]))
    unique: list[tuple[Path, dict, str]] = []
    for path, data in raw:
        key = _content_key(data)
        if key in seen:
            message = f"{path}: the same file as {seen[key].name} (counted once)"
            refused.append(LeftOut(path, message, DUPLICATE, None, *_claimed(data)))
            continue
        seen[key] = path
        unique.append((path, data, key))
    named = []
    for path, data, key in unique:
        sid = data.get("scenario")
        if isinstance(sid, str) and 0 < len(sid) <= 100:
            named.append((path, data, key, sid))
        else:
            message = f"{path}: not a replay or a result file (no scenario id)"
            refused.append(LeftOut(path, message, UNREADABLE, None, *_claimed(data)))
    if not named:
        detail = f": {refused[0].message}" if refused else ""
        raise ClassViewError(f"no game could be read ({len(refused)} files left out){detail}", refused)
    if scenario is None:
        ranked_ids = Counter(sid for *_, sid in named).most_common()
        if len(ranked_ids) > 1 and ranked_ids[0][1] == ranked_ids[1][1]:
            (a, n), (b, _) = ranked_ids[:2]
            raise ClassViewError(
                f"as many games of scenario '{a}' as of '{b}' ({n} files each): say which with --scenario", refused
            )
        try:
            scenario = teachers_scenario(ranked_ids[0][0])
        except ClassViewError as exc:
            raise ClassViewError(str(exc), refused) from None
    scenario_id = scenario.id
    if not any(sid == scenario_id for *_, sid in named):
        raise ClassViewError(
            f"none of the files is a game of scenario '{scenario_id}' ({len(refused) + len(named)} left out)", refused
        )
    entries = []
    for done, (path, data, key, sid) in enumerate(named, 1):
        if progress is not None:
            progress("replaying the games", done, len(named))
        if sid != scenario_id:
            message = f"{path}: a game of scenario '{sid}', not '{scenario_id}' (make a class view of its own)"
            refused.append(LeftOut(path, message, OTHER_SCENARIO, None, *_claimed(data)))
            continue
        try:
            if data.get("format") == SAVE_FORMAT:
                replay = replay_from_data(data, path, scenario)
                entry = _entry_from_session(path, replay.session, data)
            else:
                entry = _entry_from_result(path, data, scenario)
        except ReplayError as exc:
            flag = OTHER_VERSION if "made with another version" in str(exc) else UNREADABLE
            refused.append(LeftOut(path, str(exc), flag, None, *_claimed(data)))
            continue
        entry.content_key = key
        entries.append(entry)
    if not entries:
        first = refused[0].message if refused else "no file"
        raise ClassViewError(f"no game could be read ({len(refused)} files left out): {first}", refused)
    kept_code, notes = _one_code(entries, code)
    for e in [e for e in entries if e.code != kept_code]:
        wanted = kept_code or "no code"
        why = "the code given" if code else "the class's code"
        message = f"{e.path}: a game of code {e.code or 'none'}, not {wanted} ({why}); its score does not compare"
        refused.append(LeftOut(e.path, message, OTHER_CODE, e))
    entries = [e for e in entries if e.code == kept_code]
    entries, copies = _drop_second_copies(entries)
    refused += copies
    if not entries:
        raise ClassViewError(f"no game of code {kept_code} among these files ({len(refused)} left out)", refused)
    _add_history(scenario, entries)
    _rank(entries)
    order = {UNREADABLE: 0, NOT_READ: 1, OTHER_SCENARIO: 2, OTHER_VERSION: 3, OTHER_CODE: 4, DUPLICATE: 5}
    refused.sort(key=lambda lo: (order.get(lo.flag, 9), str(lo.path)))
    return ClassView(scenario, entries, refused, kept_code, notes)


def _one_code(entries: list[Entry], code: str | None) -> tuple[str | None, list[str]]:
    """The game code graded: the one given (in its canonical form), else the most common one among the games
    (the replays' recomputed codes count before result files' claims), with a note when the class is mixed."""
    if code is not None:
        return code, []
    counts = Counter(e.code for e in entries)
    if len(counts) == 1:
        return next(iter(counts)), []
    verified = Counter(e.code for e in entries if e.verified)
    ranked = sorted(counts, key=lambda c: (-counts[c], -verified[c], c or ""))
    kept = ranked[0]
    others = ", ".join(f"{c or 'no code'} ({counts[c]})" for c in ranked[1:])
    tie = (
        " - as many games as another code: give the code to grade the other"
        if counts[ranked[1]] == counts[kept]
        else ""
    )
    note = (
        f"Not everyone played the same game: {counts[kept]} games of code {kept or 'none'} are graded; "
        f"left out: {others}{tie}."
    )
    return kept, [note]


def _player_key(entry: Entry) -> tuple | None:
    names = tuple(" ".join(side.name.split()).casefold() for side in entry.sides if side.name)
    # Only names written in the game count: a file's own name says nothing about who played it.
    if not entry.verified or not names or entry.session is None or not entry.session.names:
        return None
    return (entry.code, entry.seed, names)


def _drop_second_copies(entries: list[Entry]) -> tuple[list[Entry], list[LeftOut]]:
    """One game per player: of the same player's games of the same code, the finished one, else the one played
    furthest (then the plainer file name); the others are left out, naming the one kept."""
    groups: dict[tuple, list[Entry]] = {}
    for e in entries:
        key = _player_key(e)
        if key is not None:
            groups.setdefault(key, []).append(e)
    dropped: list[LeftOut] = []
    gone: set[int] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        group.sort(key=lambda e: (not e.finished, -e.weeks_played, *_copy_order(e.path)))
        kept = group[0]
        for e in group[1:]:
            why = (
                "that one is finished"
                if kept.finished and not e.finished
                else "that one was played further"
                if kept.weeks_played > e.weeks_played
                else "the plainer file name"
            )
            message = f"{e.path}: {kept.name}'s game handed in again (kept {kept.path.name}: {why})"
            dropped.append(LeftOut(e.path, message, DUPLICATE, e))
            gone.add(id(e))
    return [e for e in entries if id(e) not in gone], dropped


def teachers_scenario(scenario_id: str) -> Scenario:
    """The scenario a class is graded against when the teacher names none: the bundled scenario of that id,
    else one of the teacher's own scenario files with that id.  A path inside a student's file is never
    followed: one shared replay must not swap the scenario everyone is graded against."""
    last = None
    # The files named after the id first (a file of one's own may have any name), bundled before one's own.
    files = sorted(bundled_scenarios() + user_scenario_files(), key=lambda path: path.stem != scenario_id)
    for path in files:
        try:
            found = load_scenario(path)
        except ScenarioError as exc:
            last = exc if path.stem == scenario_id else last
            continue
        if found.id == scenario_id:
            return found
    reason = f" ({last.problems[0].message})" if last and last.problems else ""
    raise ClassViewError(f"scenario '{scenario_id}' of these games is not here{reason}: give it with --scenario FILE")


def _add_history(scenario: Scenario, entries: list[Entry]) -> None:
    """The historical playbook's score with each game's seed and settings (played once per setup)."""
    cache: dict[tuple, float] = {}
    for e in entries:
        game = e.session
        if game is None:
            try:
                settings = Settings.from_dict(e.settings) if e.settings else Settings(rival="historical")
                game = Session(scenario, e.seed or 0, settings=settings.replace(two_sided=False), play_prelude=False)
            except (SettingsError, ValueError):
                continue  # a result file with settings this game cannot read: no yardstick for it
        key = (e.seed, tuple(sorted(game.settings.to_dict().items())), game.rival_policy)
        if key not in cache:
            cache[key] = float(result_summary(history_session(game), "historical")["score"])
        e.history_score = cache[key]


def _rank(entries: list[Entry]) -> None:
    entries.sort(key=lambda e: (not e.verified, not e.finished, -e.score, e.name.lower(), str(e.path)))
    rank = 0
    previous = None
    for i, e in enumerate(entries):
        if not (e.finished and e.verified):
            e.rank = None
            continue
        if previous is None or e.score != previous:
            rank = i + 1
        e.rank = rank
        previous = e.score


# ------------------------------------------------------------------------------------------- strategies


def _orders(entry: Entry):
    s = entry.session
    for week in s.weeks:
        if week.prelude:
            continue
        for sheet in week.sheets:
            if sheet.actor == s.player:
                yield from sheet.orders


def _shares(entries: list[Entry], key) -> dict[str, float]:
    """Mean over games of each label's share of the game's orders (each game counts the same)."""
    totals: Counter = Counter()
    n = 0
    for e in entries:
        counts: Counter = Counter()
        for order in _orders(e):
            for label in key(e.session, order):
                counts[label] += 1
        total = sum(counts.values())
        if total:
            n += 1
            for label, c in counts.items():
                totals[label] += c / total
    return {label: v / n for label, v in totals.items()} if n else {}


def _by_kind(session: Session, order):
    return [KIND_LABELS[order.kind]]


def _by_topic(session: Session, order):
    return [session.rules.labels.topics[order.topic]]


def _by_country(session: Session, order):
    labels = session.rules.labels
    if order.kind == Kind.MULTILATERAL:
        return [f"{labels.groups[order.group]} (group)"]
    if order.kind == Kind.ENGAGE:
        return [f"talks with {labels.actors[session.rival]}"]
    return [labels.countries[c] for c in order.targets]


def strategy_table(view: ClassView) -> dict | None:
    """Top half against bottom half of the finished games with replays: shares of orders by kind, topic and
    country, and a few habits.  None when there are fewer than four such games."""
    games = [e for e in view.ranked if e.has_orders]
    if len(games) < 4:
        return None
    games.sort(key=lambda e: -e.score)
    half = len(games) // 2
    top, bottom = games[:half], games[-half:]

    def habits(group: list[Entry]) -> dict[str, float]:
        out = {"orders a week": [], "capitals reached": [], "talks with the rival": []}
        for e in group:
            played = [w for w in e.session.weeks if not w.prelude] or [None]
            orders = list(_orders(e))
            out["orders a week"].append(len(orders) / len(played))
            reached = {
                c.country
                for w in e.session.weeks
                if not w.prelude
                for c in w.record.contacts
                if c.actor == e.session.player
            }
            out["capitals reached"].append(len(reached))
            out["talks with the rival"].append(sum(1 for o in orders if o.kind == Kind.ENGAGE))
        return {k: float(np.mean(v)) for k, v in out.items()}

    return {
        "top": top,
        "bottom": bottom,
        "kind": (_shares(top, _by_kind), _shares(bottom, _by_kind)),
        "topic": (_shares(top, _by_topic), _shares(bottom, _by_topic)),
        "country": (_shares(top, _by_country), _shares(bottom, _by_country)),
        "habits": (habits(top), habits(bottom)),
    }


# ------------------------------------------------------------------------------------------------- CSV


def _slug(text: str) -> str:
    # A column heading from a scenario's name for a side: letters and digits only, so it can never start a formula.
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:30] or "rival"


def csv_fields(scenario: Scenario) -> tuple[str, ...]:
    """The gradebook's columns: who and which file, whether it was graded (else why not), the result, what the
    student did (weeks played, orders, capitals, talks with the rival, the staff's advice taken), then per rung
    the countries that made its best commitment (``sanctions``; a vote's ``un_vote_yes``).  The columns named
    after the rival read ``moscow_player``, ``talks_with_moscow`` in a crisis against Moscow."""
    rules = scenario.rules
    ladder = rules.ladder
    rival = _slug(rules.labels.actors[scenario.rival])
    return (
        "rank",
        "name",
        f"{rival}_player",
        "class",
        "file",
        "status",
        "reason",
        "flags",
        "scenario",
        "code",
        "seed",
        "score",
        "tier",
        "winner",
        "history_score",
        "vs_history",
        "finished",
        "verified",
        "weeks_played",
        "orders_given",
        "capitals_reached",
        f"talks_with_{rival}",
        "staff_advice_used",
        f"{rival}_staff_advice_used",
    ) + tuple(
        f"{rung}_{ladder.options[r][-1]}" if ladder.kinds[r] == RungKind.VOTE else rung
        for r, rung in enumerate(ladder.rungs)
    )


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A cell a spreadsheet shows as text, never runs: text from a student's file (a name, a file name) that
    begins like a formula gets a leading apostrophe; numbers stay numbers.  A number is a plain decimal: "-1e3"
    or "+inf" would be numbers to Python but are text (and maybe a formula) to a spreadsheet."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


_PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def _blank(value) -> str | int:
    return "" if value is None else value


def _entry_cells(view: ClassView, e: Entry, status: str, reason: str, flags: list[str]) -> list:
    rules = view.scenario.rules
    c = e.countries.values()
    # Scores as the reports show them, to one decimal: the outcome is read off that number (tier_index), so a
    # gradebook saying 55.96 next to a tier that starts at 56 would disagree with itself.
    shown = round(e.score, SHOWN_DECIMALS)
    history = None if e.history_score is None else round(e.history_score, SHOWN_DECIMALS)
    vs = None if history is None else shown - history
    return [
        e.rank if e.rank is not None else "",
        e.player_name,
        e.rival_name,
        e.class_name,
        e.path.name,
        status,
        reason,
        "; ".join(flags),
        e.scenario,
        e.code or "",
        _blank(e.seed),
        f"{shown:.1f}",
        e.outcome,
        e.winner or "",
        "" if history is None else f"{history:.1f}",
        "" if vs is None else f"{vs:+.1f}",
        "yes" if e.finished else "no",
        "yes" if e.verified else "no: a result file, not checked",
        e.weeks_played,
        _blank(e.orders_given),
        _blank(e.capitals_reached),
        _blank(e.talks_with_rival),
        _blank(e.staff_used),
        _blank(e.rival_staff_used),
        *(sum(1 for x in c if made(rules, rung, x.get(rung))) for rung in rules.ladder.rungs),
    ]


def class_csv(view: ClassView) -> str:
    """The gradebook: one row per file handed in - the graded games by rank, then every file left out, with its
    reason (a left-out game that could be read still shows what it holds)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    fields = csv_fields(view.scenario)
    writer.writerow(fields)
    for e in view.entries:
        writer.writerow([csv_cell(cell) for cell in _entry_cells(view, e, "graded", "", e.flags)])
    for lo in view.left_out:
        if lo.entry is not None:
            e = lo.entry
            cells = _entry_cells(view, e, "left out", lo.reason, [lo.flag, *e.flags])
        else:
            cells = [""] * len(fields)
            cells[1], cells[3], cells[4], cells[5] = lo.claimed_name, lo.claimed_class, lo.path.name, "left out"
            cells[6], cells[7], cells[9] = lo.reason, lo.flag, lo.claimed_code
        writer.writerow([csv_cell(cell) for cell in cells])
    return buffer.getvalue()


def write_gradebook(view: ClassView, path: str | os.PathLike) -> Path:
    """Write the gradebook atomically, as UTF-8 with a byte-order mark: without it Excel reads the file in the
    computer's local code page and shows "Chloé" as "ChloÃ©"."""
    return atomic_write(path, class_csv(view).encode("utf-8-sig"))


# ------------------------------------------------------------------------------------------------ HTML


def _bar(value: float, scale: float, low: bool = False) -> str:
    width = max(1, round(90 * value / scale)) if scale > 0 else 1
    return f'<span class="bar{" low" if low else ""}" style="width:{width}px"></span>'


def _share_rows(top: dict[str, float], bottom: dict[str, float], limit: int | None = None) -> str:
    # Ties keep the tables' own order: a set of strings would order them differently in every process.
    labels = sorted(dict.fromkeys([*top, *bottom]), key=lambda k: -abs(top.get(k, 0) - bottom.get(k, 0)))
    if limit:
        labels = labels[:limit]
    labels.sort(key=lambda k: -(top.get(k, 0) + bottom.get(k, 0)))
    scale = max([*top.values(), *bottom.values(), 0.01])
    rows = []
    for k in labels:
        a, b = top.get(k, 0.0), bottom.get(k, 0.0)
        rows.append(
            f'<tr><td>{esc(k)}</td><td class="num">{a:.0%}</td><td>{_bar(a, scale)}</td>'
            f'<td class="num">{b:.0%}</td><td>{_bar(b, scale, True)}</td>'
            f'<td class="num">{signed(100 * (a - b), 0)} pts</td></tr>'
        )
    return "".join(rows)


def _who(e: Entry, link: str | None) -> str:
    """A game's players for the ranking: a two-sided game names both, each with the side it played, and who won;
    with ``link``, the name opens the student's report."""
    if e.two_sided:
        text = " vs ".join(f'{esc(s.name)} <span class="small">({esc(s.actor)})</span>' for s in e.sides)
    else:
        text = esc(e.name)
    if link:
        text = f'<a href="{esc(quote(link))}">{text}</a>'
    if e.winner:
        text += f' <span class="tag">{esc(e.winner)} won</span>'
    return text


def render_class(
    view: ClassView, charts=None, csv_name: str | None = None, report_links: dict[Path, str] | None = None
) -> str:
    """The class page.  ``report_links``: each game's report, by its file, as a path relative to the page."""
    charts = charts or svg_charts
    links = report_links or {}
    sc = view.scenario
    rules = sc.rules
    doc = sc.doc
    ranked = view.ranked
    body: list[str] = [f'<div class="kicker">Class view · {esc(doc.title)}</div>']
    n, n_done = len(view.entries), sum(1 for e in view.entries if e.finished)
    body.append(f"<h1>{n} games{'' if n == n_done else f', {n_done} finished'}</h1>")
    handed_in = n + len(view.left_out)
    classes = sorted({e.class_name for e in view.entries if e.class_name})[:4]
    body.append(
        f'<p class="meta">Game code <span class="code">{esc(view.code or "none")}</span> · {handed_in} files handed '
        f"in, {n} graded, {len(view.left_out)} left out"
        + (f" · class {esc(', '.join(classes))}" if classes else "")
        + (f" · csv for the gradebook: {esc(csv_name)}" if csv_name else "")
        + "</p>"
    )
    for note in view.notes:
        body.append(f'<div class="box warn">{esc(note)}</div>')
    if view.left_out:
        items = "".join(
            f'<li><b>{esc(lo.path.name)}</b> <span class="tag">{esc(lo.flag)}</span> {esc(lo.reason)}</li>'
            for lo in view.left_out
        )
        body.append(
            f'<div class="box warn"><b>Files left out ({len(view.left_out)})</b> - each is in the gradebook with '
            f"its reason<ul>{items}</ul></div>"
        )

    counted = ranked or [e for e in view.entries if e.verified] or view.entries
    scores = np.array([e.score for e in counted])
    hist_scores = [e.history_score for e in view.entries if e.history_score is not None]
    hist_main = float(np.median(hist_scores)) if hist_scores else None
    beat = sum(1 for e in ranked if e.history_score is not None and e.score > e.history_score + 0.05)
    body.append('<div class="cards">')
    body.append(
        f'<div class="card"><div class="label">Median score</div><div class="big">{np.median(scores):.1f}</div>'
        f'<div class="note">from {scores.min():.1f} to {scores.max():.1f}</div></div>'
    )
    if hist_main is not None:
        body.append(
            f'<div class="card"><div class="label">Historical playbook</div><div class="big">{hist_main:.1f}</div>'
            f'<div class="note">{beat} of {len(ranked)} finished games did better on the same dice</div></div>'
        )
    tiers = Counter(e.outcome for e in ranked)
    tier_text = "<br>".join(f"{esc(name)}: {tiers.get(name, 0)}" for name, _ in rules.tiers)
    body.append(f'<div class="card"><div class="label">Outcomes</div><div class="note">{tier_text}</div></div>')
    body.append("</div>")

    marks = [(float(np.median(scores)), "class median")]
    if hist_main is not None:
        marks.append((hist_main, "historical playbook"))
    body.append("<h2>The spread of results</h2>")
    body.append(
        figure(
            charts.histogram(scores, marks, rules.tiers),
            "How many games ended with each score (bins of 2.5 points). Dashed: where each outcome begins.",
        )
    )

    # --------------------------------------------------------------------------------------- ranked table
    body.append("<h2>Ranking</h2>")
    rungs = [r for r, _, _ in open_rungs(sc)]
    heads = {r: esc(made_heading(rules, r)) for r in rungs}
    body.append(
        '<table><thead><tr><th class="num">#</th><th>Player</th><th class="num">Score</th><th>Outcome</th>'
        '<th class="num">vs history</th>'
        + "".join(f'<th class="num">{heads[r]}</th>' for r in rungs)
        + "<th>File</th></tr></thead><tbody>"
    )
    for e in [e for e in view.entries if e.verified]:
        c = list(e.countries.values())
        counts = {r: sum(1 for x in c if made(rules, r, x.get(r))) for r in rungs}
        vs = "" if e.history_score is None else signed(e.score - e.history_score, 1)
        rank = str(e.rank) if e.rank is not None else f'<span class="small">{e.weeks_played} wk played</span>'
        note = "" if e.finished else ' <span class="tag">unfinished</span>'
        staff = f' <span class="tag">staff advice ×{e.staff_used}</span>' if e.staff_used else ""
        body.append(
            # A name with no space (a pasted link, say) may break anywhere rather than push the table off the page.
            f'<tr><td class="num">{rank}</td><td style="overflow-wrap:anywhere">{_who(e, links.get(e.path))}{note}'
            f"{staff}</td>"
            f'<td class="num"><b>{e.score:.1f}</b></td><td>{esc(e.outcome)}</td><td class="num">{vs}</td>'
            + "".join(f'<td class="num">{counts[r]}</td>' for r in rungs)
            + f'<td class="small">{esc(e.path.name)}</td></tr>'
        )
    body.append("</tbody></table>")
    if view.unverified:
        body.append("<h3>Unverified results</h3>")
        body.append(
            '<p class="small">These are result files, not replays: they hold a score but no orders, so the game '
            "could not check them by playing them again. They are not ranked; ask for the replay.</p>"
        )
        body.append(
            '<table><thead><tr><th>Player</th><th class="num">Score (not checked)</th><th>Outcome</th>'
            "<th>File</th></tr></thead><tbody>"
        )
        for e in view.unverified:
            body.append(
                f'<tr><td>{esc(e.name)} <span class="tag">unverified</span></td><td class="num">{e.score:.1f}</td>'
                f'<td>{esc(e.outcome)}</td><td class="small">{esc(e.path.name)}</td></tr>'
            )
        body.append("</tbody></table>")

    # ---------------------------------------------------------------------------------------- strategies
    body.append("<h2>Which strategies went with good results</h2>")
    table = strategy_table(view)
    if table is None:
        body.append(
            '<p class="small">This needs at least four finished games with replays (result files hold no orders).</p>'
        )
    else:
        top, bottom = table["top"], table["bottom"]
        body.append(
            f'<p class="small">The top {len(top)} games (scores {min(e.score for e in top):.1f} and up) against the '
            f"bottom {len(bottom)} (up to {max(e.score for e in bottom):.1f}): each game's share of its orders, "
            "averaged over the games; the last column is the difference in percentage points. These go together "
            "with good results; they do not prove what caused them.</p>"
        )
        head = (
            '<table><thead><tr><th>{}</th><th class="num">Top half</th><th></th><th class="num">Bottom half'
            '</th><th></th><th class="num">Difference</th></tr></thead><tbody>'
        )
        body.append("<h3>Kinds of order</h3>" + head.format("Kind") + _share_rows(*table["kind"]) + "</tbody></table>")
        body.append("<h3>Topics</h3>" + head.format("Topic") + _share_rows(*table["topic"]) + "</tbody></table>")
        body.append(
            "<h3>Where the orders went (the 12 biggest differences)</h3>"
            + head.format("Capital or group")
            + _share_rows(*table["country"], limit=12)
            + "</tbody></table>"
        )
        h_top, h_bottom = table["habits"]
        rows = "".join(
            f'<tr><td>{esc(k)}</td><td class="num">{h_top[k]:.1f}</td><td class="num">{h_bottom[k]:.1f}</td></tr>'
            for k in h_top
        )
        body.append(
            '<h3>Habits</h3><table><thead><tr><th>Average per game</th><th class="num">Top half</th>'
            f'<th class="num">Bottom half</th></tr></thead><tbody>{rows}</tbody></table>'
        )

    # ---------------------------------------------------------------------------------------- countries
    body.append("<h2>Where the class won and lost</h2>")
    rungs = [r for r, _, _ in open_rungs(sc)]
    body.append(
        '<p class="small">For each country: its mean end alignment over the finished games, and how often it made '
        "each commitment (— where that commitment is not open to it).</p>"
    )
    body.append(
        '<table><thead><tr><th>Country</th><th class="num">Start</th><th class="num">Mean end</th>'
        '<th class="num">Lowest</th><th class="num">Highest</th>'
        + "".join(f'<th class="num">{esc(made_heading(rules, r))}</th>' for r in rungs)
        + "</tr></thead><tbody>"
    )
    games = counted
    rows = []
    for i, code in enumerate(rules.countries):
        ends = np.array([float(e.countries[code]["alignment_end"]) for e in games])
        shares = {r: np.mean([made(rules, r, e.countries[code].get(r)) for e in games]) for r in rungs}
        rows.append((ends.mean(), i, ends, shares))
    for mean, i, ends, shares in sorted(rows, key=lambda r: -r[0]):
        cells = "".join(
            f'<td class="num">{shares[r]:.0%}</td>' if rung_open(rules, r, i) else '<td class="num">—</td>'
            for r in rungs
        )
        body.append(
            f'<tr><td>{esc(rules.labels.countries[i])}</td><td class="num">{signed(rules.alignment_start[i], 0)}</td>'
            f'<td class="num"><b>{signed(mean, 0)}</b></td><td class="num">{signed(ends.min(), 0)}</td>'
            f'<td class="num">{signed(ends.max(), 0)}</td>{cells}'
            "</tr>"
        )
    body.append("</tbody></table>")
    body.append(
        "<footer>Flood the Zone class view. Replays are replayed through the game's rules, so their results are "
        "recomputed, not copied from the file. The historical playbook's score uses each game's own seed and "
        "settings.</footer>"
    )
    return page(f"{doc.title}: class view", "\n".join(body))
