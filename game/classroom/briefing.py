"""The briefing handout: a printable page to hand out before the game.

    python -m game briefing SCENARIO --out brief.html [--code CODE] [--fog]

It holds the role card, the objectives, how the crisis is scored, each side's means, the calendar (with a
column for the student's plan), the topics, and every country's dossier with the source passages its position
rests on (a machine-paraphrased seed's facts in our own words, never its garbled wording).  With a game code it
prints the code, the settings, and - for two-sided play - a role card for the rival's player; with fog the
dossiers give bands, not numbers, as the game will.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from game.dates import day_text
from game.scenario import Scenario
from game.sim.settings import DIFFICULTY_WORDS, NOISE_WORDS, Settings, fog_band

from .html import esc, page, swatch
from .questions import shown_source
from .words import open_rungs, rung_open, signed


def _alignment(value: float, fog: bool) -> str:
    if fog:
        return f"{swatch(fog_band(value).middle)}{esc(fog_band(value).label)}"
    return f"{swatch(value)}<b>{signed(value, 0)}</b>"


def _interest_words(weight: float) -> str:
    if weight < 0:
        return "backfires"
    if weight >= 1.4:
        return "cares a lot"
    if weight >= 0.9:
        return "cares"
    return "some interest"


def _sources(sources, limit: int = 3) -> str:
    out = []
    for src in sources[:limit]:
        shown = shown_source(src)
        if shown.quoted:
            out.append(f"<blockquote>“{esc(shown.text)}”<cite>seeds/{esc(src.seed)}</cite></blockquote>")
        else:
            out.append(
                f'<blockquote class="para">{esc(shown.text)}<cite>seeds/{esc(src.seed)} (in our words)</cite>'
                "</blockquote>"
            )
    if len(sources) > limit:
        out.append(f'<p class="small">… and {len(sources) - limit} more in the scenario file.</p>')
    return "".join(out)


def _means(sc: Scenario, actor_code: str) -> str:
    doc = sc.doc
    rules = sc.rules
    actor = doc.actors[actor_code]
    a = rules.actors.index(actor_code)
    deputies = [d for d in doc.deputies.values() if d.actor == actor_code]
    groups = [doc.groups[g] for i, g in enumerate(rules.groups) if rules.group_conveners[a, i]]
    lines = [
        f"<p><b>{esc(actor.principal)}</b>: {actor.calls} calls a week"
        + (
            f" and {actor.visits} {'trip' if actor.visits == 1 else 'trips'} (a trip chains up to "
            f"{rules.visit_max_stops} capitals of one region and costs {rules.visit_travel_calls} calls of travel "
            "time)"
            if actor.visits
            else ", no trips"
        )
        + (". You may also talk to the other side itself (a call)." if actor.engage else ".")
        + "</p>"
    ]
    if deputies:
        items = "".join(
            f"<li><b>{esc(d.name)}</b>{', ' + esc(d.title) if d.title else ''}"
            + (f" - strongest on {esc(doc.topics[d.specialty].name)}" if d.specialty in doc.topics else "")
            + "</li>"
            for d in deputies
        )
        lines.append(f"<p>Deputies, one call each a week:</p><ul>{items}</ul>")
    if groups:
        lines.append(
            "<p>Groups you can convene (one call reaches every member): "
            + ", ".join(esc(g.name) for g in groups)
            + ".</p>"
        )
    return "".join(lines)


def _usual_line(rung) -> str:
    """A rung's default line in words: a pledge's number, a vote's best option's ("0 or more: votes yes")."""
    if rung.options is None:
        value, what = rung.threshold, ""
    else:
        best = next((o for o in reversed(rung.options) if o.threshold is not None), None)
        value, what = (None, "") if best is None else (best.threshold, f": {best.label}")
    return "" if value is None else f"{signed(value, 0).replace('±', '')} or more{esc(what)}"


def render_briefing(sc: Scenario, settings: Settings | None = None, code: str | None = None) -> str:
    settings = settings or Settings()
    doc = sc.doc
    rules = sc.rules
    fog = settings.fog
    player, rival = doc.actors[doc.player], doc.actors[doc.rival]
    body: list[str] = [f'<div class="kicker">Briefing handout · {esc(doc.title)}</div>', f"<h1>{esc(doc.title)}</h1>"]
    if doc.subtitle:
        body.append(f'<p class="sub">{esc(doc.subtitle)}</p>')
    if code:
        body.append(
            f'<div class="box"><b>Your game code: <span class="code">{esc(code)}</span></b> - type it on the title '
            "screen of the game: everyone with this code plays the same crisis with the same dice.<br>"
            f'<span class="small">{esc(settings.describe())}: {esc(DIFFICULTY_WORDS.get(settings.difficulty, ""))}'
            f"{'; ' + esc(NOISE_WORDS[settings.noise]) if settings.difficulty == 'custom' else ''}.</span></div>"
        )
    body.append("<h2>The situation</h2>")
    body.append(f"<p>{esc(doc.summary)}</p>")
    body.append(f'<h2>Your role: {esc(player.name)}</h2><div class="box">{esc(doc.role)}</div>')
    body.append("<h3>Objectives</h3><ol>" + "".join(f"<li>{esc(o)}</li>" for o in doc.objectives) + "</ol>")
    body.append("<h3>Your means each week</h3>" + _means(sc, doc.player))
    if settings.two_sided:
        body.append(
            f'<h2 class="pagebreak">The other player\'s role: {esc(rival.name)}</h2><div class="box">You play '
            f"{esc(rival.name)} ({esc(rival.principal)}), against {esc(player.name)}. Every country you keep away "
            f"from {esc(player.name)} - no sanctions, no arms, an abstention or a no at the UN - lowers its score; "
            "your score is what it fails to win. Your orders are secret: hand the machine over when you are "
            "done.</div>"
        )
        body.append(f"<h3>Your means each week ({esc(rival.name)})</h3>" + _means(sc, doc.rival))

    # ------------------------------------------------------------------------------------------ scoring
    cal = doc.calendar
    body.append("<h2>How the crisis ends</h2>")
    body.append(
        f"<p>On <b>{day_text(cal.resolves)}</b>{': ' + esc(cal.resolves_label) if cal.resolves_label else ''}. "
        f"Each country's alignment - from −100 (with {esc(rival.name)}) to +100 (with {esc(player.name)}) - then "
        "decides what it commits to:</p>"
    )
    rows = "".join(
        f'<tr><td><b>{esc(name)}</b></td><td>{esc(meaning)}</td><td class="num">'
        + ("" if fog else _usual_line(doc.commitments.rung(rung)))
        + "</td></tr>"
        for rung, name, meaning in open_rungs(sc)
    )
    body.append(
        '<table><thead><tr><th>Commitment</th><th>What it means</th><th class="num">Usual threshold</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )
    tiers = "".join(
        f'<tr><td><b>{esc(t.name)}</b></td><td class="num">{t.min_score:g}</td><td>{esc(t.description)}</td></tr>'
        for t in doc.commitments.tiers
    )
    body.append(
        "<p>The score (0-100) is the weighted share of all the commitments that could be had; it decides the "
        'outcome:</p><table><thead><tr><th>Outcome</th><th class="num">From</th><th>Meaning</th></tr></thead>'
        f"<tbody>{tiers}</tbody></table>"
    )
    if rules.tracks:
        items = "".join(
            f"<li><b>{esc(t.name)}</b>: {esc(t.description)}"
            + (f" Goal {t.goal:g}: {esc(t.outcome)} (+{t.points:g} points)." if t.goal is not None else "")
            + "</li>"
            for t in doc.tracks.values()
        )
        body.append(f"<h3>Crisis tracks</h3><ul>{items}</ul>")

    # ----------------------------------------------------------------------------------------- calendar
    first = settings.first_turn(rules.n_turns)
    body.append("<h2>Calendar</h2>")
    if first:
        body.append(
            f"<p>You take over in week {first + 1}: the weeks before are played as history went, both sides "
            "following their historical playbooks.</p>"
        )
    rows = []
    for i in range(cal.weeks):
        day = cal.start + dt.timedelta(days=7 * i)
        history = ' <span class="tag">history</span>' if i < first else ""
        rows.append(
            f'<tr><td class="num">{i + 1}</td><td>{day_text(day, "%b %Y")}{history}</td><td class="plan"></td></tr>'
        )
    rows.append(
        f'<tr><td class="num">-</td><td><b>{day_text(cal.resolves, "%b %Y")}</b></td><td>'
        f"{esc(cal.resolves_label or 'the crisis resolves')}</td></tr>"
    )
    body.append(
        '<table class="calendar"><thead><tr><th class="num">Week</th><th>Starts</th><th style="width:62%">Your '
        f"plan</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )

    # ------------------------------------------------------------------------------------------- topics
    body.append("<h2>Topics</h2>")
    rows = []
    for code_t, topic in doc.topics.items():
        i = rules.topics.index(code_t)
        p_lev = float(rules.leverage[sc.player, i])
        r_lev = float(rules.leverage[sc.rival, i])

        def lev(x: float) -> str:
            return '<span class="off">cannot raise it</span>' if x <= 0 else f"{x:g}"

        rows.append(
            f"<tr><td><b>{esc(topic.name)}</b></td><td>{esc(topic.description)}</td>"
            f'<td class="num">{lev(p_lev)}</td><td class="num">{lev(r_lev)}</td></tr>'
        )
    body.append(
        f"<p>Every contact is about one topic. Leverage is what a side can offer on it.</p><table><thead><tr>"
        f'<th>Topic</th><th>About</th><th class="num">{esc(player.name)}</th><th class="num">'
        f"{esc(rival.name)}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )

    # ----------------------------------------------------------------------------------------- dossiers
    body.append("<h2>Country dossiers</h2>")
    body.append(
        '<p class="small">'
        + (
            "Under fog you see where a country stands in words, not numbers. "
            if fog
            else "Alignment: −100 with Moscow, +100 with Washington. "
        )
        + "Quoted passages are copied from the source articles; a dashed border marks a fact stated in our own "
        "words (that article survives only in a machine-paraphrased copy).</p>"
    )
    topic_names = list(rules.labels.topics)
    group_names = {code_g: g.name for code_g, g in doc.groups.items()}
    for region_code, region in doc.regions.items():
        members = [(code_c, c) for code_c, c in doc.countries.items() if c.region == region_code]
        if not members:
            continue
        body.append(f"<h3>{esc(region.name)}</h3>")
        for code_c, country in members:
            ci = rules.countries.index(code_c)
            interests = rules.interest_start[ci]
            ranked = [int(t) for t in np.argsort(-np.abs(interests), kind="stable")[:4]]
            cares = ", ".join(
                f"{esc(topic_names[t])} ({_interest_words(float(interests[t]))})"
                for t in ranked
                if abs(interests[t]) >= 0.5
            )
            ties = ", ".join(
                f"{esc(doc.tie_kinds[k].name.lower())} ({v:g})" for k, v in country.ties.items() if k in doc.tie_kinds
            )
            groups = ", ".join(esc(group_names[g]) for g, grp in doc.groups.items() if code_c in grp.members)
            extra = []
            if country.added:
                extra.append('<span class="tag">added by the game</span>')
            for rung in doc.commitments.rungs:
                if rung.open_to is not None and rung_open(rules, rung.id, ci):
                    extra.append(f'<span class="tag">{esc(rung.name.lower())}</span>')
            body.append(
                '<div class="box dossier">'
                f"<div><b>{esc(country.name)}</b> {' '.join(extra)}"
                f'<span style="float:right">{_alignment(country.alignment, fog)}</span></div>'
                f"<p>{esc(country.position)}</p>"
                + (f'<p class="small"><b>Answers</b>: {cares}</p>' if cares else "")
                + (f'<p class="small"><b>Ties</b>: {ties}</p>' if ties else "")
                + (f'<p class="small"><b>Groups</b>: {groups}</p>' if groups else "")
                + _sources(country.sources)
                + "</div>"
            )
    # ------------------------------------------------------------------------------------------ sources
    body.append("<h2>Sources</h2><ul>")
    for seed in doc.seeds:
        body.append(f"<li>seeds/{esc(seed)}</li>")
    body.append("</ul>")
    body.append(
        "<footer>Flood the Zone briefing handout. Positions and events cite the seed articles; the game's numbers "
        "(power, budgets, thresholds, points) are invented game weights. "
        f"{'Made for game code ' + esc(code) + '.' if code else ''}</footer>"
    )
    return page(f"{doc.title}: briefing", "\n".join(body))
