"""Turn report: what moved this week and why (each change split into its causes), the news, both sides' orders."""

from __future__ import annotations

import pygame

from game.classroom.promise_words import promise_news
from game.classroom.sources import cite_seed_short
from game.classroom.words import (
    band_step,
    bloc_brief,
    contact_lines,
    fog_delta,
    fogged,
    move_lines,
    possessive,
    shown_alignments,
    signed,
    track_lines,
    without_amount,
)
from game.dates import day_text
from game.engine import commitments_of

from .. import theme as T
from ..flow import Back, Flow, Open, Switch
from ..screen import Screen
from ..tutorial import note
from ..widgets import Ui
from .common import CAUSE_COLOURS, outcome_now


class ReportScreen(Screen):
    name = "report"

    def __init__(self, app, week_index: int | None = None):
        super().__init__(app)
        self.week_index = len(app.session.weeks) - 1 if week_index is None else week_index

    @property
    def week(self):
        return self.app.session.weeks[self.week_index]

    @property
    def state_after(self):
        """The state at the end of the week reported (a report opened from the debrief is about its week, not
        the end of the crisis)."""
        weeks = self.app.session.weeks
        return weeks[self.week_index + 1].state_before if self.week_index + 1 < len(weeks) else self.app.session.state

    @property
    def latest(self) -> bool:
        return self.week_index == len(self.app.session.weeks) - 1

    def proceed(self) -> Flow:
        app = self.app
        if len(app.stack) > 1 and app.stack[-2].name == "debrief":
            return Back()
        if app.session.is_over:
            return Switch("debrief")
        note(app, "next_week")
        return Back()

    def on_action(self, id: str, payload) -> Flow:
        if id == "continue":
            return self.proceed()
        if id == "menu":
            return Open("pause")
        return None

    def on_key(self, event) -> Flow:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
            return self.proceed()
        if event.key == pygame.K_ESCAPE:
            return Open("pause")
        if event.key in self.app.SCROLL_KEYS:
            self.app.scroll_by_key("report.moves", event.key)
            return True
        return False

    def state(self) -> dict:
        session = self.app.session
        return {
            "report_week": self.week.record.turn + 1,
            "moves": [m.text for m in move_lines(session, self.week)[:5]],
            "tracks": [t.text for t in track_lines(session, self.week)],
            "promises": [text for text, _ in promise_news(session, self.week)],
        }

    def draw(self, ui: Ui) -> None:
        app = self.app
        session = app.session
        sc = session.scenario
        rules = session.rules
        week = self.week
        w, h = app.size
        ui.rect(pygame.Rect(0, 0, w, h), T.BG)
        margin = ui.px(36)
        y = ui.px(26)
        turn = week.record.turn
        ui.text((margin, y), f"WEEK {turn + 1} OF {rules.n_turns} · RESOLVED", "semibold", 13, T.ACCENT)
        y += ui.px(22)
        label = sc.week_label(turn)
        ui.text((margin, y), label[:1].upper() + label[1:], "bold", 32, T.TEXT)
        after = self.state_after
        tier, s = outcome_now(rules, after)
        before = outcome_now(rules, week.state_before)[1]
        heading = "IF IT ENDED TODAY" if self.latest and not session.is_over else f"AFTER WEEK {turn + 1}"
        ui.text((w - margin, y - ui.px(20)), heading, "semibold", 11, T.TEXT_FAINT, "topright")
        if fogged(session):  # the tier, not the score; and whether the week changed it
            ui.text((w - margin, y), tier, "bold", 24, T.TEXT, "topright")
            was = outcome_now(rules, week.state_before)[0]
            change = f"was {was} before this week" if was != tier else "fog: the tier, not the score"
            ui.text((w - margin, y + ui.px(32)), change, "regular", 13, T.TEXT_DIM, "topright")
        else:
            ui.text((w - margin, y), f"{tier} · {s:.1f}", "bold", 24, T.TEXT, "topright")
            ui.text(
                (w - margin, y + ui.px(32)),
                f"{signed(s - before)} this week",
                "regular",
                13,
                T.delta_color(s - before),
                "topright",
            )
        by = y + ui.px(50)
        for text, good in bloc_brief(sc, commitments_of(rules, after)):  # a bloc blocked is news
            ui.text((w - margin, by), text, "semibold", 12, T.GOOD if good else T.BAD, "topright")
            by += ui.px(16)
        y += ui.px(62)
        bottom = h - ui.px(90)
        gap = ui.px(24)
        left_w = (w - 2 * margin - gap) * 60 // 100
        left = pygame.Rect(margin, y, left_w, bottom - y)
        right = pygame.Rect(left.right + gap, y, w - margin - left.right - gap, bottom - y)
        self._moves(ui, left)
        self._side(ui, right)
        week_no = session.turn + 1
        label = "See the debrief" if session.is_over else f"On to week {week_no}"
        ui.button(
            "continue",
            pygame.Rect(w - margin - ui.px(280), h - ui.px(70), ui.px(280), ui.px(48)),
            label,
            kind="primary",
            hint="Enter",
            size=17,
        )
        ui.button("menu", pygame.Rect(margin, h - ui.px(70), ui.px(120), ui.px(48)), "Menu", kind="ghost", hint="Esc")
        legend = [("your orders", "you"), ("Moscow's", "rival"), ("news", "event"), ("drift / peers", "drift")]
        if session.two_sided:  # both players read this report: name both sides
            sides = ((session.player, "you"), (session.rival, "rival"))
            legend[:2] = [(f"{possessive(rules.labels.actors[a])} orders", tag) for a, tag in sides]
        lx = margin + ui.px(150)
        for text, tag in legend:
            ui.rect(pygame.Rect(lx, h - ui.px(50), ui.px(10), ui.px(10)), CAUSE_COLOURS[tag], 2)
            r = ui.text((lx + ui.px(16), h - ui.px(46)), text, "regular", 12, T.TEXT_DIM, "midleft")
            lx = r.right + ui.px(18)

    def _moves(self, ui: Ui, rect: pygame.Rect) -> None:
        session = self.app.session
        lines = move_lines(session, self.week)
        ui.rect(rect, T.PANEL, ui.px(10))
        pad = ui.px(18)
        x, width = rect.x + pad, rect.width - 2 * pad
        y = ui.heading(x, rect.y + pad, f"What moved and why · {len(lines)} countries", width)
        ui.begin_scroll("report.moves", pygame.Rect(rect.x, y, rect.width, rect.bottom - y - ui.px(6)))
        if not lines:
            y = ui.paragraph(x, y, width, "Nothing moved this week.", size=15, color=T.TEXT_DIM)
        fog = fogged(session)
        if fog:  # what crossed into another band first; no order of size, no numbers
            lines.sort(key=lambda m: (band_step(m.before, m.after) == 0, m.name))
        for m in lines:
            swatch = shown_alignments([m.after], fog)[0]
            ui.rect(pygame.Rect(x, y + ui.px(3), ui.px(12), ui.px(12)), T.alignment_color(swatch), 3)
            ui.text((x + ui.px(20), y), m.name, "semibold", 16, T.TEXT)
            if fog:
                step = band_step(m.before, m.after)
                colour = T.delta_color(step) if step else T.TEXT_FAINT
                # The arrow says which way: "now leans to Washington" may be a step back from "firmly with".
                arrow = "▲ " if step > 0 else "▼ " if step < 0 else ""
                ui.text((x + ui.px(200), y + ui.px(2)), arrow + fog_delta(m.before, m.after), "symbold", 13, colour)
            else:
                ui.text((x + ui.px(200), y), signed(m.delta), "bold", 16, T.delta_color(m.delta))
                ui.text(
                    (x + width, y + ui.px(2)), f"{m.before:+.0f} → {m.after:+.0f}", "sym", 13, T.TEXT_DIM, "topright"
                )
            y += ui.px(24)
            runs = []
            for i, (text, delta, tag) in enumerate(m.causes):
                last = i == len(m.causes) - 1
                text = without_amount(text, delta) if fog else text
                runs.append(((" " if i else "") + text + ("" if last else ","), CAUSE_COLOURS.get(tag, T.TEXT_DIM)))
            y = ui.runs(x + ui.px(20), y, width - ui.px(20), runs, size=13) + ui.px(10)
        ui.end_scroll(y + pad)

    def _tracks(self, ui: Ui, x: int, y: int, width: int) -> int:
        """Each crisis track: where it went this week and why (talks with the rival, fading, the news)."""
        session = self.app.session
        rules = session.rules
        y = ui.heading(x, y, "The crisis tracks", width)
        lines = {t.track: t for t in track_lines(session, self.week)}
        for k, name in enumerate(rules.labels.tracks):
            line = lines.get(k)
            goal = float(rules.track_threshold[k])
            before = float(self.week.state_before.track[0, k])
            end = line.after if line else before  # a track without a recorded move did not move
            delta = end - before
            goal_text = f" · goal {goal:.0f}" if goal == goal else ""
            ui.text((x, y), name, "semibold", 14, T.TEXT, max_width=width - ui.px(150))
            ui.text(
                (x + width, y),
                f"{before:.0f} → {end:.0f}{goal_text}",
                "sym",
                12,
                T.GOOD if goal == goal and end >= goal else T.TEXT_DIM,
                "topright",
            )
            y += ui.px(20)
            if line and line.causes:
                runs = [
                    ((", " if i else "") + text, CAUSE_COLOURS.get(tag, T.TEXT_DIM))
                    for i, (text, _, tag) in enumerate(line.causes)
                ]
                y = ui.runs(x + ui.px(12), y, width - ui.px(12), runs, size=12) + ui.px(6)
            elif abs(delta) < 0.05:
                y = ui.paragraph(x + ui.px(12), y, width - ui.px(12), "unchanged", size=12, color=T.TEXT_FAINT)
                y += ui.px(4)
        return y

    def _side(self, ui: Ui, rect: pygame.Rect) -> None:
        session = self.app.session
        sc = session.scenario
        week = self.week
        ui.rect(rect, T.PANEL, ui.px(10))
        pad = ui.px(18)
        x, width = rect.x + pad, rect.width - 2 * pad
        ui.begin_scroll("report.side", rect.inflate(-2, -ui.px(12)))
        y = rect.y + pad
        if session.rules.tracks:
            y = self._tracks(ui, x, y, width) + ui.px(8)
        y = ui.heading(x, y, "News this week", width)
        if not week.record.events:
            y = ui.paragraph(x, y, width, "A quiet week: no dated events.", size=14, color=T.TEXT_DIM) + ui.px(8)
        for ev_out in week.record.events:
            ev = sc.event(ev_out.event)
            raised_by = session.rules.events[ev_out.event].raised_by
            escalation = f"{session.rules.labels.actors[raised_by]} escalates" if raised_by >= 0 else None
            when = escalation or (day_text(ev.date, "%B") if ev.date else "This week")
            ui.text((x, y), when.upper(), "semibold", 11, T.ACCENT)
            y += ui.px(18)
            y = ui.paragraph(x, y, width, ev.headline, "semibold", 15) + ui.px(2)
            if ev.body:
                y = ui.paragraph(x, y, width, ev.body, size=13, color=T.TEXT_DIM) + ui.px(2)
            if ev.sources:
                src = ev.sources[0]
                y = ui.paragraph(
                    x + ui.px(10),
                    y,
                    width - ui.px(10),
                    f"“{src.passage}” — {cite_seed_short(src.seed)}",
                    size=11,
                    color=T.TEXT_FAINT,
                    max_lines=3,
                )
            elif ev.invented:
                y = ui.paragraph(
                    x, y, width, "A what-if event of the game, not in the sources.", size=11, color=T.TEXT_FAINT
                )
            y += ui.px(12)
        said = promise_news(session, week)
        if said:
            y = ui.heading(x, y + ui.px(4), "Promises", width)
            tones = {"good": T.GOOD, "bad": T.BAD, "note": T.ACCENT}
            for text, tone in said:
                y = ui.paragraph(x, y, width, text, size=13, color=tones[tone]) + ui.px(4)
            y += ui.px(8)
        for actor, title in (
            (
                session.player,
                f"{possessive(session.rules.labels.actors[session.player])} orders"
                if session.two_sided
                else "Your orders",
            ),
            (
                session.rival,
                f"{session.rules.labels.actors[session.rival]}'s {'orders' if session.two_sided else 'moves'}",
            ),
        ):
            y = ui.heading(x, y + ui.px(4), title, width)
            lines = contact_lines(session, week, actor)
            if not lines:
                y = ui.paragraph(x, y, width, "No orders this week.", size=13, color=T.TEXT_DIM) + ui.px(4)
            for text, total in lines:
                y2 = ui.paragraph(x, y, width - ui.px(60), text, size=13)
                if not fogged(session):
                    ui.text((x + width, y), signed(total), "semibold", 13, T.delta_color(total), "topright")
                y = y2 + ui.px(4)
            y += ui.px(8)
        ui.end_scroll(y + pad)
