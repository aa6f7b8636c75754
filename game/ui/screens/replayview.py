"""Replays in the window: the viewer that steps through a game week by week (the list of replay files is
``replays.py``).

A replay is opened with ``game.classroom.replay.open_replay``, which re-plays every order sheet through the
engine: the viewer shows, for each week, the map after it, both sides' order sheets with what each order moved,
every country's move split into its causes, the crisis tracks and the news - the same records the turn report
reads.  A file that cannot be opened (cut short, from another version of the scenario, not a replay) is a
message in the window with open_replay's one line, never a crash.
"""

from __future__ import annotations

import numpy as np
import pygame

from game.classroom.replay import Replay
from game.classroom.words import contact_lines, move_lines, possessive, signed, track_lines
from game.dates import day_text
from game.engine import Kind

from .. import theme as T
from ..flow import Back, Flow
from ..screen import Screen
from ..widgets import Ui
from .common import CAUSE_COLOURS, outcome_now, zoom_action, zoom_buttons

# ---------------------------------------------------------------------------------------------- the viewer


class ReplayScreen(Screen):
    """One game, week by week: ← → (or the buttons) step, Home and End jump, Esc closes."""

    name = "replay"

    def __init__(self, app, replay: Replay, index: int = 0):
        super().__init__(app)
        self.replay = replay
        self.index = max(0, min(index, len(replay) - 1))
        self.rects: dict[str, pygame.Rect] = {}

    @property
    def session(self):
        return self.replay.session

    def go(self, index: int) -> None:
        if len(self.replay):
            index = max(0, min(index, len(self.replay) - 1))
            if index != self.index:
                self.app.scrolls.pop("replay.side", None)
                self.app.scrolls.pop("replay.news", None)
            self.index = index

    def on_action(self, id: str, payload) -> Flow:
        mv = self.app.mapview
        if id == "close":
            return Back()
        if id == "first":
            self.go(0)
        elif id == "prev":
            self.go(self.index - 1)
        elif id == "next":
            self.go(self.index + 1)
        elif id == "last":
            self.go(len(self.replay) - 1)
        elif id.startswith("week:"):
            self.go(payload)
        else:
            zoom_action(mv, id)
        return None

    def on_key(self, event) -> Flow:
        key = event.key
        steps = {
            pygame.K_LEFT: "prev",
            pygame.K_RIGHT: "next",
            pygame.K_HOME: "first",
            pygame.K_END: "last",
            pygame.K_w: "zoom:world",
            pygame.K_e: "zoom:europe",
            pygame.K_PLUS: "zoom:in",
            pygame.K_EQUALS: "zoom:in",
            pygame.K_KP_PLUS: "zoom:in",
            pygame.K_MINUS: "zoom:out",
            pygame.K_KP_MINUS: "zoom:out",
        }
        if key in steps:
            return self.on_action(steps[key], None) or True
        if key == pygame.K_ESCAPE:
            return Back()
        if key in self.app.SCROLL_KEYS:
            self.app.scroll_by_key("replay.side", key)
            return True
        return False

    def state(self) -> dict:
        if not len(self.replay):
            return {"replay_week": None, "replay_weeks": 0}
        frame = self.replay.frame(self.index)
        week = self.session.weeks[self.index]
        return {
            "replay_week": frame.number,
            "replay_weeks": len(self.replay),
            "replay_score": round(frame.score_after, 2),
            "replay_orders": {
                self.session.rules.actors[a]: [self.session.describe(o) for o in s.orders]
                for a, s in sorted(frame.sheets.items())
            },
            "replay_moves": [m.text for m in move_lines(self.session, week)[:5]],
        }

    # ------------------------------------------------------------------------------------------- draw

    def draw(self, ui: Ui) -> None:
        w, h = self.app.size
        ui.rect(pygame.Rect(0, 0, w, h), T.BG)
        top_h = ui.px(108)
        self._draw_top(ui, pygame.Rect(0, 0, w, top_h))
        if not len(self.replay):
            ui.paragraph(
                ui.px(40),
                top_h + ui.px(40),
                w - ui.px(80),
                "This replay has no week played yet: it was written before the first week ended. Its game can "
                "be continued from a save; there is nothing to step through.",
                size=17,
                color=T.TEXT_DIM,
            )
            return
        panel_w = max(ui.px(400), min(ui.px(560), w * 42 // 100))
        feed_h = ui.px(150)
        body = pygame.Rect(0, top_h, w - panel_w, h - top_h)
        self.rects = {
            "map": pygame.Rect(body.x, body.y, body.width, body.height - feed_h),
            "feed": pygame.Rect(body.x, body.bottom - feed_h, body.width, feed_h),
            "panel": pygame.Rect(w - panel_w, top_h, panel_w, h - top_h),
        }
        self._draw_map(ui, self.rects["map"])
        self._draw_news(ui, self.rects["feed"])
        self._draw_panel(ui, self.rects["panel"])

    def _draw_top(self, ui: Ui, rect: pygame.Rect) -> None:
        replay = self.replay
        session = self.session
        sc = session.scenario
        rules = session.rules
        ui.rect(rect, (14, 18, 25))
        ui.line((rect.x, rect.bottom - 1), (rect.right, rect.bottom - 1), T.LINE)
        pad = ui.px(18)
        x = rect.x + pad
        close_w = ui.px(110)
        ui.button(
            "close",
            pygame.Rect(rect.right - pad - close_w, rect.y + ui.px(12), close_w, ui.px(34)),
            "Close",
            hint="Esc",
            size=13,
        )
        source = replay.path.name if replay.path else "this game"
        kicker = f"Replay · {source}"
        if session.two_sided:
            kicker += " · two players"
        ui.text((x, rect.y + ui.px(10)), kicker.upper(), "semibold", 11, T.ACCENT, max_width=rect.width // 2)
        who = self._players_line()
        title = sc.title + (f" — {who}" if who else "")
        ui.text((x, rect.y + ui.px(26)), title, "bold", 19, T.TEXT, max_width=rect.width - 2 * pad - close_w - 20)
        n = len(replay)
        y = rect.y + ui.px(62)
        if not n:
            return
        frame = replay.frame(self.index)
        # the stepper: |◀ ◀ week ▶ ▶|, then one button per week
        bh = ui.px(32)
        bw = ui.px(44)
        ui.button("first", pygame.Rect(x, y, bw, bh), "|◀", enabled=self.index > 0, reason="the first week (Home)")
        ui.button(
            "prev",
            pygame.Rect(x + bw + ui.px(4), y, bw, bh),
            "◀",
            enabled=self.index > 0,
            reason="the week before (←)",
        )
        label_x = x + 2 * bw + ui.px(14)
        label = f"Week {frame.number} of {rules.n_turns}"
        r = ui.text((label_x, y + bh // 2), label, "bold", 16, T.TEXT, "midleft")
        nx = r.right + ui.px(12)
        ui.button("next", pygame.Rect(nx, y, bw, bh), "▶", enabled=self.index < n - 1, reason="the week after (→)")
        ui.button(
            "last",
            pygame.Rect(nx + bw + ui.px(4), y, bw, bh),
            "▶|",
            enabled=self.index < n - 1,
            reason="the last week played (End)",
        )
        sx = nx + 2 * bw + ui.px(20)
        cell = ui.px(30)
        room = rect.right - pad - sx
        per = max(1, room // (cell + ui.px(3)))
        start = max(0, min(self.index - per // 2, n - per))
        for i in range(start, min(n, start + per)):
            week_frame = replay.frame(i)
            tip = replay.scenario.week_label(i) + (
                " · played by the historical playbooks before the players took over" if week_frame.prelude else ""
            )
            ui.button(
                f"week:{i}",
                pygame.Rect(sx + (i - start) * (cell + ui.px(3)), y + ui.px(2), cell, bh - ui.px(4)),
                f"{i + 1}",
                payload=i,
                selected=i == self.index,
                kind="ghost" if week_frame.prelude and i != self.index else "secondary",
                size=12,
                reason=tip,
            )
        shown = min(n, start + per) - start
        note_x = sx + shown * (cell + ui.px(3)) + ui.px(10)
        first = session.first_turn
        note = f"plain numbers: weeks 1–{first}, played by history before the players took over"
        if first > 0 and note_x + ui.width_of(note, "regular", 11) < rect.right - pad:
            ui.text((note_x, y + bh // 2), note, "regular", 11, T.TEXT_FAINT, "midleft")

    def _players_line(self) -> str:
        session = self.session
        labels = session.rules.labels.actors
        parts = [f"{labels[a]}: {session.names[a]}" for a in session.humans if a in session.names]
        if not session.two_sided and parts:
            return f"{parts[0]} against the computer"
        return ", ".join(parts)

    def _draw_map(self, ui: Ui, rect: pygame.Rect) -> None:
        app = self.app
        frame = self.replay.frame(self.index)
        mv = app.mapview
        session = self.session
        if mv is None:
            ui.rect(rect, T.OCEAN)
            ui.paragraph(
                rect.x + ui.px(30),
                rect.y + ui.px(30),
                rect.width - ui.px(60),
                "The world map could not be loaded; the moves of the week are in the panel on the right.",
                size=16,
                color=T.TEXT_DIM,
            )
            return
        mv.resize(rect.size)
        alignment = frame.state_after.alignment[0]
        ui.surface.blit(mv.render(alignment, app.fonts, ui.scale, labels=app.settings["map_labels"]), rect.topleft)
        # The week's targets, in each side's colour: where the orders went.
        clip = ui.surface.get_clip()
        ui.surface.set_clip(rect)
        for actor, sheet in sorted(frame.sheets.items()):
            colour = T.WASHINGTON if actor == session.player else T.MOSCOW
            for order in sheet.orders:
                if order.kind == Kind.MULTILATERAL:
                    targets = [int(c) for c in np.flatnonzero(session.rules.group_members[order.group])]
                else:
                    targets = list(order.targets)
                for c in targets:
                    p = mv.screen_point(c)
                    if p is not None:
                        # side by side, above the country's name so that both stay readable
                        offset = -ui.px(5) if actor == session.player else ui.px(5)
                        centre = (p[0] + rect.x + offset, p[1] + rect.y - ui.px(13))
                        pygame.draw.circle(ui.surface, colour, centre, ui.px(5))
                        pygame.draw.circle(ui.surface, (20, 20, 20), centre, ui.px(5), 1)
        ui.surface.set_clip(clip)
        zoom_buttons(ui, rect, mv, wheel=False)  # the wheel scrolls the side panel here
        # legend: the scale and whose orders the dots are
        labels = session.rules.labels.actors
        lw = min(ui.px(300), rect.width - ui.px(40))
        legend = pygame.Rect(rect.x + ui.px(12), rect.bottom - ui.px(64), lw + ui.px(24), ui.px(54))
        ui.rect(legend, (14, 18, 25), ui.px(6))
        scale_rect = pygame.Rect(legend.x + ui.px(12), legend.y + ui.px(7), lw, ui.px(8))
        ui.alignment_scale(scale_rect)
        ui.text((scale_rect.x, scale_rect.bottom + ui.px(3)), f"◀ {labels[session.rival]}", "sym", 11, T.MOSCOW)
        ui.text(
            (scale_rect.right, scale_rect.bottom + ui.px(3)),
            f"{labels[session.player]} ▶",
            "sym",
            11,
            T.WASHINGTON,
            "topright",
        )
        ly = scale_rect.bottom + ui.px(22)
        lx = scale_rect.x
        for actor in (session.player, session.rival):
            colour = T.WASHINGTON if actor == session.player else T.MOSCOW
            pygame.draw.circle(ui.surface, colour, (lx + ui.px(5), ly + ui.px(7)), ui.px(5))
            r = ui.text((lx + ui.px(14), ly), f"{possessive(labels[actor])} orders", "regular", 11, T.TEXT_DIM)
            lx = r.right + ui.px(16)

    def _draw_news(self, ui: Ui, rect: pygame.Rect) -> None:
        session = self.session
        sc = session.scenario
        week = session.weeks[self.index]
        ui.rect(rect, (14, 18, 25))
        ui.line((rect.x, rect.y), (rect.right, rect.y), T.LINE)
        pad = ui.px(14)
        x, width = rect.x + pad, rect.width - 2 * pad
        y = ui.heading(x, rect.y + pad, "News this week", width)
        ui.begin_scroll("replay.news", pygame.Rect(rect.x, y, rect.width, rect.bottom - y - ui.px(6)))
        if not week.record.events:
            y = ui.paragraph(x, y, width, "A quiet week: no dated events.", size=13, color=T.TEXT_DIM)
        for ev_out in week.record.events:
            ev = sc.event(ev_out.event)
            when = day_text(ev.date, "%b") if ev.date else f"wk {week.record.turn + 1}"
            ui.text((x, y), when, "semibold", 12, T.ACCENT)
            y = ui.paragraph(x + ui.px(56), y, width - ui.px(60), ev.headline, size=13) + ui.px(2)
            if ev.body:
                y = ui.paragraph(x + ui.px(56), y, width - ui.px(60), ev.body, size=12, color=T.TEXT_DIM, max_lines=2)
            y += ui.px(6)
        ui.end_scroll(y + pad)

    def _draw_panel(self, ui: Ui, rect: pygame.Rect) -> None:
        session = self.session
        rules = session.rules
        frame = self.replay.frame(self.index)
        week = session.weeks[self.index]
        labels = rules.labels.actors
        ui.rect(rect, T.PANEL)
        ui.line((rect.x, rect.y), (rect.x, rect.bottom), T.LINE)
        pad = ui.px(16)
        x, width = rect.x + pad, rect.width - 2 * pad - ui.px(4)
        ui.begin_scroll("replay.side", rect.inflate(0, -ui.px(8)))
        y = rect.y + pad
        label = session.scenario.week_label(frame.index)
        ui.text((x, y), label[:1].upper() + label[1:], "bold", 20, T.TEXT, max_width=width)
        y += ui.px(30)
        tier, _ = outcome_now(rules, frame.state_after)
        delta = frame.score_after - frame.score_before
        score = f"{labels[session.player]}'s score {frame.score_after:.1f} ({signed(delta)}) · {tier}"
        ui.text((x, y), score, "semibold", 13, T.TEXT_DIM, max_width=width)
        y += ui.px(22)
        if frame.prelude:
            y = ui.paragraph(
                x,
                y,
                width,
                "Played at once by both sides' historical playbooks, before the players took over (a shorter game).",
                size=12,
                color=T.ACCENT,
            )
        y += ui.px(8)
        for actor in (session.player, session.rival):
            colour = T.WASHINGTON if actor == session.player else T.MOSCOW
            name = session.names.get(actor)
            who = (
                "the historical playbook"
                if frame.prelude
                else name or ("the computer" if actor not in session.humans else "")
            )
            title = f"{possessive(labels[actor])} orders" + (f" · {who}" if who else "")
            ui.rect(pygame.Rect(x, y + ui.px(3), ui.px(10), ui.px(10)), colour, 2)
            y = ui.heading(x + ui.px(16), y, title, width - ui.px(16))
            lines = contact_lines(session, week, actor)
            if not lines:
                y = ui.paragraph(x, y, width, "No orders this week.", size=13, color=T.TEXT_DIM) + ui.px(4)
            for text, total in lines:
                y2 = ui.paragraph(x, y, width - ui.px(60), text, size=13)
                ui.text((x + width, y), signed(total), "semibold", 13, T.delta_color(total), "topright")
                y = y2 + ui.px(4)
            y += ui.px(10)
        tracks = track_lines(session, week)
        if tracks:
            y = ui.heading(x, y, "The crisis tracks", width)
            for line in tracks:
                goal = f" · goal {line.goal:.0f}" if line.goal is not None else ""
                ui.text((x, y), line.name, "semibold", 13, T.TEXT, max_width=width - ui.px(150))
                ui.text(
                    (x + width, y), f"{line.before:.0f} → {line.after:.0f}{goal}", "sym", 12, T.TEXT_DIM, "topright"
                )
                y += ui.px(19)
                if line.causes:
                    runs = [
                        ((", " if i else "") + text, CAUSE_COLOURS.get(tag, T.TEXT_DIM))
                        for i, (text, _, tag) in enumerate(line.causes)
                    ]
                    y = ui.runs(x + ui.px(12), y, width - ui.px(12), runs, size=12) + ui.px(4)
            y += ui.px(10)
        moves = move_lines(session, week)
        y = ui.heading(x, y, f"What moved and why · {len(moves)} countries", width)
        if not moves:
            y = ui.paragraph(x, y, width, "Nothing moved this week.", size=13, color=T.TEXT_DIM)
        for m in moves:
            ui.rect(pygame.Rect(x, y + ui.px(3), ui.px(11), ui.px(11)), T.alignment_color(m.after), 3)
            ui.text((x + ui.px(18), y), m.name, "semibold", 14, T.TEXT, max_width=width - ui.px(190))
            ui.text((x + width - ui.px(96), y), signed(m.delta), "bold", 14, T.delta_color(m.delta), "topright")
            ui.text((x + width, y + ui.px(1)), f"{m.before:+.0f} → {m.after:+.0f}", "sym", 12, T.TEXT_DIM, "topright")
            y += ui.px(21)
            runs = [
                (
                    (" " if i else "") + text + ("" if i == len(m.causes) - 1 else ","),
                    CAUSE_COLOURS.get(tag, T.TEXT_DIM),
                )
                for i, (text, _, tag) in enumerate(m.causes)
            ]
            y = ui.runs(x + ui.px(18), y, width - ui.px(18), runs, size=12) + ui.px(8)
        ui.end_scroll(y + pad)
