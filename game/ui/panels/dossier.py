"""A country's dossier: its name, alignment and commitment scale, the order builder, its position and sources,
its alignment so far, the commitments it would make if the crisis ended now, and its ties."""

from __future__ import annotations

import math

import pygame

from game.classroom.sources import cite_seed_short
from game.classroom.words import (
    alignment_word,
    band_change,
    band_step,
    commitment_status,
    fogged,
    ladder_steps,
    relevant,
    shown_alignments,
    signed,
    trend,
)
from game.engine import commitments_of

from .. import theme as T
from ..charts import line_chart
from ..flow import Flow
from ..screens.common import band_bracket
from ..tutorial import note
from ..widgets import Ui
from .base import Panel


class Dossier(Panel):
    def on_action(self, id: str, payload) -> Flow:
        if id == "close_dossier":
            self.screen.select(None)
            self.screen.tab = "countries"
            note(self.app, "open_country_list")
        return None

    def draw(self, ui: Ui, rect: pygame.Rect) -> None:
        session = self.session
        rules = self.rules
        sc = session.scenario
        c = self.screen.selected
        doc_c = sc.country(c)
        a = float(session.alignment()[c])
        pad = ui.px(14)
        x, width = rect.x + pad, rect.width - 2 * pad - ui.px(4)
        ui.begin_scroll("map.panel", rect)
        y = rect.y
        # header
        ui.text((x, y), doc_c.name, "bold", 24, T.TEXT, max_width=width - ui.px(90))
        ui.button(
            "close_dossier",
            pygame.Rect(x + width - ui.px(28), y + ui.px(2), ui.px(28), ui.px(28)),
            "×",
            kind="ghost",
            reason="close the dossier",
            size=16,
        )
        y += ui.px(34)
        groups = [rules.labels.groups[g] for g in self.draft.groups_of(c)]
        sub = rules.labels.regions[rules.region_of[c]] + (" · " + ", ".join(groups) if groups else "")
        y = ui.paragraph(x, y, width, sub, size=12, color=T.TEXT_DIM) + ui.px(6)
        fog = fogged(session)
        if fog:  # the band, and whether it crossed into another one last week: no number
            band = shown_alignments([a], True)[0]
            ui.text((x, y), alignment_word(a), "bold", 22, T.alignment_color(band), max_width=width)
            change = band_change(session, c) or "start"
            step = band_step(*session.history()[-2:, c]) if session.weeks else 0
            ui.text((x, y + ui.px(30)), f"{change} · fog: bands, not numbers", "regular", 12, T.delta_color(step))
        else:
            ui.text((x, y), f"{a:+.0f}", "bold", 30, T.alignment_color(a))
            ui.text((x + ui.px(70), y + ui.px(4)), alignment_word(a), "semibold", 15, T.TEXT)
            d = trend(session, c)
            tr = f"{'▲' if d > 0 else '▼' if d < 0 else '■'} {signed(d)} last week" if session.weeks else "start"
            ui.text((x + ui.px(70), y + ui.px(24)), tr, "sym", 12, T.delta_color(d))
        y += ui.px(46)
        lines = session.state.thresholds[0, c]  # the lines as events have left them
        steps = ladder_steps(sc)
        marks = [float(lines[s.index, s.option]) for s in steps if not math.isnan(lines[s.index, s.option])]
        scale = pygame.Rect(x, y + ui.px(10), width, ui.px(8))
        if fog:
            ui.alignment_scale(scale, None, marks)
            band_bracket(ui, scale, a)
        else:
            ui.alignment_scale(scale, a, marks)
        y += ui.px(36)
        y = self.screen.drawn_by(self.screen.builder, ui, self.screen.builder.draw_at, ui, x, y, width) + ui.px(16)
        # position and its source
        y = ui.heading(x, y, "Position", width)
        y = ui.paragraph(x, y, width, doc_c.position, size=14) + ui.px(6)
        if doc_c.documented:
            y = ui.paragraph(x, y, width, f"Documented: {doc_c.documented}", size=12, color=T.TEXT_DIM) + ui.px(6)
        for src in doc_c.sources[:2]:
            qy = y
            inner = width - ui.px(16)
            h = ui.paragraph_height(inner, f"“{src.passage}”", "regular", 13) + ui.px(22)
            ui.rect(pygame.Rect(x, qy, ui.px(3), h), T.ACCENT)
            y = ui.paragraph(x + ui.px(12), qy, inner, f"“{src.passage}”", size=13, color=T.TEXT_DIM)
            ui.text((x + ui.px(12), y + ui.px(2)), f"— {cite_seed_short(src.seed)}", "regular", 11, T.TEXT_FAINT)
            y = qy + h + ui.px(8)
        if not doc_c.sources:
            y = ui.paragraph(
                x,
                y,
                width,
                "Added by the game; the sources do not mention it in this crisis.",
                size=12,
                color=T.TEXT_FAINT,
            ) + ui.px(6)
        y += ui.px(8)
        # history
        y = ui.heading(x, y, "Alignment so far", width)
        hist = shown_alignments(session.history()[:, c], fog)  # under fog: the bands it was in
        # The best option of each rung only: a vote's lesser options would crowd the small chart.
        best = {}
        for step in steps:
            best[step.rung] = step
        th = [(float(lines[s.index, s.option]), s.label) for s in best.values()]
        th = [] if fog else th[:3]  # a band's middle beside a threshold would claim more than the band says
        chart = pygame.Rect(x + ui.px(30), y + ui.px(4), width - ui.px(34), ui.px(92))
        line_chart(ui, chart, [(hist, T.TEXT, 2)], rules.n_turns, thresholds=th)
        y = chart.bottom + ui.px(24)
        # commitments ladder
        y = ui.heading(x, y, "Commitments if it ended now", width)
        now = commitments_of(rules, session.state).level[0]
        for step in steps:
            t = float(lines[step.index, step.option])
            reached = int(now[c, step.index]) >= step.option
            if math.isnan(t):
                if not relevant(sc, step.rung, c):
                    continue
                status, colour = "not open to it", T.TEXT_FAINT
            else:
                status, tone = commitment_status(t, a, reached, fog)
                colour = {"good": T.GOOD, "close": T.ACCENT}.get(tone, T.TEXT_DIM)
            label, meaning = step.label, step.meaning
            status_w = ui.width_of(status, "sym", 12)
            r = ui.text((x, y), label, "regular", 13, T.TEXT, max_width=width - status_w - ui.px(10))
            ui.text((x + width, y), status, "sym", 12, colour, "topright")
            if meaning:
                ui.hotspot(
                    f"rung:{step.rung}.{step.option}",
                    pygame.Rect(x, y, r.width, r.height),
                    tooltip=f"{label}: {meaning}",
                )
            y += ui.px(21)
        y += ui.px(10)
        # ties
        ties = session.state.ties[0, c]
        shown = [(k, float(ties[k])) for k in range(len(rules.tie_kinds)) if ties[k] > 0.001]
        if shown:
            y = ui.heading(x, y, "Ties", width)
            for k, v in shown:
                weight = float(rules.tie_weight[k])
                colour = T.WASHINGTON if weight > 0 else T.MOSCOW
                ui.text(
                    (x, y),
                    sc.doc.tie_kinds[rules.tie_kinds[k]].name,
                    "regular",
                    13,
                    T.TEXT,
                    max_width=width - ui.px(110),
                )
                ui.bar(pygame.Rect(x + width - ui.px(100), y + ui.px(5), ui.px(100), ui.px(7)), v, 0, 1, colour)
                y += ui.px(21)
            ui.text(
                (x, y + ui.px(2)), "blue pulls toward Washington, orange toward Moscow", "regular", 11, T.TEXT_FAINT
            )
            y += ui.px(24)
        ui.end_scroll(y + ui.px(10))
