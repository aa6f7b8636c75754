"""Title and scenario picker: bundled scenarios, the player's folder, a file from the command line; the new
game's teacher settings and its game code; a box for a game code from the board; continue the last
autosave; load, open a replay, the Teacher screen (T), settings, help, quit.

Keyboard: Tab / Shift+Tab move the focus between the scenario list, the settings (difficulty, weeks, who
plays the rival, fog, seed) and the game-code box; ↑ ↓ move within the list or between the settings, ← →
change the focused setting, Enter starts the game (in the code box: the code's game).  Typing a code's
first character (F, or a digit) while the list has the focus goes straight into the code box.

The settings are a form model (``game/ui/setup_form.py``) drawn by ``panels/setup_panel.py``, the code box is
``panels/code_box.py``; each panel handles the clicks on what it drew and the keys while it has the focus.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from game.dates import day_text

from .. import paths
from .. import theme as T
from ..catalog import ScenarioEntry, build_catalog
from ..flow import STAY, Flow, Open, Quit
from ..panels.base import PanelHost
from ..panels.code_box import CodeBox
from ..panels.setup_panel import SetupPanel
from ..screen import Screen
from ..widgets import TextEntry, Ui
from .common import ChosenSetup, backdrop, card

SETUP_ROWS = ("difficulty", "turns", "rival", "fog", "seed", "staff")
FOCUS_ORDER = ("list", *SETUP_ROWS, "code")


class TitleScreen(ChosenSetup, PanelHost, Screen):
    name = "title"

    def __init__(self, app):
        super().__init__(app)
        self.entries: list[ScenarioEntry] = []
        self.highlight = 0
        self.focus = "list"
        self.seed_fresh = False  # the first digit typed on the focused seed replaces it
        self._codes: dict[tuple, tuple[str | None, str]] = {}
        self.owners = {}  # hotspot id -> the panel that registered it, this frame
        self.setup = SetupPanel(self)
        self.code_box = CodeBox(self)
        self.refresh()
        start = app.start_settings  # a game code from the command line: its settings for its scenario
        if start is not None and self.entry is not None and self.entry.playable and self._named(self.entry):
            app.game_settings[self.key(self.entry)] = start
        app.start_settings = None

    def refresh(self) -> None:
        extra = self.app.entry_path
        self.entries, self.highlight = build_catalog(extra)
        if self.app.entry_name:
            # A name means what it means to simulate: the bundled scenario first, a file of one's own with the
            # same name or id only when there is no bundled one (the list keeps bundled files first).
            for i, e in enumerate(self.entries):
                if e.path.stem == self.app.entry_name or e.scenario_id == self.app.entry_name:
                    self.highlight = i
                    break
        self.autosave = paths.slot_info(paths.AUTOSAVE)

    def on_enter(self) -> None:
        self.autosave = paths.slot_info(paths.AUTOSAVE)

    @property
    def code_entry(self) -> TextEntry:
        return self.code_box.entry

    @property
    def code_error(self) -> str:
        return self.code_box.error

    @property
    def entry(self) -> ScenarioEntry | None:
        return self.entries[self.highlight] if self.entries else None

    def _named(self, e: ScenarioEntry) -> bool:
        """Is this the entry the command line named?"""
        app = self.app
        if app.entry_path is not None:
            return e.origin == "command line" or e.path.resolve() == app.entry_path.resolve()
        return app.entry_name is not None and (
            e.path.stem == app.entry_name or (e.scenario_id is not None and e.scenario_id == app.entry_name)
        )

    # ------------------------------------------------------------------------------------ the new game

    def set_focus(self, focus: str) -> None:
        if focus != self.focus and focus == "seed":
            self.seed_fresh = True
        self.focus = focus
        if focus == "code":
            pygame.key.start_text_input()

    def move_focus(self, step: int) -> None:
        order = [f for f in FOCUS_ORDER if f not in SETUP_ROWS or (self.entry is not None and self.entry.playable)]
        i = order.index(self.focus) if self.focus in order else 0
        self.set_focus(order[(i + step) % len(order)])

    # ------------------------------------------------------------------------------------------ a code

    # ----------------------------------------------------------------------------------------- input

    def start_highlighted(self, asked: bool = False) -> Flow:
        """Start the highlighted scenario; over an unfinished game in the autosave, ask first (``asked``: the
        player said yes)."""
        entry = self.entry
        if entry is None:
            return STAY
        if not entry.playable:
            self.app.toast(f"{entry.path.name} has errors: {entry.errors[0].message}", "bad", 5)
            return STAY
        save = paths.slot_info(paths.AUTOSAVE)
        if save.in_progress and not self._over(save) and not asked and not self.app.demo:
            return Open(
                "confirm",
                title="Start a new game?",
                body=f"The autosave holds a game in progress ({self._title_of(save.scenario)}, {save.where}, "
                f"saved {save.saved}). "
                "It stays there until the new game's first week ends, and is then replaced; to keep it, go Back "
                "and continue it (C), then save it to a slot from the menu.",
                yes="Start the new game",
                action=lambda: self.start_highlighted(asked=True),
            )
        return self.app.new_game(entry.scenario, self.app.seed, self.settings_for(entry))

    def _title_of(self, scenario_id: str) -> str:
        return next((e.title for e in self.entries if e.playable and e.scenario_id == scenario_id), scenario_id)

    def _over(self, save: paths.SlotInfo) -> bool:
        """Is the saved game finished?  (A save made before saves said so: by its scenario's length.)"""
        return save.over or any(
            e.playable and e.scenario_id == save.scenario and save.week >= (e.turns or 0) for e in self.entries
        )

    def on_action(self, id: str, payload) -> Flow:
        app = self.app
        if id.startswith("scenario:"):
            self.focus = "list"
            again = payload == self.highlight
            self.highlight = payload
            if again:
                return self.start_highlighted()
        elif id == "start":
            return self.start_highlighted()
        elif id == "continue":
            return app.load_slot(paths.AUTOSAVE)
        elif id == "load":
            return Open("saves", mode="load")
        elif id in ("replays", "settings", "help"):
            return Open(id)
        elif id == "teacher":
            # The Teacher screen opens on the crisis highlighted here, with the options chosen for it.
            return Open("teacher", start=self.key(self.entry) if self.entry is not None else "")
        elif id == "quit":
            return Quit(0)
        elif id == "rescan":
            self.refresh()
            app.toast(f"{len(self.entries)} scenarios found", "info")
        else:
            return self.panel_action(id, payload)
        return None

    def on_key(self, event) -> Flow:
        key = event.key
        shift = event.mod & pygame.KMOD_SHIFT
        if key == pygame.K_TAB:
            self.move_focus(-1 if shift else 1)
            return True
        if self.focus == "code":
            return self.code_box.on_key(event)
        if self.focus in SETUP_ROWS and self.entry is not None and self.entry.playable:
            answer = self.setup.on_key(event)
            if answer:
                return answer
        typed = getattr(event, "unicode", "") or ""
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.start_highlighted()
        elif key == pygame.K_DOWN:
            self.highlight = (self.highlight + 1) % max(1, len(self.entries))
        elif key == pygame.K_UP:
            self.highlight = (self.highlight - 1) % max(1, len(self.entries))
        elif self.focus == "list" and len(typed) == 1 and (typed.isdigit() or typed in "fF"):
            # A game code begins with FTZ or a digit: typing one starts the code, wherever the focus was.
            self.set_focus("code")
            self.code_box.start(typed)
        elif key == pygame.K_c and self.autosave.exists:
            return self.app.load_slot(paths.AUTOSAVE)
        elif key == pygame.K_l:
            return self.on_action("load", None)
        elif key == pygame.K_p:
            return self.on_action("replays", None)
        elif key == pygame.K_t:
            return self.on_action("teacher", None)
        elif key == pygame.K_r:
            self.on_action("rescan", None)
        else:
            # Esc has nothing to close on the title screen (quit is a button or Ctrl+Q): swallow it
            return key == pygame.K_ESCAPE
        return True

    def state(self) -> dict:
        e = self.entry
        setup = {}
        if e is not None and e.playable:
            code, problem = self.game_code(e)
            setup = {"setup": self.settings_for(e).to_dict(), "game_code": code, "no_code": problem}
        return {
            **setup,
            "focus": self.focus,
            "code_text": self.code_entry.text,
            "code_error": self.code_error,
            "highlight": self.highlight,
            "scenarios": [
                {"title": x.title, "origin": x.origin, "playable": x.playable, "error": x.first_error}
                for x in self.entries
            ],
            "selected_scenario": e.title if e else None,
        }

    # ------------------------------------------------------------------------------------------ draw

    def draw(self, ui: Ui) -> None:
        self.owners = {}
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
        left_w = min(ui.px(460), (w - 2 * margin) * 37 // 100)
        column = pygame.Rect(x, y, left_w, h - y - ui.px(150))
        code_h = self.code_box.height(ui, left_w)
        list_rect = pygame.Rect(x, y, left_w, column.height - code_h - ui.px(16))
        self._draw_list(ui, list_rect)
        self.drawn_by(
            self.code_box, ui, self.code_box.draw, ui, pygame.Rect(x, list_rect.bottom + ui.px(16), left_w, code_h)
        )
        detail = pygame.Rect(column.right + ui.px(24), y, w - margin - column.right - ui.px(24), column.height)
        self._draw_detail(ui, detail)
        self._draw_buttons(ui, pygame.Rect(x, column.bottom + ui.px(20), w - 2 * margin, ui.px(48)))
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
            if chosen:  # gold while the list has the keyboard, quieter while the settings or the code box have it
                ring = T.ACCENT if self.focus == "list" else T.TEXT_FAINT
                ui.rect(r, ring, ui.px(8), width=max(2, ui.px(2)))
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
        # The new game's settings are pinned under the scenario's description, which scrolls above them.
        setup_h = self.setup.height(ui) if e.playable else 0
        described = rect.inflate(-2, -2)
        described.height -= setup_h
        ui.begin_scroll("title.detail", described)
        if e.playable:
            doc = e.scenario.doc
            ui.text((x, y), doc.title, "bold", 26, T.TEXT, max_width=width)
            y += ui.px(36)
            cal = doc.calendar
            facts = (
                f"{cal.weeks} weekly turns  ·  {day_text(cal.start, '%b %Y')} → {day_text(cal.resolves, '%b %Y')}  ·  "
                f"{len(doc.countries)} countries"
            )
            ui.text((x, y), facts, "semibold", 13, T.ACCENT, max_width=width)
            y += ui.px(28)
            y = ui.paragraph(x, y, width, doc.summary, size=15, color=T.TEXT) + ui.px(12)
            ui.heading(x, y, "You play", width)
            y += ui.px(22)
            y = ui.paragraph(x, y, width, doc.role, size=14, color=T.TEXT_DIM)
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
        if e.playable:
            self.drawn_by(
                self.setup, ui, self.setup.draw, ui, pygame.Rect(x, described.bottom, width, setup_h - pad), e
            )

    def _draw_buttons(self, ui: Ui, rect: pygame.Rect) -> None:
        e = self.entry
        y, h = rect.y, rect.height
        playable = e is not None and e.playable
        reason = "" if playable else (e.first_error if e else "no scenario")
        save = self.autosave
        if save.exists and not save.problem:
            # A finished game's autosave opens its debrief: "week 14" of a 13-week crisis would say otherwise.
            over = self._over(save)
            label = "Continue · debrief" if over else f"Continue · week {save.week + 1}"
            tip = f"{save.scenario}, saved {save.saved}"
        else:
            label = "Continue"
            tip = "the autosave is unreadable" if save.problem else "no game to continue yet"
        teacher_tip = "prepare a class (options, game code, handout) and grade the games it hands in"
        # (id, width at scale 1, label, hint, options)
        row = [
            ("start", 180, "Start", "Enter", {"kind": "primary", "enabled": playable, "reason": reason, "size": 17}),
            ("continue", 200, label, "C", {"enabled": save.exists, "reason": tip}),
            ("load", 110, "Load…", "L", {}),
            ("replays", 170, "Open a replay", "P", {}),
            ("teacher", 120, "Teacher", "T", {"reason": teacher_tip}),
            ("settings", 110, "Settings", "", {}),
            ("help", 100, "Help", "F1", {}),
        ]
        gap, quit_width = ui.px(10), ui.px(110)
        room = rect.width - quit_width - 2 * gap - gap * (len(row) - 1)
        wanted = sum(ui.px(width) for _, width, *_ in row)
        # At the narrowest windows the row would run under Quit: the buttons shrink together and drop their key
        # hints (the keys still work, and the help lists them) rather than overlap.
        fit = min(1.0, room / wanted)
        x = rect.x
        for id, width, text, hint, options in row:
            w = int(ui.px(width) * fit)
            ui.button(id, pygame.Rect(x, y, w, h), text, hint=hint if fit == 1.0 else "", **options)
            x += w + gap
        ui.button("quit", pygame.Rect(rect.right - quit_width, y, quit_width, h), "Quit", kind="ghost", hint="^Q")
