"""The pieces every printable page shares: one stylesheet (screen and A4 paper), escaping, figures and the
commitment ladder's cells.  Pages are single self-contained files: inline CSS, charts as inline SVG, no script, no
web font, nothing fetched."""

from __future__ import annotations

import html

import numpy as np

from game import __version__

from .palette import alignment_color, hex_color
from .words import commitment_levels, is_vote, option_word, top_option

CSS = """
:root { --ink:#14181e; --dim:#4f5866; --faint:#7c8594; --rule:#d9dde4; --wash:#2f6fb0; --mosc:#b8621d;
  --gold:#b07a1c; --good:#1e7a45; --bad:#b23a2e; --paper:#ffffff; --tint:#f4f6f9; }
* { box-sizing: border-box; }
html { background: #e9ecf0; }
body { font-family: "Inter", "Segoe UI", "Helvetica Neue", Helvetica, Arial, "DejaVu Sans", sans-serif;
  color: var(--ink); background: var(--paper); font-size: 10.5pt; line-height: 1.42; max-width: 800px;
  margin: 24px auto; padding: 28px 36px 40px; box-shadow: 0 1px 6px rgba(0,0,0,.12); }
h1 { font-size: 24pt; line-height: 1.1; margin: 2px 0 6px; letter-spacing: -0.01em; }
h2 { font-size: 14pt; margin: 26px 0 8px; padding-bottom: 3px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 11pt; margin: 14px 0 4px; }
p { margin: 4px 0 8px; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 8.5pt; font-weight: 600; color: var(--gold); }
.sub { color: var(--dim); font-size: 11pt; margin: 0 0 10px; }
.meta { color: var(--dim); font-size: 9pt; }
.code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-weight: 700; letter-spacing: .06em; }
.small { font-size: 8.5pt; color: var(--dim); }
.cards { display: flex; gap: 10px; margin: 12px 0 6px; flex-wrap: wrap; }
.card { flex: 1 1 0; min-width: 150px; border: 1px solid var(--rule); border-radius: 6px; padding: 8px 12px;
  background: var(--tint); break-inside: avoid; }
.card .label { font-size: 8pt; text-transform: uppercase; letter-spacing: .06em; color: var(--faint);
  font-weight: 600; }
.card .big { font-size: 16pt; font-weight: 700; line-height: 1.2; }
.card .note { font-size: 9pt; color: var(--dim); }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 4px 0 8px; }
th { text-align: left; font-size: 7.5pt; text-transform: uppercase; letter-spacing: .05em; color: var(--faint);
  border-bottom: 1.5px solid var(--ink); padding: 3px 5px; vertical-align: bottom; }
td { padding: 2.5px 5px; border-bottom: 1px solid var(--rule); vertical-align: top; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }  /* a heading may wrap: a wide table must not run off the page */
td.c, th.c { text-align: center; }
tr.total td { font-weight: 700; border-top: 1.5px solid var(--ink); border-bottom: none; }
.yes { color: var(--good); font-weight: 600; }
.no { color: var(--bad); }
.part { color: var(--gold); font-weight: 600; }
.off { color: var(--faint); }
.diff { background: #fff4dc; }
.pos { color: var(--wash); }
.neg { color: var(--mosc); }
.swatch { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin-right: 5px;
  vertical-align: baseline; border: 1px solid rgba(0,0,0,.15); }
figure { margin: 8px 0 12px; break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 8.5pt; color: var(--dim); margin-top: 3px; }
.legend { font-size: 8.5pt; color: var(--dim); }
.legend i { display: inline-block; width: 18px; height: 0; border-top: 2.5px solid; vertical-align: middle;
  margin: 0 4px 0 10px; }
.week { border-top: 1px solid var(--rule); padding: 6px 0 4px; }
.week li, .week h3 { break-inside: avoid; }
.week h3, .week .cols > div > b { break-after: avoid; }
.week h3 { margin: 2px 0 3px; }
.week h3 .date { font-weight: 400; color: var(--dim); }
.week ul { margin: 2px 0 4px 0; padding-left: 16px; font-size: 9.5pt; }
.week li { margin: 1px 0; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 4px 18px; }
.tag { display: inline-block; font-size: 7.5pt; font-weight: 600; text-transform: uppercase; letter-spacing: .05em;
  padding: 0 5px; border-radius: 3px; background: var(--tint); color: var(--dim); border: 1px solid var(--rule); }
.news { color: var(--ink); }
.why, .week .why ul { font-size: 8.5pt; color: var(--dim); }
.why b { color: var(--ink); }
blockquote { margin: 5px 0 5px 0; padding: 3px 10px; border-left: 3px solid var(--gold); color: #2a2f38; }
blockquote.para { border-left-style: dashed; border-left-color: var(--faint); }
blockquote cite { display: block; font-style: normal; font-size: 8pt; color: var(--faint); margin-top: 1px; }
.q { break-inside: avoid; margin: 10px 0 14px; }
.q .prompt { font-weight: 600; }
.q .fact { font-size: 9.5pt; background: var(--tint); padding: 3px 8px; border-radius: 4px; display: inline-block;
  margin: 2px 0; }
.q .lines { border-bottom: 1px solid var(--rule); height: 22px; }
.bar { display: inline-block; height: 8px; background: var(--wash); border-radius: 2px; vertical-align: middle; }
.bar.low { background: var(--mosc); }
.box { border: 1px solid var(--rule); border-radius: 6px; padding: 8px 12px; margin: 8px 0; break-inside: avoid; }
.warn { border-color: #e3b04b; background: #fff8e6; }
.dossier p { margin: 3px 0; }
.dossier blockquote { font-size: 9pt; }
table.calendar td { height: 26px; }
footer { margin-top: 28px; padding-top: 8px; border-top: 1px solid var(--rule); font-size: 8pt; color: var(--faint); }
.pagebreak { break-before: page; }
@page { size: A4; margin: 13mm 12mm 14mm; }
@media print {
  html { background: none; }
  body { margin: 0; padding: 0; max-width: none; box-shadow: none; font-size: 9.5pt; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


# The handout's pieces (student sheet, dossier pack, decision memo, reflection): sized so that the sheet's two
# pages hold on A4 and on Letter (Letter is the shorter page, A4 the narrower), nothing wider than the page.
HANDOUT_CSS = """
.asof { float: right; color: var(--dim); text-transform: none; letter-spacing: 0; font-weight: 400; }
.nameline { display: flex; gap: 14px; margin: 6px 0 4px; font-size: 9.5pt; }
.nameline span { display: flex; align-items: flex-end; gap: 5px; white-space: nowrap; }
.nameline span:nth-child(1) { flex: 3 1 0; }
.nameline span:nth-child(2), .nameline span:nth-child(3) { flex: 1.3 1 0; }
.nameline span:nth-child(4) { flex: 0 1 auto; white-space: normal; }
.nameline i { flex: 1 1 auto; border-bottom: 1px solid var(--ink); height: 1.1em; min-width: 30px; }
.sheet, .memo, .dossier, .q, .answer { max-width: 100%; overflow-wrap: anywhere; }
.sheet h1 { font-size: 19pt; margin: 4px 0 2px; }
.sheet h2 { font-size: 11pt; margin: 8px 0 3px; padding-bottom: 1px; border-bottom-width: 1.5px; }
.sheet h3 { margin: 7px 0 2px; }
.sheet p, .sheet li { margin: 2px 0 3px; }
.sheet ol { margin: 2px 0 4px; padding-left: 20px; }
.sheet .box { margin: 4px 0; padding: 5px 10px; }
.sheet table { margin: 2px 0 4px; }
.sheet table.calendar td { height: 20px; padding-top: 1px; padding-bottom: 1px; }
.sheet table td { padding-top: 1.5px; padding-bottom: 1.5px; }
.sheet table.calendar td.plan { width: 66%; }
.sheet table.calendar tr.history td, .sheet table.calendar tr.end td { height: auto; color: var(--dim); }
table.stand td:first-child { white-space: nowrap; width: 28%; }
dl.glossary { columns: 2; column-gap: 18px; margin: 2px 0; font-size: 8pt; line-height: 1.28; }
dl.glossary div { break-inside: avoid; margin: 0 0 3px; }
dl.glossary dt { display: inline; font-weight: 700; }
dl.glossary dt::after { content: ": "; }
dl.glossary dd { display: inline; margin: 0; }
.sheetfoot { font-size: 7.5pt; margin-top: 6px; border-top: 1px solid var(--rule); padding-top: 3px; }
.dossier { border: 1px solid var(--rule); border-radius: 6px; padding: 5px 10px; margin: 5px 0;
  break-inside: avoid; }
.dossier .dhead { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 8px; }
.dossier .dhead .standing { margin-left: auto; font-size: 9pt; }
.dossier p { margin: 2px 0; }
.dossier blockquote { font-size: 8.5pt; margin: 3px 0; padding: 1px 8px; }
h2.region { margin-top: 14px; }
table.topics td:nth-child(3), table.topics td:nth-child(4) { white-space: nowrap; }
ul.history { font-size: 8.5pt; margin: 2px 0 6px; padding-left: 16px; }
ul.history cite { font-style: normal; color: var(--faint); overflow-wrap: anywhere; }
.hint { font-size: 8.5pt; color: var(--dim); margin: 0 0 2px; }
.answer .line { border-bottom: 1px solid #9aa2ae; height: 25px; }
.memo h2 { font-size: 12pt; margin: 10px 0 2px; border-bottom-width: 1.5px; }
table.orders td { height: 30px; border-bottom: 1px solid #9aa2ae; }
table.orders td + td, table.orders th + th { border-left: 1px solid var(--rule); }
.q { margin: 10px 0 12px; }
.q .prompt { margin-bottom: 1px; }
.real { font-size: 9pt; }
.real ul { margin: 3px 0; padding-left: 18px; }
.real cite { display: block; font-style: normal; font-size: 7.5pt; color: var(--faint); overflow-wrap: anywhere; }
table.score td:first-child { width: 64%; }
@media print {
  .sheet { font-size: 8.8pt; line-height: 1.34; }
  .sheet.tight { font-size: 8.3pt; line-height: 1.3; }
  .sheet.tight h2 { margin: 6px 0 2px; }
  .sheet.tight dl.glossary { font-size: 7.8pt; }
  .memo { font-size: 9pt; }
}
"""


def esc(text) -> str:
    return html.escape(str(text), quote=True)


# Paper sizes a handout is laid out for (``@page`` size); a report flows onto any paper and keeps A4.
PAPER_SIZES = {"a4": "A4", "letter": "letter"}


def page(title: str, body: str, paper: str = "a4") -> str:
    size = PAPER_SIZES.get(paper, "A4")
    paper_css = "" if size == "A4" else f"@page {{ size: {size}; }}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(title)}</title>'
        f'<meta name="generator" content="Flood the Zone {esc(__version__)}">'
        f"<style>{CSS}{HANDOUT_CSS}{paper_css}</style></head><body>\n{body}\n</body></html>\n"
    )


def figure(svg: str, caption: str = "") -> str:
    """A chart (inline SVG from ``charts``, which names itself for screen readers) with its caption."""
    cap = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{svg}{cap}</figure>"


def alignment_class(x: float) -> str:
    return "pos" if x >= 25 else "neg" if x <= -25 else ""


def swatch(x: float) -> str:
    """A small square in the map's colour for an alignment (the same diverging scale as the game)."""
    return f'<span class="swatch" style="background:{hex_color(alignment_color(x))}"></span>'


# ------------------------------------------------------------------------------------- commitment ladder
# Which rungs are open and what they are called: ``words.open_rungs`` / ``words.rung_open`` (the game's own).


def rung_values(scenario, end) -> dict[str, np.ndarray]:
    """Per rung id, each country's option at ``end`` (a State, or an alignment (C,))."""
    return commitment_levels(scenario, end)


def rung_cell(scenario, rung: str, value: int) -> str:
    """A commitment in a table cell: a vote's option in the scenario's words, ✓ / ✗ for a pledge."""
    rules = scenario.rules
    if is_vote(rules, rung):
        word = option_word(rules, rung, value)
        cls = "yes" if int(value) == top_option(rules, rung) else "no" if int(value) == 0 else "part"
        return f'<span class="{cls}">{esc(word)}</span>'
    return '<span class="yes">✓</span>' if value else '<span class="off">✗</span>'
