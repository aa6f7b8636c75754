"""The class view: many students' games of one scenario on one page, and a CSV for the gradebook.

    python -m game report --class FILES... --out class.html      (writes class.csv next to it)

The files are replays (or saves) and ``simulate --json`` result files, mixed freely; every one is a file from
someone else.  A replay is replayed through the engine against the scenario the teacher chose (``--scenario``,
else the bundled or the teacher's own scenario of that id) - never a scenario named by a path inside the file -
so its result and its orders are recomputed, not trusted, and a replay made with another version of the
scenario (another content digest) is left out.  A result file has no orders to check: it is shown apart as
unverified and never ranked.  A file that cannot be read is left out with a one-line reason, shown on the page
and returned to the caller; files of another scenario are refused, because their scores do not compare.
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.engine import KIND_LABELS, Kind, RungKind
from game.engine.outcome import SHOWN_DECIMALS
from game.files import OneLineError, user_scenario_files
from game.scenario import Scenario, ScenarioError, load_scenario
from game.scenario.loader import bundled_scenarios
from game.session import MAX_SEED, SAVE_FORMAT, Session
from game.sim.settings import MAX_TURNS, Settings, SettingsError

from . import charts as svg_charts
from .html import esc, figure, page
from .play import history_session, result_summary
from .replay import ReplayError, read_replay_json, replay_from_data
from .words import made, made_heading, open_rungs, rung_open, signed

RESULT_KEYS = {"scenario", "seed", "outcome", "score", "countries"}


class ClassViewError(OneLineError):
    """The class view cannot be made at all (no readable game, several scenarios); one line."""


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
    weeks_played: int
    countries: dict  # code -> {alignment_end, un_vote, sanctions, arms, energy_help}
    digest: str | None = None
    session: Session | None = None  # None for a result file
    history_score: float | None = None
    rank: int | None = None

    @property
    def has_orders(self) -> bool:
        return self.session is not None

    @property
    def verified(self) -> bool:
        """Recomputed from its orders (a replay), not taken on trust (a result file)."""
        return self.session is not None


@dataclass
class ClassView:
    scenario: Scenario
    entries: list[Entry]
    problems: list[str] = field(default_factory=list)  # files left out, one line each

    @property
    def ranked(self) -> list[Entry]:
        """The finished games whose results were recomputed from their orders."""
        return [e for e in self.entries if e.finished and e.verified]

    @property
    def unverified(self) -> list[Entry]:
        """Result files: a score someone wrote down, shown apart and never ranked."""
        return [e for e in self.entries if not e.verified]


# ---------------------------------------------------------------------------------------------- loading


def _entry_from_session(path: Path, session: Session, data: dict) -> Entry:
    summary = result_summary(session)
    names = [session.names[a] for a in session.humans if a in session.names]
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
        weeks_played=len(session.weeks),
        countries=summary["countries"],
        digest=data.get("scenario_digest"),
        session=session,
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
    weeks = result.weeks_played if result.weeks_played is not None else result.weeks
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
        weeks_played=weeks if weeks is not None else scenario.rules.n_turns,
        countries={code: c.model_dump() for code, c in result.countries.items()},
    )


def load_class(paths: list[str | os.PathLike], scenario: Scenario | None = None) -> ClassView:
    """Read every file; the games must all be of one scenario.  Raises ClassViewError when none can be read."""
    raw: list[tuple[Path, dict]] = []
    problems: list[str] = []
    for p in paths:
        path = Path(p)
        try:
            data = read_replay_json(path, "replay or result")
        except ReplayError as exc:
            problems.append(str(exc))
            continue
        if not isinstance(data, dict):
            problems.append(f"{path}: not a replay or a result file")
            continue
        raw.append((path, data))
    named = []
    for path, data in raw:
        sid = data.get("scenario")
        if isinstance(sid, str) and 0 < len(sid) <= 100:
            named.append((path, data, sid))
        else:
            problems.append(f"{path}: not a replay or a result file (no scenario id)")
    if not named:
        detail = f": {problems[0]}" if problems else ""
        raise ClassViewError(f"no game could be read ({len(problems)} files left out){detail}")
    if scenario is None:
        ranked_ids = Counter(sid for _, _, sid in named).most_common()
        if len(ranked_ids) > 1 and ranked_ids[0][1] == ranked_ids[1][1]:
            (a, n), (b, _) = ranked_ids[:2]
            raise ClassViewError(
                f"as many games of scenario '{a}' as of '{b}' ({n} files each): say which with --scenario"
            )
        scenario = teachers_scenario(ranked_ids[0][0])
    scenario_id = scenario.id
    raw = []
    for path, data, sid in named:
        if sid == scenario_id:
            raw.append((path, data))
        else:
            problems.append(f"{path}: a game of scenario '{sid}', not '{scenario_id}' (make a class view of its own)")
    if not raw:
        raise ClassViewError(f"none of the files is a game of scenario '{scenario_id}' ({len(problems)} left out)")
    entries = []
    for path, data in raw:
        try:
            if data.get("format") == SAVE_FORMAT:
                replay = replay_from_data(data, path, scenario)
                entries.append(_entry_from_session(path, replay.session, data))
            else:
                entries.append(_entry_from_result(path, data, scenario))
        except ReplayError as exc:
            problems.append(str(exc))
    if not entries:
        raise ClassViewError(f"no game could be read ({len(problems)} files left out): {problems[0]}")
    _add_history(scenario, entries)
    _rank(entries)
    return ClassView(scenario, entries, problems)


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

CSV_FIELDS = (
    "rank",
    "name",
    "file",
    "scenario",
    "code",
    "seed",
    "score",
    "outcome",
    "history_score",
    "vs_history",
    "finished",
    "verified",
    "weeks_played",
)


def csv_fields(rules) -> tuple[str, ...]:
    """The gradebook's columns: the fixed ones, then per rung the countries that made its best commitment
    (``sanctions``; a vote's ``un_vote_yes``)."""
    ladder = rules.ladder
    return CSV_FIELDS + tuple(
        f"{rung}_{ladder.options[r][-1]}" if ladder.kinds[r] == RungKind.VOTE else rung
        for r, rung in enumerate(ladder.rungs)
    )


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A cell a spreadsheet shows as text, never runs: text from a student's file (a name, a file name) that
    begins like a formula gets a leading apostrophe; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def class_csv(view: ClassView) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    rules = view.scenario.rules
    writer.writerow(csv_fields(rules))
    for e in view.entries:
        c = e.countries.values()
        # Scores as the reports show them, to one decimal: the outcome is read off that number (tier_index), so
        # a gradebook saying 55.96 next to a tier that starts at 56 would disagree with itself.
        shown = round(e.score, SHOWN_DECIMALS)
        history = None if e.history_score is None else round(e.history_score, SHOWN_DECIMALS)
        vs = None if history is None else shown - history
        row = [
            e.rank if e.rank is not None else "",
            e.name,
            e.path.name,
            e.scenario,
            e.code or "",
            e.seed if e.seed is not None else "",
            f"{shown:.1f}",
            e.outcome,
            "" if history is None else f"{history:.1f}",
            "" if vs is None else f"{vs:+.1f}",
            "yes" if e.finished else "no",
            "yes" if e.verified else "no: a result file, not checked",
            e.weeks_played,
            *(sum(1 for x in c if made(rules, rung, x.get(rung))) for rung in rules.ladder.rungs),
        ]
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()


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


def render_class(view: ClassView, charts=None, csv_name: str | None = None) -> str:
    charts = charts or svg_charts
    sc = view.scenario
    rules = sc.rules
    doc = sc.doc
    ranked = view.ranked
    body: list[str] = [f'<div class="kicker">Class view · {esc(doc.title)}</div>']
    n, n_done = len(view.entries), sum(1 for e in view.entries if e.finished)
    body.append(f"<h1>{n} games{'' if n == n_done else f', {n_done} finished'}</h1>")
    codes = Counter(e.code or "no code" for e in view.entries)
    main_code, main_n = codes.most_common(1)[0]
    body.append(
        f'<p class="meta">Game code <span class="code">{esc(main_code)}</span> ({main_n} of {n} games)'
        + (f" · csv for the gradebook: {esc(csv_name)}" if csv_name else "")
        + "</p>"
    )
    if len(codes) > 1:
        others = ", ".join(f"{esc(c)} ({k})" for c, k in codes.most_common()[1:])
        body.append(
            f'<div class="box warn">Not everyone played the same game: also {others}. Compare scores with care '
            '(the "vs history" column compares each game with the historical playbook on its own dice).</div>'
        )
    if view.problems:
        items = "".join(f"<li>{esc(p)}</li>" for p in view.problems)
        body.append(f'<div class="box warn"><b>Files left out</b><ul>{items}</ul></div>')

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
        rank = str(e.rank) if e.rank is not None else f'<span class="small">week {e.weeks_played}</span>'
        note = "" if e.finished else ' <span class="tag">unfinished</span>'
        other = "" if (e.code or "no code") == main_code else ' <span class="tag">other code</span>'
        body.append(
            f'<tr><td class="num">{rank}</td><td>{esc(e.name)}{note}{other}</td>'
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
