"""The title screen's new-game settings as the form model (``game/ui/setup_form.py``) says them: difficulty,
weeks, who plays the rival, fog, the seed, and the game code of all this."""

from __future__ import annotations

import pygame

from game.classroom.codes import new_seed
from game.classroom.words import possessive
from game.sim.settings import DIFFICULTY_WORDS, NOISE_WORDS

from .. import theme as T
from ..catalog import ScenarioEntry
from ..flow import Flow
from ..setup_form import SetupForm
from ..widgets import Ui, copy_text

TWO_WAY = (("rival", "ai"), ("rival", "person"), ("fog", "off"), ("fog", "on"))


class SetupPanel:
    """Drawn inside the title screen's detail card.  Its clicks and, while one of its rows has the keyboard's
    focus, its keys change the form; the title screen keeps what the form settles (the scenario's settings in
    ``app.game_settings``, the seed in ``app.seed``)."""

    def __init__(self, screen):
        self.screen = screen

    # ------------------------------------------------------------------------------------------ the form

    def form(self) -> SetupForm | None:
        """The new-game form of the highlighted scenario (None when it cannot be played)."""
        screen = self.screen
        e = screen.entry
        if e is None or not e.playable:
            return None
        return SetupForm(e.scenario, screen.settings_for(e), screen.app.seed, screen.seed_fresh)

    def edit(self, field: str, change) -> None:
        """Change the form with ``change(form)`` and keep what it settles; a refusal is said in a toast."""
        screen, app = self.screen, self.screen.app
        form = self.form()
        if form is None:
            return
        why = change(form)
        if why:
            app.toast(why, "bad")
        if form.settings != screen.settings_for(screen.entry):
            app.game_settings[screen.key(screen.entry)] = form.settings
        if field == "seed" and not why:
            app.seed, app.seed_given = form.seed, True
            screen.seed_fresh = form.seed_fresh

    # ---------------------------------------------------------------------------------------- input

    def on_action(self, id: str, payload) -> Flow:
        screen, app = self.screen, self.screen.app
        if id.startswith("setup:"):
            _, row, what = id.split(":", 2)
            screen.set_focus(row)
            if row == "difficulty":
                self.edit(row, lambda form: form.choose(row, payload))
            elif row == "turns" and what in ("-", "+"):
                self.edit(row, lambda form: form.step(row, -1 if what == "-" else 1))
            elif (row, what) in TWO_WAY or (row == "staff" and what in ("on", "limited", "off")):
                self.edit(row, lambda form: form.choose(row, what))
            elif row == "staff" and what in ("-", "+"):
                self.edit(row, lambda form: form.staff_step(-1 if what == "-" else 1))
        elif id in ("seed_new", "seed_down", "seed_up"):
            screen.set_focus("seed")
            step = {"seed_down": -1, "seed_up": 1}.get(id)
            self.edit(
                "seed", lambda form: form.choose("seed", new_seed() if step is None else max(0, form.seed + step))
            )
        elif id == "copy_code":
            e = screen.entry
            code = screen.game_code(e)[0] if e is not None and e.playable else None
            if code and copy_text(code):
                app.toast(f"Copied {code}", "good", 2.5)
            elif code:
                app.toast("This system offers no clipboard here: write the code down", "bad")
        return None

    def on_key(self, event) -> Flow:
        """While a row has the focus: Esc back to the list, ↑ ↓ between rows, ← → (Space for a two-way row)
        change it; the seed also takes digits, Backspace and N (a new seed)."""
        screen, key, row = self.screen, event.key, self.screen.focus
        if key == pygame.K_ESCAPE:
            screen.set_focus("list")
            return True
        if key in (pygame.K_UP, pygame.K_DOWN):
            screen.move_focus(-1 if key == pygame.K_UP else 1)
            return True
        step = {pygame.K_LEFT: -1, pygame.K_RIGHT: 1}.get(key)
        if key == pygame.K_SPACE and row in ("rival", "fog"):
            step = 1
        if step is not None:
            self.edit(row, lambda form: form.step(row, step))
            return True
        if row == "seed":
            text = getattr(event, "unicode", "") or ""
            if text.isdigit() and len(text) == 1:
                self.edit(row, lambda form: form.type_digit(text))
                return True
            if key == pygame.K_BACKSPACE:
                self.edit(row, lambda form: form.erase_digit())
                return True
            if key == pygame.K_n:
                return self.on_action("seed_new", None) or True
        return None

    # ------------------------------------------------------------------------------------------- draw

    ROW_H = 30
    ROW_GAP = 10
    HEADING = "New game · teacher settings"
    # The game code's line under the settings; the Teacher screen shows the code in its own, larger box.
    WITH_CODE = True

    def height(self, ui: Ui) -> int:
        """Rule, heading, difficulty and its line, two rows of two settings, the staff's row, the code; and the
        card's pad."""
        row, gap = ui.px(self.ROW_H), ui.px(self.ROW_GAP)
        code = ui.px(40) if self.WITH_CODE else 0
        return ui.px(12) + ui.px(24) + row + ui.px(24) + 3 * (row + gap) + code + ui.px(22)

    def row(self, ui: Ui, rect: pygame.Rect, row: str, label: str, tip: str) -> int:
        """A setting's label (gold and ringed while the row has the keyboard); returns where its controls
        start."""
        focused = self.screen.focus == row
        if focused:
            ui.rect(rect.inflate(ui.px(10), ui.px(8)), T.ACCENT, ui.px(7), width=max(1, ui.px(1)))
        label_w = ui.px(92)
        r = ui.text(
            (rect.x, rect.centery),
            label,
            "semibold",
            13,
            T.ACCENT if focused else T.TEXT_DIM,
            "midleft",
            max_width=label_w - ui.px(6),
        )
        ui.hotspot(f"setup:{row}:focus", pygame.Rect(rect.x, rect.y, max(r.width, ui.px(40)), rect.height), tooltip=tip)
        return rect.x + label_w

    def draw(self, ui: Ui, rect: pygame.Rect, e: ScenarioEntry) -> None:
        settings = self.screen.settings_for(e)
        form = SetupForm(e.scenario, settings, self.screen.app.seed, self.screen.seed_fresh)
        doc = e.scenario.doc
        rival = doc.actors[doc.rival].name
        x, y, width = rect.x, rect.y, rect.width
        row, gap, small = ui.px(self.ROW_H), ui.px(self.ROW_GAP), ui.px(6)
        ui.line((x, y), (x + width, y), T.LINE)
        y = ui.heading(x, y + ui.px(12), self.HEADING, width)
        # difficulty: the four presets, and what the chosen one means
        cx = self.row(
            ui,
            pygame.Rect(x, y, width, row),
            "difficulty",
            "Difficulty",
            f"How strongly {rival} plays, and how much luck there is (← → change it)",
        )
        bw = min(ui.px(110), (x + width - cx - 3 * small) // 4)
        for i, option in enumerate(form.options("difficulty")):
            ui.button(
                f"setup:difficulty:{option.value}",
                pygame.Rect(cx + i * (bw + small), y, bw, row),
                option.label,
                payload=option.value,
                selected=option.selected,
                reason=option.tip,
                size=13,
            )
        y += row + ui.px(4)
        level = settings.difficulty
        if settings.two_sided:
            meaning = f"A second player plays {rival}; the difficulty sets only the luck: {NOISE_WORDS[settings.noise]}"
        elif level == "custom":
            meaning = f"Custom: {rival} plays '{settings.rival}', luck {settings.noise} ({NOISE_WORDS[settings.noise]})"
        else:
            meaning = DIFFICULTY_WORDS[level]
        ui.text((cx, y + ui.px(2)), meaning, "regular", 12, T.TEXT_DIM, max_width=x + width - cx)
        y += ui.px(24)
        col_w = (width - ui.px(24)) // 2
        right_x = x + col_w + ui.px(24)
        # weeks | who plays the rival
        cx = self.row(
            ui,
            pygame.Rect(x, y, col_w, row),
            "turns",
            "Weeks",
            "Play every week, or only the last ones: the weeks before go as history did (← → change it)",
        )
        shown = form.shown("turns")
        fewer, more = form.options("turns")
        sb = row
        for option, at in ((fewer, cx), (more, x + col_w - sb)):
            ui.button(
                f"setup:turns:{option.label.replace('−', '-')}",
                pygame.Rect(at, y, sb, row),
                option.label,
                enabled=option.offered,
                reason=option.tip,
                size=15,
            )
        ui.text(
            ((cx + sb + x + col_w - sb) // 2, y + row // 2),
            shown,
            "bold",
            15,
            T.TEXT,
            "center",
            max_width=x + col_w - cx - 2 * sb - small,
        )
        cx = self.row(
            ui,
            pygame.Rect(right_x, y, col_w, row),
            "rival",
            rival,
            f"Who plays {rival}: the computer, or a second player on this machine (hot seat)",
        )
        half = (right_x + col_w - cx - small) // 2
        ui.button(
            "setup:rival:ai",
            pygame.Rect(cx, y, half, row),
            "Computer",
            selected=not settings.two_sided,
            reason=f"the computer plays {rival} at the chosen difficulty",
            size=13,
        )
        ui.button(
            "setup:rival:person",
            pygame.Rect(cx + half + small, y, half, row),
            "2nd player",
            selected=settings.two_sided,
            reason=f"two players on one machine: a second player gives {possessive(rival)} orders, and "
            "a hand-over screen hides each side's orders from the other",
            size=13,
        )
        y += row + gap
        # fog | seed
        cx = self.row(
            ui,
            pygame.Rect(x, y, col_w, row),
            "fog",
            "Fog",
            "With fog the players see where a country stands in words, not its number, until the debrief",
        )
        half = (x + col_w - cx - small) // 2
        ui.button(
            "setup:fog:off",
            pygame.Rect(cx, y, half, row),
            "Off",
            selected=not settings.fog,
            reason="exact numbers",
            size=13,
        )
        ui.button(
            "setup:fog:on",
            pygame.Rect(cx + half + small, y, half, row),
            "On",
            selected=settings.fog,
            reason="bands: firmly with / leans to Moscow, on the fence, leans to / firmly with Washington",
            size=13,
        )
        cx = self.row(
            ui,
            pygame.Rect(right_x, y, col_w, row),
            "seed",
            "Seed",
            "The seed fixes the luck of every contact: the same code, the same dice (type digits, N: a new one)",
        )
        new_w = ui.px(56)
        value = pygame.Rect(cx + sb + small, y, right_x + col_w - cx - 2 * sb - new_w - 3 * small, row)
        ui.button("seed_down", pygame.Rect(cx, y, sb, row), "−", reason="previous seed", size=15)
        fresh = self.screen.focus == "seed" and self.screen.seed_fresh
        ui.rect(value, (16, 21, 29), ui.px(5))
        if self.screen.focus == "seed":
            ui.rect(value, T.ACCENT, ui.px(5), width=1)
        ui.text(
            value.center,
            f"{self.screen.app.seed}",
            "bold",
            15,
            T.ACCENT if fresh else T.TEXT,
            "center",
            max_width=value.width - ui.px(6),
        )
        ui.hotspot("setup:seed:type", value, tooltip="type a seed (digits), Backspace, ← → one up or down")
        ui.button("seed_up", pygame.Rect(value.right + small, y, sb, row), "+", reason="next seed", size=15)
        ui.button(
            "seed_new",
            pygame.Rect(right_x + col_w - new_w, y, new_w, row),
            "New",
            size=13,
            reason="a new random seed (N)",
        )
        y += row + gap
        self._staff_row(ui, x, y, col_w, right_x, row, small, form)
        y += row + gap + ui.px(4)
        if not self.WITH_CODE:
            return
        # the game code of all this
        code, problem = self.screen.game_code(e)
        ui.text((x, y + ui.px(14)), "Game code", "semibold", 13, T.TEXT_DIM, "midleft")
        cx = x + ui.px(92)
        if code:
            r = ui.text((cx, y + ui.px(14)), code, "bold", 22, T.ACCENT, "midleft")
            ui.hotspot("code_shown", r, tooltip="Write it on the board: every student who types it plays this game")
            copy = pygame.Rect(r.right + ui.px(12), y + ui.px(2), ui.px(70), ui.px(26))
            ui.button("copy_code", copy, "Copy", size=12, reason="copy the code to the clipboard")
            ui.text(
                (copy.right + ui.px(12), y + ui.px(14)),
                settings.describe(),
                "regular",
                12,
                T.TEXT_FAINT,
                "midleft",
                max_width=x + width - copy.right - ui.px(12),
            )
        else:
            ui.text(
                (cx, y + ui.px(14)),
                f"No game code: {problem}",
                "regular",
                12,
                T.TEXT_DIM,
                "midleft",
                max_width=x + width - cx,
            )

    def _staff_row(self, ui: Ui, x: int, y: int, col_w: int, right_x: int, row: int, small: int, form) -> None:
        """The teacher's say on "Ask your staff": on, limited or off, and for a limit how many a week."""
        cx = self.row(
            ui,
            pygame.Rect(x, y, col_w, row),
            "staff",
            "Staff",
            'May the players take orders from "Ask your staff"? On, a few a week, or off (← → change it)',
        )
        options = form.options("staff")
        third = (x + col_w - cx - 2 * small) // 3
        for i, option in enumerate(options):
            ui.button(
                f"setup:staff:{option.value}",
                pygame.Rect(cx + i * (third + small), y, third, row),
                option.label,
                selected=option.selected,
                reason=option.tip,
                size=13,
            )
        limited = form.value("staff") == "limited"
        label_x = right_x + ui.px(92)
        ui.text((right_x, y + row // 2), "Per week", "semibold", 13, T.TEXT_DIM, "midleft")
        sb = row
        ui.button(
            "setup:staff:-",
            pygame.Rect(label_x, y, sb, row),
            "−",
            enabled=limited and form.settings.staff > 1,
            reason="one suggestion fewer a week" if limited else "choose Limited first",
            size=15,
        )
        ui.button(
            "setup:staff:+",
            pygame.Rect(right_x + col_w - sb, y, sb, row),
            "+",
            enabled=limited,
            reason="one suggestion more a week" if limited else "choose Limited first",
            size=15,
        )
        ui.text(
            ((label_x + sb + right_x + col_w - sb) // 2, y + row // 2),
            form.shown("staff"),
            "bold",
            15,
            T.TEXT if limited else T.TEXT_FAINT,
            "center",
            max_width=right_x + col_w - label_x - 2 * sb - small,
        )
