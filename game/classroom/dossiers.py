"""The dossier pack: one compact block per country, as of the week the students take over.

Each block gives where the country stands (in words), its documented position, what it answers to, what binds
it, the groups it belongs to and the passages its position rests on, cited by title, outlet and date.  A passage
several countries share (the Bucharest Nine's statement, say) is printed once and named after that.  Nothing of
the model shows: no weights, no tie strengths, no raw alignments - words only.
"""

from __future__ import annotations

import numpy as np

from game.dates import day_text
from game.scenario import Scenario
from game.sim.settings import Settings

from .html import esc
from .questions import shown_source
from .sources import cite_public, cite_seed, cite_seed_short
from .takeover import Takeover, as_of_note, standing_words
from .words import rung_open

MAX_SOURCES = 2  # passages per country on paper; the scenario file has them all


def interest_words(weight: float) -> str:
    if weight < 0:
        return "backfires"
    if weight >= 1.4:
        return "listens closely"
    if weight >= 0.9:
        return "listens"
    return "some interest"


def tie_words(strength: float) -> str:
    if strength >= 0.7:
        return "strong"
    if strength >= 0.4:
        return "real"
    return "slight"


def leverage_words(value: float) -> str:
    if value <= 0:
        return "nothing to offer"
    if value >= 1.1:
        return "strong"
    if value >= 0.7:
        return "good"
    return "some"


def _lower_first(name: str) -> str:
    """ "Alliance with the United States" inside a sentence: only the first letter drops to lower case."""
    return name[:1].lower() + name[1:]


def _topics(sc: Scenario) -> str:
    doc, rules = sc.doc, sc.rules
    player, rival = doc.actors[doc.player].name, doc.actors[doc.rival].name
    rows = []
    for code_t, topic in doc.topics.items():
        i = rules.topics.index(code_t)
        offers = [float(rules.leverage[side, i]) for side in (sc.player, sc.rival)]
        cells = "".join(f'<td class="{"off" if x <= 0 else ""}">{leverage_words(x)}</td>' for x in offers)
        rows.append(f"<tr><td><b>{esc(topic.name)}</b></td><td>{esc(topic.description)}</td>{cells}</tr>")
    return (
        '<h2>Topics</h2><p class="small">Every contact is about one topic. What each side can offer on it:</p>'
        f'<table class="topics"><thead><tr><th>Topic</th><th>About</th><th>{esc(player)}</th><th>{esc(rival)}</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _sources_html(country_name: str, sources, seen: dict[tuple[str, str], str]) -> str:
    """The country's passages; one printed before for another country is named, not repeated."""
    out, again = [], []
    for src in sources[:MAX_SOURCES]:
        shown = shown_source(src)
        key = (src.seed, shown.text)
        if key in seen:
            again.append(seen[key])
            continue
        seen[key] = country_name
        cite = esc(cite_seed_short(src.seed))
        if shown.quoted:
            out.append(f"<blockquote>“{esc(shown.text)}”<cite>{cite}</cite></blockquote>")
        else:
            out.append(f'<blockquote class="para">{esc(shown.text)}<cite>{cite} - in our words</cite></blockquote>')
    if again:
        names = ", ".join(esc(n) for n in dict.fromkeys(again))
        out.append(f'<p class="small">Also rests on the passage quoted for {names}.</p>')
    return "".join(out)


def _block(sc: Scenario, settings: Settings, point: Takeover, code_c: str, seen) -> str:
    doc, rules = sc.doc, sc.rules
    country = doc.countries[code_c]
    ci = rules.countries.index(code_c)
    topic_names = list(rules.labels.topics)
    interests = point.interest[ci]
    ranked = [int(t) for t in np.argsort(-np.abs(interests), kind="stable")[:4] if abs(interests[t]) >= 0.5]
    answers = ", ".join(f"{esc(topic_names[t])} ({interest_words(float(interests[t]))})" for t in ranked)
    ties = ", ".join(
        f"{esc(_lower_first(doc.tie_kinds[k].name))} ({tie_words(v)})"
        for k, v in country.ties.items()
        if k in doc.tie_kinds and v > 0
    )
    groups = ", ".join(esc(g.name) for g in doc.groups.values() if code_c in g.members)
    tags = []
    if country.added:
        tags.append('<span class="tag">added by the game</span>')
    # A rung open only to a few (energy help: the producers) is worth naming where it is open; a rung open to
    # all is worth naming where this country's own rules close it (a neutral state's arms).
    rungs = [r for r in doc.commitments.rungs if rung_open(rules, r.id)]
    can = [r.name for r in rungs if r.open_to is not None and rung_open(rules, r.id, ci)]
    cannot = [r.name for r in rungs if r.open_to is None and not rung_open(rules, r.id, ci)]
    if can:
        tags.append(f'<span class="tag">can give: {esc(", ".join(can).lower())}</span>')
    if cannot:
        tags.append(f'<span class="tag">cannot give: {esc(", ".join(cannot).lower())}</span>')
    facts = "".join(
        f'<p class="small"><b>{label}</b>: {text}</p>'
        for label, text in (("Answers to", answers), ("Ties", ties), ("Groups", groups))
        if text
    )
    return (
        '<div class="dossier">'
        f'<div class="dhead"><b>{esc(country.name)}</b> {" ".join(tags)}'
        f'<span class="standing">{standing_words(float(point.alignment[ci]), settings.fog)}</span></div>'
        f"<p>{esc(country.position)}</p>{facts}{_sources_html(country.name, country.sources, seen)}</div>"
    )


def _history(sc: Scenario, point: Takeover) -> str:
    """What happened in history's weeks, each event with its source: a seed article, or the public record for a
    real event the articles do not report; a what-if event says so."""
    if not point.events:
        return ""
    items = []
    for index in point.events:
        event = sc.event(index)
        when = f"{day_text(event.date)}: " if getattr(event, "date", None) else ""
        if event.invented:
            cite = "a what-if of this scenario, not in the sources"
        elif event.public_sources:
            cite = f"{cite_public(event.public_sources[0])} · {event.public_sources[0].url}"
        elif event.sources:
            cite = cite_seed_short(event.sources[0].seed)
        else:
            cite = ""
        source = f'<cite class="small"> - {esc(cite)}</cite>' if cite else ""
        items.append(f"<li>{esc(when)}<b>{esc(event.headline)}</b>{source}</li>")
    return f'<h2>In history\'s weeks</h2><ul class="history">{"".join(items)}</ul>'


def dossier_body(sc: Scenario, settings: Settings, point: Takeover, code: str | None = None) -> str:
    doc = sc.doc
    player, rival = doc.actors[doc.player].name, doc.actors[doc.rival].name
    body = [
        f'<div class="kicker">Dossier pack · {esc(doc.title)}{" · game code " + esc(code) if code else ""}'
        f'<span class="asof">as of {esc(point.label)}</span></div>',
        f"<h1>Country dossiers</h1><p>{esc(as_of_note(point))} A country's standing runs from firmly with "
        f"{esc(rival)} through on the fence to firmly with {esc(player)}"
        + ("; under fog you see only these words, as in the game." if settings.fog else ".")
        + " Quoted passages are copied from the articles; a dashed border marks a fact stated in our own words "
        "(that article survives only in a machine-paraphrased copy).</p>",
        '<p class="small"><b>The articles</b> (each quotation names its outlet and date): '
        + "; ".join(esc(cite_seed(s)) for s in doc.seeds)
        + ". The game's numbers (power, budgets, lines, points) are game rules, not facts.</p>",
        _history(sc, point),
        _topics(sc),
    ]
    seen: dict[tuple[str, str], str] = {}
    for region_code, region in doc.regions.items():
        members = [code_c for code_c, c in doc.countries.items() if c.region == region_code]
        if not members:
            continue
        blocks = "".join(_block(sc, settings, point, code_c, seen) for code_c in members)
        body.append(f'<h2 class="region">{esc(region.name)}</h2>{blocks}')
    return "".join(body)
