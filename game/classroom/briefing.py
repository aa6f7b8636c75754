"""The briefing handout: a two-page student sheet per player, and a separate dossier pack.

    python -m game briefing SCENARIO [--part all|sheet|dossiers|memo|reflection] [--code CODE] [--turns N]

The **student sheet** (exactly two printed pages, A4 or Letter) holds a name line, the role card, the objectives,
how the score works in plain words, the calendar with a column for the student's plan, where every country
stands when the students take over, and a short glossary.  In two-sided play the rival's player gets a sheet of
their own.  The **dossier pack** (``dossiers``) holds one compact block per country with the source passages
its position rests on.  ``memo`` and ``reflection`` are the assessment kit's pages (``assessment``); ``all``
(the default, the old single handout) is the sheet followed by the dossier pack.

Positions are those of the week the students take over: a shorter game (``--turns``) plays the weeks before
as history went, through the same engine and dice as the game itself (:func:`takeover` runs a ``Session``), so
with a game code the handout shows exactly what every student will see on the first played week.

Sources are cited by title, outlet and date (``sources``), never by file name; a machine-paraphrased seed's
facts are stated in our own words, never quoted.  No model internals reach the page: standings are words
("leans to Washington"), ties and interests are words, never weights.
"""

from __future__ import annotations

import datetime as dt
import re

from game.dates import day_text
from game.scenario import Scenario
from game.sim.settings import DIFFICULTY_WORDS, FOG_BANDS, NOISE_WORDS, Settings, fog_band

from . import assessment, dossiers
from .glossary import glossary
from .html import esc, page, swatch
from .sources import cite_seed
from .takeover import Takeover, as_of_note, takeover
from .words import open_rungs

PARTS = ("all", "sheet", "dossiers", "memo", "reflection")
PAPERS = ("a4", "letter")


# ------------------------------------------------------------------------------------------- the sheet


def _name_line(side: str) -> str:
    return (
        '<div class="nameline"><span>Name <i></i></span><span>Class <i></i></span><span>Date <i></i></span>'
        f"<span>Role <b>{esc(side)}</b></span></div>"
    )


def _code_box(code: str | None, settings: Settings) -> str:
    if not code:
        return ""
    return (
        f'<div class="box codebox"><b>Game code <span class="code">{esc(code)}</span></b> - type it on the title '
        "screen: everyone with this code plays the same crisis with the same luck. "
        f'<span class="small">{esc(settings.describe())}: {esc(DIFFICULTY_WORDS.get(settings.difficulty, ""))}'
        f"{'; ' + esc(NOISE_WORDS[settings.noise]) if settings.difficulty == 'custom' else ''}.</span></div>"
    )


def _means(sc: Scenario, actor_code: str) -> str:
    doc, rules = sc.doc, sc.rules
    actor = doc.actors[actor_code]
    a = rules.actors.index(actor_code)
    deputies = [d for d in doc.deputies.values() if d.actor == actor_code]
    groups = [doc.groups[g].name for i, g in enumerate(rules.groups) if rules.group_conveners[a, i]]
    trips = (
        f" and {actor.visits} {'trip' if actor.visits == 1 else 'trips'} (up to {rules.visit_max_stops} capitals of "
        f"one region; the travel costs {rules.visit_travel_calls} calls)"
        if actor.visits
        else ", no trips"
    )
    text = f"<b>{esc(actor.principal)}</b>: {actor.calls} calls a week{trips}."
    if actor.engage:
        text += f" You may also talk to {esc(doc.actors[doc.rival if actor_code == doc.player else doc.player].name)}."
    if deputies:
        text += " Deputies, one call each a week: " + "; ".join(
            esc(d.name) + (f" ({esc(doc.topics[d.specialty].name)})" if d.specialty in doc.topics else "")
            for d in deputies
        )
        text += "."
    if groups:
        text += " Groups you can convene: " + ", ".join(esc(g) for g in groups) + "."
    return f"<p>{text}</p>"


def _usual_line(rung, fog: bool, player: str) -> str:
    """A rung's usual line in words ("leaning to Washington by 30 or more"); under fog only the direction."""
    if rung.options is None:
        value, what = rung.threshold, ""
    else:
        best = next((o for o in reversed(rung.options) if o.threshold is not None), None)
        value, what = (None, "") if best is None else (best.threshold, best.label)
    if value is None:
        return ""
    if fog:
        where = f"well toward {player}" if value >= 25 else "near the middle or better"
    elif value > 0:
        where = f"{player} side by {value:g} or more"
    elif value == 0:
        where = "the middle or better"
    else:
        where = f"even {-value:g} toward the other side"
    return esc(f"{what}: {where}" if what else where)


def _scoring(sc: Scenario, settings: Settings, side_is_player: bool) -> str:
    doc = sc.doc
    cal = doc.calendar
    player, rival = doc.actors[doc.player].name, doc.actors[doc.rival].name
    rows = "".join(
        f"<tr><td><b>{esc(name)}</b>: {esc(meaning)}</td>"
        f"<td>{_usual_line(doc.commitments.rung(rung), settings.fog, player)}</td></tr>"
        for rung, name, meaning in open_rungs(sc)
    )
    tiers = " · ".join(
        f"<b>{esc(t.name)}</b> from {t.min_score:g}" if t.min_score > 0 else f"<b>{esc(t.name)}</b> below that"
        for t in doc.commitments.tiers
    )
    ends = f"{day_text(cal.resolves)}{' (' + esc(cal.resolves_label) + ')' if cal.resolves_label else ''}"
    if side_is_player:
        intro = (
            f"On {ends} the game looks at where each country stands. The further it leans to {esc(player)}, "
            "the more it does for you: each commitment needs it past a line (each country has its own; the usual "
            "one is shown). Your score, 0 to 100, is the share of all the commitments that could be had that you "
            "get; big countries count more than small ones."
        )
    else:
        intro = (
            f"On {ends} the game looks at where each country stands. Every commitment a country keeps "
            f"away from {esc(player)} (no sanctions, no arms, an abstention or a no at the UN) lowers "
            f"{esc(player)}'s score, 0 to 100; your result is what {esc(player)} fails to win, so the lower its "
            "score, the better you did."
        )
    table = (
        f'<table class="score"><thead><tr><th>Commitment: what it means</th><th>Usual line</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    tracks = ""
    if doc.tracks:
        tracks = (
            "<p><b>Also scored</b>: "
            + "; ".join(
                f"{esc(t.name)}"
                + (f" - reach its goal for {esc(t.outcome)} (+{t.points:g} points)" if t.goal is not None else "")
                for t in doc.tracks.values()
            )
            + ".</p>"
        )
    side = esc(rival) + "'s" if not side_is_player else "The"
    return (
        f"<h2>How the score works</h2><p>{intro}</p>{table}{tracks}"
        f"<p>{side} outcome, by {esc(player)}'s score: {tiers}.</p>"
    )


def _calendar(sc: Scenario, point: Takeover, roomy: bool = False) -> str:
    """The weeks with a column for the plan; ``roomy``: the page has room for taller rows to write in."""
    cal = sc.doc.calendar
    first = point.week
    rows = []
    if first:
        last_history = cal.start + dt.timedelta(days=7 * (first - 1))
        rows.append(
            f'<tr class="history"><td class="num">1–{first}</td><td>{day_text(cal.start, "%b")} – '
            f"{day_text(last_history, '%b %Y')}</td><td>played as history went, before you take over</td></tr>"
        )
    # Fewer weeks leave room for more writing: the plan rows share about the space thirteen short ones take.
    height = max(20, min(40 if roomy else 28, (340 if roomy else 260) // max(1, cal.weeks - first)))
    for i in range(first, cal.weeks):
        day = cal.start + dt.timedelta(days=7 * i)
        rows.append(
            f'<tr style="height:{height}px"><td class="num">{i + 1}</td><td>{day_text(day, "%b %Y")}</td>'
            '<td class="plan"></td></tr>'
        )
    rows.append(
        f'<tr class="end"><td class="num">end</td><td><b>{day_text(cal.resolves, "%b %Y")}</b></td><td>'
        f"{esc(cal.resolves_label or 'the crisis resolves')}</td></tr>"
    )
    news = ""
    if point.news:
        shown = point.news[-6:]
        more = f" (and {len(point.news) - len(shown)} earlier)" if len(point.news) > len(shown) else ""
        news = f'<p class="small"><b>In history\'s weeks{more}</b>: ' + "; ".join(esc(h) for h in shown) + ".</p>"
    return (
        '<h2>Calendar</h2><table class="calendar"><thead><tr><th class="num">Week</th><th>Starts</th>'
        f"<th>Your plan</th></tr></thead><tbody>{''.join(rows)}</tbody></table>{news}"
    )


def _where_they_stand(sc: Scenario, point: Takeover) -> str:
    """Every country by band, Washington's friends first: the sheet's one-glance map."""
    countries = sc.doc.countries
    index = {code: sc.rules.countries.index(code) for code in countries}
    # A crisis with light entries (the whole General Assembly: 163 of them) names the capitals the articles name
    # and counts the rest, or the sheet's two pages would be three; the dossier pack has every one.
    counted = sum(1 for c in countries.values() if getattr(c, "added", False)) > LIGHT_ENTRIES_NAMED
    rows = []
    for band in reversed(FOG_BANDS):
        codes = [code for code in countries if fog_band(point.alignment[index[code]]).label == band.label]
        named = sorted(countries[c].name for c in codes if not (counted and getattr(countries[c], "added", False)))
        others = len(codes) - len(named)
        if others:
            named.append(f"{'and ' if named else ''}{others} other member{'s' if others > 1 else ''} of the UN")
        if codes:
            rows.append(
                f"<tr><td>{swatch(band.middle)}<b>{esc(band.label)}</b></td><td>{esc(', '.join(named))}</td></tr>"
            )
    return (
        f'<h2>Where they stand</h2><p class="small">{esc(as_of_note(point))} The dossier pack has each country in '
        f'full.</p><table class="stand"><tbody>{"".join(rows)}</tbody></table>'
    )


def _glossary(sc: Scenario) -> str:
    items = "".join(f"<div><dt>{esc(term)}</dt><dd>{esc(meaning)}</dd></div>" for term, meaning in glossary(sc.doc))
    return f'<h2>Glossary</h2><dl class="glossary">{items}</dl>'


def _rival_card(sc: Scenario) -> tuple[str, list[str]]:
    doc = sc.doc
    player, rival = doc.actors[doc.player], doc.actors[doc.rival]
    card = (
        f"You play {esc(rival.name)} ({esc(rival.principal)}), against {esc(player.name)}, a second player. "
        f"Your orders are secret: hand the machine over when you are done."
    )
    objectives = [
        f"Keep as many countries as you can from committing to {player.name}: every sanction, every delivery of "
        "arms, every yes at the UN you prevent lowers its score.",
        f"Hold on to the countries that lean your way; {player.name} will work on them too.",
        "Use what binds countries to you (energy, trade, arms) where it counts most: big countries weigh more.",
    ]
    return card, objectives


def sheet_body(sc: Scenario, settings: Settings, code: str | None, point: Takeover, side: str = "player") -> str:
    """The two pages of one player's sheet; ``side`` "rival" gives the second player's in two-sided play."""
    doc = sc.doc
    is_player = side == "player"
    actor_code = doc.player if is_player else doc.rival
    actor = doc.actors[actor_code]
    if is_player:
        card, objectives = esc(doc.role), list(doc.objectives)
    else:
        card, objectives = _rival_card(sc)
    head = (
        f'<div class="kicker">Student sheet · {esc(doc.title)} · {esc(actor.name)}'
        f'<span class="asof">as of {esc(point.label)}</span></div>'
    )
    first = [
        head,
        _name_line(actor.name),
        f"<h1>{esc(doc.title)}</h1>",
        f'<p class="sub">{esc(doc.subtitle)}</p>' if doc.subtitle else "",
        _code_box(code, settings),
        f"<h2>The situation</h2><p>{esc(doc.summary)}</p>",
        f'<h2>Your role: {esc(actor.name)}</h2><div class="box role">{card}</div>',
        "<h3>Objectives</h3><ol>" + "".join(f"<li>{esc(o)}</li>" for o in objectives) + "</ol>",
        "<h3>Your means each week</h3>" + _means(sc, actor_code),
        _scoring(sc, settings, is_player),
    ]
    # "Where they stand" goes on the first page when it has room (most crises), and the calendar's plan rows
    # get the room it leaves; on a full first page it follows the calendar on the second.
    stand = _where_they_stand(sc, point)
    roomy = _load("".join(first) + stand) <= PAGE_ONE_LOAD - STAND_MARGIN
    if roomy:
        first.append(stand)
    second = [
        f'<div class="kicker">Student sheet, page 2 · {esc(doc.title)} · {esc(actor.name)}</div>',
        _calendar(sc, point, roomy),
        "" if roomy else stand,
        _glossary(sc),
        '<p class="small sheetfoot">Sources: '
        + "; ".join(esc(cite_seed(s)) for s in doc.seeds)
        + ". The game's numbers (power, budgets, lines, points) are game rules, not facts.</p>",
    ]
    first_html, second_html = "".join(first), "".join(second)
    return (
        f'<section class="sheet{_fit(first_html, PAGE_ONE_LOAD)}">{first_html}</section>'
        f'<section class="sheet pagebreak{_fit(second_html, PAGE_TWO_LOAD)}">{second_html}</section>'
    )


# How much a sheet's page holds at the normal size, in characters of text plus a line's worth for every row,
# item and heading (measured in Chromium on A4 and Letter: Letter is the shorter page).  A fuller page is set a
# little smaller ("tight"); tests/classroom/test_handout_pdf.py prints every bundled scenario to check both.
PAGE_ONE_LOAD = 6250
LIGHT_ENTRIES_NAMED = 30  # more light entries than this are counted on the sheet, not named
PAGE_TWO_LOAD = 7400
LINE_LOAD = 90
# The table of where they stand prints taller than its load says (bands on wrapped lines): the first page takes
# it only with this much to spare.
STAND_MARGIN = 300


def _load(html: str) -> int:
    lines = len(re.findall(r"<(?:li|tr|h[123]|p|div)\b", html))
    return len(re.sub(r"<[^>]+>", "", html)) + LINE_LOAD * lines


def _fit(html: str, capacity: int) -> str:
    return " tight" if _load(html) > capacity else ""


def sheets_body(sc: Scenario, settings: Settings, code: str | None, point: Takeover) -> str:
    """One sheet per player: two in two-sided play (each starting on a new page)."""
    parts = [sheet_body(sc, settings, code, point, "player")]
    if settings.two_sided:
        parts.append('<div class="pagebreak"></div>' + sheet_body(sc, settings, code, point, "rival"))
    return "".join(parts)


# ---------------------------------------------------------------------------------------------- pages


def render_part(
    part: str,
    sc: Scenario,
    settings: Settings | None = None,
    code: str | None = None,
    seed: int | None = None,
    paper: str = "a4",
) -> str:
    """One part of the handout as a self-contained page (``PARTS``)."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}: choose one of {', '.join(PARTS)}")
    settings = settings or Settings()
    point = takeover(sc, settings, seed)
    title = sc.doc.title
    if part == "sheet":
        return page(f"{title}: student sheet", sheets_body(sc, settings, code, point), paper)
    if part == "dossiers":
        return page(f"{title}: dossier pack", dossiers.dossier_body(sc, settings, point, code), paper)
    if part == "memo":
        return page(f"{title}: decision memo", assessment.memo_body(sc, settings, point, code), paper)
    if part == "reflection":
        return page(f"{title}: reflection", assessment.reflection_body(sc, settings, code), paper)
    body = sheets_body(sc, settings, code, point) + '<div class="pagebreak"></div>'
    return page(f"{title}: briefing", body + dossiers.dossier_body(sc, settings, point, code), paper)


def render_briefing(
    sc: Scenario, settings: Settings | None = None, code: str | None = None, seed: int | None = None
) -> str:
    """The whole handout in one page: the student sheet(s), then the dossier pack."""
    return render_part("all", sc, settings, code, seed)
