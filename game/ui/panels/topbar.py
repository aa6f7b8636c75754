"""The top bar (the week and its date, what is left of the week's calls, trips and deputies, Help, Menu, the
staff, the result if it ended today) and, under it, the crisis tracks."""

from __future__ import annotations

import math

import pygame

from game.classroom.words import bloc_lines, fogged, possessive
from game.dates import day_text
from game.engine import Kind, Sheet, commitments_of
from game.engine.orders import remaining

from .. import theme as T
from ..flow import Flow, Open
from ..screens.common import outcome_now, side_colour
from ..widgets import Ui
from .base import Panel
from .stakes import draw_outlook


class TopBar(Panel):
    def on_action(self, id: str, payload) -> Flow:
        if id in ("menu", "help"):
            return Open("pause" if id == "menu" else "help")
        if id == "ask_staff":
            self.screen.staff.toggle()
        return None

    def _staff_tip(self) -> str:
        session = self.session
        if session.settings.staff == 0:
            return "Your teacher turned the staff's advice off for this game: the orders are yours"
        tip = "Your staff suggests the next orders worth giving, each with its reason (A)"
        left = session.staff_left()
        if left is not None:
            tip += f"\nYour teacher allows {session.settings.staff} a week: {left} left this week"
        return tip

    def draw(self, ui: Ui, rect: pygame.Rect) -> None:
        session = self.session
        rules = self.rules
        sc = session.scenario
        ui.rect(rect, (14, 18, 25))
        ui.line((rect.x, rect.bottom - 1), (rect.right, rect.bottom - 1), T.LINE)
        x = ui.px(18)
        cy = rect.centery
        week = min(session.turn + 1, rules.n_turns)
        kicker, kicker_colour = f"WEEK {week} OF {rules.n_turns}", T.ACCENT
        if session.two_sided:  # whose turn it is, in the side's colour, with a strip along the bar
            kicker_colour = side_colour(session, self.screen.me)
            kicker += f" · {rules.labels.actors[self.screen.me].upper()}'S ORDERS"
            ui.rect(pygame.Rect(rect.x, rect.bottom - ui.px(3), rect.width, ui.px(3)), kicker_colour)
        ui.text((x, cy - ui.px(10)), kicker, "semibold", 11, kicker_colour, "midleft")
        date = sc.week_label(session.turn).removeprefix("week of ")
        r = ui.text((x, cy + ui.px(9)), date, "bold", 19, T.TEXT, "midleft")
        days = (sc.doc.calendar.resolves - sc.week_starts[min(session.turn, len(sc.week_starts) - 1)]).days
        days_text = f"{days} days to {day_text(sc.doc.calendar.resolves, '%b')}"
        left = session.remaining()
        total = remaining(rules, session.state, Sheet(self.screen.me))
        chips = (
            (
                "Calls",
                left["calls"],
                total["calls"],
                f"each call, and a group call, uses one; a trip uses {rules.visit_travel_calls} for travel",
            ),
            (
                "Trips",
                left["visits"],
                total["visits"],
                f"a trip visits 1 to {rules.visit_max_stops} capitals of one region",
            ),
            ("Deputies", left["deputies"], total["deputies"], "each free deputy can place one call a week"),
        )
        tier, score = outcome_now(rules, session.state)
        against = self.screen.me != session.player  # the rival's player in a two-sided game: low is good
        heading = f"{rules.labels.actors[self.screen.me]} wants it low".upper() if against else "IF IT ENDED TODAY"
        score_text = "" if fogged(session) else f" · {score:.1f}"
        # The score must always show (issue 14: it was dropped below 1280 px): the bar gives up, in turn, the
        # staff button's long label, the chips' fixed width and the days left (in the date's tooltip) for it.
        score_w = max(ui.width_of(tier + score_text, "bold", 15), ui.width_of(heading, "semibold", 10))
        right = rect.right - ui.px(12) - ui.px(92) - ui.px(8) - ui.px(82) - ui.px(8)
        layout = None
        staff_off = session.settings.staff == 0
        for staff_label, chip_w, show_days in (
            ("Staff off" if staff_off else "Ask your staff", None, True),
            ("Staff", None, True),
            ("Staff", "fit", True),
            ("Staff", "fit", False),
        ):
            staff_w = ui.width_of(staff_label, "semibold", 13) + ui.width_of("A", "regular", 11) + ui.px(36)
            widths = [
                ui.px(112)
                if chip_w is None
                else ui.width_of(label, "regular", 13) + ui.width_of(f"{have}/{of}", "bold", 16) + ui.px(28)
                for label, have, of, _ in chips
            ]
            start = max(r.right + ui.px(150), ui.px(330)) if show_days else r.right + ui.px(18)
            end = start + sum(widths) + ui.px(8) * len(widths)
            room = right - staff_w - ui.px(14) - end
            layout = (staff_label, staff_w, widths, show_days, start, room)
            if room >= min(score_w, ui.px(190)):
                break
        staff_label, staff_w, widths, show_days, x, room = layout
        if show_days:
            ui.text((r.right + ui.px(12), cy + ui.px(10)), days_text, "regular", 13, T.TEXT_DIM, "midleft")
        else:
            ui.hotspot("date", r, tooltip=f"{date}: {days_text}")
        for (label, have, of, tip), w in zip(chips, widths, strict=True):
            box = pygame.Rect(x, rect.y + ui.px(11), w, rect.height - ui.px(22))
            ui.rect(box, T.PANEL_2, ui.px(6))
            colour = T.TEXT if have > 0 else T.BAD
            ui.text((box.x + ui.px(10), box.centery), label, "regular", 13, T.TEXT_DIM, "midleft")
            ui.text((box.right - ui.px(10), box.centery), f"{have}/{of}", "bold", 16, colour, "midright")
            ui.hotspot(
                f"chip:{label.lower()}", box, enabled=True, tooltip=f"{label} left this week: {have} of {of}\n{tip}"
            )
            x += w + ui.px(8)
        right = rect.right - ui.px(12)
        bw = ui.px(92)
        ui.button(
            "menu",
            pygame.Rect(right - bw, rect.y + ui.px(11), bw, rect.height - ui.px(22)),
            "Menu",
            hint="Esc",
            size=13,
        )
        right -= bw + ui.px(8)
        ui.button(
            "help",
            pygame.Rect(right - ui.px(82), rect.y + ui.px(11), ui.px(82), rect.height - ui.px(22)),
            "Help",
            hint="F1",
            size=13,
        )
        right -= ui.px(82) + ui.px(8)
        ui.button(
            "ask_staff",
            pygame.Rect(right - staff_w, rect.y + ui.px(11), staff_w, rect.height - ui.px(22)),
            staff_label,
            hint="A",
            size=13,
            selected=self.screen.tab == "staff",
            enabled=not staff_off,
            reason=self._staff_tip(),
        )
        right -= staff_w + ui.px(14)
        space = max(right - x - ui.px(6), ui.width_of(score_text, "bold", 15))
        ui.text((right, cy - ui.px(16)), heading, "semibold", 10, T.MOSCOW if against else T.TEXT_FAINT, "midright")
        shown = ui.text((right, cy + ui.px(1)), score_text, "bold", 15, T.TEXT, "midright")
        tier_r = ui.text(
            (shown.left, cy + ui.px(1)),
            tier,
            "bold",
            15,
            T.TEXT,
            "midright",
            max_width=max(ui.px(20), space - shown.width),
        )
        ui.hotspot(
            "outcome",
            pygame.Rect(
                min(tier_r.left, right - ui.px(60)),
                rect.y + 6,
                right - min(tier_r.left, right - ui.px(60)),
                rect.height - 12,
            ),
            tooltip=(self.against_tip() if against else "")
            + "The result tier and coalition score (0-100) if the crisis resolved now.\n"
            + ("Under fog you see the tier, not the score.\n" if fogged(session) else "")
            + "Tiers: "
            + ", ".join(f"{n} ≥ {m:g}" for n, m in rules.tiers)
            + "".join(f"\n{line}" for line in bloc_lines(session.scenario, commitments_of(rules, session.state))),
        )
        # beside the step function of lines crossed, where the week's plan is heading (issue 14); drawn after the
        # outcome's hotspot so that its own tooltip is the one under the pointer
        draw_outlook(ui, session, self.screen.me, right, cy + ui.px(18), right - x - ui.px(10))

    def against_tip(self) -> str:
        """The scale from the rival's side (two-sided play): the score is the other side's, so low is good."""
        session = self.session
        labels = self.rules.labels.actors
        me, them = labels[self.screen.me], labels[self.screen.other]
        leaning = int((session.alignment() < 0).sum())
        return (
            f"{me} wins by keeping {possessive(them)} score low: a country below zero leans to {me} and withholds "
            f"its commitments from {them}. {leaning} of {self.rules.n_countries} countries lean to {me} now. At "
            f"the end, the debrief compares the score with the historical playbook on the same dice: below it, "
            f"{me} wins.\n"
        )

    def draw_tracks(self, ui: Ui, rect: pygame.Rect) -> None:
        """One cell per crisis track: its name, a 0-100 bar with the goal marked, the value and whether the goal
        is reached; the tooltip explains the track, its goal and what reaching it is worth."""
        session = self.session
        rules = self.rules
        doc = session.scenario.doc
        ui.rect(rect, (20, 26, 35))
        ui.line((rect.x, rect.bottom - 1), (rect.right, rect.bottom - 1), T.LINE)
        n = len(rules.tracks)
        pad = ui.px(12)
        gap = ui.px(10)
        cell_w = (rect.width - 2 * pad - (n - 1) * gap) // n
        values = session.state.track[0]
        rival = rules.labels.actors[self.screen.other]
        talk = self.screen.builder.draft.kind_label(Kind.ENGAGE)
        for k in range(n):
            track = doc.tracks[rules.tracks[k]]
            cell = pygame.Rect(rect.x + pad + k * (cell_w + gap), rect.y + ui.px(5), cell_w, rect.height - ui.px(10))
            value = float(values[k])
            goal = float(rules.track_threshold[k])
            has_goal = not math.isnan(goal)
            reached = has_goal and value >= goal
            mark = "✓ " if reached else ""
            value_text = f"{mark}{value:.0f}" + (f"/{goal:.0f}" if has_goal else "")
            value_w = ui.width_of(value_text, "sym", 13) + ui.px(4)
            bar_w = max(ui.px(36), min(ui.px(110), cell_w // 3))
            name_w = cell_w - value_w - bar_w - ui.px(16)
            ui.text((cell.x, cell.centery), track.name, "regular", 12, T.TEXT_DIM, "midleft", max_width=name_w)
            bar = pygame.Rect(cell.right - value_w - bar_w - ui.px(6), cell.centery - ui.px(4), bar_w, ui.px(8))
            ui.bar(bar, value, 0, 100, T.GOOD if reached else T.WASHINGTON)
            if has_goal:
                gx = bar.x + round(bar.width * goal / 100)
                ui.line((gx, bar.y - ui.px(4)), (gx, bar.bottom + ui.px(3)), T.ACCENT, max(1, ui.px(2)))
            colour = T.GOOD if reached else T.TEXT
            ui.text((cell.right, cell.centery), value_text, "sym", 13, colour, "midright")
            if has_goal:
                worth = f"Goal {goal:.0f}: +{float(rules.track_points[k]):.0f} points at the end"
                worth += f" ({track.outcome})" if track.outcome else ""
            else:
                worth = "No goal: it scores nothing, but the capitals watch it"
            decay = float(rules.track_decay[k])
            fades = f"\nWithout a contact with {rival} it loses {decay:.0%} a week" if decay > 0 else ""
            ui.hotspot(
                f"track:{rules.tracks[k]}",
                cell,
                tooltip=f"{track.name}: {value:.0f} of 100\n{track.description}\n{worth}\n"
                f"Talks with {rival} move it (the action '{talk}' in a dossier){fades}",
            )
