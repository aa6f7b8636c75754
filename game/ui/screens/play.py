"""The main screen: the world map, the top bar, the country list and dossier, the week's orders, the news.

Order building happens in the dossier: an action (call, visit, deputy call, group call), a topic, for a trip
more capitals of the same region, for a deputy call the deputy, for a group call the group.  Whether the
order is allowed is asked of ``session.why_illegal``; the Add button shows its reason when it is not.
"""

from __future__ import annotations

import math

import numpy as np
import pygame

from game.engine import Kind, Order, Sheet, commitments
from game.engine.orders import remaining

from .. import paths
from .. import theme as T
from ..advice import StaffAdvice
from ..charts import line_chart
from ..flow import Flow, Open, Switch
from ..screen import Screen
from ..tutorial import note
from ..widgets import Ui, draw_tooltip
from ..words import (
    alignment_word,
    band_change,
    band_step,
    contact_lines,
    fogged,
    open_rungs,
    possessive,
    shown_alignments,
    signed,
    trend,
    vote_steps,
)
from .common import band_bracket, band_legend, outcome_now, side_colour, zoom_action, zoom_buttons

KIND_BUTTONS = (
    (Kind.CALL, "Call", "C"),
    (Kind.VISIT, "Visit", "V"),
    (Kind.DEPUTY_CALL, "Deputy", "D"),
    (Kind.MULTILATERAL, "Group", "G"),
)
KIND_KEYS = {
    pygame.K_c: Kind.CALL,
    pygame.K_v: Kind.VISIT,
    pygame.K_d: Kind.DEPUTY_CALL,
    pygame.K_g: Kind.MULTILATERAL,
    pygame.K_m: Kind.ENGAGE,
}
RUNG_ATTRS = ("threshold_un_abstain", "threshold_un_yes", "threshold_sanctions", "threshold_arms", "threshold_energy")


def ladder(scenario) -> list[tuple[str, str, str, str]]:
    """The steps of the commitment ladder in the scenario's own words: (label, meaning, rung, threshold
    attribute), the first rung in its two steps (abstain, yes), rungs closed to every country left out."""
    rules = scenario.rules
    _, part, full = vote_steps(scenario)
    steps = []
    for rung, name, meaning in open_rungs(scenario):
        if rung == "un_vote":
            for step, attr in ((part, "threshold_un_abstain"), (full, "threshold_un_yes")):
                if not np.isnan(np.asarray(getattr(rules, attr), dtype=float)).all():
                    steps.append((f"{name}: {step}", meaning, rung, attr))
        else:
            steps.append((name, meaning, rung, f"threshold_{rung}"))
    return steps


class PlayScreen(Screen):
    name = "map"

    def __init__(self, app):
        super().__init__(app)
        self.selected: int | None = None
        self.tab = "countries"
        self.kind = Kind.CALL
        self.topic: int | None = None
        self.deputy: int | None = None
        self.group: int | None = None
        self.stops: list[int] = []
        self.engager = -1  # who talks to the rival directly: -1 the principal, else a deputy
        self.hover: int = -1
        self.drag_from: tuple[int, int] | None = None
        self.drag_delta = (0, 0)
        self.dragging = False
        self.rects: dict[str, pygame.Rect] = {}
        self.order_list = self._country_order()
        self.staff = StaffAdvice(self)  # "Ask your staff": the side panel's third view (tab "staff")

    # ---------------------------------------------------------------------------------------- helpers

    @property
    def session(self):
        return self.app.session

    @property
    def rules(self):
        return self.app.session.rules

    @property
    def me(self) -> int:
        """The side giving orders on this screen: the player's, or in a two-sided game whoever's turn it is."""
        return self.app.session.active

    @property
    def other(self) -> int:
        session = self.app.session
        return session.rival if self.me == session.player else session.player

    def _country_order(self) -> list[int]:
        rules = self.rules
        return sorted(range(rules.n_countries), key=lambda c: (int(rules.region_of[c]), c))

    def layout(self) -> dict[str, pygame.Rect]:
        w, h = self.app.size
        s = self.app.scale
        top = round(60 * s)
        panel_w = max(380, min(round(420 * s), w * 40 // 100))
        feed_h = round(158 * s)
        # The crisis tracks get a strip of their own under the top bar, so that any number of them (0-4) fits
        # beside the week's budget at every window size.
        strip = round(40 * s) if len(self.rules.tracks) else 0
        rects = {
            "top": pygame.Rect(0, 0, w, top),
            "tracks": pygame.Rect(0, top, w - panel_w, strip),
            "map": pygame.Rect(0, top + strip, w - panel_w, h - top - strip - feed_h),
            "feed": pygame.Rect(0, h - feed_h, w - panel_w, feed_h),
            "panel": pygame.Rect(w - panel_w, top, panel_w, h - top),
        }
        self.rects = rects
        return rects

    def current_order(self) -> tuple[Order | None, str]:
        """The order the dossier has built so far, or None and what is still missing."""
        c = self.selected
        player = self.me
        if c is None:
            return None, "choose a country"
        if self.kind == Kind.MULTILATERAL and self.group is None:
            return None, "choose a group to convene"
        if self.kind == Kind.DEPUTY_CALL and self.deputy is None:
            return None, "choose a deputy"
        if self.topic is None:
            return None, "choose a topic"
        if self.kind == Kind.ENGAGE:
            return Order(player, Kind.ENGAGE, self.topic, deputy=self.engager), ""
        if self.kind == Kind.CALL:
            return Order(player, Kind.CALL, self.topic, (c,)), ""
        if self.kind == Kind.VISIT:
            return Order(player, Kind.VISIT, self.topic, (c, *self.stops)), ""
        if self.kind == Kind.DEPUTY_CALL:
            return Order(player, Kind.DEPUTY_CALL, self.topic, (c,), deputy=self.deputy), ""
        return Order(player, Kind.MULTILATERAL, self.topic, group=self.group), ""

    def can_engage(self) -> bool:
        flags = getattr(self.rules, "can_engage", None)
        return bool(flags is not None and flags[self.me])

    def kind_buttons(self):
        buttons = list(KIND_BUTTONS)
        if self.can_engage():
            buttons.append((Kind.ENGAGE, self.engage_label(), "M"))
        return buttons

    def engage_label(self) -> str:
        return f"Talk to {self.rules.labels.actors[self.other]}"

    def kind_tip(self, kind: Kind) -> str:
        rules = self.rules
        rival = rules.labels.actors[self.other]
        return {
            Kind.CALL: "Call: one of this week's calls, from you (C)",
            Kind.VISIT: f"Visit: your trip; it costs {rules.visit_travel_calls} calls of travel and may chain up "
            f"to {rules.visit_max_stops} capitals of one region (V)",
            Kind.DEPUTY_CALL: "Deputy: one of your deputies calls; weaker, but it costs none of your calls (D)",
            Kind.MULTILATERAL: "Group: one call reaches every member of a group, a little each (G)",
            Kind.ENGAGE: f"Talk to {rival} itself, you or a deputy: it moves the crisis tracks, and the capitals "
            "watching react (M)",
        }[kind]

    def my_deputies(self) -> list[int]:
        rules = self.rules
        return [d for d in range(len(rules.deputies)) if rules.deputy_actor[d] == self.me]

    def my_groups(self, c: int) -> list[int]:
        rules = self.rules
        return [g for g in range(len(rules.groups)) if rules.group_members[g, c]]

    def usable_topic(self) -> int:
        lev = self.rules.leverage[self.me]
        return int(np.argmax(lev))

    # ---------------------------------------------------------------------------------------- handlers

    def select(self, c: int | None, focus_map: bool = True) -> None:
        if c != self.selected:
            self.stops = []
            self.group = None
            if c is not None and self.kind == Kind.MULTILATERAL:
                groups = [g for g in self.my_groups(c) if self._group_ok(g)]
                self.group = groups[0] if groups else None
        self.selected = c
        if c is not None:
            note(self.app, "select_country", self.rules.countries[c])
            self.tab = "dossier"
            self.app.scrolls.pop("map.panel", None)
            if focus_map and self.app.mapview is not None:
                self.app.mapview.focus(c)

    def _group_ok(self, g: int) -> bool:
        order = Order(self.me, Kind.MULTILATERAL, self.usable_topic(), group=g)
        return self.session.why_illegal(order) is None

    def set_kind(self, kind: Kind) -> None:
        note(self.app, "choose_kind", kind.name.lower())
        if kind == self.kind and kind == Kind.DEPUTY_CALL:
            self.cycle_deputy()
            return
        if kind == self.kind and kind == Kind.MULTILATERAL and self.selected is not None:
            groups = self.my_groups(self.selected)
            if groups:
                i = groups.index(self.group) if self.group in groups else -1
                self.group = groups[(i + 1) % len(groups)]
            return
        self.kind = kind
        if kind == Kind.DEPUTY_CALL and (self.deputy is None or not self._deputy_free(self.deputy)):
            free = [d for d in self.my_deputies() if self._deputy_free(d)]
            self.deputy = free[0] if free else None
        if kind == Kind.MULTILATERAL and self.selected is not None:
            groups = [g for g in self.my_groups(self.selected) if self._group_ok(g)]
            self.group = groups[0] if groups else None

    def _deputy_free(self, d: int) -> bool:
        order = Order(self.me, Kind.DEPUTY_CALL, self.usable_topic(), (self.selected or 0,), deputy=d)
        return self.session.why_illegal(order) is None

    def cycle_deputy(self) -> None:
        mine = self.my_deputies()
        if not mine:
            return
        i = mine.index(self.deputy) if self.deputy in mine else -1
        for step in range(1, len(mine) + 1):
            d = mine[(i + step) % len(mine)]
            if self._deputy_free(d):
                self.deputy = d
                return

    def toggle_stop(self, c: int) -> None:
        if c in self.stops:
            self.stops.remove(c)
        else:
            self.stops.append(c)

    def add_order(self) -> None:
        order, missing = self.current_order()
        if order is None:
            self.app.toast(f"Not yet: {missing}", "bad")
            return
        reason = self.session.why_illegal(order)
        if reason:
            self.app.toast(f"Not allowed: {reason}", "bad")
            return
        self.session.add(order)
        note(self.app, "add_order")
        self.app.toast(f"Queued: {self.session.describe(order)}", "good", 2.5)
        self.stops = []
        if self.kind == Kind.DEPUTY_CALL:
            free = [d for d in self.my_deputies() if self._deputy_free(d)]
            self.deputy = free[0] if free else None

    def undo(self, index: int = -1) -> None:
        if not self.session.pending.orders:
            self.app.toast("No orders to take back", "info")
            return
        order = self.session.undo(index)
        note(self.app, "undo_order")
        self.app.toast(f"Taken back: {self.session.describe(order)}", "info", 2.5)

    def end_turn(self) -> Flow:
        session = self.session
        if session.is_over:
            return None
        note(self.app, "end_turn")  # while the week is still the one the tutorial's step is about
        record = session.end_turn()
        self.app.autosave()
        if session.two_sided:
            # Hand over to the other side, or (both done, the week resolved) call both players to the report.
            return Switch("handover", stage="report" if record is not None else "turn")
        return Open("report")

    def step_country(self, step: int) -> None:
        order = self.order_list
        if self.selected is None or self.selected not in order:
            c = order[0] if step > 0 else order[-1]
        else:
            c = order[(order.index(self.selected) + step) % len(order)]
        self.select(c)

    def on_action(self, id: str, payload) -> Flow:
        app = self.app
        mv = app.mapview
        if id.startswith("country:"):
            self.select(payload)
        elif id.startswith("kind:"):
            self.set_kind(Kind(payload))
        elif id.startswith("topic:"):
            self.topic = payload
            note(app, "choose_topic", self.rules.topics[payload])
        elif id.startswith("deputy:"):
            self.kind = Kind.DEPUTY_CALL
            self.deputy = payload
            note(app, "choose_kind", "deputy_call")
        elif id.startswith("group:"):
            self.group = payload
        elif id.startswith("engager:"):
            self.engager = payload
        elif id.startswith("stop:"):
            self.toggle_stop(payload)
        elif id == "add":
            self.add_order()
        elif id.startswith("undo:"):
            self.undo(payload)
        elif id == "clear":
            if self.session.pending.orders:
                note(app, "undo_order")
            self.session.clear()
        elif id == "end_turn":
            return self.end_turn()
        elif id == "tab:countries":
            self.tab = "countries"
            note(app, "open_country_list")
        elif id == "tab:dossier":
            self.tab = "dossier"
        elif zoom_action(mv, id):
            if id in ("zoom:world", "zoom:europe"):
                note(app, id.replace(":", "_"))
        elif id in ("menu", "help"):
            return Open("pause" if id == "menu" else "help")
        elif id == "close_dossier":
            self.selected = None
            self.tab = "countries"
            note(app, "open_country_list")
        elif id == "ask_staff":
            self.staff.toggle()
        elif id.startswith("advice:"):
            self.staff.on_action(id, payload)
        return None

    def on_key(self, event) -> Flow:
        key, mod = event.key, event.mod
        ctrl = mod & pygame.KMOD_CTRL
        shift = mod & pygame.KMOD_SHIFT
        mv = self.app.mapview
        if self.staff.on_key(event):
            pass
        elif key == pygame.K_SPACE:
            return self.end_turn() or True
        elif key == pygame.K_ESCAPE:
            return Open("pause")
        elif ctrl and key == pygame.K_z or key == pygame.K_BACKSPACE:
            self.undo(-1)
        elif ctrl and key == pygame.K_s:
            return self.app.save_slot(paths.QUICKSAVE) or True
        elif ctrl and key == pygame.K_o:
            return Open("saves", mode="load")
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.selected is None:
                self.step_country(1)
            else:
                self.add_order()
        elif key == pygame.K_TAB or key in (pygame.K_DOWN, pygame.K_UP):
            back = (key == pygame.K_TAB and shift) or key == pygame.K_UP
            self.step_country(-1 if back else 1)
        elif key in KIND_KEYS and not ctrl and (KIND_KEYS[key] != Kind.ENGAGE or self.can_engage()):
            self.set_kind(KIND_KEYS[key])
        elif pygame.K_1 <= key <= pygame.K_9 and not ctrl:
            t = key - pygame.K_1
            if t < self.rules.n_topics:
                self.topic = t
                note(self.app, "choose_topic", self.rules.topics[t])
        elif key == pygame.K_s and not ctrl and self.selected is not None:
            self._next_stop()
        elif key == pygame.K_w and mv:
            mv.show_world()
            note(self.app, "zoom_world")
        elif key == pygame.K_e and mv:
            mv.show_europe()
            note(self.app, "zoom_europe")
        elif key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS) and mv:
            mv.zoom(1.5)
        elif key in (pygame.K_MINUS, pygame.K_KP_MINUS) and mv:
            mv.zoom(1 / 1.5)
        elif key == pygame.K_l:
            self.tab = "countries"
            note(self.app, "open_country_list")
        elif key == pygame.K_o and self.selected is not None:
            self.tab = "dossier"
        elif key == pygame.K_LEFT and mv:
            mv.pan(self.rects["map"].width / 4, 0)
        elif key == pygame.K_RIGHT and mv:
            mv.pan(-self.rects["map"].width / 4, 0)
        elif key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):  # ↑ ↓ move through the countries here
            self.app.scroll_by_key("map.panel", key)
        else:
            return False
        return True

    def _next_stop(self) -> None:
        """S: add the next capital of the region to the trip (cycling), so trips need no mouse."""
        c = self.selected
        rules = self.rules
        self.kind = Kind.VISIT
        region = [x for x in self.order_list if rules.region_of[x] == rules.region_of[c] and x != c]
        if len(self.stops) + 1 >= rules.visit_max_stops:
            self.stops = []
            return
        for x in region:
            if x not in self.stops:
                self.stops.append(x)
                return

    def on_event(self, event) -> bool:
        mv = self.app.mapview
        map_rect = self.rects.get("map")
        if mv is None or map_rect is None:
            return False
        if event.type == pygame.MOUSEBUTTONDOWN and event.button in (1, 3) and map_rect.collidepoint(event.pos):
            self.drag_from = event.pos
            self.dragging = False
            return True
        if event.type == pygame.MOUSEMOTION:
            if self.drag_from is not None:
                dx, dy = event.pos[0] - self.drag_from[0], event.pos[1] - self.drag_from[1]
                if self.dragging or abs(dx) + abs(dy) > 5:
                    self.dragging = True
                    self.drag_delta = (dx, dy)
            return False
        if event.type == pygame.MOUSEBUTTONUP and event.button in (1, 3) and self.drag_from is not None:
            start, self.drag_from = self.drag_from, None
            if self.dragging:
                self.dragging = False
                mv.pan(*self.drag_delta)
                self.drag_delta = (0, 0)
                self.app.dirty = True
            elif event.button == 1:
                local = (event.pos[0] - map_rect.x, event.pos[1] - map_rect.y)
                c = mv.pick(local, radius=round(7 * self.app.scale))
                self.select(c if c >= 0 else None, focus_map=False)
                if c < 0:
                    self.tab = "countries"
                self.app.dirty = True
            del start
            return True
        if event.type == pygame.MOUSEWHEEL:
            pos = pygame.mouse.get_pos()
            if map_rect.collidepoint(pos):
                mv.zoom(1.25 if event.y > 0 else 1 / 1.25, (pos[0] - map_rect.x, pos[1] - map_rect.y))
                self.app.dirty = True
                return True
        return False

    def state(self) -> dict:
        order, missing = self.current_order()
        mv = self.app.mapview
        return {
            "selected": self.rules.countries[self.selected] if self.selected is not None else None,
            "tab": self.tab,
            "kind": self.kind.name,
            "topic": self.topic,
            "building": self.session.describe(order) if order else missing,
            "europe": mv.is_europe() if mv else None,
            **self.staff.state(),
        }

    # ------------------------------------------------------------------------------------------- draw

    def draw(self, ui: Ui) -> None:
        rects = self.layout()
        self._draw_map(ui, rects["map"])
        self._draw_top(ui, rects["top"])
        if rects["tracks"].height:
            self._draw_tracks(ui, rects["tracks"])
        self._draw_feed(ui, rects["feed"])
        self._draw_panel(ui, rects["panel"])

    # top bar -----------------------------------------------------------------------------------------

    def _draw_top(self, ui: Ui, rect: pygame.Rect) -> None:
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
            kicker_colour = side_colour(session, self.me)
            kicker += f" · {rules.labels.actors[self.me].upper()}'S ORDERS"
            ui.rect(pygame.Rect(rect.x, rect.bottom - ui.px(3), rect.width, ui.px(3)), kicker_colour)
        ui.text((x, cy - ui.px(10)), kicker, "semibold", 11, kicker_colour, "midleft")
        date = sc.week_label(session.turn).removeprefix("week of ")
        r = ui.text((x, cy + ui.px(9)), date, "bold", 19, T.TEXT, "midleft")
        days = (sc.doc.calendar.resolves - sc.week_starts[min(session.turn, len(sc.week_starts) - 1)]).days
        ui.text(
            (r.right + ui.px(12), cy + ui.px(10)),
            f"{days} days to {sc.doc.calendar.resolves:%-d %b}",
            "regular",
            13,
            T.TEXT_DIM,
            "midleft",
        )
        x = max(r.right + ui.px(150), ui.px(330))
        left = session.remaining()
        total = remaining(rules, session.state, Sheet(self.me))
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
        for label, have, of, tip in chips:
            w = ui.px(112)
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
        sw = ui.width_of("Ask your staff", "semibold", 13) + ui.width_of("A", "regular", 11) + ui.px(36)
        ui.button(
            "ask_staff",
            pygame.Rect(right - sw, rect.y + ui.px(11), sw, rect.height - ui.px(22)),
            "Ask your staff",
            hint="A",
            size=13,
            selected=self.tab == "staff",
            reason="Your staff suggests the next orders worth giving, each with its reason (A)",
        )
        right -= sw + ui.px(14)
        tier, s = outcome_now(rules, session.state)
        if right - x > ui.px(190):
            against = self.me != session.player  # the rival's player in a two-sided game: low is good
            heading = f"{rules.labels.actors[self.me]} wants it low".upper() if against else "IF IT ENDED TODAY"
            ui.text((right, cy - ui.px(10)), heading, "semibold", 10, T.MOSCOW if against else T.TEXT_FAINT, "midright")
            ui.text(
                (right, cy + ui.px(9)),
                tier if fogged(session) else f"{tier} · {s:.0f}",
                "bold",
                15,
                T.TEXT,
                "midright",
                max_width=right - x - ui.px(10),
            )
            ui.hotspot(
                "outcome",
                pygame.Rect(right - ui.px(180), rect.y + 6, ui.px(180), rect.height - 12),
                tooltip=(self._against_tip() if against else "")
                + "The result tier and coalition score (0-100) if the crisis resolved now.\n"
                + ("Under fog you see the tier, not the score.\n" if fogged(session) else "")
                + "Tiers: "
                + ", ".join(f"{n} ≥ {m:.0f}" for n, m in rules.tiers),
            )

    def _against_tip(self) -> str:
        """The scale from the rival's side (two-sided play): the score is the other side's, so low is good."""
        session = self.session
        labels = self.rules.labels.actors
        me, them = labels[self.me], labels[self.other]
        leaning = int((session.alignment() < 0).sum())
        return (
            f"{me} wins by keeping {possessive(them)} score low: a country below zero leans to {me} and withholds "
            f"its commitments from {them}. {leaning} of {self.rules.n_countries} countries lean to {me} now. At "
            f"the end, the debrief compares the score with the historical playbook on the same dice: below it, "
            f"{me} wins.\n"
        )

    def _draw_tracks(self, ui: Ui, rect: pygame.Rect) -> None:
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
        rival = rules.labels.actors[self.other]
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
                f"Talks with {rival} move it (the action '{self.engage_label()}' in a dossier){fades}",
            )

    # map ----------------------------------------------------------------------------------------------

    def _draw_map(self, ui: Ui, rect: pygame.Rect) -> None:
        app = self.app
        mv = app.mapview
        if mv is None:
            ui.rect(rect, T.OCEAN)
            ui.paragraph(
                rect.x + ui.px(30),
                rect.y + ui.px(30),
                rect.width - ui.px(60),
                "The world map could not be loaded (see the message at the bottom). Every country is in "
                "the list on the right; the game plays the same.",
                size=16,
                color=T.TEXT_DIM,
            )
            return
        mv.resize(rect.size)
        shown = shown_alignments(self.session.alignment(), fogged(self.session))
        surf = mv.render(shown, app.fonts, ui.scale, labels=app.settings["map_labels"])
        ui.surface.blit(surf, rect.topleft)
        targets = {c for o in self.session.pending.orders for c in self._order_countries(o)}
        clip = ui.surface.get_clip()
        ui.surface.set_clip(rect)
        for c in targets:
            p = mv.screen_point(c)
            if p is not None:
                pygame.draw.circle(ui.surface, T.ACCENT, (p[0] + rect.x, p[1] + rect.y), ui.px(5))
                pygame.draw.circle(ui.surface, (20, 20, 20), (p[0] + rect.x, p[1] + rect.y), ui.px(5), 1)
        if self.selected is not None:
            mv.outline(ui.surface, self.selected, rect.topleft, (255, 255, 255), max(2, ui.px(2)))
        ui.surface.set_clip(clip)
        # zoom controls
        zoom_buttons(ui, rect, mv)
        # legend
        lw = min(ui.px(300), rect.width - ui.px(40))
        legend = pygame.Rect(rect.x + ui.px(12), rect.bottom - ui.px(46), lw + ui.px(24), ui.px(36))
        ui.rect(legend, (14, 18, 25), ui.px(6))
        scale_rect = pygame.Rect(legend.x + ui.px(12), legend.y + ui.px(7), lw, ui.px(8))
        if fogged(self.session):
            band_legend(ui, scale_rect)
        else:
            ui.alignment_scale(scale_rect)
        ui.text((scale_rect.x, scale_rect.bottom + ui.px(3)), "◀ Moscow", "sym", 11, T.MOSCOW)
        ui.text((scale_rect.centerx, scale_rect.bottom + ui.px(3)), "neutral", "regular", 11, T.TEXT_DIM, "midtop")
        ui.text((scale_rect.right, scale_rect.bottom + ui.px(3)), "Washington ▶", "sym", 11, T.WASHINGTON, "topright")
        hint = "Click a country · wheel to zoom · drag to pan"
        hint_w = ui.width_of(hint, "regular", 12)
        if hint_w + legend.width + ui.px(60) < rect.width:
            box = pygame.Rect(0, 0, hint_w + ui.px(16), ui.line_height("regular", 12) + ui.px(6))
            box.bottomright = (rect.right - ui.px(8), rect.bottom - ui.px(8))
            ui.rect(box, (14, 18, 25), ui.px(5))
            ui.text(box.center, hint, "regular", 12, T.TEXT_DIM, "center")

    def _order_countries(self, order: Order) -> list[int]:
        if order.kind == Kind.MULTILATERAL:
            return [int(c) for c in np.flatnonzero(self.rules.group_members[order.group])]
        return list(order.targets)

    # feed ---------------------------------------------------------------------------------------------

    def _draw_feed(self, ui: Ui, rect: pygame.Rect) -> None:
        session = self.session
        sc = session.scenario
        ui.rect(rect, (14, 18, 25))
        ui.line((rect.x, rect.y), (rect.right, rect.y), T.LINE)
        pad = ui.px(14)
        news_w = rect.width * 58 // 100
        news = pygame.Rect(rect.x + pad, rect.y + pad, news_w - 2 * pad, rect.height - 2 * pad)
        rival = pygame.Rect(
            news.right + 2 * pad, rect.y + pad, rect.right - news.right - 3 * pad, rect.height - 2 * pad
        )
        ui.line((news.right + pad, rect.y + pad), (news.right + pad, rect.bottom - pad), T.LINE)
        y = ui.heading(news.x, news.y, "News", news.width)
        ui.begin_scroll("map.news", pygame.Rect(news.x, y, news.width, news.bottom - y))
        items = []
        for week in reversed(session.weeks):
            for ev in week.record.events:
                items.append((week.record.turn, ev.event))
        if not items:
            y = ui.paragraph(
                news.x,
                y,
                news.width,
                "Nothing has happened yet. Dated events of the crisis appear "
                "here as the weeks go by, each with its source.",
                size=13,
                color=T.TEXT_DIM,
            )
        for turn, index in items:
            ev = sc.event(index)
            when = f"{ev.date:%-d %b}" if ev.date else f"wk {turn + 1}"
            ui.text((news.x, y), when, "semibold", 12, T.ACCENT)
            r = ui.text((news.x + ui.px(56), y), ev.headline, "regular", 13, T.TEXT, max_width=news.width - ui.px(60))
            src = ev.sources[0] if ev.sources else None
            tip = (ev.body + "\n" if ev.body else "") + (f"Source: seeds/{src.seed}" if src else "")
            if ev.invented:
                tip += "\nA what-if event of the game, not in the sources."
            ui.hotspot(f"news:{turn}:{index}", pygame.Rect(news.x, y, news.width, r.height), tooltip=tip.strip())
            y += ui.px(21)
        ui.end_scroll(y)
        actor = session.rules.labels.actors[self.other]
        y = ui.heading(rival.x, rival.y, f"{actor}'s moves last week", rival.width)
        ui.begin_scroll("map.rival", pygame.Rect(rival.x, y, rival.width, rival.bottom - y))
        if not session.weeks:
            y = ui.paragraph(
                rival.x,
                y,
                rival.width,
                f"{actor} has not moved yet. What it did shows here after each week, with what it achieved.",
                size=13,
                color=T.TEXT_DIM,
            )
        else:
            for text, total in contact_lines(session, session.weeks[-1], self.other):
                ui.text((rival.x, y), text, "regular", 13, T.TEXT, max_width=rival.width - ui.px(56))
                if not fogged(session):
                    ui.text(
                        (rival.right - ui.px(6), y), signed(total), "semibold", 13, T.delta_color(total), "topright"
                    )
                y += ui.px(21)
        ui.end_scroll(y)

    # side panel ---------------------------------------------------------------------------------------

    def _draw_panel(self, ui: Ui, rect: pygame.Rect) -> None:
        session = self.session
        ui.rect(rect, T.PANEL)
        ui.line((rect.x, rect.y), (rect.x, rect.bottom), T.LINE)
        pad = ui.px(14)
        x, width = rect.x + pad, rect.width - 2 * pad
        # tabs
        tab_h = ui.px(34)
        tw = (width - ui.px(8)) // 2
        ui.button(
            "tab:countries",
            pygame.Rect(x, rect.y + pad, tw, tab_h),
            "Countries",
            hint="L",
            selected=self.tab == "countries",
            size=14,
        )
        name = self.rules.labels.countries[self.selected] if self.selected is not None else "Dossier"
        ui.button(
            "tab:dossier",
            pygame.Rect(x + tw + ui.px(8), rect.y + pad, tw, tab_h),
            name,
            selected=self.tab == "dossier",
            enabled=self.selected is not None,
            reason="select a country first",
            size=14,
        )
        # orders box at the bottom
        n = len(session.pending.orders)
        row = ui.px(26)
        end_h = ui.px(48)
        rows_h = max(row, min(n, 5) * row)
        orders_h = ui.px(34) + rows_h + ui.px(10) + end_h + pad
        orders = pygame.Rect(rect.x, rect.bottom - orders_h, rect.width, orders_h)
        content = pygame.Rect(
            rect.x, rect.y + pad + tab_h + ui.px(10), rect.width, orders.y - (rect.y + pad + tab_h + ui.px(10))
        )
        if self.tab == "staff":
            self.staff.draw(ui, content)
        elif self.tab == "dossier" and self.selected is not None:
            add_h = ui.px(74)
            self._draw_dossier(ui, pygame.Rect(content.x, content.y, content.width, content.height - add_h))
            self._draw_add(ui, pygame.Rect(content.x, content.bottom - add_h, content.width, add_h))
        else:
            self._draw_list(ui, content)
        self._draw_orders(ui, orders, row, end_h)

    def _draw_list(self, ui: Ui, rect: pygame.Rect) -> None:
        session = self.session
        rules = self.rules
        a = session.alignment()
        fog = fogged(session)
        swatch = shown_alignments(a, fog)
        pad = ui.px(14)
        x, width = rect.x + pad, rect.width - 2 * pad
        ui.begin_scroll("map.panel", rect)
        y = rect.y
        targets = {c for o in session.pending.orders for c in self._order_countries(o)}
        region = None
        row_h = ui.px(28)
        for c in self.order_list:
            if rules.region_of[c] != region:
                region = rules.region_of[c]
                y += ui.px(4)
                y = ui.heading(x, y, rules.labels.regions[region], width, size=11)
            r = pygame.Rect(x, y, width, row_h - ui.px(2))
            if c == self.selected:
                ui.rect(r, (52, 64, 84), ui.px(5))
            ui.rect(
                pygame.Rect(r.x + ui.px(6), r.centery - ui.px(7), ui.px(14), ui.px(14)),
                T.alignment_color(swatch[c]),
                ui.px(3),
            )
            if c in targets:
                ui.text((r.x + ui.px(26), r.centery), "●", "sym", 11, T.ACCENT, "midleft")
            ui.text(
                (r.x + ui.px(40), r.centery),
                rules.labels.countries[c],
                "regular",
                14,
                T.TEXT,
                "midleft",
                max_width=width - ui.px(190),
            )
            if fog:  # the band in words, and an arrow only when the country crossed into another band
                ui.text(
                    (r.right - ui.px(18), r.centery),
                    alignment_word(a[c]),
                    "regular",
                    12,
                    T.TEXT_DIM,
                    "midright",
                    max_width=ui.px(146),
                )
                step = band_step(*session.history()[-2:, c]) if session.weeks else 0
                if step:
                    ui.text(
                        (r.right - ui.px(4), r.centery),
                        "▲" if step > 0 else "▼",
                        "sym",
                        11,
                        T.delta_color(step),
                        "midright",
                    )
            else:
                bar = pygame.Rect(r.right - ui.px(150), r.centery - ui.px(3), ui.px(64), ui.px(6))
                ui.bar(bar, a[c], -100, 100, T.alignment_color(a[c]), centered=True)
                ui.text((r.right - ui.px(46), r.centery), f"{a[c]:+.0f}", "semibold", 14, T.TEXT, "midright")
            d = trend(session, c)
            if abs(d) >= 0.5 and not fog:
                arrow = "▲" if d > 0 else "▼"
                ui.text(
                    (r.right - ui.px(4), r.centery), f"{arrow}{abs(d):.0f}", "sym", 11, T.delta_color(d), "midright"
                )
            ui.hotspot(
                f"country:{rules.countries[c]}",
                r,
                payload=c,
                tooltip=f"{rules.labels.countries[c]}: {alignment_word(a[c])}",
            )
            y += row_h
        ui.end_scroll(y + ui.px(8))

    def _draw_orders(self, ui: Ui, rect: pygame.Rect, row: int, end_h: int) -> None:
        session = self.session
        pad = ui.px(14)
        x, width = rect.x + pad, rect.width - 2 * pad
        ui.rect(rect, (20, 26, 35))
        ui.line((rect.x, rect.y), (rect.right, rect.y), T.LINE)
        y = rect.y + ui.px(10)
        n = len(session.pending.orders)
        title = f"{self.rules.labels.actors[self.me]}'s orders".upper() if session.two_sided else "THIS WEEK'S ORDERS"
        ui.text((x, y), title + (f" ({n})" if n else ""), "semibold", 12, T.TEXT_FAINT)
        if n:
            ui.button(
                "clear",
                pygame.Rect(rect.right - pad - ui.px(72), y - ui.px(3), ui.px(72), ui.px(22)),
                "Clear all",
                kind="ghost",
                size=12,
            )
        y += ui.px(24)
        box = pygame.Rect(x, y, width, rect.bottom - end_h - pad - ui.px(8) - y)
        ui.begin_scroll("map.orders", box)
        if not n:
            ui.paragraph(
                x, y + ui.px(3), width, "None yet — open a country, pick a topic, Add.", size=13, color=T.TEXT_FAINT
            )
        for i, order in enumerate(session.pending.orders):
            r = pygame.Rect(x, y, width, row - ui.px(2))
            ui.text((r.x, r.centery), f"{i + 1}.", "semibold", 13, T.ACCENT, "midleft")
            text = session.describe(order)
            ui.text((r.x + ui.px(22), r.centery), text, "regular", 13, T.TEXT, "midleft", max_width=width - ui.px(60))
            if ui.width_of(text, "regular", 13) > width - ui.px(60):
                ui.hotspot(f"order:{i}", pygame.Rect(r.x, r.y, width - ui.px(34), r.height), tooltip=text)
            ui.button(
                f"undo:{i}",
                pygame.Rect(r.right - ui.px(28), r.y + 1, ui.px(26), r.height - 2),
                "×",
                payload=i,
                reason="take this order back (Ctrl+Z: the last one)",
                size=15,
            )
            y += row
        ui.end_scroll(y)
        week = session.turn + 1
        last = week >= self.rules.n_turns
        label = "End the crisis" if last else f"End week {week}"
        left = session.remaining()
        unused = f"{left['calls']} calls unused" if left["calls"] > 0 else ""
        handing = session.two_sided and any(a != self.me for a in session.waiting_for)
        if handing:  # the other player still has to give this week's orders
            label = f"Done: hand over to {self.rules.labels.actors[self.other]}"
        ui.button(
            "end_turn",
            pygame.Rect(x, rect.bottom - end_h - pad, width, end_h),
            label,
            kind="primary",
            hint="Space",
            size=17,
            reason=(
                ("Your orders are hidden, and the other player gives theirs" if handing else "Resolve the week")
                + (": " + unused if unused else "")
            ),
        )

    # dossier --------------------------------------------------------------------------------------------

    def _draw_dossier(self, ui: Ui, rect: pygame.Rect) -> None:
        session = self.session
        rules = self.rules
        sc = session.scenario
        c = self.selected
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
        groups = [rules.labels.groups[g] for g in self.my_groups(c)]
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
        marks = [float(getattr(rules, a)[c]) for a in RUNG_ATTRS if not math.isnan(getattr(rules, a)[c])]
        scale = pygame.Rect(x, y + ui.px(10), width, ui.px(8))
        if fog:
            ui.alignment_scale(scale, None, marks)
            band_bracket(ui, scale, a)
        else:
            ui.alignment_scale(scale, a, marks)
        y += ui.px(36)
        y = self._draw_builder(ui, x, y, width, c) + ui.px(16)
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
            ui.text((x + ui.px(12), y + ui.px(2)), f"— seeds/{src.seed}", "regular", 11, T.TEXT_FAINT)
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
        steps = ladder(sc)
        th = [
            (float(getattr(rules, attr)[c]), label) for label, _, rung, attr in steps if attr != "threshold_un_abstain"
        ]
        th = [] if fog else th[:3]  # a band's middle beside a threshold would claim more than the band says
        chart = pygame.Rect(x + ui.px(30), y + ui.px(4), width - ui.px(34), ui.px(92))
        line_chart(ui, chart, [(hist, T.TEXT, 2)], rules.n_turns, thresholds=th)
        y = chart.bottom + ui.px(24)
        # commitments ladder
        y = ui.heading(x, y, "Commitments if it ended now", width)
        now = commitments(rules, session.alignment()[None, :])
        reached = {
            "threshold_un_abstain": int(now.un_vote[0, c]) >= 1,
            "threshold_un_yes": int(now.un_vote[0, c]) >= 2,
            "threshold_sanctions": bool(now.sanctions[0, c]),
            "threshold_arms": bool(now.arms[0, c]),
            "threshold_energy": bool(now.energy[0, c]),
        }
        for label, meaning, rung, attr in steps:
            t = float(getattr(rules, attr)[c])
            if math.isnan(t):
                if rung == "energy" and not sc.country(c).energy_producer:
                    continue
                status, colour = "not open to it", T.TEXT_FAINT
            elif fog:  # whether, not by how much
                status, colour = ("✓ yes", T.GOOD) if reached[attr] else ("not yet", T.TEXT_DIM)
            elif reached[attr]:
                status, colour = f"✓ yes (from {t:+.0f})", T.GOOD
            else:
                need = t - a
                status = f"needs {signed(need, 0)} (at {t:+.0f})"
                colour = T.ACCENT if need <= 10 else T.TEXT_DIM
                if need <= 10:
                    status = "close: " + status
            status_w = ui.width_of(status, "sym", 12)
            r = ui.text((x, y), label, "regular", 13, T.TEXT, max_width=width - status_w - ui.px(10))
            ui.text((x + width, y), status, "sym", 12, colour, "topright")
            if meaning:
                ui.hotspot(f"rung:{attr}", pygame.Rect(x, y, r.width, r.height), tooltip=f"{label}: {meaning}")
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

    def _draw_builder(self, ui: Ui, x: int, y: int, width: int, c: int) -> int:
        session = self.session
        rules = self.rules
        y = ui.heading(x, y, "Act", width)
        y = self._draw_kinds(ui, x, y, width) + ui.px(10)
        kind = self.kind
        chip_h = ui.px(26)
        if kind == Kind.ENGAGE:
            rival = rules.labels.actors[self.other]
            tracks = ", ".join(rules.labels.tracks) if rules.labels.tracks else "the crisis"
            y = ui.paragraph(
                x,
                y,
                width,
                f"Talk to {rival} directly: it moves {tracks}, and the capitals watching react. Who talks?",
                size=12,
                color=T.TEXT_DIM,
            ) + ui.px(4)
            reactions = rules.engage_reaction[self.me]
            watched = sorted((float(v), rules.labels.countries[i]) for i, v in enumerate(reactions) if v != 0)
            if watched:
                text = "They react (a deputy's talks count less): " + ", ".join(
                    f"{name} {signed(v)}" for v, name in watched
                )
                y = ui.paragraph(x, y, width, text, size=11, color=T.TEXT_FAINT, max_lines=3) + ui.px(4)
            chips = [("engager:you", "You", -1, self.engager == -1, True, "you place the contact yourself")]
            for d in self.my_deputies():
                order = Order(
                    self.me, Kind.ENGAGE, self.topic if self.topic is not None else self.usable_topic(), deputy=d
                )
                reason = session.why_illegal(order) or ""
                deputy_reason = reason if rules.labels.deputies[d] in reason else ""
                chips.append(
                    (
                        f"engager:{rules.deputies[d]}",
                        rules.labels.deputies[d].split()[-1],
                        d,
                        self.engager == d,
                        not deputy_reason,
                        deputy_reason or rules.labels.deputies[d],
                    )
                )
            y = self._chips(ui, x, y, width, chips, chip_h)
        elif kind == Kind.VISIT:
            region = int(rules.region_of[c])
            others = [o for o in self.order_list if rules.region_of[o] == region and o != c]
            y = ui.paragraph(
                x,
                y,
                width,
                f"A trip costs your trip and {rules.visit_travel_calls} calls of travel. "
                f"Add up to {rules.visit_max_stops - 1} more capitals of "
                f"{rules.labels.regions[region]} (S):",
                size=12,
                color=T.TEXT_DIM,
            ) + ui.px(4)
            y = self._chips(
                ui,
                x,
                y,
                width,
                [
                    (f"stop:{rules.countries[o]}", rules.labels.countries[o], o, o in self.stops, True, "")
                    for o in others
                ],
                chip_h,
            )
        elif kind == Kind.DEPUTY_CALL:
            chips = []
            for d in self.my_deputies():
                order = Order(
                    self.me,
                    Kind.DEPUTY_CALL,
                    self.topic if self.topic is not None else self.usable_topic(),
                    (c,),
                    deputy=d,
                )
                reason = session.why_illegal(order)
                deputy_reason = reason if reason and rules.labels.deputies[d] in reason else ""
                spec = int(rules.deputy_specialty[d])
                spec_text = f"strongest on {rules.labels.topics[spec]}" if spec >= 0 else ""
                title = sc_title(session, d)
                chips.append(
                    (
                        f"deputy:{rules.deputies[d]}",
                        rules.labels.deputies[d].split()[-1],
                        d,
                        self.deputy == d,
                        not deputy_reason,
                        deputy_reason or f"{rules.labels.deputies[d]}, {title}\n{spec_text}",
                    )
                )
            y = ui.paragraph(
                x,
                y,
                width,
                "A deputy's call is weaker than yours but costs none of your calls; "
                "each deputy calls once a week (D cycles):",
                size=12,
                color=T.TEXT_DIM,
            ) + ui.px(4)
            y = self._chips(ui, x, y, width, chips, chip_h)
        elif kind == Kind.MULTILATERAL:
            groups = self.my_groups(c)
            if not groups:
                y = ui.paragraph(
                    x,
                    y,
                    width,
                    f"{rules.labels.countries[c]} is in no group. Use a call or a visit.",
                    size=13,
                    color=T.BAD,
                ) + ui.px(6)
            else:
                chips = []
                for g in groups:
                    order = Order(self.me, Kind.MULTILATERAL, self.usable_topic(), group=g)
                    reason = session.why_illegal(order) or ""
                    members = int(rules.group_members[g].sum())
                    chips.append(
                        (
                            f"group:{rules.groups[g]}",
                            rules.labels.groups[g],
                            g,
                            self.group == g,
                            not reason,
                            reason or f"one call to all {members} members; a smaller effect on each",
                        )
                    )
                y = ui.paragraph(
                    x, y, width, "Convene a group this country belongs to (G cycles):", size=12, color=T.TEXT_DIM
                ) + ui.px(4)
                y = self._chips(ui, x, y, width, chips, chip_h)
        else:
            y = ui.paragraph(
                x, y, width, "A call from you: one of this week's calls.", size=12, color=T.TEXT_DIM
            ) + ui.px(4)
        y += ui.px(6)
        # topics with the country's interest in each
        ui.text((x, y), "TOPIC", "semibold", 11, T.TEXT_FAINT)
        right_head = "MOVES THE TRACKS" if kind == Kind.ENGAGE else "ITS INTEREST"
        ui.text((x + width, y), right_head, "semibold", 11, T.TEXT_FAINT, "topright")
        y += ui.px(18)
        interest = session.state.interest[0, c]
        row_h = ui.px(28)
        for t in range(rules.n_topics):
            r = pygame.Rect(x, y, width, row_h - ui.px(3))
            if kind == Kind.ENGAGE:
                probe = Order(self.me, Kind.ENGAGE, t, deputy=self.engager)
            else:
                probe = Order(self.me, Kind.CALL, t, (c,))
            reason = session.why_illegal(probe) or ""
            # A refusal that names the topic is about the topic ("Washington has nothing to offer on ...",
            # "Moscow will not discuss ..."); others (no calls left) are the Add button's to show.
            topic_refused = reason if rules.labels.topics[t] in reason else ""
            chosen = self.topic == t
            if chosen:
                ui.rect(r, (60, 74, 96), ui.px(5))
                ui.rect(r, T.ACCENT, ui.px(5), width=1)
            colour = T.TEXT if not topic_refused else T.TEXT_FAINT
            ui.text(
                (r.x + ui.px(6), r.centery),
                f"{t + 1}",
                "semibold",
                12,
                T.ACCENT if not topic_refused else T.TEXT_FAINT,
                "midleft",
            )
            label = rules.labels.topics[t]
            if kind == Kind.DEPUTY_CALL and self.deputy is not None and rules.deputy_specialty[self.deputy] == t:
                label += "  ★"
            ui.text(
                (r.x + ui.px(22), r.centery),
                label,
                "sym" if "★" in label else "regular",
                13,
                colour,
                "midleft",
                max_width=width - ui.px(130),
            )
            desc = session.scenario.doc.topics[rules.topics[t]].description
            if kind == Kind.ENGAGE:
                gains = [
                    (rules.labels.tracks[k], float(rules.engage_gain[t, k]))
                    for k in range(len(rules.tracks))
                    if rules.engage_gain[t, k] != 0
                ]
                moves = "  ".join(f"{signed(g, 0)} {name.split()[0]}" for name, g in gains)
                ui.text((r.right - ui.px(4), r.centery), moves, "regular", 12, T.TEXT_DIM, "midright")
                tip = topic_refused or desc + "".join(f"\n{name} {signed(g, 0)} a contact" for name, g in gains)
            else:
                v = float(interest[t])
                bar = pygame.Rect(r.right - ui.px(100), r.centery - ui.px(4), ui.px(72), ui.px(8))
                ui.bar(bar, v, 0, 2, T.GOOD if v > 0 else T.BAD)
                if v < 0:
                    ui.bar(bar, -v, 0, 2, T.BAD)
                colour = T.TEXT_DIM if v >= 0 else T.BAD
                ui.text((r.right - ui.px(4), r.centery), f"{v:.1f}", "regular", 12, colour, "midright")
                lev = float(rules.leverage[self.me, t])
                tip = topic_refused or f"{desc}\nIts interest {v:.1f} · what you can offer {lev:.1f}" + (
                    "\nNegative interest: raising it pushes the country away" if v < 0 else ""
                )
            ui.hotspot(f"topic:{rules.topics[t]}", r, payload=t, enabled=not topic_refused, tooltip=tip)
            y += row_h
        return y

    def kind_rows(self, ui: Ui, width: int) -> list[list[tuple[Kind, str, str]]]:
        """The action buttons in rows: as many to a row as fit with their whole label; talks with the rival,
        when the scenario allows them, always on a row of their own."""
        gap = ui.px(6)
        plain = [b for b in self.kind_buttons() if b[0] != Kind.ENGAGE]
        need = max(
            ui.width_of(label, "semibold", 13) + ui.width_of(key, "regular", 11) + ui.px(34) for _, label, key in plain
        )
        per_row = len(plain)
        while per_row > 1 and (width - (per_row - 1) * gap) // per_row < need:
            per_row -= 1
        rows = [plain[i : i + per_row] for i in range(0, len(plain), per_row)]
        rows += [[b] for b in self.kind_buttons() if b[0] == Kind.ENGAGE]
        return rows

    def _draw_kinds(self, ui: Ui, x: int, y: int, width: int) -> int:
        gap = ui.px(6)
        h = ui.px(32)
        for row in self.kind_rows(ui, width):
            bw = (width - (len(row) - 1) * gap) // len(row)
            for i, (kind, label, key) in enumerate(row):
                ui.button(
                    f"kind:{kind.name.lower()}",
                    pygame.Rect(x + i * (bw + gap), y, bw, h),
                    label,
                    payload=int(kind),
                    selected=self.kind == kind,
                    hint=key,
                    size=13,
                    reason=self.kind_tip(kind),
                )
            y += h + gap
        return y - gap

    def _draw_add(self, ui: Ui, rect: pygame.Rect) -> None:
        """The Add button, pinned under the dossier so it never scrolls away, with the engine's refusal."""
        session = self.session
        pad = ui.px(14)
        x, width = rect.x + pad, rect.width - 2 * pad
        ui.line((rect.x, rect.y), (rect.right, rect.y), T.LINE)
        order, missing = self.current_order()
        reason = session.why_illegal(order) if order is not None else missing
        label = "Add this order" if order is not None and not reason else "Add order"
        ui.button(
            "add",
            pygame.Rect(x, rect.y + ui.px(8), width, ui.px(38)),
            label,
            kind="primary",
            enabled=not reason,
            reason=reason or "",
            hint="Enter",
            size=14,
        )
        if reason:
            text = ("Cannot add: " if order is not None else "To add an order, ") + reason
            colour = (250, 160, 150) if order is not None else T.TEXT_DIM
        else:
            text, colour = session.describe(order), T.TEXT
        ui.text((x, rect.y + ui.px(52)), text, "regular", 12, colour, max_width=width)

    def _chips(self, ui: Ui, x: int, y: int, width: int, chips, h: int) -> int:
        cx = x
        for id, label, payload, selected, enabled, tip in chips:
            w = ui.width_of(label, "semibold", 12) + ui.px(22)
            if cx + w > x + width and cx > x:
                cx = x
                y += h + ui.px(6)
            ui.button(
                id,
                pygame.Rect(cx, y, w, h),
                label,
                payload=payload,
                selected=selected,
                enabled=enabled,
                reason=tip,
                size=12,
            )
            cx += w + ui.px(6)
        return y + h + ui.px(8)

    # per frame ----------------------------------------------------------------------------------------

    def after_frame(self) -> None:
        self.staff.after_frame()

    def overlay(self, surface: pygame.Surface, mouse) -> list[pygame.Rect]:
        mv = self.app.mapview
        rect = self.rects.get("map")
        if mv is None or rect is None or mv.surface is None:
            return []
        if self.dragging:
            surface.fill(T.OCEAN, rect)
            clip = surface.get_clip()
            surface.set_clip(rect)
            surface.blit(mv.surface, (rect.x + self.drag_delta[0], rect.y + self.drag_delta[1]))
            surface.set_clip(clip)
            return [rect]
        if not rect.collidepoint(mouse) or self.app.hotspot_at(mouse) is not None:
            self.hover = -1
            return []
        local = (mouse[0] - rect.x, mouse[1] - rect.y)
        c = mv.pick(local, radius=round(7 * self.app.scale))
        self.hover = c
        drawn = []
        if c >= 0:
            clip = surface.get_clip()
            surface.set_clip(rect)
            box = mv.outline(surface, c, rect.topleft, T.ACCENT, 2)
            surface.set_clip(clip)
            if box is not None:
                drawn.append(box.clip(rect))
            session = self.session
            a = float(session.alignment()[c])
            d = trend(session, c)
            fog = fogged(session)
            shown = alignment_word(a) if fog else f"{a:+.0f}  {alignment_word(a)}"
            lines = [
                (self.rules.labels.countries[c], "semibold", T.TEXT),
                (shown, "regular", T.alignment_color(a) if a < -10 or a > 10 else T.TEXT),
            ]
            if session.weeks and fog:
                lines.append((f"{band_change(session, c)} last week", "regular", T.TEXT_DIM))
            elif session.weeks:
                lines.append((f"{'▲' if d >= 0 else '▼'} {signed(d)} last week", "sym", T.delta_color(d)))
            n = sum(c in self._order_countries(o) for o in session.pending.orders)
            if n:
                lines.append((f"{n} order{'s' if n > 1 else ''} queued", "regular", T.ACCENT))
            lines.append(("click for the dossier", "regular", T.TEXT_FAINT))
            box = draw_tooltip(surface, self.app.texts, self.app.scale, mouse, lines)
        else:
            name = mv.name_at(local)
            box = None
            if name:
                lines = [(name, "semibold", T.TEXT_DIM), ("not part of this crisis", "regular", T.TEXT_FAINT)]
                box = draw_tooltip(surface, self.app.texts, self.app.scale, mouse, lines)
        if box is not None:
            drawn.append(box)
        return drawn


def sc_title(session, d: int) -> str:
    code = session.rules.deputies[d]
    dep = session.scenario.doc.deputies.get(code)
    return dep.title if dep else ""
