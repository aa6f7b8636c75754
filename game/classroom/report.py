"""The after-action report: one self-contained, printable HTML page about one game.

    python -m game report REPLAY --out report.html
    write_report(session_or_replay, path)          # the debrief's button (returns the path written)

What it holds: the result against the historical playbook (same seed, same settings, same rival), the
commitments table, the score and every country's alignment week by week (the debrief's charts redrawn for paper
as inline SVG by ``charts``), the decision log with each week's orders, news and "why it moved", and
discussion questions tied to passages of the seeds.  The page reads the same records as the game's turn
report and debrief (``words`` for the wording), so the three never disagree.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path

import numpy as np

from game.dates import day_text
from game.engine.outcome import commitments_of, standing, tier_index
from game.files import atomic_write, reports_dir
from game.session import Session
from game.sim.balance import win_tiers

from . import charts as svg_charts
from .assessment import report_reflection
from .html import esc, figure, page, rung_cell, rung_values, swatch
from .play import history_session, score_history
from .promise_words import promise_news, tally_text
from .questions import RIVAL_NOTE, questions_for, rival_questions_for
from .replay import Replay, replay_of
from .sources import cite_seed_short
from .words import (
    bloc_lines,
    chart_line,
    contact_lines,
    is_vote,
    move_lines,
    open_rungs,
    option_word,
    players_words,
    rung_open,
    signed,
    staff_use,
    top_option,
)

CHART_CHUNK = 8  # countries per chart image (two rows of four), so that a page break can fall between images


def _as_replay(source: Session | Replay) -> Replay:
    return source if isinstance(source, Replay) else replay_of(source)


def _players(session: Session) -> str:
    """Who played, in which class, and how much of it the staff's advice did (escaped: names are typed by
    students and read back from files anyone can edit)."""
    labels = session.rules.labels.actors
    school = f" · class {esc(session.class_name)}" if session.class_name else ""
    staff = f"<br>{esc(staff_use(session)[:1].upper() + staff_use(session)[1:])}."
    if session.two_sided:
        parts = [f"{esc(labels[a])}: {esc(session.names.get(a, 'a player'))}" for a in session.humans]
        return "Two players - " + ", ".join(parts) + school + staff
    name = session.names.get(session.player)
    rival = f"{esc(labels[session.rival])} played by the computer ({esc(session.rival_policy)})"
    who = f"Played by {esc(name)} ({esc(labels[session.player])}){school}; " if name else ""
    return who + rival + staff


def _tier_description(session: Session, tier: str) -> str:
    for t in session.scenario.doc.commitments.tiers:
        if t.name == tier:
            return t.description
    return ""


def render_report(
    source: Session | Replay,
    *,
    history: Session | None = None,
    charts=None,
    source_name: str | None = None,
) -> str:
    """The report's HTML.  ``history`` (default: played here) is the yardstick game; ``charts`` the renderer."""
    replay = _as_replay(source)
    game = replay.session
    history = history or history_session(game)
    charts = charts or svg_charts
    sc = game.scenario
    doc = sc.doc
    rules = game.rules
    tier, s = standing(rules, game.state)
    h_tier, hs = standing(history.rules, history.state)
    code = replay.code
    body: list[str] = []

    # ------------------------------------------------------------------------------------------ header
    body.append(f'<div class="kicker">After-action report · {esc(doc.title)}</div>')
    body.append(f"<h1>{esc(tier)}</h1>")
    if doc.subtitle:
        body.append(f'<p class="sub">{esc(doc.subtitle)}</p>')
    meta = [f'Game code <span class="code">{esc(code)}</span>' if code else "No game code (seed or rival not codable)"]
    meta.append(f"seed {game.seed}")
    meta.append(esc(game.settings.describe()))
    body.append(f'<p class="meta">{" · ".join(meta)}<br>{_players(game)}</p>')
    if not game.is_over:
        body.append(
            f'<div class="box warn">This game stopped after week {len(game.weeks)} of {rules.n_turns}: the '
            "result below is what the crisis would give if it resolved now.</div>"
        )
    diff = s - hs
    verdict = (
        f"{abs(diff):.1f} points {'better' if diff > 0 else 'worse'} than the historical playbook"
        if abs(diff) >= 0.05
        else "the same as the historical playbook"
    )
    cal = doc.calendar
    body.append('<div class="cards">')
    body.append(
        f'<div class="card"><div class="label">Result</div><div class="big">{s:.1f} <span class="small">/ 100'
        f'</span></div><div class="note">{esc(tier)} - {esc(_tier_description(game, tier))}</div></div>'
    )
    body.append(
        f'<div class="card"><div class="label">Historical playbook, same dice</div><div class="big">{hs:.1f}'
        f' <span class="small">/ 100</span></div><div class="note">{esc(h_tier)}. This game: {esc(verdict)}.'
        "</div></div>"
    )
    body.append(
        f'<div class="card"><div class="label">{day_text(cal.resolves)}</div><div class="note">'
        f"{esc(cal.resolves_label or 'The crisis resolves')}. {rules.n_turns} weeks from {day_text(cal.start)}"
        + (f"; the players took over in week {game.first_turn + 1}" if game.first_turn else "")
        + ".</div></div>"
    )
    body.append("</div>")
    kept_word = tally_text(game, game.player)
    if kept_word:
        body.append(f'<p class="small">{esc(kept_word)}.</p>')
    if game.two_sided:
        body.append(_who_won(game, s))
        body.append(
            f'<p class="small">Two-sided game: {esc(rules.labels.actors[game.rival])} wanted the score low; the '
            "decision log names each side's orders.</p>"
        )

    # -------------------------------------------------------------------------------------- commitments
    body.append(_commitments(game, history))
    if rules.tracks:
        body.append(_tracks(game, history))

    # ------------------------------------------------------------------------------------------- charts
    body.append(_charts(game, history, charts))

    # ------------------------------------------------------------------------------------- decision log
    body.append(_decision_log(game))

    # ---------------------------------------------------------------------------------------- questions
    body.append('<h2 class="pagebreak">Questions for the debrief</h2>')
    body.append(
        '<p class="small">Quoted passages are copied from the news articles the game is built from; a dashed '
        "border marks a fact stated in our own words (that article survives only in a machine-paraphrased copy, "
        "so its wording is not quoted).</p>"
    )
    rival_questions = rival_questions_for(game, history)
    if rival_questions:
        body.append(f"<h3>For {esc(rules.labels.actors[game.player])}'s player{_named(game, game.player)}</h3>")
    body.extend(_question(i, q) for i, q in enumerate(questions_for(game, history), 1))
    if rival_questions:
        body.append(
            f'<h3 class="pagebreak">For {esc(rules.labels.actors[game.rival])}\'s player{_named(game, game.rival)}</h3>'
        )
        body.append(f'<p class="small">{esc(RIVAL_NOTE)}</p>')
        body.extend(_question(i, q) for i, q in enumerate(rival_questions, 1))

    body.append(report_reflection(sc, game.settings))

    # ------------------------------------------------------------------------------------------- footer
    made = f" from {esc(source_name)}" if source_name else ""
    again = f"python -m game simulate --code {code}" if code else f"python -m game simulate {sc.id} --seed {game.seed}"
    body.append(
        f"<footer>Flood the Zone after-action report{made}. The historical playbook column replays what the "
        f"sources document with the same seed and settings ({esc(again)} --policy historical). Numbers in the "
        "game's rules are invented game weights (see docs/rules.md); positions and events cite the seed articles."
        "</footer>"
    )
    who = players_words(game)  # a printed pile of 24 reports: each page's header names its student
    return page(f"{who + ' - ' if who else ''}{doc.title}: after-action report", "\n".join(body))


# ------------------------------------------------------------------------------------------------ parts


def _named(game: Session, actor: int) -> str:
    name = game.names.get(actor)
    return f" ({esc(name)})" if name else ""


def _question(i: int, q) -> str:
    parts = [f'<div class="q"><div class="prompt">{i}. {esc(q.prompt)}</div>']
    for p in q.passages:
        cls = "" if p.quoted else ' class="para"'
        text = f"“{esc(p.text)}”" if p.quoted else esc(p.text)
        how = "" if p.quoted else " (in our words)"
        parts.append(f"<blockquote{cls}>{text}<cite>{esc(cite_seed_short(p.seed))}{how}</cite></blockquote>")
    if q.fact:
        parts.append(f'<div class="fact">{esc(q.fact)}</div>')
    parts.append('<div class="lines"></div><div class="lines"></div></div>')
    return "".join(parts)


def who_won(game: Session) -> tuple[int, str, float]:
    """A two-sided game's winner by the scenario's own scoring: (the winning actor, the tier reached, the score
    the scored side needed).  The scored side wins in the better half of the tiers (the balance lab's win,
    ``game.sim.balance.win_tiers``), its rival below; the tier is the one shown, so the two always agree."""
    rules = game.rules
    tier, s = standing(rules, game.state)
    wins = win_tiers(rules)
    needed = float(rules.tiers[wins - 1][1])
    index = int(tier_index(rules, np.array([s]))[0])
    return (game.player if index < wins else game.rival), tier, needed


def _who_won(game: Session, s: float) -> str:
    """Who won, said to both players: the scored side's result against its tiers and the rival's view of it."""
    rules = game.rules
    actors = rules.labels.actors
    winner, tier, needed = who_won(game)
    us, them = actors[game.player], actors[game.rival]
    best = [name for name, _ in rules.tiers[: win_tiers(rules)]]
    their_best = rules.tiers[-1][0]
    if winner == game.player:
        verdict = (
            f"{esc(us)}{_named(game, game.player)} won. The crisis ended at {s:.1f}, "
            f"'{esc(tier)}', one of the better outcomes for {esc(us)} ({esc(', '.join(best))}: {needed:.0f} and up)."
        )
        other = (
            f"For {esc(them)}{_named(game, game.rival)} the same result reads the other way: {esc(them)} needed to "
            f"hold the score below {needed:.0f}, and it ended "
            + (f"{round(s, 1) - needed:.1f} points above that." if round(s, 1) - needed >= 0.05 else "right on it.")
        )
    else:
        verdict = (
            f"{esc(them)}{_named(game, game.rival)} won. The crisis ended at {s:.1f}, '{esc(tier)}': "
            f"{esc(us)} needed {needed:.0f} for one of its better outcomes ({esc(', '.join(best))}) and fell "
            f"{needed - s:.1f} points short."
        )
        other = (
            f"For {esc(them)} the lower the score, the better: its best outcome is '{esc(their_best)}' "
            f"(below {float(rules.tiers[-2][1]):.0f})."
            if len(rules.tiers) > 1
            else ""
        )
    return f'<div class="box"><b>Who won.</b> {verdict} {other}</div>'


def _commitments(game: Session, history: Session) -> str:
    sc = game.scenario
    rules = game.rules
    final = game.state.alignment[0]
    hist = history.state.alignment[0]
    rungs = open_rungs(sc)
    mine, theirs = rung_values(sc, game.state), rung_values(sc, history.state)
    out = ["<h2>Commitments against the historical playbook</h2>"]
    out.append(
        '<p class="small">Alignment runs from −100 (with Moscow) to +100 (with Washington). Each commitment shows '
        "this game's result; a shaded cell differs from the historical playbook's, given after the slash.</p>"
    )
    head = "".join(f'<th class="c" title="{esc(meaning)}">{esc(name)}</th>' for _, name, meaning in rungs)
    out.append(
        '<table><thead><tr><th>Country</th><th class="num">Start</th><th class="num">End</th>'
        f'<th class="num">History</th>{head}</tr></thead><tbody>'
    )
    for c in sorted(range(rules.n_countries), key=lambda c: -final[c]):
        cells = []
        for rung, _, _ in rungs:
            if not rung_open(rules, rung, c):
                cells.append('<td class="c off">—</td>')
                continue
            a, b = int(mine[rung][c]), int(theirs[rung][c])
            text = rung_cell(sc, rung, a)
            if a != b:
                cells.append(f'<td class="c diff">{text} / {rung_cell(sc, rung, b)}</td>')
            else:
                cells.append(f'<td class="c">{text}</td>')
        out.append(
            f"<tr><td>{swatch(final[c])}{esc(rules.labels.countries[c])}</td>"
            f'<td class="num">{signed(rules.alignment_start[c], 0)}</td>'
            f'<td class="num"><b>{signed(final[c], 0)}</b></td><td class="num">{signed(hist[c], 0)}</td>'
            + "".join(cells)
            + "</tr>"
        )
    totals = []
    for rung, _, _ in rungs:
        best = top_option(rules, rung)
        a, b = int((mine[rung] == best).sum()), int((theirs[rung] == best).sum())
        word = f" {esc(option_word(rules, rung, best))}" if is_vote(rules, rung) else ""
        totals.append(f'<td class="c">{a}{word}<br><span class="small">history {b}</span></td>')
    out.append(f'<tr class="total"><td>Total</td><td></td><td></td><td></td>{"".join(totals)}</tr>')
    out.append("</tbody></table>")
    out.append('<p class="small">— the commitment is not open to that country.</p>')
    for label, session in (("This game", game), ("The historical playbook", history)):
        for line in bloc_lines(sc, commitments_of(rules, session.state)):
            out.append(f"<p><b>{label}:</b> {esc(line)}</p>")
    return "\n".join(out)


def _tracks(game: Session, history: Session) -> str:
    rules = game.rules
    doc = game.scenario.doc
    rows = []
    for k, code in enumerate(rules.tracks):
        goal = float(rules.track_threshold[k])
        end, h_end = float(game.state.track[0, k]), float(history.state.track[0, k])
        reached = (
            "—"
            if math.isnan(goal)
            else ('<span class="yes">✓ reached</span>' if end >= goal else '<span class="no">✗ not reached</span>')
        )
        rows.append(
            f'<tr><td><b>{esc(doc.tracks[code].name)}</b><br><span class="small">'
            f"{esc(doc.tracks[code].outcome or doc.tracks[code].description)}</span></td>"
            f'<td class="num">{float(rules.track_start[k]):.0f}</td><td class="num"><b>{end:.0f}</b></td>'
            f'<td class="num">{h_end:.0f}</td><td class="num">{"—" if math.isnan(goal) else f"{goal:.0f}"}</td>'
            f'<td class="c">{reached}</td></tr>'
        )
    return (
        '<h3>Crisis tracks</h3><table><thead><tr><th>Track</th><th class="num">Start</th><th class="num">End'
        '</th><th class="num">History</th><th class="num">Goal</th><th class="c">Reached</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _charts(game: Session, history: Session, charts) -> str:
    sc = game.scenario
    rules = game.rules
    out = ["<h2>Week by week</h2>"]
    legend = (
        '<p class="legend">Lines:<i style="border-color:#1c2c4a"></i>this game<i style="border-color:#c48424"></i>'
        "historical playbook (same dice)"
        + ("; grey: the weeks played as history went, before the players took over" if game.first_turn else "")
        + ".</p>"
    )
    out.append(legend)
    out.append(
        figure(
            charts.score_chart(
                score_history(game), score_history(history), rules.tiers, rules.n_turns, game.first_turn
            ),
            "The score had the crisis resolved at the start of each week (the last point: the result). Dashed: the "
            "outcome tiers' cut-offs.",
        )
    )
    _, line_name, thresholds = chart_line(sc)
    order = sorted(range(rules.n_countries), key=lambda c: (int(rules.region_of[c]), c))
    you, hist = game.history(), history.history()
    out.append(
        f'<p class="small">Each country from −100 (with Moscow, orange half) to +100 (with Washington, blue half); '
        f"the dashed line is its threshold for '{esc(line_name)}'. The number is its end "
        "alignment in this game.</p>"
    )
    for region in range(len(rules.regions)):
        members = [c for c in order if int(rules.region_of[c]) == region]
        for start in range(0, len(members), CHART_CHUNK):
            chunk = members[start : start + CHART_CHUNK]
            out.append(f"<h3>{esc(rules.labels.regions[region])}</h3>" if start == 0 else "")
            out.append(
                figure(
                    charts.alignment_grid(
                        [rules.labels.countries[c] for c in chunk],
                        you[:, chunk],
                        hist[:, chunk],
                        thresholds[chunk],
                        rules.n_turns,
                        game.first_turn,
                    )
                )
            )
    return "\n".join(out)


def _decision_log(game: Session) -> str:
    sc = game.scenario
    rules = game.rules
    labels = rules.labels
    scores = score_history(game)
    out = ['<h2 class="pagebreak">Decision log</h2>']
    out.append(
        '<p class="small">Each week: the orders of both sides with the alignment each moved in all, the news, and '
        "why the biggest movers moved (the causes add up to the change).</p>"
    )
    prelude = [i for i, w in enumerate(game.weeks) if w.prelude]
    if prelude:
        news = [sc.event(e.event).headline for i in prelude for e in game.weeks[i].record.events if e.event >= 0]
        out.append(
            f'<div class="week"><h3>Weeks 1–{len(prelude)} <span class="date">{esc(sc.week_label(0))} to '
            f"{esc(sc.week_label(len(prelude) - 1))}</span></h3><p>Played as history went (both sides' "
            f"historical playbooks) before the players took over. Score then: {scores[len(prelude)]:.1f}.</p>"
            + (f'<p class="why">News: {esc("; ".join(news))}.</p>' if news else "")
            + "</div>"
        )
    for i, week in enumerate(game.weeks):
        if week.prelude:
            continue
        change = scores[i + 1] - scores[i]
        parts = [
            f'<div class="week"><h3>Week {i + 1} <span class="date">{esc(sc.week_label(i))}</span> '
            f'<span class="tag">score {scores[i + 1]:.1f} ({signed(change, 1)})</span></h3>'
        ]
        news = [e for e in week.record.events if e.event >= 0]
        if news:
            items = []
            for e in news:
                ev = sc.event(e.event)
                tag = ' <span class="tag">what-if</span>' if ev.invented else ""
                items.append(f'<li class="news"><b>{esc(ev.headline)}</b>{tag}</li>')
            parts.append(f"<ul>{''.join(items)}</ul>")
        parts.append('<div class="cols">')
        for actor in (game.player, game.rival):
            lines = contact_lines(game, week, actor)
            who = labels.actors[actor]
            items = "".join(f"<li>{esc(text)} <b>{signed(total, 1)}</b></li>" for text, total in lines)
            empty = "" if lines else ' <span class="small">no orders</span>'
            parts.append(f"<div><b>{esc(who)}</b>{empty}<ul>{items}</ul></div>")
        parts.append("</div>")
        movers = move_lines(game, week)[:6]
        if movers:
            rows = []
            for m in movers:
                causes = ", ".join(esc(text) for text, _, _ in m.causes[:4])
                more = f" and {len(m.causes) - 4} more" if len(m.causes) > 4 else ""
                rows.append(
                    f"<li><b>{esc(m.name)} {signed(m.delta, 1)}</b> ({signed(m.before, 0)} → {signed(m.after, 0)}): "
                    f"{causes}{more}</li>"
                )
            parts.append(f'<div class="why">Why it moved:<ul>{"".join(rows)}</ul></div>')
        said = promise_news(game, week)
        if said:
            items = "".join(f"<li>{esc(text)}</li>" for text, _ in said)
            parts.append(f'<div class="why">Promises:<ul>{items}</ul></div>')
        for tm in week.record.tracks:
            if abs(tm.delta) >= 0.05:
                parts.append(
                    f'<p class="why">{esc(labels.tracks[tm.track])} {signed(tm.delta, 1)} '
                    f"({tm.before:.0f} → {tm.after:.0f})</p>"
                )
        parts.append("</div>")
        out.append("".join(parts))
    return "\n".join(out)


# ------------------------------------------------------------------------------------------------ files


def write_html(text: str, path: str | os.PathLike) -> Path:
    """Write a page (or a CSV) atomically."""
    return atomic_write(path, text.encode("utf-8"))


def write_report(
    source: Session | Replay, path: str | os.PathLike | None = None, *, charts=None, now: dt.datetime | None = None
) -> Path:
    """Write the report; ``path`` None: ``reports/<scenario>-<time>.html`` in the data folder.  Returns the path.
    Raises OSError when it cannot be written (the caller shows the one-line reason)."""
    replay = _as_replay(source)
    if path is None:
        when = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        path = reports_dir() / f"{replay.scenario.id}-{when}.html"
    name = replay.path.name if replay.path else None
    return write_html(render_report(replay, charts=charts, source_name=name), path)
