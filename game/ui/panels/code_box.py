"""The title screen's box for a game code from the board: the typed code, the button that plays it, and the
one-line refusal of a code that cannot be played."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.classroom.codes import CodeError, parse_code, resolve_setup

from .. import theme as T
from ..flow import STAY, Flow
from ..widgets import TextEntry, Ui

CODE_EXAMPLE = "FTZ-081-0Y8-015"


class CodeBox:
    """Owns the box's text and its refusal; the title screen gives it the keys while the box has the focus."""

    def __init__(self, screen):
        self.screen = screen
        self.entry = TextEntry(max_length=40)
        self.error = ""

    def start(self, typed: str) -> None:
        """A code's first character typed anywhere: the box starts over with it."""
        self.entry.set("")
        self.entry.insert(typed)
        self.error = ""

    def on_action(self, id: str, payload) -> Flow:
        if id in ("code_entry", "code_play"):
            self.screen.set_focus("code")
            if id == "code_play":
                return self.play_code()
        return None

    def on_key(self, event) -> Flow:
        screen, key = self.screen, event.key
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return self.play_code()
        if key == pygame.K_ESCAPE:
            screen.set_focus("list")
        elif key in (pygame.K_UP, pygame.K_DOWN):
            screen.move_focus(-1 if key == pygame.K_UP else 1)
        elif key == pygame.K_F1:
            return False
        elif self.entry.handle_key(event):
            self.error = ""
        # Every other key stays in the box: C, L or R typed into a code must not continue, load or rescan.
        return True

    def play_code(self) -> Flow:
        """Start the game of the code in the box; a code that cannot be played says why under the box."""
        screen = self.screen
        text = self.entry.text
        if not text.strip():
            self.error = f"Type the game code from the board first, e.g. {CODE_EXAMPLE}"
            return STAY
        try:
            setup = parse_code(text)
            mine = [e.path for e in screen.entries if e.origin == "command line"]
            scenario = resolve_setup(setup, mine)
        except CodeError as exc:
            self.error = str(exc)
            return STAY
        self.error = ""
        screen.app.seed, screen.app.seed_given = max(0, setup.seed), True
        for i, e in enumerate(screen.entries):  # back on the title, the panel shows the code's game
            if _same_file(e.scenario, scenario):
                screen.highlight = i
                screen.app.game_settings[screen.key(e)] = setup.settings
        return screen.app.new_game(scenario, setup.seed, setup.settings)

    CODE_ERROR_LINES = 4  # the longest refusal (a scenario this version lacks, with the ones it has) fits

    def error_lines(self, ui: Ui, width: int) -> list[str]:
        """The refusal under the box as it is drawn: after the warning sign, in the regular face."""
        return ui.wrap(self.error, "regular", 12, width - ui.px(16)) if self.error else [""]

    def height(self, ui: Ui, width: int) -> int:
        lines = min(len(self.error_lines(ui, width)), self.CODE_ERROR_LINES)
        return ui.px(24) + ui.px(38) + ui.px(8) + lines * ui.line_height("regular", 12)

    def draw(self, ui: Ui, rect: pygame.Rect) -> None:
        y = ui.heading(rect.x, rect.y, "Have a game code?", rect.width)
        bw = ui.px(112)
        box = pygame.Rect(rect.x, y, rect.width - bw - ui.px(8), ui.px(38))
        self.entry.draw(
            ui,
            "code_entry",
            box,
            self.screen.focus == "code",
            placeholder=f"e.g. {CODE_EXAMPLE}",
            size=17,
            tooltip="Type the code from the board (Tab to here, or just start typing it)",
        )
        typed = bool(self.entry.text.strip())
        ui.button(
            "code_play",
            pygame.Rect(box.right + ui.px(8), y, bw, box.height),
            "Play code",
            kind="primary" if typed else "secondary",
            size=14,
            reason="start the game of this code",
        )
        y = box.bottom + ui.px(8)
        if self.error:
            indent = ui.px(16)
            ui.text((rect.x, y), "⚠", "sym", 12, T.BAD)
            bottom = ui.paragraph(
                rect.x + indent,
                y,
                rect.width - indent,
                self.error,
                "regular",
                12,
                T.BAD,
                spacing=1.0,
                max_lines=self.CODE_ERROR_LINES,
            )
            if len(self.error_lines(ui, rect.width)) > self.CODE_ERROR_LINES:  # the whole line on hover
                ui.hotspot("code_error", pygame.Rect(rect.x, y, rect.width, bottom - y), tooltip=self.error)
        else:
            ui.text(
                (rect.x, y),
                "Upper or lower case, with or without dashes: it starts that game.",
                "regular",
                12,
                T.TEXT_FAINT,
                max_width=rect.width,
            )


def _same_file(a, b) -> bool:
    """Are two loaded scenarios the same file?"""
    if a is None or b is None or a.path is None or b.path is None:
        return False
    try:
        return Path(a.path).resolve() == Path(b.path).resolve()
    except OSError:
        return False
