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


def esc(text) -> str:
    return html.escape(str(text), quote=True)


def page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(title)}</title>'
        f'<meta name="generator" content="Flood the Zone {esc(__version__)}">'
        f"<style>{CSS}</style></head><body>\n{body}\n</body></html>\n"
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
