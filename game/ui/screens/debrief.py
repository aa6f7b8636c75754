"""End of crisis debrief: result tier and score, the commitments table, alignment-over-time charts, and what
the historical playbook gives with the same seed."""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.classroom.handin import HandInError, hand_in, hand_in_refusal
from game.classroom.promise_words import tally_text
from game.classroom.words import (
    bloc_lines,
    chart_line,
    is_vote,
    open_rungs,
    option_word,
    players_words,
    rung_open,
    staff_use,
    top_option,
)
from game.dates import day_text
from game.engine import commitments_of, standing
from game.sim.loop import play, yardstick

from .. import paths
from .. import theme as T
from ..charts import line_chart
from ..flow import Flow, Open, Quit, Switch
from ..reports import open_in_browser, write_game_report
from ..screen import Screen
from ..widgets import Ui
from .common import game_code, side_colour, side_verdicts

HISTORY_LINE = (222, 168, 80)  # the historical playbook in gold, apart from the player's white


class DebriefScreen(Screen):
    name = "debrief"

    def __init__(self, app):
        super().__init__(app)
        self._history = None
        self.report_path = None  # the after-action report, once written (R)
        self.handed_in = None  # the file the game was last handed in as (H)

    def history_game(self):
        """The historical playbook with the same seed and rival: the yardstick of the debrief (in a two-sided
        game, both sides' historical playbooks)."""
        if self._history is None:
            # The same game the printed report measures against: its settings, prelude and rival.
            self._history = play(yardstick(self.app.session.spec), record=False)
        return self._history

    def write_report(self) -> Flow:
        """Write the after-action report: None when written, else the message saying why not."""
        path, problem = write_game_report(self.app.session)
        if path is None:
            return self.app.message("The report could not be written", problem)
        self.report_path = path
        self.app.toast(f"Report written: {path}", "good", 8)
        return None

    def open_report(self) -> Flow:
        if self.report_path is None:
            failed = self.write_report()
            if failed is not None:
                return failed
        problem = open_in_browser(self.report_path)
        if problem:
            return self.app.message("The report could not be opened", problem, "info")
        self.app.toast(f"Opened {self.report_path.name} in the web browser", "good")
        return None

    def ask_hand_in(self) -> Flow:
        """Open the folder picker for the hand-in (or the message saying why this game cannot be handed in)."""
        why = hand_in_refusal(self.app.session)
        if why:
            return self.app.message("This game cannot be handed in", why[:1].upper() + why[1:] + ".", "info")
        return Open(
            "folders",
            title="Hand in your game: choose the folder",
            pick="Hand in here",
            action=self.hand_in_to,
            start=self.app.settings.get("handin_folder", ""),
            note="Your teacher says where: a USB stick, a shared drive or a folder. The file is named after you, "
            "your class and the game code; nothing already there is replaced.",
        )

    def hand_in_to(self, folder) -> Flow:
        """Write the hand-in file into ``folder``: the place in a toast and on the debrief, or a message box
        that stays until acknowledged when the folder refuses it."""
        app = self.app
        try:
            path = hand_in(app.session, folder)
        except HandInError as exc:
            return app.message("This game cannot be handed in", str(exc), "info")
        except OSError as exc:
            app.alert(
                "The game was not handed in",
                f"{folder} did not take the file: {exc.strerror or exc}. Nothing was written there. Check that the "
                "stick is plugged in and not full or locked, or pick another folder (H), then tell your teacher.",
            )
            return None
        self.handed_in = path
        app.settings["handin_folder"] = str(folder)
        paths.store_settings(app.settings)  # a failure costs only where the next picker opens: the file is there
        app.toast(f"Handed in: {path.name} in {folder}", "good", 10)
        return None

    def on_action(self, id: str, payload) -> Flow:
        app = self.app
        if id == "handin":
            return self.ask_hand_in()
        if id == "title":
            return Switch("title")
        if id == "again":
            session = app.session
            return app.new_game(session.base_scenario, session.seed, session.settings)
        if id == "quit":
            return Quit(0)
        if id.startswith("week:"):
            return Open("report", week_index=payload)
        if id == "report":
            return self.write_report()
        if id == "open_report":
            return self.open_report()
        return None

    def on_key(self, event) -> Flow:
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.on_action("title", None)
        if event.key == pygame.K_ESCAPE:
            return Open("pause")
        if event.key == pygame.K_h and not event.mod & pygame.KMOD_CTRL:
            return self.ask_hand_in()
        if event.key in (pygame.K_r, pygame.K_o) and not event.mod & pygame.KMOD_CTRL:
            return self.on_action("report" if event.key == pygame.K_r else "open_report", None) or True
        return None

    def state(self) -> dict:
        session = self.app.session
        rules = session.rules
        tier, s = standing(rules, session.state)
        extra = {
            "report": str(self.report_path) if self.report_path else None,
            "handed_in": str(self.handed_in) if self.handed_in else None,
            "players": players_words(session),
            "staff_use": staff_use(session),
            "promises": tally_text(session, session.player),
        }
        if session.two_sided:
            hs = standing(rules, self.history_game().final)[1]
            extra["verdicts"] = [line for _, line, _ in side_verdicts(session, s, hs)]
        return {"score": round(s, 2), "tier": tier, **extra}

    def draw(self, ui: Ui) -> None:
        app = self.app
        session = app.session
        sc = session.scenario
        rules = session.rules
        w, h = app.size
        ui.rect(pygame.Rect(0, 0, w, h), T.BG)
        final = session.state.alignment
        tier, s = standing(rules, session.state)
        tier_i = [name for name, _ in rules.tiers].index(tier)
        hist = self.history_game()
        h_tier, hs = standing(rules, hist.final)
        margin = ui.px(36)
        y = ui.px(24)
        cal = sc.doc.calendar
        kicker = ui.text(
            (margin, y),
            f"{day_text(cal.resolves)} · {cal.resolves_label or 'the crisis resolves'}".upper(),
            "semibold",
            13,
            T.ACCENT,
            max_width=w - 2 * margin - ui.px(450),
        )
        players = players_words(session)
        if players:  # whose game this is, for the teacher walking past and for a screenshot handed in
            ui.text(
                (kicker.right + ui.px(16), y),
                f"Played by {players}",
                "semibold",
                13,
                T.TEXT,
                max_width=max(0, w - margin - ui.px(450) - kicker.right - ui.px(16)),
            )
        y += ui.px(24)
        r = ui.text((margin, y), tier, "bold", 40, T.TEXT)
        ui.text(
            (r.right + ui.px(18), r.bottom - ui.px(10)),
            f"score {s:.1f} / 100",
            "semibold",
            20,
            T.TEXT_DIM,
            "bottomleft",
        )
        desc = sc.doc.commitments.tiers[tier_i].description if tier_i < len(sc.doc.commitments.tiers) else ""
        y = r.bottom + ui.px(4)
        ui.text((margin, y), desc, "regular", 15, T.TEXT_DIM, max_width=w // 2)
        self._game_line(ui, margin, y + ui.px(31), w - 2 * margin)
        # comparison box
        box = pygame.Rect(w - margin - ui.px(430), ui.px(16), ui.px(430), ui.px(104))
        ui.rect(box, T.PANEL, ui.px(10))
        ui.rect(box, T.LINE, ui.px(10), width=1)
        both = " (both sides' playbooks)" if session.two_sided else ""
        ui.text((box.x + ui.px(16), box.y + ui.px(12)), f"HISTORY DID{both.upper()}", "semibold", 11, T.TEXT_FAINT)
        ui.text(
            (box.x + ui.px(16), box.y + ui.px(30)),
            f"{h_tier} · {hs:.1f}",
            "bold",
            20,
            T.TEXT,
            max_width=box.width - ui.px(32),
        )
        diff = s - hs
        verdict = (
            f"You did {abs(diff):.1f} points better than the historical playbook"
            if diff > 0.05
            else f"You did {abs(diff):.1f} points worse than the historical playbook"
            if diff < -0.05
            else "You matched the historical playbook"
        )
        if session.two_sided:  # who won, for each side: above the playbooks Washington's, below Moscow's
            vy = box.y + ui.px(58)
            for actor, line, won in side_verdicts(session, s, hs):
                mark = pygame.Rect(box.x + ui.px(16), vy + ui.px(4), ui.px(10), ui.px(10))
                ui.rect(mark, side_colour(session, actor), 2)
                colour = T.TEXT_DIM if won is None else T.GOOD if won else T.BAD
                ui.text((box.x + ui.px(32), vy), line, "semibold", 13, colour, max_width=box.width - ui.px(48))
                vy += ui.px(20)
        else:
            ui.paragraph(
                box.x + ui.px(16),
                box.y + ui.px(58),
                box.width - ui.px(32),
                verdict + " (same seed).",
                size=13,
                color=T.delta_color(diff),
                max_lines=2,
            )
        y += ui.px(60)
        bottom = h - ui.px(84)
        gap = ui.px(20)
        left_w = max(ui.px(560), (w - 2 * margin - gap) * 52 // 100)
        table = pygame.Rect(margin, y, left_w, bottom - y)
        charts = pygame.Rect(table.right + gap, y, w - margin - table.right - gap, bottom - y)
        self._table(ui, table, final[0], hist.final.alignment[0])
        self._charts(ui, charts, hist.alignment_history)
        by = h - ui.px(68)
        ui.button(
            "title",
            pygame.Rect(w - margin - ui.px(200), by, ui.px(200), ui.px(46)),
            "Title screen",
            kind="primary",
            hint="Enter",
            size=16,
        )
        ui.button(
            "again",
            pygame.Rect(w - margin - ui.px(390), by, ui.px(180), ui.px(46)),
            "Play it again",
            size=15,
            reason="the same crisis, seed and settings from week 1: the same dice, your new choices",
        )
        ui.button("quit", pygame.Rect(margin, by, ui.px(110), ui.px(46)), "Quit", kind="ghost", hint="^Q")
        open_x = w - margin - ui.px(390) - ui.px(10) - ui.px(150)
        report_x = open_x - ui.px(8) - ui.px(130)
        handin_x = report_x - ui.px(8) - ui.px(130)
        refusal = hand_in_refusal(session)
        ui.button(
            "handin",
            pygame.Rect(handin_x, by, ui.px(130), ui.px(46)),
            "Hand in",
            hint="H",
            size=15,
            kind="secondary" if refusal else "primary",
            reason=f"not this game: {refusal}"
            if refusal
            else "copy this game to a USB stick or a shared folder for your teacher",
        )
        ui.button(
            "report",
            pygame.Rect(report_x, by, ui.px(130), ui.px(46)),
            "Report",
            hint="R",
            size=15,
            reason="write the after-action report (HTML, printable) into the reports folder",
        )
        ui.button(
            "open_report",
            pygame.Rect(open_x, by, ui.px(150), ui.px(46)),
            "Open report",
            hint="O",
            size=15,
            reason="open the after-action report in the web browser (written first if need be)",
        )
        note_x, note_w = margin + ui.px(130), handin_x - margin - ui.px(136)
        if self.report_path:  # the folder in words, the whole path on hover (it is long on every system)
            r = ui.text((note_x, by + ui.px(4)), "Report saved in reports/", "regular", 12, T.TEXT_DIM)
            r2 = ui.text((note_x, r.bottom), self.report_path.name, "semibold", 12, T.TEXT, max_width=note_w)
            ui.hotspot("report_path", r.union(r2), tooltip=f"{self.report_path}\nO opens it in the web browser")
        else:
            ui.text(
                (note_x, by + ui.px(23)),
                "Open any week's report below the charts.",
                "regular",
                12,
                T.TEXT_FAINT,
                "midleft",
                max_width=note_w,
            )

    def _game_line(self, ui: Ui, x: int, y: int, width: int) -> None:
        """The game code and its settings (the teacher reads them off the screen), and the replay file the
        student hands in."""
        app = self.app
        session = app.session
        right = x + width
        code, _ = game_code(app)
        if code:
            r = ui.text((x, y), "GAME CODE", "semibold", 11, T.TEXT_FAINT, "midleft")
            r = ui.text((r.right + ui.px(8), y), code, "bold", 15, T.ACCENT, "midleft")
            x = r.right + ui.px(14)
        parts = [session.settings.describe(), f"seed {session.seed}"]
        if session.settings.staff != 0:  # "staff off" is in the settings already
            parts.append(staff_use(session, limit_too=False))
        kept_word = tally_text(session, session.player)
        if kept_word:
            parts.insert(0, kept_word)
        if session.settings.fog:
            parts.append("the fog has lifted: these are the exact numbers")
        recorder = app.recorder
        if self.handed_in is not None:
            replay, colour = f"handed in: {self.handed_in}", T.GOOD
        elif app.replay_problem:
            replay, colour = app.replay_problem, T.BAD
        elif recorder is not None and recorder.session is session and recorder.path.exists():
            replay, colour = f"replay saved: replays/{recorder.path.name}", T.TEXT_DIM
        else:
            replay, colour = "", T.TEXT_DIM
        r = ui.text((x, y), "  ·  ".join(parts), "regular", 12, T.TEXT_DIM, "midleft", max_width=right - x)
        if replay:
            r2 = ui.text(
                (r.right + ui.px(14), y),
                replay,
                "regular",
                12,
                colour,
                "midleft",
                max_width=max(0, right - r.right - ui.px(14)),
            )
            if self.handed_in is not None:
                ui.hotspot("handin_path", r2, tooltip=f"{self.handed_in}\nH hands it in again (to another folder)")
            elif recorder is not None and not app.replay_problem:
                ui.hotspot(
                    "replay_path",
                    r2,
                    tooltip=f"{recorder.path}\nHand this file in; the teacher's class view and report read it",
                )

    def _table(self, ui: Ui, rect: pygame.Rect, final: np.ndarray, hist_final: np.ndarray) -> None:
        session = self.app.session
        sc = session.scenario
        rules = session.rules
        ui.rect(rect, T.PANEL, ui.px(10))
        pad = ui.px(14)
        x = rect.x + pad
        width = rect.width - 2 * pad
        y = rect.y + ui.px(10)
        if rules.tracks:
            y = self._tracks(ui, x, y, width) + ui.px(4)
        rungs = open_rungs(sc)
        # Fixed columns for the numbers; the rungs share what is left, each at least wide enough for ✓.
        fixed = [("Country", 0), ("Start", 0), ("End", 0), ("History", 0)]
        num_w = ui.px(54)
        # A header may wrap between words but never inside one ("SANCTION/S"): the widest word sets the floor.
        header_font = ui.font("semibold", 11)
        widest_word = max((header_font.size(w)[0] for _, n, _ in rungs for w in n.upper().split()), default=0)
        rung_w = max(ui.px(56), widest_word + ui.px(8), (width - ui.px(150) - 3 * num_w) // max(1, len(rungs)))
        country_w = max(ui.px(110), width - 3 * num_w - rung_w * len(rungs))
        xs = [x, x + country_w, x + country_w + num_w, x + country_w + 2 * num_w]
        xs += [x + country_w + 3 * num_w + i * rung_w for i in range(len(rungs))]
        header_h = 0
        for i, (name, _) in enumerate(fixed):
            ui.text((xs[i], y), name.upper(), "semibold", 11, T.TEXT_FAINT)
        for i, (rung, name, meaning) in enumerate(rungs):
            lines = ui.wrap(name.upper(), "semibold", 11, rung_w - ui.px(6))[:2]
            hy = y
            for line in lines:
                r = ui.text((xs[4 + i], hy), line, "semibold", 11, T.TEXT_FAINT, max_width=rung_w - ui.px(6))
                hy = r.bottom
            header_h = max(header_h, hy - y)
            if meaning:
                ui.hotspot(
                    f"rung:{rung}", pygame.Rect(xs[4 + i], y, rung_w - ui.px(6), hy - y), tooltip=f"{name}: {meaning}"
                )
        y += max(header_h, ui.line_height("semibold", 11)) + ui.px(6)
        ui.line((x, y - ui.px(3)), (x + width, y - ui.px(3)), T.LINE)
        levels = commitments_of(rules, session.state).level[0]
        ui.begin_scroll("debrief.table", pygame.Rect(rect.x, y, rect.width, rect.bottom - y - ui.px(6)))
        rows = sorted(range(rules.n_countries), key=lambda c: -final[c])
        row_h = max(ui.px(18), ui.line_height("regular", 13))
        for c in rows:
            ui.rect(pygame.Rect(xs[0], y + ui.px(4), ui.px(10), ui.px(10)), T.alignment_color(final[c]), 2)
            ui.text(
                (xs[0] + ui.px(16), y),
                rules.labels.countries[c],
                "regular",
                13,
                T.TEXT,
                max_width=country_w - ui.px(20),
            )
            ui.text((xs[1], y), f"{rules.alignment_start[c]:+.0f}", "regular", 13, T.TEXT_DIM)
            ui.text(
                (xs[2], y),
                f"{final[c]:+.0f}",
                "semibold",
                13,
                T.alignment_color(final[c]) if abs(final[c]) > 15 else T.TEXT,
            )
            ui.text((xs[3], y), f"{hist_final[c]:+.0f}", "regular", 13, T.TEXT_DIM)
            for i, (rung, _, _) in enumerate(rungs):
                cx = xs[4 + i]
                level = int(levels[c, rules.ladder.rung_index(rung)])
                if not rung_open(rules, rung, c) and level == 0:
                    ui.text((cx, y), "—", "sym", 13, T.TEXT_FAINT)
                elif is_vote(rules, rung):
                    best = level == top_option(rules, rung)
                    colour = T.GOOD if best else T.BAD if level == 0 else T.ACCENT
                    ui.text((cx, y), option_word(rules, rung, level), "semibold", 13, colour, max_width=rung_w)
                else:
                    ui.text((cx, y), "✓" if level else "✗", "sym", 13, T.GOOD if level else T.TEXT_FAINT)
            y += row_h
        y += ui.px(6)
        limited = [name for r, name, _ in rungs if sc.doc.commitments.rung(r).open_to is not None]
        y = ui.paragraph(
            x,
            y,
            width,
            "— the rung is not open to that country"
            + (f" ({', '.join(limited)}: only some countries)." if limited else "."),
            size=11,
            color=T.TEXT_FAINT,
        )
        # What each bloc decided and who held out, in this game and in history.
        hist_levels = commitments_of(rules, self.history_game().final)
        for label, decided in (("You", commitments_of(rules, session.state)), ("History", hist_levels)):
            for line in bloc_lines(sc, decided):
                y = ui.paragraph(x, y + ui.px(4), width, f"{label}: {line}", size=12, color=T.TEXT_DIM)
        ui.end_scroll(y + ui.px(10))

    def _tracks(self, ui: Ui, x: int, y: int, width: int) -> int:
        """The crisis tracks at the end: each one's value, its goal, reached or not and what it was worth."""
        session = self.app.session
        rules = session.rules
        doc = session.scenario.doc
        ui.text((x, y), "CRISIS TRACKS", "semibold", 11, T.TEXT_FAINT)
        y += ui.px(18)
        values = session.state.track[0]
        for k, code in enumerate(rules.tracks):
            track = doc.tracks[code]
            value = float(values[k])
            goal = float(rules.track_threshold[k])
            if math.isnan(goal):
                status, colour = f"ends at {value:.0f} · no goal", T.TEXT_DIM
            elif value >= goal:
                status, colour = f"✓ {value:.0f} of {goal:.0f} · +{float(rules.track_points[k]):.0f} points", T.GOOD
            else:
                status, colour = f"✗ {value:.0f} of {goal:.0f} · not reached", T.BAD
            status_w = ui.width_of(status, "sym", 13)
            r = ui.text((x, y), track.name, "semibold", 13, T.TEXT, max_width=width - status_w - ui.px(12))
            ui.text((x + width, y), status, "sym", 13, colour, "topright")
            tip = track.description
            if not math.isnan(goal):
                tip = f"Goal {goal:.0f}: {track.outcome}\n" + tip if track.outcome else tip
            ui.hotspot(f"track:{code}", pygame.Rect(x, y, width, r.height), tooltip=f"{track.name}\n{tip}".strip())
            y += ui.px(21)
        return y + ui.px(4)

    def _charts(self, ui: Ui, rect: pygame.Rect, hist_history: np.ndarray) -> None:
        session = self.app.session
        rules = session.rules
        history = session.history()
        ui.rect(rect, T.PANEL, ui.px(10))
        pad = ui.px(12)
        x, width = rect.x + pad, rect.width - 2 * pad
        y = rect.y + ui.px(10)
        ui.text((x, y), "ALIGNMENT WEEK BY WEEK", "semibold", 11, T.TEXT_FAINT)
        lx = x + width
        r = ui.text((lx, y), "historical playbook", "regular", 11, T.TEXT_DIM, "topright")
        pygame.draw.line(
            ui.surface, HISTORY_LINE, (r.x - ui.px(22), r.centery + ui.dy), (r.x - ui.px(6), r.centery + ui.dy), 2
        )
        mine = "this game" if session.two_sided else "you"
        r = ui.text((r.x - ui.px(34), y), mine, "regular", 11, T.TEXT, "topright")
        pygame.draw.line(
            ui.surface, T.TEXT, (r.x - ui.px(22), r.centery + ui.dy), (r.x - ui.px(6), r.centery + ui.dy), 2
        )
        y += ui.px(22)
        ui.begin_scroll("debrief.charts", pygame.Rect(rect.x, y, rect.width, rect.bottom - y - ui.px(6)))
        _, chart_name, chart_lines = chart_line(session.scenario)
        cols = 4 if width > ui.px(520) else 3
        cell_w = width // cols
        cell_h = ui.px(74)
        order = sorted(range(rules.n_countries), key=lambda c: (int(rules.region_of[c]), c))
        for i, c in enumerate(order):
            cx = x + (i % cols) * cell_w
            cy = y + (i // cols) * cell_h
            ui.text((cx, cy), rules.labels.countries[c], "semibold", 11, T.TEXT, max_width=cell_w - ui.px(40))
            ui.text(
                (cx + cell_w - ui.px(8), cy),
                f"{history[-1, c]:+.0f}",
                "semibold",
                11,
                T.alignment_color(history[-1, c]),
                "topright",
            )
            chart = pygame.Rect(cx, cy + ui.px(16), cell_w - ui.px(10), cell_h - ui.px(24))
            th = [(float(chart_lines[c]), "")]
            line_chart(
                ui,
                chart,
                [(hist_history[:, c], HISTORY_LINE, 1), (history[:, c], T.TEXT, 2)],
                rules.n_turns,
                thresholds=th,
                compact=True,
            )
        y += math.ceil(len(order) / cols) * cell_h + ui.px(8)
        ui.text(
            (x, y),
            f"Dashed line: the threshold of '{chart_name}'.  Week reports:",
            "regular",
            11,
            T.TEXT_FAINT,
            max_width=width,
        )
        y += ui.px(20)
        bx = x
        for i in range(len(session.weeks)):
            bw = ui.px(34)
            if bx + bw > x + width:
                bx = x
                y += ui.px(32)
            ui.button(
                f"week:{i}",
                pygame.Rect(bx, y, bw, ui.px(26)),
                f"{i + 1}",
                payload=i,
                size=12,
                reason=f"the report of week {i + 1}",
            )
            bx += bw + ui.px(4)
        ui.end_scroll(y + ui.px(36))
