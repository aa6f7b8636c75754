"""The assessment kit's printed pieces: the weekly decision memo and the reflection prompts.

    python -m game briefing SCENARIO --part memo        # one page per week the students play
    python -m game briefing SCENARIO --part reflection  # after the game, with the real outcome

The **decision memo** is one page for each played week, the week and its date printed on it, with room to
write the goal, the orders and why, what the student expects and - after the week - what happened and what
the "why it moved" record says.  The **reflection prompts** are tied to the scenario: its objectives, its
commitment ladder, the rival, and what really happened after the crisis (its ``real_outcomes``, each fact with
its public source), with lines to answer on.  ``docs/assessment.md`` holds the objectives and the rubric that
grade them.
"""

from __future__ import annotations

import datetime as dt

from game.dates import day_text
from game.scenario import Scenario
from game.sim.settings import Settings

from .html import esc
from .sources import cite_public, cite_seed
from .takeover import Takeover
from .words import open_rungs

MAX_REAL_FACTS = 5  # what really happened, on paper: the vote's tally and one fact a commitment


def _lines(n: int) -> str:
    return '<div class="answer">' + '<div class="line"></div>' * n + "</div>"


def _name_line(code: str | None) -> str:
    # A known game code is printed: the memo then names the game it plans, and a copy of the wrong one shows.
    game = f'<b class="code">{esc(code)}</b>' if code else "<i></i>"
    return (
        f'<div class="nameline"><span>Name <i></i></span><span>Class <i></i></span><span>Game code {game}</span></div>'
    )


def _memo_page(sc: Scenario, week: int, first: int, calls: int, code: str | None) -> str:
    doc = sc.doc
    date = doc.calendar.start + dt.timedelta(days=7 * week)
    played = doc.calendar.weeks - first
    rows = "".join("<tr><td></td><td></td><td></td><td></td></tr>" for _ in range(max(5, min(calls, 7))))
    return (
        f'<section class="memo{" pagebreak" if week > first else ""}">'
        f'<div class="kicker">Decision memo · {esc(doc.title)}<span class="asof">week {week + 1} · '
        f"{esc(day_text(date))} · your week {week - first + 1} of {played}</span></div>"
        + _name_line(code)
        + "<h2>1. My goal this week</h2>"
        '<p class="hint">One sentence: which countries, which commitment, why now.</p>'
        + _lines(2)
        + "<h2>2. My orders and why</h2>"
        '<p class="hint">Who makes the contact (you, a deputy, a trip, a group), with whom, on which topic, and the '
        "reason: what the dossier or the last report told you.</p>"
        '<table class="orders"><thead><tr><th style="width:17%">Who</th><th style="width:19%">Country or group</th>'
        f'<th style="width:19%">Topic</th><th>Why</th></tr></thead><tbody>{rows}</tbody></table>'
        "<h2>3. What I expect</h2>"
        '<p class="hint">Which countries should move, which way, and what the other side will probably do.</p>'
        + _lines(3)
        + "<h2>4. What happened</h2>"
        '<p class="hint">After the week: read the turn report and its "why it moved" lines. Did it go as you '
        "expected? Name one cause you did not foresee.</p>" + _lines(4) + "<h2>5. Next week</h2>"
        '<p class="hint">Keep, change or drop your plan - and why.</p>' + _lines(2) + "</section>"
    )


def memo_body(sc: Scenario, settings: Settings, point: Takeover, code: str | None = None) -> str:
    """One memo page for each week the students play."""
    actor = sc.doc.actors[sc.doc.player]
    calls = actor.calls + sum(1 for d in sc.doc.deputies.values() if d.actor == sc.doc.player)
    return "".join(_memo_page(sc, week, point.week, calls, code) for week in range(point.week, sc.doc.calendar.weeks))


# ------------------------------------------------------------------------------------------ reflection


def real_facts(sc: Scenario) -> list:
    """What really happened, on paper: the vote's tally, then the first recorded fact of each other rung."""
    real = sc.doc.real_outcomes
    if real is None:
        return []
    facts: list = list(real.totals[:1])
    shown_rungs = {t.rung for t in facts}
    for outcome in real.outcomes:
        if outcome.rung not in shown_rungs and outcome.confidence == "high":
            shown_rungs.add(outcome.rung)
            facts.append(outcome)
    return facts[:MAX_REAL_FACTS]


def _real_outcome_html(sc: Scenario) -> str:
    real = sc.doc.real_outcomes
    names = {code: c.name for code, c in sc.doc.countries.items()}
    items = []
    for fact in real_facts(sc):
        source = fact.sources[0]
        if hasattr(fact, "counts"):
            counts = fact.what or ", ".join(f"{n} {option}" for option, n in fact.counts.items())
            text = f"{sc.doc.commitments.rung(fact.rung).name}: {counts}"
        else:
            text = f"{day_text(fact.date)}: {names.get(fact.country, fact.country)} {fact.what}"
        items.append(f"<li>{esc(text)}.<cite>{esc(cite_public(source))} · {esc(source.url)}</cite></li>")
    return (
        f'<div class="box real"><b>What really happened (beyond the articles; public records, as of '
        f"{esc(day_text(real.as_of))})</b><p>{esc(real.description)}</p><ul>{''.join(items)}</ul></div>"
    )


def reflection_prompts(sc: Scenario, settings: Settings) -> list[tuple[str, str, int]]:
    """(prompt, hint, lines to write on) for the scenario, in the order a debrief takes them."""
    doc = sc.doc
    player, rival = doc.actors[doc.player].name, doc.actors[doc.rival].name
    # "UN vote" keeps its capitals inside a sentence; "Sanctions" does not.
    rungs = [name if name[:2].isupper() else name[:1].lower() + name[1:] for _, name, _ in open_rungs(sc)]
    ladder = ", ".join(rungs[:-1]) + (f" and {rungs[-1]}" if len(rungs) > 1 else rungs[0])
    prompts = [
        (
            "Which of your objectives did you reach, and which did you miss?",
            "Quote your score and outcome from the report; name the week that decided the most (use the "
            '"why it moved" record).',
            4,
        ),
        (
            f"The commitments at stake were {ladder}. Which was hardest to win, and why?",
            "Name one country and what bound it (its ties, its interests) - from the dossier and the report.",
            4,
        ),
        (
            f"What did {rival} do that cost you most? Explain its choice from its side.",
            f"Explaining a move is not approving of it: say what {rival} wanted and what it could offer.",
            4,
        ),
    ]
    if doc.real_outcomes is not None:
        prompts.append(
            (
                "Compare your game with what really happened (the box above). Where did your game differ?",
                "Is the difference better diplomacy, luck, or something the game leaves out? Give one example.",
                8,
            )
        )
    else:
        prompts.append(
            (
                "Compare your game with the positions the articles document. Which country ended furthest from "
                "where the articles put it, and why?",
                "The dossier pack quotes the articles; your report shows where each country ended.",
                5,
            )
        )
    prompts += [
        (
            "Name one thing the real crisis held that the game does not model.",
            "Think of people, public opinion, the fighting itself, time, chance.",
            5,
        ),
        (
            f"If you played {player} again, what one thing would you do differently, and what do you expect "
            "it would change?",
            "Be concrete: a country, a topic, a week.",
            5,
        ),
    ]
    return prompts


def reflection_body(sc: Scenario, settings: Settings, code: str | None = None) -> str:
    doc = sc.doc
    sources = "; ".join(esc(cite_seed(s)) for s in doc.seeds)
    body = [
        f'<div class="kicker">Reflection · {esc(doc.title)}</div>',
        _name_line(code),
        f"<h1>After the game: reflection</h1><p>Answer from your own game: keep your report (score, the "
        '"why it moved" record, the commitments table) and your decision memos beside you. The articles the '
        f"crisis is built from: {sources}.</p>",
    ]
    if doc.real_outcomes is not None:
        body.append(_real_outcome_html(sc))
    for n, (prompt, hint, lines) in enumerate(reflection_prompts(sc, settings), 1):
        body.append(
            f'<div class="q"><p class="prompt">{n}. {esc(prompt)}</p><p class="hint">{esc(hint)}</p>'
            f"{_lines(lines)}</div>"
        )
    return "".join(body)


def report_reflection(sc: Scenario, settings: Settings) -> str:
    """The reflection for the after-action report (``report.py`` calls it once): the real outcome and the same
    prompts as the printed sheet, with lines to answer on."""
    parts = [
        '<h2 class="pagebreak">Reflection</h2><p class="small">The same prompts as the printed reflection sheet '
        "(<code>python -m game briefing SCENARIO --part reflection</code>); docs/assessment.md grades them.</p>"
    ]
    if sc.doc.real_outcomes is not None:
        parts.append(_real_outcome_html(sc))
    for n, (prompt, hint, lines) in enumerate(reflection_prompts(sc, settings), 1):
        parts.append(
            f'<div class="q"><p class="prompt">{n}. {esc(prompt)}</p><p class="hint">{esc(hint)}</p>'
            f"{_lines(min(lines, 3))}</div>"
        )
    return "".join(parts)
