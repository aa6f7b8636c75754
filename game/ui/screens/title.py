"""Title and scenario picker: bundled scenarios, the player's folder, a file from the command line; continue
the last autosave; load, settings, help, quit."""

from __future__ import annotations

import random
from pathlib import Path

import pygame

from .. import paths
from .. import theme as T
from ..app import Screen
from ..catalog import ScenarioEntry, build_catalog
from ..widgets import Ui
from .common import backdrop, card


class TitleScreen(Screen):
    name = "title"

    def __init__(self, app):
        super().__init__(app)
        self.entries: list[ScenarioEntry] = []
        self.highlight = 0
        self.refresh()

    def refresh(self) -> None:
        extra = self.app.entry_path
        self.entries, self.highlight = build_catalog(extra)
        if self.app.entry_name:
            for i, e in enumerate(self.entries):
                if e.path.stem == self.app.entry_name or (e.scenario and e.scenario.id == self.app.entry_name):
                    self.highlight = i
        self.autosave = paths.slot_info(paths.AUTOSAVE)

    def on_enter(self) -> None:
        self.autosave = paths.slot_info(paths.AUTOSAVE)

    @property
    def entry(self) -> ScenarioEntry | None:
        return self.entries[self.highlight] if self.entries else None

    # ----------------------------------------------------------------------------------------- input

    def start_highlighted(self) -> None:
        entry = self.entry
        if entry is None:
            return
        if not entry.playable:
            self.app.toast(f"{entry.path.name} has errors: {entry.errors[0].message}", "bad", 5)
            return
        self.app.new_game(entry.scenario)

    def on_action(self, id: str, payload) -> None:
        app = self.app
        if id.startswith("scenario:"):
            if payload == self.highlight:
                self.start_highlighted()
            self.highlight = payload
        elif id == "start":
            self.start_highlighted()
        elif id == "continue":
            app.load_slot(paths.AUTOSAVE)
        elif id == "load":
            from .dialogs import SavesScreen

            app.push(SavesScreen(app, mode="load"))
        elif id == "replays":
            from .replayview import ReplayListScreen

            app.push(ReplayListScreen(app))
        elif id == "settings":
            from .dialogs import SettingsScreen

            app.push(SettingsScreen(app))
        elif id == "help":
            from .dialogs import HelpScreen

            app.push(HelpScreen(app))
        elif id == "quit":
            app.quit(0)
        elif id == "seed_new":
            app.seed = random.SystemRandom().randrange(1, 1_000_000)
        elif id == "seed_down":
            app.seed = max(0, app.seed - 1)
        elif id == "seed_up":
            app.seed += 1
        elif id == "rescan":
            self.refresh()
            app.toast(f"{len(self.entries)} scenarios found", "info")

    def on_key(self, event) -> bool:
        key = event.key
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.start_highlighted()
        elif key in (pygame.K_DOWN, pygame.K_TAB) and not event.mod & pygame.KMOD_SHIFT:
            self.highlight = (self.highlight + 1) % max(1, len(self.entries))
        elif key == pygame.K_UP or (key == pygame.K_TAB and event.mod & pygame.KMOD_SHIFT):
            self.highlight = (self.highlight - 1) % max(1, len(self.entries))
        elif key == pygame.K_c and self.autosave.exists:
            self.app.load_slot(paths.AUTOSAVE)
        elif key == pygame.K_l:
            self.on_action("load", None)
        elif key == pygame.K_p:
            self.on_action("replays", None)
        elif key == pygame.K_r:
            self.on_action("rescan", None)
        else:
            # Esc has nothing to close on the title screen (quit is a button or Ctrl+Q): swallow it
            return key == pygame.K_ESCAPE
        return True

    def state(self) -> dict:
        e = self.entry
        return {
            "highlight": self.highlight,
            "scenarios": [
                {"title": x.title, "origin": x.origin, "playable": x.playable, "error": x.first_error}
                for x in self.entries
            ],
            "selected_scenario": e.title if e else None,
        }

    # ------------------------------------------------------------------------------------------ draw

    def draw(self, ui: Ui) -> None:
        app = self.app
        w, h = app.size
        backdrop(app, ui)
        margin = ui.px(48)
        x = margin
        y = ui.px(40)
        ui.text((x, y), "FLOOD THE ZONE", "bold", 52, T.TEXT)
        y += ui.px(64)
        ui.text(
            (x + ui.px(2), y),
            "A game of crisis diplomacy — win allies between Washington and Moscow, one call at a time.",
            "regular",
            17,
            T.TEXT_DIM,
            max_width=w - 2 * margin,
        )
        y += ui.px(44)
        left_w = min(ui.px(520), (w - 2 * margin) * 45 // 100)
        list_rect = pygame.Rect(x, y, left_w, h - y - ui.px(150))
        self._draw_list(ui, list_rect)
        detail = pygame.Rect(list_rect.right + ui.px(24), y, w - margin - list_rect.right - ui.px(24), list_rect.height)
        self._draw_detail(ui, detail)
        self._draw_buttons(ui, pygame.Rect(x, list_rect.bottom + ui.px(20), w - 2 * margin, ui.px(48)))
        folder = paths.user_scenarios_dir()
        ui.text(
            (x, h - ui.px(40)),
            f"Your own scenarios go in {folder}  ·  Press R to look again  ·  F1 help",
            "regular",
            12,
            T.TEXT_FAINT,
            max_width=w - 2 * margin,
        )

    def _draw_list(self, ui: Ui, rect: pygame.Rect) -> None:
        ui.heading(rect.x, rect.y, "Choose a crisis", rect.width)
        top = rect.y + ui.px(26)
        area = ui.begin_scroll("title.list", pygame.Rect(rect.x, top, rect.width, rect.bottom - top))
        y = area.rect.y
        row_h = ui.px(78)
        for i, e in enumerate(self.entries):
            r = pygame.Rect(rect.x, y, rect.width - ui.px(8), row_h - ui.px(8))
            chosen = i == self.highlight
            bg = (52, 64, 84) if chosen else T.PANEL
            ui.rect(r, bg, ui.px(8))
            if chosen:
                ui.rect(r, T.ACCENT, ui.px(8), width=max(2, ui.px(2)))
            tx = r.x + ui.px(14)
            ui.text(
                (tx, r.y + ui.px(10)),
                e.title,
                "bold",
                19,
                T.TEXT if e.playable else (250, 170, 160),
                max_width=r.width - ui.px(200 if e.has_tutorial else 130),
            )
            tag = {"bundled": "bundled", "yours": "your folder", "command line": "from the command line"}[e.origin]
            if e.has_tutorial:  # a gold badge, so that a new player sees where to start
                badge = "TUTORIAL · START HERE" if e.origin == "bundled" else "TUTORIAL"
                bw = ui.width_of(badge, "semibold", 11) + ui.px(14)
                pill = pygame.Rect(r.right - ui.px(10) - bw, r.y + ui.px(10), bw, ui.px(20))
                ui.rect(pill, T.ACCENT, ui.px(10))
                ui.text(pill.center, badge, "semibold", 11, (25, 25, 25), "center")
            else:
                ui.text((r.right - ui.px(12), r.y + ui.px(14)), tag, "semibold", 11, T.TEXT_FAINT, "topright")
            sub_color = T.TEXT_DIM if e.playable else (250, 150, 140)
            sub = e.subtitle if e.playable else e.errors[0].message if e.errors else e.subtitle
            ui.text((tx, r.y + ui.px(40)), sub, "regular", 14, sub_color, max_width=r.width - ui.px(28))
            ui.hotspot(f"scenario:{i}", r, payload=i)
            y += row_h
        if not self.entries:
            ui.paragraph(
                rect.x,
                y,
                rect.width,
                "No scenario files found. The bundled scenarios are missing; "
                "reinstall the game or put a scenario in your folder (below).",
                size=15,
                color=T.BAD,
            )
            y += ui.px(60)
        ui.end_scroll(y)

    def _draw_detail(self, ui: Ui, rect: pygame.Rect) -> None:
        e = self.entry
        if e is None or rect.width < ui.px(200):
            return
        card(ui, rect, (22, 28, 38))
        pad = ui.px(22)
        x, y, width = rect.x + pad, rect.y + pad, rect.width - 2 * pad
        ui.begin_scroll("title.detail", rect.inflate(-2, -2))
        if e.playable:
            doc = e.scenario.doc
            ui.text((x, y), doc.title, "bold", 26, T.TEXT, max_width=width)
            y += ui.px(36)
            cal = doc.calendar
            facts = (
                f"{cal.weeks} weekly turns  ·  {cal.start:%-d %b %Y} → {cal.resolves:%-d %b %Y}  ·  "
                f"{len(doc.countries)} countries"
            )
            ui.text((x, y), facts, "semibold", 13, T.ACCENT, max_width=width)
            y += ui.px(28)
            y = ui.paragraph(x, y, width, doc.summary, size=15, color=T.TEXT) + ui.px(12)
            ui.heading(x, y, "You play", width)
            y += ui.px(22)
            y = ui.paragraph(x, y, width, doc.role, size=14, color=T.TEXT_DIM) + ui.px(12)
            seed_y = y
            ui.heading(x, seed_y, "Seed", width)
            y = seed_y + ui.px(24)
            ui.text((x, y + ui.px(4)), f"{self.app.seed}", "bold", 18, T.TEXT)
            bx = x + ui.px(110)
            bw = ui.px(34)
            ui.button("seed_down", pygame.Rect(bx, y, bw, ui.px(30)), "−", reason="previous seed")
            ui.button("seed_up", pygame.Rect(bx + bw + ui.px(6), y, bw, ui.px(30)), "+", reason="next seed")
            ui.button(
                "seed_new",
                pygame.Rect(bx + 2 * (bw + ui.px(6)), y, ui.px(110), ui.px(30)),
                "New seed",
                reason="the seed fixes the luck of every contact: share it to replay the same crisis",
            )
            y += ui.px(40)
            y = ui.paragraph(
                x,
                y,
                width,
                "The same scenario, seed and orders always give the same game.",
                size=12,
                color=T.TEXT_FAINT,
            )
        else:
            ui.text((x, y), e.path.name, "bold", 22, (250, 170, 160), max_width=width)
            y += ui.px(32)
            y = ui.paragraph(x, y, width, f"{e.path}", size=12, color=T.TEXT_FAINT) + ui.px(6)
            y = ui.paragraph(
                x,
                y,
                width,
                "This scenario cannot be played until these errors are fixed (python -m game validate lists them all):",
                size=14,
                color=T.TEXT,
            ) + ui.px(8)
            for p in e.errors[:12]:
                # An error inherited through ``extends`` lives in another file: name it.
                where = "" if Path(p.file) == e.path else f"{Path(p.file).name}, "
                y = ui.paragraph(
                    x,
                    y,
                    width,
                    f"{where}line {p.line}, column {p.column}: {p.code} {p.message}",
                    size=13,
                    color=(250, 170, 160),
                ) + ui.px(6)
            if len(e.errors) > 12:
                y = ui.paragraph(x, y, width, f"… and {len(e.errors) - 12} more", size=13, color=T.TEXT_DIM)
        ui.end_scroll(y + pad)

    def _draw_buttons(self, ui: Ui, rect: pygame.Rect) -> None:
        e = self.entry
        x, y, h = rect.x, rect.y, rect.height
        playable = e is not None and e.playable
        reason = "" if playable else (e.first_error if e else "no scenario")
        ui.button(
            "start",
            pygame.Rect(x, y, ui.px(200), h),
            "Start",
            kind="primary",
            enabled=playable,
            reason=reason,
            hint="Enter",
            size=17,
        )
        x += ui.px(212)
        save = self.autosave
        if save.exists and not save.problem:
            label = f"Continue · week {save.week + 1}"
            tip = f"{save.scenario}, saved {save.saved}"
        else:
            label = "Continue"
            tip = "the autosave is unreadable" if save.problem else "no game to continue yet"
        ui.button("continue", pygame.Rect(x, y, ui.px(200), h), label, enabled=save.exists, reason=tip, hint="C")
        x += ui.px(212)
        ui.button("load", pygame.Rect(x, y, ui.px(130), h), "Load…", hint="L")
        x += ui.px(142)
        ui.button("replays", pygame.Rect(x, y, ui.px(190), h), "Open a replay", hint="P")
        x += ui.px(202)
        ui.button("settings", pygame.Rect(x, y, ui.px(130), h), "Settings")
        x += ui.px(142)
        ui.button("help", pygame.Rect(x, y, ui.px(110), h), "Help", hint="F1")
        ui.button("quit", pygame.Rect(rect.right - ui.px(110), y, ui.px(110), h), "Quit", kind="ghost", hint="^Q")
